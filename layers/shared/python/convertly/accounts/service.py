"""What other capabilities may ask of accounts: the tenant's users and the tenant itself.

The one door into accounts from elsewhere (import-linter checks it): read a user, the team, or the
tenant; check inside another write's transaction that a user still exists; change the tenant's
regional settings inside another write's transaction. `User` and `Tenant` are the records returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeGuard

from convertly.accounts import keys
from convertly.accounts.items import TenantItem, UserItem
from convertly.permissions import Role
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction

if TYPE_CHECKING:
    from convertly.accounts.domain import Team, TeamMember, ViewAs
    from convertly.accounts.domain import User as UserOut


def __getattr__(name: str) -> Any:
    """The API shapes other capabilities' APIs embed (a tenant's team), loaded on first use only."""
    if name in {"TeamMember", "Team", "ViewAs", "ViewAsRequest", "UserOut"}:
        return getattr(import_module("convertly.accounts.domain"), "User" if name == "UserOut" else name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


User = UserItem
Tenant = TenantItem


def get_user(tenant_id: str, user_id: str, *, consistent: bool = False) -> User | None:
    """One of the tenant's users, or None (another tenant's user is simply not found)."""
    try:
        return UserItem.get(
            platform_keys.tenant(tenant_id), keys.user_sk(user_id), consistent_read=consistent
        )
    except UserItem.DoesNotExist:
        return None


def team_members(tenant_id: str) -> list[User]:
    """Every user of the tenant (one Query of the tenant partition's users)."""
    return list(UserItem.query(platform_keys.tenant(tenant_id), UserItem.SK.startswith("USER#")))


def users_of(pairs: Iterable[tuple[str, str]]) -> list[User]:
    """The users named by (tenant, user) pairs, in BatchGetItem calls of 100; missing ones are left out."""
    wanted = list(dict.fromkeys(pairs))
    if not wanted:
        return []
    return list(UserItem.batch_get([(platform_keys.tenant(t), keys.user_sk(u)) for t, u in wanted]))


def check_user_exists(tx: Transaction, label: str, tenant_id: str, user_id: str) -> None:
    """A condition of `tx`: the user is still one of the tenant's, and not deactivated, when the write
    commits (nothing new is given to someone who has left)."""
    condition = UserItem.PK.exists() & (UserItem.status != "deactivated")
    tx.check(label, UserItem, platform_keys.tenant(tenant_id), keys.user_sk(user_id), condition)


def get_tenant(tenant_id: str) -> Tenant | None:
    try:
        return TenantItem.get(platform_keys.tenant(tenant_id), keys.TENANT_SK)
    except TenantItem.DoesNotExist:
        return None


def tenant_key(tenant_id: str) -> tuple[str, str]:
    """The tenant item's key, for a BatchGetItem that reads it beside another capability's items."""
    return platform_keys.tenant(tenant_id), keys.TENANT_SK


def is_tenant(item: object) -> TypeGuard[Tenant]:
    return isinstance(item, TenantItem)


def update_region(
    tx: Transaction, tenant_id: str, *, timezone: str | None, country: str | None, locale: str | None = None
) -> None:
    """Set the tenant's timezone, default country and locale in `tx` (the tenant must exist); None
    leaves one as it is, and a locale of "" removes it (each browser formats in its own again)."""
    actions: list[Any] = []
    if timezone:
        actions.append(TenantItem.timezone.set(timezone))
    if country:
        actions.append(TenantItem.country.set(country))
    if locale:
        actions.append(TenantItem.locale.set(locale))
    elif locale == "":
        actions.append(TenantItem.locale.remove())
    if actions:
        tenant = Item(platform_keys.tenant(tenant_id), keys.TENANT_SK)
        tx.update("tenant", tenant, actions, condition=TenantItem.PK.exists())


def tenant_ids() -> list[str]:
    """Every tenant with a user (from the user pool; platform jobs such as a backfill use it)."""
    from convertly.accounts.cognito import CognitoGateway  # boto3's Cognito client only when asked

    return CognitoGateway().tenant_ids()


# The team's management, for the platform console (the platform's own users, the Developer roles)
# and for a tenant's page there: the same rules as Settings > Team.


def team_view(principal: Principal, *, status: str | None = None, role: str | None = None) -> Team:
    from convertly.accounts import team

    return team.team(principal, status=status, role=role)


def invite_member(principal: Principal, email: str, name: str, role: Role) -> UserOut:
    from convertly.accounts import team

    return team.invite_person(principal, email, name, role)


def change_member_role(principal: Principal, user_id: str, role: Role) -> TeamMember:
    from convertly.accounts import team

    return team.change_role(principal, user_id, role)


def deactivate_member(principal: Principal, user_id: str) -> TeamMember:
    from convertly.accounts import team

    return team.deactivate(principal, user_id)


def reactivate_member(principal: Principal, user_id: str) -> TeamMember:
    from convertly.accounts import team

    return team.reactivate(principal, user_id)


def first_admin(tenant_id: str) -> str:
    """The tenant's first active Admin, whom Convertly's support views as by default."""
    from convertly.accounts import impersonation

    return impersonation.first_admin(tenant_id)


def start_view(principal: Principal, tenant_id: str, user_id: str) -> ViewAs:
    """A view-as session (impersonation) of `principal` as `user_id` of `tenant_id`."""
    from convertly.accounts import impersonation

    return impersonation.start(principal, tenant_id, user_id)


# Affiliate partners sign in to their portal from a space of their own, never a tenant's.
AFFILIATE_SPACE = "affiliates"


def invite_affiliate(inviter: Principal, email: str, name: str) -> UserOut:
    """The partner's sign-in (role Affiliate, in the affiliates' space) and its invitation email with a
    temporary password; `inviter` is the Developer Admin who approved them. The user's id is theirs."""
    from convertly.accounts import team

    space = Principal(
        user_id=inviter.user_id,
        tenant_id=team.AFFILIATE_SPACE,
        role=Role.DEVELOPER_ADMIN,
        email=inviter.email,
        name=inviter.name or "Convertly",
    )
    return team.invite_person(space, email, name, Role.AFFILIATE)


def add_affiliate_login(email: str, name: str, password: str) -> UserOut:
    """A partner's sign-in with a password set now (the local demo's affiliate)."""
    from convertly.accounts.use_cases import add_member

    return add_member(AFFILIATE_SPACE, email, name, Role.AFFILIATE, password)


def revoke_affiliate_invitation(inviter: Principal, user_id: str) -> None:
    """Undo `invite_affiliate` (its sign-in and records) when the approval around it fails."""
    from convertly.accounts import team

    space = Principal(
        user_id=inviter.user_id, tenant_id=team.AFFILIATE_SPACE, role=Role.DEVELOPER_ADMIN, email="", name=""
    )
    team.revoke_invitation(space, user_id)
