"""The conversions consumer against the local Google Ads, OAuth and Meta fakes: what each platform is
sent for a win (each identifier fallback, hashing, consent, time zone), the windows, not configured,
not attributable, and one request per tenant and platform per batch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from convertly.conversions.adapters.identity import sha256_hex
from convertly.platform.clock import iso
from devstack.ad_fakes import AdFakes
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.conversions.conversions_support import (
    CUSTOMER_ID,
    DATASET_ID,
    configure,
    create_lead,
    deliver,
    latest,
    lead_body,
    ledger,
    record,
    stage_event,
)


def win(
    api: Api, aws: LocalAws, account: Account, at: str | None = None, **attribution: Any
) -> dict[str, Any]:
    """Create a lead with `attribution`, deliver its win; the lead."""
    lead = create_lead(api, account, lead_body(**attribution))
    assert deliver([record(stage_event(account.tenant_id, lead, at=at), aws)]) == set()
    return lead


def google_rows(ads: AdFakes) -> list[dict[str, Any]]:
    return [
        row
        for r in ads.google_ads.platform_requests(":uploadClickConversions")
        for row in r.body["conversions"]
    ]


def meta_events(ads: AdFakes) -> list[dict[str, Any]]:
    return [event for r in ads.meta.platform_requests("/events") for event in r.body["data"]]


def test_a_win_with_a_gclid_is_a_click_conversion_and_a_meta_purchase(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead a form captured after a Google ad click (consent granted), won at a known time
    at = iso(datetime.now(UTC) - timedelta(days=1))
    lead = win(
        api,
        aws,
        account,
        at=at,
        gclid="Cj0KCQ-gclid-1",
        consent={"ad_user_data": "granted", "ad_personalization": "denied"},
    )

    # Then Google Ads got one click conversion, with the documented headers and fields
    [request] = ads.google_ads.platform_requests(":uploadClickConversions")
    assert request.path == f"/v23/customers/{CUSTOMER_ID}:uploadClickConversions"
    assert request.headers["login-customer-id"] == "1112223333"
    assert request.headers["authorization"] == "****" and request.headers["developer-token"] == "****"
    assert request.body["partialFailure"] is True
    [row] = request.body["conversions"]
    assert row["gclid"] == "Cj0KCQ-gclid-1" and "userIdentifiers" not in row
    assert row["conversionAction"] == f"customers/{CUSTOMER_ID}/conversionActions/987654321"
    assert row["conversionValue"] == 1250.5 and row["currencyCode"] == "USD"
    assert row["orderId"].startswith(lead["lead_id"])
    assert row["consent"] == {"adUserData": "GRANTED", "adPersonalization": "DENIED"}
    local = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone(ZoneInfo("America/New_York"))
    offset = local.strftime("%z")
    assert row["conversionDateTime"] == f"{local:%Y-%m-%d %H:%M:%S}{offset[:3]}:{offset[3:]}"
    # And Meta got one Purchase from the website, hashed as documented
    [request] = ads.meta.platform_requests("/events")
    assert request.path == f"/v23.0/{DATASET_ID}/events" and request.body["access_token"] == "****"
    [event] = request.body["data"]
    assert event["event_name"] == "Purchase" and event["action_source"] == "website"
    assert event["event_source_url"] == "https://roofing.example.test/quote"
    assert event["event_id"] == row["orderId"]
    user = event["user_data"]
    assert user["em"] == [sha256_hex("grace.hopper@example.com")]
    assert user["ph"] == [sha256_hex("14155550100")]
    assert user["external_id"] == [sha256_hex(lead["lead_id"])]
    assert user["client_ip_address"] == "203.0.113.7" and user["client_user_agent"].startswith("Mozilla")
    assert event["custom_data"] == {"value": 1250.5, "currency": "USD"}
    # And both fakes found nothing wrong with the requests; the ledger says sent, with request ids
    assert ads.google_ads.problems == [] and ads.meta.problems == []
    entries = ledger(api, account, lead["lead_id"])
    google, meta = latest(entries, "google_ads"), latest(entries, "meta")
    assert (google["status"], google["identifier"]) == ("sent", "gclid")
    assert google["request_id"] and meta["request_id"] and meta["status"] == "sent"
    assert len(google["payload_hash"]) == 64


def test_without_a_gclid_google_falls_back_to_gbraid_then_wbraid(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given one lead with a gbraid and a wbraid, and one with only a wbraid
    win(api, aws, account, gbraid="GBRAID-1", wbraid="WBRAID-1")
    win(api, aws, account, wbraid="WBRAID-2")
    # Then the first is sent with its gbraid alone, the second with its wbraid
    first, second = google_rows(ads)
    assert (first.get("gbraid"), first.get("wbraid"), first.get("gclid")) == ("GBRAID-1", None, None)
    assert (second.get("wbraid"), second.get("gbraid")) == ("WBRAID-2", None)
    assert ads.google_ads.problems == []


def test_without_a_click_id_google_gets_enhanced_conversions_for_leads(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead with no click id, a gmail address with dots and capitals, and a local US number
    body = lead_body(fbclid="IwAR-fbclid-1")
    body.update(email="  Ada.Lovelace+crm@GMail.com ", phone="415.555.0199")
    lead = create_lead(api, account, body)
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    # Then Google gets SHA-256 user identifiers of the normalised email (gmail dots removed) and E.164 phone
    [row] = google_rows(ads)
    assert row["userIdentifiers"] == [
        {"hashedEmail": sha256_hex("adalovelace+crm@gmail.com"), "userIdentifierSource": "FIRST_PARTY"},
        {"hashedPhoneNumber": sha256_hex("+14155550199"), "userIdentifierSource": "FIRST_PARTY"},
    ]
    assert not any(row.get(name) for name in ("gclid", "gbraid", "wbraid"))
    # And Meta keeps the dots (its own normalisation), digits without +, and an fbc built from the fbclid
    [event] = meta_events(ads)
    assert event["user_data"]["em"] == [sha256_hex("ada.lovelace+crm@gmail.com")]
    assert event["user_data"]["ph"] == [sha256_hex("14155550199")]
    assert event["user_data"]["fbc"].startswith("fb.1.") and event["user_data"]["fbc"].endswith(
        ".IwAR-fbclid-1"
    )
    entries = ledger(api, account, lead["lead_id"])
    assert latest(entries, "google_ads")["identifier"] == "user_identifiers:email+phone"
    assert ads.google_ads.problems == [] and ads.meta.problems == []


def test_local_phone_numbers_take_the_tenants_default_country(api: Api, aws: LocalAws, ads: AdFakes) -> None:
    # Given a British tenant and a lead with a local London number
    account = sign_up(api, "London Roofing")
    configure(api, account, default_country="GB", timezone="Europe/London")
    body = lead_body()
    body.update(phone="020 7946 0958", email="someone@example.co.uk")
    create = create_lead(api, account, body)
    assert deliver([record(stage_event(account.tenant_id, create), aws)]) == set()
    # Then both platforms match on +44 20 7946 0958 (the trunk 0 dropped)
    [row] = google_rows(ads)
    assert {"hashedPhoneNumber": sha256_hex("+442079460958"), "userIdentifierSource": "FIRST_PARTY"} in row[
        "userIdentifiers"
    ]
    [event] = meta_events(ads)
    assert event["user_data"]["ph"] == [sha256_hex("442079460958")]


def test_a_lead_with_nothing_to_match_on_is_not_attributable(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a manual lead with a name only
    lead = create_lead(api, account, {"first_name": "Nobody", "value": "100"})
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    # Then nothing is sent, and the ledger says why for each platform
    assert ads.google_ads.platform_requests() == [] and ads.meta.platform_requests() == []
    entries = ledger(api, account, lead["lead_id"])
    google, meta = latest(entries, "google_ads"), latest(entries, "meta")
    assert google["status"] == meta["status"] == "not_attributable"
    assert "gclid" in google["message"] and "email" in meta["message"]


def test_meta_refuses_wins_older_than_seven_days_so_they_are_recorded_expired(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a win eight days ago (delivered late), its click nine days ago
    at = iso(datetime.now(UTC) - timedelta(days=8))
    lead = win(
        api, aws, account, at=at, gclid="Cj0-late", first_seen_at=iso(datetime.now(UTC) - timedelta(days=9))
    )
    # Then Google Ads (90-day click window) gets it and Meta is not sent it
    assert len(google_rows(ads)) == 1 and meta_events(ads) == []
    entries = ledger(api, account, lead["lead_id"])
    assert latest(entries, "google_ads")["status"] == "sent"
    meta = latest(entries, "meta")
    assert meta["status"] == "expired" and "7 days" in meta["message"]


def test_a_click_more_than_90_days_before_the_win_is_expired_for_google(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead whose ad click was 100 days ago, won today
    lead = win(api, aws, account, gclid="Cj0-old", first_seen_at=iso(datetime.now(UTC) - timedelta(days=100)))
    # Then Google is not sent it (recorded expired), Meta still gets the Purchase
    assert google_rows(ads) == [] and len(meta_events(ads)) == 1
    google = latest(ledger(api, account, lead["lead_id"]), "google_ads")
    assert google["status"] == "expired" and "90 days" in google["message"]


def test_without_credentials_the_ledger_says_not_configured_and_nothing_is_sent(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given a tenant that saved no ad settings
    account = sign_up(api, "Unconfigured Roofing")
    lead = create_lead(api, account, lead_body(gclid="Cj0-any"))
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    # Then no platform is called and both entries say not configured, naming what is missing
    assert ads.google_ads.platform_requests() == [] and ads.oauth.platform_requests() == []
    assert ads.meta.platform_requests() == []
    entries = ledger(api, account, lead["lead_id"])
    google, meta = latest(entries, "google_ads"), latest(entries, "meta")
    assert google["status"] == meta["status"] == "not_configured"
    assert "refresh_token" in google["message"] and "access_token" in meta["message"]


def test_one_batch_makes_one_request_per_tenant_and_platform(api: Api, aws: LocalAws, ads: AdFakes) -> None:
    # Given three configured tenants and a batch of ten wins spread over them
    accounts = [sign_up(api, f"Batch Roofing {n}") for n in range(3)]
    for account in accounts:
        configure(api, account)
    records = []
    for n in range(10):
        account = accounts[n % 3]
        lead = create_lead(api, account, lead_body(gclid=f"Cj0-batch-{n}"))
        records.append(record(stage_event(account.tenant_id, lead), aws))
    # When the batch is delivered
    assert deliver(records) == set()
    # Then each platform got exactly one request per tenant (and at most one OAuth token each)
    assert len(ads.google_ads.platform_requests(":uploadClickConversions")) == 3
    assert len(ads.meta.platform_requests("/events")) == 3
    assert sorted(len(r.body["conversions"]) for r in ads.google_ads.platform_requests()) == [3, 3, 4]
    assert 1 <= len(ads.oauth.platform_requests("/token")) <= 3


def test_a_win_reads_emails_phones_and_consent_from_the_leads_contact_at_send_time(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead without a click id whose visitor granted ad data use on the form
    body = lead_body(consent={"ad_user_data": "granted", "ad_personalization": "granted"})
    lead = create_lead(api, account, body)
    # When, before the win is sent, the contact gets a second email and phone and withdraws consent
    _, contact = api.call("GET", f"/contacts/{lead['contact_id']}", token=account.token)
    status, _ = api.call(
        "PATCH",
        f"/contacts/{lead['contact_id']}",
        {
            "emails": ["Grace@Navy.example.test"],
            "phones": ["+1 202 555 0111"],
            "consent": {"ad_user_data": "denied", "ad_personalization": "denied"},
            "version": contact["version"],
        },
        account.token,
    )
    assert status == 200
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    # Then Google gets both emails and both phones (primary first) and the contact's consent
    [row] = google_rows(ads)
    assert row["userIdentifiers"] == [
        {"hashedEmail": sha256_hex("grace.hopper@example.com"), "userIdentifierSource": "FIRST_PARTY"},
        {"hashedPhoneNumber": sha256_hex("+14155550100"), "userIdentifierSource": "FIRST_PARTY"},
        {"hashedEmail": sha256_hex("grace@navy.example.test"), "userIdentifierSource": "FIRST_PARTY"},
        {"hashedPhoneNumber": sha256_hex("+12025550111"), "userIdentifierSource": "FIRST_PARTY"},
    ]
    assert row["consent"] == {"adUserData": "DENIED", "adPersonalization": "DENIED"}
    # And Meta sends nothing: the person now denies ad data use
    assert meta_events(ads) == []
    assert latest(ledger(api, account, lead["lead_id"]), "meta")["status"] == "not_attributable"
    assert ads.google_ads.problems == []
