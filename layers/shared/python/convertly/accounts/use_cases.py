"""Tenants and users: sign-up (a tenant, its Admin and its default pipeline), invites, profile."""

from __future__ import annotations

from convertly.accounts import keys
from convertly.accounts.cognito import CognitoGateway, Tokens
from convertly.accounts.domain import Profile, SignUp, Tenant, User
from convertly.accounts.items import AdminCountItem, TenantItem, UserItem
from convertly.accounts.team import NOT_TENANTS, PLATFORM_TENANT, add_admin, admin_role, ensure_admin_count
from convertly.billing import service as usage
from convertly.console import service as console
from convertly.permissions import PERMISSIONS, Role, portal_for
from convertly.pipelines.service import DEFAULT_STAGES, default_pipeline_items
from convertly.platform import access
from convertly.platform.clock import iso, new_id, parse_iso
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.locales import closest_locale
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

__all__ = ["PLATFORM_TENANT", "add_member", "list_users", "profile", "sign_up", "to_tenant", "to_user"]


def _user_item(tenant_id: str, user_id: str, email: str, name: str, role: Role, at: str) -> UserItem:
    return UserItem(
        platform_keys.tenant(tenant_id),
        keys.user_sk(user_id),
        user_id=user_id,
        email=email,
        name=name,
        role=role.value,
        created_at=at,
    )


def sign_up(request: SignUp, cognito: CognitoGateway | None = None) -> tuple[Tenant, Tokens]:
    """Create a tenant, its Admin and its default pipeline; log the Admin in."""
    cognito = cognito or CognitoGateway()
    tenant_id, at = new_id(), iso()
    # Cognito decides whether the email is free; if the table write fails, the user is removed again.
    user_id = cognito.create_user(
        email=request.email,
        password=request.password,
        name=request.name,
        tenant_id=tenant_id,
        role=Role.ADMIN,
    )
    tenant = TenantItem(
        platform_keys.tenant(tenant_id),
        keys.TENANT_SK,
        tenant_id=tenant_id,
        name=request.company_name,
        currency=request.currency,
        timezone=request.timezone,
        locale=closest_locale(request.locale),
        created_at=at,
    )
    tx = Transaction()
    tx.put("tenant", tenant, condition=TenantItem.PK.does_not_exist())
    tx.put("user", _user_item(tenant_id, user_id, request.email, request.name, Role.ADMIN, at))
    tx.put("access", access.user_access(tenant_id, user_id, access.ACTIVE, role=Role.ADMIN.value))
    tx.put("admins", AdminCountItem(platform_keys.tenant(tenant_id), keys.ADMINS_SK, admins=1))
    console.add_to_directory(tx, tenant_id, request.company_name, at)
    stage_ids = [new_id() for _ in DEFAULT_STAGES]
    for item in default_pipeline_items(tenant_id, new_id(), stage_ids, at):
        tx.put("pipeline", item)
    # A trial of the entry plan and this month's lead counter; Stripe hears of the tenant only at
    # its first checkout.
    for billing in usage.new_tenant_items(tenant_id, parse_iso(at)):
        tx.put("billing", billing)
    event = DomainEvent(
        detail_type="TenantCreated",
        tenant_id=tenant_id,
        actor_id=user_id,
        subject_id=tenant_id,
        data={"name": request.company_name},
    )
    tx.put("outbox", outbox_item(event))
    try:
        tx.commit()
    except Exception:
        cognito.delete_user(request.email)
        raise
    tokens = cognito.login(request.email, request.password)
    assert isinstance(tokens, Tokens), "a password set by its owner asks for no new one"
    return to_tenant(tenant), tokens


def add_member(
    tenant_id: str, email: str, name: str, role: Role, password: str, cognito: CognitoGateway | None = None
) -> User:
    """Create a sign-in for `email` in `tenant_id` with `role`, and its user record."""
    cognito = cognito or CognitoGateway()
    user_id = cognito.create_user(email=email, password=password, name=name, tenant_id=tenant_id, role=role)
    user = _user_item(tenant_id, user_id, email, name, role, iso())
    tx = Transaction()
    tx.put("user", user, condition=UserItem.PK.does_not_exist())
    tx.put("access", access.user_access(tenant_id, user_id, access.ACTIVE, role=role.value))
    if role.value == admin_role(tenant_id):
        ensure_admin_count(tenant_id)
        add_admin(tx, tenant_id)
    # CRM users count against the plan's user limit, in the same transaction (402 at the limit).
    counted = tenant_id not in NOT_TENANTS and usage.counts_as_user(role.value)
    if counted:
        usage.count_user(tx, tenant_id)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        cognito.delete_user(email)
        if "user" in error.failed:
            raise ConflictError("This user exists already", code="user_exists") from error
        if usage.billing_of(tenant_id) is None:  # a tenant from before billing: set it up, try again
            usage.ensure_billing(tenant_id)
            return add_member(tenant_id, email, name, role, password, cognito)
        raise usage.user_limit_error(usage.ensure_billing(tenant_id)) from error
    return to_user(user)


def list_users(principal: Principal) -> list[User]:
    users = UserItem.query(platform_keys.tenant(principal.tenant_id), UserItem.SK.startswith("USER#"))
    # A person's email signature is theirs: the team list leaves it out.
    listed = (to_user(user).model_copy(update={"signature": None}) for user in users)
    return sorted(listed, key=lambda u: u.name.lower())


def profile(principal: Principal) -> Profile:
    """The signed-in user and tenant (one BatchGet), with what the role may do and where it lives."""
    wanted = [(platform_keys.tenant(principal.tenant_id), keys.user_sk(principal.user_id))]
    if principal.tenant_id not in NOT_TENANTS:
        wanted.append((platform_keys.tenant(principal.tenant_id), keys.TENANT_SK))
        wanted.append(usage.billing_key(principal.tenant_id))
    found = {item.SK: item for item in Item.batch_get(wanted)}
    user_item = found.get(keys.user_sk(principal.user_id))
    tenant_item = found.get(keys.TENANT_SK)
    if user_item is None or (principal.tenant_id not in NOT_TENANTS and tenant_item is None):
        raise NotFoundError("Your account no longer exists", code="account_not_found")
    assert isinstance(user_item, UserItem)
    tenant = to_tenant(tenant_item) if isinstance(tenant_item, TenantItem) else None
    billing_item = found.get(usage.billing_key(principal.tenant_id)[1])
    user = to_user(user_item)
    from convertly.accounts import impersonation

    return Profile(
        impersonation=impersonation.current(principal),
        user=user,
        tenant=tenant,
        permissions=sorted(p.value for p in PERMISSIONS[principal.role]),
        portal=portal_for(principal.role),
        billing=usage.summary_of(billing_item),
    )


def to_user(item: UserItem) -> User:
    return User(
        user_id=item.user_id,
        email=item.email,
        name=item.name,
        role=item.role,
        status=item.status,
        created_at=item.created_at,
        phone=item.phone,
        timezone=item.timezone,
        signature=item.signature,
        avatar_color=item.avatar_color,
        last_sign_in_at=item.last_sign_in_at,
    )


def to_tenant(item: TenantItem) -> Tenant:
    return Tenant(
        tenant_id=item.tenant_id,
        name=item.name,
        currency=item.currency,
        timezone=item.timezone,
        locale=item.locale,
    )
