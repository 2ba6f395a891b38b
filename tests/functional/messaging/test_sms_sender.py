"""The sms_sender consumer on moto and the Twilio fake: each queued text reaches Twilio once however
often its message is delivered (three times in a batch, again later, at once from two containers);
a transient failure comes back after its backoff and is sent then, without a second text when
Twilio had taken the first try; Twilio's refusal is recorded with its code and reason; a contact who
unsubscribed since, or a tenant that disconnected Twilio, is recorded as not sent. The contact's
timeline follows each outcome."""

from __future__ import annotations

import threading
from typing import Any

from convertly.messaging.twilio import TwilioAccount, TwilioClient
from devstack.ad_fakes import LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, LOCAL_TWILIO_NUMBER
from devstack.fakes.twilio import TwilioFake
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.messaging.sms_support import (
    RecordedBackoff,
    connect,
    contact,
    deliver,
    queued_events,
    record,
    sender,
    sms_items,
    text,
    timeline_texts,
)


def _queue_one(
    api: Api, tenant: Account, body: str = "Your inspection is tomorrow at 9"
) -> tuple[str, dict[str, Any]]:
    """A connected tenant's text to a new contact; (the contact's id, its SmsQueued event)."""
    connect(api, tenant)
    grace = contact(api, tenant)
    status, sent = text(api, tenant, grace["contact_id"], body=body)
    assert status == 202, sent
    (event,) = queued_events(tenant.tenant_id)
    return grace["contact_id"], event


