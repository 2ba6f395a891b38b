"""Custom field definitions through the API (the ordered list per object type, saved whole with its
version) and a record's values checked against them by convertly.fields.service."""

from __future__ import annotations

from typing import Any

import pytest

from convertly.fields import definitions as store
from convertly.fields import service
from convertly.platform.errors import ValidationError
from tests.functional.conftest import Account, Api, sign_up

SIZE = {"key": "size", "label": "Company size", "type": "dropdown", "options": ["Small", "Large"]}
BUDGET = {"key": "budget", "label": "Budget", "type": "money", "required": True}


def save(
    api: Api, account: Account, fields: list[dict[str, Any]], version: int, object_type: str = "contact"
):
    return api.call(
        "PUT", f"/custom-fields/{object_type}", {"fields": fields, "version": version}, account.token
    )


def saved(
    api: Api, account: Account, fields: list[dict[str, Any]], version: int, **kw: Any
) -> dict[str, Any]:
    status, body = save(api, account, fields, version, **kw)
    assert status == 200, body
    return dict(body)


def test_an_object_type_without_fields_answers_an_empty_list_at_version_0(api: Api, tenant: Account) -> None:
    for object_type in ("contact", "company", "lead"):
        status, body = api.call("GET", f"/custom-fields/{object_type}", token=tenant.token)
        assert status == 200, body
        assert (body["object_type"], body["fields"], body["version"]) == (object_type, [], 0)
    assert api.call("GET", "/custom-fields/deal", token=tenant.token)[0] == 422


def test_fields_are_saved_in_order_reordered_and_deleted_with_versions(api: Api, tenant: Account) -> None:
    # Given two fields saved for contacts
    first = saved(api, tenant, [SIZE, BUDGET], 0)
    assert [f["key"] for f in first["fields"]] == ["size", "budget"] and first["version"] == 1
    size, budget = first["fields"]
    assert size["field_id"] and size["options"] == ["Small", "Large"] and budget["options"] == []
    assert (budget["required"], size["required"], size["placeholder"]) == (True, False, None)

    # When they are dragged into the other order and one gets a new label
    moved = saved(api, tenant, [{**budget, "label": "Budget (USD)"}, size], 1)
    # Then the order, the ids and the label are kept, and reading it back agrees
    assert [(f["key"], f["field_id"]) for f in moved["fields"]] == [
        ("budget", budget["field_id"]),
        ("size", size["field_id"]),
    ]
    _, read = api.call("GET", "/custom-fields/contact", token=tenant.token)
    assert read == moved and read["fields"][0]["label"] == "Budget (USD)" and read["version"] == 2

    # When one is left out, it is deleted; the other object types are untouched
    assert [f["key"] for f in saved(api, tenant, [size], 2)["fields"]] == ["size"]
    assert api.call("GET", "/custom-fields/lead", token=tenant.token)[1]["fields"] == []


def test_a_save_from_a_stale_version_is_409_with_the_current_list(api: Api, tenant: Account) -> None:
    saved(api, tenant, [SIZE], 0)
    # Two editors read version 1; the first saves
    saved(api, tenant, [SIZE, BUDGET], 1)
    # The second's save is refused with what is there now
    status, body = save(api, tenant, [], 1)
    assert (status, body["error"]["code"]) == (409, "stale_version")
    current = body["error"]["details"]["custom_fields"]
    assert [f["key"] for f in current["fields"]] == ["size", "budget"] and current["version"] == 2
    # And a first save (version 0) when one exists is refused too
    assert save(api, tenant, [SIZE], 0)[0] == 409


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ([SIZE, {**SIZE, "label": "Size again"}], "fields.1.key"),
        ([{"key": "size", "label": "Size", "type": "dropdown"}], "fields.0.options"),
        ([{"key": "size", "label": "Size", "type": "multi_select", "options": []}], "fields.0.options"),
        ([{"key": "note", "label": "Note", "type": "text", "options": ["a"]}], "fields.0.options"),
        ([{**SIZE, "options": ["Small", "small"]}], "fields.0.options.1"),
        ([{**SIZE, "options": ["Small", "  "]}], "fields.0.options.1"),
        ([{**SIZE, "options": [str(n) for n in range(101)]}], "fields.0.options"),
        ([{"key": "Size", "label": "Size", "type": "text"}], "fields.0.key"),
        ([{"key": "size", "label": "", "type": "text"}], "fields.0.label"),
        ([{"key": "size", "label": "Size", "type": "colour"}], "fields.0.type"),
        ([{**SIZE, "field_id": "01HNOSUCHFIELDXXXXXXXXXXXX"}], "fields.0.field_id"),
    ],
)
def test_a_list_breaking_a_rule_is_422_naming_the_field(
    api: Api, tenant: Account, fields: list[dict[str, Any]], name: str
) -> None:
    status, body = save(api, tenant, fields, 0)
    assert status == 422, body
    assert name in body["error"]["fields"], body["error"]["fields"]


