"""Typed domain exceptions. HTTP status and body are mapped from these in exactly one place (api.py)."""

from __future__ import annotations

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
