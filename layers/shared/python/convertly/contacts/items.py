"""The contacts capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from convertly.platform.store.items import Item


class ContactItem(Item, discriminator="Contact"):
    contact_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    first_name = UnicodeAttribute(default="")
    last_name = UnicodeAttribute(default="")
    email = UnicodeAttribute(null=True)  # the primary email
    emails = ListAttribute(of=UnicodeAttribute, default=list)  # the others
    phone = UnicodeAttribute(null=True)  # the primary phone
    phones = ListAttribute(of=UnicodeAttribute, default=list)  # the others
    country = UnicodeAttribute(null=True)  # ISO 3166 alpha-2: the region of a local phone number
    company_id = UnicodeAttribute(null=True)
    company_name = UnicodeAttribute(null=True)  # as the company is named, for lists and cards
    role = UnicodeAttribute(default="Lead")  # Lead, Prospect or Client
    owner_id = UnicodeAttribute(null=True)
    source = UnicodeAttribute(default="manual")
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    custom_fields = MapAttribute(default=dict)  # type: ignore[var-annotated]
    consent = MapAttribute(default=dict)  # type: ignore[var-annotated]
    address = MapAttribute(default=dict)  # type: ignore[var-annotated]
    website = UnicodeAttribute(null=True)
    time_zone = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    test = BooleanAttribute(default=False)
    lead_count = NumberAttribute(default=0)
    last_activity_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    import_id = UnicodeAttribute(null=True)  # the import that created it
    updated_at = UnicodeAttribute()
    deleted_at = UnicodeAttribute(null=True)
    merged_into = UnicodeAttribute(null=True)  # merged into this contact (and so deleted)
    search_terms = ListAttribute(of=UnicodeAttribute, default=list)
    # Which copy of the contact its email and phone search entries carry (their `card`): a form's
    # write for the contact holds only while this is unchanged (docs/data-model.md, Contacts).
    card_rev = NumberAttribute(default=0)
    version = VersionAttribute()


class LeadLinkItem(Item, discriminator="ContactLead"):
    """One of a contact's leads, in the contact's partition: the contact page lists them and a form
    finds the contact's lead in a pipeline without reading the contact's other items."""

    contact_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    pipeline_id = UnicodeAttribute()
    created_at = UnicodeAttribute()


class CompanyItem(Item, discriminator="Company"):
    company_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    domain = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    website = UnicodeAttribute(null=True)
    address = MapAttribute(default=dict)  # type: ignore[var-annotated]
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    custom_fields = MapAttribute(default=dict)  # type: ignore[var-annotated]
    primary_contact_id = UnicodeAttribute(null=True)
    owner_id = UnicodeAttribute(null=True)
    contact_count = NumberAttribute(default=0)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    deleted_at = UnicodeAttribute(null=True)
    merged_into = UnicodeAttribute(null=True)  # merged into this company (and so deleted)
    search_terms = ListAttribute(of=UnicodeAttribute, default=list)
    version = VersionAttribute()


class ContactLinkItem(Item, discriminator="CompanyContact"):
    """One of a company's contacts, in the company's partition."""

    company_id = UnicodeAttribute()
    contact_id = UnicodeAttribute()
    created_at = UnicodeAttribute()


class ContactSearchItem(Item, discriminator="ContactSearch"):
    """One folded term (name, email, phone digits, company, tag) pointing at a contact or a company;
    `terms` lists all of them so a prefix matching several returns the record once."""

    record_id = UnicodeAttribute()
    terms = ListAttribute(of=UnicodeAttribute, null=True)
    # On a contact's email and phone entries: the contact as a form needs it and its newest lead per
    # pipeline (JSON), current while its `rev` is the contact's card_rev.
    card = UnicodeAttribute(null=True)


class ContactSettingsItem(Item, discriminator="ContactSettings"):
    """The tenant's contact settings (Settings > Contacts); absent until first saved."""

    client_on_win = BooleanAttribute(default=True)  # a won lead makes its contact a Client
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()


class ContactBackfillItem(Item, discriminator="ContactBackfill"):
    """Where the backfill that gives existing leads their contacts stands, in the tenant's partition:
    the phase (live leads, then deleted ones, then done), the cursor within it, and what it made."""

    phase = UnicodeAttribute(default="live")
    cursor = UnicodeAttribute(null=True)
    leads_seen = NumberAttribute(default=0)
    leads_linked = NumberAttribute(default=0)
    contacts_created = NumberAttribute(default=0)
    companies_created = NumberAttribute(default=0)
    started_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)


class DuplicatePairItem(Item, discriminator="DuplicatePair"):
    """Two live contacts that share an email or a phone, found when one of them was written
    (SK: the two ids in order); a merge removes it, a list skips pairs no longer live."""

    contact_ids = ListAttribute(of=UnicodeAttribute)
    reason = UnicodeAttribute()  # "email" or "phone"
    found_at = UnicodeAttribute()


class SmartListItem(Item, discriminator="SmartList"):
    """A saved set of contact filters with its order (tenant partition). `generation` names the
    members' partition; `status` is building until every contact was looked at, then ready."""

    list_id = UnicodeAttribute()
    name = UnicodeAttribute()
    filters = UnicodeAttribute()  # JSON of convertly.contacts.lists.Filters
    sort = UnicodeAttribute(default="created")
    visibility = UnicodeAttribute(default="private")  # private or team
    owner_id = UnicodeAttribute()
    generation = NumberAttribute(default=1)
    status = UnicodeAttribute(default="building")
    build_phase = UnicodeAttribute(null=True)  # live, clean (the previous generation), done
    build_cursor = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    deleted_at = UnicodeAttribute(null=True)
    version = VersionAttribute()


class MemberKeyItem(Item, discriminator="ListMemberKey"):
    contact_id = UnicodeAttribute()
    sort_sk = UnicodeAttribute()


class MemberSortItem(Item, discriminator="ListMember"):
    contact_id = UnicodeAttribute()
    owner_id = UnicodeAttribute(null=True)  # a Sales user's page filters on it


class MemberCountItem(Item, discriminator="ListMemberCount"):
    members = NumberAttribute(default=0)


class ListColumnsItem(Item, discriminator="ListColumns"):
    columns = ListAttribute(of=UnicodeAttribute)
    updated_at = UnicodeAttribute()
