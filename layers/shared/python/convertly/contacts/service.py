"""What other capabilities may ask of contacts: a lead's contact (found by email or phone, or new),
the writes that link a new lead to it, what a lead copies of its person, and an edit of the person
made from a lead.

The one door into contacts from elsewhere (import-linter checks it). The edit loads on first use: it
reaches leads, which reach this module when they load.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from convertly.contacts import keys
from convertly.contacts.items import CompanyItem, ContactItem, LeadLinkItem
from convertly.contacts.store import batch_get_contacts, get_contact, get_contact_with_leads
from convertly.contacts.writes import (
    PERSON_FIELDS,
    ContactPlan,
    Match,
    add_new_contact,
    company_named,
    contact_fields,
    ensure_company,
    find_contact,
    identity_terms,
    link_lead,
    new_contact,
    pair_writes,
    person_snapshot,
    plan_contact,
    touch_contact,
    write_contact_plan,
)

if TYPE_CHECKING:
    from convertly.contacts.consent import deny_email_marketing
    from convertly.contacts.contacts import (
        create_contact,
        delete_contact,
        list_contacts,
        restore_contact,
        visible_contact,
    )
    from convertly.contacts.contacts import edit as edit_contact
    from convertly.contacts.domain import ContactCreate, ContactFilters
    from convertly.contacts.retag import retag_company, retag_contact
    from convertly.contacts.smart_lists import list_members

__all__ = [
    "PERSON_FIELDS",
    "Company",
    "Contact",
    "ContactCreate",
    "ContactFilters",
    "ContactPlan",
    "LeadLink",
    "Match",
    "add_new_contact",
    "batch_get_contacts",
    "company_named",
    "contact_fields",
    "contact_key",
    "contacts_page",
    "create_contact",
    "delete_contact",
    "deny_email_marketing",
    "edit_contact",
    "ensure_company",
    "find_contact",
    "get_contact",
    "get_contact_with_leads",
    "identity_terms",
    "link_lead",
    "list_contacts",
    "list_members",
    "new_contact",
    "pair_writes",
    "person_snapshot",
    "plan_contact",
    "restore_contact",
    "retag_company",
    "retag_contact",
    "touch_contact",
    "visible_contact",
    "write_contact_plan",
]

Contact = ContactItem
Company = CompanyItem
LeadLink = LeadLinkItem
contact_key = keys.contact


_LAZY = {
    "edit_contact": ("convertly.contacts.contacts", "edit"),
    "delete_contact": ("convertly.contacts.contacts", "delete_contact"),
    "restore_contact": ("convertly.contacts.contacts", "restore_contact"),
    "list_contacts": ("convertly.contacts.contacts", "list_contacts"),
    "visible_contact": ("convertly.contacts.contacts", "visible_contact"),
    "list_members": ("convertly.contacts.smart_lists", "list_members"),
    "ContactFilters": ("convertly.contacts.domain", "ContactFilters"),
    "ContactCreate": ("convertly.contacts.domain", "ContactCreate"),
    "create_contact": ("convertly.contacts.contacts", "create_contact"),
    "retag_contact": ("convertly.contacts.retag", "retag_contact"),
    "retag_company": ("convertly.contacts.retag", "retag_company"),
    "deny_email_marketing": ("convertly.contacts.consent", "deny_email_marketing"),
}


def contacts_page(tenant_id: str, limit: int, cursor: str | None) -> tuple[list[ContactItem], str | None]:
    """One page of the tenant's live contacts, oldest first, and the next page's cursor (a job that
    goes through them all, such as a workflow's date timers when it is published)."""
    from convertly.contacts.store import query_index

    items, following = query_index(
        ContactItem, "GSI1", keys.contacts_index(tenant_id), limit, cursor, forward=True
    )
    return [item for item in items if isinstance(item, ContactItem)], following


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
