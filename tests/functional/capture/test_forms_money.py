"""A form's default value in the currency of its leads (ISO 4217 minor units): an account that keeps
its books in Kuwaiti dinars gets leads worth fils exactly; a JPY form's value is whole yen. Through
app.py, the forms Lambda and the public submit route, against moto."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.capture.forms_support import Visitor, answers, ensure_secrets_key, form_settings
from tests.functional.conftest import PASSWORD, Account, Api, LocalAws, unique_email


@pytest.fixture(autouse=True)
def _secrets_key(aws: LocalAws) -> None:
    ensure_secrets_key(aws)


def sign_up_in(api: Api, currency: str) -> tuple[int, Any]:
    body = {
        "company_name": "Gulf Roofing",
        "name": "Layla Admin",
        "email": unique_email("admin"),
        "password": PASSWORD,
        "currency": currency,
    }
    return api.call("POST", "/auth/signup", body)


def test_an_account_in_an_unknown_currency_is_refused(api: Api) -> None:
    status, body = sign_up_in(api, "XYZ")
    assert status == 422, body
    assert body["error"]["fields"] == {"currency": "XYZ is not an ISO 4217 currency code"}


def test_a_kwd_forms_leads_are_worth_its_default_value_in_fils(api: Api) -> None:
    # Given an account that keeps its books in Kuwaiti dinars
    status, body = sign_up_in(api, "kwd")
    assert status == 201, body
    account = Account(body["tenant"]["tenant_id"], body["tokens"]["id_token"], "", body["tokens"])
    # When a form without a currency is worth 1.234 a lead, it takes the account's
    status, form = api.call("POST", "/forms", form_settings(default_value="1.234"), account.token)
    assert status == 201, form
    assert (form["default_value"], form["currency"]) == (1.234, "KWD")
    # Then a lead it captures is worth exactly that
    status, form = api.call("POST", f"/forms/{form['form_id']}/publish", token=account.token)
    assert status == 200, form
    assert Visitor(api).post_json(form["form_id"], answers()).status == 201
    (lead,) = api.call("GET", "/leads", token=account.token)[1]["items"]
    assert (lead["value"], lead["currency"]) == (1.234, "KWD")
    # And the form cannot move to yen while it keeps a value with fils
    path = f"/forms/{form['form_id']}"
    status, body = api.call("PATCH", path, {"version": form["version"], "currency": "JPY"}, account.token)
    assert status == 422, body
    assert body["error"]["fields"] == {"default_value": "JPY amounts are whole numbers"}


def test_a_default_value_with_more_decimals_than_the_forms_currency_is_422(api: Api, tenant: Account) -> None:
    for settings, message in (
        ({"default_value": "1.5", "currency": "JPY"}, "JPY amounts are whole numbers"),
        ({"default_value": "1.234"}, "USD amounts have at most 2 decimals"),  # the account's currency
    ):
        status, body = api.call("POST", "/forms", form_settings(**settings), tenant.token)
        assert status == 422, body
        assert body["error"]["fields"] == {"default_value": message}
    status, body = api.call("POST", "/forms", form_settings(currency="XYZ"), tenant.token)
    assert (status, body["error"]["fields"]) == (422, {"currency": "XYZ is not an ISO 4217 currency code"})
