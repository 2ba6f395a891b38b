"""Bulk action use cases: start one (checked, recorded, idempotent per request key; up to 100
selected records at once, more in the background), read it with its progress, list them, download
an export. The run is convertly.bulk.run."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pynamodb.expressions.condition import Condition

from convertly.accounts import service as accounts
from convertly.automation import service as automation
from convertly.bulk import files, keys
from convertly.bulk.domain import (
    BulkAction,
    BulkActionCreate,
    BulkActionPage,
    BulkDownload,
    BulkProblem,
    BulkReason,
)
from convertly.bulk.items import BulkActionItem, BulkRequestItem
from convertly.fields import service as fields
from convertly.permissions import Permission
from convertly.pipelines.service import pipelines_of
from convertly.platform import uploads
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ForbiddenError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.money import check_amount
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.paging import all_of, id_days, query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

INLINE_LIMIT = 100  # up to this many selected records run in the request; more run in the background

# What each action needs, beyond the right to run bulk actions at all.
_NEEDS: dict[tuple[str, str], Permission] = {
    ("leads", "delete"): Permission.LEADS_DELETE,
    ("leads", "restore"): Permission.LEADS_DELETE,
    ("contacts", "delete"): Permission.CONTACTS_DELETE,
    ("contacts", "restore"): Permission.CONTACTS_DELETE,
    ("leads", "enrol_workflow"): Permission.AUTOMATION_ENROL,
    ("contacts", "enrol_workflow"): Permission.AUTOMATION_ENROL,
}
_ACTIONS = {
    "leads": {
        "assign_owner",
        "add_tags",
        "remove_tags",
        "move_stage",
        "set_field",
        "enrol_workflow",
        "delete",
        "restore",
        "export",
    },
    "contacts": {
        "assign_owner",
        "add_tags",
        "remove_tags",
        "change_role",
        "set_field",
        "enrol_workflow",
        "delete",
        "restore",
        "export",
    },
}


def to_bulk_action(item: BulkActionItem) -> BulkAction:
    reasons = sorted(plain(item.reasons).items(), key=lambda pair: (-int(pair[1]), pair[0]))
    return BulkAction(
        bulk_id=item.bulk_id,
        object=item.object,  # type: ignore[arg-type]
        action=item.action,  # type: ignore[arg-type]
        params=plain(item.params),
        scope=item.scope_label,
        status=item.status,  # type: ignore[arg-type]
        total=int(item.total or 0),
        resolved=item.phase == "apply",
        processed=int(item.processed or 0),
        succeeded=int(item.succeeded or 0),
        skipped=int(item.skipped or 0),
        failed=int(item.failed or 0),
        forbidden=int(item.forbidden or 0),
        reasons=[BulkReason(reason=str(reason), count=int(count)) for reason, count in reasons],
        problems=[BulkProblem(**plain(problem)) for problem in item.problems or []],
        download=item.action == "export" and item.status == "done",
        created_by=item.created_by,
        created_by_name=item.created_by_name,
        created_at=item.created_at,
        completed_at=item.completed_at,
    )


def find_bulk(tenant_id: str, bulk_id: str) -> BulkActionItem | None:
    try:
        return BulkActionItem.get(keys.bulk(tenant_id), keys.bulk_sk(bulk_id), consistent_read=True)
    except BulkActionItem.DoesNotExist:
        return None


def _visible(principal: Principal, bulk_id: str) -> BulkActionItem:
    item = find_bulk(principal.tenant_id, bulk_id)
    if item is None or not (_sees_all(principal) or item.created_by == principal.user_id):
        raise NotFoundError("No such bulk action", code="bulk_action_not_found")
    return item


def _sees_all(principal: Principal) -> bool:
    return principal.can(Permission.LEADS_READ_ALL) and principal.can(Permission.CONTACTS_READ_ALL)


def get_bulk_action(principal: Principal, bulk_id: str) -> BulkAction:
    return to_bulk_action(_visible(principal, bulk_id))


# Checking a request -------------------------------------------------------------------------------


def _check_permissions(principal: Principal, request: BulkActionCreate) -> None:
    write = Permission.LEADS_WRITE if request.object == "leads" else Permission.CONTACTS_WRITE
    needed = _NEEDS.get((request.object, request.action), write)
    if request.action == "export":
        needed = Permission.LEADS_READ if request.object == "leads" else Permission.CONTACTS_READ
    if not principal.can(needed):
        raise ForbiddenError(
            f"Your role cannot {request.action.replace('_', ' ')} {request.object}", code="forbidden_role"
        )
    owners = request.params.owner_ids
    if request.action == "assign_owner" and not _sees_all(principal) and set(owners) != {principal.user_id}:
        raise ForbiddenError("You can only assign records to yourself", code="forbidden_owner")


def _check_scope(request: BulkActionCreate) -> None:
    scope = request.scope
    given = [name for name in ("ids", "leads", "contacts") if getattr(scope, name) is not None]
    if len(given) != 1:
        raise ValidationError(
            "Choose the records: selected ids, or the filter of the list",
            fields={"scope": "exactly one of ids, leads, contacts"},
        )
    if scope.leads is not None and request.object != "leads":
        raise ValidationError("A lead filter selects leads", fields={"scope.leads": "not for contacts"})
    if scope.contacts is not None and request.object != "contacts":
        raise ValidationError("A contact filter selects contacts", fields={"scope.contacts": "not for leads"})


def _check_params(principal: Principal, request: BulkActionCreate) -> dict[str, Any]:
    """The action's parameters, checked against the tenant (a stage, a user, a field); the stored form."""
    action, params, tenant_id = request.action, request.params, principal.tenant_id
    if request.action not in _ACTIONS[request.object]:
        raise ValidationError(
            f"{request.object.capitalize()} cannot take this action",
            fields={"action": f"not for {request.object}"},
        )
    stored: dict[str, Any] = {}
    if action == "assign_owner":
        stored["owner_ids"] = _check_owners(tenant_id, params.owner_ids)
    elif action in ("add_tags", "remove_tags"):
        stored["tags"] = _required(list(dict.fromkeys(params.tags)), "Name at least one tag", "params.tags")
    elif action == "move_stage":
        stored.update(_check_stage(principal, params.stage_id, params.lost_reason))
        if params.value is not None:
            # The account's currency here; a lead in another currency is checked as it moves.
            tenant = accounts.get_tenant(tenant_id)
            check_amount(
                params.value, str(tenant.currency) if tenant and tenant.currency else "USD", "params.value"
            )
            stored["value"] = str(params.value)
    elif action == "change_role":
        stored["role"] = _required(params.role, "Choose the role", "params.role")
    elif action == "set_field":
        stored.update(_check_field(tenant_id, request.object, params.field_key, params.field_value))
    elif action == "enrol_workflow":
        stored.update(_check_workflow(principal, params.workflow_id))
    return stored


