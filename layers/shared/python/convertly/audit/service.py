"""The tenant audit log: one entry per domain event, written at most once per event id."""

from __future__ import annotations

from pynamodb.exceptions import PutError

from convertly.audit import keys
from convertly.audit.items import AuditEntryItem
from convertly.platform.events.envelope import DomainEvent

_TEAM = {
    "UserInvited": "invited {name} ({email}) as {role}",
    "InvitationResent": "sent the invitation of {name} ({email}) again",
    "InvitationRevoked": "revoked the invitation of {name} ({email})",
    "UserJoined": "{name} accepted the invitation",
    "UserRoleChanged": "changed the role of {name} from {from_role} to {to_role}",
    "UserDeactivated": "deactivated {name} ({email})",
    "UserReactivated": "reactivated {name} ({email})",
    "UserDeleted": "deleted {name} ({email})",
    "ReassignmentRequested": "asked to reassign the open work of a user",
    "ReassignmentFinished": "reassigned {leads} leads, {followups} follow-ups and {tasks} tasks",
}


def _summary(event: DomainEvent) -> str:
    data = event.data
    if event.detail_type in _TEAM:
        user = data.get("user") or {}
        values = {"name": "", "email": "", "role": "", "from_role": "", "to_role": "", **user, **data}
        values.update({k: str(data.get(k, 0)) for k in ("leads", "followups", "tasks")})
        return _TEAM[event.detail_type].format(**{k: v for k, v in values.items() if isinstance(v, str)})
    if event.detail_type == "LeadStageChanged":
        moved = f"{data.get('from_stage_name')} to {data.get('to_stage_name')}"
        return f"{event.detail_type} {event.subject_id}: {moved}"
    lead = data.get("lead") or {}
    name = lead.get("name") or event.subject_id or ""
    return f"{event.detail_type} {name}".strip()


def record_event(event: DomainEvent) -> bool:
    """Write the entry; False when this event id was recorded before (a redelivery)."""
    entry = AuditEntryItem(
        keys.audit(event.tenant_id),
        f"{event.occurred_at}#{event.event_id}",
        event_id=event.event_id,
        detail_type=event.detail_type,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        subject_id=event.subject_id,
        summary=_summary(event),
    )
    try:
        entry.save(condition=AuditEntryItem.PK.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def entries(tenant_id: str, limit: int = 50) -> list[AuditEntryItem]:
    """The newest entries of a tenant's audit log."""
    return list(AuditEntryItem.query(keys.audit(tenant_id), scan_index_forward=False, limit=limit))
