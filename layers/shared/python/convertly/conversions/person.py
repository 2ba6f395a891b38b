"""The person a conversion is about: the emails, phones, country and ad consent of the lead's
contact, read when the conversion is sent (a lead's own copy is the fallback for a lead without a
contact, or one whose contact is gone).

Loaders attach the person to each lead they read (`attach_people`: one BatchGetItem of the contacts
per tenant); rows and match quality read it with `person_of`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from convertly.contacts import service as contacts
from convertly.leads.service import Lead
from convertly.platform.store.items import plain

_ATTRIBUTE = "_convertly_person"
_CHOICES = ("granted", "denied")


@dataclass(frozen=True)
class Person:
    emails: tuple[str, ...] = ()  # the primary first
    phones: tuple[str, ...] = ()
    country: str | None = None
    # The contact's own answer (ad_user_data, ad_personalization: granted or denied), if it has one.
    consent: dict[str, str] = field(default_factory=dict)

    @property
    def email(self) -> str | None:
        return self.emails[0] if self.emails else None

    @property
    def phone(self) -> str | None:
        return self.phones[0] if self.phones else None


def _of_lead(lead: Lead) -> Person:
    return Person(
        emails=(lead.email,) if lead.email else (),
        phones=(lead.phone,) if lead.phone else (),
        country=lead.country,
    )


def _of_contact(lead: Lead, contact: contacts.Contact) -> Person:
    emails = [e for e in (contact.email, *(contact.emails or [])) if e]
    phones = [p for p in (contact.phone, *(contact.phones or [])) if p]
    consent = {k: str(v) for k, v in plain(contact.consent).items() if str(v) in _CHOICES}
    return Person(
        emails=tuple(dict.fromkeys(str(e) for e in emails)),
        phones=tuple(dict.fromkeys(str(p) for p in phones)),
        country=contact.country or lead.country,
        consent={k: v for k, v in consent.items() if k in ("ad_user_data", "ad_personalization")},
    )


def person_of(lead: Lead) -> Person:
    """The person attached by a loader, else the lead's own copy of it."""
    attached = getattr(lead, _ATTRIBUTE, None)
    return attached if isinstance(attached, Person) else _of_lead(lead)


def attach_people(tenant_id: str, leads: Iterable[Lead]) -> None:
    """Read the leads' contacts (one BatchGetItem per 100) and attach each lead's person."""
    with_contact = [lead for lead in leads if lead.contact_id]
    found = contacts.batch_get_contacts(tenant_id, [str(lead.contact_id) for lead in with_contact])
    for lead in with_contact:
        contact = found.get(str(lead.contact_id))
        if contact is not None:
            setattr(lead, _ATTRIBUTE, _of_contact(lead, contact))
