"""Custom field values by type: what each type stores, and the sentence a bad value gets."""

from __future__ import annotations

from typing import Any

import pytest

from convertly.fields.normalise import FIELD_TYPES, FieldValueError, normalise

OPTIONS = ["Small", "Large", "Extra Large"]


def field(kind: str, **more: Any) -> dict[str, Any]:
    return {"key": "f", "label": "The field", "type": kind, "options": OPTIONS, **more}


@pytest.mark.parametrize(
    ("kind", "given", "stored"),
    [
        ("text", "  Acme  ", "Acme"),
        ("text", 42, "42"),
        ("long_text", "line one\nline two", "line one\nline two"),
        ("number", 12, 12),
        ("number", 12.0, 12),
        ("number", 12.5, 12.5),
        ("number", " 12 ", 12),
        ("number", "-3.25", -3.25),
        ("number", "1e3", 1000),
        ("money", 1500, "1500.00"),
        ("money", 1500.5, "1500.50"),
        ("money", "0.1", "0.10"),
        ("money", " 99.99 ", "99.99"),
        ("money", "-5", "-5.00"),
        ("date", "2026-02-28", "2026-02-28"),
        ("date", "2028-02-29", "2028-02-29"),
        ("dropdown", "Large", "Large"),
        ("dropdown", "extra large", "Extra Large"),
        ("multi_select", ["large", "Small", "LARGE"], ["Large", "Small"]),
        ("checkbox", True, True),
        ("checkbox", False, False),
        ("checkbox", "No", False),
        ("checkbox", 1, True),
        ("phone", "+44 20 7946 0001", "+44 20 7946 0001"),
        ("email", " Ada@Example.TEST ", "ada@example.test"),
        ("url", " https://acme.example/pricing?x=1 ", "https://acme.example/pricing?x=1"),
        ("url", "HTTP://acme.example", "HTTP://acme.example"),
    ],
)
def test_a_good_value_is_stored_as_its_type_says(kind: str, given: Any, stored: Any) -> None:
    result = normalise(field(kind), given)
    assert result == stored and type(result) is type(stored)


@pytest.mark.parametrize("kind", FIELD_TYPES)
@pytest.mark.parametrize("empty", [None, "", "   ", []])
def test_an_empty_value_is_none_whatever_the_type(kind: str, empty: Any) -> None:
    assert normalise(field(kind), empty) is None


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [
        ("text", "x" * 256, "The field takes at most 255 characters"),
        ("text", True, "The field must be text"),
        ("long_text", "x" * 2001, "The field takes at most 2000 characters"),
        ("number", "twelve", "The field must be a number, like 9500"),
        ("number", True, "The field must be a number, like 9500"),
        ("number", float("nan"), "The field must be a number, like 9500"),
        ("number", "1,000", "The field must be a number, like 9500"),
        ("money", "12.345", "The field must be an amount with at most 2 decimals, like 1234.50"),
        ("money", 0.1 + 0.2, "The field must be an amount with at most 2 decimals, like 1234.50"),
        ("money", "$12", "The field must be an amount with at most 2 decimals, like 1234.50"),
        ("money", "1e3", "The field must be an amount with at most 2 decimals, like 1234.50"),
        ("money", 10**13, "The field is too large an amount"),
        ("date", "2026-02-30", "The field must be a date, like 2026-05-01"),
        ("date", "01/05/2026", "The field must be a date, like 2026-05-01"),
        ("date", "2026-05-01T10:00:00Z", "The field must be a date, like 2026-05-01"),
        ("dropdown", "Medium", "The field must be one of: Small, Large, Extra Large"),
        ("dropdown", ["Small"], "The field must be one of: Small, Large, Extra Large"),
        ("multi_select", "Small", "The field takes a list of options from: Small, Large, Extra Large"),
        ("multi_select", ["Small", "Huge"], "The field takes only options from: Small, Large, Extra Large"),
        ("checkbox", "maybe", "The field must be checked (true) or not (false)"),
        ("checkbox", 2, "The field must be checked (true) or not (false)"),
        ("phone", "12", "The field must be a phone number of 7 to 15 digits"),
        ("email", "nobody", "The field must be a valid email address"),
        ("url", "ftp://acme.example", "The field must be a web address starting with http:// or https://"),
        ("url", "acme.example", "The field must be a web address starting with http:// or https://"),
        ("url", "https://", "The field must be a web address starting with http:// or https://"),
        ("url", "javascript:alert(1)", "The field must be a web address starting with http:// or https://"),
    ],
)
def test_a_bad_value_is_refused_with_a_sentence_naming_the_field(kind: str, given: Any, message: str) -> None:
    with pytest.raises(FieldValueError) as raised:
        normalise(field(kind), given)
    assert str(raised.value) == message
