"""Connecting the ad accounts with a button: Google Ads (OAuth 2.0 code with PKCE) and Meta (Facebook
Login for Business) against the local fakes, the consent page clicked through over HTTP as a browser
would. The state is used once, by its user, in its tenant, within ten minutes; the fake checks PKCE; the
lists the owner picks from; disconnecting revokes at the platform; the platform apps' secrets."""

from __future__ import annotations

import base64
import json
import re
import time
import urllib.parse
from typing import Any

import pytest
import requests

from convertly.conversions import platform_apps
from convertly.conversions import store as repo
from convertly.conversions.oauth_state import OAuthStateItem, code_challenge, partition, sort_key
from convertly.platform.config import get_settings
from convertly.platform.store.items import plain
from devstack.ad_fakes import LOCAL_GOOGLE_CLIENT_ID, LOCAL_META_APP_ID, AdFakes
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.conversions.conversions_support import GOOGLE, configure, shared_fakes

GOOGLE_ADS, META = "/settings/ads/google_ads", "/settings/ads/meta"


@pytest.fixture
def ads(aws: LocalAws) -> AdFakes:
    fakes = shared_fakes(aws)
    fakes.google_ads.directory.reset()
    fakes.meta.login.reset()
    return fakes


def query_of(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def consent(authorize_url: str, decision: str = "allow") -> dict[str, str]:
    """What a person does on the platform's consent page: open it, press Allow (or Cancel); the query
    of the redirect back to the web app."""
    page = requests.get(authorize_url, timeout=5)
    assert page.status_code == 200, page.text
    pending = re.search(r'name="request" value="([^"]+)"', page.text)
    action = re.search(r'action="([^"]+)"', page.text)
    assert pending and action, page.text
    parts = urllib.parse.urlsplit(authorize_url)
    answer = requests.post(
        f"{parts.scheme}://{parts.netloc}{action[1]}",
        data={"request": pending[1], "decision": decision},
        allow_redirects=False,
        timeout=5,
    )
    assert answer.status_code == 302, answer.text
    return query_of(answer.headers["Location"])


def code_and_state(back: dict[str, str]) -> dict[str, str]:
    """What the web app's callback page posts: the code and the state (Google adds `scope`)."""
    return {"code": back["code"], "state": back["state"]}


def start(api: Api, account: Account, platform: str = GOOGLE_ADS) -> dict[str, str]:
    status, started = api.call("POST", f"{platform}/connect", {}, account.token)
    assert status == 200, started
    return dict(started)


def connect(api: Api, account: Account, platform: str = GOOGLE_ADS) -> dict[str, Any]:
    back = consent(start(api, account, platform)["authorize_url"])
    status, view = api.call("POST", f"{platform}/callback", code_and_state(back), account.token)
    assert status == 200, view
    return dict(view)


def opened(aws: LocalAws, tenant_id: str, sealed: str, purpose: str) -> str:
    context = {"tenant_id": tenant_id, "purpose": purpose}
    blob = base64.b64decode(sealed)
    return str(
        aws.client("kms").decrypt(CiphertextBlob=blob, EncryptionContext=context)["Plaintext"].decode()
    )


def stored(tenant_id: str, platform: str = "google") -> dict[str, Any]:
    item = repo.get_ads_settings(tenant_id)
    value = getattr(item, platform) if item is not None else None
    return plain(value) if value else {}


# Google Ads ------------------------------------------------------------------------------------------


def test_connect_google_ads_pick_an_account_and_action_test_and_disconnect(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    # Given a roofing business owner with nothing set up
    account = sign_up(api, "Button Roofing")
    # When they press "Connect Google Ads"
    started = start(api, account)
    # Then the consent URL is Google's, for Convertly's client, with PKCE (S256) and offline access
    asked = query_of(started["authorize_url"])
    assert started["authorize_url"].startswith(ads.oauth.authorize_url)
    assert asked["client_id"] == LOCAL_GOOGLE_CLIENT_ID and asked["code_challenge_method"] == "S256"
    assert asked["access_type"] == "offline" and asked["response_type"] == "code"
    assert (
        asked["redirect_uri"].endswith("/settings/ad-platforms/callback/google_ads")
        and len(asked["state"]) >= 32
    )
    # When they allow, and the web app posts the code and state back
    back = consent(started["authorize_url"])
    assert back["state"] == asked["state"]
    status, view = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(back), account.token)
    # Then Google Ads is connected; only the account and the conversion action are left to choose
    assert status == 200, view
    google = view["google_ads"]
    assert google["connected"] and google["connection"] == "oauth" and google["can_connect"]
    assert google["missing"] == ["customer_id", "conversion_action_id"]
    assert google["refresh_token"].startswith("••••") and google["developer_token"] is None
    # And the code was exchanged with the verifier, and the refresh token is kept sealed for the tenant
    [exchange] = ads.oauth.platform_requests("/token")
    assert exchange.body["grant_type"] == "authorization_code" and exchange.body["code_verifier"] == "****"
    refresh = opened(
        aws,
        account.tenant_id,
        stored(account.tenant_id)["refresh_token"]["sealed"],
        "ads.google_ads.refresh_token",
    )
    assert ads.oauth.refresh_tokens[refresh] == LOCAL_GOOGLE_CLIENT_ID and ads.oauth.problems == []

    # When the accounts are listed
    status, customers = api.call("GET", f"{GOOGLE_ADS}/customers", token=account.token)
    # Then the direct account, the manager and the manager's enabled clients (with their manager) show
    assert status == 200, customers
    listed = {(c["customer_id"], c["name"], c["manager"], c["login_customer_id"]) for c in customers["items"]}
    assert listed == {
        ("1234567890", "Summit Roofing", False, None),
        ("1112223333", "Ridgeline Agency", True, None),
        ("4445556666", "Peak Roofing Co", False, "1112223333"),
        ("7778889999", "Gutter Pros", False, "1112223333"),
    }
    assert {c["manager_name"] for c in customers["items"] if c["login_customer_id"]} == {"Ridgeline Agency"}
    # And the manager's clients were read with login-customer-id set to the manager
    searches = ads.google_ads.platform_requests("googleAds:search")
    [clients] = [r for r in searches if "FROM customer_client" in r.body["query"]]
    assert clients.path.endswith("/customers/1112223333/googleAds:search")
    assert clients.headers["login-customer-id"] == "1112223333" and ads.google_ads.problems == []

    # When a client account's conversion actions are listed through its manager
    status, actions = api.call(
        "GET",
        f"{GOOGLE_ADS}/conversion-actions?customer_id=444-555-6666&login_customer_id=1112223333",
        token=account.token,
    )
    # Then its click conversion actions show (removed ones do not), from the documented query
    assert status == 200, actions
    assert [(a["conversion_action_id"], a["name"], a["status"]) for a in actions["items"]] == [
        ("555000111", "Signed contract", "ENABLED"),
        ("555000112", "Qualified lead", "HIDDEN"),
    ]
    query = ads.google_ads.platform_requests("googleAds:search")[-1].body["query"]
    assert "FROM conversion_action WHERE conversion_action.type = 'UPLOAD_CLICKS'" in query
    # And without the manager, Google refuses the client account: the answer names the field
    status, refused = api.call(
        "GET", f"{GOOGLE_ADS}/conversion-actions?customer_id=4445556666", token=account.token
    )
    assert status == 422 and "USER_PERMISSION_DENIED" in refused["error"]["fields"]["customer_id"]

    # When the owner picks the account and action and saves, then tests the connection
    pick = {
        "customer_id": "4445556666",
        "customer_name": "Peak Roofing Co",
        "login_customer_id": "1112223333",
        "conversion_action_id": "555000111",
        "conversion_action_name": "Signed contract",
    }
    status, view = api.call("PUT", "/settings/ads", {"google_ads": pick}, account.token)
    assert status == 200 and view["google_ads"]["configured"], view
    assert view["google_ads"]["customer_name"] == "Peak Roofing Co"
    status, result = api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    # Then Google accepts it, with Convertly's OAuth client refreshing the tenant's token
    assert result["ok"] and result["state"] == "connected", result
    assert ads.oauth.platform_requests("/token")[-1].body["client_id"] == LOCAL_GOOGLE_CLIENT_ID
    upload = ads.google_ads.platform_requests(":uploadClickConversions")[-1]
    assert upload.headers["login-customer-id"] == "1112223333" and upload.headers["developer-token"] == "****"

    # When they disconnect
    status, view = api.call("POST", f"{GOOGLE_ADS}/disconnect", {}, account.token)
    # Then the token is revoked at Google and deleted here; the choices stay for a later connect
    assert (
        status == 200 and not view["google_ads"]["connected"] and view["google_ads"]["refresh_token"] is None
    )
    assert ads.oauth.platform_requests("/revoke") and refresh in ads.oauth.revoked
    assert (
        "refresh_token" not in stored(account.tenant_id) and view["google_ads"]["customer_id"] == "4445556666"
    )
    status, answer = api.call("GET", f"{GOOGLE_ADS}/customers", token=account.token)
    assert status == 409 and answer["error"]["code"] == "not_connected"


def test_the_fake_checks_pkce_so_a_wrong_verifier_stores_nothing(api: Api, ads: AdFakes) -> None:
    # Given two connections started by one user: each state has its own verifier
    account = sign_up(api, "Verifier Roofing")
    first, second = start(api, account), start(api, account)
    back = consent(first["authorize_url"])
    # When the first consent's code comes back with the second's state (so the second's verifier)
    crossed = {"code": back["code"], "state": query_of(second["authorize_url"])["state"]}
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", crossed, account.token)
    # Then Google (the fake) refuses the verifier and nothing is stored
    assert status == 400 and answer["error"]["code"] == "ad_platform_refused", answer
    assert "Invalid code verifier" in answer["error"]["message"]
    assert "refresh_token" not in stored(account.tenant_id)
    # And the code was used up: its own state cannot redeem it any more
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(back), account.token)
    assert status == 400 and "Malformed auth code" in answer["error"]["message"]
    assert "refresh_token" not in stored(account.tenant_id)


