"""Twilio's fake checks what Twilio documents: Basic auth of the path's account (401 with error 20003),
a form-encoded Messages request with To in E.164, From owned by the account or a Messaging Service of
it, a Body of 1 to 1,600 characters; each refusal carries Twilio's code and JSON error shape. A message
it takes answers 201 with the Message resource, and the account, the number and the message list read
back as Twilio's resources do. Scripted failures answer instead, and everything is at `/__log`."""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode

import pytest

from devstack.ad_fakes import (
    LOCAL_TWILIO_ACCOUNT_SID,
    LOCAL_TWILIO_AUTH_TOKEN,
    LOCAL_TWILIO_MESSAGING_SERVICE_SID,
    LOCAL_TWILIO_NUMBER,
    local_twilio,
)
from devstack.fakes.twilio import TwilioFake, segments

SID, TOKEN, NUMBER = LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, LOCAL_TWILIO_NUMBER
MESSAGES = f"/2010-04-01/Accounts/{SID}/Messages.json"


@pytest.fixture(scope="module")
def server() -> Iterator[TwilioFake]:
    fake = local_twilio().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake(server: TwilioFake) -> TwilioFake:
    server.reset()
    return server


def call(
    fake: TwilioFake,
    method: str,
    path: str,
    form: dict[str, str] | None = None,
    *,
    auth: tuple[str, str] | None = (SID, TOKEN),
    json_body: Any = None,
) -> tuple[int, dict[str, Any]]:
    headers = {}
    data = None
    if auth is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    if form is not None:
        data = urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(fake.url + path, data=data, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_documented_message_is_created_with_twilios_resource(fake: TwilioFake) -> None:
    # When a text is posted as Twilio documents it
    status, message = call(fake, "POST", MESSAGES, {"To": "+14155550123", "From": NUMBER, "Body": "Hi Ada"})
    # Then it is created: the Message resource, queued, one GSM-7 part, dated in RFC 2822
    assert status == 201, message
    assert re.fullmatch(r"SM[0-9a-f]{32}", message["sid"])
    assert (message["to"], message["from"], message["body"], message["status"]) == (
        "+14155550123",
        NUMBER,
        "Hi Ada",
        "queued",
    )
    assert message["num_segments"] == "1" and message["account_sid"] == SID
    assert message["direction"] == "outbound-api" and message["error_code"] is None
    assert message["uri"] == f"/2010-04-01/Accounts/{SID}/Messages/{message['sid']}.json"
    assert parsedate_to_datetime(message["date_created"]).tzinfo is not None
    # And the fake keeps it, finds it by sid and by recipient, and logged the request without problems
    assert fake.sent_to("+14155550123") == [message]
    assert call(fake, "GET", f"/2010-04-01/Accounts/{SID}/Messages/{message['sid']}.json")[1] == message
    status, listed = call(fake, "GET", f"{MESSAGES}?To=%2B14155550123&PageSize=20")
    assert status == 200 and [m["sid"] for m in listed["messages"]] == [message["sid"]]
    assert fake.problems == []
    logged = fake.platform_requests("/Messages.json")[0]
    assert logged.status == 201 and logged.headers["authorization"] == "****"


def test_a_messaging_service_sends_instead_of_a_number(fake: TwilioFake) -> None:
    form = {"To": "+447700900123", "MessagingServiceSid": LOCAL_TWILIO_MESSAGING_SERVICE_SID, "Body": "Hej"}
    status, message = call(fake, "POST", MESSAGES, form)
    assert status == 201 and message["status"] == "accepted"
    assert message["messaging_service_sid"] == LOCAL_TWILIO_MESSAGING_SERVICE_SID and message["from"] is None


@pytest.mark.parametrize(
    ("form", "code", "problem"),
    [
        ({"From": NUMBER, "Body": "x"}, 21604, True),
        ({"To": "415 555 0123", "From": NUMBER, "Body": "x"}, 21211, True),
        ({"To": "+14155550123", "Body": "x"}, 21603, True),
        ({"To": "+14155550123", "From": "+15550001111", "Body": "x"}, 21606, False),
        ({"To": "+14155550123", "MessagingServiceSid": "MG123", "Body": "x"}, 21705, True),
        ({"To": "+14155550123", "From": NUMBER, "Body": "  "}, 21602, True),
        ({"To": "+14155550123", "From": NUMBER, "Body": "x" * 1601}, 21617, True),
        ({"To": "+14155550123", "From": NUMBER, "Body": "x", "StatusCallback": "ftp://x"}, 21609, True),
    ],
)
def test_a_message_twilio_would_refuse_is_refused_with_its_code(
    fake: TwilioFake, form: dict[str, str], code: int, problem: bool
) -> None:
    status, error = call(fake, "POST", MESSAGES, form)
    assert status == 400
    assert error == {
        "code": code,
        "message": error["message"],
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": 400,
    }
    assert error["message"]
    # A malformed request is the client's mistake (kept in problems); a number not of the account is not
    assert bool(fake.problems) is problem
    assert fake.messages == []


def test_credentials_are_checked_against_the_paths_account(fake: TwilioFake) -> None:
    form = {"To": "+14155550123", "From": NUMBER, "Body": "x"}
    for auth in ((SID, "wrong-token-0000000000"), ("AC" + "0" * 32, TOKEN), None):
        status, error = call(fake, "POST", MESSAGES, form, auth=auth)
        assert status == 401 and error["code"] == 20003 and error["message"] == "Authenticate"
    # Only the missing header is a client's mistake; wrong credentials are what a person may type
    assert fake.problems == ["no HTTP Basic Authorization header"]
    assert fake.messages == []


def test_a_json_body_or_an_unknown_parameter_is_a_problem(fake: TwilioFake) -> None:
    status, error = call(
        fake, "POST", MESSAGES, json_body={"To": "+14155550123", "From": NUMBER, "Body": "x"}
    )
    assert status == 400 and error["code"] == 21604
    assert fake.problems == ["the body must be form-encoded, not JSON"]
    fake.reset()
    status, _ = call(fake, "POST", MESSAGES, {"To": "+14155550123", "From": NUMBER, "Body": "x", "body": "y"})
    assert status == 201
    assert fake.problems == ["body is not a parameter of the Message resource"]


def test_a_recipient_who_replied_stop_is_refused_with_21610(fake: TwilioFake) -> None:
    fake.unsubscribed.add("+14155550123")
    status, error = call(fake, "POST", MESSAGES, {"To": "+14155550123", "From": NUMBER, "Body": "x"})
    assert status == 400 and error["code"] == 21610 and fake.problems == []


def test_the_account_and_its_numbers_read_as_twilios_resources(fake: TwilioFake) -> None:
    status, account = call(fake, "GET", f"/2010-04-01/Accounts/{SID}.json")
    assert status == 200 and account["sid"] == SID and account["status"] == "active"
    status, numbers = call(
        fake, "GET", f"/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006"
    )
    assert status == 200
    (owned,) = numbers["incoming_phone_numbers"]
    assert owned["phone_number"] == NUMBER and owned["capabilities"]["sms"] is True
    assert re.fullmatch(r"PN[0-9a-f]{32}", owned["sid"])
    status, none = call(
        fake, "GET", f"/2010-04-01/Accounts/{SID}/IncomingPhoneNumbers.json?PhoneNumber=%2B1999"
    )
    assert status == 200 and none["incoming_phone_numbers"] == []
    status, missing = call(fake, "GET", f"/2010-04-01/Accounts/{SID}/Calls.json")
    assert status == 404 and missing["code"] == 20404


def test_scripted_failures_answer_with_twilios_errors_and_the_log_lists_requests(fake: TwilioFake) -> None:
    form = {"To": "+14155550123", "From": NUMBER, "Body": "x"}
    fake.fail_next(429, retry_after=7)
    fake.fail_next(500)
    status, throttled = call(fake, "POST", MESSAGES, form)
    assert status == 429 and throttled["code"] == 20429
    status, broken = call(fake, "POST", MESSAGES, form)
    assert status == 500 and broken["code"] == 20500
    assert call(fake, "POST", MESSAGES, form)[0] == 201
    with urllib.request.urlopen(f"{fake.url}/__log", timeout=5) as response:  # noqa: S310
        log = json.loads(response.read())
    assert log["fake"] == "twilio"
    assert [r["status"] for r in log["requests"]] == [429, 500, 201]
    assert log["requests"][0]["body"] == form


def test_parts_are_counted_as_carriers_count_them() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2
    assert segments("{" * 80) == 1 and segments("{" * 81) == 2  # the extension table counts two
    assert segments("é" * 10) == 1  # é is GSM-7
    assert segments("ê" * 70) == 1 and segments("ê" * 71) == 2  # ê is not: UCS-2
    assert segments("😀" * 35) == 1 and segments("😀" * 36) == 2  # an emoji takes two UTF-16 units
