"""Usage against the plan's limits, kept by counters moved in the same transaction as the write.

Leads: one counter per tenant and calendar month (UTC), `T#<t>#USAGE` / `LEADS#<yyyy-mm>`, whose
update carries the condition `leads < lead_limit`. The limit is an attribute of the counter itself
(copied from the plan when the month starts and whenever the plan changes), so a lead write enforces
the limit without reading anything first: the lead transaction stays one call.

Users: `user_count < user_limit` on the tenant's billing item, in the invite's transaction.

A cancelled condition is answered with 402 `plan_limit_reached` naming the limit and the upgrade;
a public form instead keeps the lead, marked over the limit (`commit_new_lead(keep_over_limit=True)`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import PutError

from convertly.accounts import service as accounts
from convertly.billing import keys, plans
from convertly.billing.items import BillingItem, LeadUsageItem
from convertly.billing.plans import Plan, PlanId
from convertly.permissions import TENANT_ROLES
from convertly.platform.clock import iso, now
from convertly.platform.errors import PaymentRequiredError
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

LEAD_USAGE = "lead_usage"  # the transaction label of the month's lead counter
USER_USAGE = "user_usage"  # the transaction label of the tenant's user counter
_CRM_ROLES = {role.value for role in TENANT_ROLES}


def month_of(moment: datetime | None = None) -> str:
    """The calendar month (UTC) a lead created at `moment` counts in: `YYYY-MM`."""
    return (moment or now()).strftime("%Y-%m")


def counts_as_user(role: str) -> bool:
    """CRM users count against the plan; affiliates (portal only) do not."""
    return role in _CRM_ROLES


def new_tenant_items(tenant_id: str, at: datetime, users: int = 1) -> list[BillingItem | LeadUsageItem]:
    """A new tenant's billing item (a trial of the trial plan) and this month's lead counter; written
    in the sign-up transaction, so neither costs a call of its own."""
    trial = plans.PLANS[plans.TRIAL_PLAN]
    billing = BillingItem(
        platform_keys.tenant(tenant_id),
        keys.BILLING_SK,
        plan=trial.plan_id.value,
        status="trialing",
        trial_ends_at=iso(at + timedelta(days=plans.TRIAL_DAYS)),
        user_count=users,
        user_limit=trial.limits.users,
        lead_limit=trial.limits.leads_per_month,
        updated_at=iso(at),
    )
    return [billing, _month_item(tenant_id, month_of(at), trial)]


def _month_item(tenant_id: str, month: str, plan: Plan) -> LeadUsageItem:
    return LeadUsageItem(
        keys.usage(tenant_id),
        keys.lead_usage_sk(month),
        month=month,
        leads=0,
        lead_limit=plan.limits.leads_per_month,
        plan=plan.plan_id.value,
    )


# Leads -------------------------------------------------------------------------------------------


def commit_new_lead(
    tenant_id: str, build: Callable[[bool], Transaction], *, keep_over_limit: bool = False
) -> bool:
    """Commit the transaction that creates one lead, with this month's lead counter moved in it.

    `build(over_limit)` returns the lead's transaction (the lead, its terms, counters, event); it may
    be called again, so it must build the same writes each time. Under the limit the lead counts and
    this returns False. At the limit it raises 402 `plan_limit_reached`, unless `keep_over_limit`
    (public form submissions, which must never lose a lead): then `build(True)` is committed, the lead
    marked `over_limit` and counted apart, and this returns True. Conditions of the caller's own
    items that fail raise `TransactionCancelledError` as usual.
    """
    month = month_of()
    counter = _counted(tenant_id, build, month)
    if counter is None:
        return False
    if not keep_over_limit:
        raise lead_limit_error(counter)
    tx = build(True)
    tx.update(
        LEAD_USAGE,
        LeadUsageItem(keys.usage(tenant_id), keys.lead_usage_sk(month)),
        [LeadUsageItem.over_limit_leads.add(1)],
        condition=LeadUsageItem.PK.exists(),
    )
    tx.commit()
    return True


def _counted(tenant_id: str, build: Callable[[bool], Transaction], month: str) -> LeadUsageItem | None:
    """Commit `build(False)` with the lead counted: None when it committed, else the full counter."""
    for attempt in range(2):
        tx = build(False)
        _count_lead(tx, tenant_id, month)
        try:
            tx.commit()
            return None
        except TransactionCancelledError as error:
            if error.failed != [LEAD_USAGE]:
                raise
            stored = error.items.get(LEAD_USAGE)
        counter = LeadUsageItem.from_raw_data(stored) if stored else _month_counter(tenant_id, month)
        if counter is not None:
            return counter
        if attempt == 0:  # the first lead of a month (or of a tenant from before billing)
            start_month(tenant_id, month)
    raise AssertionError("the month's lead counter was created, yet it is missing")


def _count_lead(tx: Transaction, tenant_id: str, month: str) -> None:
    tx.update(
        LEAD_USAGE,
        LeadUsageItem(keys.usage(tenant_id), keys.lead_usage_sk(month)),
        [LeadUsageItem.leads.add(1)],
        # False as well when the month's counter does not exist yet (no `leads` to compare).
        condition=LeadUsageItem.leads < LeadUsageItem.lead_limit,
        return_old=True,  # a refusal carries the counter, so telling "full" from "new month" costs no read
    )


def _month_counter(tenant_id: str, month: str) -> LeadUsageItem | None:
    try:
        return LeadUsageItem.get(keys.usage(tenant_id), keys.lead_usage_sk(month), consistent_read=True)
    except LeadUsageItem.DoesNotExist:
        return None


def start_month(tenant_id: str, month: str) -> None:
    """Create the month's lead counter with the tenant's current limit (if no one else just did)."""
    billing = ensure_billing(tenant_id)
    try:
        _month_item(tenant_id, month, plans.plan(billing.plan)).save(
            condition=LeadUsageItem.PK.does_not_exist()
        )
    except PutError as error:
        if not _condition_failed(error):
            raise


def lead_limit_error(counter: LeadUsageItem) -> PaymentRequiredError:
    plan = plans.plan(counter.plan)
    limit = int(counter.lead_limit)
    return _limit_error(
        plan,
        "leads_per_month",
        limit,
        int(counter.leads),
        f"Your {plan.name} plan includes {limit} new leads a month and this month's are used up.",
    )


def lead_usage(tenant_id: str, month: str | None = None) -> LeadUsageItem | None:
    """This month's (or `month`'s) lead counter, if any lead was counted in it."""
    return _month_counter(tenant_id, month or month_of())


# Users -------------------------------------------------------------------------------------------


def count_user(tx: Transaction, tenant_id: str) -> None:
    """Count one more CRM user in `tx`, on the condition that the plan has room for it."""
    tx.update(
        USER_USAGE,
        BillingItem(platform_keys.tenant(tenant_id), keys.BILLING_SK),
        [BillingItem.user_count.add(1)],
        condition=BillingItem.user_count < BillingItem.user_limit,
    )


def uncount_user(tx: Transaction, tenant_id: str) -> None:
    """One CRM user fewer in `tx` (a deactivation, a revoked invitation): a seat is free again."""
    tx.update(
        USER_USAGE,
        BillingItem(platform_keys.tenant(tenant_id), keys.BILLING_SK),
        [BillingItem.user_count.add(-1)],
        condition=BillingItem.user_count > 0,
    )


def user_limit_error(billing: BillingItem) -> PaymentRequiredError:
    plan = plans.plan(billing.plan)
    limit = int(billing.user_limit)
    return _limit_error(
        plan, "users", limit, int(billing.user_count), f"Your {plan.name} plan includes {limit} users."
    )


def _limit_error(plan: Plan, limit_name: str, limit: int, used: int, message: str) -> PaymentRequiredError:
    upgrade = plans.upgrade_from(plan.plan_id)
    details: dict[str, Any] = {"limit": limit_name, "limit_value": limit, "used": used, "plan": plan.plan_id}
    if upgrade is not None:
        more = getattr(upgrade.limits, limit_name)
        message += f" Upgrade to {upgrade.name} on the Billing page for {more}."
        details.update(upgrade_plan=upgrade.plan_id.value, upgrade_path="/billing")
    else:
        message += " Contact us for a larger plan."
    return PaymentRequiredError(
        message, code="plan_limit_reached", fields={limit_name: f"limit of {limit} reached"}, details=details
    )


def require_feature(tenant_id: str, feature: plans.Feature, what: str) -> None:
    """Raise 402 `plan_feature_required` unless the tenant's plan has `feature`; the error names the
    plan that has it and where to upgrade. `what` names the thing asked for, for the message."""
    billing = billing_of(tenant_id)
    current = plans.plan(billing.plan if billing is not None else None)
    if current.has(feature):
        return
    offering = sorted((p for p in plans.PLANS.values() if p.has(feature)), key=lambda p: p.rank)
    details: dict[str, Any] = {"feature": feature.value, "plan": current.plan_id.value}
    message = f"{what} is not part of your {current.name} plan."
    if offering:
        message += f" Upgrade to {offering[0].name} on the Billing page to use it."
        details.update(upgrade_plan=offering[0].plan_id.value, upgrade_path="/billing")
    raise PaymentRequiredError(message, code="plan_feature_required", details=details)


# The billing item ----------------------------------------------------------------------------------


def plan_of(tenant_id: str) -> plans.Plan:
    """The tenant's plan as its billing item says (the trial plan when it has none)."""
    billing = billing_of(tenant_id)
    return plans.plan(billing.plan if billing is not None else None)


