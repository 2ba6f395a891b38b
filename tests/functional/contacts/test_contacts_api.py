"""Contacts and companies through the API: CRUD, lists, search, the leads that point at them."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import Account, Api, invite, sign_up

ADA = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": " Ada@Example.TEST ",
    "phone": "+44 20 7946 0001",
    "role": "Prospect",
    "tags": ["vip"],
    "address": {"city": "London", "country": "gb"},
    "time_zone": "Europe/London",
}


def create(api: Api, account: Account, path: str = "/contacts", **fields: Any) -> dict[str, Any]:
    body = {**ADA, **fields} if path == "/contacts" else fields
    status, created = api.call("POST", path, body, account.token)
    assert status == 201, created
    return dict(created)


def test_a_contact_is_created_normalised_and_read_back_with_its_leads(api: Api, tenant: Account) -> None:
    # Given a contact
    contact = create(api, tenant)
    assert contact["email"] == "ada@example.test"
    assert (contact["role"], contact["active"], contact["test"], contact["version"]) == (
        "Prospect",
        True,
        False,
        1,
    )
    assert contact["address"] == {"city": "London", "country": "GB"}
    # When a lead is opened for it
    status, lead = api.call(
        "POST", "/leads", {"contact_id": contact["contact_id"], "value": "900"}, tenant.token
    )
    assert status == 201, lead
    # Then the lead carries the contact's person, and the contact lists the lead
    assert (lead["contact_id"], lead["first_name"], lead["email"]) == (
        contact["contact_id"],
        "Ada",
        "ada@example.test",
    )
    status, detail = api.call("GET", f"/contacts/{contact['contact_id']}", token=tenant.token)
    assert status == 200
    assert [row["lead_id"] for row in detail["leads"]] == [lead["lead_id"]]
    assert detail["leads"][0]["value"] == 900.0 and detail["lead_count"] == 1
    # And the lead page shows its contact
    _, lead_detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert lead_detail["contact"]["contact_id"] == contact["contact_id"]


def test_a_lead_for_a_known_email_joins_its_contact_and_a_new_person_gets_a_contact(
    api: Api, tenant: Account
) -> None:
    # Given a contact with an email
    contact = create(api, tenant)
    # When two leads are created by email: one known, one new
    _, known = api.call(
        "POST", "/leads", {"email": "ADA@example.test", "first_name": "Someone"}, tenant.token
    )
    _, new = api.call(
        "POST",
        "/leads",
        {"first_name": "Grace", "email": "grace@example.test", "company": "Navy"},
        tenant.token,
    )
    # Then the first is the known contact's (its name is the contact's), the second has its own contact
    assert known["contact_id"] == contact["contact_id"] and known["first_name"] == "Ada"
    assert new["contact_id"] not in (None, contact["contact_id"])
    # And the new contact's company was made from the company name, and lists it
    _, grace = api.call("GET", f"/contacts/{new['contact_id']}", token=tenant.token)
    assert grace["company_name"] == "Navy" and grace["company_id"]
    _, company = api.call("GET", f"/companies/{grace['company_id']}", token=tenant.token)
    assert [c["contact_id"] for c in company["contacts"]] == [new["contact_id"]]
    assert [row["lead_id"] for row in company["leads"]] == [new["lead_id"]]
    assert company["contact_count"] == 1


def test_editing_the_person_edits_the_contact_and_every_lead_of_it(api: Api, tenant: Account) -> None:
    # Given a contact with two leads
    contact = create(api, tenant)
    leads = [
        api.call("POST", "/leads", {"contact_id": contact["contact_id"]}, tenant.token)[1] for _ in range(2)
    ]
    # When the contact's name and email change
    status, updated = api.call(
        "PATCH",
        f"/contacts/{contact['contact_id']}",
        {"first_name": "Augusta", "email": "augusta@example.test", "version": contact["version"]},
        tenant.token,
    )
    assert status == 200, updated
    # Then both leads show the new person, and search finds them by it
    for lead in leads:
        _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
        assert (current["first_name"], current["email"]) == ("Augusta", "augusta@example.test")
    _, found = api.call("GET", "/leads?q=augusta", token=tenant.token)
    assert {item["lead_id"] for item in found["items"]} == {lead["lead_id"] for lead in leads}
    # And an edit of the person from one lead reaches the contact and the other lead
    _, first = api.call("GET", f"/leads/{leads[0]['lead_id']}", token=tenant.token)
    status, _ = api.call(
        "PATCH",
        f"/leads/{leads[0]['lead_id']}",
        {"last_name": "King", "version": first["version"]},
        tenant.token,
    )
    assert status == 200
    _, other = api.call("GET", f"/leads/{leads[1]['lead_id']}", token=tenant.token)
    _, person = api.call("GET", f"/contacts/{contact['contact_id']}", token=tenant.token)
    assert other["last_name"] == person["last_name"] == "King"


def test_a_stale_contact_edit_is_409_with_the_current_contact(api: Api, tenant: Account) -> None:
    contact = create(api, tenant)
    path = f"/contacts/{contact['contact_id']}"
    assert api.call("PATCH", path, {"role": "Client", "version": 1}, tenant.token)[0] == 200
    status, body = api.call("PATCH", path, {"role": "Lead", "version": 1}, tenant.token)
    assert status == 409 and body["error"]["code"] == "stale_version"
    assert body["error"]["details"]["contact"]["role"] == "Client"


def test_bad_contact_input_names_the_field_and_writes_nothing(api: Api, tenant: Account) -> None:
    for body, field in [
        ({**ADA, "role": "Customer"}, "role"),
        ({**ADA, "tags": ["x" * 51]}, "tags"),
        ({**ADA, "email": "not-an-email"}, "email"),
        ({"first_name": ""}, None),
    ]:
        status, answer = api.call("POST", "/contacts", body, tenant.token)
        assert status == 422, (body, answer)
        if field:
            assert any(key.startswith(field) for key in answer["error"]["fields"]), answer
    _, page = api.call("GET", "/contacts", token=tenant.token)
    assert page["items"] == []


def test_lists_by_role_owner_name_and_search_from_three_characters(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales", "Sam")
    create(api, tenant, first_name="Zed", email="zed@example.test", phone=None, role="Client")
    create(
        api, tenant, first_name="Amy", email="amy@example.test", phone=None, owner_id=sales.tokens["user_id"]
    )
    create(api, tenant, first_name="Max", email="max@corp.test", phone="+1 212 555 0144", tags=["golf"])

    def names(query: str, token: str = tenant.token) -> list[str]:
        status, page = api.call("GET", f"/contacts?{query}", token=token)
        assert status == 200, page
        return [item["first_name"] for item in page["items"]]

    assert names("sort=name") == ["Amy", "Max", "Zed"]
    assert names("role=Client") == ["Zed"]
    assert names(f"owner_id={sales.tokens['user_id']}") == ["Amy"]
    assert names("q=gol") == ["Max"] and names("q=corp.test") == [] and names("q=max@corp") == ["Max"]
    assert names("q=212555") == ["Max"]
    status, body = api.call("GET", "/contacts?q=ma", token=tenant.token)
    assert status == 422 and "q" in body["error"]["fields"]
    # A Sales user lists the contacts they own
    assert names("", sales.token) == ["Amy"]
    # And may narrow their own by role; an Admin may combine owner and role too
    assert names("role=Prospect", sales.token) == ["Amy"] and names("role=Client", sales.token) == []
    assert names(f"owner_id={sales.tokens['user_id']}&role=Prospect") == ["Amy"]


def test_sales_sees_own_contacts_and_the_contacts_of_their_leads_only(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales", "Sam")
    hidden = create(api, tenant, email="hidden@example.test", phone=None)
    via_lead = create(api, tenant, email="vialead@example.test", phone=None)
    api.call(
        "POST",
        "/leads",
        {"contact_id": via_lead["contact_id"], "owner_id": sales.tokens["user_id"]},
        tenant.token,
    )
    assert api.call("GET", f"/contacts/{hidden['contact_id']}", token=sales.token)[0] == 403
    status, seen = api.call("GET", f"/contacts/{via_lead['contact_id']}", token=sales.token)
    assert status == 200 and len(seen["leads"]) == 1
    # The Sales user may open another lead for that contact; the Admin's own lead there stays hidden
    api.call("POST", "/leads", {"contact_id": via_lead["contact_id"]}, tenant.token)
    status, second = api.call("POST", "/leads", {"contact_id": via_lead["contact_id"]}, sales.token)
    assert status == 201 and second["owner_id"] == sales.tokens["user_id"]
    _, seen = api.call("GET", f"/contacts/{via_lead['contact_id']}", token=sales.token)
    assert len(seen["leads"]) == 2
    status, body = api.call("POST", "/leads", {"contact_id": hidden["contact_id"]}, sales.token)
    assert status == 422 and "contact_id" in body["error"]["fields"]
    staff = invite(api, tenant, "Staff", "Stu")
    assert api.call("GET", f"/contacts/{hidden['contact_id']}", token=staff.token)[0] == 200
    assert api.call("PATCH", f"/contacts/{hidden['contact_id']}", {"version": 1}, staff.token)[0] == 403


def test_delete_and_restore_a_contact(api: Api, tenant: Account) -> None:
    contact = create(api, tenant)
    path = f"/contacts/{contact['contact_id']}"
    assert api.call("DELETE", path, token=tenant.token)[1]["deleted_at"]
    assert api.call("GET", "/contacts", token=tenant.token)[1]["items"] == []
    deleted = api.call("GET", "/contacts?deleted=true", token=tenant.token)[1]["items"]
    assert [c["contact_id"] for c in deleted] == [contact["contact_id"]]
    # A lead for its email no longer joins it: a deleted contact is out of reach until restored
    _, lead = api.call("POST", "/leads", {"email": "ada@example.test"}, tenant.token)
    assert lead["contact_id"] != contact["contact_id"]
    restored = api.call("POST", f"{path}/restore", token=tenant.token)[1]
    assert restored["deleted_at"] is None
    assert contact["contact_id"] in {
        c["contact_id"] for c in api.call("GET", "/contacts", token=tenant.token)[1]["items"]
    }


def test_companies_rename_reaches_their_contacts_and_leads(api: Api, tenant: Account) -> None:
    company = create(api, tenant, "/companies", name="Analytical Engines", domain="Engines.TEST")
    assert company["domain"] == "engines.test"
    contact = create(api, tenant, company_id=company["company_id"])
    _, lead = api.call("POST", "/leads", {"contact_id": contact["contact_id"]}, tenant.token)
    assert lead["company"] == "Analytical Engines" and lead["company_id"] == company["company_id"]
    status, renamed = api.call(
        "PATCH",
        f"/companies/{company['company_id']}",
        {"name": "Difference Engines", "version": 1},
        tenant.token,
    )
    assert status == 200, renamed
    assert (
        api.call("GET", f"/contacts/{contact['contact_id']}", token=tenant.token)[1]["company_name"]
        == "Difference Engines"
    )
    assert (
        api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)[1]["company"] == "Difference Engines"
    )
    # The primary contact must be one of the company's contacts
    status, body = api.call(
        "PATCH",
        f"/companies/{company['company_id']}",
        {
            "primary_contact_id": create(api, tenant, email="other@example.test", phone=None)["contact_id"],
            "version": 2,
        },
        tenant.token,
    )
    assert status == 422 and "primary_contact_id" in body["error"]["fields"]
    status, body = api.call(
        "PATCH",
        f"/companies/{company['company_id']}",
        {"primary_contact_id": contact["contact_id"], "version": 2},
        tenant.token,
    )
    assert status == 200 and body["primary_contact_id"] == contact["contact_id"]
    names = [c["name"] for c in api.call("GET", "/companies?q=diff", token=tenant.token)[1]["items"]]
    assert names == ["Difference Engines"]


def test_another_tenants_contacts_and_companies_are_404(api: Api, tenant: Account) -> None:
    contact = create(api, tenant)
    company = create(api, tenant, "/companies", name="Mine Ltd")
    other = sign_up(api, "Other Co")
    for method, path, body in [
        ("GET", f"/contacts/{contact['contact_id']}", None),
        ("PATCH", f"/contacts/{contact['contact_id']}", {"version": 1}),
        ("DELETE", f"/contacts/{contact['contact_id']}", None),
        ("POST", f"/contacts/{contact['contact_id']}/restore", None),
        ("GET", f"/companies/{company['company_id']}", None),
        ("PATCH", f"/companies/{company['company_id']}", {"version": 1}),
        ("DELETE", f"/companies/{company['company_id']}", None),
        ("POST", f"/companies/{company['company_id']}/restore", None),
    ]:
        status, _ = api.call(method, path, body, other.token)
        assert status == 404, (method, path, status)
    status, body = api.call("POST", "/leads", {"contact_id": contact["contact_id"]}, other.token)
    assert status == 422 and "contact_id" in body["error"]["fields"]
    assert api.call("GET", "/contacts", token=other.token)[1]["items"] == []
