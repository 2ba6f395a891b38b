"""Search terms: how names, emails, phone numbers and labels are folded for prefix search. Leads and
contacts index the same way, so a term typed in one list finds the same people in the other."""

from __future__ import annotations

import re
import unicodedata

MAX_TERM = 100


def fold(text: str) -> str:
    """Lower case, accents removed, inner whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def phone_terms(phone: str | None) -> list[str]:
    """A phone number's digits, and its last ten for searches typed without the country code."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return []
    return [digits, digits[-10:]] if len(digits) > 10 else [digits]


def person_terms(first_name: str, last_name: str, email: str | None, phone: str | None) -> list[str]:
    """The terms a person is found by: full name, last name, email and phone digits."""
    terms: list[str] = []
    full = fold(f"{first_name} {last_name}")
    last = fold(last_name)
    for term in (full, last if last and not full.startswith(last) else "", fold(email or "")):
        if term:
            terms.append(term[:MAX_TERM])
    terms += phone_terms(phone)
    return list(dict.fromkeys(terms))


def label_term(text: str | None) -> str:
    """A company name or a tag as a term ("" for nothing)."""
    return fold(text or "")[:MAX_TERM]


def query_prefix(query: str) -> str:
    """The prefix to look up for what a user typed: digits for phone-like input, else folded text."""
    stripped = query.strip()
    if stripped and re.fullmatch(r"[+0-9 ().\-]+", stripped):
        return re.sub(r"\D", "", stripped)
    return fold(stripped)[:MAX_TERM]


def replace_tag(tags: list[str], old: str, new: str | None) -> list[str]:
    """`tags` with `old` (any spelling) replaced by `new`, or removed when `new` is None; each tag
    once, by its folded name."""
    folded_old, result, seen = label_term(old), [], set()
    for tag in tags:
        kept = new if label_term(tag) == folded_old else tag
        if kept is not None and label_term(kept) not in seen:
            seen.add(label_term(kept))
            result.append(kept)
    return result
