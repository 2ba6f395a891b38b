"""Settings > Team: invite people, change their role, deactivate, reactivate and delete them.

Every change is one transaction on the tenant's partition: the user record, the user's access item
(which the API checks on every request, `convertly.platform.access`), the seat counter, the Admin
counter and the outbox event the audit log records. Cognito is told after the table: the table is
what every request checks, so a change holds at once even if Cognito is slow to follow.
"""

from __future__ import annotations

import secrets
import string
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from convertly.accounts import keys
from convertly.accounts.cognito import CognitoGateway
from convertly.accounts.domain import (
    InvitationResult,
    InvitationResults,
    Invitations,
    Team,
    TeamMember,
    User,
    UserInvite,
)
from convertly.accounts.items import AdminCountItem, TenantItem, UserItem
from convertly.billing import service as usage
from convertly.notifications import service as notifications
from convertly.permissions import Role
from convertly.pipelines import service as pipelines
from convertly.platform import access
from convertly.platform.clock import iso, now
from convertly.platform.config import get_settings
from convertly.platform.errors import ConflictError, ConvertlyError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.localtime import format_local, recipient_zone
from convertly.platform.observability import logger
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.work import service as work

INVITATION_DAYS = 7  # as the user pool's TemporaryPasswordValidityDays
PLATFORM_TENANT = "platform"  # the tenant attribute of Convertly's own staff (the Developer roles)
# The tenant attribute of affiliate partners: their sign-ins live in this space of their own (no tenant
# id can take it: tenant ids are ULIDs), their program data under the affiliates' prefixes.
AFFILIATE_SPACE = "affiliates"
NOT_TENANTS = frozenset({PLATFORM_TENANT, AFFILIATE_SPACE})


def admin_role(tenant_id: str) -> str:
    """The role that manages users: a customer's Admin, or Convertly's Developer Admin."""
    return Role.DEVELOPER_ADMIN.value if tenant_id == PLATFORM_TENANT else Role.ADMIN.value


def counts_seat(tenant_id: str, role: str) -> bool:
    """Whether the user takes one of the plan's seats (CRM users of a customer)."""
    return tenant_id not in NOT_TENANTS and usage.counts_as_user(role)


INVITED, ACTIVE, DEACTIVATED = "invited", access.ACTIVE, access.DEACTIVATED


# Reading the team ---------------------------------------------------------------------------------


def _members(tenant_id: str) -> list[UserItem]:
    return list(UserItem.query(platform_keys.tenant(tenant_id), UserItem.SK.startswith("USER#")))


def to_member(item: UserItem, open_leads: int) -> TeamMember:
    from convertly.accounts.use_cases import to_user

    return TeamMember(
        # a person's signature is theirs: the profile shows it, the team does not
        **to_user(item).model_dump() | {"signature": None},
        open_leads=open_leads,
        invited_at=item.invited_at,
        invitation_expires_at=item.invitation_expires_at if item.status == INVITED else None,
        deactivated_at=item.deactivated_at if item.status == DEACTIVATED else None,
    )


def team(
    principal: Principal, *, status: str | None = None, role: str | None = None, q: str | None = None
) -> Team:
    """The tenant's users with their status, last sign-in and open leads (one Query of the users,
    one of the owners' stage counters, one GetItem of the seats), filtered, by name."""
    owned = pipelines.open_leads_by_owner(principal.tenant_id)
    needle = (q or "").strip().casefold()
    rows = [
        to_member(item, owned.get(item.user_id, 0))
        for item in _members(principal.tenant_id)
        if (not status or item.status == status)
        and (not role or item.role == role)
        and (not needle or needle in item.name.casefold() or needle in item.email.casefold())
    ]
    billing = usage.billing_of(principal.tenant_id) if principal.tenant_id not in NOT_TENANTS else None
    return Team(
        items=sorted(rows, key=lambda m: (m.name.casefold(), m.email)),
        seats_used=int(billing.user_count) if billing else None,
        seats_limit=int(billing.user_limit) if billing else None,
    )


