"""The tenant's contact settings (Settings > Contacts) and the rule they switch: a contact becomes a
Client when one of its leads is won. One item; a save replaces it whole."""

from __future__ import annotations

from convertly.contacts import keys
from convertly.contacts import store as repo
from convertly.contacts.domain import ContactSettings, ContactSettingsUpdate
from convertly.contacts.items import ContactSettingsItem
from convertly.contacts.writes import contact_fields, put_contact
from convertly.leads import service as leads
from convertly.platform.changelog import record_change
from convertly.platform.clock import iso
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError


def settings_item(tenant_id: str) -> ContactSettingsItem | None:
    try:
        return ContactSettingsItem.get(platform_keys.tenant(tenant_id), keys.SETTINGS_SK)
    except ContactSettingsItem.DoesNotExist:
        return None


def get_contact_settings(principal: Principal) -> ContactSettings:
    item = settings_item(principal.tenant_id)
    if item is None:
        return ContactSettings(client_on_win=True)
    return ContactSettings(client_on_win=bool(item.client_on_win), updated_at=item.updated_at)


def save_contact_settings(principal: Principal, request: ContactSettingsUpdate) -> ContactSettings:
    item = ContactSettingsItem(
        platform_keys.tenant(principal.tenant_id),
        keys.SETTINGS_SK,
        client_on_win=request.client_on_win,
        updated_at=iso(),
        updated_by=principal.user_id,
    )
    item.save()
    return ContactSettings(client_on_win=request.client_on_win, updated_at=item.updated_at)


def make_client_on_win(tenant_id: str, lead_id: str, actor_id: str) -> bool:
    """A lead was won: its contact becomes a Client, unless the tenant turned that off, the contact
    is one already or is gone. True when it changed. A redelivered event finds it a Client already."""
    settings = settings_item(tenant_id)
    if settings is not None and not settings.client_on_win:
        return False
    lead = leads.get_lead(tenant_id, lead_id)
    if lead is None or not lead.contact_id:
        return False
    for _ in range(3):  # an edit in between fails the version condition: decide again on what is there
        try:
            return _make_client(tenant_id, str(lead.contact_id), lead_id, actor_id)
        except TransactionCancelledError:
            continue
    raise RuntimeError(f"contact of lead {lead_id} kept changing; the event is retried")


def _make_client(tenant_id: str, contact_id: str, lead_id: str, actor_id: str) -> bool:
    contact = repo.get_contact(tenant_id, contact_id)
    if contact is None or contact.deleted_at or contact.role == "Client":
        return False
    old = contact.role
    contact.role, contact.updated_at = "Client", iso()
    repo.apply_contact_keys(contact)
    tx = Transaction()
    put_contact(tx, "contact", contact)
    event = DomainEvent(
        detail_type="ContactUpdated",
        tenant_id=tenant_id,
        actor_id=actor_id,
        subject_id=contact.contact_id,
        data={
            "contact": contact_fields(contact),
            "changes": {"role": {"from": old, "to": "Client"}},
            "cause": {"lead_id": lead_id, "reason": "lead_won"},
        },
    )
    record_change(tx, contact.PK, event, "updated", changes=event.data["changes"], cause=event.data["cause"])
    tx.commit()
    return True
