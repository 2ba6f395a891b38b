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
            detail_types=("LeadStageChanged", "ConversionReplayRequested"),
            # Wins, reopened wins, and any move of a lead from Meta (`source` meta_ads: a Lead Ads
            # lead's mapped stages are sent as CRM events); an admin's replay request.
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
    ),
    FunctionSpec(
        "ads_settings",
        "Ad platform settings, connection tests, the conversions log and replay",
        "readwrite",
        timeout_seconds=25,
        secrets_key="encrypt_decrypt",
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
