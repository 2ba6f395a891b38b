"""Templates render in Jinja2's sandbox: merge fields filled in, HTML escaped, unknown names and
unsafe access refused in words; SMS parts counted as carriers count them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from convertly.messaging.render import merge_values, render_email, render_sms, sms_segments, text_of
from convertly.platform.errors import ValidationError

VALUES = merge_values(
    contact={
        "first_name": "<b>Ada</b>",
        "email": "ada@example.test",
        "custom": {"roof_type": "Tile & slate"},
    },
    lead={"value": Decimal("1250"), "currency": "USD", "stage": "Qualified", "custom": {}},
    owner={"name": "Sam Sales", "first_name": "Sam", "email": "sam@example.test"},
    custom_values={"phone": "555-0100"},
    contact_custom_keys=["roof_type", "renewal_date"],
    lead_custom_keys=["sqft"],
)


def test_an_email_is_filled_in_escaped_in_html_and_plain_in_text() -> None:
    rendered = render_email(
        "Your {{ lead.stage }} quote, {{ contact.first_name }}",
        "<p>Hi {{ contact.first_name }}: {{ lead.value }} {{ lead.currency }}"
        " for {{ contact.custom.roof_type }}.</p>"
        "<p>Call {{ owner.first_name }} on {{ custom_values.phone }}{{ contact.custom.renewal_date }}</p>",
        None,
        VALUES,
    )
    assert rendered.subject == "Your Qualified quote, <b>Ada</b>"
    assert rendered.body == (
        "<p>Hi &lt;b&gt;Ada&lt;/b&gt;: 1,250.00 USD for Tile &amp; slate.</p><p>Call Sam on 555-0100</p>"
    )
    assert rendered.text == "Hi <b>Ada</b>: 1,250.00 USD for Tile & slate.\nCall Sam on 555-0100"


@pytest.mark.parametrize(
    ("source", "code", "named"),
    [
        ("Hi {{ contact.frist_name }}", "unknown_merge_field", "frist_name"),
        ("{{ customer.name }}", "unknown_merge_field", "customer"),
        ("{{ contact.custom.shoe_size }}", "unknown_merge_field", "shoe_size"),
        ("{{ contact.__class__.__mro__ }}", "unsafe_template", "__class__"),
        ("{{ ''.__class__ }}", "unsafe_template", "__class__"),
        ("{% for x in %}", "invalid_template", "Expected an expression"),
    ],
)
def test_a_name_that_exists_nowhere_or_unsafe_access_is_refused_in_words(
    source: str, code: str, named: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        render_sms(source, VALUES)
    assert raised.value.code == code and named in raised.value.message


def test_no_code_runs_and_no_state_changes() -> None:
    for source in ("{{ contact.update({'x': 1}) }}", "{{ custom_values.clear() }}"):
        with pytest.raises(ValidationError):
            render_sms(source, VALUES)
    assert VALUES["custom_values"] == {"phone": "555-0100"}


@pytest.mark.parametrize(
    ("text", "parts", "encoding"),
    [
        ("", 1, "gsm7"),
        ("a" * 160, 1, "gsm7"),
        ("a" * 161, 2, "gsm7"),
        ("a" * 306, 2, "gsm7"),
        ("a" * 307, 3, "gsm7"),
        ("€" * 80, 1, "gsm7"),  # each counts twice: 160
        ("€" * 81, 2, "gsm7"),
        ("é" * 160, 1, "gsm7"),  # é is in the GSM alphabet
        ("ü" + "a" * 69, 1, "gsm7"),
        ("ç" * 70, 1, "ucs2"),  # ç is not (Ç is)
        ("ç" * 71, 2, "ucs2"),
        ("😀" * 35, 1, "ucs2"),  # two UTF-16 units each
        ("😀" * 36, 2, "ucs2"),
    ],
)
def test_sms_parts_follow_gsm7_and_ucs2(text: str, parts: int, encoding: str) -> None:
    assert sms_segments(text) == (parts, encoding)


def test_the_text_part_of_html_keeps_its_lines() -> None:
    assert text_of("<h1>Hello</h1><p>One<br>Two</p><ul><li>a</li><li>b</li></ul>") == "Hello\nOne\nTwo\na\nb"


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (Decimal("4200"), "USD", "4,200.00"),
        (Decimal("1234.5"), "EUR", "1,234.50"),
        (Decimal("1.234"), "KWD", "1.234"),
        (Decimal("1234.5"), "KWD", "1,234.500"),
        (Decimal("7500"), "JPY", "7,500"),
        (Decimal("1.2345"), "CLF", "1.2345"),
        (Decimal("1.234"), "USD", "1.234"),  # a value stored before currencies were checked: not cut off
    ],
)
def test_a_leads_value_has_its_currencys_decimals(value: Decimal, currency: str, shown: str) -> None:
    values = merge_values(
        contact=None,
        lead={"value": value, "currency": currency},
        owner=None,
        custom_values={},
        contact_custom_keys=[],
        lead_custom_keys=[],
    )
    assert render_sms("{{ lead.value }} {{ lead.currency }}", values).body == f"{shown} {currency}"
