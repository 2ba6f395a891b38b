"""Custom values through the API: create, list, edit, delete; the key is unique in the account even
when two creates race, and an edit from a stale version is a 409."""

from __future__ import annotations

import threading
from typing import Any

from convertly.fields import values
from convertly.fields.domain import CustomValueCreate
from convertly.permissions import Role
from convertly.platform.errors import ConflictError
from convertly.platform.principal import Principal
from tests.functional.conftest import Account, Api, invite, sign_up


def create(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    body = {"key": "office_phone", "name": "Office phone", "value": "+1 555 0100", **fields}
    status, created = api.call("POST", "/custom-values", body, account.token)
    assert status == 201, created
    return dict(created)


def test_a_custom_value_is_created_listed_by_key_edited_and_deleted(api: Api, tenant: Account) -> None:
    # Given two custom values
    phone = create(api, tenant)
    create(api, tenant, key="address", name="Office address", value="1 Main St")
    assert (phone["placeholder"], phone["version"]) == ("{{custom_values.office_phone}}", 1)

    # When they are listed, then by key
    status, listed = api.call("GET", "/custom-values", token=tenant.token)
    assert status == 200
    assert [v["key"] for v in listed["items"]] == ["address", "office_phone"]

    # When one is edited (a new key too), then it answers the new version and placeholder
    status, edited = api.call(
        "PATCH",
        f"/custom-values/{phone['value_id']}",
        {"key": "main_phone", "value": "+1 555 0199", "version": 1},
        tenant.token,
    )
    assert status == 200, edited
    assert (edited["key"], edited["value"], edited["name"], edited["version"]) == (
        "main_phone",
        "+1 555 0199",
        "Office phone",
        2,
    )
    assert edited["placeholder"] == "{{custom_values.main_phone}}"

    # And the old key is free again, the new one taken
    assert create(api, tenant, key="office_phone")["key"] == "office_phone"
    status, body = api.call("POST", "/custom-values", {"key": "main_phone", "name": "x"}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "key_taken")

    # When it is deleted, then it leaves the list and its key can be used again
    status, deleted = api.call("DELETE", f"/custom-values/{phone['value_id']}", token=tenant.token)
    assert (status, deleted["key"]) == (200, "main_phone")
    _, listed = api.call("GET", "/custom-values", token=tenant.token)
    assert "main_phone" not in [v["key"] for v in listed["items"]]
    assert create(api, tenant, key="main_phone")["key"] == "main_phone"
    assert api.call("DELETE", f"/custom-values/{phone['value_id']}", token=tenant.token)[0] == 404


def test_a_second_value_with_the_same_key_is_409_key_taken(api: Api, tenant: Account) -> None:
    create(api, tenant)
    status, body = api.call("POST", "/custom-values", {"key": "office_phone", "name": "Again"}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "key_taken")
    # And an edit onto a taken key is refused the same way, leaving the value as it was
    other = create(api, tenant, key="fax")
    status, body = api.call(
        "PATCH", f"/custom-values/{other['value_id']}", {"key": "office_phone", "version": 1}, tenant.token
    )
    assert (status, body["error"]["code"]) == (409, "key_taken")
    _, listed = api.call("GET", "/custom-values", token=tenant.token)
    assert sorted(v["key"] for v in listed["items"]) == ["fax", "office_phone"]


def test_two_concurrent_creates_with_the_same_key_one_wins(api: Api, tenant: Account) -> None:
    # Given two editors creating the same key at the same moment
    principal = Principal("u1", tenant.tenant_id, Role.ADMIN, "a@example.test", "A")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def create_one(name: str) -> None:
        start.wait()
        try:
            values.create_value(principal, CustomValueCreate(key="race", name=name, value=name))
            outcomes.append("created")
        except ConflictError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=create_one, args=(name,)) for name in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then exactly one is created, the other told the key is taken, and one value holds the key
    assert sorted(outcomes) == ["created", "key_taken"]
    _, listed = api.call("GET", "/custom-values", token=tenant.token)
    assert [v["key"] for v in listed["items"]] == ["race"]


def test_an_edit_from_a_stale_version_is_409_with_the_current_value(api: Api, tenant: Account) -> None:
    value = create(api, tenant)
    path = f"/custom-values/{value['value_id']}"
    assert api.call("PATCH", path, {"value": "first", "version": 1}, tenant.token)[0] == 200
    status, body = api.call("PATCH", path, {"value": "second", "version": 1}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "stale_version")
    assert body["error"]["details"]["custom_value"]["value"] == "first"
    assert body["error"]["details"]["custom_value"]["version"] == 2


def test_keys_and_lengths_are_checked(api: Api, tenant: Account) -> None:
    for body, field in [
        ({"key": "Office Phone", "name": "x"}, "key"),
        ({"key": "", "name": "x"}, "key"),
        ({"key": "k" * 51, "name": "x"}, "key"),
        ({"key": "ok", "name": ""}, "name"),
        ({"key": "ok", "name": "x", "value": "v" * 2001}, "value"),
    ]:
        status, answer = api.call("POST", "/custom-values", body, tenant.token)
        assert status == 422, (body, answer)
        assert field in answer["error"]["fields"], answer
    assert create(api, tenant, key="k" * 50, value="v" * 2000)["key"] == "k" * 50


def test_another_tenants_value_is_not_found_and_sales_cannot_write(api: Api, tenant: Account) -> None:
    # Given a value of another tenant
    other = sign_up(api, "Other Co")
    theirs = create(api, other)
    # Then this tenant cannot see, edit or delete it
    path = f"/custom-values/{theirs['value_id']}"
    assert api.call("PATCH", path, {"value": "x", "version": 1}, tenant.token)[0] == 404
    assert api.call("DELETE", path, token=tenant.token)[0] == 404
    _, listed = api.call("GET", "/custom-values", token=tenant.token)
    assert listed["items"] == []
    # And a Sales user reads the values but cannot create one
    sales = invite(api, tenant, "Sales")
    assert api.call("GET", "/custom-values", token=sales.token)[0] == 200
    status, body = api.call("POST", "/custom-values", {"key": "x", "name": "x"}, sales.token)
    assert (status, body["error"]["code"]) == (403, "forbidden_role")