def test_an_existing_field_keeps_its_key_and_type(api: Api, tenant: Account) -> None:
    # Given a saved dropdown
    size = saved(api, tenant, [SIZE], 0)["fields"][0]
    # When the save changes its key, or its type, it is refused and names the attribute
    status, body = save(api, tenant, [{**size, "key": "company_size"}], 1)
    assert status == 422 and "fields.0.key" in body["error"]["fields"]
    assert "add a new field" in body["error"]["fields"]["fields.0.key"]
    status, body = save(api, tenant, [{**size, "type": "multi_select"}], 1)
    assert status == 422 and "fields.0.type" in body["error"]["fields"]
    # And a new field (no field_id) with a deleted field's key is fine
    replaced = saved(api, tenant, [{"key": "size", "label": "Size", "type": "number"}], 1)["fields"][0]
    assert replaced["field_id"] != size["field_id"] and replaced["type"] == "number"


def test_another_tenants_fields_are_its_own(api: Api, tenant: Account) -> None:
    saved(api, tenant, [SIZE], 0)
    other = sign_up(api, "Other Fields Co")
    assert api.call("GET", "/custom-fields/contact", token=other.token)[1]["fields"] == []
    # Its first save is version 0, whatever this tenant's version is
    assert saved(api, other, [BUDGET], 0)["version"] == 1


# Checking a record's values ------------------------------------------------------------------------

EVERY_TYPE = [
    {"key": "nickname", "label": "Nickname", "type": "text"},
    {"key": "story", "label": "Story", "type": "long_text"},
    {"key": "seats", "label": "Seats", "type": "number"},
    {"key": "budget", "label": "Budget", "type": "money"},
    {"key": "renewal", "label": "Renewal date", "type": "date"},
    {"key": "size", "label": "Company size", "type": "dropdown", "options": ["Small", "Large"]},
    {"key": "channels", "label": "Channels", "type": "multi_select", "options": ["Email", "SMS", "Phone"]},
    {"key": "vip", "label": "VIP", "type": "checkbox"},
    {"key": "mobile", "label": "Mobile", "type": "phone"},
    {"key": "billing_email", "label": "Billing email", "type": "email"},
    {"key": "site", "label": "Site", "type": "url", "required": True},
]


@pytest.fixture
def defined(api: Api, tenant: Account) -> Account:
    saved(api, tenant, EVERY_TYPE, 0, object_type="company")
    return tenant


def test_every_type_is_normalised_and_undefined_keys_are_kept(defined: Account) -> None:
    values = {
        "nickname": "  Acme ",
        "story": "Long ago",
        "seats": "12",
        "budget": 1500.5,
        "renewal": "2026-05-01",
        "size": "large",
        "channels": ["sms", "Email", "SMS"],
        "vip": "yes",
        "mobile": " +1 555 010 0200 ",
        "billing_email": "Pay@Example.TEST",
        "site": "https://acme.example",
        "legacy": {"anything": 1},
    }
    result = service.validate_custom_fields(defined.tenant_id, "company", values, creating=True)
    assert result == {
        "nickname": "Acme",
        "story": "Long ago",
        "seats": 12,
        "budget": "1500.50",
        "renewal": "2026-05-01",
        "size": "Large",
        "channels": ["SMS", "Email"],
        "vip": True,
        "mobile": "+1 555 010 0200",
        "billing_email": "pay@example.test",
        "site": "https://acme.example",
        "legacy": {"anything": 1},
    }


