"""Reads and writes of the media library's items."""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.expressions.condition import Condition

from convertly.media import keys
from convertly.media.items import MediaItem, MediaUploadItem
from convertly.platform.store.paging import query_page


def get_media(tenant_id: str, media_id: str) -> MediaItem | None:
    if not media_id or len(media_id) > 64:
        return None
    try:
        return MediaItem.get(keys.media(tenant_id), keys.media_sk(media_id), consistent_read=True)
    except MediaItem.DoesNotExist:
        return None


def get_upload(tenant_id: str, media_id: str) -> MediaUploadItem | None:
    if not media_id or len(media_id) > 64:
        return None
    try:
        return MediaUploadItem.get(keys.media(tenant_id), keys.upload_sk(media_id), consistent_read=True)
    except MediaUploadItem.DoesNotExist:
        return None


def batch_get_media(tenant_id: str, media_ids: Iterable[str]) -> dict[str, MediaItem]:
    """The files named (BatchGetItem, 100 a call); a missing one (deleted) is left out."""
    wanted = [(keys.media(tenant_id), keys.media_sk(m)) for m in dict.fromkeys(media_ids) if m]
    return {item.media_id: item for item in MediaItem.batch_get(wanted, consistent_read=True)}


def media_page(
    tenant_id: str, limit: int, cursor: str | None, needle: str | None
) -> tuple[list[MediaItem], str | None]:
    """One page of the library, newest first; `needle` narrows it to names containing it."""
    name_filter: Condition | None = MediaItem.name_key.contains(needle) if needle else None
    items, next_cursor = query_page(
        MediaItem,
        keys.media(tenant_id),
        limit=limit,
        cursor=cursor,
        range_condition=MediaItem.SK.startswith(keys.MEDIA_PREFIX),
        filter_condition=name_filter,
    )
    return [item for item in items if isinstance(item, MediaItem)], next_cursor
