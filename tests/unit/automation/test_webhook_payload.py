"""What a workflow's webhook step sends: the delivery's id and type, the workflow, the contact's public
fields (custom fields, tags, consent) and its lead (value in major units, stage, pipeline, owner,
first touch and UTMs), or null without a lead."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace

from convertly.automation.webhooks import body_of, payload_of
from convertly.contacts.items import ContactItem
from convertly.leads.items import LeadItem

NOW = datetime(2026, 11, 25, 9, 20, tzinfo=UTC)


def _contact() -> ContactItem:
    return ContactItem(
        "T#t#CONTACT#C1",
        "CONTACT",
        contact_id="C1",
        tenant_id="t",
        first_name="Ada",
        last_name="Lovelace",
        email="ada@example.test",
        phone="+14155550100",
        role="Prospect",
        source="webhook",
        tags=["vip", "roofing"],
        custom_fields={"roof_type": "slate"},
        consent={"email_marketing": "granted", "sms_marketing": "denied"},
        created_at="2026-11-01T10:00:00.000Z",
        created_by="u1",
        updated_at="2026-11-02T10:00:00.000Z",
        card_rev=3,
        search_terms=["ada", "lovelace"],
    )


def _lead() -> LeadItem:
    return LeadItem(
        "T#t#LEAD#L1",
        "LEAD",
        lead_id="L1",
        tenant_id="t",
        first_name="Ada",
        last_name="Lovelace",
        email="ada@example.test",
        contact_id="C1",
        value=125050,
        currency="EUR",
        owner_id="U1",
        source="google_ads",
        tags=["hot"],
        custom_fields={"budget": 5000},
        attribution={"utm_source": "google", "utm_campaign": "spring", "gclid": "Cj0-abc"},
        pipeline_id="P1",
        stage_id="S2",
        stage_entered_at="2026-11-03T10:00:00.000Z",
        created_at="2026-11-03T10:00:00.000Z",
        created_by="u1",
        updated_at="2026-11-04T10:00:00.000Z",
    )


def _payload(lead: LeadItem | None) -> dict:
    return payload_of(
        delivery_id="D1",
        workflow_id="W1",
        workflow_name="Hand-off",
        enrolment_id="E1",
        step_id="hook",
        contact=_contact(),
        lead=lead,
        now=NOW,
        owner=SimpleNamespace(user_id="U1", name="Sam Sales", email="sam@example.test"),
        stages={"S2": ("P1", "Qualified")},
        pipelines={"P1": "Sales"},
    )


def test_the_envelope_names_the_delivery_workflow_enrolment_and_step() -> None:
    payload = _payload(_lead())
    assert {k: payload[k] for k in ("id", "type", "created_at", "workflow", "enrolment_id", "step_id")} == {
        "id": "D1",
        "type": "workflow.step",
        "created_at": "2026-11-25T09:20:00.000Z",
        "workflow": {"id": "W1", "name": "Hand-off"},
        "enrolment_id": "E1",
        "step_id": "hook",
    }


def test_the_contact_carries_its_public_fields_with_custom_fields_tags_and_consent() -> None:
    contact = _payload(None)["contact"]
    assert contact["id"] == "C1" and contact["name"] == "Ada Lovelace"
    assert contact["email"] == "ada@example.test" and contact["phone"] == "+14155550100"
    assert contact["tags"] == ["vip", "roofing"]
    assert contact["custom_fields"] == {"roof_type": "slate"}
    assert contact["consent"] == {"email_marketing": "granted", "sms_marketing": "denied"}
    # nothing internal: no search terms, card revision, creator or version
    assert not {"search_terms", "card_rev", "created_by", "version", "contact_id"} & set(contact)


def test_the_lead_carries_its_value_in_major_units_stage_pipeline_owner_and_attribution() -> None:
    lead = _payload(_lead())["lead"]
    assert lead["value"] == 1250.5 and lead["currency"] == "EUR"
    assert lead["stage"] == {"id": "S2", "name": "Qualified"}
    assert lead["pipeline"] == {"id": "P1", "name": "Sales"}
    assert lead["owner"] == {"id": "U1", "name": "Sam Sales", "email": "sam@example.test"}
    assert lead["utm"] == {
        "utm_source": "google",
        "utm_medium": None,
        "utm_campaign": "spring",
        "utm_term": None,
        "utm_content": None,
    }
    assert lead["attribution"]["gclid"] == "Cj0-abc"
    assert lead["custom_fields"] == {"budget": 5000} and lead["tags"] == ["hot"]


def test_a_value_with_fils_is_exact_in_the_body() -> None:
    lead = _lead()
    lead.value, lead.currency = 123.4, "KWD"  # KWD 1.234, stored in hundredths
    payload = _payload(lead)
    assert payload["lead"]["value"] == 1.234 and payload["lead"]["currency"] == "KWD"
    assert '"value":1.234,' in body_of(payload)


def test_without_a_lead_or_with_a_deleted_one_the_lead_is_null() -> None:
    assert _payload(None)["lead"] is None
    deleted = _lead()
    deleted.deleted_at = "2026-11-20T10:00:00.000Z"
    assert _payload(deleted)["lead"] is None


def test_the_body_is_compact_utf8_json_of_the_payload() -> None:
    payload = _payload(_lead())
    payload["workflow"]["name"] = "Relance “été”"
    body = body_of(payload)
    assert "“été”" in body and ", " not in body
    assert json.loads(body) == json.loads(json.dumps(payload))