def billing_of(tenant_id: str) -> BillingItem | None:
    try:
        return BillingItem.get(platform_keys.tenant(tenant_id), keys.BILLING_SK, consistent_read=True)
    except BillingItem.DoesNotExist:
        return None


def ensure_billing(tenant_id: str) -> BillingItem:
    """The tenant's billing item; a tenant from before billing gets one now: a trial of the trial
    plan from today, its CRM users counted once (the only time users are read to count them)."""
    billing = billing_of(tenant_id)
    if billing is not None:
        return billing
    users = accounts.team_members(tenant_id)
    count = sum(1 for user in users if counts_as_user(user.role) and user.status != "deactivated")
    item = new_tenant_items(tenant_id, now(), users=count)[0]
    try:
        item.save(condition=BillingItem.PK.does_not_exist())
    except PutError as error:
        if not _condition_failed(error):
            raise
        existing = billing_of(tenant_id)
        assert existing is not None
        return existing
    assert isinstance(item, BillingItem)
    return item


def set_plan_limits(tx: Transaction, tenant_id: str, plan_id: PlanId, at: datetime) -> None:
    """Move this month's lead counter to `plan_id`'s limit in `tx` (creating the counter if the month
    has none yet); the billing item's own limits are set by the caller's update."""
    plan = plans.PLANS[plan_id]
    month = month_of(at)
    tx.update(
        "lead_limit",
        LeadUsageItem(keys.usage(tenant_id), keys.lead_usage_sk(month)),
        [
            LeadUsageItem.type.set(LeadUsageItem),
            LeadUsageItem.month.set(month),
            LeadUsageItem.leads.set(LeadUsageItem.leads | 0),
            LeadUsageItem.lead_limit.set(plan.limits.leads_per_month),
            LeadUsageItem.plan.set(plan.plan_id.value),
        ],
    )


def _condition_failed(error: PutError) -> bool:
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"
