"""Ad platform settings: secrets sealed with KMS for their tenant, shown masked, never returned and never
logged; partial updates; page routes; the connection tests; the conversions log and its roles."""

from __future__ import annotations

import base64
import logging

import pytest

from convertly.conversions import store as repo
from convertly.platform.store.items import plain
from devstack.ad_fakes import AdFakes
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.conversions.conversions_support import (
    GOOGLE,
    META,
    configure,
    create_lead,
    deliver,
    lead_body,
    record,
    stage_event,
)
from tests.functional.pipelines.test_stage_change import pipeline, stage_id

SECRETS = [GOOGLE["developer_token"], GOOGLE["client_secret"], GOOGLE["refresh_token"], META["access_token"]]


def test_secrets_are_sealed_for_their_tenant_shown_masked_and_never_logged(
    api: Api,
    aws: LocalAws,
    ads: AdFakes,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Given an admin saving both platforms' credentials (logs captured at DEBUG)
    caplog.set_level(logging.DEBUG)
    account = sign_up(api, "Secretive Roofing")
    saved = configure(api, account)
    # Then the answer, and every later read, shows the secrets masked to their last four characters
    status, read = api.call("GET", "/settings/ads", token=account.token)
    assert status == 200 and read == saved
    assert read["google_ads"]["developer_token"] == "••••1234"
    assert read["google_ads"]["refresh_token"] == "••••5678" and read["meta"]["access_token"] == "••••4321"
    assert read["google_ads"]["configured"] and read["meta"]["configured"]
    assert not any(secret in str(read) for secret in SECRETS)
    # And the stored item holds KMS ciphertext bound to the tenant: another tenant's context cannot open it
    stored = plain(repo.get_ads_settings(account.tenant_id).google)  # type: ignore[union-attr]
    blob = base64.b64decode(stored["refresh_token"]["sealed"])
    context = {"tenant_id": account.tenant_id, "purpose": "ads.google_ads.refresh_token"}
    kms = aws.client("kms")
    assert (
        kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)["Plaintext"]
        == GOOGLE["refresh_token"].encode()
    )
    with pytest.raises(kms.exceptions.InvalidCiphertextException):
        kms.decrypt(CiphertextBlob=blob, EncryptionContext={**context, "tenant_id": "another-tenant"})
    # When the secrets are used: a connection test and a win sent to both platforms
    api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    lead = create_lead(api, account, lead_body(gclid="Cj0-logs"))
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    # Then no secret appears in any log line
    printed = capsys.readouterr()
    logs = caplog.text + printed.out + printed.err
    assert not any(secret in logs for secret in SECRETS)


def test_an_update_changes_only_what_it_names(api: Api, ads: AdFakes) -> None:
    account = sign_up(api, "Partial Roofing")
    configure(api, account)
    # When only the conversion action and the time zone change, the secrets stay
    status, read = api.call(
        "PUT",
        "/settings/ads",
        {"google_ads": {"conversion_action_id": "42"}, "timezone": "Europe/Berlin", "default_country": "de"},
        account.token,
    )
    assert status == 200, read
    assert (
        read["google_ads"]["conversion_action_id"] == "42"
        and read["google_ads"]["refresh_token"] == "••••5678"
    )
    assert (read["timezone"], read["default_country"]) == ("Europe/Berlin", "DE")
    # When a secret is sent empty it is removed, and the platform is no longer configured
    status, read = api.call("PUT", "/settings/ads", {"meta": {"access_token": ""}}, account.token)
    assert read["meta"]["access_token"] is None and read["meta"]["missing"] == ["access_token"]
    # When a platform is sent as null, all of its settings go
    _, read = api.call("PUT", "/settings/ads", {"google_ads": None}, account.token)
    assert read["google_ads"]["configured"] is False and read["google_ads"]["customer_id"] is None


def test_invalid_settings_are_refused_per_field(api: Api, ads: AdFakes) -> None:
    account = sign_up(api, "Typo Roofing")
    body = {"google_ads": {"customer_id": "12x-456"}, "timezone": "Mars/Olympus", "default_country": "USA"}
    status, answer = api.call("PUT", "/settings/ads", body, account.token)
    assert status == 422
    assert set(answer["error"]["fields"]) == {"google_ads.customer_id", "timezone", "default_country"}


