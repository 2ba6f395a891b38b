"""The affiliate program's API shapes: the public application and click, the partner portal and the
console's program, applications, affiliates, ledger and payouts. Money is in minor units (cents)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from convertly.platform.domain import DomainModel
from convertly.platform.fields import EmailAddress

DASHBOARD_MAX_DAYS = 366  # the longest range a partner's dashboard reads

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Website = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=300, pattern=r"^(https?://)?[^\s/$.?#][^\s]*$")
]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z0-9-]{3,32}$")]
SubId = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64, pattern=r"^[A-Za-z0-9_.-]*$")]
UtmValue = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[A-Za-z]{3}$")]
CommissionType = Literal["percent", "bounty"]
Attribution = Literal["last_click", "first_click"]


class _Body(DomainModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


# Public ---------------------------------------------------------------------------------------------


class PartnerApplicationIn(_Body):
    name: Name
    email: EmailAddress
    website: Website | None = None
    audience: LongText = Field(description="Who they reach: agencies, consultants, an audience of...")
    promotion: LongText = Field(description="How they will promote Convertly")


class PartnerApplicationReceipt(DomainModel):
    application_id: str
    status: str
    message: str


class ReferralClick(_Body):
    code: Code
    sub_id: SubId | None = None
    utm_source: UtmValue | None = None
    utm_medium: UtmValue | None = None
    utm_campaign: UtmValue | None = None
    utm_content: UtmValue | None = None
    utm_term: UtmValue | None = None


class ReferralClickResult(DomainModel):
    referral: str | None = Field(description="What sign-up sends back as `referral`; none for a bot")
    expires_at: str = Field(description="Until when sign-up may name it (the program's window)")
    cookie_days: int
    attribution: Attribution = Field(description="last_click: a later click replaces an earlier one")


# Terms ----------------------------------------------------------------------------------------------


class CommissionTerms(_Body):
    """What an affiliate earns: a percentage of each paid invoice, for `duration_months` from the first
    paid invoice or for the subscription's lifetime (null), or a bounty on the first paid invoice."""

    commission_type: CommissionType
    percent_bps: int = Field(default=0, ge=0, le=10000, description="Basis points: 2000 is 20%")
    duration_months: int | None = Field(
        default=None, ge=1, le=120, description="null: the subscription's lifetime"
    )
    bounty_minor: int = Field(default=0, ge=0, le=100_000_000)

    @model_validator(mode="after")
    def _complete(self) -> CommissionTerms:
        from convertly.platform.errors import ValidationError

        if self.commission_type == "percent" and self.percent_bps <= 0:
            raise ValidationError(
                "A percentage commission needs a percentage above 0",
                fields={"percent_bps": "must be above 0"},
            )
        if self.commission_type == "bounty" and self.bounty_minor <= 0:
            raise ValidationError(
                "A bounty needs an amount above 0", fields={"bounty_minor": "must be above 0"}
            )
        return self


class ProgramTerms(CommissionTerms):
    currency: Currency = Field(default="usd", description="Of the bounty and the payout threshold")
    hold_days: int = Field(default=30, ge=0, le=365, description="Days a commission stays pending")
    cookie_days: int = Field(default=60, ge=1, le=365, description="Days a click's referral lasts")
    attribution: Attribution = "last_click"
    payout_threshold_minor: int = Field(default=5000, ge=0, le=100_000_000)


class ProgramTermsOut(ProgramTerms):
    model_config = ConfigDict(extra="ignore", defer_build=True)
    updated_at: str | None = None


class CommissionOverride(_Body):
    override: CommissionTerms | None = Field(description="null: the program's terms again")


# Applications ---------------------------------------------------------------------------------------


class PartnerApplication(DomainModel):
    application_id: str
    name: str
    email: str
    website: str | None
    audience: str
    promotion: str
    status: str
    created_at: str
    decided_at: str | None
    note: str | None
    affiliate_id: str | None


class PartnerApplicationList(DomainModel):
    items: list[PartnerApplication]
    next_cursor: str | None


class ApplicationDecision(_Body):
    note: Note = ""


# Affiliates (console) -------------------------------------------------------------------------------


class PartnerBalance(DomainModel):
    currency: str
    pending: int
    payable: int
    paid: int
    reversed: int
    reversed_open: int
    due: int = Field(description="What the next payout would send: payable less unsettled reversals")
    paid_out: int


class PartnerStats(DomainModel):
    clicks: int
    unique_clicks: int
    bot_clicks: int
    signups: int
    trials: int
    paying: int
    canceled: int
    refused: int
    mrr_minor: int
    flags: int


class AffiliateRow(DomainModel):
    affiliate_id: str
    name: str
    email: str
    code: str
    status: str
    created_at: str
    stats: PartnerStats
    balances: list[PartnerBalance]


class AffiliateList(DomainModel):
    items: list[AffiliateRow]
    next_cursor: str | None


class PartnerFlag(DomainModel):
    flag_id: str
    kind: str
    detail: str
    tenant_id: str | None
    created_at: str


class AffiliateDetail(AffiliateRow):
    website: str | None
    override: CommissionTerms | None
    terms: CommissionTerms = Field(
        description="What the affiliate earns now: the override, else the program's"
    )
    payout_method: str | None
    payout_summary: str | None
    flags: list[PartnerFlag]


