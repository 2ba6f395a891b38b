"""Reliability of the conversions consumer: transient failures retry with backoff and then succeed,
permanent ones are recorded with the platform's reason and not retried, partial failures are mapped back
to their lead, exhausted messages are dead-lettered and replayed, the same event delivered three times
sends once, and a reopened win is retracted."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from convertly.conversions import keys as conversions_keys
from convertly.conversions.dispatch import MAX_RECEIVES
from convertly.conversions.items import ConversionItem
from convertly.leads import keys as leads_keys
from convertly.platform.clock import parse_iso
from devstack.ad_fakes import AdFakes
from devstack.redrive import redrive
from functions.conversions.handler import handler as conversions_handler
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.conversions.conversions_support import (
    RecordedBackoff,
    configure,
    create_lead,
    deliver,
    fresh_dispatcher,
    latest,
    lead_body,
    ledger,
    record,
    stage_event,
)
from tests.functional.pipelines.test_stage_change import move, pipeline, stage_id
from tests.functional.platform.test_events import Ctx, outbox_records
from tests.functional.platform.test_fanout import drain, relay, sqs_event


@pytest.fixture
def account(api: Api, ads: AdFakes) -> Account:
    account = sign_up(api, "Reliable Roofing")
    configure(api, account)
    return account


def statuses(api: Api, account: Account, lead_id: str) -> list[tuple[str, str, str]]:
    """(platform, kind, status) of every ledger entry, oldest first."""
    return [(e["platform"], e["kind"], e["status"]) for e in reversed(ledger(api, account, lead_id))]


def test_a_server_error_retries_with_backoff_then_succeeds(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given Google Ads answers the next upload with a 500
    lead = create_lead(api, account, lead_body(gclid="Cj0-retry"))
    event = stage_event(account.tenant_id, lead)
    ads.google_ads.fail_next(500)
    backoff = RecordedBackoff()
    # When the win is delivered, the message fails alone and comes back after a backoff
    first = record(event, aws, receives=1)
    assert deliver([first], backoff=backoff) == {first["messageId"]}
    assert list(backoff.delays) == [first["messageId"]]
    assert 15 <= backoff.delays[first["messageId"]] <= 30  # 30 s, jittered within its upper half
    assert sorted(statuses(api, account, lead["lead_id"])) == [
        ("google_ads", "conversion", "retrying"),
        ("meta", "conversion", "sent"),
    ]
    # When it is received again
    second = record(event, aws, receives=2, message_id=first["messageId"])
    assert deliver([second]) == set()
    # Then Google has it now, and Meta (already sent) was not sent it again
    assert latest(ledger(api, account, lead["lead_id"]), "google_ads")["status"] == "sent"
    assert len(ads.meta.platform_requests("/events")) == 1
    assert len(ads.google_ads.platform_requests(":uploadClickConversions")) == 2


def test_a_429_waits_as_long_as_the_platform_asks(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    lead = create_lead(api, account, lead_body(gclid="Cj0-429"))
    ads.meta.fail_next(429, retry_after=600)
    backoff = RecordedBackoff()
    message = record(stage_event(account.tenant_id, lead), aws, receives=3)
    assert deliver([message], backoff=backoff) == {message["messageId"]}
    assert backoff.delays[message["messageId"]] == 600  # more than the 120 s backoff of a third receive
    assert latest(ledger(api, account, lead["lead_id"]), "meta")["status"] == "retrying"


def test_a_timeout_is_transient(api: Api, aws: LocalAws, ads: AdFakes, account: Account) -> None:
    # Given Meta takes longer than the client's timeout (2 s in these tests)
    lead = create_lead(api, account, lead_body(gclid="Cj0-slow"))
    ads.meta.stall_next(3.0)
    message = record(stage_event(account.tenant_id, lead), aws)
    started = time.monotonic()
    assert deliver([message]) == {message["messageId"]}
    assert time.monotonic() - started < 10
    meta = latest(ledger(api, account, lead["lead_id"]), "meta")
    assert meta["status"] == "retrying" and "did not answer" in meta["message"]


def test_partial_failures_are_mapped_back_to_their_lead_and_not_retried(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given three wins in one batch, the second with a click id Google cannot parse
    leads = [
        create_lead(api, account, lead_body(gclid=gclid))
        for gclid in ("Cj0-ok-1", "INVALID-gclid", "Cj0-ok-3")
    ]
    records = [record(stage_event(account.tenant_id, lead), aws) for lead in leads]
    # When the batch is delivered: nothing is retried
    assert deliver(records) == set()
    # Then one request carried all three, and only the second lead's entry is rejected, with Google's reason
    [request] = ads.google_ads.platform_requests(":uploadClickConversions")
    assert len(request.body["conversions"]) == 3
    google = [latest(ledger(api, account, lead["lead_id"]), "google_ads") for lead in leads]
    assert [g["status"] for g in google] == ["sent", "rejected", "sent"]
    assert "UNPARSEABLE_GCLID" in google[1]["message"] and google[1]["request_id"]


def test_permanent_failures_are_recorded_with_the_platforms_reason(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given a tenant whose conversion action does not exist and one whose Google and Meta access was revoked
    missing_action = sign_up(api, "Missing Action Roofing")
    configure(api, missing_action)
    ads.google_ads.conversion_actions.add("111")
    revoked = sign_up(api, "Revoked Roofing")
    configure(
        api,
        revoked,
        google_ads={"refresh_token": "1//revoked-refresh"},
        meta={"access_token": "EAAG-revoked"},
    )
    ads.oauth.revoked.add("1//revoked-refresh")
    ads.meta.revoked.add("EAAG-revoked")
    first = create_lead(api, missing_action, lead_body(gclid="Cj0-a"))
    second = create_lead(api, revoked, lead_body(gclid="Cj0-b"))
    records = [
        record(stage_event(missing_action.tenant_id, first), aws),
        record(stage_event(revoked.tenant_id, second), aws),
    ]
    # When delivered: nothing is retried
    assert deliver(records) == set()
    # Then each is rejected with what the platform said
    assert (
        "NO_CONVERSION_ACTION_FOUND"
        in latest(ledger(api, missing_action, first["lead_id"]), "google_ads")["message"]
    )
    entries = ledger(api, revoked, second["lead_id"])
    google, meta = latest(entries, "google_ads"), latest(entries, "meta")
    assert google["status"] == "rejected" and "invalid_grant" in google["message"]
    assert meta["status"] == "rejected" and "190" in meta["message"]


def test_the_same_event_delivered_three_times_is_sent_once(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given one win event
    lead = create_lead(api, account, lead_body(gclid="Cj0-thrice"))
    event = stage_event(account.tenant_id, lead)
    # When it arrives twice in one batch, then once more in a later batch
    assert deliver([record(event, aws), record(event, aws)]) == set()
    assert deliver([record(event, aws, receives=2)]) == set()
    # Then each platform received it once, and the ledger has one entry per platform
    assert len([order for order in ads.google_ads.conversions if order.startswith(lead["lead_id"])]) == 1
    assert len(ads.google_ads.platform_requests(":uploadClickConversions")) == 1
    assert len(ads.meta.platform_requests("/events")) == 1
    assert sorted(statuses(api, account, lead["lead_id"])) == [
        ("google_ads", "conversion", "sent"),
        ("meta", "conversion", "sent"),
    ]


def test_a_delivery_under_way_makes_a_duplicate_wait_instead_of_sending(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given another delivery of the same win holds its lease (it is sending right now)
    lead = create_lead(api, account, lead_body(gclid="Cj0-lease"))
    event = stage_event(account.tenant_id, lead)
    at = event["detail"]["occurred_at"]
    millis = int(parse_iso(at).timestamp() * 1000)
    ConversionItem(
        leads_keys.lead(account.tenant_id, lead["lead_id"]),
        conversions_keys.conversion_sk(f"win-{millis}"),
        job_id=f"win-{millis}",
        lead_id=lead["lead_id"],
        kind="conversion",
        occurred_at=at,
        dedupe_id=f"{lead['lead_id']}-{millis}",
        lease_id="someone-else",
        lease_until=int(time.time()) + 60,
    ).save()
    # When a duplicate arrives, it is retried later and nothing is sent
    message = record(event, aws)
    assert deliver([message]) == {message["messageId"]}
    assert ads.google_ads.platform_requests() == [] and ads.meta.platform_requests() == []


def test_exhausted_retries_are_dead_lettered_then_replayed_from_the_api(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given Google Ads fails on the message's last allowed receive
    lead = create_lead(api, account, lead_body(gclid="Cj0-dlq"))
    ads.google_ads.fail_next(503)
    message = record(stage_event(account.tenant_id, lead), aws, receives=MAX_RECEIVES)
    assert deliver([message]) == {message["messageId"]}  # the queue now moves it to the DLQ
    google = latest(ledger(api, account, lead["lead_id"]), "google_ads")
    assert google["status"] == "dead_lettered" and f"after {MAX_RECEIVES} attempts" in google["message"]
    status, page = api.call("GET", "/conversions?status=dead_lettered", token=account.token)
    assert status == 200 and [e["lead_id"] for e in page["items"]] == [lead["lead_id"]]
    # When an admin replays the dead-lettered conversions
    status, result = api.call("POST", "/conversions/replay", {"dead_lettered": True}, account.token)
    assert status == 202 and result == {
        "requested": 1,
        "lead_ids": [lead["lead_id"]],
        "source": "dead_lettered",
    }
    # Then the replay request goes out through the outbox, and its delivery sends the conversion
    replay = replay_event(aws, account.tenant_id)
    assert deliver([record(replay, aws)]) == set()
    assert latest(ledger(api, account, lead["lead_id"]), "google_ads")["status"] == "sent"
    assert len(ads.meta.platform_requests("/events")) == 1  # Meta had it already


def replay_event(aws: LocalAws, tenant_id: str) -> dict[str, Any]:
    """The newest ConversionReplayRequested of the tenant's outbox, as the bus delivers it."""
    records = [
        r
        for r in outbox_records(aws, tenant_id)
        if r["dynamodb"]["NewImage"]["detail_type"]["S"] == "ConversionReplayRequested"
    ]
    image = records[-1]["dynamodb"]["NewImage"]
    return {
        "source": "convertly.crm",
        "detail-type": image["detail_type"]["S"],
        "detail": json.loads(image["detail"]["S"]),
    }


