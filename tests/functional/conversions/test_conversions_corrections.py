"""What each platform holds for a lead stays right after the win: a win without a value waits for one,
a new value of a won lead is restated on Google Ads, a lead won again is counted once on Meta, and the
ledger shows the value each platform holds. Value changes come from real lead updates (the LeadUpdated
event the update wrote to the outbox)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from convertly.conversions.accounts import SecretOpener
from convertly.conversions.adapters.identity import sha256_hex
from convertly.conversions.dispatch import ConversionDispatcher
from convertly.platform.clock import iso
from convertly.platform.events.outbox import OutboxEventItem
from convertly.platform.store import keys as platform_keys
from devstack.ad_fakes import AdFakes
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.conversions.conversions_support import (
    create_lead,
    deliver,
    lead_body,
    ledger,
    record,
    stage_event,
)


def value_changed(api: Api, account: Account, lead: dict[str, Any], value: str) -> dict[str, Any]:
    """PATCH the lead's value; the LeadUpdated event it wrote, as the conversions queue delivers it."""
    status, updated = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"value": value, "version": lead["version"]}, account.token
    )
    assert status == 200, updated
    lead.update(updated)
    newest = OutboxEventItem.query(
        platform_keys.outbox(account.tenant_id), scan_index_forward=False, consistent_read=True
    )
    item = next(i for i in newest if i.detail_type == "LeadUpdated")
    return {"source": "convertly.crm", "detail-type": "LeadUpdated", "detail": json.loads(item.detail)}


def entries(api: Api, account: Account, lead_id: str, platform: str, kind: str) -> list[dict[str, Any]]:
    """The lead's ledger entries of one platform and kind, oldest first."""
    found = [e for e in ledger(api, account, lead_id) if e["platform"] == platform and e["kind"] == kind]
    return list(reversed(found))


def purchases(ads: AdFakes) -> list[dict[str, Any]]:
    return [
        event
        for r in ads.meta.platform_requests("/events")
        for event in r.body["data"]
        if event["event_name"] == "Purchase"
    ]


def adjustments(ads: AdFakes) -> list[dict[str, Any]]:
    return [
        row
        for r in ads.google_ads.platform_requests(":uploadConversionAdjustments")
        for row in r.body["conversionAdjustments"]
    ]


def uploads(ads: AdFakes) -> list[dict[str, Any]]:
    return [
        row
        for r in ads.google_ads.platform_requests(":uploadClickConversions")
        for row in r.body["conversions"]
    ]