def _user(principal: Principal, user_id: str, *, consistent: bool = True) -> UserItem:
    try:
        return UserItem.get(
            platform_keys.tenant(principal.tenant_id), keys.user_sk(user_id), consistent_read=consistent
        )
    except UserItem.DoesNotExist as error:
        raise NotFoundError("No such user", code="user_not_found") from error


def member(principal: Principal, user_id: str) -> TeamMember:
    item = _user(principal, user_id, consistent=False)
    return to_member(item, pipelines.open_leads_by_owner(principal.tenant_id).get(user_id, 0))


# Events and counters ----------------------------------------------------------------------------------


def _event(tx: Transaction, principal: Principal, detail_type: str, user: UserItem, **data: object) -> None:
    event = DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=user.user_id,
        data={"user": {"name": user.name, "email": user.email, "role": user.role}, **data},
    )
    tx.put("outbox", outbox_item(event))


def _admin_count_key(tenant_id: str) -> tuple[str, str]:
    return platform_keys.tenant(tenant_id), keys.ADMINS_SK


def ensure_admin_count(tenant_id: str) -> None:
    """Set up the Admin counter of a tenant from before it (from its users), once."""
    pk, sk = _admin_count_key(tenant_id)
    try:
        AdminCountItem.get(pk, sk, consistent_read=True)
        return
    except AdminCountItem.DoesNotExist:
        pass
    admins = sum(1 for u in _members(tenant_id) if u.role == admin_role(tenant_id) and u.status == ACTIVE)
    try:
        AdminCountItem(pk, sk, admins=admins).save(condition=AdminCountItem.PK.does_not_exist())
    except Exception as error:  # another request set it up first: that count is as good
        if "ConditionalCheckFailed" not in str(error):
            raise


def add_admin(tx: Transaction, tenant_id: str) -> None:
    tx.update("admins", AdminCountItem(*_admin_count_key(tenant_id)), [AdminCountItem.admins.add(1)])


def _remove_admin(tx: Transaction, tenant_id: str) -> None:
    tx.update(
        "admins",
        AdminCountItem(*_admin_count_key(tenant_id)),
        [AdminCountItem.admins.add(-1)],
        condition=AdminCountItem.admins > 1,
    )


def _last_admin(user: UserItem) -> ConflictError:
    return ConflictError(
        f"{user.name} is the only Admin: make someone else an Admin first", code="last_admin"
    )


def _commit(tx: Transaction, user: UserItem, tenant_id: str, *, counted: bool = False) -> None:
    """Commit, mapping each failed condition to what the person can do about it."""
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "admins" in error.failed:
            raise _last_admin(user) from error
        if "user" in error.failed:
            raise ConflictError(
                "Someone else changed this user just now: reload and try again", code="user_changed"
            ) from error
        if counted and usage.USER_USAGE in error.failed:
            raise usage.user_limit_error(usage.ensure_billing(tenant_id)) from error
        raise


def _access(tx: Transaction, user: UserItem, status: str, role: str | None = None) -> None:
    tenant_id = str(user.PK).removeprefix("T#")
    tx.put("access", access.user_access(tenant_id, user.user_id, status, role=role or user.role))


# Inviting -----------------------------------------------------------------------------------------


def temporary_password() -> str:
    """A one-time password the pool's policy takes: upper, lower, digit, symbol, 16 characters."""
    pick = secrets.choice
    alphabet = string.ascii_letters + string.digits
    chars = [pick(string.ascii_uppercase), pick(string.ascii_lowercase), pick(string.digits), pick("-!#%")]
    chars += [pick(alphabet) for _ in range(12)]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def _tenant_name_and_zone(tenant_id: str) -> tuple[str, str | None]:
    """The team's name and time zone (the invitee has none of their own yet); the partners' space
    has no tenant item: "your team", UTC."""
    try:
        tenant = TenantItem.get(platform_keys.tenant(tenant_id), keys.TENANT_SK)
    except TenantItem.DoesNotExist:
        return "your team", None
    return str(tenant.name), tenant.timezone


