"""Field types and normalisers that several domain modules share (leads, accounts, mail settings,
forms, form capture).

Apart from convertly.leads.domain.leads so that a module needing an email check or a short text type does
not define every lead shape with it: a function's cold start pays for each model class it defines
(bench/imports.py).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]{7,25}$")

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


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
