"""Money: ISO 4217 codes and their minor units, the API's currency type, an amount's decimals against
its currency, how amounts are stored, and how they read in text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from convertly.platform.errors import ValidationError, readable_message
from convertly.platform.money import (
    MINOR_UNITS,
    Currency,
    amount_problem,
    check_amount,
    currency_code,
    format_money,
    from_cents,
    minor_units,
    to_cents,
    whole_cents,
)


class Priced(BaseModel):
    currency: Currency | None = None


def test_the_table_holds_each_currencys_minor_units() -> None:
    expected = {"USD": 2, "EUR": 2, "JPY": 0, "KRW": 0, "CLP": 0, "KWD": 3, "BHD": 3, "JOD": 3, "OMR": 3}
    expected |= {"TND": 3, "LYD": 3, "IQD": 3, "CLF": 4, "UYW": 4, "XOF": 0, "ISK": 0}
    assert {code: MINOR_UNITS[code] for code in expected} == expected
    assert len(MINOR_UNITS) > 150 and all(len(code) == 3 and code.isupper() for code in MINOR_UNITS)
    # Gold and test codes are no currency a deal is priced in
    assert not {"XAU", "XTS", "XXX"} & MINOR_UNITS.keys()


def test_a_currency_is_trimmed_and_upper_cased() -> None:
    assert Priced(currency=" kwd ").currency == "KWD"
    assert currency_code("usd") == "USD"


@pytest.mark.parametrize("code", ["XYZ", "EURO", "", "US"])
def test_a_code_iso_4217_does_not_list_is_refused_with_a_readable_message(code: str) -> None:
    with pytest.raises(PydanticValidationError) as raised:
        Priced(currency=code)
    (error,) = raised.value.errors()
    assert error["loc"] == ("currency",)
    message = readable_message(error)
    assert message == (
        f"{code} is not an ISO 4217 currency code" if code else "Enter a currency code, like USD"
    )


def test_the_schema_documents_a_three_letter_code() -> None:
    schema = Priced.model_json_schema()["properties"]["currency"]["anyOf"][0]
    assert (schema["type"], schema["pattern"]) == ("string", "^[A-Za-z]{3}$")


@pytest.mark.parametrize(
    ("amount", "currency", "problem"),
    [
        ("1234.5", "USD", None),
        ("1234.50", "USD", None),
        ("1.234", "USD", "USD amounts have at most 2 decimals"),
        ("1.234", "KWD", None),
        ("1.2345", "KWD", "KWD amounts have at most 3 decimals"),
        ("7500", "JPY", None),
        ("7500.00", "JPY", None),  # trailing zeros are no decimals
        ("1.5", "JPY", "JPY amounts are whole numbers"),
        ("1.2345", "CLF", None),
        ("0.1", "XYZ", None),  # a code stored before codes were checked: two decimals
        ("0.001", "XYZ", "XYZ amounts have at most 2 decimals"),
    ],
)
def test_an_amount_has_at_most_its_currencys_decimals(
    amount: str, currency: str, problem: str | None
) -> None:
    assert amount_problem(Decimal(amount), currency) == problem


def test_an_amount_that_does_not_fit_is_a_422_naming_the_field() -> None:
    check_amount(None, "JPY")
    check_amount(Decimal("10"), "JPY", "default_value")
    with pytest.raises(ValidationError) as raised:
        check_amount(Decimal("10.5"), "JPY", "default_value")
    assert raised.value.status_code == 422
    assert raised.value.fields == {"default_value": "JPY amounts are whole numbers"}


@pytest.mark.parametrize(
    ("amount", "stored"),
    [("1234.5", 123450), ("7500", 750000), ("0", 0), ("0.05", 5), ("1.234", 123.4), ("1.2345", 123.45)],
)
def test_amounts_are_stored_in_hundredths_and_read_back_exactly(amount: str, stored: float) -> None:
    kept = to_cents(Decimal(amount))
    assert kept == stored and type(kept) is type(stored)
    assert from_cents(kept) == Decimal(amount)
    assert whole_cents(kept) == int(stored)


def test_a_large_fils_amount_survives_storage() -> None:
    amount = Decimal("999999999999.999")
    assert from_cents(to_cents(amount)) == amount
    assert from_cents(None) == 0 and minor_units("kwd") == 3


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal("7500"), "USD", "$7,500"),
        (Decimal("7500.00"), "USD", "$7,500"),
        (Decimal("1234.5"), "USD", "$1,234.50"),
        (1234.5, "USD", "$1,234.50"),
        ("0.05", "EUR", "€0.05"),
        (Decimal("7500"), "JPY", "¥7,500"),
        (Decimal("1.234"), "KWD", "1.234 KWD"),
        (Decimal("1.5"), "KWD", "1.500 KWD"),
        (Decimal("7500"), "KWD", "7,500 KWD"),
        (Decimal("-12.5"), "GBP", "-£12.50"),
        (Decimal("12"), "xyz", "12 XYZ"),
    ],
)
def test_an_amount_reads_with_its_currencys_decimals_only_when_it_has_a_fraction(
    amount: Decimal | float | str, currency: str, text: str
) -> None:
    assert format_money(amount, currency) == text
