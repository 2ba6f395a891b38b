"""The tag list's hooks for contacts and companies: a tag renamed, merged into another or deleted
changes every record that carries it (convertly.fields.tags calls them a page of its index at a time).
Each is idempotent: a record that already shows the change is left alone."""

from __future__ import annotations

from convertly.contacts import store as repo
from convertly.contacts.companies import save_changes
from convertly.contacts.contacts import edit
from convertly.platform.principal import system_principal
from convertly.platform.terms import replace_tag

ACTOR = "Tag list"


def retag_contact(tenant_id: str, record_id: str, old: str, new: str | None) -> None:
    contact, links = repo.get_contact_with_leads(tenant_id, record_id)
    if contact is None:
        return
    tags = [str(t) for t in contact.tags or []]
    changed = replace_tag(tags, old, new)
    if changed == tags:
        return
    edit(system_principal(tenant_id, ACTOR), contact, {"tags": (tags, changed)}, links)


def retag_company(tenant_id: str, record_id: str, old: str, new: str | None) -> None:
    company = repo.get_company(tenant_id, record_id)
    if company is None:
        return
    tags = [str(t) for t in company.tags or []]
    changed = replace_tag(tags, old, new)
    if changed == tags:
        return
    save_changes(system_principal(tenant_id, ACTOR), company, {"tags": (tags, changed)})
