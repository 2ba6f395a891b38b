"""Custom field values checked and normalised by their field's type: no I/O, so unit tests and every
write path share one reading of what a value of each type is.

What each type stores:
- text (up to 255 characters), long_text (up to 2000): the trimmed string; a number becomes its text.
- number: an int, or a float when it has a fraction (numeric strings are read).
- money: a string with exactly two decimals and no currency, "1234.50" (from a number or a numeric
  string with at most two decimals), so amounts never pass through a float.
- date: "YYYY-MM-DD", a real calendar date.
- dropdown: one of the options, spelt as the option is (matched ignoring case and accents).
- multi_select: a list of options, each once, in the order given.
- checkbox: true or false (also read from "true"/"false", "yes"/"no", "1"/"0", 1/0).
- phone, email: as convertly.platform.fields normalises them.
- url: an http(s) address with a host, up to 2048 characters.
An empty value (None, "", [], only spaces) is stored as None: the field is not filled in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from convertly.platform.normalise import normalise_email, normalise_phone
from convertly.platform.terms import fold

FIELD_TYPES: tuple[str, ...] = (
    "text",
    "long_text",
    "number",
    "money",
    "date",
    "dropdown",
    "multi_select",
    "checkbox",
    "phone",
    "email",
    "url",
)
WITH_OPTIONS: tuple[str, ...] = ("dropdown", "multi_select")
TEXT_MAX = 255
LONG_TEXT_MAX = 2000
URL_MAX = 2048
MONEY_MAX = Decimal("1000000000000")  # a trillion: beyond it an amount is a typo
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_MONEY = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class FieldValueError(ValueError):
    """A value its field cannot take; the message is a sentence naming the field by its label."""


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple) and not value


def normalise(definition: dict[str, Any], value: Any) -> Any:
    """The value as its field stores it, or FieldValueError. `definition` is a plain definition
    (label, type, options); an empty value is None."""
    if is_empty(value):
        return None
    check = _BY_TYPE.get(str(definition["type"]))
    if check is None:
        raise FieldValueError(f"{definition['label']} has a type this version does not know")
    return check(str(definition["label"]), definition, value)


def _text(limit: int) -> Callable[[str, dict[str, Any], Any], str]:
    def check(label: str, _: dict[str, Any], value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise FieldValueError(f"{label} must be text")
        text = value.strip() if isinstance(value, str) else str(value)
        if len(text) > limit:
            raise FieldValueError(f"{label} takes at most {limit} characters")
        return text

    return check


def _number(label: str, _: dict[str, Any], value: Any) -> int | float:
    if isinstance(value, bool):
        raise FieldValueError(f"{label} must be a number, like 9500")
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER.match(text):
            raise FieldValueError(f"{label} must be a number, like 9500")
        value = float(text) if any(c in text for c in ".eE") else int(text)
    if not isinstance(value, int | float) or (isinstance(value, float) and not math.isfinite(value)):
        raise FieldValueError(f"{label} must be a number, like 9500")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _money(label: str, _: dict[str, Any], value: Any) -> str:
    message = f"{label} must be an amount with at most 2 decimals, like 1234.50"
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldValueError(message)
    text = value.strip() if isinstance(value, str) else repr(value)
    if not _MONEY.match(text):
        raise FieldValueError(message)
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise FieldValueError(message) from error
    if amount != amount.quantize(Decimal("0.01")):
        raise FieldValueError(message)
    if abs(amount) >= MONEY_MAX:
        raise FieldValueError(f"{label} is too large an amount")
    return f"{amount.quantize(Decimal('0.01')):f}"


def _date(label: str, _: dict[str, Any], value: Any) -> str:
    message = f"{label} must be a date, like 2026-05-01"
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise FieldValueError(message)
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as error:
        raise FieldValueError(message) from error


def _options(definition: dict[str, Any]) -> dict[str, str]:
    """Each option by its folded text."""
    return {fold(str(option)): str(option) for option in definition.get("options") or ()}


def _choices(definition: dict[str, Any]) -> str:
    return ", ".join(str(option) for option in definition.get("options") or ())


def _dropdown(label: str, definition: dict[str, Any], value: Any) -> str:
    options = _options(definition)
    found = options.get(fold(value)) if isinstance(value, str) else None
    if found is None:
        raise FieldValueError(f"{label} must be one of: {_choices(definition)}")
    return found


def _multi_select(label: str, definition: dict[str, Any], value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        raise FieldValueError(f"{label} takes a list of options from: {_choices(definition)}")
    options = _options(definition)
    chosen: list[str] = []
    for item in value:
        found = options.get(fold(item)) if isinstance(item, str) else None
        if found is None:
            raise FieldValueError(f"{label} takes only options from: {_choices(definition)}")
        if found not in chosen:
            chosen.append(found)
    return chosen


def _checkbox(label: str, _: dict[str, Any], value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise FieldValueError(f"{label} must be checked (true) or not (false)")


def _phone(label: str, _: dict[str, Any], value: Any) -> str:
    try:
        phone = normalise_phone(value) if isinstance(value, str) else None
    except ValueError as error:
        raise FieldValueError(f"{label} {error}") from error
    if phone is None:
        raise FieldValueError(f"{label} must be a phone number of 7 to 15 digits")
    return phone


def _email(label: str, _: dict[str, Any], value: Any) -> str:
    try:
        email = normalise_email(value) if isinstance(value, str) else None
    except ValueError as error:
        raise FieldValueError(f"{label} {error}") from error
    if email is None:
        raise FieldValueError(f"{label} must be a valid email address")
    return email


def _url(label: str, _: dict[str, Any], value: Any) -> str:
    message = f"{label} must be a web address starting with http:// or https://"
    if not isinstance(value, str):
        raise FieldValueError(message)
    text = value.strip()
    if len(text) > URL_MAX:
        raise FieldValueError(f"{label} takes at most {URL_MAX} characters")
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise FieldValueError(message) from error
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        raise FieldValueError(message)
    return text


_BY_TYPE: dict[str, Callable[[str, dict[str, Any], Any], Any]] = {
    "text": _text(TEXT_MAX),
    "long_text": _text(LONG_TEXT_MAX),
    "number": _number,
    "money": _money,
    "date": _date,
    "dropdown": _dropdown,
    "multi_select": _multi_select,
    "checkbox": _checkbox,
    "phone": _phone,
    "email": _email,
    "url": _url,
}
