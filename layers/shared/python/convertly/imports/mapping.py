"""Which spreadsheet column is which field, and one row's cells as clean values.

`propose` guesses a target for each header column (the person confirms or changes it); `clean_row`
reads one row through the confirmed mapping into a `Person`, or raises RowProblem with the reason the
failures file shows. Plain functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from convertly.imports.parsing import MAX_CELL
from convertly.platform.clock import iso
from convertly.platform.money import currency_code, minor_units
from convertly.platform.normalise import normalise_email


@dataclass(frozen=True)
class Target:
    key: str  # "email", "utm_source", "contact.cf.industry", "lead.cf.budget"
    label: str  # "Email", "UTM source", "Industry (contact field)"
    group: str  # "Person", "Lead", "Attribution", "Custom fields"


@dataclass(frozen=True)
class CustomField:
    entity: str  # "contact" or "lead"
    key: str
    label: str


def _targets(group: str, *pairs: tuple[str, str]) -> tuple[Target, ...]:
    return tuple(Target(key, label, group) for key, label in pairs)


BUILTIN_TARGETS: tuple[Target, ...] = (
    *_targets(
        "Person",
        ("name", "Full name"),
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("email", "Email"),
        ("phone", "Phone"),
        ("company", "Company"),
        ("country", "Country"),
        ("role", "Contact role"),
        ("tags", "Tags"),
        ("source", "Lead source"),
        ("created_at", "Created date"),
    ),
    *_targets(
        "Lead",
        ("value", "Lead value"),
        ("currency", "Currency"),
        ("stage", "Stage"),
        ("owner_email", "Owner (email or name)"),
        ("close_date", "Expected close date"),
    ),
    *_targets(
        "Attribution",
        ("utm_source", "UTM source"),
        ("utm_medium", "UTM medium"),
        ("utm_campaign", "UTM campaign"),
        ("utm_term", "UTM term"),
        ("utm_content", "UTM content"),
        ("gclid", "Google click id (gclid)"),
        ("gbraid", "Google gbraid"),
        ("wbraid", "Google wbraid"),
        ("fbclid", "Meta click id (fbclid)"),
        ("landing_page", "Landing page"),
        ("referrer", "Referrer"),
    ),
)
BUILTIN_KEYS = frozenset(target.key for target in BUILTIN_TARGETS)
ATTRIBUTION_KEYS: tuple[str, ...] = tuple(t.key for t in BUILTIN_TARGETS if t.group == "Attribution")
CUSTOM_ENTITIES = ("contact", "lead")
ROLES = {"lead": "Lead", "prospect": "Prospect", "client": "Client", "customer": "Client"}

# Header spellings seen in HubSpot, GoHighLevel, Pipedrive and hand-made Excel exports, beyond each
# target's key and label. Compared after `_normal` (so "E-mail", "e_mail" and "EMAIL" are one).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("full name", "name", "contact name", "contact"),
    "first_name": ("first name", "firstname", "given name", "first"),
    "last_name": ("last name", "surname", "family name", "lastname", "last"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "work email"),
    "phone": (
        "phone",
        "phone number",
        "mobile",
        "mobile phone",
        "mobile phone number",
        "cell",
        "telephone",
        "tel",
    ),
    "company": (
        "company",
        "company name",
        "organisation",
        "organization",
        "account",
        "business",
        "business name",
    ),
    "country": ("country", "country code", "country/region"),
    "role": ("role", "contact role", "contact type"),
    "tags": ("tags", "tag", "labels"),
    "source": ("source", "lead source", "original source"),
    "created_at": ("created", "created at", "create date", "date created", "created date", "date added"),
    "value": ("value", "deal value", "amount", "lead value", "deal amount", "revenue", "opportunity value"),
    "currency": ("currency", "currency code"),
    "stage": ("stage", "deal stage", "lead stage", "status", "lead status", "pipeline stage"),
    "owner_email": ("owner", "owner email", "assigned to", "rep", "sales rep", "lead owner"),
    "close_date": ("close date", "expected close date"),
    "utm_source": ("utm source",),
    "utm_medium": ("utm medium",),
    "utm_campaign": ("utm campaign",),
    "utm_term": ("utm term",),
    "utm_content": ("utm content",),
    "gclid": ("gclid", "google click id"),
    "gbraid": ("gbraid",),
    "wbraid": ("wbraid",),
    "fbclid": ("fbclid", "facebook click id", "meta click id"),
    "landing_page": ("landing page", "landing page url"),
    "referrer": ("referrer", "referer", "referring url", "referrer url"),
}

# Names people type for the countries most imports come from; any other country is its ISO code.
COUNTRY_NAMES = {
    "unitedstates": "US",
    "unitedstatesofamerica": "US",
    "usa": "US",
    "unitedkingdom": "GB",
    "uk": "GB",
    "greatbritain": "GB",
    "canada": "CA",
    "australia": "AU",
    "germany": "DE",
    "france": "FR",
    "ireland": "IE",
    "newzealand": "NZ",
    "india": "IN",
    "spain": "ES",
    "italy": "IT",
    "netherlands": "NL",
    "thenetherlands": "NL",
}

# A naive time is read as UTC; one typed in a zone up to 14 hours ahead of UTC is not "in the future".
FUTURE_TOLERANCE = timedelta(hours=14)


def _normal(text: str) -> str:
    """Lower case letters and digits only: spaces, "_", "-", "." and punctuation do not count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if char.isalnum())


