"""The Twilio client maps every answer to what the sender does next: sent (Twilio's sid and parts),
refused (Twilio's code and a reason in words: a bad number, a recipient who replied STOP, wrong
credentials) or transient (429 with its Retry-After, a 5xx, a timeout, no connection), and says when a
lost answer means Twilio may have the message. Against the local Twilio fake, which checks each request
as Twilio documents it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from convertly.messaging.twilio import TwilioAccount, TwilioClient
from devstack.ad_fakes import (
    LOCAL_TWILIO_ACCOUNT_SID,
    LOCAL_TWILIO_AUTH_TOKEN,
    LOCAL_TWILIO_MESSAGING_SERVICE_SID,
    LOCAL_TWILIO_NUMBER,
    local_twilio,
)
from devstack.fakes.twilio import TwilioFake

ACCOUNT = TwilioAccount(LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, from_number=LOCAL_TWILIO_NUMBER)
TO = "+14155550123"


@pytest.fixture(scope="module")
def server() -> Iterator[TwilioFake]:
    fake = local_twilio().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake(server: TwilioFake) -> TwilioFake:
    server.reset()
    return server


@pytest.fixture
def client(fake: TwilioFake) -> TwilioClient:
    return TwilioClient(fake.url, timeout_seconds=1.0)


def test_a_text_twilio_takes_is_sent_with_its_sid_and_parts(fake: TwilioFake, client: TwilioClient) -> None:
    outcome = client.send(ACCOUNT, TO, "é" + "a" * 160)
    assert outcome.kind == "sent"
    assert outcome.sid == fake.sent_to(TO)[0]["sid"] and outcome.segments == 2
    service = TwilioAccount(
        LOCAL_TWILIO_ACCOUNT_SID,
        LOCAL_TWILIO_AUTH_TOKEN,
        messaging_service_sid=LOCAL_TWILIO_MESSAGING_SERVICE_SID,
    )
    assert client.send(service, TO, "Hi").kind == "sent"
    assert fake.sent_to(TO)[1]["messaging_service_sid"] == LOCAL_TWILIO_MESSAGING_SERVICE_SID
    assert fake.problems == []


def test_a_refusal_carries_twilios_code_and_a_reason_in_words(fake: TwilioFake, client: TwilioClient) -> None:
    bad_number = client.send(ACCOUNT, "+1", "Hi")
    assert (bad_number.kind, bad_number.code) == ("refused", 21211)
    assert bad_number.reason == "The phone number is not a valid number (Twilio error 21211)"
    fake.unsubscribed.add(TO)
    stopped = client.send(ACCOUNT, TO, "Hi")
    assert (stopped.kind, stopped.code) == ("refused", 21610)
    assert "replied STOP" in stopped.message
    wrong = client.send(
        TwilioAccount(LOCAL_TWILIO_ACCOUNT_SID, "0" * 32, from_number=LOCAL_TWILIO_NUMBER), TO, "x"
    )
    assert (wrong.kind, wrong.code, wrong.status) == ("refused", 20003, 401)
    not_ours = client.send(
        TwilioAccount(LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, "+15550001111"), TO, "x"
    )
    assert (not_ours.kind, not_ours.code) == ("refused", 21606)
    assert fake.messages == []


def test_throttling_and_twilios_own_failures_are_transient(fake: TwilioFake, client: TwilioClient) -> None:
    fake.fail_next(429, retry_after=12)
    throttled = client.send(ACCOUNT, TO, "Hi")
    assert (throttled.kind, throttled.retry_after, throttled.uncertain) == ("transient", 12, False)
    fake.fail_next(503)
    broken = client.send(ACCOUNT, TO, "Hi")
    # A 5xx to a POST: Twilio may have taken it before failing
    assert (broken.kind, broken.status, broken.uncertain) == ("transient", 503, True)


def test_a_timeout_may_have_reached_twilio_and_no_connection_did_not(
    fake: TwilioFake, client: TwilioClient
) -> None:
    fake.stall_next(2.0)
    timed_out = client.send(ACCOUNT, TO, "Hi")
    assert (timed_out.kind, timed_out.uncertain) == ("transient", True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    unreachable = TwilioClient(closed, timeout_seconds=1.0).send(ACCOUNT, TO, "Hi")
    assert (unreachable.kind, unreachable.uncertain) == ("transient", False)
    assert unreachable.message == "Twilio could not be reached"


def test_a_message_whose_answer_was_lost_is_found_among_the_accounts_messages(
    fake: TwilioFake, client: TwilioClient
) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    sent = client.send(ACCOUNT, TO, "Your roof inspection is tomorrow")
    found = client.find_sent(ACCOUNT, TO, "Your roof inspection is tomorrow", before)
    assert found is not None and (found.kind, found.sid) == ("sent", sent.sid)
    assert client.find_sent(ACCOUNT, TO, "Another text", before) is None
    assert (
        client.find_sent(
            ACCOUNT, TO, "Your roof inspection is tomorrow", datetime.now(UTC) + timedelta(minutes=1)
        )
        is None
    )


def test_the_account_and_its_number_are_checked(fake: TwilioFake, client: TwilioClient) -> None:
    checked = client.check_account(ACCOUNT)
    assert checked.ok and checked.friendly_name == "Summit Roofing (local Twilio)"
    refused = client.check_account(TwilioAccount(LOCAL_TWILIO_ACCOUNT_SID, "f" * 32))
    assert (refused.ok, refused.code, refused.transient) == (False, 20003, False)
    assert client.owns_number(ACCOUNT, LOCAL_TWILIO_NUMBER).ok
    other = client.owns_number(ACCOUNT, "+15550001111")
    assert not other.ok and other.message == "+15550001111 is not a phone number of this Twilio account"
    fake.fail_next(500)
    assert client.check_account(ACCOUNT).transient
