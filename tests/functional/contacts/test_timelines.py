"""The audit trail: every change of a contact, a company or a lead is an entry with who, when and
each field's old and new value, written with the change."""

from __future__ import annotations

from tests.functional.conftest import Account, Api, invite, sign_up


def test_a_contacts_timeline_lists_its_creation_edits_delete_and_restore(api: Api, tenant: Account) -> None:
    # Given a contact made by a rep, edited (role and tags), deleted and restored
    rep = invite(api, tenant, "Manager", "Morgan Manager")
    _, contact = api.call("POST", "/contacts", {"first_name": "Ada", "email": "ada@example.test"}, rep.token)
    path = f"/contacts/{contact['contact_id']}"
    api.call("PATCH", path, {"role": "Prospect", "tags": ["vip"], "version": 1}, rep.token)
    api.call("DELETE", path, token=tenant.token)
    api.call("POST", f"{path}/restore", token=tenant.token)
    # When its timeline is read
    status, timeline = api.call("GET", f"{path}/timeline", token=tenant.token)
    # Then each change is there, oldest first, with who made it and what changed
    assert status == 200, timeline
    items = timeline["items"]
    assert [item["kind"] for item in items] == ["created", "updated", "deleted", "restored"]
    assert items[0]["actor_name"] == "Morgan Manager"
    assert items[1]["changes"] == [
        {"field": "role", "old": "Lead", "new": "Prospect"},
        {"field": "tags", "old": [], "new": ["vip"]},
    ]
    assert items[2]["actor_id"] not in (None, items[0]["actor_id"])  # the Admin deleted it
    assert [item["at"] for item in items] == sorted(item["at"] for item in items)


def test_a_contact_made_with_a_lead_says_so_and_names_who(api: Api, tenant: Account) -> None:
    _, lead = api.call("POST", "/leads", {"first_name": "Grace", "company": "Navy"}, tenant.token)
    _, timeline = api.call("GET", f"/contacts/{lead['contact_id']}/timeline", token=tenant.token)
    [created] = timeline["items"]
    assert created["kind"] == "created" and created["cause"] == {"lead_id": lead["lead_id"]}
    assert created["actor_name"]  # the user's name, looked up at read time
    _, company = api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)
    _, company_timeline = api.call("GET", f"/companies/{company['company_id']}/timeline", token=tenant.token)
    assert [item["kind"] for item in company_timeline["items"]] == ["created"]


def test_a_company_rename_is_on_the_company_and_on_its_contacts_timelines(api: Api, tenant: Account) -> None:
    _, company = api.call("POST", "/companies", {"name": "Engines"}, tenant.token)
    _, contact = api.call(
        "POST", "/contacts", {"first_name": "Ada", "company_id": company["company_id"]}, tenant.token
    )
    api.call(
        "PATCH",
        f"/companies/{company['company_id']}",
        {"name": "Difference Engines", "version": 1},
        tenant.token,
    )
    _, on_company = api.call("GET", f"/companies/{company['company_id']}/timeline", token=tenant.token)
    assert on_company["items"][-1]["changes"] == [
        {"field": "name", "old": "Engines", "new": "Difference Engines"}
    ]
    _, on_contact = api.call("GET", f"/contacts/{contact['contact_id']}/timeline", token=tenant.token)
    assert on_contact["items"][-1]["changes"] == [
        {"field": "company_name", "old": "Engines", "new": "Difference Engines"}
    ]


def test_a_leads_edits_and_deletes_are_on_its_timeline(api: Api, tenant: Account) -> None:
    _, lead = api.call("POST", "/leads", {"first_name": "Lou", "value": "100"}, tenant.token)
    path = f"/leads/{lead['lead_id']}"
    api.call("PATCH", path, {"value": "250", "tags": ["roof"], "version": 1}, tenant.token)
    api.call("DELETE", path, token=tenant.token)
    api.call("POST", f"{path}/restore", token=tenant.token)
    _, timeline = api.call("GET", f"{path}/timeline", token=tenant.token)
    kinds = [item["kind"] for item in timeline["items"]]
    assert kinds == ["created", "updated", "deleted", "restored"]
    changes = {c["field"]: (c["old"], c["new"]) for c in timeline["items"][1]["changes"]}
    assert changes == {"value": (10000, 25000), "tags": ([], ["roof"])}


def test_timelines_follow_visibility_and_tenants(api: Api, tenant: Account) -> None:
    _, contact = api.call("POST", "/contacts", {"first_name": "Hidden"}, tenant.token)
    sales = invite(api, tenant, "Sales")
    assert api.call("GET", f"/contacts/{contact['contact_id']}/timeline", token=sales.token)[0] == 403
    other = sign_up(api, "Elsewhere")
    assert api.call("GET", f"/contacts/{contact['contact_id']}/timeline", token=other.token)[0] == 404
    _, company = api.call("POST", "/companies", {"name": "Mine"}, tenant.token)
    assert api.call("GET", f"/companies/{company['company_id']}/timeline", token=other.token)[0] == 404
