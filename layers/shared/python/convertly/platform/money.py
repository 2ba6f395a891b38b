"""Money: the ISO 4217 currencies and their minor units, the API's currency type, the check that an
amount fits its currency, how amounts are stored, and how they read in text (notifications, mail).

Free of validation models at import: the consumers that only write text (the notifier) use the
formatter without loading Pydantic (bench/imports.py); `Currency` builds its schema when a model
that uses it is first built.

Amounts are stored in hundredths of the major unit (cents), whatever the currency: a whole number for
every amount with at most two decimals (so for nearly every currency), and a number with a fraction
only for an amount of a 3- or 4-decimal currency (KWD 1.234 is 123.4). DynamoDB keeps the number
exactly. The counters and the reports add whole hundredths.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from convertly.platform.errors import ValidationError

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema

# The active codes of ISO 4217's list one with their minor units (funds codes too; the codes without
# minor units, such as gold or the SDR, are no money a lead is worth).
MINOR_UNITS: dict[str, int] = {
    "AED": 2, "AFN": 2, "ALL": 2, "AMD": 2, "ANG": 2, "AOA": 2, "ARS": 2, "AUD": 2, "AWG": 2, "AZN": 2,
    "BAM": 2, "BBD": 2, "BDT": 2, "BGN": 2, "BHD": 3, "BIF": 0, "BMD": 2, "BND": 2, "BOB": 2, "BOV": 2,
    "BRL": 2, "BSD": 2, "BTN": 2, "BWP": 2, "BYN": 2, "BZD": 2, "CAD": 2, "CDF": 2, "CHE": 2, "CHF": 2,
    "CHW": 2, "CLF": 4, "CLP": 0, "CNY": 2, "COP": 2, "COU": 2, "CRC": 2, "CUC": 2, "CUP": 2, "CVE": 2,
    "CZK": 2, "DJF": 0, "DKK": 2, "DOP": 2, "DZD": 2, "EGP": 2, "ERN": 2, "ETB": 2, "EUR": 2, "FJD": 2,
    "FKP": 2, "GBP": 2, "GEL": 2, "GHS": 2, "GIP": 2, "GMD": 2, "GNF": 0, "GTQ": 2, "GYD": 2, "HKD": 2,
    "HNL": 2, "HTG": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "IQD": 3, "IRR": 2, "ISK": 0, "JMD": 2,
    "JOD": 3, "JPY": 0, "KES": 2, "KGS": 2, "KHR": 2, "KMF": 0, "KPW": 2, "KRW": 0, "KWD": 3, "KYD": 2,
    "KZT": 2, "LAK": 2, "LBP": 2, "LKR": 2, "LRD": 2, "LSL": 2, "LYD": 3, "MAD": 2, "MDL": 2, "MGA": 2,
    "MKD": 2, "MMK": 2, "MNT": 2, "MOP": 2, "MRU": 2, "MUR": 2, "MVR": 2, "MWK": 2, "MXN": 2, "MXV": 2,
    "MYR": 2, "MZN": 2, "NAD": 2, "NGN": 2, "NIO": 2, "NOK": 2, "NPR": 2, "NZD": 2, "OMR": 3, "PAB": 2,
    "PEN": 2, "PGK": 2, "PHP": 2, "PKR": 2, "PLN": 2, "PYG": 0, "QAR": 2, "RON": 2, "RSD": 2, "RUB": 2,
    "RWF": 0, "SAR": 2, "SBD": 2, "SCR": 2, "SDG": 2, "SEK": 2, "SGD": 2, "SHP": 2, "SLE": 2, "SLL": 2,
    "SOS": 2, "SRD": 2, "SSP": 2, "STN": 2, "SVC": 2, "SYP": 2, "SZL": 2, "THB": 2, "TJS": 2, "TMT": 2,
    "TND": 3, "TOP": 2, "TRY": 2, "TTD": 2, "TWD": 2, "TZS": 2, "UAH": 2, "UGX": 0, "USD": 2, "USN": 2,
    "UYI": 0, "UYU": 2, "UYW": 4, "UZS": 2, "VED": 2, "VES": 2, "VND": 0, "VUV": 0, "WST": 2, "XAF": 0,
    "XCD": 2, "XCG": 2, "XOF": 0, "XPF": 0, "YER": 2, "ZAR": 2, "ZMW": 2, "ZWG": 2, "ZWL": 2,
}  # fmt: skip
MAX_MINOR_UNITS = max(MINOR_UNITS.values())
MAX_AMOUNT = Decimal("1000000000000")

# How the currencies most CRMs see read in text; any other reads "7,500 KWD".
SYMBOLS: dict[str, str] = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹", "KRW": "₩", "CAD": "CA$",
    "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "TWD": "NT$", "MXN": "MX$", "BRL": "R$", "ILS": "₪",
    "VND": "₫", "PHP": "₱",
}  # fmt: skip

_HUNDRED = Decimal(100)


def minor_units(currency: str) -> int:
    """The currency's decimals (2 for a code the table lacks: a lead stored before codes were checked)."""
    return MINOR_UNITS.get(currency.strip().upper(), 2)


