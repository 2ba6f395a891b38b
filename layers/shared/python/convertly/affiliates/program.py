"""The program's terms (one item) and what one affiliate earns: their override, else the program's."""

from __future__ import annotations

from convertly.affiliates import keys
from convertly.affiliates.domain import CommissionTerms, ProgramTerms, ProgramTermsOut
from convertly.affiliates.items import AffiliateItem, ProgramTermsItem
from convertly.platform.clock import iso
from convertly.platform.principal import Principal

DEFAULTS = ProgramTerms(
    commission_type="percent",
    percent_bps=2000,
    duration_months=12,
    bounty_minor=0,
    currency="usd",
    hold_days=30,
    cookie_days=60,
    attribution="last_click",
    payout_threshold_minor=5000,
)


def terms_item() -> ProgramTermsItem | None:
    try:
        return ProgramTermsItem.get(keys.PROGRAM, keys.TERMS_SK)
    except ProgramTermsItem.DoesNotExist:
        return None


def terms() -> ProgramTermsOut:
    """The program's terms; the defaults (20% for 12 months, 30 days' hold, 60 days' window, last
    click wins, $50 threshold) until a Developer Admin sets them."""
    item = terms_item()
    if item is None:
        return ProgramTermsOut(**DEFAULTS.model_dump())
    return ProgramTermsOut(
        commission_type=item.commission_type,  # type: ignore[arg-type]
        percent_bps=int(item.percent_bps),
        duration_months=int(item.duration_months) if item.duration_months is not None else None,
        bounty_minor=int(item.bounty_minor),
        currency=item.bounty_currency,
        hold_days=int(item.hold_days),
        cookie_days=int(item.cookie_days),
        attribution=item.attribution,  # type: ignore[arg-type]
        payout_threshold_minor=int(item.payout_threshold_minor),
        updated_at=item.updated_at,
    )


def set_terms(principal: Principal, body: ProgramTerms) -> ProgramTermsOut:
    ProgramTermsItem(
        keys.PROGRAM,
        keys.TERMS_SK,
        commission_type=body.commission_type,
        percent_bps=body.percent_bps,
        duration_months=body.duration_months,
        bounty_minor=body.bounty_minor,
        bounty_currency=body.currency,
        hold_days=body.hold_days,
        cookie_days=body.cookie_days,
        attribution=body.attribution,
        payout_threshold_minor=body.payout_threshold_minor,
        updated_at=iso(),
        updated_by=principal.user_id,
    ).save()
    return terms()


def override_of(affiliate: AffiliateItem) -> CommissionTerms | None:
    if not affiliate.override_set or affiliate.override_type is None:
        return None
    return CommissionTerms(
        commission_type=affiliate.override_type,  # type: ignore[arg-type]
        percent_bps=int(affiliate.override_percent_bps or 0),
        duration_months=int(affiliate.override_months) if affiliate.override_months is not None else None,
        bounty_minor=int(affiliate.override_bounty_minor or 0),
    )


def commission_terms(program: ProgramTerms, affiliate: AffiliateItem) -> CommissionTerms:
    """What the affiliate earns now."""
    return override_of(affiliate) or CommissionTerms(
        commission_type=program.commission_type,
        percent_bps=program.percent_bps,
        duration_months=program.duration_months,
        bounty_minor=program.bounty_minor,
    )


def percent_of(amount_minor: int, bps: int) -> int:
    """`bps` basis points of `amount_minor`, to the minor unit, halves rounded up: integers only."""
    sign = -1 if amount_minor < 0 else 1
    return sign * ((abs(amount_minor) * bps + 5000) // 10000)


def share_of(part: int, whole: int, amount: int) -> int:
    """`amount` scaled by `part / whole` to the minor unit (halves up); `amount` when `part >= whole`."""
    if whole <= 0 or part >= whole:
        return amount
    return (amount * part * 2 + whole) // (2 * whole)
