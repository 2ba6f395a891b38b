"""The backfill that gives leads from before contacts their contact and company.

Per tenant: its live leads, then its deleted ones (GSI1, oldest first, so the person as first met
makes the contact; a page at a time), each lead without a
contact joined to the contact with its email or phone (made from the lead when there is none, with a
company made from the lead's company name when no company has it). One transaction per lead: the
contact (when new) with its search terms, its company (when new) or the company's link, the contact's
link to the lead, and the lead's update, conditional on the lead still having no contact. The tenant's
checkpoint item keeps the phase, the cursor and the counts after each page, so a run stopped anywhere
goes on from there, and a second run changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from convertly.contacts import keys
from convertly.contacts.items import ContactBackfillItem
from convertly.contacts.writes import plan_contact, write_contact_plan
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.platform.clock import iso
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

PAGE = 25
PHASES = ("live", "deleted")


@dataclass(frozen=True)
class BackfillReport:
    tenant_id: str
    done: bool
    leads_seen: int
    leads_linked: int
    contacts_created: int
    companies_created: int

    @classmethod
    def of(cls, tenant_id: str, item: ContactBackfillItem) -> BackfillReport:
        return cls(
            tenant_id,
            item.phase == "done",
            int(item.leads_seen or 0),
            int(item.leads_linked or 0),
            int(item.contacts_created or 0),
            int(item.companies_created or 0),
        )


def _checkpoint(tenant_id: str) -> ContactBackfillItem:
    try:
        return ContactBackfillItem.get(
            platform_keys.tenant(tenant_id), keys.BACKFILL_SK, consistent_read=True
        )
    except ContactBackfillItem.DoesNotExist:
        now = iso()
        return ContactBackfillItem(
            platform_keys.tenant(tenant_id), keys.BACKFILL_SK, started_at=now, updated_at=now
        )


def backfill_tenant(
    tenant_id: str, *, keep_going: Callable[[], bool] = lambda: True, page: int = PAGE
) -> BackfillReport:
    """Link the tenant's leads to contacts, a page at a time while `keep_going()` (a Lambda passes
    "time is left"); where it stands is saved after each page."""
    state = _checkpoint(tenant_id)
    while state.phase != "done" and keep_going():
        deleted = state.phase == "deleted"
        found, cursor = leads.query_leads(
            "GSI1",
            leads.leads_index(tenant_id, deleted=deleted),
            None,
            None,
            page,
            state.cursor,
            oldest_first=True,
        )
        for lead in found:
            _link(state, lead)
        state.leads_seen = int(state.leads_seen or 0) + len(found)
        state.cursor = cursor
        if cursor is None:
            state.phase = "deleted" if state.phase == "live" else "done"
            state.finished_at = iso() if state.phase == "done" else None
        state.updated_at = iso()
        state.save()
    return BackfillReport.of(tenant_id, state)


def _link(state: ContactBackfillItem, lead: leads.Lead) -> None:
    if lead.contact_id:
        return
    for _ in range(2):  # a matched contact deleted meanwhile: plan again
        consent = plain(lead.attribution).get("consent") or None
        plan = plan_contact(
            lead.tenant_id,
            {
                f: getattr(lead, f)
                for f in ("first_name", "last_name", "email", "phone", "country", "company")
            },
            at=lead.created_at,
            actor=lead.created_by,
            owner_id=lead.owner_id,
            source=lead.source,
            consent=dict(consent) if consent else None,
            phone_alone=True,
            consistent=True,
        )
        tx = Transaction()
        write_contact_plan(tx, plan, lead.lead_id, lead.pipeline_id, lead.created_at)
        leads.link_to_contact(tx, lead, plan.contact)
        if not lead.deleted_at:  # tags from before the tag list join it now (once: the lead's condition)
            fields.tag_writes(tx, lead.tenant_id, "lead", lead.lead_id, [], [str(t) for t in lead.tags or []])
        try:
            tx.commit()
        except TransactionCancelledError as error:
            if "lead" in error.failed:
                return  # linked by someone else since the page was read
            continue
        state.leads_linked = int(state.leads_linked or 0) + 1
        state.contacts_created = int(state.contacts_created or 0) + int(plan.new)
        state.companies_created = int(state.companies_created or 0) + int(plan.new_company is not None)
        return


def backfill(tenant_ids: list[str], *, seconds: float | None = None) -> list[BackfillReport]:
    """Backfill each tenant in turn; with `seconds`, stop starting pages after that long (a Lambda's
    budget) and report where each tenant stands."""
    deadline = time.monotonic() + seconds if seconds is not None else None

    def keep_going() -> bool:
        return deadline is None or time.monotonic() < deadline

    reports = []
    for tenant_id in tenant_ids:
        reports.append(backfill_tenant(tenant_id, keep_going=keep_going))
    return reports