def _invitation_mail(
    user: UserItem, inviter: str, company: str, password: str, zone: str | None = None
) -> notifications.OutgoingMail:
    web = get_settings().web_app_url.rstrip("/")
    expires = format_local(str(user.invitation_expires_at), recipient_zone(None, zone))
    link = f"{web}/login?invited=1&email={quote(user.email)}"
    if user.role == Role.AFFILIATE.value:
        body = (
            f"Hello {user.name},\n\n"
            "Welcome to the Convertly partner program: your application is approved.\n\n"
            f"Sign in to your partner portal: {link}\n"
            f"Email: {user.email}\n"
            f"Temporary password: {password}\n\n"
            "You choose your own password when you first sign in; the temporary one then stops working. "
            f"It expires on {expires}. Your referral link and its figures are on the portal's dashboard.\n"
        )
        return notifications.OutgoingMail(
            user.email, "Welcome to the Convertly partner program", body, "invitation", user.user_id
        )
    body = (
        f"Hello {user.name},\n\n"
        f"{inviter} invited you to {company} on Convertly as {user.role}.\n\n"
        f"Sign in: {link}\n"
        f"Email: {user.email}\n"
        f"Temporary password: {password}\n\n"
        "You choose your own password when you first sign in; the temporary one then stops working. "
        f"It expires on {expires}.\n"
    )
    return notifications.OutgoingMail(
        user.email, f"{inviter} invited you to {company} on Convertly", body, "invitation", user.user_id
    )


def _queue_invitation(tx: Transaction, principal: Principal, user: UserItem, password: str) -> None:
    sent = int(user.invitations_sent or 0)
    company, zone = _tenant_name_and_zone(principal.tenant_id)
    mail = _invitation_mail(user, principal.name or "Your Admin", company, password, zone)
    tx.put("mail", notifications.mail_item(principal.tenant_id, f"invite.{user.user_id}.{sent}", mail, now()))


def invite(principal: Principal, request: UserInvite, cognito: CognitoGateway | None = None) -> User:
    """Invite one person: an invitation email with a temporary password, or (with `password`) a
    sign-in the Admin hands over themselves. The seat is counted in the same transaction (402)."""
    from convertly.accounts.use_cases import add_member

    if request.password:
        return add_member(
            principal.tenant_id, request.email, request.name, request.role, request.password, cognito
        )
    return invite_person(principal, request.email, request.name, request.role, cognito)


def invite_person(
    principal: Principal, email: str, name: str, role: Role, cognito: CognitoGateway | None = None
) -> User:
    """The invitation email with a temporary password (`email` normalised, `role` checked by the caller)."""
    from convertly.accounts.use_cases import to_user

    seat = counts_seat(principal.tenant_id, role.value)
    if seat:
        usage.ensure_billing(principal.tenant_id)  # a tenant from before billing gets its counter first
    cognito = cognito or CognitoGateway()
    password = temporary_password()
    user_id = cognito.invite_user(
        email=email,
        temporary_password=password,
        name=name,
        tenant_id=principal.tenant_id,
        role=role.value,
    )
    at = now()
    item = UserItem(
        platform_keys.tenant(principal.tenant_id),
        keys.user_sk(user_id),
        user_id=user_id,
        email=email,
        name=name,
        role=role.value,
        status=INVITED,
        created_at=iso(at),
        invited_at=iso(at),
        invited_by=principal.user_id,
        invitation_expires_at=iso(at + timedelta(days=INVITATION_DAYS)),
        invitations_sent=1,
    )
    tx = Transaction()
    tx.put("user", item, condition=UserItem.PK.does_not_exist())
    tx.put("access", access.user_access(principal.tenant_id, user_id, INVITED, role=role.value))
    if seat:
        usage.count_user(tx, principal.tenant_id)
    item.invitations_sent = 0  # the first mail's id
    _queue_invitation(tx, principal, item, password)
    item.invitations_sent = 1
    _event(tx, principal, "UserInvited", item)
    try:
        _commit(tx, item, principal.tenant_id, counted=True)
    except (ConvertlyError, TransactionCancelledError):
        cognito.delete_user(email)
        raise
    return to_user(item)


