"""Referral links: clicks counted without raw addresses, bots and repeats folded, the referral's window
and rule, and what a partner sees of the tenants they referred."""

from __future__ import annotations

from datetime import timedelta

import pytest

from convertly.affiliates import keys
from convertly.affiliates.attribution import attribution_of
from convertly.affiliates.items import AffiliateStatsItem, ClickItem, VisitorItem
from convertly.platform.clock import iso, now
from tests.functional.affiliates.conftest import Partner, click, partner, referred_sign_up, set_terms
from tests.functional.conftest import Api


@pytest.fixture
def dana(api: Api, devadmin: str) -> Partner:
    return partner(api, devadmin)


def stats(affiliate_id: str) -> AffiliateStatsItem:
    return AffiliateStatsItem.get(keys.affiliate(affiliate_id), keys.STATS_SK, consistent_read=True)


def test_repeated_clicks_of_one_visitor_fold_and_bots_get_no_referral(api: Api, dana: Partner) -> None:
    # When one browser clicks twice, another once, and a crawler once
    first = click(api, dana.code, sub_id="newsletter-12", utm_source="newsletter")
    click(api, dana.code)
    click(api, dana.code, user_agent="Mozilla/5.0 (Macintosh) Safari/605.1.15")
    bot = click(api, dana.code, user_agent="Googlebot/2.1 (+http://www.google.com/bot.html)")

    # Then three clicks of two visitors are counted, the bot apart and without a referral
    found = stats(dana.affiliate_id)
    assert (found.clicks, found.unique_clicks, found.bot_clicks) == (3, 2, 1)
    assert bot["referral"] is None and first["referral"]
    assert (first["cookie_days"], first["attribution"]) == (60, "last_click")

    # And the click keeps its sub-id and UTMs for the sign-up, never the visitor's address
    item = ClickItem.get(keys.referral_click(first["referral"]), keys.ROUTE_SK)
    assert (item.sub_id, item.utm.as_dict()) == ("newsletter-12", {"utm_source": "newsletter"})
    day = now().strftime("%Y-%m-%d")
    visitors = [v for v in VisitorItem.scan() if v.PK.startswith(f"AFFCLICK#{dana.affiliate_id}#{day}#")]
    assert len(visitors) == 2
    for visitor in visitors:
        hashed = visitor.PK.rsplit("#", 1)[1]
        assert len(hashed) == 32 and "." not in hashed and ":" not in hashed


def test_an_unknown_code_is_404_and_a_bad_one_422(api: Api) -> None:
    status, body = api.call("POST", "/affiliate/clicks", {"code": "nobody-0000"})
    assert status == 404 and body["error"]["code"] == "referral_code_not_found"
    status, body = api.call("POST", "/affiliate/clicks", {"code": "<script>"})
    assert status == 422 and "code" in body["error"]["fields"]


def test_a_sign_up_within_the_window_is_attributed_and_the_partner_sees_initials_and_plan(
    api: Api, dana: Partner
) -> None:
    referral = click(api, dana.code, sub_id="yt-video-3")["referral"]
    tenant = referred_sign_up(api, referral, company="Harbor Plumbing Services")
    assert attribution_of(tenant.tenant_id).status == "attributed"
    status, page = api.call("GET", "/affiliate/referrals", token=dana.token)
    assert status == 200
    [row] = page["items"]
    assert (row["initials"], row["plan"], row["status"], row["sub_id"]) == (
        "H. P. S.",
        "starter",
        "trial",
        "yt-video-3",
    )
    # Nothing of the tenant's own: no name, no address, no id
    text = str(page)
    assert "Harbor" not in text and tenant.email not in text and tenant.tenant_id not in text
    found = stats(dana.affiliate_id)
    assert (found.signups, found.trials) == (1, 1)


def test_a_referral_past_the_window_or_forged_attributes_nothing(api: Api, dana: Partner) -> None:
    set_terms(cookie_days=7)
    referral = click(api, dana.code)["referral"]
    item = ClickItem.get(keys.referral_click(referral), keys.ROUTE_SK)
    item.update(actions=[ClickItem.clicked_at.set(iso(now() - timedelta(days=8)))])
    late = referred_sign_up(api, referral)
    forged = referred_sign_up(api, "01HZZZZZZZZZZZZZZZZZZZZZZZ")
    assert attribution_of(late.tenant_id) is None and attribution_of(forged.tenant_id) is None
    assert stats(dana.affiliate_id).signups == 0


def test_the_click_tells_the_browser_the_programs_window_and_rule(api: Api, dana: Partner) -> None:
    set_terms(cookie_days=30, attribution="first_click")
    answer = click(api, dana.code)
    assert (answer["cookie_days"], answer["attribution"]) == (30, "first_click")
    assert answer["expires_at"][:10] == (now() + timedelta(days=30)).strftime("%Y-%m-%d")