def _custom_target(custom: CustomField) -> Target:
    return Target(
        f"{custom.entity}.cf.{custom.key}", f"{custom.label} ({custom.entity} field)", "Custom fields"
    )


def targets(custom: Sequence[CustomField]) -> list[Target]:
    """Every field a column can map to: the built-in ones, then the tenant's custom fields."""
    return [*BUILTIN_TARGETS, *(_custom_target(wanted) for wanted in custom)]


def _spellings(custom: Sequence[CustomField]) -> list[tuple[str, set[str]]]:
    """Each target's key with the normalised names that pick it, in priority order: every target's own
    key and label first (so a tenant's custom field "Status" beats the synonym "status" of stage), then
    the synonyms."""
    own = [(t.key, {_normal(t.key), _normal(t.label)}) for t in BUILTIN_TARGETS]
    for wanted in custom:
        target = _custom_target(wanted)
        own.append((target.key, {_normal(wanted.key), _normal(wanted.label), _normal(target.label)}))
    synonyms = [(key, {_normal(name) for name in names}) for key, names in SYNONYMS.items()]
    return own + synonyms


def propose(header: Sequence[str], custom: Sequence[CustomField]) -> list[str | None]:
    """Per header column, the target key it most likely holds, or None; a target goes to the first
    column that matches it only."""
    spellings = _spellings(custom)
    used: set[str] = set()
    proposed: list[str | None] = []
    for cell in header:
        name = _normal(cell)
        key = next((k for k, names in spellings if name and name in names and k not in used), None)
        if key is not None:
            used.add(key)
        proposed.append(key)
    return proposed


class RowProblem(Exception):
    """A row that cannot be imported; `reason` is short and for a person (it goes in the failures file)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Person:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164
    company: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    role: str | None = None  # Lead, Prospect or Client
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    created_at: str | None = None  # clock.iso() shape: "2025-03-01T00:00:00.000Z"
    value: Decimal | None = None
    currency: str | None = None
    stage: str | None = None  # the stage's name as given
    owner_email: str | None = None
    close_date: str | None = None  # "2025-03-01"
    attribution: dict[str, str] = field(default_factory=dict)
    custom: dict[str, dict[str, str]] = field(default_factory=lambda: {e: {} for e in CUSTOM_ENTITIES})


def _check_shape(cells: Sequence[str], header_len: int) -> None:
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL:
            raise RowProblem(f"cell longer than {MAX_CELL:,} characters in column {index + 1}")
    if any(cell.strip() for cell in cells[header_len:]):
        raise RowProblem("more cells than the header has")


def _given(cells: Sequence[str], mapping: Sequence[str | None]) -> dict[str, list[str]]:
    """Each mapped target's non-empty values, in column order."""
    given: dict[str, list[str]] = {}
    for key, cell in zip(mapping, cells, strict=False):
        if not key:
            continue
        entity, marker, field_key = key.partition(".cf.")
        if key not in BUILTIN_KEYS and not (marker and field_key and entity in CUSTOM_ENTITIES):
            raise ValueError(f"unknown import target {key!r}")
        value = cell.strip()
        if value:
            given.setdefault(key, []).append(value)
    return given


