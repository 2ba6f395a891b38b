"""The Meta Lead Ads webhook: Meta's verification GET, signed POSTs (a bad or missing signature is a
401 and stores nothing), each lead read from the Graph API and created once in the tenant of its page,
and its later stage changes sent to Meta as CRM events."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any

import pytest

from convertly.conversions import store as repo
from devstack.ad_fakes import LOCAL_META_APP_SECRET, LOCAL_META_VERIFY_TOKEN, AdFakes
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.conversions.conversions_support import configure, deliver, latest, ledger
from tests.functional.pipelines.test_stage_change import move, pipeline, stage_id
from tests.functional.platform.test_fanout import drain, relay, sqs_event

_pages = itertools.count(int(time.time()) % 1_000_000 * 1000)


@pytest.fixture
def page() -> str:
    """A Facebook page id of this test's own (a page belongs to one tenant)."""
    return f"42{next(_pages)}"


@pytest.fixture
def account(api: Api, ads: AdFakes, page: str) -> Account:
    account = sign_up(api, "Lead Ads Roofing")
    configure(api, account, with_google=False, meta={"page_ids": [page]})
    return account


def notification(leadgen_id: str, page_id: str) -> bytes:
    value = {
        "leadgen_id": leadgen_id,
        "page_id": page_id,
        "form_id": "7001",
        "ad_id": "8001",
        "adgroup_id": "9001",
        "created_time": 1700000000,
    }
    payload = {
        "object": "page",
        "entry": [{"id": page_id, "time": 1700000000, "changes": [{"field": "leadgen", "value": value}]}],
    }
    return json.dumps(payload, separators=(",", ":")).encode()


