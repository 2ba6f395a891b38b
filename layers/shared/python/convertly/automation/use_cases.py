"""Automation use cases: workflows (draft, publish, pause, clone, delete), their enrolments and step
counts, manual enrolment, a test run, a contact's and a lead's workflows, and the manual actions
queue."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import PutError

from convertly.accounts import service as accounts
from convertly.automation import inbound, keys, timers
from convertly.automation import store as repo
from convertly.automation.definition import Definition, Trigger, walk
from convertly.automation.domain import (
    DryRunRequest,
    Enrolment,
    EnrolmentPage,
    EnrolRequest,
    EnrolResult,
    ManualAction,
    ManualActionComplete,
    ManualActionPage,
    PublishedWorkflow,
    PublishedWorkflowList,
    StepCounts,
    StepRun,
    SubjectWorkflows,
    Workflow,
    WorkflowCreate,
    WorkflowList,
    WorkflowUpdate,
)
from convertly.automation.items import (
    EnrolmentItem,
    ManualActionItem,
    WorkflowItem,
    WorkflowVersionItem,
)
from convertly.automation.webhooks import url_problem
from convertly.billing import service as billing
from convertly.contacts import service as contacts
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.permissions import Permission
from convertly.pipelines import service as pipelines
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.snapstart import preload
from convertly.platform.store.items import plain
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_WORKFLOWS = 200
# The engine (with its actions and messaging) runs enrolments: the routes that read and edit workflows
# never load it (a SnapStart snapshot holds it: preload).
preload("convertly.automation.engine")


def _plain(value: Any) -> dict[str, Any] | None:
    return None if value is None else plain(value)


def to_workflow(item: WorkflowItem, counts: dict[str, StepCounts] | None = None) -> Workflow:
    return Workflow(
        workflow_id=item.workflow_id,
        name=item.name,
        description=item.description,
        status=item.status,  # type: ignore[arg-type]
        trigger_type=item.trigger_type,
        draft=_plain(item.draft) or {},
        live=_plain(item.live),
        live_version=int(item.live_version or 0),
        changed_since_publish=bool(item.changed_since_publish),
        enrolled=int(item.enrolled or 0),
        active=max(0, int(item.active or 0)),
        created_at=item.created_at,
        updated_at=item.updated_at,
        published_at=item.published_at,
        version=int(item.version or 1),
        step_counts=counts or {},
    )


def _found(tenant_id: str, workflow_id: str) -> WorkflowItem:
    item = repo.get_workflow(tenant_id, workflow_id)
    if item is None:
        raise NotFoundError("No such workflow", code="workflow_not_found")
    return item


def _automation(principal: Principal, what: str) -> None:
    billing.require_feature(principal.tenant_id, billing.Feature.AUTOMATION, what)


def list_workflows(principal: Principal, status: str | None = None) -> WorkflowList:
    items = [i for i in repo.workflows_of(principal.tenant_id) if status is None or i.status == status]
    items.sort(key=lambda i: i.updated_at, reverse=True)
    return WorkflowList(items=[to_workflow(i) for i in items])


def published_workflows(principal: Principal) -> PublishedWorkflowList:
    """What someone who enrols contacts may choose from: the published workflows, by name."""
    items = sorted(
        (i for i in repo.workflows_of(principal.tenant_id) if i.status == "published"),
        key=lambda i: i.name.casefold(),
    )
    return PublishedWorkflowList(
        items=[
            PublishedWorkflow(workflow_id=i.workflow_id, name=i.name, trigger_type=i.trigger_type)
            for i in items
        ]
    )


def _counts(tenant_id: str, item: WorkflowItem) -> dict[str, StepCounts]:
    """Per step of the published version: waiting, done, failed, skipped (one Query)."""
    counts: dict[str, StepCounts] = {}
    if item.live_version:
        for stats in repo.stats_of(tenant_id, item.workflow_id, int(item.live_version)):
            counts[str(stats.step_id)] = StepCounts(
                waiting=max(0, int(stats.waiting or 0)),
                done=int(stats.done or 0),
                failed=int(stats.failed or 0),
                skipped=int(stats.skipped or 0),
            )
    return counts


def get_workflow(principal: Principal, workflow_id: str) -> Workflow:
    item = _found(principal.tenant_id, workflow_id)
    return to_workflow(item, _counts(principal.tenant_id, item))


def _template(tenant_id: str, template_id: str) -> Any:
    from convertly.messaging import service as messaging  # only to publish a workflow that sends

    return messaging.get_item(tenant_id, template_id)


def _step_problem(tenant_id: str, step: Any, users: set[str], stages: set[tuple[str, str]]) -> str | None:
    if step.kind == "webhook":
        return url_problem(step.url)
    if step.kind == "send_email":
        template = _template(tenant_id, step.template_id)
        return (
            None
            if template is not None and template.channel == "email"
            else "Choose an email template that exists"
        )
    if step.kind == "send_sms":
        template = _template(tenant_id, step.template_id)
        return (
            None
            if template is not None and template.channel == "sms"
            else "Choose an SMS template that exists"
        )
    if step.kind in ("assign_owner", "notify"):
        unknown = [u for u in step.user_ids if u != "owner" and u not in users]
        return "Choose users of this account" if unknown else None
    if step.kind in ("create_task", "schedule_followup", "manual_action"):
        return None if step.assignee == "owner" or step.assignee in users else "Choose a user of this account"
    if step.kind == "move_stage":
        return None if (step.pipeline_id, step.stage_id) in stages else "Choose a stage that exists"
    if step.kind == "enrol":
        return (
            None
            if repo.get_workflow(tenant_id, step.workflow_id) is not None
            else "Choose a workflow that exists"
        )
    return None


def _is_date_field(tenant_id: str, trigger: Trigger) -> bool:
    if trigger.target == "lead" and trigger.field_key == "close_date":
        return True
    defined = fields.definitions(tenant_id, str(trigger.target))
    return any(d["key"] == trigger.field_key and d["type"] == "date" for d in defined)


def _check_references(tenant_id: str, definition: Definition) -> None:
    """What the steps name exists in this account: templates, users, stages, workflows."""
    users = {str(u.user_id) for u in accounts.team_members(tenant_id)}
    stages = {
        (str(entry.pipeline.pipeline_id), str(stage.stage_id))
        for entry in pipelines.pipelines_of(tenant_id)
        for stage in entry.stages
    }
    errors: dict[str, str] = {}
    for step in walk(definition.steps):
        problem = _step_problem(tenant_id, step, users, stages)
        if problem:
            errors[f"steps.{step.id}"] = problem
    trigger = definition.trigger
    if trigger.pipeline_id and trigger.pipeline_id not in {p for p, _ in stages}:
        errors["trigger.pipeline_id"] = "Choose a pipeline that exists"
    for name in ("from_stage_id", "to_stage_id"):
        stage_id = getattr(trigger, name)
        if stage_id and stage_id not in {s for _, s in stages}:
            errors[f"trigger.{name}"] = "Choose a stage that exists"
    if trigger.type == "date_reached" and not _is_date_field(tenant_id, trigger):
        errors["trigger.field_key"] = f"Choose a date field of the {trigger.target}"
    if errors:
        raise ValidationError(
            "Some steps name things that do not exist", code="invalid_workflow", fields=errors
        )


def create_workflow(principal: Principal, request: WorkflowCreate) -> Workflow:
    _automation(principal, "Automation")
    if len(repo.workflows_of(principal.tenant_id)) >= MAX_WORKFLOWS:
        raise ConflictError(f"An account has at most {MAX_WORKFLOWS} workflows", code="too_many_workflows")
    definition = request.definition or Definition(trigger=Trigger(type="lead_created"))
    _check_references(principal.tenant_id, definition)
    at, workflow_id = iso(), new_id()
    definition = inbound.with_hook(principal, workflow_id, definition)  # a webhook trigger's hook
    item = WorkflowItem(
        keys.workflows(principal.tenant_id),
        keys.workflow_sk(workflow_id),
        workflow_id=workflow_id,
        tenant_id=principal.tenant_id,
        name=request.name,
        description=request.description or None,
        status="draft",
        draft=definition.dump(),
        trigger_type=definition.trigger.type,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
        updated_by=principal.user_id,
        version=1,
    )
    item.save(condition=WorkflowItem.PK.does_not_exist())
    return to_workflow(item)


def _stale(item: WorkflowItem | None) -> ConflictError:
    details = {"workflow": to_workflow(item).model_dump(mode="json")} if item else None
    return ConflictError(
        "Someone else changed this workflow: reload it", code="stale_version", details=details
    )


def _save(item: WorkflowItem, expected: int) -> None:
    item.version = expected + 1
    try:
        item.save(condition=WorkflowItem.version == expected)
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise _stale(repo.get_workflow(item.tenant_id, item.workflow_id)) from error


def update_workflow(principal: Principal, workflow_id: str, request: WorkflowUpdate) -> Workflow:
    item = _found(principal.tenant_id, workflow_id)
    if int(item.version or 1) != request.version:
        raise _stale(item)
    if request.name is not None:
        item.name = request.name
    if "description" in request.model_fields_set:
        item.description = request.description or None
    if request.definition is not None:
        _check_references(principal.tenant_id, request.definition)
        request.definition = inbound.with_hook(principal, workflow_id, request.definition)
        draft = request.definition.dump()
        item.draft = draft
        item.trigger_type = request.definition.trigger.type
        item.changed_since_publish = bool(item.live_version) and draft != (_plain(item.live) or {})
    item.updated_at, item.updated_by = iso(), principal.user_id
    repo.index_workflow(item)
    _save(item, request.version)
    return to_workflow(item, _counts(principal.tenant_id, item))


def publish_workflow(principal: Principal, workflow_id: str, version: int) -> Workflow:
    """The draft becomes a new numbered version that new enrolments run on; enrolments on older
    versions finish on theirs."""
    _automation(principal, "Automation")
    item = _found(principal.tenant_id, workflow_id)
    if int(item.version or 1) != version:
        raise _stale(item)
    definition = Definition.model_validate(_plain(item.draft) or {})
    if not definition.steps:
        raise ValidationError(
            "Add at least one step before publishing", code="no_steps", fields={"steps": "Empty"}
        )
    _check_references(principal.tenant_id, definition)
    number, at = int(item.live_version or 0) + 1, iso()
    version_item = WorkflowVersionItem(
        keys.workflow(principal.tenant_id, workflow_id),
        keys.version_sk(number),
        workflow_id=workflow_id,
        number=number,
        definition=definition.dump(),
        published_at=at,
        published_by=principal.user_id,
    )
    item.live, item.live_version, item.status = definition.dump(), number, "published"
    item.published_at, item.updated_at, item.updated_by = at, at, principal.user_id
    item.changed_since_publish = False
    repo.index_workflow(item)
    item.version = version + 1
    tx = Transaction()
    tx.put("version", version_item, condition=WorkflowVersionItem.PK.does_not_exist())
    tx.put("workflow", item, condition=WorkflowItem.version == version)
    if definition.trigger.type in timers.TIMED_TRIGGERS:
        # the timers of the leads (contacts) there already are, set in the background
        tx.put("backfill", outbox_item(timers.backfill_event(principal.tenant_id, workflow_id, number)))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise _stale(repo.get_workflow(principal.tenant_id, workflow_id)) from error
    return to_workflow(item, _counts(principal.tenant_id, item))


def pause_workflow(principal: Principal, workflow_id: str, version: int) -> Workflow:
    """No new enrolments; the running ones go on to their end."""
    item = _found(principal.tenant_id, workflow_id)
    if int(item.version or 1) != version:
        raise _stale(item)
    if item.status != "published":
        raise ConflictError("Only a published workflow can be paused", code="not_published")
    item.status, item.updated_at, item.updated_by = "paused", iso(), principal.user_id
    repo.index_workflow(item)
    _save(item, version)
    return to_workflow(item)


def clone_workflow(principal: Principal, workflow_id: str) -> Workflow:
    source = _found(principal.tenant_id, workflow_id)
    definition = Definition.model_validate(_plain(source.draft) or {})
    return create_workflow(
        principal,
        WorkflowCreate(
            name=f"{source.name} (copy)"[:120], description=source.description, definition=definition
        ),
    )


def delete_workflow(principal: Principal, workflow_id: str) -> None:
    item = _found(principal.tenant_id, workflow_id)
    if item.status == "published":
        raise ConflictError("Pause the workflow before deleting it", code="workflow_published")
    if int(item.active or 0) > 0:
        raise ConflictError(
            "Contacts are still going through this workflow: wait for them to finish or end their enrolments",
            code="workflow_active",
        )
    item.delete(condition=WorkflowItem.PK.exists())


# Enrolments --------------------------------------------------------------------------------------


def to_enrolment(item: EnrolmentItem, steps: list[Any] | None = None) -> Enrolment:
    return Enrolment(
        enrolment_id=item.enrolment_id,
        workflow_id=item.workflow_id,
        workflow_name=item.workflow_name,
        workflow_version=int(item.workflow_version),
        contact_id=item.contact_id,
        lead_id=item.lead_id,
        subject_name=item.subject_name or "",
        status=item.status,  # type: ignore[arg-type]
        position=item.position,
        wake_at=item.wake_at,
        waiting_for=item.waiting_for,
        trigger=_plain(item.trigger) or {},
        dry_run=bool(item.dry_run),
        started_at=item.started_at,
        finished_at=item.finished_at,
        outcome=item.outcome,
        steps=(
            [
                StepRun(
                    step_id=s.step_id,
                    kind=s.kind,
                    name=s.name,
                    status=s.status,
                    detail=s.detail,
                    attempts=int(s.attempts or 1),
                    started_at=s.started_at,
                    finished_at=s.finished_at,
                )
                for s in steps
            ]
            if steps is not None
            else None
        ),
    )


def list_enrolments(
    principal: Principal, workflow_id: str, status: str | None, cursor: str | None, limit: int
) -> EnrolmentPage:
    _found(principal.tenant_id, workflow_id)
    condition = EnrolmentItem.status == status if status else None
    items, next_cursor = query_page(
        EnrolmentItem.gsi1,
        keys.workflow_enrolments(principal.tenant_id, workflow_id),
        limit=limit,
        cursor=cursor,
        filter_condition=condition,
        index_keys=("GSI1PK", "GSI1SK"),
    )
    return EnrolmentPage(items=[to_enrolment(i) for i in items], next_cursor=next_cursor)


def _visible_enrolment(principal: Principal, enrolment_id: str) -> EnrolmentItem:
    item = repo.get_enrolment(principal.tenant_id, enrolment_id)
    if item is None:
        raise NotFoundError("No such enrolment", code="enrolment_not_found")
    if not principal.can(Permission.AUTOMATION_MANAGE):
        _check_subject(principal, item.contact_id, item.lead_id)
    return item


def _check_subject(principal: Principal, contact_id: str | None, lead_id: str | None) -> None:
    """404 unless the user may see the lead (or else the contact)."""
    try:
        if lead_id:
            leads.visible_lead(principal, lead_id)
        elif contact_id:
            contacts.visible_contact(principal, contact_id)
    except ForbiddenError as error:
        raise NotFoundError("No such enrolment", code="enrolment_not_found") from error


def get_enrolment(principal: Principal, enrolment_id: str) -> Enrolment:
    item = _visible_enrolment(principal, enrolment_id)
    return to_enrolment(item, repo.steps_of(principal.tenant_id, enrolment_id))


def end_enrolment(principal: Principal, enrolment_id: str) -> Enrolment:
    from convertly.automation import engine

    item = _visible_enrolment(principal, enrolment_id)
    if item.status not in ("running", "waiting"):
        raise ConflictError("This enrolment is over already", code="enrolment_over")
    engine.Runner().end(item, f"Ended by {principal.name or 'a person'}")
    return get_enrolment(principal, enrolment_id)


def _subject_workflows(principal: Principal, items: list[EnrolmentItem]) -> SubjectWorkflows:
    shown = [to_enrolment(i) for i in items if not i.dry_run]
    return SubjectWorkflows(
        active=[e for e in shown if e.status in ("running", "waiting")],
        past=[e for e in shown if e.status not in ("running", "waiting")],
    )


def contact_workflows(principal: Principal, contact_id: str) -> SubjectWorkflows:
    contacts.visible_contact(principal, contact_id)
    return _subject_workflows(principal, repo.contact_enrolments(principal.tenant_id, contact_id, 50))


def lead_workflows(principal: Principal, lead_id: str) -> SubjectWorkflows:
    leads.visible_lead(principal, lead_id)
    return _subject_workflows(principal, list(repo.lead_enrolments(principal.tenant_id, lead_id))[:50])


def published_workflow(principal: Principal, workflow_id: str) -> WorkflowItem:
    """A workflow one may enrol in now: it exists, is published, and the plan has automation."""
    _automation(principal, "Automation")
    workflow = _found(principal.tenant_id, workflow_id)
    if workflow.status != "published":
        raise ConflictError("Publish the workflow before enrolling anyone", code="not_published")
    return workflow


def enrol_record(
    principal: Principal, workflow: WorkflowItem, kind: str, record_id: str, request_key: str
) -> str:
    """Put one lead (or contact) the user sees in the workflow; the enrolment's id, made from the
    request key, so the same request enrols once. NotFoundError: no such record for this user;
    ConflictError `already_enrolled`: the workflow takes no one twice."""
    from convertly.automation import engine
    from convertly.automation.actions import derived_id

    try:
        if kind == "lead":
            lead = leads.visible_lead(principal, record_id)
            if lead.deleted_at:
                raise NotFoundError("deleted")
            contact_id, lead_id, name = lead.contact_id, record_id, str(leads.display_name(lead))
        else:
            contact, _ = contacts.visible_contact(principal, record_id)
            if contact.deleted_at:
                raise NotFoundError("deleted")
            contact_id, lead_id = record_id, None
            name = " ".join(p for p in (contact.first_name, contact.last_name) if p) or str(
                contact.email or ""
            )
    except (NotFoundError, ForbiddenError) as error:
        raise NotFoundError(f"No such {kind}", code=f"{kind}_not_found") from error
    enrolment_id = derived_id(principal.tenant_id, workflow.workflow_id, kind, record_id, request_key)
    enrolment = engine.enrol(
        workflow,
        contact_id=contact_id,
        lead_id=lead_id,
        trigger={
            "type": "manual",
            "label": f"Enrolled by {principal.name or 'a person'}",
            "by": principal.user_id,
        },
        enrolment_id=enrolment_id,
        depth=0,
        subject_name=name,
        announce=True,
    )
    if enrolment is None:
        raise ConflictError("Already enrolled: the workflow takes no one twice", code="already_enrolled")
    return enrolment_id


def enrol_manually(principal: Principal, workflow_id: str, request: EnrolRequest) -> EnrolResult:
    """Put contacts and leads the user sees in a published workflow; each runs in the background.
    The same request key twice enrols once."""
    workflow = published_workflow(principal, workflow_id)
    request_key = request.request_key or new_id()
    enrolled: list[str] = []
    skipped: list[dict[str, str]] = []
    subjects = [("lead", i) for i in dict.fromkeys(request.lead_ids)] + [
        ("contact", i) for i in dict.fromkeys(request.contact_ids)
    ]
    for kind, record_id in subjects:
        try:
            enrolled.append(enrol_record(principal, workflow, kind, record_id, request_key))
        except NotFoundError:
            skipped.append({"id": record_id, "reason": f"No such {kind}"})
        except ConflictError:
            skipped.append({"id": record_id, "reason": "Already enrolled (the workflow takes no one twice)"})
    return EnrolResult(enrolled=enrolled, skipped=skipped)


def test_run(principal: Principal, workflow_id: str, request: DryRunRequest) -> Enrolment:
    """Run the workflow for a contact in dry-run mode: every step says what it would do; nothing is
    written to the records, and no email, SMS or webhook leaves."""
    from convertly.automation import engine

    workflow = _found(principal.tenant_id, workflow_id)
    _check_subject(principal, request.contact_id, request.lead_id)
    contact_id: str | None
    if request.lead_id:
        lead = leads.get_lead(principal.tenant_id, request.lead_id)
        if lead is None:
            raise NotFoundError("No such lead", code="lead_not_found")
        contact_id = request.contact_id or lead.contact_id
    else:
        contact_id = request.contact_id
    definition = Definition.model_validate(
        (_plain(workflow.draft) if request.use_draft or not workflow.live else _plain(workflow.live)) or {}
    )
    engine.remember_draft(principal.tenant_id, workflow_id, definition)
    trial = WorkflowItem(
        keys.workflows(principal.tenant_id),
        keys.workflow_sk(workflow_id),
        workflow_id=workflow_id,
        tenant_id=principal.tenant_id,
        name=workflow.name,
        live_version=engine.DRAFT_VERSION if request.use_draft else int(workflow.live_version or 0),
        trigger_type=workflow.trigger_type,
        created_at=workflow.created_at,
        created_by=workflow.created_by,
        updated_at=workflow.updated_at,
        updated_by=workflow.updated_by,
    )
    if (
        not request.use_draft
        and engine.version_definition(principal.tenant_id, workflow_id, int(workflow.live_version or 0))
        is None
    ):
        raise ConflictError("The workflow has no published version", code="not_published")
    enrolment_id = new_id()
    contact = contacts.get_contact(principal.tenant_id, contact_id) if contact_id else None
    lead_item = leads.get_lead(principal.tenant_id, request.lead_id) if request.lead_id else None
    enrolment = engine.enrol(
        trial,
        contact_id=contact_id,
        lead_id=request.lead_id,
        trigger={"type": "test", "label": f"Test run by {principal.name or 'a person'}"},
        enrolment_id=enrolment_id,
        depth=0,
        dry_run=True,
        subject_name=_subject_name(contact, lead_item),
    )
    if enrolment is None:
        raise ConflictError("The test could not start", code="test_failed")
    engine.Runner().advance(principal.tenant_id, enrolment_id)
    return get_enrolment(principal, enrolment_id)


def _subject_name(contact: Any | None, lead: Any | None) -> str:
    if contact is not None:
        name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        if name or contact.email:
            return str(name or contact.email)
    return str(leads.display_name(lead)) if lead is not None else ""


# Manual actions ----------------------------------------------------------------------------------


def to_manual_action(item: ManualActionItem, names: dict[str, str]) -> ManualAction:
    return ManualAction(
        action_id=item.action_id,
        action_type=item.action_type,  # type: ignore[arg-type]
        assignee_id=item.assignee_id,
        assignee_name=names.get(item.assignee_id),
        workflow_id=item.workflow_id,
        workflow_name=item.workflow_name,
        enrolment_id=item.enrolment_id,
        contact_id=item.contact_id,
        lead_id=item.lead_id,
        subject_name=item.subject_name or "",
        phone=item.phone,
        note=item.note,
        template_id=item.template_id,
        status=item.status,  # type: ignore[arg-type]
        outcome=item.outcome,
        outcome_note=item.outcome_note,
        created_at=item.created_at,
        completed_at=item.completed_at,
    )


def _names(tenant_id: str, items: list[ManualActionItem]) -> dict[str, str]:
    users = accounts.users_of((tenant_id, u) for u in {i.assignee_id for i in items})
    return {str(u.user_id): str(u.name) for u in users}


def list_manual_actions(
    principal: Principal,
    *,
    assignee_id: str | None,
    workflow_id: str | None,
    status: str,
    cursor: str | None,
    limit: int,
) -> ManualActionPage:
    """The team's queue (Admin, Manager) or one's own, by date added; by workflow and assignee."""
    if not principal.can(Permission.WORK_ASSIGN):
        if assignee_id not in (None, principal.user_id):
            raise ForbiddenError("You see your own manual actions only", code="forbidden")
        assignee_id = principal.user_id
    done = status == "done"
    partition = keys.manual_queue(principal.tenant_id, assignee_id, done=done)
    index = ManualActionItem.gsi2 if assignee_id else ManualActionItem.gsi1
    names = ("GSI2PK", "GSI2SK") if assignee_id else ("GSI1PK", "GSI1SK")
    condition = ManualActionItem.workflow_id == workflow_id if workflow_id else None
    items, next_cursor = query_page(
        index,
        partition,
        limit=limit,
        cursor=cursor,
        filter_condition=condition,
        forward=not done,
        index_keys=names,
    )
    open_count = 0 if done else index.count(partition, filter_condition=condition)
    return ManualActionPage(
        items=[to_manual_action(i, _names(principal.tenant_id, items)) for i in items],
        next_cursor=next_cursor,
        open_count=open_count,
    )


def _visible_action(principal: Principal, action_id: str) -> ManualActionItem:
    item = repo.get_manual_action(principal.tenant_id, action_id)
    if item is None or (not principal.can(Permission.WORK_ASSIGN) and item.assignee_id != principal.user_id):
        raise NotFoundError("No such manual action", code="manual_action_not_found")
    return item


def get_manual_action(principal: Principal, action_id: str) -> ManualAction:
    item = _visible_action(principal, action_id)
    return to_manual_action(item, _names(principal.tenant_id, [item]))


def complete_manual_action(
    principal: Principal, action_id: str, request: ManualActionComplete
) -> ManualAction:
    """Done: the outcome is kept, and the workflow goes on from the step after it. Completing it
    twice answers the first completion."""
    from convertly.automation import engine

    item = _visible_action(principal, action_id)
    if item.status == "done":
        return to_manual_action(item, _names(principal.tenant_id, [item]))
    at = iso()
    item.status, item.outcome, item.outcome_note = "done", request.outcome, request.note or None
    item.completed_at, item.completed_by = at, principal.user_id
    repo.index_manual_action(item)
    try:
        item.save(condition=ManualActionItem.status == "open")
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        return get_manual_action(principal, action_id)
    enrolment = repo.get_enrolment(principal.tenant_id, item.enrolment_id)
    if enrolment is not None:
        verb = "Called" if item.action_type == "call" else "Texted"
        detail = f"{verb} by {principal.name or 'someone'}: {request.outcome.replace('_', ' ')}"
        engine.Runner().continue_after_manual_action(enrolment, detail)
    return to_manual_action(item, _names(principal.tenant_id, [item]))


def delete_manual_action(principal: Principal, action_id: str) -> None:
    """Made by mistake: gone, and its enrolment ends (it waited for it)."""
    from convertly.automation import engine

    item = _visible_action(principal, action_id)
    item.delete()
    enrolment = repo.get_enrolment(principal.tenant_id, item.enrolment_id)
    if enrolment is not None and enrolment.status == "waiting" and enrolment.waiting_for == "manual_action":
        engine.Runner().end(enrolment, f"Ended: {principal.name or 'someone'} deleted its manual action")