def test_a_facebook_page_belongs_to_one_tenant(api: Api, ads: AdFakes) -> None:
    first, second = sign_up(api, "Page Owner Roofing"), sign_up(api, "Page Thief Roofing")
    configure(api, first, meta={"page_ids": ["100200300"]})
    assert repo.tenant_of_page("100200300") == first.tenant_id
    status, answer = api.call("PUT", "/settings/ads", {"meta": {"page_ids": ["100200300"]}}, second.token)
    assert status == 409 and answer["error"]["code"] == "page_taken"
    # When the owner lets the page go, another tenant may take it
    api.call("PUT", "/settings/ads", {"meta": {"page_ids": []}}, first.token)
    assert repo.tenant_of_page("100200300") is None
    assert api.call("PUT", "/settings/ads", {"meta": {"page_ids": ["100200300"]}}, second.token)[0] == 200


def test_lead_ads_pages_and_stage_events_are_saved_and_read_back(api: Api, ads: AdFakes) -> None:
    # Given an admin naming a Facebook page and mapping two of their stages to CRM events
    account = sign_up(api, "Lead Ads Roofing")
    found = pipeline(api, account)
    qualified, won = stage_id(found, "Qualified"), stage_id(found, "Closed Won")
    events = {qualified: " QualifiedLead ", won: "ConvertedLead"}
    body = {"meta": {"page_ids": ["100200301", " 100-200-302 "], "stage_events": events}}
    status, saved = api.call("PUT", "/settings/ads", body, account.token)
    # Then both are stored cleaned up, and a later read shows them
    assert status == 200, saved
    assert saved["meta"]["page_ids"] == ["100200301", "100200302"]
    assert saved["meta"]["stage_events"] == {qualified: "QualifiedLead", won: "ConvertedLead"}
    assert api.call("GET", "/settings/ads", token=account.token)[1]["meta"] == saved["meta"]
    # When the map is sent again it replaces the saved one whole; sent empty it is removed
    _, read = api.call("PUT", "/settings/ads", {"meta": {"stage_events": {won: "Purchase"}}}, account.token)
    assert read["meta"]["stage_events"] == {won: "Purchase"}
    _, read = api.call("PUT", "/settings/ads", {"meta": {"stage_events": {}}}, account.token)
    assert read["meta"]["stage_events"] == {} and read["meta"]["page_ids"] == ["100200301", "100200302"]


def test_a_stage_event_needs_a_stage_of_the_tenant_and_a_name(api: Api, ads: AdFakes) -> None:
    # Given two tenants, and a stage that belongs to the other one
    account, other = sign_up(api, "Mapping Roofing"), sign_up(api, "Other Mapping Roofing")
    mine = stage_id(pipeline(api, account), "Qualified")
    theirs = stage_id(pipeline(api, other), "Qualified")
    # When stages that are not the tenant's are mapped, each is refused by name and nothing is saved
    events = {mine: "QualifiedLead", theirs: "Lead", "01HNOSUCHSTAGE": "Lead"}
    status, answer = api.call("PUT", "/settings/ads", {"meta": {"stage_events": events}}, account.token)
    assert status == 422, answer
    assert set(answer["error"]["fields"]) == {
        f"meta.stage_events.{theirs}",
        "meta.stage_events.01HNOSUCHSTAGE",
    }
    assert api.call("GET", "/settings/ads", token=account.token)[1]["meta"]["stage_events"] == {}
    # And a blank or over-long event name, or a page id with letters, is refused per field
    for bad in ({mine: "  "}, {mine: "x" * 51}):
        status, answer = api.call("PUT", "/settings/ads", {"meta": {"stage_events": bad}}, account.token)
        assert status == 422 and any(f.startswith("meta.stage_events") for f in answer["error"]["fields"])
    status, answer = api.call("PUT", "/settings/ads", {"meta": {"page_ids": ["12ab"]}}, account.token)
    assert status == 422 and any(f.startswith("meta.page_ids") for f in answer["error"]["fields"])


def test_the_google_connection_test_validates_only(api: Api, ads: AdFakes) -> None:
    # Given a tenant with nothing set up: the test sends nothing and says what is missing, in words
    account = sign_up(api, "Testing Roofing")
    status, result = api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    assert status == 200 and result["ok"] is False and result["state"] == "not_ready"
    assert "connect Google Ads" in result["message"] and "choose the account" in result["message"]
    assert ads.google_ads.platform_requests() == []
    # When the settings are complete, Google validates an upload and records nothing
    configure(api, account)
    status, result = api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    assert result["ok"] is True and result["message"].startswith("Connected: Google Ads accepted"), result
    assert result["state"] == "connected"
    [request] = ads.google_ads.platform_requests(":uploadClickConversions")
    assert request.body["validateOnly"] is True and ads.google_ads.problems == []
    # When the conversion action does not exist, the result says so plainly
    ads.google_ads.conversion_actions.add("1")
    status, result = api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    assert result["ok"] is False and "NO_CONVERSION_ACTION_FOUND" in result["message"]


