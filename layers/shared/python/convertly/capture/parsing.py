"""A form post's body, JSON (the embed script) or form-encoded (a plain HTML form), as one shape."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from convertly.capture.domain import CLIENT_ATTRIBUTION_KEYS, HONEYPOT_FIELD
from convertly.platform.errors import BadRequestError, UnsupportedMediaTypeError, ValidationError

JSON_TYPES = ("application/json", "text/plain")
FORM_TYPE = "application/x-www-form-urlencoded"
# Names a classic post uses for what the embed script sends as separate JSON members.
STARTED_AT_FIELD = "_t"
IDEMPOTENCY_FIELD = "_idempotency_key"
CAPTCHA_FIELDS = ("cf-turnstile-response", "g-recaptcha-response")
MAX_VALUES = 100


@dataclass
class RawSubmission:
    """What a visitor sent, before it is checked against the form."""

    fields: dict[str, Any] = field(default_factory=dict)
    attribution: dict[str, str] = field(default_factory=dict)  # the first touch (a classic post's only)
    last_touch: dict[str, str] = field(default_factory=dict)  # empty: the same as the first
    honeypot: str = ""
    started_at: int | None = None  # ms since the epoch, when the form was shown
    captcha_token: str | None = None
    idempotency_key: str | None = None
    classic: bool = False  # a plain HTML form post: answered with a redirect or a page


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_classic(content_type: str | None) -> bool:
    return media_type(content_type) == FORM_TYPE


def parse_submission(body: str, content_type: str | None) -> RawSubmission:
    """Parse the body by its media type; 415 for any other type, 400 for broken JSON."""
    kind = media_type(content_type)
    if kind == FORM_TYPE:
        return _form_encoded(body)
    if kind in JSON_TYPES:
        return _json(body)
    raise UnsupportedMediaTypeError(
        "Send application/json or application/x-www-form-urlencoded", code="unsupported_media_type"
    )


def _millis(value: Any) -> int | None:
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _attribution(source: dict[str, Any]) -> dict[str, str]:
    return {
        key: _text(source[key]).strip() for key in CLIENT_ATTRIBUTION_KEYS if _text(source.get(key)).strip()
    }


def _form_encoded(body: str) -> RawSubmission:
    pairs = parse_qsl(body, keep_blank_values=True, max_num_fields=MAX_VALUES)
    values: dict[str, str] = {}
    for name, value in pairs:
        values[name] = value  # a repeated name keeps its last value, as a checkbox's hidden fallback needs
    meta = {HONEYPOT_FIELD, STARTED_AT_FIELD, IDEMPOTENCY_FIELD, *CAPTCHA_FIELDS, *CLIENT_ATTRIBUTION_KEYS}
    return RawSubmission(
        fields={name: value for name, value in values.items() if name not in meta},
        attribution=_attribution(values),
        honeypot=values.get(HONEYPOT_FIELD, ""),
        started_at=_millis(values.get(STARTED_AT_FIELD)),
        captcha_token=next((values[name] for name in CAPTCHA_FIELDS if values.get(name)), None),
        idempotency_key=values.get(IDEMPOTENCY_FIELD) or None,
        classic=True,
    )


def _json(body: str) -> RawSubmission:
    try:
        document = json.loads(body or "{}")
    except ValueError as error:
        raise BadRequestError("The request body is not valid JSON", code="invalid_json") from error
    if not isinstance(document, dict):
        raise ValidationError("Some fields are not valid", fields={"body": "must be a JSON object"})
    fields, attribution = document.get("fields", {}), document.get("attribution", {})
    last_touch = document.get("last_touch") or {}
    if not isinstance(fields, dict) or not isinstance(attribution, dict) or not isinstance(last_touch, dict):
        raise ValidationError(
            "Some fields are not valid",
            fields={"body": "fields, attribution and last_touch must be objects"},
        )
    if len(fields) > MAX_VALUES:
        raise ValidationError("Some fields are not valid", fields={"body": "too many fields"})
    token = document.get("captcha_token")
    key = document.get("idempotency_key")
    return RawSubmission(
        fields=fields,
        attribution=_attribution(attribution),
        last_touch=_attribution(last_touch),
        honeypot=_text(document.get("honeypot")),
        started_at=_millis(document.get("started_at")),
        captcha_token=str(token) if token else None,
        idempotency_key=str(key) if key else None,
    )
