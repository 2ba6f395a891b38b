"""The backfill gives leads from before contacts their contact and company: grouped by email or phone,
resumable from its checkpoint, safe to run twice."""

from __future__ import annotations

from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts.backfill import backfill_tenant
from convertly.leads import service as leads
from convertly.platform.clock import iso, new_id
from convertly.platform.store.transaction import Transaction
from functions.contacts_backfill.handler import MARGIN_MS
from functions.contacts_backfill.handler import handler as backfill_handler
from tests.functional.conftest import Account, Api
from tests.functional.platform.test_events import Ctx as _Ctx


class Ctx(_Ctx):
    def __init__(self, remaining_ms: int = 900_000) -> None:
        self.remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def old_lead(account: Account, api: Api, **person: Any) -> str:
    """A lead written as it was before contacts: no contact, its person on the lead alone."""
    _, pipelines = api.call("GET", "/pipelines", token=account.token)
    pipeline = pipelines["items"][0]
    at, lead_id = iso(), new_id()
    lead = leads.Lead(
        leads.lead_key(account.tenant_id, lead_id),
        leads.LEAD_SK,
        lead_id=lead_id,
        tenant_id=account.tenant_id,
        first_name=person.get("first_name", ""),
        last_name=person.get("last_name", ""),
        email=person.get("email"),
        phone=person.get("phone"),
        company=person.get("company"),
        pipeline_id=pipeline["pipeline_id"],
        stage_id=pipeline["stages"][0]["stage_id"],
        stage_entered_at=at,
        created_at=at,
        created_by="import",
        updated_at=at,
        deleted_at=person.get("deleted_at"),
    )
    lead.search_terms = leads.lead_terms(lead.first_name, lead.last_name, lead.email, lead.phone)  # type: ignore[assignment]
    leads.apply_index_keys(lead)
    tx = Transaction()
    leads.add_new_lead(tx, lead, "import")
    tx.commit()
    return lead_id


def lead_of(api: Api, account: Account, lead_id: str) -> dict[str, Any]:
    status, lead = api.call("GET", f"/leads/{lead_id}", token=account.token)
    assert status == 200
    return dict(lead)


def test_existing_leads_get_contacts_by_email_or_phone_and_companies_by_name(
    api: Api, tenant: Account
) -> None:
    # Given leads from before contacts: two with one email, one sharing the first's phone, a loner, a
    # deleted one, and company names written two ways
    ada = old_lead(
        tenant,
        api,
        first_name="Ada",
        email="ada@example.test",
        phone="+1 415 555 0100",
        company="Engines Ltd",
    )
    ada_again = old_lead(
        tenant, api, first_name="A.", email="ADA@example.test".lower(), company="engines ltd"
    )
    by_phone = old_lead(tenant, api, first_name="Ada", phone="415-555-0100")
    loner = old_lead(tenant, api, first_name="Nobody")
    gone = old_lead(tenant, api, first_name="Gone", email="gone@example.test", deleted_at=iso())

    # When the backfill runs one page of two, stops, and is run again to the end
    calls = iter([True, False])
    first = backfill_tenant(tenant.tenant_id, keep_going=lambda: next(calls), page=2)
    assert not first.done and first.leads_seen == 2
    report = backfill_tenant(tenant.tenant_id, page=2)

    # Then every lead has a contact: Ada's three leads one contact, the loner and the deleted lead their own
    assert report.done and report.leads_seen == 5 and report.leads_linked == 5
    assert (report.contacts_created, report.companies_created) == (3, 1)
    ada_contact = lead_of(api, tenant, ada)["contact_id"]
    assert {lead_of(api, tenant, i)["contact_id"] for i in (ada, ada_again, by_phone)} == {ada_contact}
    assert lead_of(api, tenant, loner)["contact_id"] not in (None, ada_contact)
    status, restored = api.call("POST", f"/leads/{gone}/restore", token=tenant.token)
    assert status == 200 and restored["contact_id"]
    # And the contact lists its three leads, in the company made from the name
    _, contact = api.call("GET", f"/contacts/{ada_contact}", token=tenant.token)
    assert (
        len(contact["leads"]) == 3 and contact["lead_count"] == 3 and contact["company_name"] == "Engines Ltd"
    )
    # And a lead of a matched contact now shows the contact's person
    assert lead_of(api, tenant, ada_again)["first_name"] == "Ada"

    # When it runs again, nothing changes
    again = backfill_tenant(tenant.tenant_id)
    assert again == report
    _, page = api.call("GET", "/contacts?limit=100", token=tenant.token)
    assert len(page["items"]) == 3


def test_the_function_backfills_the_tenants_it_is_given_and_says_which_are_left(
    api: Api, tenant: Account
) -> None:
    old_lead(tenant, api, first_name="Old", email="old@example.test")
    answer = backfill_handler({"tenant_ids": [tenant.tenant_id]}, Ctx())
    assert answer["pending"] == []
    [report] = answer["reports"]
    assert (report["tenant_id"], report["leads_linked"], report["contacts_created"], report["done"]) == (
        tenant.tenant_id,
        1,
        1,
        True,
    )
    # Without a list it goes through every tenant in the user pool, this one among them; invoked with no
    # more than its margin left, it starts no page and names the tenants left (every earlier test's
    # tenants are in this pool: backfilling them all would only make the test slower as the suite grows)
    everyone = backfill_handler({}, Ctx(remaining_ms=MARGIN_MS))
    reported = {r["tenant_id"]: r for r in everyone["reports"]}
    assert set(reported) == set(accounts.tenant_ids()) and reported[tenant.tenant_id]["done"] is True
    assert everyone["pending"] == [tenant_id for tenant_id, r in reported.items() if not r["done"]]
