"""What each step does, once, for one enrolment.

Every action is safe to run again after a crash: what it creates has an id made from the enrolment
and the step (a task, a follow-up, a manual action, an email), so a second run finds it instead of
making another; what it changes (a tag, an owner, a field, a stage) it sets, so a second run changes
nothing. Writes that belong to the step itself (an email in the mail outbox, an in-app notification,
a manual action) go into the step's own completion transaction (`Outcome.writes`). A choice a retry
must repeat (the round robin's turn) is kept in the step's record (`decision`).

In a dry run (a workflow's test) nothing is written and nothing leaves: each action says what it
would do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from convertly.accounts import service as accounts
from convertly.automation import conditions, keys, webhooks
from convertly.automation.definition import Definition, branch_start, next_after
from convertly.automation.items import ManualActionItem, RotationItem
from convertly.contacts import service as contacts
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.messaging import service as messaging
from convertly.notifications import service as notifications
from convertly.pipelines import service as pipelines
from convertly.platform.changelog import log_entry
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, ConvertlyError, NotFoundError
from convertly.platform.money import from_cents
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction
from convertly.work import service as work

NEXT: Any = object()  # the step after this one, as the tree says
WRITE_ATTEMPTS = 3
CHECK_EVERY = timedelta(minutes=15)  # a wait for a condition looks again at least this often


class Permanent(Exception):
    """A step that cannot succeed however often it is tried (a deleted template, no such stage)."""


@dataclass
class Outcome:
    status: str  # done | skipped | failed | waiting
    detail: str
    next_step: Any = NEXT
    wake_at: str | None = None
    waiting_for: str | None = None  # time | manual_action
    end: str | None = None  # the enrolment ends here, and why
    writes: list[Callable[[Transaction], None]] = field(default_factory=list)
    decision: dict[str, Any] | None = None


def derived_id(*parts: str) -> str:
    """An id made from the enrolment and the step: the same on every run of the step."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:26].upper()


@dataclass
class StepContext:
    tenant_id: str
    enrolment_id: str
    workflow_id: str
    workflow_name: str
    definition: Definition
    principal: Principal
    now: datetime
    dry_run: bool
    contact: Any | None
    lead: Any | None
    time_zone: str | None
    decision: dict[str, Any] | None = None  # what an earlier attempt of this step chose
    users: dict[tuple[str, str], Any] = field(default_factory=dict)  # read once per runner

    def facts(self) -> conditions.Facts:
        return conditions.facts_of(self.lead, self.contact, now=self.now, time_zone=self.time_zone)

    def refresh(self) -> None:
        if self.lead is not None:
            self.lead = leads.get_lead(self.tenant_id, self.lead.lead_id)
        if self.contact is not None:
            self.contact = contacts.get_contact(self.tenant_id, self.contact.contact_id)

    @property
    def owner_id(self) -> str | None:
        if self.lead is not None and self.lead.owner_id:
            return str(self.lead.owner_id)
        if self.contact is not None and self.contact.owner_id:
            return str(self.contact.owner_id)
        return None

    def subject_name(self) -> str:
        if self.contact is not None:
            name = " ".join(p for p in (self.contact.first_name, self.contact.last_name) if p)
            return name or str(self.contact.email or self.contact.phone or "the contact")
        if self.lead is not None:
            return str(leads.display_name(self.lead))
        return "the contact"

    def user(self, assignee: str) -> Any | None:
        """The active user a step names ("owner": the lead's, else the contact's), or None."""
        user_id = self.owner_id if assignee == "owner" else assignee
        if not user_id:
            return None
        user = self.any_user(user_id)
        return user if user is not None and getattr(user, "status", "active") != "deactivated" else None

    def any_user(self, user_id: str) -> Any | None:
        key = (self.tenant_id, user_id)
        if key not in self.users:
            self.users[key] = accounts.get_user(self.tenant_id, user_id)
        return self.users[key]


