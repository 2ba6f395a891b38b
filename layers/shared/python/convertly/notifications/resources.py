"""The notifications capability's AWS resources: the bell, the notifier consumer and the email
settings API."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="notifier",
        queue="convertly-notifications",
        dead_letter_queue="convertly-notifications-dlq",
        rule=RuleSpec(
            name="convertly-notifications",
            detail_types=("LeadCreated", "LeadUpdated", "LeadStageChanged"),
            # Of the updates, only a change of owner notifies anyone; an import's new leads notify
            # nobody one by one (its runner sends the importer one summary).
            detail_filters=(
                ("LeadCreated", {"data": {"import_id": [{"exists": False}]}}),
                ("LeadUpdated", {"data": {"changes": {"owner_id": {"to": [{"exists": True}]}}}}),
            ),
        ),
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("notifications", "In-app notifications: list, unread count, mark read", "readwrite"),
    FunctionSpec("notifier", "Writes in-app notifications for lead events", "readwrite", timeout_seconds=30),
    FunctionSpec(
        "settings",
        "Tenant email (SMTP) settings, test email, notification preferences",
        "readwrite",
        timeout_seconds=30,
        secrets_key="encrypt_decrypt",
        sends_mail=True,
    ),
)
