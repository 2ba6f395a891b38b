"""The webhook signature scheme: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, a rotated secret
signed with too for a day, five minutes' tolerance, and the reason a request is refused."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from convertly.automation.signing import (
    ROTATION_GRACE,
    SecretRing,
    SignatureError,
    new_secret,
    parse_header,
    sign,
    signature_header,
    verify,
)

NOW = datetime(2026, 11, 25, 9, 20, tzinfo=UTC)
T = int(NOW.timestamp())
BODY = b'{"id":"D1","type":"workflow.step","contact":{"email":"ada@example.test"}}'


def test_the_signature_is_the_hmac_of_the_time_a_dot_and_the_raw_body() -> None:
    # Given a secret, a time and a body
    secret = "cvsec_test-secret"
    # When it is signed
    header = signature_header([secret], T, BODY)
    # Then the header is t=<time>,v1=<hex HMAC-SHA256 of "<t>.<body>"> with the secret's text as the key
    expected = hmac.new(secret.encode(), f"{T}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={T},v1={expected}"
    assert sign(secret, T, BODY) == expected


def test_a_signed_request_verifies_and_answers_its_time() -> None:
    secret = new_secret()
    assert secret.startswith("cvsec_") and len(secret) > 40
    assert verify(signature_header([secret], T, BODY), BODY, [secret], NOW) == T


def test_a_changed_body_or_another_secret_is_refused() -> None:
    header = signature_header(["cvsec_right"], T, BODY)
    with pytest.raises(SignatureError, match="does not match"):
        verify(header, BODY + b" ", ["cvsec_right"], NOW)
    with pytest.raises(SignatureError, match="does not match"):
        verify(header, BODY, ["cvsec_wrong"], NOW)


@pytest.mark.parametrize("skew", [301, -301, 3600])
def test_a_time_more_than_five_minutes_off_is_refused(skew: int) -> None:
    header = signature_header(["s"], T + skew, BODY)
    with pytest.raises(SignatureError, match="more than 5 minutes"):
        verify(header, BODY, ["s"], NOW)


def test_a_time_within_five_minutes_passes() -> None:
    assert verify(signature_header(["s"], T - 299, BODY), BODY, ["s"], NOW) == T - 299


@pytest.mark.parametrize("header", [None, "", "v1=abc", f"t={T}", "t=soon,v1=abc", "garbage"])
def test_a_missing_or_malformed_header_is_refused_with_the_expected_shape(header: str | None) -> None:
    with pytest.raises(SignatureError) as refused:
        verify(header, BODY, ["s"], NOW)
    assert "Convertly-Signature" in refused.value.reason


def test_other_schemes_are_ignored_and_any_v1_may_match() -> None:
    good = sign("s", T, BODY)
    header = f"t={T},v0=deadbeef,v1={'0' * 64},v1={good}"
    assert parse_header(header) == (T, ["0" * 64, good])
    assert verify(header, BODY, ["s"], NOW) == T


def test_during_a_rotation_both_secrets_sign_and_either_verifies() -> None:
    # Given a secret rotated an hour ago: the old one is valid for the rest of its day
    ring = SecretRing("cvsec_new", "cvsec_old", NOW - timedelta(hours=1) + ROTATION_GRACE)
    in_use = ring.in_use(NOW)
    assert in_use == ["cvsec_new", "cvsec_old"]
    # When a delivery is signed, its header carries one v1 per secret, the new one first
    header = signature_header(in_use, T, BODY)
    _, signatures = parse_header(header)
    assert signatures == [sign("cvsec_new", T, BODY), sign("cvsec_old", T, BODY)]
    # Then a receiver holding either secret accepts it
    assert verify(header, BODY, ["cvsec_old"], NOW) == T
    assert verify(header, BODY, ["cvsec_new"], NOW) == T
    # And a request signed with the old secret verifies against the ring
    assert verify(signature_header(["cvsec_old"], T, BODY), BODY, in_use, NOW) == T


def test_after_the_grace_day_only_the_new_secret_holds() -> None:
    ring = SecretRing("cvsec_new", "cvsec_old", NOW - timedelta(seconds=1))
    assert ring.in_use(NOW) == ["cvsec_new"]
    with pytest.raises(SignatureError):
        verify(signature_header(["cvsec_old"], T, BODY), BODY, ring.in_use(NOW), NOW)