def test_the_fake_token_endpoint_follows_the_documented_checks(ads: AdFakes) -> None:
    # Given a consent for Convertly's client with a challenge
    verifier = "v" * 64
    challenge = code_challenge(verifier)
    redirect = "http://127.0.0.1:3000/settings/ad-platforms/callback/google_ads"
    params = {
        "client_id": LOCAL_GOOGLE_CLIENT_ID,
        "redirect_uri": redirect,
        "response_type": "code",
        "scope": "https://www.googleapis.com/auth/adwords",
        "access_type": "offline",
        "state": "s" * 40,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    url = f"{ads.oauth.authorize_url}?{urllib.parse.urlencode(params)}"

    def exchange(code: str, **changes: str) -> requests.Response:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": LOCAL_GOOGLE_CLIENT_ID,
            "client_secret": "convertly-local-google-client-secret",
            "redirect_uri": redirect,
            "code_verifier": verifier,
            **changes,
        }
        return requests.post(ads.oauth.token_url, data=form, timeout=5)

    # Then a wrong secret, another redirect URI and a wrong verifier are each refused as Google does
    wrong = exchange(consent(url)["code"], client_secret="nope")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    wrong = exchange(consent(url)["code"], redirect_uri="https://evil.test/cb")
    assert wrong.status_code == 400 and wrong.json()["error"] == "redirect_uri_mismatch"
    wrong = exchange(consent(url)["code"], code_verifier="w" * 64)
    assert wrong.status_code == 400 and wrong.json()["error_description"] == "Invalid code verifier."
    # And the right one answers a refresh token, once
    code = consent(url)["code"]
    right = exchange(code)
    assert right.status_code == 200 and right.json()["refresh_token"] and right.json()["access_token"]
    assert exchange(code).json()["error"] == "invalid_grant"
    # And a consent without the Google Ads scope, or for an unknown client, is refused on the page
    assert requests.get(url.replace("auth%2Fadwords", "auth%2Fdrive"), timeout=5).status_code == 400
    assert requests.get(url.replace("convertly-local", "someone-else"), timeout=5).status_code == 401
    # And a Cancel sends access_denied back with the state
    assert consent(url, "deny") == {"error": "access_denied", "state": "s" * 40}


