"""Attribution of a sign-up: the tenant that signs up with a referral the program's window still
covers is the affiliate's. A referral to oneself (the affiliate's own email address, or an address at
the same company domain) is refused and flagged; the card check comes with the first payment
(commissions.py)."""

from __future__ import annotations

import re
from datetime import timedelta

from pynamodb.exceptions import PutError

from convertly.affiliates import keys, program
from convertly.affiliates.clicks import find_click
from convertly.affiliates.identity import address_key, company_domain
from convertly.affiliates.items import (
    AffiliateItem,
    AffiliateStatsItem,
    AttributionItem,
    DayItem,
    DomainRouteItem,
    EmailRouteItem,
    FlagItem,
    ReferralItem,
)
from convertly.platform.clock import iso, new_id, now, parse_iso
from convertly.platform.observability import logger
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

CLICK_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def initials(company: str) -> str:
    """The company's initials, as the affiliate sees a referral: "Summit Roofing Co" -> "S. R. C."."""
    words = [w for w in re.split(r"\s+", company.strip()) if w and w[0].isalnum()]
    return " ".join(f"{w[0].upper()}." for w in words[:3]) or "—"


def self_referral(affiliate_email: str, email: str) -> str | None:
    """Why a sign-up with `email` would be the affiliate's own, or None."""
    if address_key(affiliate_email) == address_key(email):
        return "the affiliate's own email address"
    domain = company_domain(email)
    if domain is not None and domain == company_domain(affiliate_email):
        return f"an address at the affiliate's own domain ({domain})"
    return None


def attribution_of(tenant_id: str) -> AttributionItem | None:
    try:
        return AttributionItem.get(keys.attribution(tenant_id), keys.ATTRIBUTION_SK, consistent_read=True)
    except AttributionItem.DoesNotExist:
        return None


def attribute_sign_up(tenant_id: str, company: str, email: str, referral: str | None) -> str | None:
    """Attribute a new tenant to the affiliate its referral names; the outcome (attributed, refused,
    or None when the referral names nothing the window covers). Never fails the sign-up."""
    try:
        if referral and CLICK_ID.match(referral):
            outcome = _attribute(tenant_id, company, email, referral)
            if outcome is not None:
                return outcome
        return _own_account(tenant_id, company, email)
    except Exception:
        logger.exception("could not attribute a sign-up", extra={"tenant_id": tenant_id})
        return None


def _attribute(tenant_id: str, company: str, email: str, referral: str) -> str | None:
    click = find_click(referral)
    if click is None:
        return None
    terms = program.terms()
    at = now()
    if parse_iso(click.clicked_at) + timedelta(days=terms.cookie_days) < at:
        return None
    try:
        affiliate = AffiliateItem.get(keys.affiliate(click.affiliate_id), keys.PROFILE_SK)
    except AffiliateItem.DoesNotExist:
        return None
    why_not = self_referral(affiliate.email, email)
    status = "refused" if why_not else "attributed"
    day = at.strftime("%Y-%m-%d")
    tx = Transaction()
    tx.put(
        "attribution",
        AttributionItem(
            keys.attribution(tenant_id),
            keys.ATTRIBUTION_SK,
            tenant_id=tenant_id,
            affiliate_id=affiliate.affiliate_id,
            status=status,
            reason=f"self-referral: {why_not}" if why_not else None,
            click_id=click.click_id,
            sub_id=click.sub_id,
            attributed_at=iso(at),
            initials=initials(company),
        ),
        condition=AttributionItem.PK.does_not_exist(),
    )
    stats = AffiliateStatsItem(keys.affiliate(affiliate.affiliate_id), keys.STATS_SK)
    if why_not:
        tx.update(
            "stats", stats, actions=[AffiliateStatsItem.refused.add(1), AffiliateStatsItem.flags.add(1)]
        )
        tx.put(
            "flag",
            flag_item(affiliate.affiliate_id, "self_referral_email", f"Sign-up with {why_not}", tenant_id),
        )
    else:
        tx.put(
            "referral",
            ReferralItem(
                keys.referrals(affiliate.affiliate_id),
                keys.referral_sk(tenant_id),
                tenant_id=tenant_id,
                initials=initials(company),
                plan="starter",
                status="trial",
                signed_up_at=iso(at),
                sub_id=click.sub_id,
            ),
        )
        tx.update(
            "stats", stats, actions=[AffiliateStatsItem.signups.add(1), AffiliateStatsItem.trials.add(1)]
        )
        tx.update(
            "day",
            DayItem(keys.days(affiliate.affiliate_id), keys.day_sk(day)),
            actions=[DayItem.type.set(DayItem), DayItem.day.set(day), DayItem.signups.add(1)],
        )
    try:
        tx.commit()
    except TransactionCancelledError:
        return None  # attributed already (a retried sign-up step)
    logger.info("sign-up attributed", extra={"tenant_id": tenant_id, "outcome": status})
    return status


def owner_of(email: str) -> str | None:
    """The affiliate an address belongs to: theirs (a `+tag` aside), or at their company's domain."""
    try:
        route = EmailRouteItem.get(keys.email_route(address_key(email)), keys.ROUTE_SK)
        if route.affiliate_id:
            return str(route.affiliate_id)
    except EmailRouteItem.DoesNotExist:
        pass
    domain = company_domain(email)
    if domain is None:
        return None
    try:
        found = DomainRouteItem.get(keys.domain_route(domain), keys.ROUTE_SK)
    except DomainRouteItem.DoesNotExist:
        return None
    return min(found.affiliate_ids) if found.affiliate_ids else None


def _own_account(tenant_id: str, company: str, email: str) -> str | None:
    """A tenant an affiliate signs up for themselves is theirs: the cards it pays with refuse their
    referrals (commissions.py)."""
    affiliate_id = owner_of(email)
    if affiliate_id is None:
        return None
    try:
        AttributionItem(
            keys.attribution(tenant_id),
            keys.ATTRIBUTION_SK,
            tenant_id=tenant_id,
            affiliate_id=affiliate_id,
            status="own",
            reason="the affiliate's own account",
            attributed_at=iso(),
            initials=initials(company),
        ).save(condition=AttributionItem.PK.does_not_exist())
    except PutError:
        return None
    return "own"


def flag_item(affiliate_id: str, kind: str, detail: str, tenant_id: str | None) -> FlagItem:
    flag_id = new_id()
    return FlagItem(
        keys.flags(affiliate_id),
        keys.flag_sk(flag_id),
        flag_id=flag_id,
        kind=kind,
        detail=detail,
        tenant_id=tenant_id,
        created_at=iso(),
    )
