"""Who is in the agent report, and who may see conversions health."""

from __future__ import annotations

from convertly.accounts import service as accounts
from convertly.billing import service as billing
from convertly.permissions import TENANT_ROLES, Permission
from convertly.platform.errors import ForbiddenError
from convertly.platform.principal import Principal


def team_of(tenant_id: str) -> list[tuple[str, str]]:
    """The tenant's CRM users as (user id, name), by name (one Query of the tenant's users)."""
    members = [user for user in accounts.team_members(tenant_id) if user.role in TENANT_ROLES]
    return sorted(
        ((user.user_id, user.name or user.email) for user in members), key=lambda pair: pair[1].lower()
    )


def require_conversions_health(principal: Principal) -> None:
    """Conversions health reads the whole team's wins and reports on what Convertly sends to the ad
    platforms, which is the Professional plan's: 403 without the team's figures, 402 on Starter."""
    if not principal.can(Permission.ANALYTICS_READ_ALL):
        raise ForbiddenError("Conversions health covers the whole team's wins", code="forbidden_role")
    billing.require_feature(principal.tenant_id, billing.Feature.CONVERSIONS, "Conversions health")