def test_a_lead_is_replayed_once_its_platform_is_configured(api: Api, aws: LocalAws, ads: AdFakes) -> None:
    # Given a win recorded "not configured"
    account = sign_up(api, "Late Setup Roofing")
    lead = create_lead(api, account, lead_body(gclid="Cj0-late-setup"))
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    assert latest(ledger(api, account, lead["lead_id"]), "google_ads")["status"] == "not_configured"
    # When the admin configures the platforms and replays the lead
    configure(api, account)
    status, result = api.call("POST", "/conversions/replay", {"lead_id": lead["lead_id"]}, account.token)
    assert status == 202 and result["requested"] == 1
    assert deliver([record(replay_event(aws, account.tenant_id), aws)]) == set()
    # Then both platforms have it
    entries = ledger(api, account, lead["lead_id"])
    assert latest(entries, "google_ads")["status"] == latest(entries, "meta")["status"] == "sent"


def test_the_replay_command_moves_dead_lettered_messages_back_to_the_queue(aws: LocalAws) -> None:
    sqs, queues = aws.client("sqs"), aws.consumers["conversions"]
    sqs.purge_queue(QueueUrl=queues.dead_letter_queue.url)
    sqs.send_message(
        QueueUrl=queues.dead_letter_queue.url,
        MessageBody=json.dumps({"detail-type": "X", "detail": {"tenant_id": "redrive-test"}}),
    )
    assert redrive(sqs, queues.dead_letter_queue.url, queues.queue.url) == 1
    assert sqs.receive_message(QueueUrl=queues.dead_letter_queue.url).get("Messages") is None
    moved = drain(aws, queues.queue.url, "redrive-test")
    assert len(moved) == 1


