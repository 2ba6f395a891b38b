"""A report's filters: the range of days (the tenant's time zone), pipeline, owner and source; who
may see what (a user without `analytics:read_all` sees the leads they own); which cells match."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from convertly.accounts import service as accounts
from convertly.analytics.cells import Cell
from convertly.analytics.contribution import Calendar
from convertly.analytics.domain import ReportRange
from convertly.leads import service as leads
from convertly.permissions import Permission
from convertly.platform.errors import ForbiddenError, ValidationError
from convertly.platform.principal import Principal

DEFAULT_DAYS = 30
MAX_DAYS = 731  # two years of days: what a report reads grows with them


@dataclass(frozen=True)
class Filters:
    tenant_id: str
    first: date
    last: date
    pipeline_id: str | None
    owner_id: str | None
    source: str | None
    timezone: str
    currency: str
    today: date

    def matches(self, cell: Cell, *, owner_label: str = "o", source_label: str = "s") -> bool:
        labels = cell.labels
        return (
            (self.pipeline_id is None or labels.get("p") == self.pipeline_id)
            and (self.owner_id is None or labels.get(owner_label) == self.owner_id)
            and (self.source is None or labels.get(source_label) == self.source)
        )

    def previous(self) -> tuple[date, date]:
        """The period of the same length just before."""
        days = (self.last - self.first).days + 1
        return self.first - timedelta(days=days), self.first - timedelta(days=1)

    def as_range(self) -> ReportRange:
        return ReportRange(
            date_from=self.first.isoformat(),
            date_to=self.last.isoformat(),
            pipeline_id=self.pipeline_id,
            owner_id=self.owner_id,
            source=self.source,
            timezone=self.timezone,
            currency=self.currency,
        )


def sees_all(principal: Principal) -> bool:
    return principal.can(Permission.ANALYTICS_READ_ALL)


def resolve(
    principal: Principal,
    date_from: str | None = None,
    date_to: str | None = None,
    pipeline_id: str | None = None,
    owner_id: str | None = None,
    source: str | None = None,
) -> Filters:
    tenant = accounts.get_tenant(principal.tenant_id)
    timezone = str(tenant.timezone) if tenant is not None else "UTC"
    calendar = Calendar(timezone)
    today = datetime.now(calendar.zone).date()
    errors: dict[str, str] = {}
    last = _day(date_to, "date_to", errors) or today
    first = _day(date_from, "date_from", errors) or last - timedelta(days=DEFAULT_DAYS - 1)
    if not errors and first > last:
        errors["date_from"] = "The range must start on or before its last day"
    elif not errors and (last - first).days + 1 > MAX_DAYS:
        errors["date_to"] = f"Pick a range of at most {MAX_DAYS} days"
    if source is not None and source not in {s.value for s in leads.LeadSource}:
        errors["source"] = "Not a lead source"
    if errors:
        raise ValidationError("Some filters are not valid", fields=errors)
    if not sees_all(principal):
        if owner_id and owner_id != principal.user_id:
            raise ForbiddenError("You can see the figures of your own leads only", code="own_figures_only")
        owner_id = principal.user_id
    return Filters(
        tenant_id=principal.tenant_id,
        first=first,
        last=last,
        pipeline_id=pipeline_id or None,
        owner_id=owner_id or None,
        source=source or None,
        timezone=timezone,
        currency=str(tenant.currency) if tenant is not None else "USD",
        today=today,
    )


def _day(value: str | None, name: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[name] = "Give a day as YYYY-MM-DD"
        return None