def test_every_bad_field_is_named_at_once_by_its_label(defined: Account) -> None:
    bad = {
        "nickname": ["not", "text"],
        "seats": "twelve",
        "budget": "12.345",
        "renewal": "2026-02-30",
        "size": "Huge",
        "channels": ["Fax"],
        "vip": "maybe",
        "mobile": "12",
        "billing_email": "nobody",
        "site": "ftp://acme.example",
    }
    with pytest.raises(ValidationError) as raised:
        service.validate_custom_fields(defined.tenant_id, "company", bad, creating=False)
    fields = raised.value.fields
    assert set(fields) == {f"custom_fields.{key}" for key in bad}
    assert fields["custom_fields.size"] == "Company size must be one of: Small, Large"
    assert fields["custom_fields.seats"].startswith("Seats must be a number")
    assert fields["custom_fields.renewal"].startswith("Renewal date must be a date")
    assert raised.value.status_code == 422


def test_required_fields_must_be_filled_on_create_and_stay_filled(defined: Account) -> None:
    tenant = defined.tenant_id
    # On create a required field left out is an error; an update may leave it out
    with pytest.raises(ValidationError) as raised:
        service.validate_custom_fields(tenant, "company", {"seats": 3}, creating=True)
    assert raised.value.fields == {"custom_fields.site": "Site is required"}
    assert service.validate_custom_fields(tenant, "company", {"seats": 3}, creating=False) == {"seats": 3}
    # Emptying it is an error either way; emptying another field leaves it out
    with pytest.raises(ValidationError):
        service.validate_custom_fields(tenant, "company", {"site": " "}, creating=False)
    result = service.validate_custom_fields(tenant, "company", {"seats": "", "vip": False}, creating=False)
    assert result == {"vip": False}


def test_definitions_are_plain_dicts_and_a_save_here_clears_the_cache(api: Api, tenant: Account) -> None:
    # Given definitions read once (and so cached)
    saved(api, tenant, [SIZE], 0, object_type="lead")
    assert [d["key"] for d in service.definitions(tenant.tenant_id, "lead")] == ["size"]
    # When a save in this process adds a field, then the next read sees it at once
    size = service.definitions(tenant.tenant_id, "lead")[0]
    saved(api, tenant, [size, BUDGET], 1, object_type="lead")
    found = service.definitions(tenant.tenant_id, "lead")
    assert [d["key"] for d in found] == ["size", "budget"]
    assert found[0] == {**size, "options": ["Small", "Large"]}
    # And a value outside the dropdown's options is refused naming the field
    with pytest.raises(ValidationError) as raised:
        service.validate_custom_fields(
            tenant.tenant_id, "lead", {"size": "Medium", "budget": 1}, creating=False
        )
    assert raised.value.fields == {"custom_fields.size": "Company size must be one of: Small, Large"}


def test_the_cache_reads_one_item_per_30_seconds(api: Api, tenant: Account) -> None:
    # Given a cache with a clock of its own and a loader that counts its reads
    now = [0.0]
    reads: list[str] = []

    def load(tenant_id: str, object_type: str) -> list[dict[str, Any]]:
        reads.append(object_type)
        return store.listing(object_type, store.load_item(tenant_id, object_type))["fields"]

    cache = store.DefinitionCache(load, clock=lambda: now[0])
    saved(api, tenant, [SIZE], 0)
    # When it is read three times within 30 s, then once after
    for _ in range(3):
        assert [d["key"] for d in cache.get(tenant.tenant_id, "contact")] == ["size"]
    now[0] = 30.5
    cache.get(tenant.tenant_id, "contact")
    # Then the item was read twice
    assert reads == ["contact", "contact"]
