"""Merging duplicate contacts and companies, and the list of possible duplicates."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import Account, Api, invite, sign_up


def contact(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    status, created = api.call("POST", "/contacts", fields, account.token)
    assert status == 201, created
    return dict(created)


def lead_for(api: Api, account: Account, contact_id: str) -> dict[str, Any]:
    status, lead = api.call("POST", "/leads", {"contact_id": contact_id, "value": "100"}, account.token)
    assert status == 201, lead
    return dict(lead)


def test_two_contacts_with_one_email_are_listed_as_possible_duplicates(api: Api, tenant: Account) -> None:
    first = contact(api, tenant, first_name="Ada", email="ada@example.test")
    second = contact(api, tenant, first_name="Augusta", emails=["ADA@example.test"])
    contact(api, tenant, first_name="Grace", email="grace@example.test")
    status, page = api.call("GET", "/contacts/duplicates", token=tenant.token)
    assert status == 200, page
    [pair] = page["items"]
    assert pair["reason"] == "email"
    assert [c["contact_id"] for c in pair["contacts"]] == [first["contact_id"], second["contact_id"]]


def test_a_merge_keeps_the_chosen_fields_and_moves_the_leads_and_their_work(
    api: Api, tenant: Account
) -> None:
    # Given two records of one person, each with a lead; the duplicate's lead has a note and a task
    keep = contact(api, tenant, first_name="Ada", email="ada@example.test", tags=["vip"], role="Prospect")
    dupe = contact(
        api,
        tenant,
        first_name="Ada",
        last_name="Lovelace",
        email="ada.l@example.test",
        phone="+44 20 7946 0001",
        tags=["newsletter"],
    )
    kept_lead = lead_for(api, tenant, keep["contact_id"])
    moved_lead = lead_for(api, tenant, dupe["contact_id"])
    api.call("POST", f"/leads/{moved_lead['lead_id']}/notes", {"body": "Wants slate"}, tenant.token)
    status, task = api.call(
        "POST",
        "/tasks",
        {"title": "Quote", "due_at": "2031-01-01T09:00:00Z", "lead_id": moved_lead["lead_id"]},
        tenant.token,
    )
    assert status == 201, task
    # When the duplicate is merged in, taking its email as the primary
    status, merged = api.call(
        "POST",
        "/contacts/merge",
        {
            "survivor_id": keep["contact_id"],
            "duplicate_id": dupe["contact_id"],
            "survivor_version": keep["version"],
            "duplicate_version": dupe["version"],
            "fields": {"email": "duplicate"},
        },
        tenant.token,
    )
    assert status == 200, merged
    # Then the survivor has the chosen email, keeps the other, takes what it lacked, and both tags
    assert merged["email"] == "ada.l@example.test" and merged["emails"] == ["ada@example.test"]
    assert merged["last_name"] == "Lovelace" and merged["phone"] == "+44 20 7946 0001"
    assert set(merged["tags"]) == {"vip", "newsletter"} and merged["role"] == "Prospect"
    # And both leads are the survivor's, showing its person; the moved one keeps its note and task
    _, detail = api.call("GET", f"/contacts/{keep['contact_id']}", token=tenant.token)
    assert {row["lead_id"] for row in detail["leads"]} == {kept_lead["lead_id"], moved_lead["lead_id"]}
    assert detail["lead_count"] == 2
    _, moved = api.call("GET", f"/leads/{moved_lead['lead_id']}", token=tenant.token)
    assert moved["contact_id"] == keep["contact_id"] and moved["email"] == "ada.l@example.test"
    assert [note["body"] for note in moved["notes"]] == ["Wants slate"]
    _, tasks = api.call("GET", f"/tasks?lead_id={moved_lead['lead_id']}", token=tenant.token)
    assert [t["task_id"] for t in tasks["items"]] == [task["task_id"]]
    _, kept = api.call("GET", f"/leads/{kept_lead['lead_id']}", token=tenant.token)
    assert kept["last_name"] == "Lovelace"
    # And the duplicate is gone from lists and matches nothing, pointing at the survivor
    _, gone = api.call("GET", f"/contacts/{dupe['contact_id']}", token=tenant.token)
    assert gone["merged_into"] == keep["contact_id"] and gone["deleted_at"]
    _, page = api.call("GET", "/contacts?q=lovelace", token=tenant.token)
    assert [c["contact_id"] for c in page["items"]] == [keep["contact_id"]]
    # And both timelines record the merge
    _, on_keep = api.call("GET", f"/contacts/{keep['contact_id']}/timeline", token=tenant.token)
    assert (
        on_keep["items"][-1]["kind"] == "merged"
        and on_keep["items"][-1]["cause"]["merged"] == dupe["contact_id"]
    )
    _, on_dupe = api.call("GET", f"/contacts/{dupe['contact_id']}/timeline", token=tenant.token)
    assert (
        on_dupe["items"][-1]["kind"] == "merged"
        and on_dupe["items"][-1]["cause"]["into"] == keep["contact_id"]
    )


def test_a_merge_moves_many_leads_in_bounded_transactions(api: Api, tenant: Account) -> None:
    keep = contact(api, tenant, first_name="Keep")
    dupe = contact(api, tenant, first_name="Dupe")
    moved = [lead_for(api, tenant, dupe["contact_id"])["lead_id"] for _ in range(9)]
    body = {
        "survivor_id": keep["contact_id"],
        "duplicate_id": dupe["contact_id"],
        "survivor_version": keep["version"],
        "duplicate_version": api.call("GET", f"/contacts/{dupe['contact_id']}", token=tenant.token)[1][
            "version"
        ],
    }
    assert api.call("POST", "/contacts/merge", body, tenant.token)[0] == 200
    _, detail = api.call("GET", f"/contacts/{keep['contact_id']}", token=tenant.token)
    assert {row["lead_id"] for row in detail["leads"]} == set(moved)
    # Merging again (a retry) changes nothing and fails nothing
    assert api.call("POST", "/contacts/merge", body, tenant.token)[0] == 200
    _, again = api.call("GET", f"/contacts/{keep['contact_id']}", token=tenant.token)
    assert len(again["leads"]) == 9 and again["lead_count"] == 9


def test_bad_merges_are_refused_and_change_nothing(api: Api, tenant: Account) -> None:
    one = contact(api, tenant, first_name="One")
    two = contact(api, tenant, first_name="Two")
    itself = {
        "survivor_id": one["contact_id"],
        "duplicate_id": one["contact_id"],
        "survivor_version": 1,
        "duplicate_version": 1,
    }
    status, body = api.call("POST", "/contacts/merge", itself, tenant.token)
    assert status == 422 and "duplicate_id" in body["error"]["fields"]
    stale = {
        "survivor_id": one["contact_id"],
        "duplicate_id": two["contact_id"],
        "survivor_version": 7,
        "duplicate_version": 1,
    }
    status, body = api.call("POST", "/contacts/merge", stale, tenant.token)
    assert status == 409 and body["error"]["code"] == "stale_version"
    assert api.call("GET", f"/contacts/{two['contact_id']}", token=tenant.token)[1]["deleted_at"] is None
    # A Sales user may not merge; another tenant's contacts are not found
    sales = invite(api, tenant, "Sales")
    assert api.call("POST", "/contacts/merge", stale, sales.token)[0] == 403
    other = sign_up(api, "Other Co")
    assert api.call("POST", "/contacts/merge", {**stale, "survivor_version": 1}, other.token)[0] == 404


def test_a_company_merge_moves_its_contacts_and_their_leads(api: Api, tenant: Account) -> None:
    _, keep = api.call("POST", "/companies", {"name": "Engines Ltd"}, tenant.token)
    _, dupe = api.call(
        "POST", "/companies", {"name": "Engines Limited", "domain": "engines.test"}, tenant.token
    )
    person = contact(api, tenant, first_name="Ada", company_id=dupe["company_id"])
    lead = lead_for(api, tenant, person["contact_id"])
    status, merged = api.call(
        "POST",
        "/companies/merge",
        {
            "survivor_id": keep["company_id"],
            "duplicate_id": dupe["company_id"],
            "survivor_version": 1,
            "duplicate_version": 1,
        },
        tenant.token,
    )
    assert status == 200, merged
    assert merged["domain"] == "engines.test"  # taken where the survivor had none
    _, detail = api.call("GET", f"/companies/{keep['company_id']}", token=tenant.token)
    assert [c["contact_id"] for c in detail["contacts"]] == [person["contact_id"]]
    assert [row["lead_id"] for row in detail["leads"]] == [lead["lead_id"]]
    _, moved_lead = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert (moved_lead["company"], moved_lead["company_id"]) == ("Engines Ltd", keep["company_id"])
    _, gone = api.call("GET", f"/companies/{dupe['company_id']}", token=tenant.token)
    assert gone["merged_into"] == keep["company_id"] and gone["contacts"] == []