def test_a_meta_connection_with_nothing_wrong_tests_connected(api: Api, aws: LocalAws, ads: AdFakes) -> None:
    # Given Meta settings with a dataset and a working token, but no test event code (the owner never
    # opened Events Manager's Test events): this used to answer "connection failed"
    account = sign_up(api, "Meta Testing Roofing")
    configure(api, account)
    counted, tests = len(ads.meta.events), len(ads.meta.test_events)
    # When the connection is tested
    status, result = api.call("POST", "/settings/ads/test", {"platform": "meta"}, account.token)
    # Then it says connected, under a test event code made for it and kept with the settings
    assert status == 200 and result["ok"] is True and result["state"] == "connected", result
    code = api.call("GET", "/settings/ads", token=account.token)[1]["meta"]["test_event_code"]
    assert code and code.startswith("TEST") and code in result["message"] and result["request_id"]
    [request] = ads.meta.platform_requests("/events")
    assert request.body["test_event_code"] == code and ads.meta.problems == []
    assert len(ads.meta.test_events) == tests + 1 and len(ads.meta.events) == counted
    # And a second test uses the same code
    _, again = api.call("POST", "/settings/ads/test", {"platform": "meta"}, account.token)
    assert again["ok"] and ads.meta.platform_requests("/events")[-1].body["test_event_code"] == code
    # And a code the owner sets is the one used
    api.call("PUT", "/settings/ads", {"meta": {"test_event_code": "TEST12345"}}, account.token)
    _, result = api.call("POST", "/settings/ads/test", {"platform": "meta"}, account.token)
    assert result["ok"] is True and "TEST12345" in result["message"]
    assert ads.meta.platform_requests("/events")[-1].body["test_event_code"] == "TEST12345"
    # And a won lead is a real event: never sent under the test event code, or Meta would count none
    lead = create_lead(api, account, lead_body(gclid="Cj0-meta-live"))
    assert deliver([record(stage_event(account.tenant_id, lead), aws)]) == set()
    live = ads.meta.platform_requests("/events")[-1]
    assert "test_event_code" not in live.body and live.body["data"][0]["event_name"] == "Purchase"


def test_the_conversions_log_filters_pages_and_follows_the_roles(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given three wins: two sent everywhere, one not attributable
    admin = sign_up(api, "Log Roofing")
    configure(api, admin)
    leads = [create_lead(api, admin, lead_body(gclid=f"Cj0-log-{n}")) for n in range(2)]
    leads.append(create_lead(api, admin, {"first_name": "Anonymous", "value": "10"}))
    assert deliver([record(stage_event(admin.tenant_id, lead), aws) for lead in leads]) == set()
    # Then the log pages through all six entries, newest first
    status, page = api.call("GET", "/conversions?limit=4", token=admin.token)
    assert status == 200 and len(page["items"]) == 4 and page["next_cursor"]
    status, rest = api.call("GET", f"/conversions?limit=4&cursor={page['next_cursor']}", token=admin.token)
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    # And filters by status and platform
    status, page = api.call("GET", "/conversions?status=not_attributable&platform=meta", token=admin.token)
    assert [(e["lead_id"], e["platform"]) for e in page["items"]] == [(leads[2]["lead_id"], "meta")]
    status, page = api.call("GET", "/conversions?platform=google_ads&status=sent", token=admin.token)
    assert sorted(e["lead_id"] for e in page["items"]) == sorted(lead["lead_id"] for lead in leads[:2])
    assert api.call("GET", "/conversions?status=bogus", token=admin.token)[0] == 422
    # And a Manager reads the log but not the settings; Sales neither
    manager, sales = invite(api, admin, "Manager"), invite(api, admin, "Sales")
    assert api.call("GET", "/conversions", token=manager.token)[0] == 200
    assert api.call("GET", "/settings/ads", token=manager.token)[0] == 403
    assert api.call("POST", "/conversions/replay", {"dead_lettered": True}, manager.token)[0] == 403
    assert api.call("GET", "/conversions", token=sales.token)[0] == 403
    # And another tenant sees none of it
    other = sign_up(api, "Other Roofing")
    assert api.call("GET", "/conversions", token=other.token)[1]["items"] == []
    assert api.call("GET", f"/leads/{leads[0]['lead_id']}/conversions", token=other.token)[0] == 404


def test_a_replay_names_a_lead_or_the_dead_lettered_not_both(api: Api, ads: AdFakes, tenant: Account) -> None:
    for body in ({}, {"lead_id": "x", "dead_lettered": True}):
        assert api.call("POST", "/conversions/replay", body, tenant.token)[0] == 422
    assert api.call("POST", "/conversions/replay", {"lead_id": "01HNOSUCHLEAD"}, tenant.token)[0] == 404
