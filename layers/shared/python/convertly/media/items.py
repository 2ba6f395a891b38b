"""The media capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from convertly.platform.store.items import Item


class MediaItem(Item, discriminator="Media"):
    """A file of the tenant's media library (PK `T#<t>#MEDIA`, SK `MEDIA#<id>`); its bytes are the
    uploads bucket's object `object_key` (`tenants/<t>/media/<id>/<safe name>`)."""

    media_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()  # what people call it, and the attachment's file name
    name_key = UnicodeAttribute()  # the name case-folded, for the search
    object_key = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size_bytes = NumberAttribute()
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()


class MediaUploadItem(Item, discriminator="MediaUpload"):
    """A file on its way in (PK `T#<t>#MEDIA`, SK `UPLOAD#<id>`): what the upload form was signed
    for. "Complete" turns it into a MediaItem once the object is in the bucket; it expires after a day."""

    media_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    object_key = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size_bytes = NumberAttribute()  # as the browser declared it; the object's own size is checked
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_by_name = UnicodeAttribute(null=True)