def _name_of(ctx: StepContext, user_id: str) -> str:
    user = ctx.any_user(user_id)
    return str(user.name) if user is not None else "someone no longer in the account"


def _retrying(write: Callable[[], Any]) -> Any:
    """A write through another capability's use case, tried again when a concurrent edit made it stale."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return write()
        except ConflictError as error:
            if error.code not in {"stale_version", "write_conflict"} or attempt == WRITE_ATTEMPTS:
                raise
    return None


# Owners ------------------------------------------------------------------------------------------


def assign_owner(step: Any, ctx: StepContext) -> Outcome:
    if ctx.owner_id and step.only_if_unowned:
        return Outcome("skipped", f"Already owned by {_name_of(ctx, ctx.owner_id)}")
    chosen = (ctx.decision or {}).get("user_id") or _choose_owner(step, ctx)
    if chosen is None:
        return Outcome("skipped", "None of the chosen users is active")
    name = _name_of(ctx, chosen)
    if ctx.dry_run:
        return Outcome("done", f"Would assign to {name}", decision={"user_id": chosen})
    _set_owner(ctx, chosen)
    ctx.refresh()
    return Outcome("done", f"Assigned to {name}", decision={"user_id": chosen})


def _set_owner(ctx: StepContext, chosen: str) -> None:
    """The lead's owner (or, without a lead, the contact's)."""
    if ctx.lead is not None:
        _edit_lead(ctx, lambda lead: {"owner_id": (lead.owner_id, chosen)})
    elif ctx.contact is not None:
        _edit_contact(ctx, lambda c: {"owner_id": (c.owner_id, chosen)})


def _active_users(ctx: StepContext, user_ids: list[str]) -> list[str]:
    found = {str(u.user_id): u for u in accounts.users_of((ctx.tenant_id, u) for u in user_ids)}
    return [u for u in user_ids if u in found and getattr(found[u], "status", "active") != "deactivated"]


def _choose_owner(step: Any, ctx: StepContext) -> str | None:
    users = _active_users(ctx, [str(u) for u in step.user_ids])
    if not users:
        return None
    if step.mode == "user" or len(users) == 1:
        return users[0]
    if step.mode == "least_loaded":
        load = pipelines.open_leads_by_owner(ctx.tenant_id)
        return min(users, key=lambda u: (load.get(u, 0), users.index(u)))
    if ctx.dry_run:
        return users[0]
    rotation = RotationItem(keys.rotation(ctx.tenant_id), keys.rotation_sk(ctx.workflow_id, step.id))
    rotation.update(
        actions=[RotationItem.type.set(RotationItem), RotationItem.turns.add(1)]
    )  # reads the count back
    return users[(int(rotation.turns or 1) - 1) % len(users)]


# Work --------------------------------------------------------------------------------------------


def create_task(step: Any, ctx: StepContext) -> Outcome:
    assignee = ctx.user(step.assignee)
    if assignee is None:
        return Outcome("skipped", "No one to give the task to (no owner)")
    due = ctx.now + timedelta(minutes=step.due_in_minutes)
    if ctx.dry_run:
        return Outcome("done", f"Would create the task “{step.title}” for {assignee.name}")
    task_id = derived_id(ctx.enrolment_id, step.id)
    if work.get_task(ctx.tenant_id, task_id) is None:
        request = work.TaskCreate(
            title=step.title,
            description=step.description,
            due_at=iso(due),
            priority=step.priority,
            assignee_id=assignee.user_id,
            lead_id=ctx.lead.lead_id if ctx.lead is not None and not ctx.lead.deleted_at else None,
        )
        try:
            work.create_task(ctx.principal, request, ctx.now, task_id=task_id)
        except ConflictError:
            if work.get_task(ctx.tenant_id, task_id) is None:
                raise
    return Outcome("done", f"Created the task “{step.title}” for {assignee.name}")


def schedule_followup(step: Any, ctx: StepContext) -> Outcome:
    if ctx.lead is None or ctx.lead.deleted_at:
        return Outcome("skipped", "A follow-up is about a lead, and there is none")
    assignee = ctx.user(step.assignee)
    if assignee is None:
        return Outcome("skipped", "No one to give the follow-up to (no owner)")
    if ctx.dry_run:
        return Outcome("done", f"Would schedule a {step.followup_type} follow-up for {assignee.name}")
    followup_id = derived_id(ctx.enrolment_id, step.id)
    lead_id = str(ctx.lead.lead_id)
    if work.get_followup(ctx.tenant_id, lead_id, followup_id) is None:
        request = work.FollowUpCreate(
            type=step.followup_type,
            due_at=iso(ctx.now + timedelta(minutes=step.due_in_minutes)),
            note=step.note,
            assignee_id=assignee.user_id,
        )
        try:
            work.create_followup(ctx.principal, lead_id, request, ctx.now, followup_id=followup_id)
        except ConflictError:
            if work.get_followup(ctx.tenant_id, lead_id, followup_id) is None:
                raise
    return Outcome("done", f"Scheduled a {step.followup_type} follow-up for {assignee.name}")


def manual_action(step: Any, ctx: StepContext) -> Outcome:
    assignee = ctx.user(step.assignee)
    if assignee is None:
        return Outcome("skipped", "No one to give the manual action to (no owner)")
    verb = "call" if step.action_type == "call" else "text"
    if ctx.dry_run:
        return Outcome("done", f"Would ask {assignee.name} to {verb} {ctx.subject_name()}")
    action_id = derived_id(ctx.enrolment_id, step.id)
    phone = (ctx.contact.phone if ctx.contact is not None else None) or (
        ctx.lead.phone if ctx.lead is not None else None
    )
    item = ManualActionItem(
        keys.manual_action(ctx.tenant_id, action_id),
        keys.MANUAL_ACTION_SK,
        action_id=action_id,
        tenant_id=ctx.tenant_id,
        action_type=step.action_type,
        assignee_id=assignee.user_id,
        workflow_id=ctx.workflow_id,
        workflow_name=ctx.workflow_name,
        enrolment_id=ctx.enrolment_id,
        step_id=step.id,
        contact_id=ctx.contact.contact_id if ctx.contact is not None else None,
        lead_id=ctx.lead.lead_id if ctx.lead is not None else None,
        subject_name=ctx.subject_name(),
        phone=phone,
        note=step.note,
        template_id=step.template_id,
        status="open",
        created_at=iso(ctx.now),
    )
    from convertly.automation.store import index_manual_action

    index_manual_action(item)

    def put(tx: Transaction) -> None:
        tx.put("manual_action", item, condition=ManualActionItem.PK.does_not_exist())

    return Outcome(
        "waiting",
        f"Waiting for {assignee.name} to {verb} {ctx.subject_name()}",
        waiting_for="manual_action",
        writes=[put],
    )


# Messages ----------------------------------------------------------------------------------------


def _email_recipient(step: Any, ctx: StepContext) -> str | Outcome:
    """The address the email step writes to, or the outcome of a step that cannot send."""
    if step.to == "contact":
        if ctx.contact is None or not ctx.contact.email:
            return Outcome("skipped", "The contact has no email address")
        if messaging.consent_of(ctx.contact).get("email_marketing") == "denied":
            return Outcome("skipped", "Not sent: the contact unsubscribed from email")
        return str(ctx.contact.email)
    if step.to == "owner":
        owner = ctx.user("owner")
        return str(owner.email) if owner is not None else Outcome("skipped", "No owner to email")
    return str(step.address)


def _emailed_entries(
    ctx: StepContext, mail_id: str, cause: dict[str, Any]
) -> list[Callable[[Transaction], None]]:
    """The "emailed" entries on the contact's timeline, and on the lead's when it is about one."""
    assert ctx.contact is not None
    partitions = [contacts.contact_key(ctx.tenant_id, ctx.contact.contact_id)]
    if ctx.lead is not None:
        partitions.append(leads.lead_key(ctx.tenant_id, ctx.lead.lead_id))
        cause = {**cause, "lead_id": ctx.lead.lead_id}
    writes: list[Callable[[Transaction], None]] = []
    for number, partition in enumerate(partitions):
        entry = log_entry(
            partition,
            mail_id,
            iso(ctx.now),
            ctx.principal.user_id,
            "emailed",
            actor_name=ctx.principal.name,
            cause=cause,
        )

        def put(tx: Transaction, entry: Any = entry, name: str = f"log:{number}") -> None:
            tx.put(name, entry)

        writes.append(put)
    return writes


def send_email(step: Any, ctx: StepContext) -> Outcome:
    template = messaging.get_item(ctx.tenant_id, step.template_id)
    if template is None or template.channel != "email":
        raise Permanent("The email template was deleted")
    to = _email_recipient(step, ctx)
    if isinstance(to, Outcome):
        return to
    try:
        rendered = messaging.compose(ctx.tenant_id, template, ctx.contact, ctx.lead)
    except ConvertlyError as error:
        raise Permanent(error.message) from error
    if ctx.dry_run:
        return Outcome("done", f"Would email “{rendered.subject}” to {to}")
    mail_id = derived_id(ctx.enrolment_id, step.id)
    mail = notifications.mail_item(
        ctx.tenant_id,
        mail_id,
        notifications.OutgoingMail(
            to_address=to,
            subject=rendered.subject or "",
            body=rendered.text or "",
            kind="message",
            html=rendered.body,
            **messaging.mail_fields(ctx.tenant_id, rendered, ctx.contact if step.to == "contact" else None),
        ),
        ctx.now,
    )
    writes: list[Callable[[Transaction], None]] = [
        lambda tx: tx.put("mail", mail, condition=type(mail).PK.does_not_exist())
    ]
    if step.to == "contact":
        cause = {"subject": rendered.subject, "to": to, "workflow": ctx.workflow_name}
        writes += _emailed_entries(ctx, mail_id, cause)
    return Outcome("done", f"Emailed “{rendered.subject}” to {to}", writes=writes)


def send_sms(step: Any, ctx: StepContext) -> Outcome:
    template = messaging.get_item(ctx.tenant_id, step.template_id)
    if template is None or template.channel != "sms":
        raise Permanent("The SMS template was deleted")
    blocked = messaging.sms_blocked(ctx.tenant_id, ctx.contact)
    if blocked is not None:
        return Outcome("skipped", f"Not sent: {blocked}")
    try:
        rendered = messaging.compose(ctx.tenant_id, template, ctx.contact, ctx.lead)
    except ConvertlyError as error:
        raise Permanent(error.message) from error
    phone = str(ctx.contact.phone) if ctx.contact is not None else ""
    segments, _ = messaging.sms_segments(rendered.body)
    said = f"{segments} segment{'s' if segments != 1 else ''}"
    if ctx.dry_run:
        return Outcome("done", f"Would text “{_excerpt(rendered.body)}” ({said}) to {phone}")
    origin = {
        "actor_id": ctx.principal.user_id,
        "actor_name": ctx.principal.name,
        "lead_id": ctx.lead.lead_id if ctx.lead is not None else None,
        "template_id": template.template_id,
        "workflow": ctx.workflow_name,
        "workflow_id": ctx.workflow_id,
        "enrolment_id": ctx.enrolment_id,
        "step_id": step.id,
    }
    try:
        writes = messaging.sms_writes(
            ctx.tenant_id,
            derived_id(ctx.enrolment_id, step.id),
            ctx.contact,
            rendered.body,
            ctx.now,
            origin=origin,
        )
    except ConvertlyError as error:
        raise Permanent(error.message) from error
    return Outcome("done", f"Texted “{_excerpt(rendered.body)}” ({said}) to {phone}", writes=writes)


def _excerpt(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else f"{flat[: length - 1]}…"


def webhook(step: Any, ctx: StepContext) -> Outcome:
    problem = webhooks.url_problem(step.url)
    if problem is not None:
        raise Permanent(problem)
    if ctx.dry_run:
        return Outcome("done", f"Would POST the contact and lead to {step.url}")
    delivery_id = derived_id(ctx.enrolment_id, step.id)
    writes = webhooks.outbound_writes(
        tenant_id=ctx.tenant_id,
        delivery_id=delivery_id,
        url=step.url,
        workflow_id=ctx.workflow_id,
        workflow_name=ctx.workflow_name,
        enrolment_id=ctx.enrolment_id,
        step_id=step.id,
        contact=ctx.contact,
        lead=ctx.lead,
        now=ctx.now,
    )
    return Outcome("done", f"Posting to {step.url} (delivery {delivery_id}; see Deliveries)", writes=writes)


def notify(step: Any, ctx: StepContext) -> Outcome:
    users = [u for u in (ctx.user(a) for a in dict.fromkeys(step.user_ids)) if u is not None]
    if not users:
        return Outcome("skipped", "No one to notify (no owner)")
    names = ", ".join(str(u.name) for u in users)
    if ctx.dry_run:
        return Outcome("done", f"Would notify {names}")
    lead_id = ctx.lead.lead_id if ctx.lead is not None and not ctx.lead.deleted_at else None
    title = f"{ctx.workflow_name}: {ctx.subject_name()}"

    def write(tx: Transaction) -> None:
        for user in users:
            recipient = notifications.Recipient(
                user_id=str(user.user_id),
                kind="workflow",
                title=title,
                body=step.message,
                lead_name=ctx.subject_name() if lead_id else None,
            )
            notifications.add_notification(
                tx, ctx.tenant_id, recipient, created_at=iso(ctx.now), lead_id=lead_id
            )

    return Outcome("done", f"Notified {names}", writes=[write])


# Records -----------------------------------------------------------------------------------------


def tags(step: Any, ctx: StepContext) -> Outcome:
    add = step.kind == "add_tag"
    verb = "Added" if add else "Removed"
    listed = ", ".join(step.tags)
    if step.target == "lead":
        if ctx.lead is None or ctx.lead.deleted_at:
            return Outcome("skipped", "There is no lead to tag")
        if ctx.dry_run:
            return Outcome("done", f"Would {'add' if add else 'remove'} {listed} on the lead")
        _edit_lead(ctx, lambda lead: {"tags": _tags_change(lead, list(step.tags), add)})
    else:
        if ctx.contact is None:
            return Outcome("skipped", "There is no contact to tag")
        if ctx.dry_run:
            return Outcome("done", f"Would {'add' if add else 'remove'} {listed} on the contact")
        _edit_contact(ctx, lambda contact: {"tags": _tags_change(contact, list(step.tags), add)})
    ctx.refresh()
    return Outcome("done", f"{verb} {listed} on the {step.target}")


def _tags_change(record: Any, tags: list[str], add: bool) -> tuple[list[str], list[str]]:
    old = [str(t) for t in record.tags or []]
    return old, fields.retagged(old, tags, add)


def _edit_lead(ctx: StepContext, changes_of: Callable[[Any], dict[str, tuple[Any, Any]]]) -> None:
    """Change the lead as it is now (read again, with its version): only what differs."""
    assert ctx.lead is not None
    lead_id = ctx.lead.lead_id

    def change() -> None:
        lead = leads.get_lead(ctx.tenant_id, lead_id)
        if lead is None or lead.deleted_at:
            raise Permanent("The lead was deleted")
        changes = {k: new for k, (old, new) in changes_of(lead).items() if old != new}
        if changes:
            leads.change_fields(ctx.principal, lead_id, int(lead.version or 0), changes)

    _retrying(change)


def _edit_contact(ctx: StepContext, changes_of: Callable[[Any], dict[str, tuple[Any, Any]]]) -> None:
    assert ctx.contact is not None
    contact_id = ctx.contact.contact_id

    def change() -> None:
        contact, links = contacts.visible_contact(ctx.principal, contact_id)
        if contact.deleted_at:
            raise Permanent("The contact was deleted")
        changes = {k: v for k, v in changes_of(contact).items() if v[0] != v[1]}
        if changes:
            contacts.edit_contact(ctx.principal, contact, changes, links)

    _retrying(change)


def change_role(step: Any, ctx: StepContext) -> Outcome:
    if ctx.contact is None:
        return Outcome("skipped", "There is no contact")
    if ctx.dry_run:
        return Outcome("done", f"Would make the contact a {step.role}")
    _edit_contact(ctx, lambda c: {"role": (c.role, step.role)})
    ctx.refresh()
    return Outcome("done", f"Made the contact a {step.role}")


def set_field(step: Any, ctx: StepContext) -> Outcome:
    shown = "empty" if step.value in (None, "") else f"“{step.value}”"
    if ctx.dry_run:
        return Outcome("done", f"Would set {step.field_key} on the {step.target} to {shown}")

    def updated(values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        if step.value in (None, ""):
            out.pop(step.field_key, None)
        else:
            out[step.field_key] = step.value
        return out

    if step.target == "lead":
        if ctx.lead is None or ctx.lead.deleted_at:
            return Outcome("skipped", "There is no lead")
        _edit_lead(
            ctx,
            lambda lead: {"custom_fields": (plain(lead.custom_fields), updated(plain(lead.custom_fields)))},
        )
    else:
        if ctx.contact is None:
            return Outcome("skipped", "There is no contact")
        _edit_contact(
            ctx, lambda c: {"custom_fields": (plain(c.custom_fields), updated(plain(c.custom_fields)))}
        )
    ctx.refresh()
    return Outcome("done", f"Set {step.field_key} on the {step.target} to {shown}")


def move_stage(step: Any, ctx: StepContext) -> Outcome:
    if ctx.lead is None or ctx.lead.deleted_at:
        return Outcome("skipped", "There is no lead to move")
    if ctx.lead.pipeline_id != step.pipeline_id:
        return Outcome("skipped", "The lead is in another pipeline")
    names = {
        str(stage.stage_id): str(stage.name)
        for entry in pipelines.pipelines_of(ctx.tenant_id)
        for stage in entry.stages
    }
    if step.stage_id not in names:
        raise Permanent("The stage to move to no longer exists")
    stage_name = names[step.stage_id]
    if ctx.lead.stage_id == step.stage_id:
        return Outcome("done", f"Already in {stage_name}")
    if ctx.dry_run:
        return Outcome("done", f"Would move the lead to {stage_name}")
    lead_id = ctx.lead.lead_id

    def move() -> None:
        lead = leads.get_lead(ctx.tenant_id, lead_id)
        if lead is None or lead.deleted_at:
            raise Permanent("The lead was deleted")
        if lead.stage_id == step.stage_id:
            return
        seen = leads.SeenLead(
            stage_id=lead.stage_id,
            stage_entered_at=lead.stage_entered_at,
            owner_id=lead.owner_id,
            value=from_cents(lead.value),
            currency=lead.currency or "USD",
            source=lead.source or "manual",
        )
        request = leads.StageChange(stage_id=step.stage_id, version=int(lead.version or 1), seen=seen)
        pipelines.change_stage(ctx.principal, lead_id, request)

    try:
        _retrying(move)
    except NotFoundError as error:
        raise Permanent(error.message) from error
    ctx.refresh()
    return Outcome("done", f"Moved the lead to {stage_name}")


# Flow --------------------------------------------------------------------------------------------


def wait(step: Any, ctx: StepContext) -> Outcome:
    if step.mode == "condition":
        return _wait_for_condition(step, ctx)
    if step.mode == "duration":
        until = ctx.now + timedelta(minutes=int(step.minutes))
        said = duration_words(int(step.minutes))
    elif step.mode == "until":
        until = max(step.until, ctx.now)
        said = f"until {iso(until)[:16].replace('T', ' ')} UTC"
    else:
        until = conditions.next_business_moment(ctx.now, ctx.time_zone, ctx.definition.business_hours)
        said = "until business hours"
    if ctx.dry_run:
        return Outcome("done", f"Would wait {said}")
    if until <= ctx.now:
        return Outcome("done", "No wait needed")
    return Outcome("waiting", f"Waiting {said}", wake_at=iso(until), waiting_for="time")


def condition_holds(step: Any, ctx: StepContext) -> bool:
    return conditions.all_hold(step.conditions, step.match, ctx.facts(), ctx.definition.business_hours)


def next_check(now: datetime, deadline: datetime) -> datetime:
    return min(now + CHECK_EVERY, deadline)


def _wait_for_condition(step: Any, ctx: StepContext) -> Outcome:
    """Go on once the conditions hold, or when the timeout is over: checked when the lead (contact)
    changes and every CHECK_EVERY (for conditions on the time)."""
    limit = duration_words(int(step.minutes))
    if condition_holds(step, ctx):
        return Outcome("done", "The conditions hold: no wait needed")
    if ctx.dry_run:
        return Outcome("done", f"Would wait until the conditions hold, at most {limit}")
    deadline = ctx.now + timedelta(minutes=int(step.minutes))
    return Outcome(
        "waiting",
        f"Waiting until the conditions hold, at most {limit}",
        wake_at=iso(next_check(ctx.now, deadline)),
        waiting_for="condition",
        decision={"deadline": iso(deadline)},
    )


def duration_words(minutes: int) -> str:
    if minutes % 1440 == 0:
        days = minutes // 1440
        return f"{days} day{'s' if days != 1 else ''}"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def if_else(step: Any, ctx: StepContext) -> Outcome:
    taken = conditions.all_hold(step.conditions, step.match, ctx.facts(), ctx.definition.business_hours)
    start = branch_start(step, taken)
    following = start if start is not None else next_after(ctx.definition.steps, step.id)
    return Outcome(
        "done", "Yes: the conditions hold" if taken else "No: the conditions do not hold", next_step=following
    )


def end(step: Any, ctx: StepContext) -> Outcome:
    return Outcome("done", "Ended here", end="Ended by the workflow")


ACTIONS: dict[str, Callable[[Any, StepContext], Outcome]] = {
    "assign_owner": assign_owner,
    "create_task": create_task,
    "schedule_followup": schedule_followup,
    "manual_action": manual_action,
    "send_email": send_email,
    "send_sms": send_sms,
    "webhook": webhook,
    "notify": notify,
    "add_tag": tags,
    "remove_tag": tags,
    "change_role": change_role,
    "set_field": set_field,
    "move_stage": move_stage,
    "wait": wait,
    "if": if_else,
    "end": end,
}


def run_step(step: Any, ctx: StepContext) -> Outcome:
    """Do the step; a Permanent failure is the step's failure, anything else is raised (retried)."""
    if step.kind == "enrol":
        from convertly.automation.engine import enrol_from_step

        return enrol_from_step(step, ctx)
    try:
        return ACTIONS[step.kind](step, ctx)
    except Permanent as why:
        return Outcome("failed", str(why), end=f"Failed at “{step.name or step.kind}”: {why}")
    except ConvertlyError as error:
        if error.status_code in (400, 403, 404, 409, 422) and error.code not in {
            "stale_version",
            "write_conflict",
        }:
            return Outcome(
                "failed", error.message, end=f"Failed at “{step.name or step.kind}”: {error.message}"
            )
        raise
