"""The pipeline settings (GET/PUT /settings/pipelines: lost reasons, zero-value wins) and a pipeline's
default deal value, through app.py and the pipelines Lambda: who reads and saves them, what is
refused, and that a tenant only ever sees its own."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import Account, Api, invite, sign_up
from tests.functional.pipelines.test_stage_change import pipeline

DEFAULTS = {
    "lost_reasons": ["Price", "Chose a competitor", "No response", "Not a fit", "Timing"],
    "allow_zero_value_wins": False,
    "updated_at": None,
}


def settings_of(api: Api, account: Account) -> dict[str, Any]:
    status, body = api.call("GET", "/settings/pipelines", token=account.token)
    assert status == 200, body
    return dict(body)


def test_a_new_tenant_has_the_default_settings_and_saves_its_own(api: Api, tenant: Account) -> None:
    # Given a new tenant: the default lost reasons, no zero-value wins
    assert settings_of(api, tenant) == DEFAULTS
    # When an Admin saves a list of their own (trimmed) and allows zero-value wins
    body = {"lost_reasons": [" Budget ", "Went quiet"], "allow_zero_value_wins": True}
    status, saved = api.call("PUT", "/settings/pipelines", body, tenant.token)
    # Then they are saved as sent, and read back alike
    assert status == 200, saved
    assert (saved["lost_reasons"], saved["allow_zero_value_wins"]) == (["Budget", "Went quiet"], True)
    assert saved["updated_at"]
    assert settings_of(api, tenant) == saved
    # And saving the same again (a double click) stores the same
    status, again = api.call("PUT", "/settings/pipelines", body, tenant.token)
    assert status == 200 and again["lost_reasons"] == saved["lost_reasons"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lost_reasons": [], "allow_zero_value_wins": False}, "lost_reasons"),
        ({"lost_reasons": ["Price", "price "], "allow_zero_value_wins": False}, "lost_reasons"),
        ({"lost_reasons": ["  "], "allow_zero_value_wins": False}, "lost_reasons.0"),
        ({"lost_reasons": ["x" * 81], "allow_zero_value_wins": False}, "lost_reasons.0"),
        ({"lost_reasons": [f"r{i}" for i in range(31)], "allow_zero_value_wins": False}, "lost_reasons"),
        ({"lost_reasons": ["Price"], "allow_zero_value_wins": "sometimes"}, "allow_zero_value_wins"),
        ({"lost_reasons": ["Price"]}, "allow_zero_value_wins"),
        ({"lost_reasons": ["Price"], "allow_zero_value_wins": False, "extra": 1}, "extra"),
    ],
    ids=["empty", "twice", "blank", "too-long", "too-many", "not-bool", "missing", "unknown-field"],
)
def test_settings_that_do_not_fit_are_422_and_change_nothing(
    api: Api, tenant: Account, body: dict[str, Any], field: str
) -> None:
    status, answer = api.call("PUT", "/settings/pipelines", body, tenant.token)
    assert status == 422, answer
    assert field in answer["error"]["fields"], answer
    assert settings_of(api, tenant) == DEFAULTS


def test_a_reason_listed_twice_is_named_in_the_message(api: Api, tenant: Account) -> None:
    body = {"lost_reasons": ["Price", "price"], "allow_zero_value_wins": False}
    _, answer = api.call("PUT", "/settings/pipelines", body, tenant.token)
    assert answer["error"]["fields"]["lost_reasons"] == "List each reason once: 'price' is there twice"


def test_everyone_reads_the_settings_and_admins_and_managers_save_them(api: Api, tenant: Account) -> None:
    body = {"lost_reasons": ["Budget"], "allow_zero_value_wins": False}
    for role in ("Sales", "Staff"):
        member = invite(api, tenant, role)
        assert settings_of(api, member)["lost_reasons"] == DEFAULTS["lost_reasons"]
        status, answer = api.call("PUT", "/settings/pipelines", body, member.token)
        assert (status, answer["error"]["code"]) == (403, "forbidden_role")
    manager = invite(api, tenant, "Manager")
    assert api.call("PUT", "/settings/pipelines", body, manager.token)[0] == 200
    assert settings_of(api, tenant)["lost_reasons"] == ["Budget"]


def test_another_tenant_never_sees_or_changes_the_settings(api: Api, tenant: Account) -> None:
    # Given a tenant with its own settings
    ours = {"lost_reasons": ["Budget"], "allow_zero_value_wins": True}
    assert api.call("PUT", "/settings/pipelines", ours, tenant.token)[0] == 200
    # When another tenant reads and saves its settings
    other = sign_up(api, "Other Co")
    assert settings_of(api, other) == DEFAULTS
    theirs = {"lost_reasons": ["Theirs"], "allow_zero_value_wins": False}
    assert api.call("PUT", "/settings/pipelines", theirs, other.token)[0] == 200
    # Then each keeps its own
    assert settings_of(api, tenant)["lost_reasons"] == ["Budget"]
    assert settings_of(api, tenant)["allow_zero_value_wins"] is True
    assert settings_of(api, other)["lost_reasons"] == ["Theirs"]


def test_a_pipeline_has_a_default_deal_value_set_changed_and_removed(api: Api, tenant: Account) -> None:
    # Given the default pipeline, which has none, and a new one created with one
    found = pipeline(api, tenant)
    assert found["default_value"] is None
    status, created = api.call(
        "POST", "/pipelines", {"name": "Referrals", "default_value": "1500.50"}, tenant.token
    )
    assert status == 201 and created["default_value"] == 1500.5, created
    # When the default pipeline gets one, and the new one loses its own
    path = f"/pipelines/{found['pipeline_id']}"
    status, patched = api.call("PATCH", path, {"default_value": "2400"}, tenant.token)
    assert (status, patched["default_value"]) == (200, 2400.0), patched
    status, cleared = api.call(
        "PATCH", f"/pipelines/{created['pipeline_id']}", {"default_value": None}, tenant.token
    )
    assert (status, cleared["default_value"]) == (200, None), cleared
    # Then the list says so, and a change of anything else leaves the value as it is
    _, renamed = api.call("PATCH", path, {"name": "Sales"}, tenant.token)
    assert renamed["default_value"] == 2400.0
    _, listed = api.call("GET", "/pipelines", token=tenant.token)
    assert [p["default_value"] for p in listed["items"]] == [2400.0, None]


@pytest.mark.parametrize("value", ["-1", "10.001", "lots", "10000000000000"])
def test_a_default_deal_value_that_is_not_an_amount_is_422(api: Api, tenant: Account, value: str) -> None:
    found = pipeline(api, tenant)
    status, body = api.call(
        "PATCH", f"/pipelines/{found['pipeline_id']}", {"default_value": value}, tenant.token
    )
    assert status == 422 and "default_value" in body["error"]["fields"], body
    assert pipeline(api, tenant)["default_value"] is None
