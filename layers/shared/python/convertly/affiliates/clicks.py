"""Referral links: a click on `/r/<code>` (or `?via=<code>`) is counted and gives the browser a
referral to keep first-party for the program's window.

No raw IP address is stored: a visitor is the HMAC of address and user agent under the day's random
salt, and the salt expires with the day, so a hash cannot be recomputed later. The first click of a
visitor in a day counts as unique; later ones are folded into it (counted in `clicks` only). Bots
(crawlers, link previews, headless browsers) are counted apart and get no referral.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from pynamodb.exceptions import PutError

from convertly.affiliates import keys, program
from convertly.affiliates.domain import ReferralClick, ReferralClickResult
from convertly.affiliates.items import (
    AffiliateItem,
    AffiliateStatsItem,
    ClickItem,
    CodeRouteItem,
    DayItem,
    SaltItem,
    VisitorItem,
)
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import NotFoundError
from convertly.platform.store.transaction import Transaction

BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|headless|curl|wget|python-requests|httpclient",
    re.IGNORECASE,
)
SALT_DAYS = 2  # the salt item lives a little past its day (clicks at midnight), then DynamoDB drops it


def is_bot(user_agent: str | None) -> bool:
    return not user_agent or bool(BOTS.search(user_agent))


def _day_salt(day: str) -> bytes:
    """The day's salt: made by the first click of the day (a conditional put), read by the others."""
    try:
        return bytes.fromhex(SaltItem.get(keys.salt(day), keys.ROUTE_SK).salt)
    except SaltItem.DoesNotExist:
        pass
    fresh = SaltItem(keys.salt(day), keys.ROUTE_SK, salt=secrets.token_hex(32))
    fresh.expires_at = now() + timedelta(days=SALT_DAYS)
    try:
        fresh.save(condition=SaltItem.PK.does_not_exist())
        return bytes.fromhex(fresh.salt)
    except PutError:
        return bytes.fromhex(SaltItem.get(keys.salt(day), keys.ROUTE_SK, consistent_read=True).salt)


def visitor_hash(day: str, ip: str, user_agent: str) -> str:
    digest = hmac.new(_day_salt(day), f"{ip}|{user_agent}".encode(), hashlib.sha256).hexdigest()
    return digest[:32]


def affiliate_of_code(code: str) -> AffiliateItem:
    try:
        route = CodeRouteItem.get(keys.code_route(code), keys.ROUTE_SK)
        affiliate = AffiliateItem.get(keys.affiliate(route.affiliate_id), keys.PROFILE_SK)
    except (CodeRouteItem.DoesNotExist, AffiliateItem.DoesNotExist) as error:
        raise NotFoundError("No partner has this referral code", code="referral_code_not_found") from error
    if affiliate.status != "active":
        raise NotFoundError("No partner has this referral code", code="referral_code_not_found")
    return affiliate


def record_click(
    body: ReferralClick, ip: str | None, user_agent: str | None, at: datetime | None = None
) -> ReferralClickResult:
    """Count the click and hand out its referral (none for a bot)."""
    at = at or now()
    affiliate = affiliate_of_code(body.code)
    terms = program.terms()
    day = at.strftime("%Y-%m-%d")
    expires = at + timedelta(days=terms.cookie_days)
    stats = AffiliateStatsItem(keys.affiliate(affiliate.affiliate_id), keys.STATS_SK)
    day_item = DayItem(keys.days(affiliate.affiliate_id), keys.day_sk(day))
    if is_bot(user_agent):
        stats.update(actions=[AffiliateStatsItem.bot_clicks.add(1)])
        return ReferralClickResult(
            referral=None,
            expires_at=iso(expires),
            cookie_days=terms.cookie_days,
            attribution=terms.attribution,
        )
    unique = _first_today(affiliate.affiliate_id, day, visitor_hash(day, ip or "", user_agent or ""))
    click_id = new_id()
    utm = {
        name: value
        for name in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
        if (value := getattr(body, name))
    }
    click = ClickItem(
        keys.referral_click(click_id),
        keys.ROUTE_SK,
        click_id=click_id,
        affiliate_id=affiliate.affiliate_id,
        code=affiliate.code,
        clicked_at=iso(at),
        sub_id=body.sub_id or None,
        utm=utm,
    )
    click.expires_at = expires + timedelta(days=1)
    tx = Transaction()
    tx.put("click", click)
    stat_actions = [AffiliateStatsItem.clicks.add(1)]
    day_actions = [DayItem.type.set(DayItem), DayItem.day.set(day), DayItem.clicks.add(1)]
    if unique:
        stat_actions.append(AffiliateStatsItem.unique_clicks.add(1))
        day_actions.append(DayItem.unique_clicks.add(1))
    tx.update("stats", stats, actions=stat_actions)
    tx.update("day", day_item, actions=day_actions)
    tx.commit()
    return ReferralClickResult(
        referral=click_id,
        expires_at=iso(expires),
        cookie_days=terms.cookie_days,
        attribution=terms.attribution,
    )


def _first_today(affiliate_id: str, day: str, visitor: str) -> bool:
    """Whether this is the visitor's first click on the affiliate's links today."""
    item = VisitorItem(keys.visitor(affiliate_id, day, visitor), keys.ROUTE_SK)
    item.expires_at = now() + timedelta(days=SALT_DAYS)
    try:
        item.save(condition=VisitorItem.PK.does_not_exist())
        return True
    except PutError:
        return False


def find_click(click_id: str) -> ClickItem | None:
    try:
        return ClickItem.get(keys.referral_click(click_id), keys.ROUTE_SK)
    except ClickItem.DoesNotExist:
        return None