def _email(value: str, what: str = "email") -> str:
    try:
        email = normalise_email(value)
    except ValueError:
        raise RowProblem(f"invalid {what}: {value}") from None
    assert email is not None  # value is not blank
    return email


def _country(value: str) -> str:
    import phonenumbers  # on first use: the modules that never read a phone number never load it

    name = _normal(value)
    code = COUNTRY_NAMES.get(name, name.upper())
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise RowProblem(f"unknown country: {value}")
    return code


def _phone(value: str, region: str | None) -> str:
    import phonenumbers

    text = "+" + value[2:] if value.startswith("00") else value
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise RowProblem(f"invalid phone: {value}") from None
    if not phonenumbers.is_valid_number(number):
        raise RowProblem(f"invalid phone: {value}")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _role(value: str) -> str:
    role = ROLES.get(value.strip().lower())
    if role is None:
        raise RowProblem(f"unknown contact role: {value} (use Lead, Prospect or Client)")
    return role


def _tags(values: list[str]) -> list[str]:
    tags = (tag.strip() for value in values for tag in re.split(r"[,;|]", value))
    return list(dict.fromkeys(tag for tag in tags if tag))


_SYMBOL = r"[^\w\s.,'()+-]"
_CURRENCY_MARK = rf"(?:[^\W\d_]{{3}}|{_SYMBOL}{{1,2}}|[^\W\d_]{{1,2}}{_SYMBOL})"  # USD, $, €, R$, US$
_AMOUNT = re.compile(
    rf"(?P<minus>-)?\s*(?:{_CURRENCY_MARK}\s*)?(?P<minus2>-)?\s*"
    rf"(?P<number>\d[\d.,\s'\u00a0\u202f]*?)\s*(?:{_CURRENCY_MARK})?(?P<minus3>-)?"
)
_POINT_DECIMAL = re.compile(r"(?P<whole>[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?")
_COMMA_DECIMAL = re.compile(r"(?P<whole>[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(?P<fraction>\d+))?")


def _amount(value: str, currency: str) -> Decimal:
    """ "1234", "1,234.50", "$1,234.50", "€1.234,50", "1 234,50": a comma is the decimal separator when
    it is the last separator and 1 or 2 digits follow it. At most `currency`'s decimals ("1.234" is an
    amount of KWD, not of USD)."""
    text = value.strip()
    bracketed = text.startswith("(") and text.endswith(")")  # accounting's way to write a negative
    matched = _AMOUNT.fullmatch(text[1:-1].strip() if bracketed else text)
    if matched is None:
        raise RowProblem(f"value is not an amount: {value}")
    if bracketed or matched["minus"] or matched["minus2"] or matched["minus3"]:
        raise RowProblem("value cannot be negative")
    number = re.sub(r"[\s'\u00a0\u202f]", "", matched["number"])
    comma_decimal = re.search(r",\d{1,2}$", number) is not None
    parts = (_COMMA_DECIMAL if comma_decimal else _POINT_DECIMAL).fullmatch(number)
    parts = parts or _COMMA_DECIMAL.fullmatch(number)  # "1.234.567": points only group thousands
    if parts is None:
        raise RowProblem(f"value is not an amount: {value}")
    whole = re.sub(r"[.,]", "", parts["whole"])
    fraction = (parts["fraction"] or "").rstrip("0")
    allowed = minor_units(currency)
    if len(fraction) > allowed and allowed == 0:
        raise RowProblem(f"value has decimals, but {currency} amounts are whole numbers: {value}")
    if len(fraction) > allowed:
        raise RowProblem(f"value has more than {allowed} decimal{'s' if allowed > 1 else ''}: {value}")
    return Decimal(f"{whole}.{fraction}") if fraction else Decimal(whole)


def _currency(value: str) -> str:
    try:
        return currency_code(value)
    except ValueError:
        raise RowProblem(f"unknown currency: {value} (use an ISO 4217 code, like USD)") from None


