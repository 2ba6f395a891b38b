"""Faults on cue over HTTP (`/__script`): each fake of the local stack, and the mail sink, take a
scripted failure from whoever runs the stack, the way a test in the same process could."""

from __future__ import annotations

import smtplib
import time
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
import requests

from devstack.ad_fakes import AdFakes
from devstack.fakes.base import FakeServer
from devstack.mail_sink import MailSink

TIMEOUT = 30


@pytest.fixture(scope="module")
def fakes() -> Iterator[AdFakes]:
    started = AdFakes("127.0.0.1", 0).start()
    yield started
    started.stop()


@pytest.fixture
def meta(fakes: AdFakes) -> Iterator[FakeServer]:
    fakes.meta.reset()
    yield fakes.meta
    fakes.meta.reset()


def script(fake_url: str, body: Any = None, method: str = "POST") -> requests.Response:
    return requests.request(method, f"{fake_url}/__script", json=body, timeout=TIMEOUT)


def graph(meta: FakeServer) -> requests.Response:
    """A request Meta's fake serves when nothing is scripted: an unknown node, which Meta answers 400."""
    return requests.get(f"{meta.url}/v21.0/no-such-lead", params={"access_token": "t"}, timeout=TIMEOUT)


def test_a_status_script_answers_the_next_requests_then_stops(meta: FakeServer) -> None:
    unscripted = graph(meta).status_code
    # When the next three requests are scripted to answer 429 with Retry-After
    posted = script(meta.url, {"status": 429, "times": 3, "retry_after": 2})
    assert posted.status_code == 201, posted.text
    assert posted.json()["queued"] == [{"status": 429, "retry_after": 2, "times_left": 3}]
    answers = [graph(meta) for _ in range(4)]
    # Then those three answer 429 in the platform's own error format, and the fourth is served
    assert [a.status_code for a in answers] == [429, 429, 429, unscripted]
    assert answers[0].headers["Retry-After"] == "2"
    assert answers[0].json()["error"]["fbtrace_id"]
    assert script(meta.url, method="GET").json() == {"queued": [], "rate": None, "failed": 3}


def test_a_stall_that_serves_keeps_what_the_client_never_heard_about(meta: FakeServer) -> None:
    assert script(meta.url, {"stall_seconds": 1.5, "then": "serve"}).status_code == 201
    event = {
        "event_name": "Purchase",
        "event_time": int(time.time()),
        "event_id": "order-stalled",
        "action_source": "system_generated",
        "user_data": {"external_id": ["a" * 64]},
        "custom_data": {"value": 10, "currency": "USD"},
    }
    body = {"access_token": "EAAG-token", "data": [event]}
    # When a client gives up before the stalled answer
    with pytest.raises(requests.Timeout):
        requests.post(f"{meta.url}/v21.0/123/events", json=body, timeout=0.5)
    time.sleep(1.5)
    # Then Meta counted the event all the same, and the same event again is deduplicated
    state = requests.get(f"{meta.url}/__state", timeout=TIMEOUT).json()
    assert [e["event_id"] for e in state["events"]] == ["order-stalled"]
    assert requests.post(f"{meta.url}/v21.0/123/events", json=body, timeout=TIMEOUT).status_code == 200
    assert requests.get(f"{meta.url}/__state", timeout=TIMEOUT).json()["deduplicated"] == 1


def test_a_stall_that_fails_answers_500_late(meta: FakeServer) -> None:
    assert script(meta.url, {"stall_seconds": 0.6, "times": 1}).status_code == 201
    started = time.monotonic()
    answer = graph(meta)
    assert answer.status_code == 500 and time.monotonic() - started >= 0.6


