"""Signing in and out, the first password of an invited person, and one's own profile.

Log out revokes the session's refresh token in Cognito (RevokeToken) and records the session
(`origin_jti`) as revoked, so its ID token is refused from the next request on; "sign out
everywhere" revokes every refresh token (AdminUserGlobalSignOut) and refuses every token issued
before it. Both are checked by `convertly.platform.access` on each request.
"""

from __future__ import annotations

from typing import Any

import jwt

from convertly.accounts import keys
from convertly.accounts.cognito import CognitoGateway, NewPasswordChallenge, Tokens
from convertly.accounts.domain import NewPassword, PasswordChange, ProfileUpdate, User
from convertly.accounts.items import UserItem
from convertly.accounts.team import INVITED, NOT_TENANTS, add_admin, admin_role, ensure_admin_count
from convertly.console import service as console
from convertly.platform import access
from convertly.platform.clock import iso
from convertly.platform.errors import AuthenticationError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.names import TENANT_CLAIM
from convertly.platform.observability import logger
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError


def _claims(tokens: Tokens) -> dict[str, Any]:
    """The claims of an ID token Cognito has just handed us (over TLS, so not verified again)."""
    claims: dict[str, Any] = jwt.decode(tokens.id_token, options={"verify_signature": False})
    return claims


def _user_item(tenant_id: str, user_id: str) -> UserItem | None:
    try:
        return UserItem.get(platform_keys.tenant(tenant_id), keys.user_sk(user_id), consistent_read=True)
    except UserItem.DoesNotExist:
        return None


def _record_sign_in(tokens: Tokens) -> None:
    claims = _claims(tokens)
    tenant_id, user_id = claims.get(TENANT_CLAIM), claims.get("sub")
    if not tenant_id or not user_id:
        return
    try:
        UserItem(platform_keys.tenant(str(tenant_id)), keys.user_sk(str(user_id))).update(
            [UserItem.last_sign_in_at.set(iso())], condition=UserItem.PK.exists()
        )
        if tenant_id not in NOT_TENANTS:
            console.record_activity(str(tenant_id))
    except Exception:  # the sign-in stands; the lists show an older time
        logger.exception("could not record the sign-in time")


def login(email: str, password: str, cognito: CognitoGateway | None = None) -> Tokens | NewPasswordChallenge:
    """Tokens, or the NEW_PASSWORD_REQUIRED challenge of an invited person's first sign-in."""
    cognito = cognito or CognitoGateway()
    result = cognito.login(email, password)
    if isinstance(result, NewPasswordChallenge):
        _check_invitation(cognito, email)
        return result
    _record_sign_in(result)
    return result


def _check_invitation(cognito: CognitoGateway, email: str) -> None:
    """An invitation's temporary password works for 7 days (Cognito says so too, on AWS)."""
    identity = cognito.identity(email)
    user = _user_item(*identity) if identity else None
    if user is None:
        raise AuthenticationError("Wrong email or password", code="invalid_credentials")
    expires = user.invitation_expires_at
    if user.status == INVITED and expires and expires < iso():
        raise AuthenticationError(
            "This invitation has expired: ask your Admin to send a new one", code="invitation_expired"
        )


def complete_new_password(request: NewPassword, cognito: CognitoGateway | None = None) -> Tokens:
    """The invited person's own password: the temporary one stops working, and they are active."""
    cognito = cognito or CognitoGateway()
    _check_invitation(cognito, request.email)
    tokens = cognito.complete_new_password(request.email, request.session, request.password)
    claims = _claims(tokens)
    tenant_id, user_id = str(claims.get(TENANT_CLAIM, "")), str(claims.get("sub", ""))
    user = _user_item(tenant_id, user_id)
    if user is not None and user.status == INVITED:
        _activate(tenant_id, user)
    _record_sign_in(tokens)
    return tokens


def _activate(tenant_id: str, user: UserItem) -> None:
    tx = Transaction()
    tx.update("user", user, [UserItem.status.set(access.ACTIVE)], condition=UserItem.status == INVITED)
    tx.put("access", access.user_access(tenant_id, user.user_id, access.ACTIVE, role=user.role))
    if user.role == admin_role(tenant_id):
        ensure_admin_count(tenant_id)
        add_admin(tx, tenant_id)
    event = DomainEvent(
        detail_type="UserJoined",
        tenant_id=tenant_id,
        actor_id=user.user_id,
        subject_id=user.user_id,
        data={"user": {"name": user.name, "email": user.email, "role": user.role}},
    )
    tx.put("outbox", outbox_item(event))
    try:
        tx.commit()
    except TransactionCancelledError:  # activated by a parallel request: nothing left to do
        return


def logout(principal: Principal, refresh_token: str, cognito: CognitoGateway | None = None) -> None:
    """End this session: its refresh token is revoked, its ID token refused from the next request."""
    (cognito or CognitoGateway()).revoke(refresh_token)
    if principal.session_id:
        access.revoked_session(principal.tenant_id, principal.user_id, principal.session_id, iso()).save()


def sign_out_everywhere(principal: Principal, cognito: CognitoGateway | None = None) -> None:
    """End every session of the person, this one included."""
    (cognito or CognitoGateway()).sign_out_everywhere(principal.email or _email(principal))
    current = access.UserAccessItem
    signed_out = access.sign_out_time()
    pk, sk = access.user_key(principal.tenant_id, principal.user_id)
    current(pk, sk).update(
        [
            current.type.set(current),
            current.status.set(current.status | access.ACTIVE),
            current.signed_out_at.set(signed_out),
            current.tenant_id.set(principal.tenant_id),
            current.user_id.set(principal.user_id),
            current.role.set(principal.role.value),
        ]
    )


def _email(principal: Principal) -> str:
    user = _user_item(principal.tenant_id, principal.user_id)
    if user is None:
        raise NotFoundError("Your account no longer exists", code="account_not_found")
    return str(user.email)


def change_password(
    principal: Principal, request: PasswordChange, cognito: CognitoGateway | None = None
) -> None:
    (cognito or CognitoGateway()).change_password(
        principal.email or _email(principal), request.current_password, request.new_password
    )


def update_profile(
    principal: Principal, request: ProfileUpdate, cognito: CognitoGateway | None = None
) -> User:
    from convertly.accounts.use_cases import to_user

    changes = request.model_dump(exclude_unset=True)
    user = _user_item(principal.tenant_id, principal.user_id)
    if user is None:
        raise NotFoundError("Your account no longer exists", code="account_not_found")
    actions = []
    for name, value in changes.items():
        attribute = getattr(UserItem, name)
        if value not in (None, ""):
            actions.append(attribute.set(value))
        elif name != "name":  # a name is never cleared
            actions.append(attribute.remove())
    if actions:
        user.update(actions, condition=UserItem.PK.exists())
    if changes.get("name"):
        (cognito or CognitoGateway()).set_name(user.email, str(changes["name"]))
    return to_user(user)
