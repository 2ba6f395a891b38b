"""Typed domain exceptions. HTTP status and body are mapped from these in exactly one place (api.py)."""

from __future__ import annotations


class ConvertlyError(Exception):
    """Base of every error the API answers with `{"error": {"code", "message", "fields"}}`."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, fields: dict[str, str] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
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
