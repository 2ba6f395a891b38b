"""Viewing as someone: a tenant Admin as one of the tenant's users, a Convertly Developer Admin as a
tenant's Admin (support).

The view is its own short-lived token (30 minutes), opaque, carrying both identities; its session item
(`convertly.platform.access.ImpersonationItem`) is checked on every request, so exiting ends it at
once. It reads; it writes only when the viewer is a Developer Admin and the tenant has granted
support access (Settings > Audit log), otherwise 403 `impersonation_read_only`. Start, end and every
write are in the tenant's audit log, and in the platform's when the viewer is Convertly's.
"""

from __future__ import annotations

from datetime import timedelta

from convertly.accounts import keys
from convertly.accounts.domain import Impersonation, SupportAccess, ViewAs
from convertly.accounts.items import UserItem
from convertly.accounts.team import PLATFORM_TENANT
from convertly.platform import access
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction


def _logs(tx: Transaction, tenant_id: str, actor: Principal, detail_type: str, data: dict[str, str]) -> None:
    for owner in dict.fromkeys([tenant_id, actor.tenant_id]):
        event = DomainEvent(
            detail_type=detail_type,
            tenant_id=owner,
            actor_id=actor.user_id,
            subject_id=data.get("target_id"),
            data=data,
        )
        tx.put(f"outbox {owner}", outbox_item(event))


def _target(tenant_id: str, user_id: str) -> UserItem:
    try:
        user = UserItem.get(platform_keys.tenant(tenant_id), keys.user_sk(user_id), consistent_read=True)
    except UserItem.DoesNotExist as error:
        raise NotFoundError("No such user", code="user_not_found") from error
    if user.status != access.ACTIVE:
        raise ConflictError(f"{user.name} is not an active user", code="user_not_active")
    return user


def first_admin(tenant_id: str) -> str:
    """The tenant's first active Admin (by name), whom Convertly's support views as by default."""
    admins = [
        u
        for u in UserItem.query(platform_keys.tenant(tenant_id), UserItem.SK.startswith("USER#"))
        if u.role == "Admin" and u.status == access.ACTIVE
    ]
    if not admins:
        raise NotFoundError("This tenant has no active Admin", code="no_admin")
    return str(min(admins, key=lambda u: u.name.casefold()).user_id)


def start(actor: Principal, tenant_id: str, user_id: str) -> ViewAs:
    """A view-as session for `actor` as `user_id` of `tenant_id`, and its token."""
    if actor.impersonator is not None:
        raise ConflictError("Exit the current view first", code="impersonation_not_allowed")
    if actor.tenant_id == tenant_id and actor.user_id == user_id:
        raise ConflictError("You cannot view as yourself", code="self_action")
    target = _target(tenant_id, user_id)
    item, token = access.new_impersonation(
        tenant_id=tenant_id,
        target=(target.user_id, target.role, target.name, target.email),
        actor=(actor.user_id, actor.role.value, actor.name or "Convertly support", actor.tenant_id),
        session_id=new_id(),
    )
    tx = Transaction()
    tx.put("session", item)
    _logs(tx, tenant_id, actor, "ImpersonationStarted", _data(item, tenant_id))
    tx.commit()
    return ViewAs(
        token=token, expires_at=str(item.ends_at), impersonation=to_impersonation(item, tenant_id, False)
    )


def _data(item: access.ImpersonationItem, tenant_id: str) -> dict[str, str]:
    return {
        "session_id": str(item.session_id),
        "tenant_id": tenant_id,
        "target_id": str(item.target_id),
        "target_name": str(item.target_name),
        "actor_name": str(item.actor_name),
        "actor_role": str(item.actor_role),
    }


def to_impersonation(item: access.ImpersonationItem, tenant_id: str, writes: bool) -> Impersonation:
    return Impersonation(
        tenant_id=tenant_id,
        target_id=str(item.target_id),
        target_name=str(item.target_name),
        target_role=str(item.target_role),
        actor_name=str(item.actor_name),
        actor_role=str(item.actor_role),
        by_convertly=str(item.actor_tenant_id) == PLATFORM_TENANT,
        started_at=str(item.started_at),
        expires_at=str(item.ends_at),
        writes_allowed=writes,
    )


def _session(principal: Principal) -> access.ImpersonationItem:
    viewer = principal.impersonator
    if viewer is None:
        raise ConflictError("You are not viewing as anyone", code="not_impersonating")
    try:
        return access.ImpersonationItem.get(*access.impersonation_key(principal.tenant_id, viewer.session_id))
    except access.ImpersonationItem.DoesNotExist as error:
        raise NotFoundError("No such view", code="impersonation_not_found") from error


def current(principal: Principal) -> Impersonation | None:
    """The view the principal's token is, for the banner; None for a person's own token."""
    if principal.impersonator is None:
        return None
    item = _session(principal)
    return to_impersonation(item, principal.tenant_id, writes_allowed(principal))


def writes_allowed(principal: Principal) -> bool:
    viewer = principal.impersonator
    if viewer is None or viewer.role != "DeveloperAdmin":
        return False
    until = support_access(principal.tenant_id).until
    return bool(until) and str(until) > iso()


def end(principal: Principal) -> None:
    """Exit the view: its token stops working from the next request."""
    item = _session(principal)
    if item.ended_at:
        return
    viewer = principal.impersonator
    assert viewer is not None
    tx = Transaction()
    tx.update(
        "session",
        Item(item.PK, item.SK),
        [access.ImpersonationItem.ended_at.set(iso())],
        condition=access.ImpersonationItem.ended_at.does_not_exist(),
    )
    actor = Principal(
        user_id=viewer.user_id, tenant_id=viewer.tenant_id, role=principal.role, email="", name=viewer.name
    )
    _logs(tx, principal.tenant_id, actor, "ImpersonationEnded", _data(item, principal.tenant_id))
    tx.commit()


def support_access(tenant_id: str) -> SupportAccess:
    try:
        item = access.TenantAccessItem.get(*access.tenant_key(tenant_id))
    except access.TenantAccessItem.DoesNotExist:
        return SupportAccess(until=None)
    until = item.support_until if item.support_until and item.support_until > iso() else None
    return SupportAccess(until=until)


def grant_support_access(principal: Principal, hours: int) -> SupportAccess:
    """Let Convertly's Developer Admins change things while viewing as one of the tenant's users, for
    `hours` from now (0 withdraws it)."""
    until = iso(now() + timedelta(hours=hours)) if hours else None
    tx = Transaction()
    tx.update(
        "access",
        Item(*access.tenant_key(principal.tenant_id)),
        access.support_actions(principal.tenant_id, until),
    )
    event = DomainEvent(
        detail_type="AuditedAction",
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        data={
            "action": f"granted Convertly support access for {hours} hours"
            if hours
            else "withdrew Convertly support access"
        },
    )
    tx.put("outbox", outbox_item(event))
    tx.commit()
    return SupportAccess(until=until)
