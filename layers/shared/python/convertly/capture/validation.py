"""A submission's values checked against its form's fields; every bad field gets its own message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from convertly.capture.domain import FieldType, FormField
from convertly.platform.errors import ValidationError
from convertly.platform.fields import normalise_email, normalise_phone

REQUIRED = "This field is required"
_TRUE = frozenset({"1", "true", "on", "yes", "checked"})


def _is_checked(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in _TRUE


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("Enter text")
    return "" if value is None else str(value).strip()


def _checked(field: FormField, value: Any) -> bool:
    checked = value is not None and _is_checked(value)
    if field.required and not checked:
        raise ValueError(REQUIRED if field.type is FieldType.CHECKBOX else "Please give your consent")
    return checked


def _typed(field: FormField, text: str) -> str | None:
    """Email and phone normalised, a select's choice checked, other text as it is."""
    try:
        if field.type is FieldType.EMAIL:
            return normalise_email(text)
        if field.type is FieldType.PHONE:
            return normalise_phone(text)
    except ValueError as error:
        kind = "email address" if field.type is FieldType.EMAIL else "phone number"
        raise ValueError(f"Enter a valid {kind}") from error
    if field.type is FieldType.SELECT and text not in field.options:
        raise ValueError("Choose one of the options")
    return text


def _clean(field: FormField, value: Any) -> Any:
    """The field's value, normalised; raises ValueError with the message to show next to it."""
    if field.type in (FieldType.CHECKBOX, FieldType.CONSENT):
        return _checked(field, value)
    text = _text(value)
    if field.type is FieldType.HIDDEN and not text:
        text = field.default or ""
    if not text:
        if field.required:
            raise ValueError(REQUIRED)
        return None
    if len(text) > field.limit:
        raise ValueError(f"Use at most {field.limit} characters")
    return _typed(field, text)


def clean_values(fields: Sequence[FormField], raw: dict[str, Any]) -> dict[str, Any]:
    """The form's values by field name; a 422 naming each field that is missing or malformed."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        try:
            values[field.name] = _clean(field, raw.get(field.name))
        except ValueError as error:
            errors[field.name] = str(error)
    if errors:
        raise ValidationError("Some fields are not valid", fields=errors)
    return values
