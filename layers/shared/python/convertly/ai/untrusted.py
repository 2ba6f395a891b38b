"""Text people or visitors wrote, made fit for the model: one line (a newline cannot pose as another
line of the prompt), no email addresses or phone numbers (no question we answer needs them), bounded.

A phone number is 7 or more digits with the separators numbers are written with; a date (2026-11-20,
2026-11-20T14:03) and a time are not phone numbers, and are kept."""

from __future__ import annotations

import re
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\b")


def _phone(match: re.Match[str]) -> str:
    text = match.group()
    if _DATE.match(text) or sum(ch.isdigit() for ch in text) < 7:  # a date, with its time
        return text
    return "[phone]"


def scrub(text: Any, limit: int) -> str:
    """`text` on one line, its email addresses and phone numbers replaced, at most `limit` characters
    (with "…" when cut)."""
    value = " ".join(str(text or "").split())
    value = _PHONE.sub(_phone, _EMAIL.sub("[email]", value))
    return value[:limit] + ("…" if len(value) > limit else "")
