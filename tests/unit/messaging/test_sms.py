"""What is texted and how often it is tried: a contact's phone as E.164 (a local number in its country,
never a number without its area code), the settings' shapes (one sender, SIDs as Twilio writes them),
and the sender's backoff and last try, which match the queue's receives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from moto.events.models import EventPattern
from pydantic import ValidationError

from convertly.messaging.resources import CONSUMERS
from convertly.messaging.sms import e164
from convertly.messaging.sms_domain import SmsSettingsUpdate
from convertly.messaging.sms_sender import BACKOFF_MAX_SECONDS, LEASE, MAX_RECEIVES, backoff

SID = "AC" + "0123456789abcdef" * 2
SAMPLE = Path(__file__).resolve().parents[3] / "events" / "domain" / "SmsQueued.json"


@pytest.mark.parametrize(
    ("phone", "country", "expected"),
    [
        ("(415) 555-0123", "US", "+14155550123"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("0044 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+1 555 234 5678", None, "+15552345678"),
        ("555-0100", "US", None),  # no area code: a text would go nowhere, or to someone else
        ("12", "US", None),
        ("", "US", None),
        (None, "US", None),
    ],
)
def test_a_phone_is_texted_in_e164(phone: str | None, country: str | None, expected: str | None) -> None:
    assert e164(phone, country) == expected


def test_the_settings_take_one_sender_and_twilios_sids() -> None:
    number = SmsSettingsUpdate(account_sid=SID, auth_token="a" * 32, from_number="+1 (415) 555-0123")
    assert number.from_number == "+14155550123"
    service = SmsSettingsUpdate(account_sid=SID, messaging_service_sid="MG" + "a" * 32)
    assert service.from_number is None
    for wrong in (
        {"account_sid": SID, "from_number": "+14155550123", "messaging_service_sid": "MG" + "a" * 32},
        {"account_sid": SID},
        {"account_sid": "SK" + "a" * 32, "from_number": "+14155550123"},
        {"account_sid": SID, "from_number": "4155550123"},
        {"account_sid": SID, "auth_token": "short", "from_number": "+14155550123"},
        {"account_sid": SID, "from_number": "+14155550123", "password": "x"},
    ):
        with pytest.raises(ValidationError):
            SmsSettingsUpdate.model_validate(wrong)


def test_the_backoff_doubles_to_a_ceiling_and_follows_twilios_retry_after() -> None:
    assert [backoff(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == BACKOFF_MAX_SECONDS
    assert backoff(1, asked=300) == 300 and backoff(1, asked=5) == 30


def test_the_last_try_is_the_queues_last_receive_and_a_lease_ends_before_a_message_returns() -> None:
    (queue,) = CONSUMERS
    assert queue.function == "sms_sender" and queue.rule.detail_types == ("SmsQueued",)
    assert queue.max_receive_count == MAX_RECEIVES
    assert LEASE.total_seconds() < queue.visibility_timeout_seconds


def test_the_queue_takes_the_sample_sms_queued_event_and_nothing_else() -> None:
    (queue,) = CONSUMERS
    pattern = EventPattern.load(json.dumps(queue.rule.event_pattern()))
    sample = json.loads(SAMPLE.read_text())
    assert pattern.matches_event(sample)
    assert not pattern.matches_event({**sample, "detail-type": "LeadCreated"})
    assert set(sample["detail"]["data"]) == {"sms_id", "contact_id", "lead_id", "segments", "workflow_id"}
