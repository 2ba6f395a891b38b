"""Typed domain exceptions. HTTP status and body are mapped from these in exactly one place (api.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


class ConvertlyError(Exception):
    """Base of every error the API answers with `{"error": {"code", "message", "fields"}}`.

    `details` adds what a client needs to recover, e.g. the current lead with a stale-version 409;
    it appears in the body as `error.details` only when given.
    """

    status_code = 500
    code = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        fields: dict[str, str] | None = None,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        self.details = details or {}
        if code:
            self.code = code


class BadRequestError(ConvertlyError):
    status_code = 400
    code = "bad_request"


class AuthenticationError(ConvertlyError):
    status_code = 401
    code = "unauthenticated"


class ForbiddenError(ConvertlyError):
    status_code = 403
    code = "forbidden"


class NotFoundError(ConvertlyError):
    status_code = 404
    code = "not_found"


class ConflictError(ConvertlyError):
    status_code = 409
    code = "conflict"


class PayloadTooLargeError(ConvertlyError):
    status_code = 413
    code = "payload_too_large"


class ValidationError(ConvertlyError):
    status_code = 422
    code = "validation_error"


class EventPublishError(ConvertlyError):
    """Raised when the bus rejects some entries; the relay retries them."""

    status_code = 502
    code = "event_publish_failed"


class UnsupportedMediaTypeError(ConvertlyError):
    status_code = 415
    code = "unsupported_media_type"


class TooManyRequestsError(ConvertlyError):
    """A rate limit was reached; `retry_after` (seconds) goes out as the Retry-After header."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code, details={"retry_after": retry_after})
        self.retry_after = retry_after


class ServiceUnavailableError(ConvertlyError):
    status_code = 503
    code = "unavailable"


def error_body(error: ConvertlyError) -> dict[str, Any]:
    """The JSON body every error answer has: `{"error": {"code", "message", "fields"[, "details"]}}`."""
    body: dict[str, Any] = {"code": error.code, "message": error.message, "fields": error.fields}
    if error.details:
        body["details"] = error.details
    return {"error": body}


class PaymentRequiredError(ConvertlyError):
    """A plan limit or a declined payment: the fix is in billing, not in the request."""

    status_code = 402
    code = "payment_required"


class MailDeliveryError(ConvertlyError):
    """A mail server did not take a message; `permanent` says whether trying again could help."""

    status_code = 502
    code = "mail_send_failed"

    def __init__(self, message: str, *, permanent: bool):
        super().__init__(message, details={"permanent": permanent})
        self.permanent = permanent


# Validation messages ------------------------------------------------------------------------------
# The one mapping from a pydantic error (its `type` and `ctx`) to a sentence a person can act on. The
# field names stay as pydantic reports them; a type not listed keeps pydantic's own message, and a
# custom validator's ValueError keeps its message (without pydantic's "Value error, " prefix).

NUMBER = "Enter a number, like 9500"
WHOLE_NUMBER = "Enter a whole number"
DATE_TIME = "Enter a date and time with a time zone, like 2026-05-01T09:30:00Z"
DATE = "Enter a date, like 2026-05-01"
URL = "Enter a web address, like https://example.com"

_MESSAGES: dict[str, str] = {
    "missing": "This field is required",
    "string_type": "Enter text",
    "string_unicode": "Enter text",
    "string_too_short": "Use at least {min_length} characters",
    "string_too_long": "Use at most {max_length} characters",
    "string_pattern_mismatch": "This is not in the expected format",
    "decimal_parsing": NUMBER,
    "decimal_type": NUMBER,
    "decimal_not_finite": NUMBER,
    "float_parsing": NUMBER,
    "float_type": NUMBER,
    "finite_number": NUMBER,
    "decimal_max_digits": "Use at most {max_digits} digits",
    "decimal_max_places": "Use at most {decimal_places} decimal places",
    "decimal_whole_digits": "Use at most {whole_digits} digits before the decimal point",
    "int_parsing": WHOLE_NUMBER,
    "int_type": WHOLE_NUMBER,
    "int_from_float": WHOLE_NUMBER,
    "int_parsing_size": "Enter a smaller whole number",
    "bool_parsing": "Enter true or false",
    "bool_type": "Enter true or false",
    "greater_than": "Enter a number greater than {gt}",
    "greater_than_equal": "Enter {ge} or more",
    "less_than": "Enter a number less than {lt}",
    "less_than_equal": "Enter {le} or less",
    "multiple_of": "Enter a multiple of {multiple_of}",
    "enum": "Choose one of: {expected}",
    "literal_error": "Choose one of: {expected}",
    "union_tag_invalid": "Choose one of: {expected_tags}",
    "union_tag_not_found": "Say which kind this is with {discriminator}",
    "too_short": "Give at least {min_length} items",
    "too_long": "Give at most {max_length} items",
    "list_type": "Send a list",
    "tuple_type": "Send a list",
    "set_type": "Send a list",
    "frozen_set_type": "Send a list",
    "iterable_type": "Send a list",
    "dict_type": "Send an object",
    "model_type": "Send an object",
    "model_attributes_type": "Send an object",
    "dataclass_type": "Send an object",
    "extra_forbidden": "This field is not accepted here",
    "none_required": "Leave this empty",
    "json_invalid": "Enter valid JSON",
    "json_type": "Enter valid JSON",
    "datetime_parsing": DATE_TIME,
    "datetime_type": DATE_TIME,
    "datetime_from_date_parsing": DATE_TIME,
    "datetime_object_invalid": DATE_TIME,
    "timezone_aware": DATE_TIME,
    "timezone_naive": "Enter a date and time without a time zone, like 2026-05-01T09:30:00",
    "date_parsing": DATE,
    "date_type": DATE,
    "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": DATE,
    "time_parsing": "Enter a time, like 09:30",
    "time_type": "Enter a time, like 09:30",
    "uuid_parsing": "Enter a valid id",
    "uuid_type": "Enter a valid id",
    "url_parsing": URL,
    "url_type": URL,
    "url_scheme": URL,
    "url_syntax_violation": URL,
    "url_too_long": "Use a shorter web address",
}
_EMPTY = "This field cannot be empty"  # what "at least 1 character" means to a person
_ONE = re.compile(r"\b1 (character|item|digit|decimal place)s\b")
_CUSTOM_PREFIXES = ("Value error, ", "Assertion failed, ")


def _choices(expected: Any) -> str:
    """pydantic's "'a', 'b' or 3" as "a, b, 3"."""
    text = re.sub(r"'([^']*)'", r"\1", str(expected))
    head, _, last = text.rpartition(" or ")
    return f"{head}, {last}" if head else text


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def readable_message(error: Mapping[str, Any]) -> str:
    """The sentence for one pydantic error (a dict of `ValidationError.errors()`)."""
    kind = str(error.get("type", ""))
    template = _MESSAGES.get(kind)
    if template is None:
        message = str(error.get("msg") or "This value is not valid")
        for prefix in _CUSTOM_PREFIXES:
            message = message.removeprefix(prefix)
        return message
    context = dict(error.get("ctx") or {})
    values = {name: _number(value) for name, value in context.items()}
    for name in ("expected", "expected_tags"):
        if name in context:
            values[name] = _choices(context[name])
    try:
        message = template.format(**values)
    except (KeyError, IndexError, ValueError):  # a pydantic release that names its context otherwise
        return str(error.get("msg") or "This value is not valid")
    if kind == "string_too_short" and values.get("min_length") == "1":
        return _EMPTY
    return _ONE.sub(r"1 \1", message)
