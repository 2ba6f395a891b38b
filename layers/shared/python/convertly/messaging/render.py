"""Rendering a template with merge fields, in Jinja2's sandbox.

A template is data a user typed, never code: the sandboxed environment refuses attribute access to
anything but the plain values given (no `__class__`, no methods that change state), and every
variable must exist: `{{contact.frist_name}}` fails with its name instead of sending a blank. An
email's HTML escapes every value (a contact named `<script>` shows as text); its plain-text part and
an SMS do not escape. The values are plain dicts and strings built from the records by `merge_values`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from convertly.platform.errors import ValidationError
from convertly.platform.money import MAX_MINOR_UNITS, decimals, minor_units
from convertly.platform.snapstart import preload, warm

if TYPE_CHECKING:
    from jinja2 import UndefinedError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT = 100_000

# What every merge field can name; custom fields and custom values come from the tenant's settings.
CONTACT_FIELDS = ("first_name", "last_name", "name", "email", "phone", "role", "company_name")
LEAD_FIELDS = ("name", "value", "currency", "source", "stage", "pipeline", "utm_campaign", "utm_source")
OWNER_FIELDS = ("name", "first_name", "email")


@dataclass(frozen=True)
class Rendered:
    subject: str | None
    body: str
    text: str | None


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _amount(value: Any, currency: Any) -> Any:
    """A lead's value in its currency's decimals, grouped: 4,200.00 USD, 1.234 KWD, 7,500 JPY (and every
    decimal a value has beyond them, so none is cut off)."""
    if not isinstance(value, Decimal):
        return _plain(value)
    places = max(minor_units(str(currency or "USD")), min(decimals(value), MAX_MINOR_UNITS))
    return f"{value:,.{places}f}"


def merge_values(
    *,
    contact: Mapping[str, Any] | None,
    lead: Mapping[str, Any] | None,
    owner: Mapping[str, Any] | None,
    custom_values: Mapping[str, Any],
    contact_custom_keys: list[str],
    lead_custom_keys: list[str],
) -> dict[str, Any]:
    """The merge fields' values: every known name present (empty when the record lacks it), so only
    a name that exists nowhere fails."""

    def record(
        values: Mapping[str, Any] | None, names: tuple[str, ...], custom_keys: list[str]
    ) -> dict[str, Any]:
        given = dict(values or {})
        out = {name: _plain(given.get(name)) for name in names}
        if "value" in names:  # a lead's: in its currency's decimals
            out["value"] = _amount(given.get("value"), given.get("currency"))
        custom = dict(given.get("custom") or {})
        out["custom"] = {key: _plain(custom.get(key)) for key in {*custom_keys, *custom}}
        return out

    return {
        "contact": record(contact, CONTACT_FIELDS, contact_custom_keys),
        "lead": record(lead, LEAD_FIELDS, lead_custom_keys),
        "owner": {name: _plain((owner or {}).get(name)) for name in OWNER_FIELDS},
        "custom_values": {str(k): _plain(v) for k, v in custom_values.items()},
    }


@cache
def _environment(as_html: bool) -> ImmutableSandboxedEnvironment:
    """Jinja2's sandbox, made at the first render: a function that never renders never loads Jinja2
    (a SnapStart function loads it before its snapshot: convertly.platform.snapstart.preload)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=as_html)


preload("jinja2.sandbox")
warm(lambda: (_environment(True), _environment(False)))


def _render(as_html: bool, source: str, values: dict[str, Any], where: str) -> str:
    from jinja2 import TemplateError, UndefinedError
    from jinja2.sandbox import SecurityError

    try:
        output = _environment(as_html).from_string(source).render(values)
    except UndefinedError as error:
        raise ValidationError(
            f"The {where} names a merge field that does not exist: {_undefined_name(error)}",
            code="unknown_merge_field",
            fields={where: str(error)},
        ) from error
    except SecurityError as error:
        raise ValidationError(
            f"The {where} uses something templates may not: {error}",
            code="unsafe_template",
            fields={where: str(error)},
        ) from error
    except TemplateError as error:
        raise ValidationError(
            f"The {where} is not a valid template: {error}",
            code="invalid_template",
            fields={where: str(error)},
        ) from error
    if len(output) > MAX_OUTPUT:
        raise ValidationError(f"The {where} is too long once filled in", code="template_too_long")
    return output


def _undefined_name(error: UndefinedError) -> str:
    found = re.search(r"'([^']+)'(?: is undefined| has no attribute '([^']+)')", str(error))
    if not found:
        return str(error)
    return found.group(2) or found.group(1)


_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/h[1-6]|/li)\s*/?>", re.IGNORECASE)


def text_of(markup: str) -> str:
    """A plain-text version of an email's HTML: line breaks kept, tags dropped, entities read."""
    text = _TAGS.sub("", _BREAKS.sub("\n", markup))
    lines = [line.strip() for line in html.unescape(text).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def render_email(subject: str, body: str, text: str | None, values: dict[str, Any]) -> Rendered:
    rendered_subject = _render(False, subject, values, "subject").replace("\n", " ").strip()
    rendered_body = _render(True, body, values, "body")
    rendered_text = _render(False, text, values, "text") if text else text_of(rendered_body)
    return Rendered(rendered_subject, rendered_body, rendered_text)


def render_sms(body: str, values: dict[str, Any]) -> Rendered:
    return Rendered(None, _render(False, body, values, "body"), None)


_GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€")


def sms_segments(text: str) -> tuple[int, str]:
    """How many SMS parts a text takes, and its encoding: GSM-7 (160 characters, 153 a part when
    split; ^{}[]~|€\\ count twice) or UCS-2 (70, 67 a part) as soon as one character is outside GSM."""
    if all(c in _GSM or c in _GSM_EXTENDED for c in text):
        length = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        return (1 if length <= 160 else -(-length // 153)), "gsm7"
    units = len(text.encode("utf-16-le")) // 2
    return (1 if units <= 70 else -(-units // 67)), "ucs2"