def test_replayed_forged_expired_and_foreign_states_are_refused_and_store_nothing(
    api: Api, aws: LocalAws, ads: AdFakes
) -> None:
    account, other = sign_up(api, "State Roofing"), sign_up(api, "Other State Roofing")
    colleague = invite(api, account, "Admin")

    # A forged state is unknown
    status, answer = api.call(
        "POST", f"{GOOGLE_ADS}/callback", {"code": "4/x", "state": "forged" * 8}, account.token
    )
    assert status == 400 and answer["error"]["code"] == "oauth_state_invalid"

    # Another tenant's state is not found in this tenant; a colleague's is not theirs; Meta's is not Google's
    back = consent(start(api, account)["authorize_url"])
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(back), other.token)
    assert status == 400 and answer["error"]["code"] == "oauth_state_invalid"
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(back), colleague.token)
    assert status == 403 and answer["error"]["code"] == "oauth_state_other_user"
    status, answer = api.call("POST", f"{META}/callback", code_and_state(back), account.token)
    assert status == 400 and answer["error"]["code"] == "oauth_state_invalid"
    assert "refresh_token" not in stored(account.tenant_id) and stored(other.tenant_id) == {}
    assert ads.oauth.platform_requests("/token") == []  # none of them reached Google
    # And none of that used the state up: its own user still finishes the connection
    status, view = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(back), account.token)
    assert status == 200 and view["google_ads"]["connected"], view
    kept = stored(account.tenant_id)["refresh_token"]

    # A replayed state (the same redirect posted again) is refused, and the stored token stays
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(back), account.token)
    assert status == 400 and answer["error"]["code"] == "oauth_state_invalid"
    assert (
        stored(account.tenant_id)["refresh_token"] == kept and len(ads.oauth.platform_requests("/token")) == 1
    )

    # An expired state (older than ten minutes) is refused before Google is asked
    late = consent(start(api, other)["authorize_url"])
    item = OAuthStateItem.get(partition(other.tenant_id), sort_key(late["state"]))
    item.update(actions=[OAuthStateItem.valid_until.set(int(time.time()) - 1)])
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", code_and_state(late), other.token)
    assert status == 400 and answer["error"]["code"] == "oauth_state_expired"
    assert stored(other.tenant_id) == {} and len(ads.oauth.platform_requests("/token")) == 1

    # And a callback without code or state is a clear 422
    status, answer = api.call("POST", f"{GOOGLE_ADS}/callback", {"state": back["state"]}, account.token)
    assert status == 422 and "code" in answer["error"]["fields"]