def test_a_text_is_sent_once_however_often_its_message_comes(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    contact_id, event = _queue_one(api, tenant)
    # When the queue delivers its message three times in one batch, then again in another
    batch = [record(event, aws, message_id=f"m{n}") for n in range(3)]
    assert deliver(batch, twilio) == set()
    assert deliver([record(event, aws, receives=2)], twilio) == set()
    # Then Twilio got one text, from the tenant's number, and the item and timeline say sent
    (item,) = sms_items(tenant.tenant_id)
    (message,) = twilio.sent_to(item.to_number)
    assert (message["from"], message["body"]) == (LOCAL_TWILIO_NUMBER, "Your inspection is tomorrow at 9")
    assert (item.status, item.twilio_sid, item.attempts, item.lease_id) == ("sent", message["sid"], 1, None)
    (entry,) = timeline_texts(api, tenant, contact_id)
    assert entry["cause"]["status"] == "sent" and entry["cause"]["sid"] == message["sid"]
    assert entry["cause"]["segments"] == 1 and entry["cause"]["sent_at"]
    assert twilio.problems == []


def test_two_containers_delivering_at_once_send_one_text(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    _, event = _queue_one(api, tenant)
    failed: list[set[str]] = []
    start = threading.Barrier(2)

    def run(message_id: str) -> None:
        start.wait()
        failed.append(deliver([record(event, aws, message_id=message_id)], twilio))

    threads = [threading.Thread(target=run, args=(f"c{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then one of them sent it; the other found it sent, or leased, and comes back to find it sent
    (item,) = sms_items(tenant.tenant_id)
    assert item.status == "sent" and len(twilio.sent_to(item.to_number)) == 1
    retried = set().union(*failed)
    assert deliver([record(event, aws, message_id=m) for m in retried], twilio) == set()
    assert len(twilio.sent_to(item.to_number)) == 1


def test_a_transient_failure_comes_back_after_its_backoff_and_is_sent_then(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    contact_id, event = _queue_one(api, tenant)
    # When Twilio answers 429 (asking for a minute), then 500
    twilio.fail_next(429, retry_after=60)
    backoff = RecordedBackoff()
    assert deliver([record(event, aws, message_id="first")], twilio, backoff) == {"first"}
    assert backoff.delays == {"first": 60}
    twilio.fail_next(500)
    backoff = RecordedBackoff()
    assert deliver([record(event, aws, receives=2, message_id="second")], twilio, backoff) == {"second"}
    assert backoff.delays == {"second": 60}
    # Then the text waits for a retry, and the timeline says so
    (item,) = sms_items(tenant.tenant_id)
    assert (item.status, item.lease_id) == ("retrying", None)
    assert item.uncertain_since is not None  # Twilio's 500 leaves open whether it took the text
    (entry,) = timeline_texts(api, tenant, contact_id)
    assert entry["cause"]["status"] == "retrying"
    assert entry["cause"]["error"] == "Twilio had a problem of its own (HTTP 500)"
    # When it comes back, Twilio is asked first whether it has the text (it has not), then sent it once
    assert deliver([record(event, aws, receives=3)], twilio) == set()
    (item,) = sms_items(tenant.tenant_id)
    assert item.status == "sent" and item.error is None and item.attempts == 3
    assert len(twilio.sent_to(item.to_number)) == 1
    assert [r.method for r in twilio.platform_requests("/Messages.json")] == ["POST", "POST", "GET", "POST"]
    assert timeline_texts(api, tenant, contact_id)[0]["cause"]["status"] == "sent"


def test_a_text_twilio_took_before_its_answer_was_lost_is_not_sent_again(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    _, event = _queue_one(api, tenant, body="Only once, please")
    # When the first try times out
    twilio.stall_next(2.0)
    assert deliver([record(event, aws, message_id="slow")], twilio) == {"slow"}
    (item,) = sms_items(tenant.tenant_id)
    assert item.status == "retrying" and item.uncertain_since is not None
    # And Twilio had in fact taken it (as it may have, answering too late)
    account = TwilioAccount(
        LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, from_number=LOCAL_TWILIO_NUMBER
    )
    taken = TwilioClient(twilio.url).send(account, item.to_number, "Only once, please")
    # Then the retry finds it and records it as sent, without a second text
    assert deliver([record(event, aws, receives=2)], twilio) == set()
    (item,) = sms_items(tenant.tenant_id)
    assert (item.status, item.twilio_sid) == ("sent", taken.sid)
    assert len(twilio.sent_to(item.to_number)) == 1


def test_twilios_refusal_is_recorded_with_its_code_and_not_retried(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    contact_id, event = _queue_one(api, tenant)
    (item,) = sms_items(tenant.tenant_id)
    twilio.unsubscribed.add(item.to_number)  # the person replied STOP to the number
    assert deliver([record(event, aws)], twilio) == set()
    (item,) = sms_items(tenant.tenant_id)
    assert (item.status, item.error_code) == ("failed", "21610")
    reason = (
        "The recipient replied STOP to the sending number: Twilio sends them nothing more"
        " (Twilio error 21610)"
    )
    assert item.error == reason
    (entry,) = timeline_texts(api, tenant, contact_id)
    assert (entry["cause"]["status"], entry["cause"]["error"], entry["cause"]["error_code"]) == (
        "failed",
        reason,
        "21610",
    )
    # A redelivery leaves it as it is
    assert deliver([record(event, aws, receives=2)], twilio) == set()
    assert twilio.messages == [] and len(twilio.platform_requests("/Messages.json")) == 1


def test_the_last_try_records_the_text_as_failed(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    _, event = _queue_one(api, tenant)
    twilio.fail_next(503)
    assert deliver([record(event, aws, receives=5)], twilio) == set()
    (item,) = sms_items(tenant.tenant_id)
    assert (
        item.status == "failed"
        and item.error == "Not sent after 5 tries: Twilio had a problem of its own (HTTP 503)"
    )


def test_an_unsubscribe_or_a_disconnect_since_it_was_queued_sends_nothing(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    contact_id, event = _queue_one(api, tenant)
    # When the contact unsubscribes from SMS before the text goes
    status, grace = api.call("GET", f"/contacts/{contact_id}", token=tenant.token)
    status, _ = api.call(
        "PATCH",
        f"/contacts/{contact_id}",
        {"version": grace["version"], "consent": {"sms_marketing": "denied"}},
        tenant.token,
    )
    assert status == 200
    assert deliver([record(event, aws)], twilio) == set()
    # Then it is recorded as not sent, and why
    (item,) = sms_items(tenant.tenant_id)
    assert (item.status, item.error) == ("not_sent", "Not sent: the contact unsubscribed from SMS")
    assert timeline_texts(api, tenant, contact_id)[0]["cause"]["status"] == "not_sent"
    # When the tenant disconnects Twilio before another text goes
    other = contact(api, tenant)
    text(api, tenant, other["contact_id"], body="Hello")
    later = queued_events(tenant.tenant_id)[-1]
    assert api.call("DELETE", "/settings/sms", token=tenant.token)[0] == 200
    assert deliver([record(later, aws)], twilio) == set()
    failed = next(i for i in sms_items(tenant.tenant_id) if i.contact_id == other["contact_id"])
    assert (failed.status, failed.error_code) == ("failed", "sms_not_configured")
    assert "an Admin connects Twilio in Settings > SMS" in str(failed.error)
    assert twilio.messages == []


def test_an_unreadable_message_fails_until_the_queue_moves_it_aside(
    aws: LocalAws, twilio: TwilioFake
) -> None:
    broken = {**record({"detail-type": "SmsQueued", "detail": {}}, aws), "body": "not json"}
    assert deliver([broken], twilio, with_sender=sender(twilio)) == {broken["messageId"]}
