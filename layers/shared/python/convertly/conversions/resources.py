"""The conversions capability's AWS resources: the conversions consumer, the ads settings API and
the Meta webhook."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    # Pipeline: conversions, notifications, and the lead moves of a stage being deleted.
    ConsumerSpec(
        function="conversions",
        queue="convertly-conversions",
        dead_letter_queue="convertly-conversions-dlq",
        rule=RuleSpec(
            name="convertly-conversions",
            detail_types=("LeadStageChanged", "LeadUpdated", "ConversionReplayRequested"),
            # Wins, reopened wins, and any move of a lead from Meta (`source` meta_ads: a Lead Ads
            # lead's mapped stages are sent as CRM events); a lead's new value (a won lead's is
            # corrected on the platforms); an admin's replay request.
            detail_filters=(
                (
                    "LeadStageChanged",
                    {
                        "data": {
                            "$or": [
                                {"to_kind": ["won"]},
                                {"reopened": [True]},
                                {"source": ["meta_ads"]},
                            ]
                        }
                    },
                ),
                # `exists` matches leaves only: the new value inside the change.
                ("LeadUpdated", {"data": {"changes": {"value": {"to": [{"exists": True}]}}}}),
            ),
        ),
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    # Conversions: won revenue to Google Ads and Meta with a ledger, the settings and log API, and the
    # Meta Lead Ads webhook (no token; it verifies Meta's signature).
    FunctionSpec(
        "conversions",
        "Sends won revenue to Google Ads and Meta and records every attempt in the ledger",
        "readwrite",
        timeout_seconds=30,
        secrets_key="decrypt",
        google_ads_app=True,
    ),
    # ads_settings also connects the ad accounts (OAuth): it reads Convertly's Meta and Google Ads apps
    # (platform secrets) for the code exchanges; `conversions` reads the Google Ads app to upload.
    FunctionSpec(
        "ads_settings",
        "Ad platform settings, connecting the ad accounts, connection tests, the conversions log and replay",
        "readwrite",
        timeout_seconds=25,
        secrets_key="encrypt_decrypt",
        meta_app=True,
        google_ads_app=True,
    ),
    FunctionSpec(
        "meta_webhook",
        "Meta Lead Ads webhook: verifies the signature, fetches each lead, creates it once",
        "readwrite",
        timeout_seconds=25,
        secrets_key="decrypt",
        meta_app=True,
    ),
)
