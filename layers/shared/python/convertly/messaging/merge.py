"""The merge field values of one contact (and lead): read from the records as they are now."""

from __future__ import annotations

from typing import Any

from convertly.accounts import service as accounts
from convertly.contacts import service as contacts
from convertly.fields import service as fields
from convertly.leads import service as leads
from convertly.messaging.render import merge_values
from convertly.pipelines import service as pipelines
from convertly.platform.money import from_cents
from convertly.platform.store.items import plain


def contact_values(contact: Any | None) -> dict[str, Any] | None:
    if contact is None:
        return None
    name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "name": name,
        "email": contact.email,
        "phone": contact.phone,
        "role": contact.role,
        "company_name": contact.company_name,
        "custom": plain(contact.custom_fields),
    }


def _stage_names(tenant_id: str) -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for entry in pipelines.pipelines_of(tenant_id):
        for stage in entry.stages:
            names[str(stage.stage_id)] = (str(entry.pipeline.name), str(stage.name))
    return names


def lead_values(tenant_id: str, lead: Any | None) -> dict[str, Any] | None:
    if lead is None:
        return None
    pipeline, stage = _stage_names(tenant_id).get(str(lead.stage_id), ("", ""))
    attribution = plain(lead.attribution)
    return {
        "name": leads.display_name(lead),
        "value": from_cents(lead.value),
        "currency": lead.currency or "USD",
        "source": lead.source,
        "stage": stage,
        "pipeline": pipeline,
        "utm_campaign": attribution.get("utm_campaign"),
        "utm_source": attribution.get("utm_source"),
        "custom": plain(lead.custom_fields),
    }


def owner_values(tenant_id: str, owner_id: str | None) -> dict[str, Any] | None:
    user = accounts.get_user(tenant_id, owner_id) if owner_id else None
    if user is None:
        return None
    return {"name": user.name, "first_name": (user.name or "").split(" ")[0], "email": user.email}


def values_for(tenant_id: str, contact: Any | None, lead: Any | None) -> dict[str, Any]:
    """Every merge field's value for the contact and lead (either may be missing)."""
    owner_id = (lead.owner_id if lead is not None else None) or (contact.owner_id if contact else None)
    return merge_values(
        contact=contact_values(contact),
        lead=lead_values(tenant_id, lead),
        owner=owner_values(tenant_id, owner_id),
        custom_values=fields.values_by_key(tenant_id),
        contact_custom_keys=[d["key"] for d in fields.definitions(tenant_id, "contact")],
        lead_custom_keys=[d["key"] for d in fields.definitions(tenant_id, "lead")],
    )


def records(tenant_id: str, contact_id: str | None, lead_id: str | None) -> tuple[Any | None, Any | None]:
    """The contact and lead items (a lead's contact when only the lead is named)."""
    lead = leads.get_lead(tenant_id, lead_id) if lead_id else None
    contact_id = contact_id or (lead.contact_id if lead is not None else None)
    contact = contacts.get_contact(tenant_id, contact_id) if contact_id else None
    return contact, lead
