"""What the partner portal and the console read: the dashboard (counters and the days asked for,
whatever the number of referrals), referrals, payouts, the ledger, affiliates and their flags, payout
settings and marketing assets."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from convertly.affiliates import keys, program
from convertly.affiliates.domain import (
    AffiliateDetail,
    AffiliateList,
    AffiliateRow,
    CommissionEntry,
    CommissionOverride,
    CommissionPage,
    PartnerAsset,
    PartnerAssetIn,
    PartnerAssetList,
    PartnerAssetUpload,
    PartnerBalance,
    PartnerDashboard,
    PartnerDay,
    PartnerFlag,
    PartnerPayout,
    PartnerPayoutDetail,
    PartnerPayoutPage,
    PartnerPayoutSettings,
    PartnerPayoutSettingsIn,
    PartnerReferral,
    PartnerReferralPage,
    PartnerStats,
)
from convertly.affiliates.items import (
    AffiliateItem,
    AffiliateStatsItem,
    AssetItem,
    BalanceItem,
    DayItem,
    DirectoryItem,
    EntryItem,
    FlagItem,
    PayoutItem,
    ReferralItem,
)
from convertly.affiliates.payouts import PAYOUT_PURPOSE, due_of, sealing_context
from convertly.platform import uploads
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import Item
from convertly.platform.store.paging import query_page


def affiliate(affiliate_id: str) -> AffiliateItem:
    try:
        found = AffiliateItem.get(keys.affiliate(affiliate_id), keys.PROFILE_SK)
    except AffiliateItem.DoesNotExist as error:
        raise NotFoundError("No such affiliate", code="affiliate_not_found") from error
    return found


def _stats(item: AffiliateStatsItem | None) -> PartnerStats:
    item = item or AffiliateStatsItem()
    return PartnerStats(
        clicks=int(item.clicks),
        unique_clicks=int(item.unique_clicks),
        bot_clicks=int(item.bot_clicks),
        signups=int(item.signups),
        trials=int(item.trials),
        paying=int(item.paying),
        canceled=int(item.canceled),
        refused=int(item.refused),
        mrr_minor=int(item.mrr_minor),
        flags=int(item.flags),
    )


def _balance(item: BalanceItem) -> PartnerBalance:
    return PartnerBalance(
        currency=item.currency,
        pending=int(item.pending),
        payable=int(item.payable),
        paid=int(item.paid),
        reversed=int(item.reversed),
        reversed_open=int(item.reversed_open),
        due=due_of(item),
        paid_out=int(item.paid_out),
    )


def _partition(
    affiliate_id: str,
) -> tuple[AffiliateItem | None, AffiliateStatsItem | None, list[BalanceItem]]:
    """The affiliate's profile, counters and balances: one Query of their partition's few items."""
    profile, stats, balances = None, None, []
    for item in Item.query(keys.affiliate(affiliate_id)):
        if isinstance(item, AffiliateItem):
            profile = item
        elif isinstance(item, AffiliateStatsItem):
            stats = item
        elif isinstance(item, BalanceItem):
            balances.append(item)
    return profile, stats, balances


# The partner portal ---------------------------------------------------------------------------------


def dashboard(affiliate_id: str, days: int) -> PartnerDashboard:
    profile, stats_item, balances = _partition(affiliate_id)
    if profile is None:
        raise NotFoundError("Your partner account no longer exists", code="affiliate_not_found")
    terms = program.terms()
    stats = _stats(stats_item)
    today = now().date()
    first = today - timedelta(days=days - 1)
    found = {
        item.day: item
        for item in DayItem.query(
            keys.days(affiliate_id),
            DayItem.SK.between(keys.day_sk(first.isoformat()), keys.day_sk(today.isoformat())),
        )
    }
    series = []
    for offset in range(days):
        day = (first + timedelta(days=offset)).isoformat()
        item = found.get(day)
        series.append(
            PartnerDay(
                day=day,
                clicks=int(item.clicks) if item else 0,
                signups=int(item.signups) if item else 0,
                paying=int(item.paying) if item else 0,
                earned=int(item.earned_minor) if item else 0,
            )
        )
    balance = next((b for b in balances if b.currency == terms.currency), None)
    return PartnerDashboard(
        name=profile.name,
        code=profile.code,
        stats=stats,
        click_to_signup=round(stats.signups / stats.unique_clicks, 4) if stats.unique_clicks else None,
        signup_to_paying=round((stats.paying + stats.canceled) / stats.signups, 4) if stats.signups else None,
        currency=terms.currency,
        pending=int(balance.pending) if balance else 0,
        due=due_of(balance),
        paid_out=int(balance.paid_out) if balance else 0,
        days=series,
        cookie_days=terms.cookie_days,
        attribution=terms.attribution,
        terms=program.commission_terms(terms, profile),
    )


def referrals(affiliate_id: str, cursor: str | None, limit: int) -> PartnerReferralPage:
    items, next_cursor = query_page(ReferralItem, keys.referrals(affiliate_id), limit=limit, cursor=cursor)
    return PartnerReferralPage(
        items=[
            PartnerReferral(
                initials=item.initials,
                plan=item.plan,
                status=item.status,
                signed_up_at=item.signed_up_at,
                first_paid_at=item.first_paid_at,
                mrr_minor=int(item.mrr_minor),
                currency=item.currency,
                commission_minor=int(item.commission_minor),
                sub_id=item.sub_id,
            )
            for item in items
        ],
        next_cursor=next_cursor,
    )


def to_entry(item: EntryItem) -> CommissionEntry:
    return CommissionEntry(
        entry_id=item.entry_id,
        affiliate_id=item.affiliate_id,
        kind=item.kind,
        amount=int(item.amount),
        currency=item.currency,
        status=item.status,
        initials=item.initials,
        invoice_id=item.invoice_id,
        source_id=item.source_id,
        reason=item.reason,
        reversed=int(item.reversed),
        created_at=item.created_at,
        available_at=item.available_at,
        released_at=item.released_at,
        payout_id=item.payout_id,
    )


def ledger(affiliate_id: str, cursor: str | None, limit: int) -> CommissionPage:
    items, next_cursor = query_page(EntryItem, keys.ledger(affiliate_id), limit=limit, cursor=cursor)
    return CommissionPage(items=[to_entry(item) for item in items], next_cursor=next_cursor)


def ledger_month(month: str, cursor: str | None, limit: int) -> CommissionPage:
    """Every affiliate's entries of one month, newest first (the console's ledger)."""
    items, next_cursor = query_page(
        EntryItem.gsi1, keys.ledger_month(month), limit=limit, cursor=cursor, index_keys=("GSI1PK", "GSI1SK")
    )
    return CommissionPage(items=[to_entry(item) for item in items], next_cursor=next_cursor)


def _payout(item: PayoutItem) -> PartnerPayout:
    return PartnerPayout(
        payout_id=item.payout_id,
        amount=int(item.amount),
        currency=item.currency,
        commissions=int(item.commissions),
        reversals=int(item.reversals),
        method=item.method,
        recipient=item.recipient,
        status=item.status,
        created_at=item.created_at,
        paid_at=item.paid_at,
    )


def payouts(affiliate_id: str, cursor: str | None, limit: int) -> PartnerPayoutPage:
    items, next_cursor = query_page(PayoutItem, keys.payouts(affiliate_id), limit=limit, cursor=cursor)
    return PartnerPayoutPage(items=[_payout(item) for item in items], next_cursor=next_cursor)


def payout(affiliate_id: str, payout_id: str) -> PartnerPayoutDetail:
    try:
        item = PayoutItem.get(keys.payouts(affiliate_id), keys.payout_sk(payout_id))
    except PayoutItem.DoesNotExist as error:
        raise NotFoundError("No such payout", code="payout_not_found") from error
    wanted = [(keys.ledger(affiliate_id), keys.entry_sk(e)) for e in item.entry_ids]
    entries: list[EntryItem] = []
    for start in range(0, len(wanted), 100):
        entries += [e for e in Item.batch_get(wanted[start : start + 100]) if isinstance(e, EntryItem)]
    entries.sort(key=lambda e: e.entry_id)
    return PartnerPayoutDetail(**_payout(item).model_dump(), entries=[to_entry(e) for e in entries])


# Payout settings ------------------------------------------------------------------------------------------


def _mask(text: str, keep: int = 4) -> str:
    return "•" * max(len(text) - keep, 2) + text[-keep:] if len(text) > keep else "•" * len(text)


def _mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'•' * max(len(local) - 1, 2)}@{domain}"


def payout_settings(affiliate_id: str) -> PartnerPayoutSettings:
    item = affiliate(affiliate_id)
    return PartnerPayoutSettings(
        method=item.payout_method, summary=item.payout_summary, updated_at=item.payout_updated_at
    )


def set_payout_settings(
    affiliate_id: str, body: PartnerPayoutSettingsIn, box: SecretBox | None = None
) -> PartnerPayoutSettings:
    """The details sealed with KMS (bound to the affiliate), a masked line kept to show."""
    item = affiliate(affiliate_id)
    if body.method == "paypal":
        details: dict[str, object] = {"paypal_email": body.paypal_email}
        summary = f"PayPal {_mask_email(str(body.paypal_email))}"
    else:
        assert body.bank is not None
        bank = body.bank.model_dump()
        details = {"bank": bank}
        account = (body.bank.iban or body.bank.account_number or "").replace(" ", "")
        summary = f"Bank {body.bank.country} {_mask(account)} ({body.bank.account_holder})"
    sealed = (box or KmsSecretBox()).seal(json.dumps(details), sealing_context(affiliate_id), PAYOUT_PURPOSE)
    at = iso()
    item.update(
        actions=[
            AffiliateItem.payout_method.set(body.method),
            AffiliateItem.payout_sealed.set(sealed),
            AffiliateItem.payout_summary.set(summary),
            AffiliateItem.payout_updated_at.set(at),
        ]
    )
    return PartnerPayoutSettings(method=body.method, summary=summary, updated_at=at)


# The console -----------------------------------------------------------------------------------------


def _rows(directory: list[DirectoryItem]) -> list[AffiliateRow]:
    wanted = []
    for entry in directory:
        wanted.append((keys.affiliate(entry.affiliate_id), keys.STATS_SK))
    found: dict[tuple[str, str], object] = {}
    for start in range(0, len(wanted), 100):
        found |= {(i.PK, i.SK): i for i in Item.batch_get(wanted[start : start + 100])}
    rows = []
    for entry in directory:
        stats = found.get((keys.affiliate(entry.affiliate_id), keys.STATS_SK))
        balances = list(
            BalanceItem.query(keys.affiliate(entry.affiliate_id), BalanceItem.SK.startswith("BALANCE#"))
        )
        rows.append(
            AffiliateRow(
                affiliate_id=entry.affiliate_id,
                name=entry.name,
                email=entry.email,
                code=entry.code,
                status=entry.status,
                created_at=entry.created_at,
                stats=_stats(stats if isinstance(stats, AffiliateStatsItem) else None),
                balances=[_balance(b) for b in balances],
            )
        )
    return rows


def affiliates(cursor: str | None, limit: int) -> AffiliateList:
    items, next_cursor = query_page(DirectoryItem, keys.DIRECTORY, limit=limit, cursor=cursor)
    return AffiliateList(items=_rows(items), next_cursor=next_cursor)


def flags(affiliate_id: str, limit: int = 50) -> list[PartnerFlag]:
    found = FlagItem.query(keys.flags(affiliate_id), scan_index_forward=False, limit=limit)
    return [
        PartnerFlag(
            flag_id=f.flag_id, kind=f.kind, detail=f.detail, tenant_id=f.tenant_id, created_at=f.created_at
        )
        for f in found
    ]


def detail(affiliate_id: str) -> AffiliateDetail:
    profile, stats, balances = _partition(affiliate_id)
    if profile is None:
        raise NotFoundError("No such affiliate", code="affiliate_not_found")
    terms = program.terms()
    return AffiliateDetail(
        affiliate_id=profile.affiliate_id,
        name=profile.name,
        email=profile.email,
        code=profile.code,
        status=profile.status,
        created_at=profile.created_at,
        stats=_stats(stats),
        balances=[_balance(b) for b in balances],
        website=profile.website,
        override=program.override_of(profile),
        terms=program.commission_terms(terms, profile),
        payout_method=profile.payout_method,
        payout_summary=profile.payout_summary,
        flags=flags(affiliate_id),
    )


def set_override(affiliate_id: str, body: CommissionOverride) -> AffiliateDetail:
    item = affiliate(affiliate_id)
    terms = body.override
    actions: list[Any]
    if terms is None:
        actions = [
            AffiliateItem.override_set.set(False),
            AffiliateItem.override_type.remove(),
            AffiliateItem.override_percent_bps.remove(),
            AffiliateItem.override_months.remove(),
            AffiliateItem.override_bounty_minor.remove(),
        ]
    else:
        actions = [
            AffiliateItem.override_set.set(True),
            AffiliateItem.override_type.set(terms.commission_type),
            AffiliateItem.override_percent_bps.set(terms.percent_bps),
            AffiliateItem.override_bounty_minor.set(terms.bounty_minor),
        ]
        actions.append(
            AffiliateItem.override_months.set(terms.duration_months)
            if terms.duration_months is not None
            else AffiliateItem.override_months.remove()
        )
    item.update(actions=actions)
    return detail(affiliate_id)


# Marketing assets ------------------------------------------------------------------------------------


def _asset(item: AssetItem, *, link: bool) -> PartnerAsset:
    url = None
    if link and item.kind == "file" and item.object_key and item.uploaded:
        url = uploads.download_link(item.object_key, item.title, inline=True)
    return PartnerAsset(
        asset_id=item.asset_id,
        kind=item.kind,
        title=item.title,
        text=item.text,
        content_type=item.content_type,
        size=int(item.size) if item.size is not None else None,
        download_url=url,
        created_at=item.created_at,
    )


def assets(*, uploaded_only: bool) -> PartnerAssetList:
    items = list(AssetItem.query(keys.ASSETS, scan_index_forward=False, limit=200))
    shown = [i for i in items if i.kind == "copy" or i.uploaded or not uploaded_only]
    return PartnerAssetList(items=[_asset(i, link=True) for i in shown])


def add_asset(principal: Principal, body: PartnerAssetIn) -> PartnerAssetUpload:
    asset_id = new_id()
    item = AssetItem(
        keys.ASSETS,
        keys.asset_sk(asset_id),
        asset_id=asset_id,
        kind=body.kind,
        title=body.title,
        text=body.text if body.kind == "copy" else None,
        created_at=iso(),
        created_by=principal.user_id,
    )
    upload = None
    if body.kind == "file":
        item.object_key = f"affiliates/assets/{asset_id}/{body.file_name}"
        item.content_type = body.content_type
        item.size = body.size
        upload = uploads.presigned_post(
            item.object_key, max_bytes=int(body.size or 1), content_type=body.content_type
        )
    item.save()
    return PartnerAssetUpload(asset=_asset(item, link=False), upload=upload)


def _asset_item(asset_id: str) -> AssetItem:
    try:
        return AssetItem.get(keys.ASSETS, keys.asset_sk(asset_id), consistent_read=True)
    except AssetItem.DoesNotExist as error:
        raise NotFoundError("No such asset", code="asset_not_found") from error


def complete_asset(asset_id: str) -> PartnerAsset:
    """The browser's upload has finished: the file must be in the bucket, at its announced size."""
    item = _asset_item(asset_id)
    if item.kind != "file" or not item.object_key:
        raise ConflictError("Only a file is uploaded", code="not_a_file")
    stored = uploads.head(item.object_key)
    if stored is None:
        raise ConflictError("The file has not arrived: upload it again", code="upload_missing")
    item.update(actions=[AssetItem.uploaded.set(True), AssetItem.size.set(stored.size)])
    return _asset(item, link=True)


def delete_asset(asset_id: str) -> None:
    item = _asset_item(asset_id)
    if item.object_key:
        uploads.delete(item.object_key)
    item.delete()
