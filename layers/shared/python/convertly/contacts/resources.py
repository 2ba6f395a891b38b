"""The contacts capability's AWS resources: the contacts and companies API."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    # Smart lists: members follow contact and lead changes; lists are built after they are saved.
    ConsumerSpec(
        function="smart_lists",
        queue="convertly-smart-lists",
        dead_letter_queue="convertly-smart-lists-dlq",
        rule=RuleSpec(
            name="convertly-smart-lists",
            detail_types=(
                "ContactCreated",
                "ContactUpdated",
                "ContactDeleted",
                "ContactRestored",
                "ContactMerged",
                "LeadCreated",
                "LeadUpdated",
                "LeadDeleted",
                "LeadRestored",
                "LeadStageChanged",
                "LeadTouched",
                "SmartListBuild",
                "SmartListDeleted",
            ),
        ),
        visibility_timeout_seconds=360,
    ),
    # A won lead makes its contact a Client (Settings > Contacts can turn it off).
    ConsumerSpec(
        function="contact_roles",
        queue="convertly-contact-roles",
        dead_letter_queue="convertly-contact-roles-dlq",
        rule=RuleSpec(
            name="convertly-contact-roles",
            detail_types=("LeadStageChanged",),
            detail_filters=(("LeadStageChanged", {"data": {"to_kind": ["won"]}}),),
        ),
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("contacts", "Contacts and companies: CRUD, search, restore", "readwrite"),
    FunctionSpec("contact_roles", "Makes a won lead's contact a Client", "readwrite", timeout_seconds=30),
    FunctionSpec(
        "smart_lists", "Keeps smart lists' members; builds saved lists", "readwrite", timeout_seconds=60
    ),
    # Run by hand after the release that brought contacts (docs/operations.md): gives existing leads
    # their contacts and companies, a page at a time, and says which tenants are left.
    FunctionSpec(
        "contacts_backfill",
        "Gives leads from before contacts their contact and company (resumable)",
        "readwrite",
        lists_tenants=True,
        timeout_seconds=900,
        run_by_hand=True,
    ),
)