def test_a_connection_google_no_longer_accepts_or_cannot_reach_is_said_plainly(
    api: Api, ads: AdFakes
) -> None:
    account = sign_up(api, "Flaky Roofing")
    connect(api, account)
    # When Google does not answer, the list is a 503 to try again
    ads.google_ads.fail_next(503)
    status, answer = api.call("GET", f"{GOOGLE_ADS}/customers", token=account.token)
    assert status == 503 and answer["error"]["code"] == "ad_platform_unavailable"
    # When the owner removed Convertly's access at Google, the answer says to connect again
    ads.oauth.revoked.update(ads.oauth.refresh_tokens)
    status, answer = api.call("GET", f"{GOOGLE_ADS}/customers", token=account.token)
    assert status == 409 and answer["error"]["code"] == "reconnect_required"
    # And a customer id with letters is refused per field
    status, answer = api.call("GET", f"{GOOGLE_ADS}/conversion-actions?customer_id=12ab", token=account.token)
    assert status == 422 and "customer_id" in answer["error"]["fields"]


def test_an_agency_keeps_its_own_developer_token_and_client(api: Api, ads: AdFakes) -> None:
    # Given an agency that entered its own developer token, OAuth client and refresh token by hand
    account = sign_up(api, "Agency Roofing")
    view = configure(api, account, with_meta=False)
    assert view["google_ads"]["connection"] == "manual" and view["google_ads"]["configured"]
    # When the connection is tested, its own client refreshes the token
    status, result = api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    assert status == 200 and result["ok"], result
    assert ads.oauth.platform_requests("/token")[-1].body["client_id"] == GOOGLE["client_id"]
    # When it connects with the button instead, its own client goes (the new token is Convertly's client's)
    view = connect(api, account)
    assert view["google_ads"]["client_id"] is None and view["google_ads"]["client_secret"] is None
    assert view["google_ads"]["developer_token"] == "••••1234" and view["google_ads"]["connection"] == "oauth"
    api.call("POST", "/settings/ads/test", {"platform": "google_ads"}, account.token)
    assert ads.oauth.platform_requests("/token")[-1].body["client_id"] == LOCAL_GOOGLE_CLIENT_ID


# Meta ------------------------------------------------------------------------------------------------


