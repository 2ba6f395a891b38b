"""Normalising and hashing the identifiers the platforms match on.

Google (enhanced conversions for leads): email trimmed and lower-cased, dots removed from the local part
of gmail.com and googlemail.com addresses; phone in E.164 with its `+`; both SHA-256 hex.
Meta (Conversions API): email trimmed and lower-cased; phone as E.164 digits without the `+`; both
SHA-256 hex; external_id hashed the same way. A local phone number takes the tenant's default country.
"""

from __future__ import annotations

import hashlib
import re

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
_GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
_PHONE_PUNCTUATION = re.compile(r"[\s().\-/]")

# Calling code and national trunk prefix (dropped from a local number) per ISO country; Italy keeps its
# leading 0, NANP numbers have no trunk prefix to drop.
_COUNTRIES: dict[str, tuple[str, str]] = {
    "US": ("1", ""), "CA": ("1", ""), "PR": ("1", ""), "GB": ("44", "0"), "IE": ("353", "0"),
    "DE": ("49", "0"), "AT": ("43", "0"), "CH": ("41", "0"), "FR": ("33", "0"), "BE": ("32", "0"),
    "NL": ("31", "0"), "LU": ("352", ""), "ES": ("34", ""), "PT": ("351", ""), "IT": ("39", ""),
    "SE": ("46", "0"), "NO": ("47", ""), "DK": ("45", ""), "FI": ("358", "0"), "PL": ("48", ""),
    "CZ": ("420", ""), "GR": ("30", ""), "RO": ("40", "0"), "HU": ("36", "06"), "TR": ("90", "0"),
    "IL": ("972", "0"), "AE": ("971", "0"), "ZA": ("27", "0"), "IN": ("91", "0"), "SG": ("65", ""),
    "HK": ("852", ""), "JP": ("81", "0"), "KR": ("82", "0"), "AU": ("61", "0"), "NZ": ("64", "0"),
    "MX": ("52", ""), "BR": ("55", "0"), "AR": ("54", "0"), "CO": ("57", ""), "CL": ("56", ""),
}  # fmt: skip


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
    """`+<country code><number>`, or None when the number cannot be made international.

    `+44 20 7946 0958` and `0044 20 7946 0958` are already international; a local number such as
    `(415) 555-0100` or `020 7946 0958` takes `default_country`'s calling code (its trunk 0 dropped).
    """
    if not value:
        return None
    # "+44 (0)20 ..." writes the national trunk 0 in brackets; it is not dialled from abroad.
    raw = _PHONE_PUNCTUATION.sub("", value.strip().replace("(0)", ""))
    digits: str | None
    if raw.startswith("+"):
        digits = raw[1:]
    elif raw.startswith("00"):
        digits = raw[2:]
    else:
        digits = _with_country(raw, default_country.upper())
    if digits is None or not digits.isdigit() or not 8 <= len(digits) <= 15 or digits.startswith("0"):
        return None
    return f"+{digits}"


def _with_country(national: str, country: str) -> str | None:
    if not national.isdigit() or country not in _COUNTRIES:
        return None
    code, trunk = _COUNTRIES[country]
    if code == "1" and len(national) == 11 and national.startswith("1"):
        return national  # NANP written with its 1
    if trunk and national.startswith(trunk):
        national = national[len(trunk) :]
    return code + national


def hashed_email(value: str | None, *, for_google: bool = False) -> str | None:
    email = normal_email(value, for_google=for_google)
    return sha256_hex(email) if email else None


def hashed_phone(value: str | None, default_country: str, *, for_google: bool = False) -> str | None:
    """Google hashes the E.164 form with its `+`, Meta the digits alone."""
    number = e164(value, default_country)
    if number is None:
        return None
    return sha256_hex(number if for_google else number[1:])