def test_a_reopened_win_is_retracted_on_google_and_meta_says_it_cannot(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a win that reached both platforms
    lead = create_lead(api, account, lead_body(gclid="Cj0-reopen"))
    won = stage_event(account.tenant_id, lead)
    assert deliver([record(won, aws)]) == set()
    [row] = ads.google_ads.platform_requests(":uploadClickConversions")[0].body["conversions"]
    # When the lead is reopened
    reopened = stage_event(account.tenant_id, lead, to_kind="open", reopened=True, to_stage_id="STAGE-OPEN")
    assert deliver([record(reopened, aws)]) == set()
    # Then Google Ads gets a RETRACTION for the win's order id
    [request] = ads.google_ads.platform_requests(":uploadConversionAdjustments")
    [adjustment] = request.body["conversionAdjustments"]
    assert adjustment["adjustmentType"] == "RETRACTION" and adjustment["orderId"] == row["orderId"]
    assert row["orderId"] in ads.google_ads.retracted and ads.google_ads.problems == []
    # And the ledger records the retraction and that Meta offers none
    entries = ledger(api, account, lead["lead_id"])
    assert latest(entries, "google_ads", "retraction")["status"] == "sent"
    meta = latest(entries, "meta", "retraction")
    assert meta["status"] == "not_supported" and "no retraction" in meta["message"]


def test_a_win_moved_on_the_board_reaches_the_consumer_through_the_rules(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead moved to Closed Won through the API
    lead = create_lead(api, account, lead_body(gclid="Cj0-board"))
    status, moved = move_to_won(api, account, lead)
    assert status == 200, moved
    # When the outbox is relayed to the bus, the conversions rule routes the event to the conversions queue
    relay(aws, account.tenant_id)
    messages = drain(aws, aws.consumers["conversions"].queue.url, account.tenant_id)
    assert [json.loads(m["Body"])["detail"]["data"]["to_kind"] for m in messages] == ["won"]
    # Then the consumer sends it, with the value and currency of the lead at the win
    response = conversions_handler(
        sqs_event(aws, "conversions", messages),
        Ctx(),
        dispatcher=fresh_dispatcher(),
        backoff=RecordedBackoff(),
    )
    assert response == {"batchItemFailures": []}
    [request] = ads.google_ads.platform_requests(":uploadClickConversions")
    assert request.body["conversions"][0]["conversionValue"] == 1250.5
    assert latest(ledger(api, account, lead["lead_id"]), "meta")["status"] == "sent"


def move_to_won(api: Api, account: Account, lead: dict[str, Any]) -> tuple[int, Any]:
    return move(api, account, lead, stage_id(pipeline(api, account), "Closed Won"))
