"""The affiliate program: the public application and referral click, the partner portal (an
Affiliate's own figures only: their id is their sign-in's) and the console's program pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.affiliates.domain import (
    DASHBOARD_MAX_DAYS,
    AffiliateDetail,
    AffiliateList,
    ApplicationDecision,
    CommissionEntry,
    CommissionOverride,
    CommissionPage,
    PartnerApplication,
    PartnerApplicationIn,
    PartnerApplicationList,
    PartnerApplicationReceipt,
    PartnerAsset,
    PartnerAssetIn,
    PartnerAssetList,
    PartnerAssetUpload,
    PartnerDashboard,
    PartnerPayoutDetail,
    PartnerPayoutPage,
    PartnerPayoutSettings,
    PartnerPayoutSettingsIn,
    PartnerReferralPage,
    PayoutBatch,
    PayoutBatchIn,
    PayoutBatchList,
    PayoutDue,
    ProgramTerms,
    ProgramTermsOut,
    ReferralClick,
    ReferralClickResult,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.errors import NotFoundError
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.affiliates import applications, clicks, payouts, program, views
else:
    applications = deferred("convertly.affiliates.applications")
    clicks = deferred("convertly.affiliates.clicks")
    payouts = deferred("convertly.affiliates.payouts")
    program = deferred("convertly.affiliates.program")
    views = deferred("convertly.affiliates.views")

app = create_resolver(route_table("affiliates"))
AFFILIATE_SPACE = "affiliates"
Cursor = Annotated[str | None, Query(max_length=2048)]
Limit = Annotated[int, Query(ge=1, le=100)]


def _header(name: str) -> str | None:
    headers = app.current_event.headers or {}
    return next((value for key, value in headers.items() if key.lower() == name), None)


def _me() -> str:
    """The signed-in partner's affiliate id: their sign-in's, in the affiliates' space only."""
    principal = principal_of(app)
    if principal.tenant_id != AFFILIATE_SPACE:
        raise NotFoundError("No partner account signs in with this login", code="affiliate_not_found")
    return principal.user_id


# Public ----------------------------------------------------------------------------------------------


@app.post("/affiliate/applications", status_code=201)
def apply(body: PartnerApplicationIn) -> PartnerApplicationReceipt:
    return applications.apply(body)


@app.post("/affiliate/clicks")
def click(body: ReferralClick) -> ReferralClickResult:
    event = app.current_event
    return clicks.record_click(body, event.request_context.identity.source_ip, _header("user-agent"))


# The partner portal -------------------------------------------------------------------------------------


@app.get("/affiliate/dashboard")
def dashboard(days: Annotated[int, Query(ge=7, le=DASHBOARD_MAX_DAYS)] = 30) -> PartnerDashboard:
    return views.dashboard(_me(), days)


@app.get("/affiliate/referrals")
def referrals(cursor: Cursor = None, limit: Limit = 25) -> PartnerReferralPage:
    return views.referrals(_me(), cursor, limit)


@app.get("/affiliate/commissions")
def commissions(cursor: Cursor = None, limit: Limit = 25) -> CommissionPage:
    return views.ledger(_me(), cursor, limit)


@app.get("/affiliate/payouts")
def my_payouts(cursor: Cursor = None, limit: Limit = 25) -> PartnerPayoutPage:
    return views.payouts(_me(), cursor, limit)


@app.get("/affiliate/payouts/<payout_id>")
def my_payout(payout_id: str) -> PartnerPayoutDetail:
    return views.payout(_me(), payout_id)


@app.get("/affiliate/payout-settings")
def payout_settings() -> PartnerPayoutSettings:
    return views.payout_settings(_me())


@app.put("/affiliate/payout-settings")
def set_payout_settings(body: PartnerPayoutSettingsIn) -> PartnerPayoutSettings:
    return views.set_payout_settings(_me(), body)


@app.get("/affiliate/assets")
def my_assets() -> PartnerAssetList:
    _me()
    return views.assets(uploaded_only=True)


# The console: program, applications, affiliates -----------------------------------------------------


@app.get("/platform/affiliate-program")
def get_program() -> ProgramTermsOut:
    return program.terms()


@app.put("/platform/affiliate-program")
def set_program(body: ProgramTerms) -> ProgramTermsOut:
    return program.set_terms(principal_of(app), body)


