"""What other capabilities may ask of analytics: a report as a person sees it.

The one door into analytics from elsewhere (import-linter checks it). The reports and their filters
load on first use, so importing this module costs a cold start nothing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from convertly.analytics.domain import GroupBy, RevenueReport
    from convertly.platform.principal import Principal

__all__ = ["revenue_report", "tenant_today"]


def revenue_report(
    principal: Principal, date_from: date, date_to: date, group_by: GroupBy = "campaign"
) -> RevenueReport:
    """The revenue report from `date_from` to `date_to` (days in the tenant's time zone), grouped by
    `group_by`, with the default attribution model, as GET /analytics/revenue answers `principal`: a
    user without the team's figures sees the leads they own only."""
    from convertly.analytics import reports
    from convertly.analytics.filters import resolve
    from convertly.analytics.models import Model

    filters = resolve(principal, date_from.isoformat(), date_to.isoformat())
    return reports.revenue(filters, Model.LAST_NON_DIRECT, group_by)


def tenant_today(principal: Principal) -> date:
    """Today in the tenant's time zone: the day its reports end on."""
    from convertly.analytics.filters import resolve

    return resolve(principal).today
