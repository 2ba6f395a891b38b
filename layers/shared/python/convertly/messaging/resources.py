"""The messaging capability's AWS resources: the templates and messages API (with Settings > SMS) and
the consumer that sends queued texts through Twilio."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="sms_sender",
        queue="convertly-sms",
        dead_letter_queue="convertly-sms-dlq",
        rule=RuleSpec(name="convertly-sms", detail_types=("SmsQueued",)),
        # Six times the function's timeout; a text's lease (90 s) ends well before it reappears.
        visibility_timeout_seconds=360,
        batch_size=5,
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    # The API seals a connected Twilio account's Auth Token and opens it for the test text; saving asks
    # Twilio (the account, then the number), hence the timeout.
    FunctionSpec(
        "messaging",
        "Email and SMS templates, previews, one-off emails and texts to contacts, SMS settings",
        "readwrite",
        timeout_seconds=25,
        secrets_key="encrypt_decrypt",
        unsubscribe_secret=True,  # a one-off email to a contact carries its unsubscribe link
    ),
    # Public: an email's unsubscribe link (verifies its token, then edits the contact's consent).
    FunctionSpec(
        "unsubscribe",
        "Unsubscribe links: the page and the one-click unsubscribe",
        "readwrite",
        unsubscribe_secret=True,
    ),
    FunctionSpec(
        "sms_sender",
        "Sends queued texts through each tenant's Twilio account, once, and records what became of them",
        "readwrite",
        timeout_seconds=60,
        secrets_key="decrypt",
    ),
)
