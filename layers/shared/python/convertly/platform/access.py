"""Whether a verified token may still be used: the access check every signed-in request passes.

A Cognito ID token stays valid for its hour whatever happens to its person, so the signature alone
cannot end a session. On every signed-in request the API also reads, in one BatchGetItem of two or
three small items on the tenant's partition (eventually consistent, 0.5 RCU each):

- the tenant's access item (`T#<t>` / `ACCESS`): a suspended tenant may read but not write (423);
- the user's access item (`T#<t>` / `ACCESS#USER#<u>`): a deactivated user is refused on every route,
  and a token issued before the user's last "sign out everywhere" is refused;
- the session's revocation (`T#<t>` / `ACCESS#SESSION#<origin_jti>`): written at log out, so that
  session's ID token is refused from the next request on (its refresh token is revoked in Cognito).

There is no cache in front of these reads: a deactivation, a sign-out and a suspension hold from the
request after they were written (an eventually consistent read lags a write by well under a second).
An item that does not exist means nothing was revoked, so users and tenants from before these items
need no migration. The accounts capability writes them in the same transactions as its own records.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from convertly.platform.clock import iso
from convertly.platform.errors import AuthenticationError, ConvertlyError
from convertly.platform.store import keys
from convertly.platform.store.items import Item

ACTIVE = "active"
DEACTIVATED = "deactivated"
SUSPENDED = "suspended"
TENANT_SK = "ACCESS"
# A revoked session's marker outlives every ID token of it: Cognito's ID tokens last at most a day.
SESSION_MARKER_SECONDS = 24 * 3600


class TenantLockedError(ConvertlyError):
    """A suspended tenant's write: 423, until Convertly reactivates the tenant."""

    status_code = 423
    code = "tenant_suspended"


class TenantAccessItem(Item, discriminator="TenantAccess"):
    """Whether the tenant may write; written by the platform console (suspend, reactivate)."""

    tenant_id = UnicodeAttribute()
    status = UnicodeAttribute(default=ACTIVE)
    changed_at = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    # Until when Convertly's Developer Admins may write while viewing as one of its users (support).
    support_until = UnicodeAttribute(null=True)


class UserAccessItem(Item, discriminator="UserAccess"):
    """Whether the user's tokens are still good: status, and the time of the last global sign-out."""

    tenant_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    status = UnicodeAttribute(default=ACTIVE)
    role = UnicodeAttribute(null=True)  # the role the tokens must carry; another one is out of date
    signed_out_at = NumberAttribute(null=True)  # epoch seconds: tokens issued before it are refused


class SessionRevokedItem(Item, discriminator="SessionRevoked"):
    """One logged-out session (Cognito's `origin_jti`); expires with the longest-lived ID token."""

    user_id = UnicodeAttribute()
    revoked_at = UnicodeAttribute()


class ImpersonationItem(Item, discriminator="Impersonation"):
    """A view-as session: who views (the actor) as whom (the target), until when. The token carries
    the session's id and a secret whose SHA-256 is kept here; ending the session ends the token."""

    session_id = UnicodeAttribute()
    secret_hash = UnicodeAttribute()
    target_id = UnicodeAttribute()
    target_role = UnicodeAttribute()
    target_name = UnicodeAttribute()
    target_email = UnicodeAttribute()
    actor_id = UnicodeAttribute()
    actor_tenant_id = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    started_at = UnicodeAttribute()
    ends_at = UnicodeAttribute()
    ended_at = UnicodeAttribute(null=True)


@dataclass(frozen=True)
class ImpersonationClaim:
    """What a view-as token says (checked against its session item before anything is trusted)."""

    session_id: str
    actor_id: str
    actor_tenant_id: str
    actor_role: str
    secret: str


TOKEN_PREFIX = "cvi_"  # noqa: S105 (a prefix, no secret)
IMPERSONATION_MINUTES = 30


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def impersonation_key(tenant_id: str, session_id: str) -> tuple[str, str]:
    return keys.tenant(tenant_id), f"ACCESS#IMPERSONATION#{session_id}"