def test_connect_meta_pick_a_dataset_test_and_disconnect(api: Api, aws: LocalAws, ads: AdFakes) -> None:
    # Given an owner pressing "Connect Meta"
    account = sign_up(api, "Meta Button Roofing")
    started = start(api, account, META)
    asked = query_of(started["authorize_url"])
    # Then the login dialog is Meta's, for Convertly's app, back to the web app's callback page
    assert urllib.parse.urlsplit(started["authorize_url"]).path.endswith("/dialog/oauth")
    assert asked["client_id"] == LOCAL_META_APP_ID and asked["redirect_uri"].endswith("/callback/meta")
    assert asked["response_type"] == "code" and "ads_management" in asked["scope"] and asked["state"]
    # When they allow and the web app posts the code back
    status, view = api.call(
        "POST", f"{META}/callback", code_and_state(consent(started["authorize_url"])), account.token
    )
    # Then Meta is connected with a long-lived token kept sealed, and a test event code is made for it
    assert status == 200, view
    meta = view["meta"]
    assert meta["connected"] and meta["connection"] == "oauth" and meta["missing"] == ["dataset_id"]
    assert re.fullmatch(r"TEST\d{5}", meta["test_event_code"]) and meta["access_token"].startswith("••••")
    token = opened(
        aws,
        account.tenant_id,
        stored(account.tenant_id, "meta")["access_token"]["sealed"],
        "ads.meta.access_token",
    )
    assert ads.meta.login.issued[token] is True  # the long-lived one
    exchanges = ads.meta.platform_requests("/oauth/access_token")
    assert [r.query.get("grant_type") for r in exchanges] == [None, "fb_exchange_token"]
    assert exchanges[0].query["code"] == "****" and ads.meta.problems == []

    # When the datasets are listed: each once, with the ad account it was found in
    status, datasets = api.call("GET", f"{META}/datasets", token=account.token)
    assert status == 200, datasets
    assert [(d["dataset_id"], d["name"], d["ad_account_id"]) for d in datasets["items"]] == [
        ("555000111222333", "Summit Roofing website", "act_101000200"),
        ("555000111222444", "Old pixel", "act_101000200"),
    ]
    # When the owner picks one, saves, and sends a test event
    body = {"meta": {"dataset_id": "555000111222333", "dataset_name": "Summit Roofing website"}}
    status, view = api.call("PUT", "/settings/ads", body, account.token)
    assert (
        status == 200
        and view["meta"]["configured"]
        and view["meta"]["dataset_name"] == "Summit Roofing website"
    )
    status, result = api.call("POST", "/settings/ads/test", {"platform": "meta"}, account.token)
    # Then Meta says connected, and the event went under the test event code only
    assert result["ok"] and result["state"] == "connected", result
    assert ads.meta.platform_requests("/events")[-1].body["test_event_code"] == meta["test_event_code"]

    # When they disconnect: the app's permissions are removed at Meta, then the token here
    status, view = api.call("POST", f"{META}/disconnect", {}, account.token)
    assert status == 200 and not view["meta"]["connected"] and view["meta"]["access_token"] is None
    [revoke] = ads.meta.platform_requests("/me/permissions")
    assert revoke.method == "DELETE" and token in ads.meta.revoked
    assert (
        view["meta"]["dataset_id"] == "555000111222333"
        and view["meta"]["test_event_code"] == meta["test_event_code"]
    )
    status, answer = api.call("GET", f"{META}/datasets", token=account.token)
    assert status == 409 and answer["error"]["code"] == "not_connected"
    # And a replay of the old redirect is refused
    status, answer = api.call(
        "POST", f"{META}/callback", {"code": "AQx", "state": asked["state"]}, account.token
    )
    assert status == 400 and answer["error"]["code"] == "oauth_state_invalid"


def test_a_meta_code_for_another_redirect_or_used_twice_is_refused(api: Api, ads: AdFakes) -> None:
    account = sign_up(api, "Meta Code Roofing")
    back = consent(start(api, account, META)["authorize_url"])
    # When the code is first redeemed by someone else (the fake's token endpoint, directly)
    stolen = requests.get(
        f"{ads.meta.url}/v23.0/oauth/access_token",
        params={
            "client_id": LOCAL_META_APP_ID,
            "client_secret": "convertly-local-meta-app-secret",
            "redirect_uri": "https://evil.test/cb",
            "code": back["code"],
        },
        timeout=5,
    )
    assert stolen.status_code == 400 and stolen.json()["error"]["error_subcode"] == 36008
    # Then the owner's callback finds the code used, and nothing is stored
    status, answer = api.call("POST", f"{META}/callback", code_and_state(back), account.token)
    assert status == 400 and answer["error"]["code"] == "ad_platform_refused"
    assert "access_token" not in stored(account.tenant_id, "meta")


