"""A lead's value in its currency's minor units (ISO 4217): a KWD lead keeps its fils, a USD lead its
cents and a JPY lead whole yen; an unknown currency code is refused. Through app.py and the leads and
pipelines Lambdas, against moto."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import Account, Api
from tests.functional.pipelines.test_closing import move, save_settings, stored
from tests.functional.pipelines.test_stage_change import counts, pipeline, stage_id


def create(api: Api, account: Account, **fields: Any) -> tuple[int, Any]:
    return api.call("POST", "/leads", {"first_name": "Layla", **fields}, account.token)


def read(api: Api, account: Account, lead: dict[str, Any]) -> dict[str, Any]:
    status, body = api.call("GET", f"/leads/{lead['lead_id']}", token=account.token)
    assert status == 200, body
    return dict(body)


def refused(status: int, body: Any) -> dict[str, str]:
    """The 422's field messages."""
    assert status == 422 and body["error"]["code"] == "validation_error", (status, body)
    return dict(body["error"]["fields"])


def test_a_kwd_lead_keeps_its_three_decimals_exactly(api: Api, tenant: Account) -> None:
    # When a lead worth 1.234 Kuwaiti dinars is created
    status, lead = create(api, tenant, value="1.234", currency="kwd")
    assert status == 201, lead
    # Then it is stored and read back exactly, in the currency's code
    assert (lead["value"], lead["currency"]) == (1.234, "KWD")
    assert read(api, tenant, lead)["value"] == 1.234
    # And an edit to another amount of fils keeps it exactly too
    status, edited = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"value": "2.345", "version": 1}, tenant.token
    )
    assert (status, edited["value"]) == (200, 2.345), edited
    # And the board's card can move it as it shows it: what was seen matches what is stored
    found = pipeline(api, tenant)
    status, moved = move(api, tenant, edited, stage_id(found, "Qualified"), seen=True)
    assert status == 200, moved
    assert moved["value"] == 2.345
    # And a win may set a value with fils
    status, won = move(
        api, tenant, {**edited, "version": moved["version"]}, stage_id(found, "Closed Won"), value="5.678"
    )
    assert (status, won["value"]) == (200, 5.678), won
    assert read(api, tenant, edited)["value"] == 5.678
    # And it is stored as exact hundredths, which the stage counters add whole
    assert stored(tenant, edited).value == 567.8
    assert counts(api, tenant)["Closed Won"] == (1, 5.67)


def test_a_usd_amount_with_three_decimals_is_422_naming_the_value(api: Api, tenant: Account) -> None:
    fields = refused(*create(api, tenant, value="1.234", currency="USD"))
    assert fields == {"value": "USD amounts have at most 2 decimals"}
    # Without a currency a lead is in US dollars, so the same holds
    assert refused(*create(api, tenant, value="1.234")) == fields
    # And nothing was created
    _, page = api.call("GET", "/leads", token=tenant.token)
    assert page["items"] == []


def test_a_currency_code_iso_4217_does_not_list_is_422(api: Api, tenant: Account) -> None:
    fields = refused(*create(api, tenant, value="10", currency="XYZ"))
    assert fields == {"currency": "XYZ is not an ISO 4217 currency code"}
    status, lead = create(api, tenant, value="10", currency="EUR")
    assert status == 201, lead
    status, body = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"currency": "EURO", "version": 1}, tenant.token
    )
    assert "currency" in refused(status, body)


def test_a_jpy_amount_is_whole_yen_wherever_the_value_is_set(api: Api, tenant: Account) -> None:
    whole_yen = {"value": "JPY amounts are whole numbers"}
    assert refused(*create(api, tenant, value="1500.5", currency="JPY")) == whole_yen
    status, lead = create(api, tenant, value="7500", currency="JPY")
    assert (status, lead["value"]) == (201, 7500), lead
    # A new value without the currency is checked against the lead's own
    path = f"/leads/{lead['lead_id']}"
    assert refused(*api.call("PATCH", path, {"value": "1.5", "version": 1}, tenant.token)) == whole_yen
    # So is a win's value
    save_settings(api, tenant, allow_zero_value_wins=False)
    won = stage_id(pipeline(api, tenant), "Closed Won")
    assert refused(*move(api, tenant, lead, won, value="9000.5")) == whole_yen
    assert refused(*move(api, tenant, lead, won, seen=True, value="9000.5")) == whole_yen
    # A new currency the value it keeps does not fit is refused on the currency
    status, fils = create(api, tenant, value="1.234", currency="KWD")
    assert status == 201, fils
    body = {"currency": "USD", "version": 1}
    status, answer = api.call("PATCH", f"/leads/{fils['lead_id']}", body, tenant.token)
    assert refused(status, answer) == {"currency": "USD amounts have at most 2 decimals"}
    # And nothing changed
    assert (read(api, tenant, lead)["value"], read(api, tenant, lead)["version"]) == (7500, 1)
    assert read(api, tenant, fils)["currency"] == "KWD"
