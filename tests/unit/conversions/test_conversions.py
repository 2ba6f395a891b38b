"""Conversions without I/O: identifier normalisation and hashing, Google's partial failure mapping,
the Google time format, backoff, and the queue settings the consumer relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convertly import resources
from convertly.conversions import dispatch as conversions
from convertly.conversions.adapters.google import _row_outcomes, row_errors
from convertly.conversions.adapters.http import HttpResponse, json_body
from convertly.conversions.adapters.identity import e164, hashed_email, hashed_phone, normal_email, sha256_hex
from convertly.conversions.adapters.outcome import Status
from convertly.conversions.meta_leads import notices, signature_valid
from convertly.conversions.rows import google_time
from convertly.platform.config import Settings, get_settings
from convertly.platform.events.envelope import DomainEvent
from devstack.ad_fakes import LOCAL_META_APP_SECRET


@pytest.mark.parametrize(
    ("raw", "meta", "google"),
    [
        ("  Jane.Doe@Example.COM ", "jane.doe@example.com", "jane.doe@example.com"),
        ("J.A.N.E+promo@GoogleMail.com", "j.a.n.e+promo@googlemail.com", "jane+promo@googlemail.com"),
        ("first.last@gmail.com", "first.last@gmail.com", "firstlast@gmail.com"),
        ("not-an-email", None, None),
        ("", None, None),
    ],
)
def test_emails_are_normalised_per_platform(raw: str, meta: str | None, google: str | None) -> None:
    assert normal_email(raw) == meta
    assert normal_email(raw, for_google=True) == google


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("(415) 555-0100", "US", "+14155550100"),
        ("1-415-555-0100", "US", "+14155550100"),
        ("+1 415 555 0100", "GB", "+14155550100"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("0044 20 7946 0958", "US", "+442079460958"),
        ("+44 (0)20 7946 0958", "US", "+442079460958"),  # the bracketed trunk 0 is not dialled
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("02 1234 5678", "IT", "+390212345678"),  # Italy keeps its leading 0
        ("030 1234567", "DE", "+49301234567"),
        ("12345", "US", None),
        ("555-0100", "US", None),  # no area code: not a number anyone has
        ("555-0100", "XX", None),
        ("0917 123 4567", "PH", "+639171234567"),
        ("0803 123 4567", "NG", "+2348031234567"),
        ("0812-3456-7890", "ID", "+6281234567890"),
    ],
)
def test_phones_become_e164_with_the_default_country_for_local_numbers(
    raw: str, country: str, expected: str | None
) -> None:
    assert e164(raw, country) == expected


def test_hashes_are_sha256_of_the_platforms_normal_form() -> None:
    assert hashed_email("Ada@Example.com") == sha256_hex("ada@example.com")
    assert hashed_phone("(415) 555-0100", "US") == sha256_hex("14155550100")
    assert hashed_phone("(415) 555-0100", "US", for_google=True) == sha256_hex("+14155550100")
    assert len(sha256_hex("x")) == 64


def test_partial_failures_map_to_the_rows_at_their_index() -> None:
    answer = {
        "results": [{}, {}, {}],
        "partialFailureError": {
            "details": [
                {
                    "errors": [
                        {
                            "errorCode": {"conversionUploadError": "EXPIRED_EVENT"},
                            "message": "too old",
                            "location": {"fieldPathElements": [{"fieldName": "conversions", "index": 2}]},
                        },
                        {
                            "errorCode": {"conversionUploadError": "ORDER_ID_ALREADY_IN_USE"},
                            "message": "dup",
                            "location": {"fieldPathElements": [{"fieldName": "conversions", "index": 0}]},
                        },
                    ]
                }
            ]
        },
    }
    assert set(row_errors(answer)) == {0, 2}
    outcomes = _row_outcomes(HttpResponse(200, json_body(answer), {"request-id": "r1"}), 3)
    assert [o.status for o in outcomes] == [Status.SENT, Status.SENT, Status.EXPIRED]
    assert "already" in outcomes[0].message and outcomes[1].request_id == "r1"


def test_google_times_are_local_with_a_colon_in_the_offset() -> None:
    assert google_time("2026-07-01T16:30:00.000Z", "America/New_York") == "2026-07-01 12:30:00-04:00"
    assert google_time("2026-01-15T09:00:00.000Z", "Asia/Kolkata") == "2026-01-15 14:30:00+05:30"
    assert google_time("2026-01-15T09:00:00.000Z", "Not/AZone") == "2026-01-15 09:00:00+00:00"


def test_backoff_doubles_within_a_jittered_upper_half_and_honours_retry_after() -> None:
    def most(n: int) -> int:
        return n - 1

    assert [conversions.backoff_seconds(n, jitter=most) for n in (1, 2, 3, 9)] == [30, 60, 120, 900]
    assert [conversions.backoff_seconds(n, jitter=lambda n: 0) for n in (1, 2, 3, 9)] == [15, 30, 60, 450]
    delays = {conversions.backoff_seconds(3) for _ in range(200)}
    assert min(delays) >= 60 and max(delays) <= 120 and len(delays) > 10
    assert conversions.backoff_seconds(1, retry_after=600) == 600


def test_the_backoff_shortens_with_the_retry_delay_scale_but_keeps_retry_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def most(n: int) -> int:
        return n - 1

    monkeypatch.setenv("RETRY_DELAY_SCALE", "0.05")
    get_settings.cache_clear()
    try:
        # 30 s, 60 s, 120 s, 900 s at a twentieth: 1.5 (2), 3, 6, 45, each within its upper half
        assert [conversions.backoff_seconds(n, jitter=most) for n in (1, 2, 3, 9)] == [2, 2, 6, 44]
        assert conversions.backoff_seconds(1, retry_after=20) == 20  # as the platform asked
    finally:
        monkeypatch.delenv("RETRY_DELAY_SCALE")
        get_settings.cache_clear()
    with pytest.raises(ValueError, match="RETRY_DELAY_SCALE must be a number"):
        Settings.from_environ({"RETRY_DELAY_SCALE": "fast"})
    assert Settings.from_environ({}).retry_delay_scale == 1.0


def test_the_consumer_knows_its_queues_receive_count_and_its_lease_ends_before_a_redelivery() -> None:
    spec = next(c for c in resources.CONSUMERS if c.function == "conversions")
    assert spec.max_receive_count == conversions.MAX_RECEIVES
    assert spec.visibility_timeout_seconds > conversions.LEASE_SECONDS


EVENTS = Path(__file__).resolve().parents[3] / "events"


def test_the_sqs_sample_of_a_win_becomes_one_conversion_job() -> None:
    trigger = json.loads((EVENTS / "triggers" / "sqs_conversions_batch.json").read_text())
    event = DomainEvent.from_eventbridge(json.loads(trigger["Records"][0]["body"]))
    [job] = conversions.jobs_of(event)
    assert job.kind.value == "conversion" and job.value_minor == 480000
    assert job.dedupe_id.startswith(job.lead_id) and job.job_id.startswith("win-")


def test_the_replay_sample_carries_a_job_the_consumer_reads() -> None:
    event = DomainEvent.from_eventbridge(
        json.loads((EVENTS / "domain" / "ConversionReplayRequested.json").read_text())
    )
    [job] = conversions.jobs_of(event)
    assert job.replay and job.job_id == "win-1795538525310"


def test_the_meta_webhook_sample_is_signed_with_the_local_app_secret() -> None:
    trigger = json.loads((EVENTS / "triggers" / "apigw_rest_meta_webhook.json").read_text())
    body = trigger["body"].encode()
    assert signature_valid(body, trigger["headers"]["X-Hub-Signature-256"], LOCAL_META_APP_SECRET)
    assert not signature_valid(body + b" ", trigger["headers"]["X-Hub-Signature-256"], LOCAL_META_APP_SECRET)
    [notice] = notices(json.loads(body))
    assert (notice.page_id, notice.leadgen_id) == ("424242424242", "1234567890123456")


def test_the_conversions_rule_takes_a_lead_update_only_when_it_changes_the_value() -> None:
    from moto.events.models import EventPattern

    spec = next(c for c in resources.CONSUMERS if c.function == "conversions")
    pattern = EventPattern.load(json.dumps(spec.rule.event_pattern()))

    def update(changes: dict[str, object]) -> dict[str, object]:
        detail = {"tenant_id": "T1", "data": {"lead": {"lead_id": "L1"}, "changes": changes}}
        return {"source": "convertly.crm", "detail-type": "LeadUpdated", "detail": detail}

    assert pattern.matches_event(update({"value": {"from": 0, "to": 123450}}))
    assert not pattern.matches_event(update({"company": {"from": None, "to": "Acme"}}))


def test_a_value_change_becomes_a_restatement_job_with_the_new_value() -> None:
    event = DomainEvent(
        detail_type="LeadUpdated",
        tenant_id="T1",
        actor_id="U1",
        subject_id="L1",
        occurred_at="2026-12-01T10:00:00.000Z",
        data={"lead": {"lead_id": "L1", "currency": "EUR"}, "changes": {"value": {"from": 0, "to": 99900}}},
    )
    [job] = conversions.jobs_of(event)
    assert (job.kind.value, job.value_minor, job.currency) == ("restatement", 99900, "EUR")
    assert job.job_id.startswith("value-")
    other = DomainEvent(**{**event.__dict__, "data": {"lead": {"lead_id": "L1"}, "changes": {"tags": {}}}})
    assert conversions.jobs_of(other) == []