def test_a_win_without_a_value_waits_for_one_and_setting_it_sends_the_win(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead won with no value
    lead = create_lead(api, account, {**lead_body(gclid="Cj0-novalue", fbclid="IwAR-novalue"), "value": "0"})
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    # Then nothing is sent, and the ledger says why for each platform
    assert uploads(ads) == [] and purchases(ads) == []
    for platform in ("google_ads", "meta"):
        [entry] = entries(api, account, lead["lead_id"], platform, "conversion")
        assert entry["status"] == "no_value" and "set the lead's value" in entry["message"]
    # When the rep sets the value
    assert deliver([record(value_changed(api, account, lead, "1234.50"), aws)]) == set()
    # Then the win goes with it, under the win's own order id / event id, once
    [row] = uploads(ads)
    [purchase] = purchases(ads)
    assert row["conversionValue"] == 1234.5 and row["gclid"] == "Cj0-novalue"
    assert purchase["custom_data"] == {"value": 1234.5, "currency": "USD"}
    assert row["orderId"] == purchase["event_id"]
    for platform in ("google_ads", "meta"):
        first, sent = entries(api, account, lead["lead_id"], platform, "conversion")
        assert (first["status"], sent["status"]) == ("no_value", "sent")
        assert sent["value"] == 1234.5 and sent["held_value"] == 1234.5
    assert adjustments(ads) == []


def test_a_new_value_of_a_won_lead_is_restated_on_google_and_kept_by_meta(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead won at 1,250.50 and reported to both platforms
    lead = create_lead(api, account, lead_body(gclid="Cj0-restate", fbclid="IwAR-restate"))
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    [row] = uploads(ads)
    # When its value is edited twice
    assert deliver([record(value_changed(api, account, lead, "1500"), aws)]) == set()
    last_change = value_changed(api, account, lead, "1600.25")
    assert deliver([record(last_change, aws)]) == set()
    # Then Google receives two restatements of that order, each adjusted later than the one before
    first, second = adjustments(ads)
    assert [a["adjustmentType"] for a in (first, second)] == ["RESTATEMENT", "RESTATEMENT"]
    assert {first["orderId"], second["orderId"]} == {row["orderId"]}
    assert first["restatementValue"] == {"adjustedValue": 1500.0, "currencyCode": "USD"}
    assert second["restatementValue"] == {"adjustedValue": 1600.25, "currencyCode": "USD"}
    assert second["adjustmentDateTime"] > first["adjustmentDateTime"] > row["conversionDateTime"]
    assert ads.google_ads.held_value(row["orderId"]) == 1600.25
    # And the ledger shows what each platform now holds: Google the new value, Meta the first one
    restated = entries(api, account, lead["lead_id"], "google_ads", "restatement")
    assert [(e["status"], e["value"], e["held_value"]) for e in restated] == [
        ("sent", 1500.0, 1500.0),
        ("sent", 1600.25, 1600.25),
    ]
    kept = entries(api, account, lead["lead_id"], "meta", "restatement")
    assert [(e["status"], e["held_value"]) for e in kept] == [("not_supported", 1250.5)] * 2
    assert "cannot correct" in kept[0]["message"]
    assert len(purchases(ads)) == 1
    # When the last value change is delivered again (an SQS redelivery), nothing more is sent
    redelivered = record(last_change, aws)
    ads.google_ads.reset()
    ads.meta.reset()
    assert deliver([redelivered]) == set()
    assert adjustments(ads) == [] and ads.meta.platform_requests() == []


def test_a_lead_won_again_is_counted_once_on_meta(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    now = datetime.now(UTC)
    three_days_ago = now - timedelta(days=3)
    # Given a lead won three days ago and reported to both platforms then
    lead = create_lead(api, account, lead_body(gclid="Cj0-rewin", fbclid="IwAR-rewin"))
    then = ConversionDispatcher(opener=SecretOpener(), clock=lambda: three_days_ago)
    won = stage_event(account.tenant_id, lead, at=iso(three_days_ago))
    assert deliver([record(won, aws)], dispatcher=then) == set()
    [first] = purchases(ads)
    # When it is reopened and won again today
    reopened = stage_event(account.tenant_id, lead, at=iso(now - timedelta(minutes=2)), to_kind="open")
    reopened["detail"]["data"]["reopened"] = True
    assert deliver([record(reopened, aws)]) == set()
    again = stage_event(account.tenant_id, lead, at=iso(now - timedelta(minutes=1)))
    assert deliver([record(again, aws)]) == set()
    # Then Google retracted the first win and has the second; Meta is sent nothing more
    assert [a["adjustmentType"] for a in adjustments(ads)] == ["RETRACTION"]
    assert len(uploads(ads)) == 2
    assert purchases(ads) == [first]
    meta = entries(api, account, lead["lead_id"], "meta", "conversion")
    assert [(e["status"], e["held_value"]) for e in meta] == [("sent", 1250.5), ("already_reported", 1250.5)]
    google = entries(api, account, lead["lead_id"], "google_ads", "conversion")
    assert [e["held_value"] for e in google] == [1250.5, 1250.5]
    [retraction] = entries(api, account, lead["lead_id"], "google_ads", "retraction")
    assert retraction["held_value"] == 0


def test_a_lead_won_again_within_48_hours_reuses_the_first_purchases_event_id(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    lead = create_lead(api, account, lead_body(fbclid="IwAR-quick"))
    now = datetime.now(UTC)
    assert (
        deliver([record(stage_event(account.tenant_id, lead, at=iso(now - timedelta(hours=2))), aws)])
        == set()
    )
    reopened = stage_event(account.tenant_id, lead, at=iso(now - timedelta(hours=1)), to_kind="open")
    reopened["detail"]["data"]["reopened"] = True
    # A reopen and a new win delivered together
    again = stage_event(account.tenant_id, lead, at=iso(now - timedelta(minutes=5)))
    assert deliver([record(reopened, aws), record(again, aws)]) == set()
    first, second = purchases(ads)
    assert second["event_id"] == first["event_id"]  # Meta deduplicates it: one Purchase counted
    assert ads.meta.deduplicated == 1
    meta = entries(api, account, lead["lead_id"], "meta", "conversion")
    assert [(e["status"], e["held_value"]) for e in meta] == [("sent", 1250.5), ("sent", 1250.5)]


def test_a_win_and_its_new_value_in_one_batch_send_the_new_value_once(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    lead = create_lead(api, account, lead_body(gclid="Cj0-batch", fbclid="IwAR-batch"))
    won = stage_event(account.tenant_id, lead, at=iso(datetime.now(UTC) - timedelta(seconds=5)))
    changed = value_changed(api, account, lead, "2000")
    assert deliver([record(won, aws), record(changed, aws)]) == set()
    [row] = uploads(ads)
    [purchase] = purchases(ads)
    assert row["conversionValue"] == 2000.0 and purchase["custom_data"]["value"] == 2000.0
    assert adjustments(ads) == []
    assert len(ads.google_ads.platform_requests()) == 1 and len(ads.meta.platform_requests()) == 1


def test_a_value_change_of_a_lead_not_won_sends_nothing(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    lead = create_lead(api, account, lead_body(gclid="Cj0-open"))
    assert deliver([record(value_changed(api, account, lead, "999"), aws)]) == set()
    assert ads.google_ads.platform_requests() == [] and ads.meta.platform_requests() == []
    assert ledger(api, account, lead["lead_id"]) == []


def test_an_invalid_phone_number_is_not_sent_and_the_ledger_says_so(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    body = {**lead_body(fbclid="IwAR-phone"), "phone": "555-0100", "email": None}
    lead = create_lead(api, account, body)
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    [purchase] = purchases(ads)
    assert "ph" not in purchase["user_data"] and purchase["user_data"]["fbc"].endswith("IwAR-phone")
    meta = entries(api, account, lead["lead_id"], "meta", "conversion")[0]
    assert meta["status"] == "sent" and "phone not sent: not a valid number for US" in meta["message"]
    google = entries(api, account, lead["lead_id"], "google_ads", "conversion")[0]
    assert google["status"] == "not_attributable" and "not a valid number" in google["message"]


def test_a_local_number_is_read_in_the_leads_country(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    body = {**lead_body(fbclid="IwAR-ph"), "phone": "0917 123 4567", "country": "PH"}
    lead = create_lead(api, account, body)
    assert lead["country"] == "PH"
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    [purchase] = purchases(ads)
    assert purchase["user_data"]["ph"] == [sha256_hex("639171234567")]


def test_a_lead_country_must_be_two_letters(api: Api, account: Account) -> None:
    status, answer = api.call("POST", "/leads", {**lead_body(), "country": "Philippines"}, account.token)
    assert status == 422 and "country" in answer["error"]["fields"]


def test_a_second_tenant_never_sees_or_corrects_the_firsts_conversions(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    lead = create_lead(api, account, lead_body(gclid="Cj0-iso"))
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    other = sign_up(api, "Other Roofing")
    status, _ = api.call("GET", f"/leads/{lead['lead_id']}/conversions", token=other.token)
    assert status == 404
    # A value change that names the first tenant's lead under the second tenant finds no win
    forged = value_changed(api, account, lead, "5000")
    forged["detail"]["tenant_id"] = other.tenant_id
    ads.google_ads.reset()
    assert deliver([record(forged, aws)]) == set()
    assert adjustments(ads) == []


def test_the_ad_clients_keep_one_connection_per_host_across_batches(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    dispatcher = ConversionDispatcher(opener=SecretOpener())
    for n in range(3):
        lead = create_lead(api, account, lead_body(gclid=f"Cj0-pool-{n}", fbclid=f"IwAR-pool-{n}"))
        assert deliver([record(stage_event(account.tenant_id, lead), aws)], dispatcher=dispatcher) == set()
    assert len(ads.google_ads.platform_requests()) == 3 and len(ads.meta.platform_requests()) == 3
    assert len(ads.google_ads.connections) == 1 and len(ads.meta.connections) == 1