def test_an_error_rate_fails_the_same_requests_for_the_same_seed(meta: FakeServer) -> None:
    rate = {"error_rate": 0.3, "statuses": [500, 503, 429], "seed": 7, "for_seconds": 120}
    runs = []
    for _ in range(2):
        assert script(meta.url, rate).status_code == 201
        runs.append([graph(meta).status_code for _ in range(60)])
        shown = script(meta.url, method="GET").json()["rate"]
        assert (shown["requests_seen"], shown["seed"]) == (60, 7)
        assert script(meta.url, method="DELETE").json()["cleared"] is True
    # Then both runs fail the same requests with the same statuses, about the share asked
    assert runs[0] == runs[1]
    failed = [status for status in runs[0] if status in (500, 503, 429)]
    assert 8 <= len(failed) <= 30 and len(set(failed)) > 1
    # And a cleared script serves everything
    assert graph(meta).status_code == 400


def test_an_error_rate_ends_after_its_window(meta: FakeServer) -> None:
    assert script(meta.url, {"error_rate": 1.0, "statuses": [503], "for_seconds": 0.5}).status_code == 201
    assert graph(meta).status_code == 503
    time.sleep(0.6)
    assert graph(meta).status_code == 400
    assert script(meta.url, method="GET").json()["rate"]["seconds_left"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": 200}, "status"),
        ({"status": 429, "times": 0}, "times"),
        ({"status": 500, "stall_seconds": 3}, "status"),
        ({"stall_seconds": -1}, "stall_seconds"),
        ({"stall_seconds": 1, "then": "later"}, "then"),
        ({"error_rate": 1.5}, "error_rate"),
        ({"error_rate": 0.3, "statuses": []}, "statuses"),
        ({"error_rate": 0.3, "statuses": [500, "503"]}, "statuses"),
        ({"error_rate": 0.3, "seed": "seven"}, "seed"),
        ({"status": 500, "delay": 3}, "delay"),
        ([], "body"),
    ],
)
def test_a_script_the_fake_cannot_follow_is_a_400_naming_the_field(
    fakes: AdFakes, body: Any, field: str
) -> None:
    for fake in (fakes.google_ads, fakes.meta, fakes.oauth, fakes.twilio, fakes.openai):
        answer = script(fake.url, body)
        assert answer.status_code == 400, (fake.name, answer.text)
        error = answer.json()["error"]
        assert error["code"] == "invalid_script" and field in error["fields"] and error["message"]
        assert script(fake.url, method="GET").json()["queued"] == []


def test_every_fake_takes_a_script_and_answers_in_its_platforms_error_format(fakes: AdFakes) -> None:
    for fake in (fakes.google_ads, fakes.oauth, fakes.twilio, fakes.openai):
        fake.reset()
        assert script(fake.url, {"status": 503}).status_code == 201
        answer = requests.post(f"{fake.url}/anything", json={}, timeout=TIMEOUT)
        assert answer.status_code == 503, fake.name
        assert fake.platform_requests()[-1].status == 503
        assert script(fake.url, method="GET").json()["failed"] == 1
        fake.reset()


def _send(sink: MailSink, subject: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "app@convertly.test", "rep@example.com", subject
    message.set_content("Body")
    with smtplib.SMTP(sink.host, sink.smtp_port, timeout=TIMEOUT) as client:
        client.send_message(message)


def test_the_mail_sink_refuses_the_next_messages_on_cue() -> None:
    sink = MailSink("127.0.0.1", 0, 0).start()
    try:
        url = sink.url.rstrip("/")
        assert script(url, {"status": 451, "times": 2}).status_code == 201
        refusals = []
        for n in range(3):
            try:
                _send(sink, f"Try {n}")
            except smtplib.SMTPDataError as error:
                refusals.append(error.smtp_code)
        # Then the first two are refused with the scripted code and only the third is kept
        assert refusals == [451, 451]
        assert [m.subject for m in sink.messages()] == ["Try 2"]
        assert script(url, {"stall_seconds": 3}).status_code == 400
        assert script(url, {"status": 250}).status_code == 400
        assert script(url, method="GET").json()["failed"] == 2
        assert script(url, {"status": 550}).status_code == 201
        with pytest.raises(smtplib.SMTPDataError) as refused:
            _send(sink, "Refused for good")
        assert refused.value.smtp_code == 550
        assert script(url, method="DELETE").status_code == 200
        _send(sink, "After clearing")
        assert sink.messages()[0].subject == "After clearing"
    finally:
        sink.stop()
