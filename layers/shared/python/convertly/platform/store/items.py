"""The single table: the base item, its indexes, and the attribute types items share.

One PynamoDB model per entity, told apart by the `type` discriminator; each capability keeps its items
in its own `items` module (docs/data-model.md lists every access pattern and the key or index that
serves it)."""

from __future__ import annotations

import importlib
from typing import Any

from pynamodb.attributes import (
    DiscriminatorAttribute,
    MapAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from convertly.platform.config import get_settings
from convertly.platform.snapstart import after_restore, close_connections

_settings = get_settings()


class _IndexMeta:
    projection = AllProjection()


class GSI1(GlobalSecondaryIndex[Any]):
    """All live (or all deleted) leads of a tenant by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI1"

    GSI1PK = UnicodeAttribute(hash_key=True)
    GSI1SK = UnicodeAttribute(range_key=True)


class GSI2(GlobalSecondaryIndex[Any]):
    """Leads of a tenant in one stage by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI2"

    GSI2PK = UnicodeAttribute(hash_key=True)
    GSI2SK = UnicodeAttribute(range_key=True)


class GSI3(GlobalSecondaryIndex[Any]):
    """Leads of a tenant assigned to one owner by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI3"

    GSI3PK = UnicodeAttribute(hash_key=True)
    GSI3SK = UnicodeAttribute(range_key=True)


class GSI4(GlobalSecondaryIndex[Any]):
    """Leads of a tenant from one source by creation time."""

    class Meta(_IndexMeta):
        index_name = "GSI4"

    GSI4PK = UnicodeAttribute(hash_key=True)
    GSI4SK = UnicodeAttribute(range_key=True)


class GSI5(GlobalSecondaryIndex[Any]):
    """Leads of a tenant assigned to one owner in one stage by creation time (a Sales rep's board)."""

    class Meta(_IndexMeta):
        index_name = "GSI5"

    GSI5PK = UnicodeAttribute(hash_key=True)
    GSI5SK = UnicodeAttribute(range_key=True)


class GSI6(GlobalSecondaryIndex[Any]):
    """The due index (platform level): items with a pending reminder or mail, by minute and shard."""

    class Meta(_IndexMeta):
        index_name = "GSI6"

    GSI6PK = UnicodeAttribute(hash_key=True)
    GSI6SK = UnicodeAttribute(range_key=True)


class GSI7(GlobalSecondaryIndex[Any]):
    """The live leads of a tenant by when they were last updated (sparse: live leads only)."""

    class Meta(_IndexMeta):
        index_name = "GSI7"

    GSI7PK = UnicodeAttribute(hash_key=True)
    GSI7SK = UnicodeAttribute(range_key=True)


class GSI8(GlobalSecondaryIndex[Any]):
    """The live leads of a tenant by value (sparse: live leads only)."""

    class Meta(_IndexMeta):
        index_name = "GSI8"

    GSI8PK = UnicodeAttribute(hash_key=True)
    GSI8SK = UnicodeAttribute(range_key=True)


class GSI9(GlobalSecondaryIndex[Any]):
    """The live leads of a tenant by folded name (sparse: live leads only)."""

    class Meta(_IndexMeta):
        index_name = "GSI9"

    GSI9PK = UnicodeAttribute(hash_key=True)
    GSI9SK = UnicodeAttribute(range_key=True)


class Item(Model):
    """The single table. Subclasses are the entities."""

    class Meta:
        table_name = _settings.table_name
        region = _settings.aws_region
        host = _settings.aws_endpoint_url

    PK = UnicodeAttribute(hash_key=True)
    SK = UnicodeAttribute(range_key=True)
    type = DiscriminatorAttribute()
    GSI1PK = UnicodeAttribute(null=True)
    GSI1SK = UnicodeAttribute(null=True)
    GSI2PK = UnicodeAttribute(null=True)
    GSI2SK = UnicodeAttribute(null=True)
    GSI3PK = UnicodeAttribute(null=True)
    GSI3SK = UnicodeAttribute(null=True)
    GSI4PK = UnicodeAttribute(null=True)
    GSI4SK = UnicodeAttribute(null=True)
    GSI5PK = UnicodeAttribute(null=True)
    GSI5SK = UnicodeAttribute(null=True)
    GSI6PK = UnicodeAttribute(null=True)
    GSI6SK = UnicodeAttribute(null=True)
    GSI7PK = UnicodeAttribute(null=True)
    GSI7SK = UnicodeAttribute(null=True)
    GSI8PK = UnicodeAttribute(null=True)
    GSI8SK = UnicodeAttribute(null=True)
    GSI9PK = UnicodeAttribute(null=True)
    GSI9SK = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    gsi1 = GSI1()
    gsi2 = GSI2()
    gsi3 = GSI3()
    gsi4 = GSI4()
    gsi5 = GSI5()
    gsi6 = GSI6()
    gsi7 = GSI7()
    gsi8 = GSI8()
    gsi9 = GSI9()


class AttributionMap(MapAttribute[str, Any]):
    """Ad click ids, UTMs, landing page and referrer as captured; free-form keys, string values."""


def load_every_kind() -> None:
    """Define every item class (the registry `convertly.items`), so a query over a partition holding
    several kinds decodes each one. Loaded by name: the platform knows no capability."""
    importlib.import_module("convertly.items")


def plain(item: Any) -> dict[str, Any]:
    """A MapAttribute or dict as a plain dict."""
    if hasattr(item, "as_dict"):
        result: dict[str, Any] = item.as_dict()
        return result
    return dict(item or {})


@after_restore
def _close_model_connections() -> None:
    """After a SnapStart restore: each model's client (made during init) keeps its model, not its
    sockets."""
    pending: list[type[Model]] = [Item]
    while pending:
        model = pending.pop()
        pending += model.__subclasses__()
        table = model.__dict__.get("_connection")
        if table is not None:
            close_connections(getattr(getattr(table, "connection", None), "_client", None))
