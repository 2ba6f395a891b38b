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

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

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


@dataclass(frozen=True)
class Access:
    """The answer of the access check: the tenant's standing (a suspended tenant reads only)."""

    suspended: bool


def check(session: Session) -> Access:
    """The access items of the session, read at once; AuthenticationError when it may not be used."""
    wanted = [tenant_key(session.tenant_id), user_key(session.tenant_id, session.user_id)]
    if session.session_id:
        wanted.append(session_key(session.tenant_id, session.session_id))
    found = {item.SK: item for item in Item.batch_get(wanted)}
    user = found.get(wanted[1][1])
    if isinstance(user, UserAccessItem):
        if user.status == DEACTIVATED:
            raise AuthenticationError(
                "Your account has been deactivated: ask your Admin", code="account_deactivated"
            )
        if user.signed_out_at is not None and session.issued_at < int(user.signed_out_at):
            raise AuthenticationError("You were signed out everywhere: log in again", code="session_ended")
        if user.role and user.role != session.role:
            # The web app refreshes the token on a 401 and carries on with the new role.
            raise AuthenticationError("Your role has changed: refresh your session", code="role_changed")
    if session.session_id and isinstance(found.get(wanted[-1][1]), SessionRevokedItem):
        raise AuthenticationError("You logged out of this session: log in again", code="session_ended")
    tenant = found.get(TENANT_SK)
    return Access(suspended=isinstance(tenant, TenantAccessItem) and tenant.status == SUSPENDED)


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