def _required(value: Any, message: str, field: str) -> Any:
    if not value:
        raise ValidationError(message, fields={field: "required"})
    return value


def _check_workflow(principal: Principal, workflow_id: str | None) -> dict[str, Any]:
    _required(workflow_id, "Choose the workflow", "params.workflow_id")
    workflow = automation.published_workflow(principal, str(workflow_id))
    return {"workflow_id": workflow.workflow_id, "workflow_name": workflow.name}


def _check_owners(tenant_id: str, owner_ids: list[str]) -> list[str]:
    if not owner_ids:
        raise ValidationError("Choose who owns them", fields={"params.owner_ids": "required"})
    team = {u.user_id: u for u in accounts.team_members(tenant_id)}
    for owner_id in owner_ids:
        user = team.get(owner_id)
        if user is None or user.status == "deactivated":
            raise ValidationError(
                "Choose active users of this account", fields={"params.owner_ids": f"{owner_id} is not one"}
            )
    return list(dict.fromkeys(owner_ids))


def _check_stage(principal: Principal, stage_id: str | None, lost_reason: str | None) -> dict[str, Any]:
    for pipeline in pipelines_of(principal.tenant_id):
        for stage in pipeline.stages:
            if stage.stage_id == stage_id:
                if stage.kind == "lost" and not lost_reason:
                    raise ValidationError(
                        "Say why these leads were lost",
                        fields={"params.lost_reason": "required for a lost stage"},
                    )
                return {
                    "stage_id": stage_id,
                    "pipeline_id": pipeline.pipeline.pipeline_id,
                    "stage_name": stage.name,
                    "stage_kind": stage.kind,
                    **({"lost_reason": lost_reason} if stage.kind == "lost" else {}),
                }
    raise ValidationError("Choose a stage", fields={"params.stage_id": "no such stage"})


def _check_field(tenant_id: str, object_name: str, key: str | None, value: Any) -> dict[str, Any]:
    entity = "lead" if object_name == "leads" else "contact"
    known = {str(d["key"]): d for d in fields.definitions(tenant_id, entity)}
    if not key or key not in known:
        raise ValidationError("Choose one of the custom fields", fields={"params.field_key": "no such field"})
    if value in (None, "", []):
        return {"field_key": key, "field_value": None, "field_label": known[key]["label"]}
    try:
        checked = fields.validate_custom_fields(tenant_id, entity, {key: value}, creating=False)
    except ValidationError as error:
        raise ValidationError(
            error.message,
            fields={"params.field_value": next(iter((error.fields or {}).values()), "not valid")},
        ) from error
    return {"field_key": key, "field_value": checked.get(key), "field_label": known[key]["label"]}


def _check_filter(principal: Principal, request: BulkActionCreate) -> None:
    """A filter the list itself would refuse (a bad date, someone else's smart list) is refused now,
    with the list's own message, rather than failing in the background: the first page is read."""
    from convertly.bulk.run import first_page  # the run's modules load only when a filter is given

    first_page(principal, request.scope.model_dump(exclude_none=True))