def invite_many(principal: Principal, request: Invitations) -> InvitationResults:
    """Invite each person in turn; one that cannot be invited (taken email, no seat left) is reported
    and the others still go."""
    seen: set[str] = set()
    results = []
    for person in request.people:
        if person.email in seen:
            results.append(_failed(person.email, "duplicate", "This email is in the list twice"))
            continue
        seen.add(person.email)
        try:
            user = invite(principal, UserInvite(email=person.email, name=person.name, role=person.role))
        except ConvertlyError as error:
            results.append(_failed(person.email, error.code, error.message, error.details))
            continue
        results.append(InvitationResult(email=person.email, status="invited", user=user))
    return InvitationResults(results=results)


def _failed(email: str, code: str, message: str, details: dict[str, Any] | None = None) -> InvitationResult:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details  # a plan limit's: the limit, the usage, the upgrade
    return InvitationResult(email=email, status="failed", error=error)


def _pending(user: UserItem) -> None:
    if user.status != INVITED:
        raise ConflictError(f"{user.name} has no pending invitation", code="not_invited")


def resend_invitation(
    principal: Principal, user_id: str, cognito: CognitoGateway | None = None
) -> TeamMember:
    """A new temporary password and 7 more days; the previous email's password stops working."""
    user = _user(principal, user_id)
    _pending(user)
    cognito = cognito or CognitoGateway()
    password = temporary_password()
    cognito.reset_temporary_password(user.email, password)
    sent = int(user.invitations_sent or 1)
    at = now()
    user.invitation_expires_at = iso(at + timedelta(days=INVITATION_DAYS))
    tx = Transaction()
    tx.update(
        "user",
        user,
        [
            UserItem.invitation_expires_at.set(user.invitation_expires_at),
            UserItem.invitations_sent.set(sent + 1),
        ],
        condition=(UserItem.status == INVITED) & (UserItem.invitations_sent == sent)
        if user.invitations_sent is not None
        else (UserItem.status == INVITED),
    )
    user.invitations_sent = sent
    _queue_invitation(tx, principal, user, password)
    user.invitations_sent = sent + 1
    _event(tx, principal, "InvitationResent", user)
    _commit(tx, user, principal.tenant_id)
    return member(principal, user_id)


def revoke_invitation(principal: Principal, user_id: str, cognito: CognitoGateway | None = None) -> None:
    """Withdraw a pending invitation: the sign-in is removed and the seat is free again."""
    user = _user(principal, user_id)
    _pending(user)
    tx = Transaction()
    tx.delete("user", user, condition=UserItem.status == INVITED)
    tx.delete("access", access.user_access(principal.tenant_id, user_id, INVITED))
    if counts_seat(principal.tenant_id, user.role):
        usage.uncount_user(tx, principal.tenant_id)
    _event(tx, principal, "InvitationRevoked", user)
    _commit(tx, user, principal.tenant_id)
    _forget_sign_in(cognito or CognitoGateway(), user.email)


def _forget_sign_in(cognito: CognitoGateway, email: str) -> None:
    try:
        cognito.delete_user(email)
    except Exception:  # the record is gone; a stray sign-in cannot pass the access check
        logger.exception("could not delete the Cognito user of a removed user")


# Role, deactivation, deletion -----------------------------------------------------------------------


def _not_self(principal: Principal, user: UserItem, what: str) -> None:
    if user.user_id == principal.user_id:
        raise ConflictError(f"You cannot {what} yourself: ask another Admin", code="self_action")


def change_role(
    principal: Principal, user_id: str, role: Role, cognito: CognitoGateway | None = None
) -> TeamMember:
    """The new role's permissions hold from the person's next request (their token is refreshed)."""
    user = _user(principal, user_id)
    if user.role == role.value:
        return member(principal, user_id)
    old = user.role
    tx = Transaction()
    tx.update("user", user, [UserItem.role.set(role.value)], condition=UserItem.role == old)
    _access(tx, user, user.status, role=role.value)
    if user.status == ACTIVE:
        ensure_admin_count(principal.tenant_id)
        if old == admin_role(principal.tenant_id):
            _remove_admin(tx, principal.tenant_id)
        elif role.value == admin_role(principal.tenant_id):
            add_admin(tx, principal.tenant_id)
    _event(tx, principal, "UserRoleChanged", user, from_role=old, to_role=role.value)
    _commit(tx, user, principal.tenant_id)
    try:
        (cognito or CognitoGateway()).change_group(user.email, old, role.value)
    except Exception:
        logger.exception("Cognito did not take the role change; the table's role holds")
        raise
    return member(principal, user_id)