def impersonation_token(item: ImpersonationItem, tenant_id: str, secret: str) -> str:
    claims = {
        "t": tenant_id,
        "s": item.session_id,
        "u": item.target_id,
        "r": item.target_role,
        "at": item.actor_tenant_id,
        "au": item.actor_id,
        "ar": item.actor_role,
    }
    payload = (
        base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode().rstrip("=")
    )
    return f"{TOKEN_PREFIX}{payload}.{secret}"


def new_impersonation(
    *,
    tenant_id: str,
    target: tuple[str, str, str, str],
    actor: tuple[str, str, str, str],
    session_id: str,
) -> tuple[ImpersonationItem, str]:
    """The session item and its token. `target` and `actor` are (user id, role, name, email or tenant)."""
    secret = secrets.token_urlsafe(32)
    start = datetime.now(UTC)
    target_id, target_role, target_name, target_email = target
    actor_id, actor_role, actor_name, actor_tenant_id = actor
    pk, sk = impersonation_key(tenant_id, session_id)
    item = ImpersonationItem(
        pk,
        sk,
        session_id=session_id,
        secret_hash=_digest(secret),
        target_id=target_id,
        target_role=target_role,
        target_name=target_name,
        target_email=target_email,
        actor_id=actor_id,
        actor_tenant_id=actor_tenant_id,
        actor_role=actor_role,
        actor_name=actor_name,
        started_at=iso(start),
        ends_at=iso(start + timedelta(minutes=IMPERSONATION_MINUTES)),
    )
    item.expires_at = start + timedelta(days=1)
    return item, impersonation_token(item, tenant_id, secret)