def scope_label(request: BulkActionCreate) -> str:
    scope = request.scope
    if scope.ids is not None:
        return f"{len(scope.ids)} selected {request.object}"
    chosen = scope.leads or scope.contacts
    assert chosen is not None
    filters = {k: v for k, v in chosen.model_dump(exclude_none=True).items() if v not in (False, "")}
    if not filters:
        return f"every {request.object[:-1]}"
    return f"every {request.object[:-1]} matching " + ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in filters.items()
    )


# Starting ----------------------------------------------------------------------------------------


def event(item: BulkActionItem, tenant_id: str, detail_type: str, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=tenant_id,
        actor_id=item.created_by,
        subject_id=item.bulk_id,
        data={"bulk_id": item.bulk_id, "object": item.object, "action": item.action, **data},
    )


def start_bulk_action(principal: Principal, request: BulkActionCreate) -> tuple[BulkAction, int]:
    """The bulk action and the status to answer with: 201 done (selected records, run now), 202
    queued (more, or a filter), 200 (this request key ran before: its bulk action as it stands)."""
    _check_permissions(principal, request)
    _check_scope(request)
    params = _check_params(principal, request)
    tenant_id = principal.tenant_id
    earlier = _earlier(tenant_id, request.request_key)
    if earlier is not None:
        return to_bulk_action(earlier), 200
    bulk_id, at = new_id(), iso()
    if request.scope.ids is None:
        _check_filter(principal, request)
    inline = request.scope.ids is not None and len(request.scope.ids) <= INLINE_LIMIT
    item = BulkActionItem(
        keys.bulk(tenant_id),
        keys.bulk_sk(bulk_id),
        bulk_id=bulk_id,
        object=request.object,
        action=request.action,
        params=params,
        scope=request.scope.model_dump(exclude_none=True),
        scope_label=scope_label(request),
        status="running" if inline else "queued",
        request_key=request.request_key,
        role=principal.role.value,
        created_by=principal.user_id,
        created_by_name=principal.name or principal.email or None,
        created_at=at,
    )
    tx = Transaction()
    taken = BulkRequestItem(
        keys.bulk(tenant_id),
        keys.request_sk(request.request_key),
        bulk_id=bulk_id,
        created_at=at,
        expires_at=now() + timedelta(days=7),
    )
    tx.put("request", taken, condition=BulkRequestItem.PK.does_not_exist())
    tx.put("bulk", item, condition=BulkActionItem.PK.does_not_exist())
    if not inline:
        tx.put("outbox", outbox_item(event(item, tenant_id, "BulkActionRequested")))
    try:
        tx.commit()
    except TransactionCancelledError:
        again = _earlier(tenant_id, request.request_key)
        if again is None:
            raise
        return to_bulk_action(again), 200  # the same request, sent twice at once
    if not inline:
        return to_bulk_action(item), 202
    from convertly.bulk.run import run_inline  # the run's modules load only when one runs here

    return to_bulk_action(run_inline(tenant_id, item)), 201


def _earlier(tenant_id: str, request_key: str) -> BulkActionItem | None:
    try:
        taken = BulkRequestItem.get(keys.bulk(tenant_id), keys.request_sk(request_key), consistent_read=True)
    except BulkRequestItem.DoesNotExist:
        return None
    return find_bulk(tenant_id, taken.bulk_id)


# Reading -----------------------------------------------------------------------------------------


def list_bulk_actions(
    principal: Principal,
    *,
    action: str | None,
    object_name: str | None,
    status: str | None,
    user_id: str | None,
    date_from: date | None,
    date_to: date | None,
    cursor: str | None,
    limit: int,
) -> BulkActionPage:
    """Newest first, within the days asked; a user who does not see every record sees their own."""
    low, high = id_days(date_from, date_to, now().date())
    if not _sees_all(principal):
        user_id = principal.user_id
    conditions: list[Condition] = []
    if action:
        conditions.append(BulkActionItem.action == action)
    if object_name:
        conditions.append(BulkActionItem.object == object_name)
    if status:
        conditions.append(BulkActionItem.status == status)
    if user_id:
        conditions.append(BulkActionItem.created_by == user_id)
    items, next_cursor = query_page(
        BulkActionItem,
        keys.bulk(principal.tenant_id),
        limit=limit,
        cursor=cursor,
        range_condition=BulkActionItem.SK.between(keys.bulk_sk(low), keys.bulk_sk(high)),
        filter_condition=all_of(conditions),
    )
    return BulkActionPage(items=[to_bulk_action(item) for item in items], next_cursor=next_cursor)


def download(principal: Principal, bulk_id: str) -> BulkDownload:
    item = _visible(principal, bulk_id)
    if item.action != "export" or item.status != "done":
        raise NotFoundError(
            "This export is not ready" if item.action == "export" else "This bulk action has no file",
            code="no_export_file",
        )
    name = f"{item.object} export {item.created_at[:10]}.csv"
    return BulkDownload(url=uploads.download_link(files.export_key(principal.tenant_id, bulk_id), name))
