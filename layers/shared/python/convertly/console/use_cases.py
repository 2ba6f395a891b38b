"""The platform console: every tenant from the directory, one tenant's health, suspension and
reactivation, trial extensions, and the platform's own users.

No Scan: the tenants list is a Query of the directory partition (`PLATFORM#TENANTS`, newest first),
then one BatchGetItem of the page's billing items and this month's lead counters.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pynamodb.expressions.condition import Condition

from convertly.accounts import service as accounts
from convertly.billing import service as billing
from convertly.console import keys
from convertly.console.domain import (
    Billing,
    ConversionFailure,
    QueueHealth,
    TenantDetail,
    TenantList,
    TenantRow,
)
from convertly.console.items import TenantDirectoryItem
from convertly.conversions import service as conversions
from convertly.permissions import Role
from convertly.platform import access
from convertly.platform.aws_clients import aws_client
from convertly.platform.clock import iso, now
from convertly.platform.errors import NotFoundError
from convertly.platform.events import hold
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.observability import logger
from convertly.platform.principal import Principal, system_principal
from convertly.platform.store.items import Item
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction

PLATFORM_TENANT = "platform"
PEEK = 10  # dead letters looked at per queue to tell this tenant's share


def _entry(tenant_id: str) -> TenantDirectoryItem:
    try:
        return TenantDirectoryItem.get(keys.DIRECTORY, keys.directory_sk(tenant_id), consistent_read=True)
    except TenantDirectoryItem.DoesNotExist as error:
        raise NotFoundError("No such tenant", code="tenant_not_found") from error


def require_tenant(tenant_id: str) -> None:
    """404 for a tenant the directory does not know."""
    _entry(tenant_id)


def _rows(entries: list[TenantDirectoryItem]) -> list[TenantRow]:
    month = now().strftime("%Y-%m")
    wanted = []
    for entry in entries:
        wanted += [billing.billing_key(entry.tenant_id), billing.lead_usage_key(entry.tenant_id, month)]
    found: dict[tuple[str, str], Any] = {}
    for start in range(0, len(wanted), 100):
        found |= {(item.PK, item.SK): item for item in Item.batch_get(wanted[start : start + 100])}
    rows = []
    for entry in entries:
        plan = found.get(billing.billing_key(entry.tenant_id))
        usage = found.get(billing.lead_usage_key(entry.tenant_id, month))
        rows.append(
            TenantRow(
                tenant_id=entry.tenant_id,
                name=entry.name,
                status=entry.status,
                plan=getattr(plan, "plan", None),
                billing_status=getattr(plan, "status", None),
                trial_ends_at=getattr(plan, "trial_ends_at", None),
                users=int(plan.user_count) if plan is not None else None,
                user_limit=int(plan.user_limit) if plan is not None else None,
                leads_this_month=int(usage.leads) if usage is not None else 0,
                lead_limit=int(plan.lead_limit) if plan is not None else None,
                last_activity_at=entry.last_activity_at,
                created_at=entry.created_at,
            )
        )
    return rows


def list_tenants(*, status: str | None, q: str | None, cursor: str | None, limit: int) -> TenantList:
    conditions: list[Condition] = []
    if status:
        conditions.append(TenantDirectoryItem.status == status)
    needle = (q or "").strip().casefold()
    if needle:
        conditions.append(TenantDirectoryItem.name_folded.contains(needle))
    condition: Condition | None = None
    for part in conditions:
        condition = part if condition is None else condition & part
    entries, next_cursor = query_page(
        TenantDirectoryItem, keys.DIRECTORY, limit=limit, cursor=cursor, filter_condition=condition
    )
    return TenantList(items=_rows(entries), next_cursor=next_cursor)


def _queues(tenant_id: str, dead_letter_queues: list[tuple[str, str]]) -> list[QueueHealth]:
    sqs = aws_client("sqs")
    found = []
    for consumer, queue in dead_letter_queues:
        try:
            url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
            depth = int(
                sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])[
                    "Attributes"
                ]["ApproximateNumberOfMessages"]
            )
            mine = 0
            if depth:
                peeked = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=PEEK, VisibilityTimeout=0)
                mine = sum(
                    1
                    for m in peeked.get("Messages", [])
                    if f'"tenant_id":"{tenant_id}"' in m["Body"].replace(" ", "")
                )
        except Exception:  # a queue that cannot be read shows as unknown, not as an error page
            logger.exception("could not read the dead-letter queue %s", queue)
            continue
        found.append(QueueHealth(consumer=consumer, dead_letters=depth, tenant_dead_letters=mine))
    return found


def tenant_detail(tenant_id: str, dead_letter_queues: list[tuple[str, str]] | None = None) -> TenantDetail:
    """`dead_letter_queues`: (consumer, queue name) of each consumer, from the resource registry."""
    entry = _entry(tenant_id)
    row = _rows([entry])[0]
    overview = billing.overview_of(tenant_id)
    state = billing.billing_of(tenant_id)
    subscription = state.stripe_subscription_id if state is not None else None
    since = iso(now() - timedelta(days=30))
    return TenantDetail(
        **row.model_dump(),
        suspended_at=entry.suspended_at,
        suspended_reason=entry.suspended_reason,
        billing=Billing(
            plan=overview.plan,
            status=overview.status,
            trial_ends_at=overview.trial_ends_at,
            current_period_end=overview.current_period_end,
            cancel_at_period_end=bool(overview.cancel_at_period_end),
            stripe_customer_id=state.stripe_customer_id if state is not None else None,
            stripe_subscription_id=subscription,
            stripe_status=billing.stripe_status(subscription) if subscription else None,
        ),
        team=accounts.team_view(system_principal(tenant_id)).items,
        conversions_30d=conversions.attempts_since(tenant_id, since),
        recent_failures=[ConversionFailure(**f) for f in conversions.recent_failures(tenant_id)],
        queues=_queues(tenant_id, dead_letter_queues or []),
        held_events=hold.held_count(tenant_id),
    )


def _both_logs(tx: Transaction, principal: Principal, tenant_id: str, detail_type: str, **data: Any) -> None:
    """The event in the tenant's outbox (its audit log) and in the platform's (Convertly's)."""
    for owner in (tenant_id, PLATFORM_TENANT):
        event = DomainEvent(
            detail_type=detail_type,
            tenant_id=owner,
            actor_id=principal.user_id,
            subject_id=tenant_id,
            data={"tenant_id": tenant_id, "actor_name": principal.name, **data},
        )
        tx.put(f"outbox {owner}", outbox_item(event))


def suspend(principal: Principal, tenant_id: str, reason: str) -> None:
    """Its users may sign in and read; every write is 423, its forms are closed, its consumers hold
    its events. Suspending a suspended tenant changes nothing."""
    entry = _entry(tenant_id)
    if entry.status != access.SUSPENDED:
        at = iso()
        tx = Transaction()
        # An update, not a put: the tenant's support access grant stays as it is.
        tx.update(
            "access",
            Item(*access.tenant_key(tenant_id)),
            access.tenant_status_actions(tenant_id, access.SUSPENDED, at, reason),
        )
        tx.update(
            "directory",
            entry,
            [
                TenantDirectoryItem.status.set(access.SUSPENDED),
                TenantDirectoryItem.suspended_at.set(at),
                TenantDirectoryItem.suspended_reason.set(reason),
            ],
            condition=TenantDirectoryItem.PK.exists(),
        )
        _both_logs(tx, principal, tenant_id, "TenantSuspended", reason=reason)
        tx.commit()


def reactivate(principal: Principal, tenant_id: str) -> int:
    """Writes, forms and consumers resume; the events held meanwhile are released to the bus again
    (also when the tenant was already active: a straggler held in the last moment goes out too)."""
    entry = _entry(tenant_id)
    if entry.status == access.SUSPENDED:
        tx = Transaction()
        tx.update(
            "access",
            Item(*access.tenant_key(tenant_id)),
            access.tenant_status_actions(tenant_id, access.ACTIVE, iso()),
        )
        tx.update(
            "directory",
            entry,
            [
                TenantDirectoryItem.status.set(access.ACTIVE),
                TenantDirectoryItem.suspended_at.remove(),
                TenantDirectoryItem.suspended_reason.remove(),
            ],
            condition=TenantDirectoryItem.PK.exists(),
        )
        _both_logs(tx, principal, tenant_id, "TenantReactivated")
        tx.commit()
    return hold.release(tenant_id)


def extend_trial(principal: Principal, tenant_id: str, days: int) -> None:
    _entry(tenant_id)
    billing.extend_trial(tenant_id, days)
    tx = Transaction()
    _both_logs(tx, principal, tenant_id, "TrialExtended", days=days)
    tx.commit()


def platform_role(role: str) -> Role:
    return Role(role)
