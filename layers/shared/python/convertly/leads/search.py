"""Search terms: how names, emails and phone numbers are normalised for prefix search."""

from __future__ import annotations

import re
import unicodedata

MAX_TERM = 100


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def lead_terms(first_name: str, last_name: str, email: str | None, phone: str | None) -> list[str]:
    """The terms a lead is found by: full name, last name, email and phone digits."""
    terms: list[str] = []
    full = _fold(f"{first_name} {last_name}")
    last = _fold(last_name)
    for term in (full, last if last and not full.startswith(last) else "", _fold(email or "")):
        if term:
            terms.append(term[:MAX_TERM])
    digits = re.sub(r"\D", "", phone or "")
    if digits:
        terms.append(digits)
        if len(digits) > 10:
            terms.append(digits[-10:])  # the national number, for searches typed without a country code
    return list(dict.fromkeys(terms))


def query_prefix(query: str) -> str:
    """The prefix to look up for what a user typed: digits for phone-like input, else folded text."""
    stripped = query.strip()
    if stripped and re.fullmatch(r"[+0-9 ().\-]+", stripped):
        return re.sub(r"\D", "", stripped)
    return _fold(stripped)[:MAX_TERM]
