"""Lead request validation: what a bad field says."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from convertly.leads.domain.leads import LeadCreate, LeadUpdate


def _errors(**fields: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        LeadCreate(**fields)  # type: ignore[arg-type]
    return {".".join(map(str, e["loc"])) or "body": e["msg"] for e in raised.value.errors()}


def test_valid_lead_is_normalised() -> None:
    lead = LeadCreate(first_name="  Ann ", email=" ANN@X.IO ", currency="eur", value=Decimal("10.50"))
    assert (lead.first_name, lead.email, lead.currency) == ("Ann", "ann@x.io", "EUR")


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"first_name": "A", "email": "not-an-email"}, "email"),
        ({"first_name": "A", "phone": "12"}, "phone"),
        ({"first_name": "A", "value": "-5"}, "value"),
        ({"first_name": "A", "value": "1.23456"}, "value"),  # more than any currency has
        ({"first_name": "A", "currency": "EURO"}, "currency"),
        ({"first_name": "A", "currency": "XYZ"}, "currency"),
        ({"first_name": "A", "source": "tv"}, "source"),
        ({"first_name": "A", "nickname": "x"}, "nickname"),
        ({"first_name": "A", "attribution": {"gclid": "x", "evil": 1}}, "attribution.evil"),
        ({"first_name": "A", "tags": ["x"] * 21}, "tags"),
    ],
)
def test_each_bad_field_is_named(fields: dict[str, object], bad: str) -> None:
    assert bad in _errors(**fields)


def test_a_lead_needs_someone_to_contact() -> None:
    assert "a lead needs a contact, a name, an email or a phone number" in next(iter(_errors().values()))


def test_update_requires_the_version_seen() -> None:
    with pytest.raises(ValidationError):
        LeadUpdate(company="x")  # type: ignore[call-arg]
    assert LeadUpdate(company="x", version=3).version == 3