@app.get("/platform/affiliate-applications")
def list_applications(
    status: Annotated[str, Query(pattern="^(pending|approved|rejected)$")] = "pending",
    cursor: Cursor = None,
    limit: Limit = 25,
) -> PartnerApplicationList:
    return applications.list_applications(status, cursor, limit)


@app.post("/platform/affiliate-applications/<application_id>/approve")
def approve(application_id: str, body: ApplicationDecision) -> PartnerApplication:
    return applications.approve(principal_of(app), application_id, body.note)


@app.post("/platform/affiliate-applications/<application_id>/reject")
def reject(application_id: str, body: ApplicationDecision) -> PartnerApplication:
    return applications.reject(principal_of(app), application_id, body.note)


@app.get("/platform/affiliates")
def list_affiliates(cursor: Cursor = None, limit: Limit = 25) -> AffiliateList:
    return views.affiliates(cursor, limit)


@app.get("/platform/affiliates/<affiliate_id>")
def get_affiliate(affiliate_id: str) -> AffiliateDetail:
    return views.detail(affiliate_id)


@app.put("/platform/affiliates/<affiliate_id>/override")
def set_override(affiliate_id: str, body: CommissionOverride) -> AffiliateDetail:
    return views.set_override(affiliate_id, body)


@app.get("/platform/affiliates/<affiliate_id>/commissions")
def affiliate_ledger(affiliate_id: str, cursor: Cursor = None, limit: Limit = 25) -> CommissionPage:
    views.affiliate(affiliate_id)
    return views.ledger(affiliate_id, cursor, limit)


@app.post("/platform/affiliates/<affiliate_id>/commissions/<entry_id>/release")
def release(affiliate_id: str, entry_id: str) -> CommissionEntry:
    return views.to_entry(payouts.release_early(principal_of(app), affiliate_id, entry_id))


@app.get("/platform/affiliate-ledger")
def ledger(
    month: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> CommissionPage:
    from convertly.platform.clock import now

    return views.ledger_month(month or now().strftime("%Y-%m"), cursor, limit)


# The console: payouts and assets ------------------------------------------------------------------------


@app.get("/platform/affiliate-payouts")
def list_batches(cursor: Cursor = None, limit: Limit = 25) -> PayoutBatchList:
    items, next_cursor = payouts.batches(cursor, limit)
    return PayoutBatchList(items=items, next_cursor=next_cursor)


@app.post("/platform/affiliate-payouts", status_code=201)
def create_batch(body: PayoutBatchIn) -> PayoutBatch:
    return payouts.create_batch(principal_of(app), body.currency)


@app.get("/platform/affiliate-payouts/due")
def due(currency: Annotated[str, Query(pattern=r"^[a-z]{3}$")] = "usd") -> PayoutDue:
    return payouts.due(currency)


@app.get("/platform/affiliate-payouts/<batch_id>")
def get_batch(batch_id: str) -> PayoutBatch:
    return payouts.batch(batch_id)


@app.get("/platform/affiliate-payouts/<batch_id>/export")
def export(
    batch_id: str, file_format: Annotated[str, Query(alias="format", pattern="^(paypal|wise)$")] = "paypal"
) -> Response[str]:
    """The batch as PayPal Payouts' bulk file or Wise's batch payment file (CSV)."""
    name, text = payouts.export(principal_of(app), batch_id, file_format)
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=text,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@app.post("/platform/affiliate-payouts/<batch_id>/paid")
def mark_paid(batch_id: str) -> PayoutBatch:
    return payouts.mark_paid(principal_of(app), batch_id)


@app.get("/platform/affiliate-assets")
def list_assets() -> PartnerAssetList:
    return views.assets(uploaded_only=False)


@app.post("/platform/affiliate-assets", status_code=201)
def add_asset(body: PartnerAssetIn) -> PartnerAssetUpload:
    return views.add_asset(principal_of(app), body)


@app.post("/platform/affiliate-assets/<asset_id>/complete")
def complete_asset(asset_id: str) -> PartnerAsset:
    return views.complete_asset(asset_id)


@app.delete(
    "/platform/affiliate-assets/<asset_id>",
    status_code=204,
    responses={204: {"description": "The asset and its file are deleted", "content": {}}},
)
def delete_asset(asset_id: str) -> Response[Any]:
    views.delete_asset(asset_id)
    return Response(status_code=204)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
