"""A one-off text from a contact's page (or its lead's) on moto: queued once per request key with its
SmsQueued event and a "texted" entry on the contact's timeline, from an SMS template filled in for the
contact and lead or from text written there; refused in words, with nothing queued, when SMS is not
connected, the contact unsubscribed from SMS, or has no number a text can reach. What a workflow's
step calls (`sms_writes`, `sms_blocked`) writes once per id."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from convertly.contacts import service as contacts
from convertly.messaging import service as messaging
from convertly.platform.errors import ValidationError
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from devstack.fakes.twilio import TwilioFake
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.messaging.sms_support import (
    connect,
    contact,
    deliver,
    queued_events,
    record,
    sms_items,
    text,
    timeline_texts,
)


def _sms_template(api: Api, account: Account, body: str) -> dict[str, object]:
    status, template = api.call(
        "POST", "/message-templates", {"channel": "sms", "name": "Reminder", "body": body}, account.token
    )
    assert status == 201, template
    return dict(template)


def test_a_text_is_queued_once_per_request_key_and_shows_on_the_timeline(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    connect(api, tenant)
    grace = contact(api, tenant, phone="(415) 555-0142", country="US")
    template = _sms_template(api, tenant, "Hi {{contact.first_name}}, see you tomorrow!")
    # When the Admin sends from the template three times with the same key (a triple click)
    answers = [
        text(
            api, tenant, grace["contact_id"], template_id=template["template_id"], request_key="click-0000001"
        )
        for _ in range(3)
    ]
    # Then each answer is the same 202, to the contact's number in E.164
    assert {status for status, _ in answers} == {202}
    assert all(sent == answers[0][1] for _, sent in answers)
    assert answers[0][1]["to"] == "+14155550142" and answers[0][1]["channel"] == "sms"
    assert answers[0][1]["subject"] is None and answers[0][1]["status"] == "queued"
    # And one text is queued, filled in, with one event and one timeline entry
    (item,) = sms_items(tenant.tenant_id)
    assert (item.to_number, item.body, item.status, item.segments) == (
        "+14155550142",
        "Hi Grace, see you tomorrow!",
        "queued",
        1,
    )
    (event,) = queued_events(tenant.tenant_id)
    assert event["detail"]["data"]["sms_id"] == item.sms_id == answers[0][1]["message_id"]
    assert event["detail"]["subject_id"] == grace["contact_id"]
    (entry,) = timeline_texts(api, tenant, grace["contact_id"])
    assert entry["actor_name"] == "Ada Admin" and entry["entry_id"] == item.sms_id
    assert entry["cause"] == {
        "to": "+14155550142",
        "body": "Hi Grace, see you tomorrow!",
        "segments": 1,
        "status": "queued",
        "template_id": template["template_id"],
    }
    # And nothing reached Twilio yet: the sender sends it
    assert twilio.messages == []


def test_a_written_text_about_a_lead_fills_in_the_leads_fields(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    connect(api, tenant)
    status, lead = api.call(
        "POST", "/leads", {"first_name": "Linus", "phone": "+1 415 555 0177", "value": 1500}, tenant.token
    )
    assert status == 201, lead
    # When a text about the lead is written on the lead's page (its contact's number)
    status, sent = text(
        api,
        tenant,
        lead["contact_id"],
        body="{{contact.first_name}}: {{lead.value}} {{lead.currency}}",
        lead_id=lead["lead_id"],
    )
    assert status == 202, sent
    (item,) = sms_items(tenant.tenant_id)
    assert item.body == "Linus: 1,500.00 USD" and item.lead_id == lead["lead_id"]
    (entry,) = timeline_texts(api, tenant, lead["contact_id"])
    assert entry["cause"]["lead_id"] == lead["lead_id"]

    # It shows on the lead's timeline too, and the sender's outcome reaches both entries
    def lead_texts() -> list[dict[str, Any]]:
        timeline = api.call("GET", f"/leads/{lead['lead_id']}/timeline", token=tenant.token)[1]
        return [e for e in timeline["items"] if e["kind"] == "texted"]

    (on_lead,) = lead_texts()
    assert (on_lead["cause"]["status"], on_lead["cause"]["body"]) == ("queued", "Linus: 1,500.00 USD")
    (event,) = queued_events(tenant.tenant_id)
    assert deliver([record(event, aws)], twilio) == set()
    assert [e["cause"]["status"] for e in lead_texts()] == ["sent"]
    assert [e["cause"]["status"] for e in timeline_texts(api, tenant, lead["contact_id"])] == ["sent"]
    # And a lead that is not the contact's, an email template or a merge field that exists nowhere is refused
    other = contact(api, tenant)
    status, refused = text(api, tenant, other["contact_id"], body="x", lead_id=lead["lead_id"])
    assert status == 404 and refused["error"]["code"] == "lead_not_found"
    status, email = api.call(
        "POST",
        "/message-templates",
        {"channel": "email", "name": "E", "subject": "S", "body": "<p>x</p>"},
        tenant.token,
    )
    status, refused = text(api, tenant, other["contact_id"], template_id=email["template_id"])
    assert status == 422 and refused["error"]["fields"] == {"template_id": "Not an SMS template"}
    status, refused = text(api, tenant, other["contact_id"], body="Hi {{contact.nickname}}")
    assert status == 422 and refused["error"]["code"] == "unknown_merge_field"
    assert len(sms_items(tenant.tenant_id)) == 1


def test_a_text_that_cannot_go_is_refused_in_words_and_nothing_is_queued(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    grace = contact(api, tenant)
    # Not connected: 409 telling who connects Twilio, and where
    status, refused = text(api, tenant, grace["contact_id"], body="Hi")
    assert status == 409 and refused["error"]["code"] == "sms_not_configured"
    assert "an Admin connects Twilio in Settings > SMS" in refused["error"]["message"]
    connect(api, tenant)
    # Unsubscribed from SMS: 409
    stopped = contact(api, tenant, consent={"sms_marketing": "denied"})
    status, refused = text(api, tenant, stopped["contact_id"], body="Hi")
    assert status == 409 and refused["error"]["code"] == "unsubscribed"
    assert refused["error"]["message"] == "This contact unsubscribed from text messages: nothing was sent"
    # No phone, or a number without its area code: 422 on the phone
    status, refused = text(
        api, tenant, contact(api, tenant, phone=None, email="x@example.test")["contact_id"], body="Hi"
    )
    assert (
        status == 422
        and refused["error"]["code"] == "no_phone"
        and refused["error"]["fields"] == {"phone": "Missing"}
    )
    status, refused = text(
        api, tenant, contact(api, tenant, phone="555-0100", country="US")["contact_id"], body="Hi"
    )
    assert status == 422 and refused["error"]["code"] == "invalid_phone"
    # A text that is too long once filled in, or empty: 422
    status, refused = text(api, tenant, grace["contact_id"], body="{{contact.first_name}}" + "x" * 1596)
    assert status == 422 and refused["error"]["code"] == "sms_too_long"
    # Then nothing was queued, and nothing reached the timeline
    assert sms_items(tenant.tenant_id) == [] and queued_events(tenant.tenant_id) == []
    assert timeline_texts(api, tenant, stopped["contact_id"]) == []


def test_sales_text_the_contacts_they_see_and_another_tenants_contact_is_not_found(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    connect(api, tenant)
    sales = invite(api, tenant, "Sales", "Sam Sales")
    status, own = api.call("POST", "/leads", {"first_name": "Own", "phone": "+14155550190"}, sales.token)
    assert status == 201, own
    status, sent = text(api, sales, own["contact_id"], body="Hello from Sam")
    assert status == 202, sent
    (entry,) = timeline_texts(api, tenant, own["contact_id"])
    assert entry["actor_name"] == "Sam Sales"
    # A colleague's contact is not the Sales user's to text (403); another tenant's is not found (404)
    theirs = contact(api, tenant)
    assert text(api, sales, theirs["contact_id"], body="x")[0] == 403
    other = sign_up(api, "Elsewhere Inc")
    connect(api, other)
    assert text(api, other, theirs["contact_id"], body="x")[0] == 404
    # Staff send nothing
    staff = invite(api, tenant, "Staff")
    assert text(api, staff, theirs["contact_id"], body="x")[0] == 403
    assert len(sms_items(tenant.tenant_id)) == 1 and sms_items(other.tenant_id) == []


def test_the_workflow_interface_writes_a_text_once_per_id_and_says_why_none_can_go(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    grace_id = contact(api, tenant, phone="+14155550150")["contact_id"]
    grace = contacts.get_contact(tenant.tenant_id, grace_id)
    assert messaging.sms_blocked(tenant.tenant_id, grace) == (
        "Text messages are not set up: an Admin connects Twilio in Settings > SMS"
    )
    connect(api, tenant)
    assert messaging.sms_blocked(tenant.tenant_id, grace) is None
    assert messaging.sms_blocked(tenant.tenant_id, None) == "There is no contact to text"
    stopped = contacts.get_contact(
        tenant.tenant_id, contact(api, tenant, consent={"sms_marketing": "denied"})["contact_id"]
    )
    assert messaging.sms_blocked(tenant.tenant_id, stopped) == "Not sent: the contact unsubscribed from SMS"
    # When a workflow's step writes the same text twice (a retried step)
    origin = {
        "actor_id": "system",
        "actor_name": None,
        "workflow": "Welcome",
        "workflow_id": "W1",
        "step_id": "s1",
    }
    now = datetime.now(UTC)
    tx = Transaction()
    for write in messaging.sms_writes(
        tenant.tenant_id, "SMSWORKFLOWSTEP0000000001", grace, "Welcome!", now, origin=origin
    ):
        write(tx)
    tx.commit()
    again = Transaction()
    for write in messaging.sms_writes(
        tenant.tenant_id, "SMSWORKFLOWSTEP0000000001", grace, "Welcome!", now, origin=origin
    ):
        write(again)
    with pytest.raises(TransactionCancelledError) as cancelled:
        again.commit()
    # Then the second is cancelled on the text itself, and one text, event and entry exist
    assert cancelled.value.failed == ["sms"]
    assert [i.sms_id for i in sms_items(tenant.tenant_id)] == ["SMSWORKFLOWSTEP0000000001"]
    assert len(queued_events(tenant.tenant_id)) == 1
    (entry,) = timeline_texts(api, tenant, grace_id)
    assert entry["actor_name"] == "Convertly" and entry["cause"]["workflow"] == "Welcome"
    # And a text no one can receive is refused before anything is written
    with pytest.raises(ValidationError):
        messaging.sms_writes(tenant.tenant_id, "SMSWORKFLOWSTEP0000000002", grace, " ", now, origin=origin)
