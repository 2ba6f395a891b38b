"""Tags and custom fields on contacts, companies and leads: the tag list counts what carries each tag
and a rename or a delete reaches every record; custom field values are checked on every write."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import Account, Api


def tags(api: Api, account: Account) -> dict[str, dict[str, Any]]:
    status, page = api.call("GET", "/tags", token=account.token)
    assert status == 200, page
    return {tag["name"]: tag for tag in page["items"]}


def test_the_tag_list_counts_live_records_and_a_rename_reaches_them_all(api: Api, tenant: Account) -> None:
    # Given a tag on a contact, a company and a lead, and on a contact later deleted
    _, ada = api.call("POST", "/contacts", {"first_name": "Ada", "tags": ["VIP"]}, tenant.token)
    _, gone = api.call("POST", "/contacts", {"first_name": "Gone", "tags": ["vip"]}, tenant.token)
    _, company = api.call("POST", "/companies", {"name": "Engines", "tags": ["vip"]}, tenant.token)
    _, lead = api.call("POST", "/leads", {"first_name": "Lou", "tags": ["vip", "roof"]}, tenant.token)
    api.call("DELETE", f"/contacts/{gone['contact_id']}", token=tenant.token)
    # Then the list counts each kind of live record once, under the name first used
    vip = tags(api, tenant)["VIP"]
    assert (vip["contact_count"], vip["company_count"], vip["lead_count"]) == (1, 1, 1)
    # When the tag is renamed
    status, renamed = api.call("PATCH", f"/tags/{vip['tag_id']}", {"name": "Key account"}, tenant.token)
    assert status == 200, renamed
    # Then every record carries the new name, and the contact's timeline says who changed it
    assert api.call("GET", f"/contacts/{ada['contact_id']}", token=tenant.token)[1]["tags"] == ["Key account"]
    assert api.call("GET", f"/companies/{company['company_id']}", token=tenant.token)[1]["tags"] == [
        "Key account"
    ]
    assert api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)[1]["tags"] == [
        "Key account",
        "roof",
    ]
    _, timeline = api.call("GET", f"/contacts/{ada['contact_id']}/timeline", token=tenant.token)
    assert timeline["items"][-1]["actor_name"] == "Tag list"
    # And search finds the contact by its new tag
    found = api.call("GET", "/contacts?q=key acc", token=tenant.token)[1]["items"]
    assert [c["contact_id"] for c in found] == [ada["contact_id"]]
    # And a contact deleted meanwhile kept the old tag, which is back on the list when it is restored
    api.call("POST", f"/contacts/{gone['contact_id']}/restore", token=tenant.token)
    assert tags(api, tenant)["vip"]["contact_count"] == 1


def test_custom_field_values_are_checked_on_every_write(api: Api, tenant: Account) -> None:
    # Given a required dropdown and a number field on contacts
    status, saved = api.call(
        "PUT",
        "/custom-fields/contact",
        {
            "version": 0,
            "fields": [
                {
                    "key": "plan",
                    "label": "Plan",
                    "type": "dropdown",
                    "options": ["Basic", "Pro"],
                    "required": True,
                },
                {"key": "seats", "label": "Seats", "type": "number"},
            ],
        },
        tenant.token,
    )
    assert status == 200, saved
    # When a contact is created without the required field, or with a value not in its options
    status, body = api.call("POST", "/contacts", {"first_name": "Ada"}, tenant.token)
    assert status == 422 and "custom_fields.plan" in body["error"]["fields"]
    status, body = api.call(
        "POST",
        "/contacts",
        {"first_name": "Ada", "custom_fields": {"plan": "Gold", "seats": "many"}},
        tenant.token,
    )
    assert status == 422 and {"custom_fields.plan", "custom_fields.seats"} <= set(body["error"]["fields"])
    assert api.call("GET", "/contacts", token=tenant.token)[1]["items"] == []
    # Then a good one is stored normalised, and an edit is checked too
    status, ada = api.call(
        "POST",
        "/contacts",
        {"first_name": "Ada", "custom_fields": {"plan": "pro", "seats": "12"}},
        tenant.token,
    )
    assert status == 201, ada
    assert ada["custom_fields"]["plan"] == "Pro" and ada["custom_fields"]["seats"] == 12
    status, body = api.call(
        "PATCH",
        f"/contacts/{ada['contact_id']}",
        {"custom_fields": {"plan": "Gold"}, "version": 1},
        tenant.token,
    )
    assert status == 422 and "custom_fields.plan" in body["error"]["fields"]
