"""What one lead adds to the aggregates, computed from the lead as it is now (a pure function).

The lead's facts (its stage, value, history, notes, follow-ups, the touches of its contact and what
became of its conversions) go in; the cells it counts in come out. The consumer writes the difference
from what the lead added before; a rebuild adds up every lead's cells afresh; both call this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from convertly.analytics import histogram, keys
from convertly.analytics.cells import Cell, CellId, Contribution
from convertly.analytics.models import CODES, Model, TouchPoint, credit

# A touch's dimensions, in this order: the source channel, utm_medium, utm_campaign, utm_content (the
# ad) and the ad platform's click id kind.
DIMENSIONS = ("source", "medium", "campaign", "content", "platform")
Dims = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class StageMove:
    at: str
    from_stage_id: str | None
    to_stage_id: str
    by: str
    seconds_in_previous: int | None = None


@dataclass(frozen=True)
class Activity:
    """A note written or a follow-up completed: work on the lead by a user."""

    at: str
    by: str


@dataclass(frozen=True)
class Due:
    """An open follow-up or task: when it is due and who it is for."""

    kind: str  # followup | task
    due_at: str
    assignee_id: str


@dataclass(frozen=True)
class LeadFacts:
    tenant_id: str
    lead_id: str
    pipeline_id: str
    stage_id: str
    stage_kind: str  # open | won | lost
    stage_entered_at: str
    created_at: str
    owner_id: str | None
    value: int  # minor units
    source: str
    first_touch: Dims
    deleted: bool = False
    close_date: str | None = None  # YYYY-MM-DD
    moves: Sequence[StageMove] = ()
    activities: Sequence[Activity] = ()
    due: Sequence[Due] = ()
    # The touches of the lead's contact up to the win, oldest first (read only for a won lead).
    touches: Sequence[TouchPoint] = ()
    # Platform -> what became of the win's conversion there (google_ads, meta).
    conversions: dict[str, str] = field(default_factory=dict)


class Calendar:
    """Days and months in the tenant's time zone."""

    def __init__(self, timezone: str) -> None:
        try:
            self.zone = ZoneInfo(timezone or "UTC")
        except (KeyError, ValueError):
            self.zone = ZoneInfo("UTC")

    def day(self, at: str) -> str:
        return parse(at).astimezone(self.zone).strftime("%Y-%m-%d")


def parse(at: str) -> datetime:
    moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def seconds_between(start: str, end: str) -> int:
    return max(0, int((parse(end) - parse(start)).total_seconds()))


def is_user(actor: str | None) -> bool:
    """A person of the team, not a form, an import or the platform."""
    return bool(actor) and ":" not in str(actor) and actor != "system"


def is_direct(dims: Dims) -> bool:
    """A visit with no click id, campaign or referring site: the last non-direct model passes it by."""
    return dims[0] in ("direct", "form") and not any(dims[1:])


CONVERSION_OUTCOMES = {
    "sent": "sent",
    "already_reported": "sent",
    "not_attributable": "no_identifier",
    "no_value": "no_value",
    "expired": "expired_click",
    "rejected": "failed",
    "dead_lettered": "failed",
    "retrying": "pending",
    "not_configured": "not_connected",
}
PLATFORMS = ("google_ads", "meta")


class _Builder:
    def __init__(self, tenant_id: str, calendar: Calendar) -> None:
        self.tenant_id = tenant_id
        self.calendar = calendar
        self.cells: Contribution = {}

    def daily(self, family: str, at: str, labels: dict[str, str]) -> Cell:
        day = self.calendar.day(at)
        return self._cell(keys.month_partition(self.tenant_id, family, day[:7]), day, labels)

    def state(self, family: str, head: str, labels: dict[str, str]) -> Cell:
        return self._cell(keys.state_partition(self.tenant_id, family), head, labels)

    def _cell(self, pk: str, head: str, labels: dict[str, str]) -> Cell:
        parts = tuple(f"{name}={labels[name]}" for name in sorted(labels))
        cell_id: CellId = (pk, keys.cell_sk(head, parts))
        return self.cells.setdefault(cell_id, Cell(labels=dict(labels)))


def lead_contribution(facts: LeadFacts, calendar: Calendar) -> Contribution:
    """The cells a lead counts in. A deleted lead counts nowhere; its open follow-ups still count as
    work due (they stay on the team's list until done)."""
    build = _Builder(facts.tenant_id, calendar)
    for due in facts.due:
        _due(build, due)
    if facts.deleted:
        return _clean(build.cells)
    owner = facts.owner_id or ""
    base = {"p": facts.pipeline_id, "o": owner, "s": facts.source}
    won = facts.stage_kind == "won"
    is_open = facts.stage_kind == "open"

    lead_cell = build.daily(keys.LEADS, facts.created_at, {**base, **_dim_labels(facts.first_touch)})
    lead_cell.add("leads", 1)
    if is_open:
        lead_cell.add("open_n", 1)
        lead_cell.add("open_v", facts.value)
    lead_cell.add("won", int(won))
    lead_cell.add("lost", int(facts.stage_kind == "lost"))
    for stage_id in _reached(facts):
        lead_cell.add(f"r_{stage_id}", 1)
        lead_cell.add(f"rw_{stage_id}", int(won))

    _stage_times(build, facts, base)
    _agents(build, facts, won)
    if is_open:
        month = facts.close_date[:7] if facts.close_date else "none"
        forecast = build.state(keys.FORECAST, month, {**base, "st": facts.stage_id})
        forecast.add("n", 1)
        forecast.add("v", facts.value)
    if won:
        _win(build, facts, base)
    return _clean(build.cells)


