"""The analytics capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute

from convertly.platform.store.items import Item


class CellItem(Item, discriminator="AnalyticsCell"):
    """One aggregate: counters (`leads`, `c_ft`, `h12`...) and labels (`p` pipeline, `o` owner, `s`
    source, `cmp` campaign...) named by docs/analytics.md. Counters are added to, never set, so the
    item's attributes are written and read by name rather than declared here."""


class ContributionItem(Item, discriminator="AnalyticsContribution"):
    """What one lead (or task) adds to the cells now, in its own partition (SK `ANALYTICS`): the next
    change writes only the difference. `version` orders concurrent writers."""

    cells = UnicodeAttribute(default="[]")  # JSON: [[pk, sk, counters, labels], ...]
    computed_at = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)


class DashboardLayoutItem(Item, discriminator="DashboardLayout"):
    """One user's dashboard: the tiles in their order, and those hidden (PK the tenant, SK
    `DASHBOARD#<user>`)."""

    user_id = UnicodeAttribute()
    order = ListAttribute(of=UnicodeAttribute, default=list)
    hidden = ListAttribute(of=UnicodeAttribute, default=list)
    updated_at = UnicodeAttribute(null=True)