class CommissionEntry(DomainModel):
    entry_id: str
    affiliate_id: str
    kind: str
    amount: int
    currency: str
    status: str
    initials: str
    invoice_id: str | None
    source_id: str | None
    reason: str | None
    reversed: int
    created_at: str
    available_at: str | None
    released_at: str | None
    payout_id: str | None


class CommissionPage(DomainModel):
    items: list[CommissionEntry]
    next_cursor: str | None


class PayoutDueRow(DomainModel):
    affiliate_id: str
    name: str
    currency: str
    payable: int
    reversed_open: int
    due: int
    payout_method: str | None
    payout_summary: str | None
    ready: bool = Field(description="Over the threshold, with payout settings")
    reason: str | None = Field(description="Why not ready")


class PayoutDue(DomainModel):
    currency: str
    threshold_minor: int
    items: list[PayoutDueRow]


class PayoutBatchIn(_Body):
    currency: Currency = "usd"


class PayoutBatchLine(DomainModel):
    payout_id: str
    affiliate_id: str
    name: str
    amount: int
    currency: str
    method: str
    recipient: str


class PayoutBatch(DomainModel):
    batch_id: str
    currency: str
    status: str
    payouts: int
    total: int
    created_at: str
    exported_at: str | None
    paid_at: str | None
    lines: list[PayoutBatchLine] = []


class PayoutBatchList(DomainModel):
    items: list[PayoutBatch]
    next_cursor: str | None


class PartnerAssetIn(_Body):
    kind: Literal["file", "copy"]
    title: Name
    text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None = None
    file_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    content_type: (
        Annotated[str, StringConstraints(pattern=r"^(image/(png|jpeg|svg\+xml|webp)|application/pdf)$")]
        | None
    ) = None
    size: int | None = Field(default=None, ge=1, le=10 * 1024 * 1024)

    @model_validator(mode="after")
    def _complete(self) -> PartnerAssetIn:
        from convertly.platform.errors import ValidationError

        if self.kind == "copy" and not self.text:
            raise ValidationError("Copy needs its text", fields={"text": "required for copy"})
        if self.kind == "file" and not (self.file_name and self.content_type and self.size):
            missing = {name: "required for a file" for name in ("file_name", "content_type", "size")}
            raise ValidationError("A file needs its name, type and size", fields=missing)
        return self


class PartnerAsset(DomainModel):
    asset_id: str
    kind: str
    title: str
    text: str | None
    content_type: str | None
    size: int | None
    download_url: str | None
    created_at: str


class PartnerAssetUpload(DomainModel):
    asset: PartnerAsset
    upload: dict[str, object] | None = Field(description="The presigned POST (url, fields) of a file")


class PartnerAssetList(DomainModel):
    items: list[PartnerAsset]


# The partner portal ---------------------------------------------------------------------------------


class PartnerDay(DomainModel):
    day: str
    clicks: int
    signups: int
    paying: int
    earned: int = Field(description="Commissions earned that day, minor units of the program's currency")


class PartnerDashboard(DomainModel):
    name: str
    code: str
    stats: PartnerStats
    click_to_signup: float | None = Field(description="Sign-ups per unique click, 0-1")
    signup_to_paying: float | None = Field(description="Paying customers per sign-up, 0-1")
    currency: str
    pending: int
    due: int
    paid_out: int
    days: list[PartnerDay]
    cookie_days: int
    attribution: Attribution
    terms: CommissionTerms


class PartnerReferral(DomainModel):
    initials: str
    plan: str | None
    status: str
    signed_up_at: str
    first_paid_at: str | None
    mrr_minor: int
    currency: str
    commission_minor: int
    sub_id: str | None


class PartnerReferralPage(DomainModel):
    items: list[PartnerReferral]
    next_cursor: str | None


class PartnerPayout(DomainModel):
    payout_id: str
    amount: int
    currency: str
    commissions: int
    reversals: int
    method: str
    recipient: str
    status: str
    created_at: str
    paid_at: str | None


class PartnerPayoutDetail(PartnerPayout):
    entries: list[CommissionEntry]


class PartnerPayoutPage(DomainModel):
    items: list[PartnerPayout]
    next_cursor: str | None


class PayoutBankDetails(_Body):
    account_holder: Name
    iban: (
        Annotated[
            str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{10,40}$")
        ]
        | None
    ) = None
    account_number: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{4,17}$")] | None = (
        None
    )
    routing_number: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{6,9}$")] | None = (
        None
    )
    country: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")]
    currency: Currency = "usd"

    @model_validator(mode="after")
    def _account(self) -> PayoutBankDetails:
        from convertly.platform.errors import ValidationError

        if not self.iban and not (self.account_number and self.routing_number):
            raise ValidationError(
                "Give an IBAN, or an account number with its routing (or sort) code",
                fields={"iban": "an IBAN, or the account and routing numbers"},
            )
        return self


class PartnerPayoutSettingsIn(_Body):
    method: Literal["paypal", "bank"]
    paypal_email: EmailAddress | None = None
    bank: PayoutBankDetails | None = None

    @model_validator(mode="after")
    def _details(self) -> PartnerPayoutSettingsIn:
        from convertly.platform.errors import ValidationError

        if self.method == "paypal" and not self.paypal_email:
            raise ValidationError("PayPal payouts need the PayPal email", fields={"paypal_email": "required"})
        if self.method == "bank" and self.bank is None:
            raise ValidationError("Bank payouts need the bank details", fields={"bank": "required"})
        return self


class PartnerPayoutSettings(DomainModel):
    method: str | None
    summary: str | None = Field(description="The details, masked")
    updated_at: str | None
