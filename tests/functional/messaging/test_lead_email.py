"""A one-off email from a lead's page: it goes to the lead's contact with the lead's merge fields and
shows on the lead's timeline as well as the contact's; a lead that is not the contact's, or that the
sender may not see, is a 404."""

from __future__ import annotations

from typing import Any

from tests.functional.automation.support import lead, mails
from tests.functional.conftest import Account, Api, invite


def _send(api: Api, account: Account, contact_id: str, lead_id: str, key: str) -> tuple[int, Any]:
    body = {
        "channel": "email",
        "subject": "About {{lead.name}}",
        "body": "<p>{{lead.value}} {{lead.currency}}</p>",
        "lead_id": lead_id,
        "request_key": key,
    }
    return api.call("POST", f"/contacts/{contact_id}/messages", body, account.token)


def test_an_email_about_a_lead_shows_on_its_timeline_and_the_contacts(api: Api, tenant: Account) -> None:
    created = lead(api, tenant, first_name="Mary", last_name="Jackson", email="mary@example.test", value=900)

    status, sent = _send(api, tenant, created["contact_id"], created["lead_id"], "key-lead-email")

    assert status == 202, sent
    assert sent["subject"] == "About Mary Jackson"
    (queued,) = [m for m in mails(tenant.tenant_id) if m.kind == "message"]
    assert "900.00 USD" in str(queued.html)
    timeline = api.call("GET", f"/leads/{created['lead_id']}/timeline", token=tenant.token)[1]
    (emailed,) = [e for e in timeline["items"] if e["kind"] == "emailed"]
    assert emailed["actor_name"] == "Ada Admin"
    assert (
        emailed["cause"]["subject"] == "About Mary Jackson" and emailed["cause"]["to"] == "mary@example.test"
    )
    contact_timeline = api.call("GET", f"/contacts/{created['contact_id']}/timeline", token=tenant.token)[1]
    (on_contact,) = [e for e in contact_timeline["items"] if e["kind"] == "emailed"]
    assert on_contact["cause"]["lead_id"] == created["lead_id"]


def test_a_lead_of_another_contact_or_one_the_sender_does_not_see_is_not_found(
    api: Api, tenant: Account
) -> None:
    mine = lead(api, tenant, first_name="Ann", email="ann@example.test")
    other = lead(api, tenant, first_name="Bob", email="bob@example.test")
    status, refused = _send(api, tenant, mine["contact_id"], other["lead_id"], "key-other-contact")
    assert status == 404 and refused["error"]["code"] == "lead_not_found"

    # A Sales rep who owns a lead of the contact may email it about that lead, not a colleague's
    sales = invite(api, tenant, "Sales", "Sam")
    status, owned = api.call(
        "POST", "/leads", {"first_name": "Ann", "email": "ann@example.test"}, sales.token
    )
    assert status == 201 and owned["contact_id"] == mine["contact_id"], owned
    assert _send(api, sales, mine["contact_id"], owned["lead_id"], "key-own-lead")[0] == 202
    status, refused = _send(api, sales, mine["contact_id"], mine["lead_id"], "key-colleague-lead")
    assert status == 404 and refused["error"]["code"] == "lead_not_found"
    assert len([m for m in mails(tenant.tenant_id) if m.kind == "message"]) == 1
