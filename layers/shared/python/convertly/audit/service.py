"""The tenant audit log: one entry per domain event, written at most once per event id, read by
Admins filtered by date range, category and person, and exported as CSV."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from pynamodb.exceptions import PutError

from convertly.accounts import service as accounts
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

_ACCESS = {
    "TenantSuspended": "{actor_name} (Convertly) suspended the account: {reason}",
    "TenantReactivated": "{actor_name} (Convertly) reactivated the account",
    "TrialExtended": "{actor_name} (Convertly) extended the trial by {days} days",
    "ImpersonationStarted": "{actor_name} started viewing as {target_name}",
    "ImpersonationEnded": "{actor_name} stopped viewing as {target_name}",
    "ImpersonatedWrite": "{actor_name}, viewing as {target_name}: {method} {path} ({status})",
}
_ACCESS_FIELDS = ("actor_name", "reason", "days", "target_name", "method", "path", "status")


def _blanks(data: dict[str, object]) -> dict[str, str]:
    return {name: "" for name in _ACCESS_FIELDS if name not in data}


CATEGORY_TYPES: dict[str, tuple[str, ...]] = {
    "team": tuple(_TEAM),
    "leads": (
        "LeadCreated",
        "LeadUpdated",
        "LeadDeleted",
        "LeadRestored",
        "NoteAdded",
        "LeadStageChanged",
        "LeadTouched",
    ),
    "contacts": (
        "ContactDeleted",
        "ContactRestored",
        "ContactMerged",
        "CompanyDeleted",
        "CompanyRestored",
        "CompanyMerged",
    ),
    "settings": ("AuditedAction", "TenantPlanChanged"),
    "access": (
        "ImpersonationStarted",
        "ImpersonationEnded",
        "ImpersonatedWrite",
        "TenantSuspended",
        "TenantReactivated",
        "TrialExtended",
    ),
}
CATEGORY_OF = {detail: category for category, types in CATEGORY_TYPES.items() for detail in types}


def _summary(event: DomainEvent) -> str:
    data = event.data
    if event.detail_type in _TEAM:
        user = data.get("user") or {}
        values = {"name": "", "email": "", "role": "", "from_role": "", "to_role": "", **user, **data}
        values.update({k: str(data.get(k, 0)) for k in ("leads", "followups", "tasks")})
        return _TEAM[event.detail_type].format(**{k: v for k, v in values.items() if isinstance(v, str)})
    if event.detail_type in _ACCESS:
        return _ACCESS[event.detail_type].format(
            **{k: str(v) for k, v in data.items() if not isinstance(v, dict)} | _blanks(data)
        )
    if event.detail_type == "AuditedAction":
        return str(data.get("action") or "changed a setting")
    if event.detail_type == "TenantPlanChanged":
        return f"plan changed to {data.get('plan') or data.get('to_plan') or 'another plan'}"
    if event.detail_type == "LeadStageChanged":
        moved = f"{data.get('from_stage_name')} to {data.get('to_stage_name')}"
        return f"{event.detail_type} {event.subject_id}: {moved}"
    lead = data.get("lead") or data.get("contact") or data.get("company") or {}
    name = lead.get("name") or event.subject_id or ""
    return f"{event.detail_type} {name}".strip()


def _actor_name(event: DomainEvent) -> str | None:
    if not event.actor_id or event.actor_id == "system":
        return "Convertly" if event.actor_id == "system" else None
    user = accounts.get_user(event.tenant_id, event.actor_id)
    if user is not None:
        return str(user.name)
    # Convertly's staff acting in a tenant (a suspension, a view) are not its users: the event names them.
    named = event.data.get("actor_name")
    return f"{named} (Convertly)" if isinstance(named, str) and named else None


def _about_tenant(event: DomainEvent) -> str | None:
    """The tenant an entry of the platform's own log is about (a suspension, a view)."""
    about = event.data.get("tenant_id")
    return str(about) if isinstance(about, str) and about != event.tenant_id else None


def record_event(event: DomainEvent) -> bool:
    """Write the entry; False when this event id was recorded before (a redelivery)."""
    entry = AuditEntryItem(
        keys.audit(event.tenant_id),
        f"{event.occurred_at}#{event.event_id}",
        event_id=event.event_id,
        detail_type=event.detail_type,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_name=_actor_name(event),
        subject_id=event.subject_id,
        summary=_summary(event),
        category=CATEGORY_OF.get(event.detail_type, "other"),
        about_tenant_id=_about_tenant(event),
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


def __getattr__(name: str) -> Any:
    """The audit log's API (pages, export) and shapes, for the platform console: loaded on first use,
    so the audit log consumer never loads pydantic."""
    if name in {"page", "export_csv"}:
        return getattr(import_module("convertly.audit.use_cases"), name)
    if name in {"AuditPage", "AuditEntry", "Category"}:
        return getattr(import_module("convertly.audit.domain"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
