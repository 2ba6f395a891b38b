"""The affiliate program's HTTP routes: the public application and referral click, the partner
portal (the Affiliate role, their own figures only) and the platform console's program pages."""

from __future__ import annotations

from convertly.permissions import Permission
from convertly.platform.routes import AuthKind, Route

U, PUB, P = AuthKind.USER, AuthKind.PUBLIC, Permission
F = "affiliates"
_AFF = "/platform/affiliates/{affiliate_id}"
_APP = "/platform/affiliate-applications/{application_id}"
_BATCH = "/platform/affiliate-payouts/{batch_id}"
_ASSET = "/platform/affiliate-assets/{asset_id}"

ROUTES: tuple[Route, ...] = (
    # Public
    Route("POST", "/affiliate/applications", F, PUB, summary="Apply to the partner program"),
    Route("POST", "/affiliate/clicks", F, PUB, summary="Count a referral link's click; its referral"),
    # The partner portal
    Route(
        "GET", "/affiliate/dashboard", F, U, P.AFFILIATE_PORTAL, "Clicks, sign-ups, revenue, balances by day"
    ),
    Route("GET", "/affiliate/referrals", F, U, P.AFFILIATE_PORTAL, "Referred customers (initials and plan)"),
    Route("GET", "/affiliate/commissions", F, U, P.AFFILIATE_PORTAL, "Commissions and reversals"),
    Route("GET", "/affiliate/payouts", F, U, P.AFFILIATE_PORTAL, "Payouts"),
    Route("GET", "/affiliate/payouts/{payout_id}", F, U, P.AFFILIATE_PORTAL, "A payout and what it covered"),
    Route("GET", "/affiliate/payout-settings", F, U, P.AFFILIATE_PORTAL, "Payout method (masked)"),
    Route("PUT", "/affiliate/payout-settings", F, U, P.AFFILIATE_PORTAL, "Set the payout method"),
    Route("GET", "/affiliate/assets", F, U, P.AFFILIATE_PORTAL, "Marketing assets"),
    # The console
    Route("GET", "/platform/affiliate-program", F, U, P.AFFILIATES_READ, "The program's terms"),
    Route("PUT", "/platform/affiliate-program", F, U, P.AFFILIATES_MANAGE, "Set the program's terms"),
    Route("GET", "/platform/affiliate-applications", F, U, P.AFFILIATES_READ, "Applications by status"),
    Route("POST", f"{_APP}/approve", F, U, P.AFFILIATES_MANAGE, "Approve: the partner's sign-in and code"),
    Route("POST", f"{_APP}/reject", F, U, P.AFFILIATES_MANAGE, "Reject an application with a note"),
    Route("GET", "/platform/affiliates", F, U, P.AFFILIATES_READ, "Affiliates, their figures and balances"),
    Route("GET", _AFF, F, U, P.AFFILIATES_READ, "One affiliate: terms, balances, fraud flags"),
    Route("PUT", f"{_AFF}/override", F, U, P.AFFILIATES_MANAGE, "Set or clear an affiliate's commission"),
    Route("GET", f"{_AFF}/commissions", F, U, P.AFFILIATES_READ, "One affiliate's ledger"),
    Route(
        "POST",
        f"{_AFF}/commissions/{{entry_id}}/release",
        F,
        U,
        P.AFFILIATES_MANAGE,
        "Release a pending commission before its hold ends",
    ),
    Route("GET", "/platform/affiliate-ledger", F, U, P.AFFILIATES_READ, "Every affiliate's ledger, by month"),
    Route("GET", "/platform/affiliate-payouts", F, U, P.AFFILIATES_READ, "Payout batches"),
    Route("POST", "/platform/affiliate-payouts", F, U, P.AFFILIATES_MANAGE, "Create a payout batch"),
    Route("GET", "/platform/affiliate-payouts/due", F, U, P.AFFILIATES_READ, "What each affiliate is due"),
    Route("GET", _BATCH, F, U, P.AFFILIATES_READ, "A payout batch and its payouts"),
    Route("GET", f"{_BATCH}/export", F, U, P.AFFILIATES_MANAGE, "A batch as PayPal Payouts' or Wise's CSV"),
    Route("POST", f"{_BATCH}/paid", F, U, P.AFFILIATES_MANAGE, "Mark a batch paid"),
    Route("GET", "/platform/affiliate-assets", F, U, P.AFFILIATES_READ, "Marketing assets"),
    Route("POST", "/platform/affiliate-assets", F, U, P.AFFILIATES_MANAGE, "Add copy or a file (upload)"),
    Route("POST", f"{_ASSET}/complete", F, U, P.AFFILIATES_MANAGE, "A file's upload has finished"),
    Route("DELETE", _ASSET, F, U, P.AFFILIATES_MANAGE, "Delete a marketing asset"),
)