def _dims(values: tuple[str, ...]) -> Dims:
    source, medium, campaign, content, platform = values
    return source, medium, campaign, content, platform


def _dim_labels(dims: Dims) -> dict[str, str]:
    _, medium, campaign, content, platform = dims
    return {"med": medium, "cmp": campaign, "ad": content, "plt": platform}


def _reached(facts: LeadFacts) -> list[str]:
    """Every stage the lead has ever been in (the stage it was created in, each it moved to)."""
    stages = dict.fromkeys(move.to_stage_id for move in facts.moves)
    stages.setdefault(facts.stage_id)
    return list(stages)


def _stage_times(build: _Builder, facts: LeadFacts, base: dict[str, str]) -> None:
    for move in facts.moves:
        if not move.from_stage_id or move.seconds_in_previous is None:
            continue
        cell = build.daily(keys.STAGES, move.at, {**base, "st": move.from_stage_id})
        cell.add("n", 1)
        cell.add("sec", int(move.seconds_in_previous))
        cell.add(f"h{histogram.bucket(move.seconds_in_previous)}", 1)


def _agents(build: _Builder, facts: LeadFacts, won: bool) -> None:
    labels = {"p": facts.pipeline_id, "s": facts.source}
    if is_user(facts.owner_id):
        owner = str(facts.owner_id)
        created = build.daily(keys.AGENTS, facts.created_at, {**labels, "u": owner})
        created.add("owned", 1)
        response = _first_response(facts)
        if response is not None:
            created.add("rt_n", 1)
            created.add(f"rh{histogram.bucket(response)}", 1)
        elif facts.stage_kind == "open":
            created.add("waiting", 1)
        if won:
            win = build.daily(keys.AGENTS, facts.stage_entered_at, {**labels, "u": owner})
            win.add("won", 1)
            win.add("rev", facts.value)
    acted: set[tuple[str, str]] = set()
    work = [(move.at, move.by) for move in facts.moves if move.from_stage_id]
    work += [(activity.at, activity.by) for activity in facts.activities]
    for at, by in work:
        day = build.calendar.day(at)
        if is_user(by) and (day, by) not in acted:
            acted.add((day, by))
            build.daily(keys.AGENTS, at, {**labels, "u": by}).add("acted", 1)


def _first_response(facts: LeadFacts) -> int | None:
    """Seconds from the lead's creation to the first thing a user did about it: a stage move, a note
    or a completed follow-up."""
    moments = [move.at for move in facts.moves if move.from_stage_id and is_user(move.by)]
    moments += [activity.at for activity in facts.activities if is_user(activity.by)]
    if not moments:
        return None
    return seconds_between(facts.created_at, min(moments, key=parse))


def _win(build: _Builder, facts: LeadFacts, base: dict[str, str]) -> None:
    won_at = facts.stage_entered_at
    # A lead with no touch of its own (entered by hand, imported) is credited to where it came from.
    created = parse(facts.created_at).timestamp()
    touches = list(facts.touches) or [TouchPoint(created, is_direct(facts.first_touch), facts.first_touch)]
    days_bucket = histogram.bucket(seconds_between(facts.created_at, won_at))
    lead_labels = {"p": facts.pipeline_id, "o": base["o"]}
    for model in Model:
        code = CODES[model]
        for line in credit(model, touches, parse(won_at).timestamp(), facts.value):
            dims = _dims(line.dims)
            cell = build.daily(keys.WINS, won_at, {**lead_labels, "s": dims[0], **_dim_labels(dims)})
            cell.add(f"c_{code}", line.cents)
            cell.add(f"w_{code}", line.share)
            cell.add(f"h_{code}_{days_bucket}", 1)
    for platform in PLATFORMS:
        status = facts.conversions.get(platform)
        outcome = "pending" if status is None else CONVERSION_OUTCOMES.get(status, "not_sent")
        cell = build.daily(keys.CONVERSIONS, won_at, {**base, "plt": platform, "out": outcome})
        cell.add("n", 1)
        cell.add("v", facts.value)


def _due(build: _Builder, due: Due) -> None:
    cell = build.state(keys.DUE, build.calendar.day(due.due_at), {"k": due.kind, "u": due.assignee_id})
    cell.add("n", 1)


def _clean(cells: Contribution) -> Contribution:
    return {cell_id: cell for cell_id, cell in cells.items() if any(cell.counters.values())}


def task_contribution(tenant_id: str, due: Due | None, calendar: Calendar) -> Contribution:
    """An open task counts as work due for its assignee; a done or deleted one counts nowhere."""
    build = _Builder(tenant_id, calendar)
    if due is not None:
        _due(build, due)
    return _clean(build.cells)
