"""Email and phone normalisers, free of validation models: the consumers and write paths that
check a value without an API shape use them (convertly.platform.fields types them for the API)."""

from __future__ import annotations

import re

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]{7,25}$")


def normalise_email(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if not value:
        return None
    if len(value) > 254 or not EMAIL_PATTERN.match(value):
        raise ValueError("must be a valid email address")
    return value


def normalise_phone(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARS.match(value) or not 7 <= len(digits) <= 15:
        raise ValueError("must be a phone number of 7 to 15 digits")
    return value