def deactivate(principal: Principal, user_id: str, cognito: CognitoGateway | None = None) -> TeamMember:
    """The person can no longer sign in, and every token they hold is refused from the next request.
    Their seat is free; their leads and work stay theirs until reassigned."""
    user = _user(principal, user_id)
    _not_self(principal, user, "deactivate")
    if user.status == INVITED:
        raise ConflictError(
            f"{user.name} has not accepted yet: revoke the invitation instead", code="not_active"
        )
    if user.status == ACTIVE:
        tx = Transaction()
        tx.update(
            "user",
            user,
            [UserItem.status.set(DEACTIVATED), UserItem.deactivated_at.set(iso())],
            condition=UserItem.status == ACTIVE,
        )
        _access(tx, user, DEACTIVATED)
        if counts_seat(principal.tenant_id, user.role):
            usage.uncount_user(tx, principal.tenant_id)
        if user.role == admin_role(principal.tenant_id):
            ensure_admin_count(principal.tenant_id)
            _remove_admin(tx, principal.tenant_id)
        _event(tx, principal, "UserDeactivated", user)
        _commit(tx, user, principal.tenant_id)
    # Also when it was deactivated before: a retry finishes what Cognito may have missed.
    (cognito or CognitoGateway()).disable(user.email)
    return member(principal, user_id)


def reactivate(principal: Principal, user_id: str, cognito: CognitoGateway | None = None) -> TeamMember:
    """Back in with the same role; the seat counts again (402 when the plan has none left)."""
    user = _user(principal, user_id)
    if user.status == DEACTIVATED:
        if counts_seat(principal.tenant_id, user.role):
            usage.ensure_billing(principal.tenant_id)
        tx = Transaction()
        tx.update(
            "user",
            user,
            [UserItem.status.set(ACTIVE), UserItem.deactivated_at.remove()],
            condition=UserItem.status == DEACTIVATED,
        )
        _access(tx, user, ACTIVE)
        if counts_seat(principal.tenant_id, user.role):
            usage.count_user(tx, principal.tenant_id)
        if user.role == admin_role(principal.tenant_id):
            ensure_admin_count(principal.tenant_id)
            add_admin(tx, principal.tenant_id)
        _event(tx, principal, "UserReactivated", user)
        _commit(tx, user, principal.tenant_id, counted=True)
    elif user.status != ACTIVE:
        raise ConflictError(f"{user.name} has not accepted the invitation yet", code="not_deactivated")
    (cognito or CognitoGateway()).enable(user.email)
    return member(principal, user_id)


def delete_user(principal: Principal, user_id: str, cognito: CognitoGateway | None = None) -> None:
    """Remove a deactivated user who owns no open lead and has no open follow-up or task left."""
    user = _user(principal, user_id)
    _not_self(principal, user, "delete")
    if user.status != DEACTIVATED:
        raise ConflictError(f"Deactivate {user.name} before deleting them", code="not_deactivated")
    open_leads = pipelines.open_leads_by_owner(principal.tenant_id).get(user_id, 0)
    if open_leads or work.has_open_work(principal.tenant_id, user_id):
        raise ConflictError(
            f"{user.name} still has open leads, follow-ups or tasks: reassign them first",
            code="user_has_work",
            details={"open_leads": open_leads},
        )
    tx = Transaction()
    tx.delete("user", user, condition=UserItem.status == DEACTIVATED)
    # The access item stays (deactivated): a token of the deleted user is still refused.
    _event(tx, principal, "UserDeleted", user)
    _commit(tx, user, principal.tenant_id)
    _forget_sign_in(cognito or CognitoGateway(), user.email)
