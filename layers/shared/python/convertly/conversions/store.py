"""Conversions data access: ad platform settings and page routes, conversions with their delivery
leases, ledger entries (lead partition + the tenant's log on GSI1/GSI2) and Meta Lead Ads leads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pynamodb.exceptions import UpdateError

from convertly.accounts import service as accounts
from convertly.conversions import keys
from convertly.conversions.items import (
    AdsSettingsItem,
    ConversionItem,
    LedgerEntryItem,
    MetaLeadItem,
    MetaPageRouteItem,
)
from convertly.leads.service import lead_key
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

LOG_INDEXES = {"GSI1": LedgerEntryItem.gsi1, "GSI2": LedgerEntryItem.gsi2}


# Settings ------------------------------------------------------------------------------------------


def get_ads_settings(tenant_id: str) -> AdsSettingsItem | None:
    try:
        return AdsSettingsItem.get(
            platform_keys.tenant(tenant_id), keys.ADS_SETTINGS_SK, consistent_read=True
        )
    except AdsSettingsItem.DoesNotExist:
        return None


def settings_of(
    tenant_ids: Iterable[str],
) -> dict[str, tuple[AdsSettingsItem | None, accounts.Tenant | None]]:
    """Each tenant's ad settings and tenant item, in one BatchGetItem for up to 50 tenants."""
    wanted = list(dict.fromkeys(tenant_ids))
    found: dict[str, tuple[AdsSettingsItem | None, accounts.Tenant | None]] = {
        t: (None, None) for t in wanted
    }
    key_list = [
        key
        for t in wanted
        for key in ((platform_keys.tenant(t), keys.ADS_SETTINGS_SK), accounts.tenant_key(t))
    ]
    for item in Item.batch_get(key_list):
        tenant_id = item.PK.removeprefix("T#")
        settings, tenant = found[tenant_id]
        if isinstance(item, AdsSettingsItem):
            found[tenant_id] = (item, tenant)
        elif accounts.is_tenant(item):
            found[tenant_id] = (settings, item)
    return found


def page_route(tenant_id: str, page_id: str) -> MetaPageRouteItem:
    return MetaPageRouteItem(
        keys.meta_page_route(page_id), keys.META_PAGE_ROUTE_SK, page_id=page_id, tenant_id=tenant_id
    )


def tenant_of_page(page_id: str) -> str | None:
    """The tenant whose Meta settings registered this Facebook page (one GetItem)."""
    try:
        return MetaPageRouteItem.get(keys.meta_page_route(page_id), keys.META_PAGE_ROUTE_SK).tenant_id
    except MetaPageRouteItem.DoesNotExist:
        return None


# Conversions and their delivery lease --------------------------------------------------------------


def acquire(
    job: ConversionItem, lease_id: str, now: int, lease_seconds: int, *, revalue: bool = False
) -> ConversionItem | None:
    """Take the conversion's delivery lease, creating the conversion on first sight. The stored item
    (with each platform's outcome so far), or None while another delivery holds an unexpired lease.
    `revalue` replaces a recorded win's value (one recorded without a value, now set)."""
    actions: list[Any] = [
        ConversionItem.type.set(ConversionItem),
        ConversionItem.job_id.set(job.job_id),
        ConversionItem.lead_id.set(job.lead_id),
        ConversionItem.kind.set(job.kind),
        ConversionItem.occurred_at.set(ConversionItem.occurred_at | job.occurred_at),
        ConversionItem.dedupe_id.set(ConversionItem.dedupe_id | job.dedupe_id),
        ConversionItem.value_minor.set(
            int(job.value_minor or 0) if revalue else ConversionItem.value_minor | int(job.value_minor or 0)
        ),
        ConversionItem.currency.set(ConversionItem.currency | (job.currency or "USD")),
        ConversionItem.created_at.set(ConversionItem.created_at | str(job.created_at)),
        ConversionItem.lease_id.set(lease_id),
        ConversionItem.lease_until.set(now + lease_seconds),
    ]
    if job.event_name:
        actions.append(ConversionItem.event_name.set(job.event_name))
    if job.stage_id:
        actions.append(ConversionItem.stage_id.set(job.stage_id))
    free = ConversionItem.PK.does_not_exist() | ConversionItem.lease_until.does_not_exist()
    free = free | (ConversionItem.lease_until < now)
    try:
        job.update(actions=actions, condition=free)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return job