def currency_code(value: str) -> str:
    """`value` as an ISO 4217 code (trimmed, upper case); a ValueError names one that is not."""
    code = value.strip().upper()
    if not code:
        raise ValueError("Enter a currency code, like USD")
    if code not in MINOR_UNITS:
        raise ValueError(f"{code} is not an ISO 4217 currency code")
    return code


class CurrencyCode:
    """Pydantic metadata: a string checked and normalised by `currency_code`."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(currency_code, core_schema.str_schema())

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        described = handler(schema)
        described.update(pattern="^[A-Za-z]{3}$", description="An ISO 4217 currency code, like USD")
        return described


# A currency code of the API: " usd " is USD; a code ISO 4217 does not list is a 422 naming the field.
Currency = Annotated[str, CurrencyCode()]


def decimals(amount: Decimal) -> int:
    """How many decimals `amount` has once trailing zeros go: 1.50 has 1, 7500 has 0."""
    exponent = amount.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def amount_problem(amount: Decimal, currency: str) -> str | None:
    """Why `amount` is not an amount of `currency` (more decimals than its minor units), or None."""
    allowed = minor_units(currency)
    if decimals(amount) <= allowed:
        return None
    code = currency.strip().upper()
    if allowed == 0:
        return f"{code} amounts are whole numbers"
    return f"{code} amounts have at most {allowed} decimal{'s' if allowed > 1 else ''}"


def check_amount(amount: Decimal | None, currency: str, field: str = "value") -> None:
    """A 422 naming `field` when `amount` has more decimals than `currency` has."""
    problem = amount_problem(amount, currency) if amount is not None else None
    if problem:
        raise ValidationError("Some fields are not valid", fields={field: problem})


def to_cents(amount: Decimal | None) -> int | float:
    """An amount as stored: hundredths of the major unit, a whole number unless the amount has more
    than two decimals (then the float whose shortest form is those hundredths: JSON and DynamoDB keep
    it as written)."""
    hundredths = (amount or Decimal(0)) * _HUNDRED
    if hundredths == hundredths.to_integral_value():
        return int(hundredths)
    return float(hundredths)


def from_cents(stored: Any) -> Decimal:
    """A stored amount (hundredths, see `to_cents`) as the exact amount: 123450 -> 1234.5."""
    if stored is None or stored == "":
        return Decimal(0)
    number = Decimal(repr(stored)) if isinstance(stored, float) else Decimal(stored)
    return number / _HUNDRED


def whole_cents(stored: Any) -> int:
    """The whole hundredths of a stored amount: what counters, reports and ad platforms add up."""
    return int(stored or 0)


def format_money(amount: Decimal | float | int | str, currency: str) -> str:
    """An amount as text: the currency's decimals when it has a fraction, none when it is whole.
    $7,500, $1,234.50, ¥7,500, 1.234 KWD, 7,500 KWD."""
    code = currency.strip().upper()
    value = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
    places = 0
    if value != value.to_integral_value():
        places = max(minor_units(code), min(decimals(value), MAX_MINOR_UNITS))
    sign = "-" if value < 0 else ""
    number = f"{abs(value):,.{places}f}"
    symbol = SYMBOLS.get(code)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {code}"
