"""A contact's and a company's timeline: their change log (who changed what, when), oldest first,
from one Query of the record's partition; the names of the users who made the changes come from
one BatchGetItem."""

from __future__ import annotations

from convertly.accounts import service as accounts
from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.contacts import visible_contact
from convertly.contacts.domain import ChangeEntry, RecordTimeline
from convertly.platform.changelog import ChangeLogItem, entries_of, entry_fields
from convertly.platform.errors import NotFoundError
from convertly.platform.principal import Principal


def contact_timeline(principal: Principal, contact_id: str) -> RecordTimeline:
    visible_contact(principal, contact_id)
    items = entries_of(keys.contact(principal.tenant_id, contact_id))
    return RecordTimeline(record_id=contact_id, items=named(principal.tenant_id, items))


def company_timeline(principal: Principal, company_id: str) -> RecordTimeline:
    if repo.get_company(principal.tenant_id, company_id) is None:
        raise NotFoundError("No such company", code="company_not_found")
    items = entries_of(keys.company(principal.tenant_id, company_id))
    return RecordTimeline(record_id=company_id, items=named(principal.tenant_id, items))


def named(tenant_id: str, items: list[ChangeLogItem]) -> list[ChangeEntry]:
    """The entries with each user's name where the entry has none (a change made with a lead)."""
    unnamed = {item.actor_id for item in items if item.actor_id and not item.actor_name}
    users = accounts.users_of((tenant_id, user_id) for user_id in unnamed if ":" not in user_id)
    names = {user.user_id: user.name for user in users}
    entries = []
    for item in items:
        fields = entry_fields(item)
        fields["actor_name"] = fields["actor_name"] or names.get(str(item.actor_id))
        entries.append(ChangeEntry(**fields))
    return entries