def parse_impersonation_token(token: str) -> tuple[dict[str, str], str] | None:
    """(claims, secret) of a view-as token, or None when it is not one (or is malformed)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    payload, _, secret = token[len(TOKEN_PREFIX) :].partition(".")
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        return None
    wanted = ("t", "s", "u", "r", "at", "au", "ar")
    if not secret or not isinstance(claims, dict) or not all(isinstance(claims.get(k), str) for k in wanted):
        return None
    return {k: str(claims[k]) for k in wanted}, secret


def tenant_key(tenant_id: str) -> tuple[str, str]:
    return keys.tenant(tenant_id), TENANT_SK


def user_key(tenant_id: str, user_id: str) -> tuple[str, str]:
    return keys.tenant(tenant_id), f"ACCESS#USER#{user_id}"


def session_key(tenant_id: str, session_id: str) -> tuple[str, str]:
    return keys.tenant(tenant_id), f"ACCESS#SESSION#{session_id}"


@dataclass(frozen=True)
class Session:
    """What the token says about its session: who, in which tenant, issued when, which sign-in."""

    tenant_id: str
    user_id: str
    role: str
    issued_at: int
    session_id: str
    # Viewing as someone else: the impersonation session, and the secret the token carries for it.
    impersonation: ImpersonationClaim | None = None


@dataclass(frozen=True)
class Access:
    """The answer of the access check: the tenant's standing (a suspended tenant reads only) and,
    while viewing as someone, whether writes are allowed."""

    suspended: bool
    impersonation_writes: bool = False
    viewing: ImpersonationItem | None = None  # the view-as session, when the token is one


def check(session: Session) -> Access:
    """The access items of the session, read at once; AuthenticationError when it may not be used."""
    claim = session.impersonation
    wanted = [tenant_key(session.tenant_id), user_key(session.tenant_id, session.user_id)]
    if session.session_id:
        wanted.append(session_key(session.tenant_id, session.session_id))
    if claim is not None:
        wanted += [
            impersonation_key(session.tenant_id, claim.session_id),
            user_key(claim.actor_tenant_id, claim.actor_id),
        ]
    found = {(item.PK, item.SK): item for item in Item.batch_get(wanted)}
    user = found.get(wanted[1])
    if isinstance(user, UserAccessItem):
        if user.status == DEACTIVATED:
            raise AuthenticationError(
                "Your account has been deactivated: ask your Admin", code="account_deactivated"
            )
        if user.signed_out_at is not None and session.issued_at < int(user.signed_out_at):
            raise AuthenticationError("You were signed out everywhere: log in again", code="session_ended")
        if claim is None and user.role and user.role != session.role:
            # The web app refreshes the token on a 401 and carries on with the new role.
            raise AuthenticationError("Your role has changed: refresh your session", code="role_changed")
    if session.session_id and isinstance(found.get(wanted[2]), SessionRevokedItem):
        raise AuthenticationError("You logged out of this session: log in again", code="session_ended")
    tenant = found.get(tenant_key(session.tenant_id))
    suspended = isinstance(tenant, TenantAccessItem) and tenant.status == SUSPENDED
    if claim is None:
        return Access(suspended=suspended)
    record = found.get(impersonation_key(session.tenant_id, claim.session_id))
    actor = found.get(user_key(claim.actor_tenant_id, claim.actor_id))
    _check_impersonation(claim, session, record, actor)
    support_until = tenant.support_until if isinstance(tenant, TenantAccessItem) else None
    writes = claim.actor_role == "DeveloperAdmin" and bool(support_until) and str(support_until) > iso()
    assert isinstance(record, ImpersonationItem)
    return Access(suspended=suspended, impersonation_writes=writes, viewing=record)


def _check_impersonation(claim: ImpersonationClaim, session: Session, record: object, actor: object) -> None:
    ended = AuthenticationError(
        "This view-as session has ended: exit and start again", code="impersonation_ended"
    )
    if not isinstance(record, ImpersonationItem):
        raise ended
    if not hmac.compare_digest(str(record.secret_hash), _digest(claim.secret)):
        raise AuthenticationError("The token is not valid", code="invalid_token")
    same = (
        record.target_id == session.user_id
        and record.target_role == session.role
        and record.actor_id == claim.actor_id
        and record.actor_tenant_id == claim.actor_tenant_id
        and record.actor_role == claim.actor_role
    )
    if not same:
        raise AuthenticationError("The token is not valid", code="invalid_token")
    if record.ended_at or str(record.ends_at) <= iso():
        raise ended
    if isinstance(actor, UserAccessItem) and actor.status == DEACTIVATED:
        raise AuthenticationError("Your account has been deactivated", code="account_deactivated")


def refuse_write_when_suspended(access: Access) -> None:
    if access.suspended:
        raise TenantLockedError(
            "This account is suspended: you can sign in and read, but changes are not accepted. "
            "Contact Convertly support to reactivate it."
        )


# Writers: the accounts capability and the platform console put these inside their own transactions.


def user_access(
    tenant_id: str, user_id: str, status: str, *, role: str | None = None, signed_out_at: int | None = None
) -> UserAccessItem:
    pk, sk = user_key(tenant_id, user_id)
    return UserAccessItem(
        pk, sk, tenant_id=tenant_id, user_id=user_id, status=status, role=role, signed_out_at=signed_out_at
    )


def sign_out_time() -> int:
    """The `signed_out_at` of a global sign-out now: the next whole second, so a token issued in the
    same second as the sign-out (before it) is refused too."""
    return math.ceil(time.time())


def revoked_session(tenant_id: str, user_id: str, session_id: str, at: str) -> SessionRevokedItem:
    pk, sk = session_key(tenant_id, session_id)
    item = SessionRevokedItem(pk, sk, user_id=user_id, revoked_at=at)
    item.expires_at = datetime.now(UTC) + timedelta(seconds=SESSION_MARKER_SECONDS)
    return item


def tenant_access(tenant_id: str, status: str, at: str, reason: str | None = None) -> TenantAccessItem:
    pk, sk = tenant_key(tenant_id)
    return TenantAccessItem(pk, sk, tenant_id=tenant_id, status=status, changed_at=at, reason=reason)


def tenant_status_actions(tenant_id: str, status: str, at: str, reason: str | None = None) -> list[object]:
    """The update of the tenant's access item to `status` (it keeps its support access)."""
    item = TenantAccessItem
    actions: list[object] = [
        item.type.set(item),
        item.tenant_id.set(tenant_id),
        item.status.set(status),
        item.changed_at.set(at),
        item.reason.set(reason) if reason else item.reason.remove(),
    ]
    return actions


def support_actions(tenant_id: str, until: str | None) -> list[object]:
    item = TenantAccessItem
    return [
        item.type.set(item),
        item.tenant_id.set(tenant_id),
        item.status.set(item.status | ACTIVE),
        item.support_until.set(until) if until else item.support_until.remove(),
    ]