def release(
    job: ConversionItem,
    lease_id: str,
    outcomes: dict[str, dict[str, Any]],
    at: str,
    event: DomainEvent | None = None,
) -> bool:
    """Record each platform's outcome and give the lease back; False if the lease was lost meanwhile
    (a slower delivery whose lease expired: the holder now records its own outcome). `event`, if
    given, is recorded in the same transaction (a win's outcome: the analytics follow it)."""
    actions: list[Any] = [
        getattr(ConversionItem, platform).set(value) for platform, value in outcomes.items()
    ]
    actions += [
        ConversionItem.updated_at.set(at),
        ConversionItem.lease_id.remove(),
        ConversionItem.lease_until.remove(),
    ]
    condition = ConversionItem.lease_id == lease_id
    if event is None:
        try:
            job.update(actions=actions, condition=condition)
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True
    tx = Transaction()
    tx.update("conversion", job, actions, condition)
    tx.put("outbox", outbox_item(event))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "conversion" in error.failed:
            return False
        raise
    return True


def lead_conversions(tenant_id: str, lead_id: str) -> list[ConversionItem]:
    return list(
        ConversionItem.query(
            lead_key(tenant_id, lead_id),
            ConversionItem.SK.startswith(keys.CONVERSION_PREFIX),
            consistent_read=True,
        )
    )


# Ledger ----------------------------------------------------------------------------------------------


def index_ledger_entry(entry: LedgerEntryItem, tenant_id: str) -> None:
    sort = f"{entry.at}#{entry.entry_id}"
    entry.GSI1PK, entry.GSI1SK = keys.conversions_log(tenant_id), sort
    entry.GSI2PK, entry.GSI2SK = keys.conversions_by_status(tenant_id, entry.status), sort


def write_entries(entries: list[LedgerEntryItem]) -> None:
    """Unconditional puts, 25 per BatchWriteItem (PynamoDB retries the unprocessed ones)."""
    with LedgerEntryItem.batch_write() as batch:
        for entry in entries:
            batch.save(entry)


def lead_entries(tenant_id: str, lead_id: str) -> list[LedgerEntryItem]:
    """A lead's ledger, newest first."""
    return list(
        LedgerEntryItem.query(
            lead_key(tenant_id, lead_id),
            LedgerEntryItem.SK.startswith(keys.LEDGER_PREFIX),
            scan_index_forward=False,
        )
    )


def query_log(
    tenant_id: str, status: str | None, platform: str | None, limit: int, cursor: str | None
) -> tuple[list[LedgerEntryItem], str | None]:
    """A page of the tenant's log, newest first: by status on GSI2 (else all on GSI1), the platform as
    a filter within that one partition."""
    index = "GSI2" if status else "GSI1"
    hash_key = keys.conversions_by_status(tenant_id, status) if status else keys.conversions_log(tenant_id)
    items, next_cursor = query_page(
        LOG_INDEXES[index],
        hash_key,
        limit=limit,
        cursor=cursor,
        filter_condition=LedgerEntryItem.platform == platform if platform else None,
        index_keys=(f"{index}PK", f"{index}SK"),
    )
    return items, next_cursor


def meta_lead(tenant_id: str, leadgen_id: str) -> MetaLeadItem | None:
    try:
        return MetaLeadItem.get(keys.meta_leads(tenant_id), leadgen_id, consistent_read=True)
    except MetaLeadItem.DoesNotExist:
        return None