# Tenants, and the platform apps -----------------------------------------------------------------------


def test_one_tenants_connection_is_not_anothers(api: Api, ads: AdFakes) -> None:
    owner, other = sign_up(api, "Connected Roofing"), sign_up(api, "Unconnected Roofing")
    connect(api, owner)
    connect(api, owner, META)
    # Another tenant sees no connection, lists nothing, and its disconnect touches nothing of the owner's
    _, view = api.call("GET", "/settings/ads", token=other.token)
    assert not view["google_ads"]["connected"] and not view["meta"]["connected"]
    for path in (
        f"{GOOGLE_ADS}/customers",
        f"{GOOGLE_ADS}/conversion-actions?customer_id=1234567890",
        f"{META}/datasets",
    ):
        status, answer = api.call("GET", path, token=other.token)
        assert status == 409 and answer["error"]["code"] == "not_connected", path
    for path in (f"{GOOGLE_ADS}/disconnect", f"{META}/disconnect"):
        assert api.call("POST", path, {}, other.token)[0] == 200
    assert (
        ads.oauth.platform_requests("/revoke") == [] and ads.meta.platform_requests("/me/permissions") == []
    )
    _, view = api.call("GET", "/settings/ads", token=owner.token)
    assert view["google_ads"]["connected"] and view["meta"]["connected"]
    # And a Manager may not connect anything (the settings are the Admin's)
    manager = invite(api, owner, "Manager")
    for path in (f"{GOOGLE_ADS}/connect", f"{META}/connect", f"{GOOGLE_ADS}/disconnect"):
        assert api.call("POST", path, {}, manager.token)[0] == 403


def test_without_the_platform_app_the_buttons_say_so(
    api: Api, ads: AdFakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = sign_up(api, "No App Roofing")
    for name in ("GOOGLE_OAUTH_CLIENT_ID", "GOOGLE_ADS_DEVELOPER_TOKEN", "META_APP_ID"):
        monkeypatch.delenv(name)
    _fresh_settings()
    try:
        _, view = api.call("GET", "/settings/ads", token=account.token)
        assert not view["google_ads"]["can_connect"] and not view["meta"]["can_connect"]
        assert {"developer_token", "client_id", "client_secret"} <= set(view["google_ads"]["missing"])
        for path, code in (
            (f"{GOOGLE_ADS}/connect", "google_ads_app_missing"),
            (f"{META}/connect", "meta_app_missing"),
        ):
            status, answer = api.call("POST", path, {}, account.token)
            assert status == 503 and answer["error"]["code"] == code
    finally:
        monkeypatch.undo()
        _fresh_settings()


def test_the_platform_apps_come_from_secrets_manager_when_named(
    aws: LocalAws, ads: AdFakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the platform secrets in Secrets Manager, as CDK makes them, and the functions' env naming them
    secrets = aws.client("secretsmanager")
    google = {"developer_token": "sm-dev-token", "client_id": "sm-client", "client_secret": "sm-secret"}
    meta = {"app_id": "999", "app_secret": "sm-app-secret", "verify_token": "v", "login_config_id": "777"}
    google_arn = secrets.create_secret(
        Name=f"convertly/google-ads-app-{time.time_ns()}", SecretString=json.dumps(google)
    )["ARN"]
    meta_arn = secrets.create_secret(
        Name=f"convertly/meta-app-{time.time_ns()}", SecretString=json.dumps(meta)
    )["ARN"]
    monkeypatch.setenv("GOOGLE_ADS_APP_SECRET_ARN", google_arn)
    monkeypatch.setenv("META_APP_SECRET_ARN", meta_arn)
    _fresh_settings()
    try:
        # Then the readers take the secrets' values over the plain settings
        assert platform_apps.google_ads_app() == platform_apps.GoogleAdsApp(
            "sm-dev-token", "sm-client", "sm-secret"
        )
        assert platform_apps.meta_app() == platform_apps.MetaApp("999", "sm-app-secret", "777", "v")
    finally:
        monkeypatch.undo()
        _fresh_settings()


def _fresh_settings() -> None:
    get_settings.cache_clear()
    platform_apps.forget()
