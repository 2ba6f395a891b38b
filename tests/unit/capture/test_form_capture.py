"""Lead capture without I/O: origins, bodies, field values, attribution, spam, the hosted page, the form
cache and the embed script."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError as PydanticValidationError

from convertly.capture import keys as capture_keys
from convertly.capture.attribution import (
    Visit,
    consent_of,
    first_seen_millis,
    lead_fields,
    lead_source,
    meta_fbc,
    recovered,
    site_of,
    submission_touches,
    touch_attribution,
)
from convertly.capture.cache import FormCache, PublishedForm
from convertly.capture.cors import cors_headers, origin_allowed
from convertly.capture.domain import CAMPAIGN_KEYS, FormField, FormSettings
from convertly.capture.hosted_page import content_security_policy, form_page
from convertly.capture.parsing import RawSubmission, parse_submission
from convertly.capture.submissions import spam_reason
from convertly.capture.validation import clean_values
from convertly.leads.domain.leads import AdConsent, Attribution, LeadSource
from convertly.platform.errors import BadRequestError, UnsupportedMediaTypeError, ValidationError

EMBED = Path(__file__).resolve().parents[3] / "web" / "public" / "embed" / "convertly.js"
AT = datetime(2026, 11, 20, 14, 3, 11, tzinfo=UTC)


def settings(**overrides: Any) -> FormSettings:
    fields = [
        {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
        {"name": "email", "type": "email", "label": "Email", "required": True},
        {"name": "phone", "type": "phone", "label": "Phone"},
        {"name": "size", "type": "select", "label": "Size", "options": ["S", "M"]},
        {"name": "ok", "type": "consent", "label": "Ads OK", "consent_signals": ["ad_user_data"]},
        {"name": "news", "type": "checkbox", "label": "News"},
        {"name": "campaign", "type": "hidden", "label": "Campaign", "default": "spring"},
    ]
    return FormSettings.model_validate({"name": "Quote", "fields": fields, **overrides})


# Origins ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://example.com", True),
        ("http://example.com:8080", True),
        ("https://www.example.com", False),
        ("https://shop.partner.test", True),
        ("https://partner.test", False),
        ("http://localhost:3000", True),
        ("http://localhost:3001", False),
        ("https://api.convertly.test", True),  # the API itself: its hosted page
        ("https://example.com.evil.test", False),
        ("null", False),
        ("", False),
        (None, False),
        ("ftp://example.com", False),
        ("not a url", False),
    ],
)
def test_an_origin_is_allowed_by_the_forms_domains_or_as_the_api_itself(
    origin: str | None, allowed: bool
) -> None:
    domains = ["example.com", "*.partner.test", "localhost:3000"]
    assert origin_allowed(origin, domains, own_host="api.convertly.test") is allowed


def test_cors_headers_name_the_one_origin_and_vary_on_it() -> None:
    assert cors_headers("https://example.com") == {
        "Access-Control-Allow-Origin": "https://example.com",
        "Vary": "Origin",
    }
    preflight = cors_headers("https://example.com", preflight=True)
    assert preflight["Access-Control-Allow-Headers"] == "Content-Type, Idempotency-Key"


# Bodies -------------------------------------------------------------------------------------------


def test_a_classic_post_splits_answers_from_attribution_and_meta() -> None:
    body = (
        "name=Ada+Lovelace&email=ada%40x.test&gclid=G1&utm_source=google&landing_page=https%3A%2F%2Fx.test%2F"
        "&_hp=&_t=1795000000000&_idempotency_key=abcdef0123&cf-turnstile-response=tok&unknown_meta=1"
    )
    raw = parse_submission(body, "application/x-www-form-urlencoded; charset=UTF-8")
    assert raw.classic is True
    assert raw.fields == {"name": "Ada Lovelace", "email": "ada@x.test", "unknown_meta": "1"}
    assert raw.attribution == {"gclid": "G1", "utm_source": "google", "landing_page": "https://x.test/"}
    assert (raw.honeypot, raw.started_at, raw.idempotency_key, raw.captcha_token) == (
        "",
        1795000000000,
        "abcdef0123",
        "tok",
    )


def test_a_json_post_carries_its_parts_and_drops_unknown_attribution() -> None:
    body = json.dumps(
        {"fields": {"name": "A"}, "attribution": {"gclid": "G", "evil": "x"}, "honeypot": "", "started_at": 5}
    )
    raw = parse_submission(body, "application/json")
    assert raw == RawSubmission(fields={"name": "A"}, attribution={"gclid": "G"}, started_at=5)


def test_a_json_post_carries_its_last_touch_and_the_forms_page() -> None:
    document = {
        "fields": {"name": "A"},
        "attribution": {"gclid": "G", "page_url": "https://x.test/contact"},
        "last_touch": {"fbclid": "F", "utm_id": 7, "ip": "1.1.1.1", "page_url": " "},
    }
    raw = parse_submission(json.dumps(document), "application/json")
    assert raw.attribution == {"gclid": "G", "page_url": "https://x.test/contact"}
    assert raw.last_touch == {"fbclid": "F", "utm_id": "7"}
    assert parse_submission(json.dumps({"last_touch": None}), "application/json").last_touch == {}
    with pytest.raises(ValidationError):
        parse_submission(json.dumps({"last_touch": ["F"]}), "application/json")


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        ("{", "application/json", BadRequestError),
        ("[]", "application/json", ValidationError),
        ('{"fields": []}', "application/json", ValidationError),
        ("a=1", "multipart/form-data; boundary=x", UnsupportedMediaTypeError),
        ("a=1", None, UnsupportedMediaTypeError),
    ],
)
def test_bodies_that_are_not_form_posts_are_refused(body: str, content_type: str | None, error: type) -> None:
    with pytest.raises(error):
        parse_submission(body, content_type)


# Values -------------------------------------------------------------------------------------------


def test_values_are_normalised_and_hidden_fields_default() -> None:
    values = clean_values(
        settings().fields,
        {"name": " Ada ", "email": " ADA@X.TEST ", "phone": "+1 415 555 0100", "size": "M", "ok": "on"},
    )
    assert values == {
        "name": "Ada",
        "email": "ada@x.test",
        "phone": "+1 415 555 0100",
        "size": "M",
        "ok": True,
        "news": False,
        "campaign": "spring",
    }


def test_every_bad_value_gets_its_own_message() -> None:
    with pytest.raises(ValidationError) as raised:
        clean_values(settings().fields, {"email": "nope", "phone": "1", "size": "XL", "name": {"x": 1}})
    assert raised.value.fields == {
        "name": "Enter text",
        "email": "Enter a valid email address",
        "phone": "Enter a valid phone number",
        "size": "Choose one of the options",
    }


# Form settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        [{"name": "gclid", "type": "email", "label": "E"}],  # reserved: attribution shares the post
        [{"name": "msg", "type": "textarea", "label": "M"}],  # no name, email or phone for the lead
        [{"name": "e", "type": "email", "label": "E"}, {"name": "e", "type": "email", "label": "F"}],
        [{"name": "e", "type": "email", "label": "E"}, {"name": "f", "type": "email", "label": "F"}],
        [{"name": "n", "type": "text", "label": "N", "maps_to": "email"}],
        [{"name": "n", "type": "text", "label": "N", "maps_to": "custom:Bad Key"}],
        [{"name": "c", "type": "consent", "label": "C", "maps_to": "custom:c"}],
    ],
)
def test_forms_that_could_not_make_a_lead_are_refused(fields: list[dict[str, Any]]) -> None:
    with pytest.raises(PydanticValidationError):
        FormSettings.model_validate({"name": "X", "fields": fields})


def test_allowed_domains_are_host_names_kept_once_in_lowercase() -> None:
    form = settings(allowed_domains=["Example.COM", "example.com", "*.shop.test", "localhost:8080"])
    assert form.allowed_domains == ["example.com", "*.shop.test", "localhost:8080"]
    with pytest.raises(PydanticValidationError):
        settings(allowed_domains=["https://example.com"])


def test_unmapped_fields_default_to_a_custom_field_of_their_name() -> None:
    assert [f.maps_to for f in settings().fields] == [
        "full_name",
        "email",
        "phone",
        "custom:size",
        None,
        "custom:news",
        "custom:campaign",
    ]


def test_answers_land_on_the_lead_fields_they_map_to() -> None:
    values = {"name": "Ada King Lovelace", "email": "a@x.test", "phone": None, "size": "S", "news": True}
    lead = lead_fields(settings(), values)
    assert (lead.first_name, lead.last_name, lead.email) == ("Ada", "King Lovelace", "a@x.test")
    assert lead.custom_fields == {"size": "S", "news": True}


# Attribution --------------------------------------------------------------------------------------


def test_fbc_is_built_from_the_first_seen_time_and_the_fbclid() -> None:
    assert meta_fbc("IwAR123", 1795000000000) == "fb.1.1795000000000.IwAR123"
    assert first_seen_millis("1795000000000", AT) == 1795000000000
    assert first_seen_millis("2026-11-18T10:00:00.000Z", AT) == 1794996000000
    assert first_seen_millis(None, AT) == int(AT.timestamp() * 1000)
    assert first_seen_millis("garbage", AT) == int(AT.timestamp() * 1000)


def test_a_touch_keeps_what_was_sent_cut_to_size_and_adds_what_the_server_saw() -> None:
    sent = {
        "fbclid": "IwAR1",
        "landing_page": "https://x.test/" + "a" * 5000,
        "first_seen_at": "1795000000000",
    }
    touch = touch_attribution(sent, Visit("203.0.113.9", "UA", None, AT), AdConsent(), "F1", classic=False)
    assert touch.fbc == "fb.1.1795000000000.IwAR1"
    assert touch.landing_page is not None and len(touch.landing_page) == 2048
    assert (touch.ip, touch.user_agent, touch.form_id) == ("203.0.113.9", "UA", "F1")
    assert touch.submitted_at == "2026-11-20T14:03:11.000Z"


def test_a_classic_post_without_a_landing_page_uses_the_posting_page() -> None:
    visit = Visit("203.0.113.9", "UA", "https://x.test/contact", AT)
    classic = touch_attribution({}, visit, AdConsent(), "F", classic=True)
    assert classic.landing_page == classic.page_url == "https://x.test/contact"
    json_post = touch_attribution({}, visit, AdConsent(), "F", classic=False)
    assert json_post.landing_page is None and json_post.page_url is None


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.com/a?b=c", "example.com"),
        ("https://example.com/", "example.com"),
        ("https://shop.eu.example.com/", "example.com"),
        ("https://www.example.co.uk/", "example.co.uk"),
        ("https://forms.example.de/", "example.de"),
        ("http://localhost:5173/x", "localhost"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("not a url", ""),
        (None, ""),
    ],
)
def test_a_site_is_the_registrable_domain_of_a_url(url: str | None, site: str) -> None:
    assert site_of(url) == site


def test_a_touch_without_a_campaign_takes_it_from_its_landing_page_or_a_same_site_referrer() -> None:
    # The landing page's own address carries the click (a plain HTML form on the ad's landing page)
    landing = "https://www.x.test/roofs?gclid=G1&utm_source=google&other=1"
    expected = {"landing_page": landing, "gclid": "G1", "utm_source": "google"}
    assert recovered({"landing_page": landing}) == expected
    # A same-site referrer's click, which becomes the landing page (its own referrer is unknown)
    referrer = "https://x.test/?fbclid=F1&utm_campaign=spring"
    found = recovered({"landing_page": "https://www.x.test/contact", "referrer": referrer})
    assert found == {"landing_page": referrer, "fbclid": "F1", "utm_campaign": "spring"}
    # Another site's referrer, a touch with a campaign of its own, or no landing page: as sent
    for sent in (
        {"landing_page": "https://www.x.test/contact", "referrer": "https://partner.test/?gclid=theirs"},
        {"landing_page": "https://www.x.test/contact", "referrer": referrer, "utm_source": "newsletter"},
        {"referrer": referrer},
        {"landing_page": "https://www.x.test/contact", "referrer": "https://www.x.test/about"},
    ):
        assert recovered(sent) == sent


def test_a_post_has_a_first_and_a_last_touch_each_with_the_forms_page() -> None:
    visit = Visit("203.0.113.9", "UA", None, AT)
    first = {"gclid": "G1", "first_seen_at": "1795000000000", "page_url": "https://x.test/contact"}
    last = {"fbclid": "F2", "first_seen_at": "1795100000000"}
    touches = submission_touches(first, last, visit, AdConsent(), "F", classic=False)
    assert (touches.first.gclid, touches.first.fbclid) == ("G1", None)
    assert (touches.last.fbclid, touches.last.gclid) == ("F2", None)
    assert touches.first.page_url == touches.last.page_url == "https://x.test/contact"
    assert touches.last.fbc == "fb.1.1795100000000.F2"
    # One touch (a classic post, an older snippet) is both
    single = submission_touches(first, {}, visit, AdConsent(), "F", classic=False)
    assert single.first == single.last and single.last.gclid == "G1"
    page_only = submission_touches(
        {"gclid": "G1"}, {"page_url": "https://x.test/p"}, visit, AdConsent(), "F", False
    )
    assert page_only.first == page_only.last and page_only.last.page_url == "https://x.test/p"
    # The page is cut to size like the landing page
    long_page = {"page_url": "https://x.test/" + "p" * 3000}
    assert len(submission_touches(long_page, {}, visit, AdConsent(), "F", False).first.page_url or "") == 2048


def test_a_leads_source_is_its_first_touchs_channel_unless_that_says_nothing() -> None:
    assert lead_source(Attribution(gclid="g"), Attribution(fbclid="f")) is LeadSource.GOOGLE_ADS
    assert lead_source(Attribution(), Attribution(fbclid="f")) is LeadSource.META_ADS
    assert lead_source(Attribution(), Attribution()) is LeadSource.FORM


@pytest.mark.parametrize(
    ("attribution", "source"),
    [
        ({"gclid": "g"}, LeadSource.GOOGLE_ADS),
        ({"wbraid": "w"}, LeadSource.GOOGLE_ADS),
        ({"fbc": "fb.1.1.x"}, LeadSource.META_ADS),
        ({"msclkid": "m"}, LeadSource.MICROSOFT_ADS),
        ({"ttclid": "t"}, LeadSource.TIKTOK_ADS),
        ({"li_fat_id": "l"}, LeadSource.LINKEDIN_ADS),
        ({"utm_medium": "email"}, LeadSource.EMAIL),
        ({"referrer": "https://www.google.com/"}, LeadSource.ORGANIC_SEARCH),
        ({"referrer": "https://t.co/abc"}, LeadSource.SOCIAL),
        ({"referrer": "https://www.reddit.com/r/roofing"}, LeadSource.REFERRAL),
        ({"referrer": "https://x.test/a", "landing_page": "https://x.test/b"}, LeadSource.FORM),
        ({}, LeadSource.FORM),
    ],
)
def test_the_lead_source_follows_the_click_then_utms_then_the_referrer(
    attribution: dict[str, str], source: LeadSource
) -> None:
    assert lead_source(Attribution(**attribution)) is source


def test_consent_boxes_grant_or_deny_their_signals_and_the_rest_take_the_default() -> None:
    fields = settings().fields
    assert consent_of(fields, {"ok": True}, "unspecified") == AdConsent(
        ad_user_data="granted", ad_personalization="unspecified"
    )
    assert consent_of(fields, {"ok": False}, "granted") == AdConsent(
        ad_user_data="denied", ad_personalization="granted"
    )


# Spam ---------------------------------------------------------------------------------------------


def test_spam_is_a_filled_honeypot_or_a_form_sent_faster_than_its_minimum() -> None:
    at_ms = int(AT.timestamp() * 1000)
    assert spam_reason(RawSubmission(honeypot="x"), 3, AT) == "honeypot"
    assert spam_reason(RawSubmission(started_at=at_ms - 1000), 3, AT) == "too_fast"
    assert spam_reason(RawSubmission(started_at=at_ms - 4000), 3, AT) is None
    assert spam_reason(RawSubmission(started_at=at_ms), 0, AT) is None
    assert spam_reason(RawSubmission(), 3, AT) is None  # no timing sent: nothing to judge by


# The hosted page ----------------------------------------------------------------------------------


def test_the_hosted_page_escapes_what_owners_and_visitors_wrote() -> None:
    owner = settings(name="<script>alert(1)</script>")
    page = form_page(
        owner,
        site_key=None,
        hidden={"gclid": '"><img src=x onerror=alert(1)>'},
        values={"name": "</textarea><script>x()</script>"},
        errors={"email": "<b>bad</b>"},
    )
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_hosted_page_loads_only_its_captcha_and_posts_to_itself_or_the_redirect() -> None:
    plain = content_security_policy(settings())
    assert "script-src" not in plain and "form-action 'self';" in plain + ";"
    captcha = {"provider": "recaptcha", "site_key": "k", "secret": "s"}
    with_both = content_security_policy(settings(captcha=captcha, redirect_url="https://x.test/thanks"))
    assert "script-src https://www.google.com https://www.gstatic.com" in with_both
    assert "form-action 'self' https://x.test" in with_both


# The form cache -----------------------------------------------------------------------------------


def test_a_published_form_is_kept_for_the_ttl_and_a_missing_one_for_seconds() -> None:
    now = [0.0]
    loads: list[str] = []
    published = PublishedForm("T", "F", settings(), None, "P", "S")

    def loader(form_id: str, _tenant_of: Any) -> PublishedForm | None:
        loads.append(form_id)
        return published if form_id == "F" else None

    cache = FormCache(ttl_seconds=60, clock=lambda: now[0], loader=loader)
    assert cache.published("F") is published and cache.published("X") is None
    now[0] = 30
    cache.published("F")
    cache.published("X")
    assert loads == ["F", "X", "X"]  # the missing form was asked again after 5 s, the form was not
    now[0] = 61
    cache.published("F")
    assert loads == ["F", "X", "X", "F"]


# The embed script ---------------------------------------------------------------------------------


def test_the_embed_script_is_small_and_has_no_dependencies() -> None:
    source = EMBED.read_text(encoding="utf-8")
    assert len(source.encode("utf-8")) < 17 * 1024
    assert len(gzip.compress(source.encode("utf-8"))) < 6 * 1024  # what a browser downloads
    assert not re.search(r"\bimport\b|\brequire\(", source)


def test_the_embed_script_sends_every_key_a_touch_has_and_its_idempotency_key() -> None:
    # Its storage rules are tested in the browser's terms: web/src/features/capture/embedSnippet.test.ts
    source = EMBED.read_text(encoding="utf-8")
    for key in (*CAMPAIGN_KEYS, "landing_page", "referrer", "first_seen_at", "page_url", "last_touch"):
        assert key in source, key
    for cookie in ("_gcl_aw", "_gcl_gb", "_gcl_ag", "_fbc", "_fbp"):
        assert f'"{cookie}"' in source, cookie
    assert "90 * 864e5" in source and "localStorage" in source and '"Idempotency-Key"' in source


def test_form_fields_validate_their_own_shape() -> None:
    with pytest.raises(PydanticValidationError):
        FormField.model_validate({"name": "s", "type": "select", "label": "S"})
    with pytest.raises(PydanticValidationError):
        FormField.model_validate(
            {"name": "t", "type": "text", "label": "T", "consent_signals": ["ad_user_data"]}
        )


def test_the_form_route_is_the_one_platform_level_key_of_lead_capture() -> None:
    # Every other lead capture key takes the tenant (and the generic key test checks it starts with it)
    assert capture_keys.form_route("F1") == "FORM#F1" and not capture_keys.form_route("F1").startswith("T#")
    for builder in (capture_keys.submissions, capture_keys.idempotency):
        assert builder("acme", "x").startswith("T#acme#")
    assert capture_keys.rate_counter("acme", "IP#abc", 60).startswith("T#acme#RATE#")