_DAY_FIRST_OR_MONTH_FIRST = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
    r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)


def _moment(value: str) -> datetime | None:
    """ISO 8601 (with or without zone; "YYYY-MM-DD HH:MM[:SS]" too), "MM/DD/YYYY" or "DD.MM.YYYY",
    each with an optional time; None when it is none of those."""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    matched = _DAY_FIRST_OR_MONTH_FIRST.fullmatch(value)
    if matched is None:
        return None
    month, day = (matched["a"], matched["b"]) if matched["sep"] == "/" else (matched["b"], matched["a"])
    try:
        return datetime(
            int(matched["year"]),
            int(month),
            int(day),
            int(matched["hour"] or 0),
            int(matched["minute"] or 0),
            int(matched["second"] or 0),
        )
    except ValueError:
        return None


def _created_at(value: str, now: datetime) -> str:
    moment = _moment(value)
    if moment is None:
        raise RowProblem(f"created date not understood: {value}")
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if moment > now + FUTURE_TOLERANCE:
        raise RowProblem("created date is in the future")
    return iso(moment)


def _close_date(value: str) -> str:
    moment = _moment(value)
    if moment is None:
        raise RowProblem(f"close date not understood: {value}")
    return date(moment.year, moment.month, moment.day).isoformat()


def _split_name(name: str) -> tuple[str | None, str | None]:
    first, _, last = " ".join(name.split()).rpartition(" ")
    return (first, last) if first else (last or None, None)


def _apply_names(person: Person, first: Callable[[str], str | None]) -> None:
    first_name, last_name = _split_name(first("name") or "")
    person.first_name = first("first_name") or first_name
    person.last_name = first("last_name") or last_name


def _apply_person(person: Person, given: dict[str, list[str]], default_country: str | None) -> None:
    def first(key: str) -> str | None:
        return given[key][0] if key in given else None

    _apply_names(person, first)
    person.email = _email(given["email"][0]) if "email" in given else None
    person.country = _country(given["country"][0]) if "country" in given else None
    region = person.country or (default_country or "").upper() or None
    person.phone = _phone(given["phone"][0], region) if "phone" in given else None
    person.company, person.source = first("company"), first("source")
    person.role = _role(given["role"][0]) if "role" in given else None
    person.tags = _tags(given.get("tags", []))


def _apply_lead(person: Person, given: dict[str, list[str]], now: datetime, currency: str | None) -> None:
    person.created_at = _created_at(given["created_at"][0], now) if "created_at" in given else None
    person.currency = _currency(given["currency"][0]) if "currency" in given else None
    # The value has the decimals of the lead's currency: the row's, else the import's.
    amount_currency = person.currency or (currency or "USD").strip().upper()
    person.value = _amount(given["value"][0], amount_currency) if "value" in given else None
    person.stage = given["stage"][0] if "stage" in given else None
    # An email or a team member's name (exports often name the owner): the run looks it up.
    person.owner_email = given["owner_email"][0] if "owner_email" in given else None
    person.close_date = _close_date(given["close_date"][0]) if "close_date" in given else None


def clean_row(
    cells: Sequence[str],
    mapping: Sequence[str | None],
    header_len: int,
    *,
    default_country: str | None,
    now: datetime | None = None,
    currency: str | None = None,
) -> Person:
    """The row's cells as clean values through `mapping` (column i holds target `mapping[i]`; None or ""
    skips it), or RowProblem naming the first thing wrong with it. A local phone number is read in the
    row's country, else `default_country`; a value has the decimals of the row's currency, else of
    `currency` (the one a lead without a currency gets; USD when None). An unknown target key is a
    programming error (ValueError)."""
    _check_shape(cells, header_len)
    given = _given(cells, mapping)
    person = Person()
    _apply_person(person, given, default_country)
    _apply_lead(person, given, now or datetime.now(UTC), currency)
    person.attribution = {key: given[key][0] for key in ATTRIBUTION_KEYS if key in given}
    for key, values in given.items():
        entity, marker, field_key = key.partition(".cf.")
        if marker:
            person.custom[entity][field_key] = values[0]
    if not (person.first_name or person.last_name or person.email or person.phone):
        raise RowProblem("no name, email or phone")
    return person
