"""Normalising and hashing the identifiers the platforms match on.

Google (enhanced conversions for leads): email trimmed and lower-cased, dots removed from the local part
of gmail.com and googlemail.com addresses; phone in E.164 with its `+`; both SHA-256 hex.
Meta (Conversions API): email trimmed and lower-cased; phone as E.164 digits without the `+`; both
SHA-256 hex; external_id hashed the same way. Phone numbers are read and checked with libphonenumber
(`phonenumbers`); a local number takes the lead's country, else the tenant's.
"""

from __future__ import annotations

import hashlib
import re

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
_GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normal_email(value: str | None, *, for_google: bool = False) -> str | None:
    """The address as the platform hashes it, or None when it is not an address."""
    if not value:
        return None
    email = value.strip().lower()
    if not _EMAIL.match(email):
        return None
    local, domain = email.rsplit("@", 1)
    if for_google and domain in _GMAIL_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def e164(value: str | None, default_country: str = "US") -> str | None:
    """`+<country code><number>`, or None when it is not a valid number.

    `+44 20 7946 0958` and `0044 20 7946 0958` are already international; a local number such as
    `(415) 555-0100`, `020 7946 0958` or `0917 123 4567` is read as a number of `default_country` (the
    lead's country, else the tenant's). A number that cannot exist there (`555-0100`: no area code) is
    None: sending it would match no one, or someone else.
    """
    if not value:
        return None
    import phonenumbers  # on first use: the functions that never read a phone number never load it

    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    region = (default_country or "").upper() or None
    try:
        number = phonenumbers.parse(text, region if region in phonenumbers.SUPPORTED_REGIONS else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def hashed_email(value: str | None, *, for_google: bool = False) -> str | None:
    email = normal_email(value, for_google=for_google)
    return sha256_hex(email) if email else None


def hashed_phone(value: str | None, default_country: str, *, for_google: bool = False) -> str | None:
    """Google hashes the E.164 form with its `+`, Meta the digits alone."""
    number = e164(value, default_country)
    if number is None:
        return None
    return sha256_hex(number if for_google else number[1:])