def signed(body: bytes, secret: str = LOCAL_META_APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(api: Api, body: bytes, signature: str | None) -> tuple[int, Any]:
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["x-hub-signature-256"] = signature
    response = api._client.http.post("/webhooks/meta", headers=headers, body=body)
    return response.status_code, json.loads(response.body or b"null")


def graph_lead(ads: AdFakes, leadgen_id: str, email: str = "lena.lead@example.com") -> None:
    ads.meta.add_lead(
        leadgen_id,
        created_time="2026-01-05T10:00:00+0000",
        ad_id="8001",
        adset_id="9001",
        campaign_id="6001",
        form_id="7001",
        field_data=[
            {"name": "full_name", "values": ["Lena Lead"]},
            {"name": "email", "values": [email]},
            {"name": "phone_number", "values": ["+14155550123"]},
            {"name": "roof_type", "values": ["Tile"]},
        ],
    )


def leads_of(api: Api, account: Account) -> list[dict[str, Any]]:
    status, page = api.call("GET", "/leads?limit=100", token=account.token)
    assert status == 200, page
    return list(page["items"])


def test_meta_verification_echoes_the_challenge_only_with_our_verify_token(api: Api, ads: AdFakes) -> None:
    query = f"hub.mode=subscribe&hub.verify_token={LOCAL_META_VERIFY_TOKEN}&hub.challenge=1158201444"
    response = api._client.http.get(f"/webhooks/meta?{query}")
    assert response.status_code == 200 and response.body == b"1158201444"
    response = api._client.http.get(
        "/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"
    )
    assert response.status_code == 403


def test_a_missing_or_wrong_signature_is_refused_and_nothing_is_stored(
    api: Api, ads: AdFakes, account: Account, page: str
) -> None:
    graph_lead(ads, "1000000000000001")
    body = notification("1000000000000001", page)
    for signature in (None, "sha256=" + "0" * 64, signed(body, "another-secret"), signed(body + b" ")):
        status, answer = post(api, body, signature)
        assert status == 401 and answer["error"]["code"] == "invalid_signature"
    assert ads.meta.platform_requests() == []
    assert repo.meta_lead(account.tenant_id, "1000000000000001") is None and leads_of(api, account) == []


def test_a_signed_notification_creates_the_lead_once_with_its_meta_ids(
    api: Api, ads: AdFakes, account: Account, page: str
) -> None:
    # Given a lead waiting in the Graph API for a page the tenant registered
    graph_lead(ads, "1000000000000002")
    body = notification("1000000000000002", page)
    # When Meta notifies us (and then notifies again)
    assert post(api, body, signed(body)) == (200, {"received": True, "results": {"created": 1}})
    assert post(api, body, signed(body)) == (200, {"received": True, "results": {"duplicate": 1}})
    # Then one lead exists, from Meta, with the lead, form, ad, ad set and campaign ids
    [lead] = leads_of(api, account)
    assert (lead["first_name"], lead["last_name"], lead["email"], lead["source"]) == (
        "Lena",
        "Lead",
        "lena.lead@example.com",
        "meta_ads",
    )
    attribution = lead["attribution"]
    assert {
        k: attribution[k]
        for k in (
            "meta_lead_id",
            "meta_form_id",
            "meta_ad_id",
            "meta_adset_id",
            "meta_campaign_id",
            "meta_page_id",
        )
    } == {
        "meta_lead_id": "1000000000000002",
        "meta_form_id": "7001",
        "meta_ad_id": "8001",
        "meta_adset_id": "9001",
        "meta_campaign_id": "6001",
        "meta_page_id": page,
    }
    assert lead["custom_fields"] == {"roof_type": "Tile"}
    # And the Graph API was read once, with the tenant's access token and the lead's fields
    [read] = ads.meta.platform_requests("/1000000000000002")
    assert (
        read.method == "GET" and read.query["access_token"] == "****" and "field_data" in read.query["fields"]
    )
    assert ads.meta.problems == []


def test_a_second_lead_ads_lead_from_the_same_person_is_a_new_lead_for_their_contact(
    api: Api, ads: AdFakes, account: Account, page: str
) -> None:
    # Given a contact the CRM already knows (a rep typed her in, her email written differently)
    status, known = api.call(
        "POST", "/contacts", {"first_name": "Lena", "email": "Lena.Lead@Example.com"}, account.token
    )
    assert status == 201
    # When two Lead Ads leads come in from her: one by email, one by the same phone and another email
    graph_lead(ads, "1000000000000011")
    graph_lead(ads, "1000000000000012", email="lena.other@example.com")
    for leadgen_id in ("1000000000000011", "1000000000000012"):
        body = notification(leadgen_id, page)
        assert post(api, body, signed(body))[0] == 200
    # Then both are new leads of that one contact
    found = leads_of(api, account)
    assert len(found) == 2 and {lead["contact_id"] for lead in found} == {known["contact_id"]}
    _, contact = api.call("GET", f"/contacts/{known['contact_id']}", token=account.token)
    assert contact["lead_count"] == 2


def test_a_notification_for_a_page_no_tenant_registered_is_acknowledged_and_ignored(
    api: Api, ads: AdFakes
) -> None:
    body = notification("1000000000000003", page_id="999999999")
    assert post(api, body, signed(body)) == (200, {"received": True, "results": {"unknown_page": 1}})
    assert ads.meta.platform_requests() == []


def test_a_lead_ads_leads_mapped_stage_is_sent_to_meta_as_a_crm_event(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account, page: str
) -> None:
    # Given a Lead Ads lead, and "Qualified" mapped to a CRM event in the Meta settings
    found = pipeline(api, account)
    qualified, contacted = stage_id(found, "Qualified"), stage_id(found, "Contacted")
    api.call("PUT", "/settings/ads", {"meta": {"stage_events": {qualified: "Qualified lead"}}}, account.token)
    graph_lead(ads, "1000000000000004")
    body = notification("1000000000000004", page)
    assert post(api, body, signed(body))[0] == 200
    [lead] = leads_of(api, account)
    relay(aws, account.tenant_id)
    drain(aws, aws.consumers["conversions"].queue.url, account.tenant_id)  # its LeadCreated is not for us
    # When it moves to an unmapped stage, then to the mapped one
    status, lead = move(api, account, lead, contacted)
    status, lead = move(api, account, lead, qualified)
    assert status == 200, lead
    # Then both moves reach the conversions queue (the rule takes any move of a Lead Ads lead)
    relay(aws, account.tenant_id)
    messages = drain(aws, aws.consumers["conversions"].queue.url, account.tenant_id)
    assert len(messages) == 2
    records = sqs_event(aws, "conversions", messages)["Records"]
    assert deliver(records) == set()
    # And only the mapped stage was sent: a system_generated CRM event matched on the Meta lead id
    [request] = ads.meta.platform_requests("/events")
    [event] = request.body["data"]
    assert event["event_name"] == "Qualified lead" and event["action_source"] == "system_generated"
    assert event["user_data"]["lead_id"] == 1000000000000004
    assert event["custom_data"] == {"event_source": "crm", "lead_event_source": "Convertly"}
    assert ads.meta.problems == []
    assert latest(ledger(api, account, lead["lead_id"]), "meta", "crm_event")["status"] == "sent"


def test_a_meta_lead_without_a_lead_ads_id_sends_no_crm_event(
    api: Api, aws: LocalAws, ads: AdFakes, account: Account
) -> None:
    # Given a lead from a Meta ad click (source meta_ads, no Lead Ads lead id), and "Qualified" mapped
    found = pipeline(api, account)
    qualified = stage_id(found, "Qualified")
    api.call("PUT", "/settings/ads", {"meta": {"stage_events": {qualified: "Qualified lead"}}}, account.token)
    status, lead = api.call(
        "POST", "/leads", {"first_name": "Clicky", "email": "clicky@example.com", "source": "meta_ads"},
        account.token,
    )  # fmt: skip
    assert status == 201, lead
    relay(aws, account.tenant_id)
    drain(aws, aws.consumers["conversions"].queue.url, account.tenant_id)
    # When it moves to the mapped stage
    status, moved = move(api, account, lead, qualified, seen=True)
    assert status == 200, moved
    # Then the move reaches the conversions queue (the rule knows only the source), and the consumer
    # sends nothing and records nothing for it
    relay(aws, account.tenant_id)
    messages = drain(aws, aws.consumers["conversions"].queue.url, account.tenant_id)
    assert len(messages) == 1
    assert deliver(sqs_event(aws, "conversions", messages)["Records"]) == set()
    assert ads.meta.platform_requests("/events") == []
    assert [e for e in ledger(api, account, lead["lead_id"]) if e["kind"] == "crm_event"] == []
