"""What other capabilities may ask of accounts: the tenant's users and the tenant itself.

The one door into accounts from elsewhere (import-linter checks it): read a user, the team, or the
tenant; check inside another write's transaction that a user still exists; change the tenant's
regional settings inside another write's transaction. `User` and `Tenant` are the records returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeGuard

from convertly.accounts import keys
from convertly.accounts.items import TenantItem, UserItem
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction

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


def update_region(tx: Transaction, tenant_id: str, *, timezone: str | None, country: str | None) -> None:
    """Set the tenant's timezone and default country in `tx` (the tenant must exist)."""
    actions = []
    if timezone:
        actions.append(TenantItem.timezone.set(timezone))
    if country:
        actions.append(TenantItem.country.set(country))
    if actions:
        tenant = Item(platform_keys.tenant(tenant_id), keys.TENANT_SK)
        tx.update("tenant", tenant, actions, condition=TenantItem.PK.exists())


def tenant_ids() -> list[str]:
    """Every tenant with a user (from the user pool; platform jobs such as a backfill use it)."""
    from convertly.accounts.cognito import CognitoGateway  # boto3's Cognito client only when asked

    return CognitoGateway().tenant_ids()
