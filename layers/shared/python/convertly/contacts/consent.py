"""The contact's own answer about marketing email: an unsubscribe link sets `consent.email_marketing`
to denied through the ordinary contact edit (its event, its search card, its change log), recorded as
the contact's doing."""

from __future__ import annotations

from convertly.contacts import store as repo
from convertly.contacts.contacts import edit
from convertly.permissions import Role
from convertly.platform.errors import ConflictError
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain

UNSUBSCRIBED_BY = "the contact, through an unsubscribe link"
_ATTEMPTS = 3


def deny_email_marketing(tenant_id: str, contact_id: str) -> bool | None:
    """None: no such contact; False: it had unsubscribed already (nothing written); True: it is
    unsubscribed now. A concurrent edit of the contact is read again and the change tried once more."""
    actor = Principal(
        user_id=f"contact:{contact_id}", tenant_id=tenant_id, role=Role.ADMIN, email="", name=UNSUBSCRIBED_BY
    )
    for attempt in range(_ATTEMPTS):
        contact, links = repo.get_contact_with_leads(tenant_id, contact_id)
        if contact is None:
            return None
        consent = plain(contact.consent)
        if consent.get("email_marketing") == "denied":
            return False
        try:
            edit(actor, contact, {"consent": (consent, {**consent, "email_marketing": "denied"})}, links)
        except ConflictError:
            if attempt == _ATTEMPTS - 1:
                raise
            continue
        return True
    return None
