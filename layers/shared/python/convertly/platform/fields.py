"""Field types and normalisers that several domain modules share (leads, accounts, mail settings,
forms, form capture).

Apart from convertly.leads.domain.leads so that a module needing an email check or a short text type does
not define every lead shape with it: a function's cold start pays for each model class it defines
(bench/imports.py).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from convertly.platform.normalise import EMAIL_PATTERN, PHONE_CHARS, normalise_email, normalise_phone

__all__ = [
    "EMAIL_PATTERN",
    "PHONE_CHARS",
    "EmailAddress",
    "ShortText",
    "Tag",
    "normalise_email",
    "normalise_phone",
]


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


def _email(value: str) -> str:
    normalised = normalise_email(value)
    if not normalised:
        raise ValueError("must be a valid email address")
    return normalised


# An email address, normalised (trimmed, lower case); anything else is a 422 naming the field.
EmailAddress = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email)]
