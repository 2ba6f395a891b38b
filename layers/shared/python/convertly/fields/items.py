"""The fields capability's items on the single table."""

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


class FieldDefinitionMap(MapAttribute[str, object]):
    """One custom field of an object type, as the definitions item lists it."""

    field_id = UnicodeAttribute()
    key = UnicodeAttribute()
    label = UnicodeAttribute()
    type = UnicodeAttribute()
    placeholder = UnicodeAttribute(null=True)
    required = BooleanAttribute(default=False)
    options = ListAttribute(of=UnicodeAttribute, default=list)


class FieldDefinitionsItem(Item, discriminator="CustomFields"):
    """The ordered custom field definitions of one object type (contact, company, lead); a save
    replaces the list whole, conditional on the version the editor saw."""

    object_type = UnicodeAttribute()
    definitions = ListAttribute(of=FieldDefinitionMap, default=list)
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    version = VersionAttribute()


class CustomValueItem(Item, discriminator="CustomValue"):
    """A tenant-wide named value that templates read as `{{custom_values.<key>}}`."""

    value_id = UnicodeAttribute()
    key = UnicodeAttribute()
    name = UnicodeAttribute()
    value = UnicodeAttribute(default="")
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class CustomValueKeyItem(Item, discriminator="CustomValueKey"):
    """The claim on a custom value's key: put only if absent, in the value's own transaction."""

    value_id = UnicodeAttribute()


class TagItem(Item, discriminator="Tag"):
    """A tag of the tenant, once by its folded name, with how many records of each type carry it.
    A record's first use of a tag creates it (tag_writes); `renaming_to` marks a rename under way."""

    name = UnicodeAttribute()
    color = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    contact_count = NumberAttribute(default=0)
    company_count = NumberAttribute(default=0)
    lead_count = NumberAttribute(default=0)
    renaming_to = UnicodeAttribute(null=True)


class TagEntryItem(Item, discriminator="TagEntry"):
    """One record carrying a tag, in the tag's index partition."""

    object_type = UnicodeAttribute()
    record_id = UnicodeAttribute()
