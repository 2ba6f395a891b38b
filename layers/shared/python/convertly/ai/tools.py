"""The tools the model answers pipeline questions with: read-only looks at the asking user's own
leads, pipeline and revenue, each run as that user.

Every tool reads through the owning capability's service with the principal rebuilt from the stored
user, so a Sales user's tools see their own leads only and the tenant comes from the principal alone
(no argument names a tenant or a user). No tool writes, sends, fetches a URL or names a page outside
Convertly: links are `/leads/<id>`, `/reports/revenue?...` and `/pipeline`. What a tool reads is
bounded (at most READ_* records) and what it answers too (at most MAX_ITEMS rows, text cut to
TEXT_CHARS); it says "at_least" when a count stopped at its bound. Text people or visitors wrote is
quoted as data, with email addresses and phone numbers taken out: no tool answers with either, since
no question the tools serve needs them and the lead's page has them for whoever may see it.

An unknown tool, arguments that are not what the schema says, and a lead the user may not see are
answered as a tool result in words (`{"error": ...}`), never as an exception: the model reads it and
carries on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from convertly.accounts import service as accounts
from convertly.ai import keys
from convertly.ai.items import LeadScoreItem
from convertly.ai.untrusted import scrub
from convertly.analytics import service as analytics
from convertly.capture import service as capture
from convertly.leads import service as leads
from convertly.pipelines import service as pipelines
from convertly.platform.clock import now, parse_iso
from convertly.platform.errors import ForbiddenError, NotFoundError
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.work import service as work

MAX_ITEMS = 20  # rows a tool answers with
DEFAULT_ITEMS = 10
TEXT_CHARS = 200  # a note's, an answer's text
NAME_CHARS = 80  # a lead's, a campaign's name
TIMELINE = 10  # a lead's latest timeline entries
READ_LEADS = 200  # leads a tool reads at most
READ_SCORES = 300  # open leads' AI records stalling_leads reads at most
READ_FOLLOWUPS = 1000  # open follow-ups leads_without_followup reads at most
MAX_ENUM = 50  # stage and pipeline names offered to the model
DIGEST_CHARS = 300  # what a stored tool call keeps of its result

PERIODS = (
    "last_30_days",
    "this_month",
    "last_month",
    "last_7_days",
    "last_90_days",
    "this_year",
    "last_year",
)
OWNERS = ("me", "anyone")
SOURCES = tuple(source.value for source in leads.LeadSource)

_LEAD_ID = re.compile(r"^[0-9A-Za-z]{1,64}$")
# The pages a tool may link to: the only links an answer can cite.
OWN_PAGE = re.compile(r"^/(leads/[0-9A-Za-z]{1,64}|pipeline|reports/revenue\?[A-Za-z0-9_=&.-]{0,200})$")


class ToolArgumentError(Exception):
    """Arguments the tool cannot take; the message tells the model what it can."""


def clean(text: Any, limit: int = TEXT_CHARS) -> str:
    """Untrusted text as one quoted line: no newlines, no email addresses or phone numbers, bounded."""
    return scrub(text, limit)


def money(minor: Any) -> int | float:
    """Minor units as an amount: 120050 -> 1200.5, 120000 -> 1200."""
    amount = round(int(minor or 0) / 100, 2)
    return int(amount) if amount == int(amount) else amount


# What the tools know of the tenant's pipelines ---------------------------------------------------------


@dataclass(frozen=True)
class StageRef:
    stage_id: str
    name: str
    kind: str
    pipeline_id: str


@dataclass(frozen=True)
class Catalog:
    """The tenant's pipelines and stages: the names the tools' arguments take (enums the model picks
    from), read once per answer."""

    stages: tuple[StageRef, ...] = ()
    pipelines: tuple[tuple[str, str], ...] = ()  # (id, name), the default first

    def stage_names(self, *, open_only: bool = False) -> list[str]:
        names = (s.name for s in self.stages if not open_only or s.kind == "open")
        return list(dict.fromkeys(names))[:MAX_ENUM]

    def stages_named(self, name: str, *, open_only: bool = False) -> list[StageRef]:
        wanted = _spoken(name)
        return [s for s in self.stages if _spoken(s.name) == wanted and (not open_only or s.kind == "open")]

    def stage(self, stage_id: str) -> StageRef | None:
        return next((s for s in self.stages if s.stage_id == stage_id), None)

    def pipeline_names(self) -> list[str]:
        return list(dict.fromkeys(name for _, name in self.pipelines))[:MAX_ENUM]


def catalog_of(tenant_id: str) -> Catalog:
    found = pipelines.pipelines_of(tenant_id)
    return Catalog(
        stages=tuple(
            StageRef(str(s.stage_id), str(s.name), str(s.kind or "open"), str(p.pipeline.pipeline_id))
            for p in found
            for s in p.stages
        ),
        pipelines=tuple((str(p.pipeline.pipeline_id), str(p.pipeline.name)) for p in found),
    )


@dataclass
class Context:
    """Who asks, and what they ask about: the tools' only inputs besides their arguments."""

    principal: Principal
    catalog: Catalog
    today: Callable[[], date] = field(default=lambda: datetime.now(UTC).date())
    _names: dict[str, str] | None = field(default=None, init=False, repr=False)

    @property
    def sees_all(self) -> bool:
        return bool(leads.may_see_all(self.principal))

    def owner_name(self, owner_id: str | None) -> str:
        if not owner_id:
            return "nobody"
        if owner_id == self.principal.user_id:
            return "you"
        if self._names is None:
            self._names = {
                u.user_id: clean(u.name, NAME_CHARS) for u in accounts.team_members(self.principal.tenant_id)
            }
        return self._names.get(owner_id, "a colleague")


# Arguments ------------------------------------------------------------------------------------------


def _spoken(text: Any) -> str:
    return " ".join(str(text).lower().replace("_", " ").split())


def _known(arguments: dict[str, Any], names: Iterable[str]) -> None:
    allowed = list(names)
    unknown = sorted(set(arguments) - set(allowed))
    if unknown:
        takes = ", ".join(allowed) or "no arguments"
        raise ToolArgumentError(f"Unknown argument {unknown[0]!r}: this tool takes {takes}.")


def _choice(
    arguments: dict[str, Any], name: str, values: list[str] | tuple[str, ...], *, required: bool
) -> str | None:
    value = arguments.get(name)
    if value is None or value == "":
        if required:
            raise ToolArgumentError(f"{name} is required: one of {', '.join(values)}.")
        return None
    if not isinstance(value, str):
        raise ToolArgumentError(f"{name} must be text: one of {', '.join(values)}.")
    found = next((v for v in values if _spoken(v) == _spoken(value)), None)
    if found is None:
        raise ToolArgumentError(f"{name} {clean(value, 60)!r} is not one of {', '.join(values)}.")
    return found


def _whole(arguments: dict[str, Any], name: str, low: int, high: int, default: int | None) -> int | None:
    value = arguments.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ToolArgumentError(f"{name} must be a whole number from {low} to {high}.")
    if not low <= int(value) <= high:
        raise ToolArgumentError(f"{name} must be from {low} to {high}.")
    return int(value)


def _amount(arguments: dict[str, Any], name: str) -> float | None:
    value = arguments.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1e12:
        raise ToolArgumentError(f"{name} must be an amount of 0 or more, like 5000.")
    return float(value)


def parse_arguments(raw: Any) -> dict[str, Any]:
    """The model's arguments (a JSON object as text) as a dict."""
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError) as error:
        raise ToolArgumentError("The arguments are not valid JSON: send a JSON object.") from error
    if not isinstance(value, dict):
        raise ToolArgumentError("The arguments must be a JSON object.")
    return value


# The tools ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    progress: str  # what the page shows while it runs
    schema: Callable[[Catalog], dict[str, Any]]
    check: Callable[[dict[str, Any], Catalog], dict[str, Any]]  # ToolArgumentError if not valid
    run: Callable[[Context, dict[str, Any]], dict[str, Any]]


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def _enum(values: Iterable[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def _limit_property() -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ITEMS, "description": "How many to list"}


# revenue_by_campaign ----------------------------------------------------------------------------------


def period_days(period: str, today: date) -> tuple[date, date]:
    """The first and last day of a named period ending today (or, for last_*, before this one)."""
    if period.endswith("_days"):
        days = int(period.split("_")[1])
        return today - timedelta(days=days - 1), today
    if period == "this_month":
        return today.replace(day=1), today
    if period == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if period == "this_year":
        return date(today.year, 1, 1), today
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    raise ToolArgumentError(f"period must be one of {', '.join(PERIODS)}.")


def _revenue_check(arguments: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    _known(arguments, ("period",))
    return {"period": _choice(arguments, "period", PERIODS, required=True)}


def _revenue_row(row: Any) -> dict[str, Any]:
    return {
        "source": row.source or "unknown",
        "campaign": clean(row.campaign, NAME_CHARS) if row.campaign else "(no campaign)",
        "leads": row.leads,
        "won": row.won,
        "revenue": money(row.revenue_minor),
        "open_leads": row.open_leads,
        "open_value": money(row.open_value_minor),
    }


def _revenue(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    period = str(arguments["period"])
    first, last = period_days(period, analytics.tenant_today(ctx.principal))
    report = analytics.revenue_report(ctx.principal, first, last, "campaign")
    rows = [_revenue_row(row) for row in report.rows]
    total = _revenue_row(report.total)
    del total["source"], total["campaign"]
    answer: dict[str, Any] = {
        "period": _spoken(period),
        "from": first.isoformat(),
        "to": last.isoformat(),
        "currency": report.range.currency,
        "scope": "your leads" if report.range.owner_id else "every lead of the team",
        "report": {
            "title": f"Revenue by campaign, {first.isoformat()} to {last.isoformat()}",
            "url": f"/reports/revenue?date_from={first}&date_to={last}&group_by=campaign",
        },
        "campaigns": rows[:MAX_ITEMS],
        "total": total,
    }
    if len(rows) > MAX_ITEMS:
        answer["more_campaigns"] = len(rows) - MAX_ITEMS
    return answer


# Leads as the tools show them -------------------------------------------------------------------------


def lead_name(first: Any, last: Any, company: Any) -> str:
    """A person's name, else the company's; never an email address or phone number."""
    named = " ".join(str(part) for part in (first, last) if part)
    return clean(named or company or "Unnamed lead", NAME_CHARS)


def _lead_row(ctx: Context, lead: Any, value: int | float) -> dict[str, Any]:
    stage = ctx.catalog.stage(str(lead.stage_id))
    row: dict[str, Any] = {
        "name": lead_name(lead.first_name, lead.last_name, lead.company),
        "url": f"/leads/{lead.lead_id}",
        "stage": stage.name if stage else "unknown",
        "value": value,
        "currency": lead.currency,
        "source": lead.source,
        "owner": ctx.owner_name(lead.owner_id),
        "created": str(lead.created_at)[:10],
    }
    if lead.company:
        row["company"] = clean(lead.company, NAME_CHARS)
    return row


# search_leads -----------------------------------------------------------------------------------------


def _search_check(arguments: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    _known(arguments, ("stage", "source", "min_value", "owner", "created_within_days", "limit"))
    return {
        "stage": _choice(arguments, "stage", catalog.stage_names(), required=False),
        "source": _choice(arguments, "source", SOURCES, required=False),
        "min_value": _amount(arguments, "min_value"),
        "owner": _choice(arguments, "owner", OWNERS, required=False) or "anyone",
        "created_within_days": _whole(arguments, "created_within_days", 1, 3650, None),
        "limit": _whole(arguments, "limit", 1, MAX_ITEMS, DEFAULT_ITEMS),
    }


def _search(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    principal = ctx.principal
    owner = arguments["owner"] if ctx.sees_all else "me"  # Sales see their own leads only
    stage_ids: list[str | None] = [None]
    if arguments["stage"]:
        stage_ids = [s.stage_id for s in ctx.catalog.stages_named(arguments["stage"])]
    days = arguments["created_within_days"]
    created_from = (ctx.today() - timedelta(days=days)).isoformat() if days else None
    low = arguments["min_value"]
    found: list[Any] = []
    read, capped = 0, False
    for stage_id in stage_ids:
        cursor: str | None = None
        while not capped:
            filters = leads.LeadFilters(
                stage_id=stage_id,
                owner_id=principal.user_id if owner == "me" else None,
                source=arguments["source"],
                created_from=created_from,
            )
            page = leads.list_leads(principal, filters, cursor, 100)
            read += len(page.items)
            found += [lead for lead in page.items if low is None or float(lead.value) >= low]
            cursor = page.next_cursor
            capped = bool(cursor) and read >= READ_LEADS
            if not cursor:
                break
    applied = {k: v for k, v in arguments.items() if v is not None and k != "limit"}
    applied["owner"] = owner
    answer: dict[str, Any] = {
        "filters": applied,
        "matched": len(found),
        "at_least": capped,
        "leads": [_lead_row(ctx, lead, _number(lead.value)) for lead in found[: arguments["limit"]]],
    }
    if not ctx.sees_all:
        answer["scope"] = "your leads (Sales see the leads assigned to them)"
    return answer


def _number(value: Any) -> int | float:
    amount = round(float(value or 0), 2)
    return int(amount) if amount == int(amount) else amount


# stalling_leads ---------------------------------------------------------------------------------------


def _stalling_check(arguments: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    _known(arguments, ("min_idle_days", "limit"))
    return {
        "min_idle_days": _whole(arguments, "min_idle_days", 0, 3650, 7),
        "limit": _whole(arguments, "limit", 1, MAX_ITEMS, DEFAULT_ITEMS),
    }


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = parse_iso(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _idle_since(record: LeadScoreItem) -> datetime | None:
    """When something last happened to the lead: its last activity, else its creation."""
    last = _moment(record.last_activity_at)
    if last is not None:
        return last
    try:
        facts = json.loads(str(record.facts or "{}"))
    except ValueError:
        facts = {}
    return _moment(facts.get("created_at")) or _moment(record.scored_at)


def _stalling(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    principal, tenant_id = ctx.principal, ctx.principal.tenant_id
    if ctx.sees_all:
        query = LeadScoreItem.gsi1.query(keys.scores_index(tenant_id), limit=READ_SCORES)
    else:  # Sales: their own open leads, from the owner score index
        query = LeadScoreItem.gsi2.query(
            keys.owner_scores_index(tenant_id, principal.user_id), limit=READ_SCORES
        )
    records = list(query)
    moment = now()
    idle: list[tuple[datetime, LeadScoreItem]] = [
        (since, record) for record in records if (since := _idle_since(record)) is not None
    ]
    idle.sort(key=lambda pair: pair[0])
    least = timedelta(days=arguments["min_idle_days"])
    candidates = [(since, r) for since, r in idle if moment - since >= least]
    chosen = candidates[: arguments["limit"] * 2]  # a few spare: a lead may be gone or reassigned
    found = leads.batch_get_leads(tenant_id, [str(r.lead_id) for _, r in chosen])
    rows = []
    for since, record in chosen:
        lead = found.get(str(record.lead_id))
        if lead is None or lead.deleted_at or (not ctx.sees_all and lead.owner_id != principal.user_id):
            continue
        row = _lead_row(ctx, lead, money(lead.value))
        row["idle_days"] = (moment - since).days
        row["last_activity"] = str(record.last_activity_at)[:10] if record.last_activity_at else "never"
        rows.append(row)
    return {
        "min_idle_days": arguments["min_idle_days"],
        "open_leads_read": len(records),
        "at_least": len(records) >= READ_SCORES,
        "stalling": len(candidates),
        "leads": rows[: arguments["limit"]],
        "scope": "every open lead of the team" if ctx.sees_all else "your open leads",
    }


# leads_without_followup -------------------------------------------------------------------------------


def _followup_check(arguments: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    _known(arguments, ("stage",))
    return {"stage": _choice(arguments, "stage", catalog.stage_names(open_only=True), required=True)}


def _stage_leads(ctx: Context, stages: list[StageRef]) -> tuple[list[Any], bool]:
    """The live leads of the stages (the user's own, for Sales), up to READ_LEADS."""
    principal, tenant_id = ctx.principal, ctx.principal.tenant_id
    found: list[Any] = []
    capped = False
    for stage in stages:
        room = READ_LEADS - len(found)
        if room <= 0:
            capped = True
            break
        if ctx.sees_all:
            index, hash_key = "GSI2", leads.stage_index(tenant_id, stage.stage_id)
        else:
            index, hash_key = "GSI5", leads.owner_stage_index(tenant_id, principal.user_id, stage.stage_id)
        items, more = leads.query_leads(index, hash_key, None, None, room, None)
        found += items
        capped = capped or more is not None
    return found, capped


def _without_followup(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    stages = ctx.catalog.stages_named(arguments["stage"], open_only=True)
    stage_leads, capped = _stage_leads(ctx, stages)
    followed, followups_capped = work.leads_with_open_followups(ctx.principal.tenant_id, READ_FOLLOWUPS)
    without = [lead for lead in stage_leads if str(lead.lead_id) not in followed]
    answer: dict[str, Any] = {
        "stage": stages[0].name if stages else arguments["stage"],
        "open_leads_in_stage": len(stage_leads),
        "without_followup": len(without),
        "at_least": capped,
        "leads": [_lead_row(ctx, lead, money(lead.value)) for lead in without[:MAX_ITEMS]],
        "scope": "every lead of the team" if ctx.sees_all else "your leads",
    }
    if followups_capped:
        answer["note"] = f"Only the first {READ_FOLLOWUPS} open follow-ups were checked."
    return answer


# lead_details -----------------------------------------------------------------------------------------


def _details_check(arguments: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    _known(arguments, ("lead_id",))
    value = arguments.get("lead_id")
    if not isinstance(value, str) or not value.strip():
        raise ToolArgumentError("lead_id is required: the id in a lead's link, /leads/<id>.")
    lead_id = value.strip().removeprefix("/leads/").strip("/")
    if not _LEAD_ID.match(lead_id):
        raise ToolArgumentError("lead_id must be the id in a lead's link, /leads/<id>.")
    return {"lead_id": lead_id}


def _entry(item: Any) -> tuple[str, dict[str, Any]] | None:
    """A timeline entry of the lead's partition, as quoted data; None for what the tool leaves out."""
    if isinstance(item, leads.Note):
        return str(item.created_at), {"kind": "note", "text": clean(item.body)}
    if isinstance(item, leads.StageHistory):
        if item.from_stage_id is None:
            return str(item.changed_at), {"kind": "created", "stage": clean(item.to_stage_name, NAME_CHARS)}
        moved = {"kind": "stage_changed", "from": clean(item.from_stage_name, NAME_CHARS)}
        moved["to"] = clean(item.to_stage_name, NAME_CHARS)
        if item.lost_reason:
            moved["lost_reason"] = clean(item.lost_reason, NAME_CHARS)
        return str(item.changed_at), moved
    if capture.is_touch(item):
        answers = [
            f"{clean(a.get('label'), 40)}: {clean(a.get('value'), TEXT_CHARS)}"
            for a in (plain(answer) for answer in item.answers or [])
        ]
        return str(item.touched_at), {"kind": "form_submitted", "answers": answers[:8]}
    if work.is_followup(item):
        entry = {"kind": "follow_up", "type": item.followup_type, "status": item.status}
        entry["due"] = str(item.due_at)[:16]
        if item.note:
            entry["text"] = clean(item.note)
        return str(item.created_at), entry
    return None


def _details(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    principal, lead_id = ctx.principal, arguments["lead_id"]
    try:
        lead = leads.visible_lead(principal, lead_id)
    except (NotFoundError, ForbiddenError):
        lead = None
    if lead is None or lead.deleted_at:
        return {"error": f"No lead with the id {lead_id} is visible to you."}
    dated = [entry for item in leads.lead_partition(principal.tenant_id, lead_id) if (entry := _entry(item))]
    dated.sort(key=lambda pair: pair[0])
    row = _lead_row(ctx, lead, money(lead.value))
    campaign = plain(lead.attribution).get("utm_campaign")
    if campaign:
        row["campaign"] = clean(campaign, NAME_CHARS)
    record = _score_record(principal.tenant_id, lead_id)
    if record is not None and record.status == "open":
        row["score"] = int(record.score or 0)
        row["last_activity"] = str(record.last_activity_at)[:10] if record.last_activity_at else "never"
    return {
        "lead": row,
        "timeline": [{"at": at[:10], **entry} for at, entry in dated[-TIMELINE:]],
        "timeline_entries": len(dated),
    }


def _score_record(tenant_id: str, lead_id: str) -> LeadScoreItem | None:
    try:
        return LeadScoreItem.get(keys.lead_ai(tenant_id, lead_id), keys.SCORE_SK)
    except LeadScoreItem.DoesNotExist:
        return None


# stage_counts -----------------------------------------------------------------------------------------


def _counts_check(arguments: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    _known(arguments, ("pipeline",))
    return {"pipeline": _choice(arguments, "pipeline", catalog.pipeline_names(), required=False)}


def _counts(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    principal = ctx.principal
    everything = pipelines.pipelines_of(principal.tenant_id)
    if not everything:
        return {"error": "This account has no pipeline yet."}
    wanted = _spoken(arguments["pipeline"]) if arguments["pipeline"] else None
    chosen = next((p for p in everything if wanted and _spoken(p.pipeline.name) == wanted), everything[0])
    pipeline_id = str(chosen.pipeline.pipeline_id)
    own = (
        None
        if ctx.sees_all
        else pipelines.owner_counters(principal.tenant_id, principal.user_id, pipeline_id)
    )
    stages: list[dict[str, Any]] = []
    open_count = open_minor = 0
    for stage in chosen.stages:
        counter = stage if own is None else own.get(str(stage.stage_id))
        count = int(counter.lead_count or 0) if counter is not None else 0
        minor = int(counter.lead_value or 0) if counter is not None else 0
        stages.append(
            {"stage": str(stage.name), "kind": str(stage.kind), "leads": count, "value": money(minor)}
        )
        if stage.kind == "open":
            open_count, open_minor = open_count + count, open_minor + minor
    return {
        "pipeline": str(chosen.pipeline.name),
        "scope": "every lead of the team" if own is None else "your leads",
        "board": {"title": f"{clean(chosen.pipeline.name, NAME_CHARS)} board", "url": "/pipeline"},
        "stages": stages[:MAX_ENUM],
        "open_leads": open_count,
        "open_value": money(open_minor),
    }


# The list ---------------------------------------------------------------------------------------------


def _revenue_schema(catalog: Catalog) -> dict[str, Any]:
    return _object({"period": _enum(PERIODS, "The days the figures cover")}, ("period",))


def _search_schema(catalog: Catalog) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "source": _enum(SOURCES, "Where the lead came from"),
        "min_value": {"type": "number", "minimum": 0, "description": "The least value a lead has"},
        "owner": _enum(OWNERS, "me: the asking user's leads; anyone: every lead they may see"),
        "created_within_days": {
            "type": "integer",
            "minimum": 1,
            "maximum": 3650,
            "description": "Only leads created in this many days up to today",
        },
        "limit": _limit_property(),
    }
    names = catalog.stage_names()
    if names:
        properties = {"stage": _enum(names, "The stage the leads are in"), **properties}
    return _object(properties)


def _stalling_schema(catalog: Catalog) -> dict[str, Any]:
    return _object(
        {
            "min_idle_days": {
                "type": "integer",
                "minimum": 0,
                "maximum": 3650,
                "description": "Only leads idle at least this many days (7 when left out)",
            },
            "limit": _limit_property(),
        }
    )


def _followup_schema(catalog: Catalog) -> dict[str, Any]:
    names = catalog.stage_names(open_only=True) or ["(no open stage)"]
    return _object({"stage": _enum(names, "The open stage to check")}, ("stage",))


def _details_schema(catalog: Catalog) -> dict[str, Any]:
    return _object(
        {
            "lead_id": {
                "type": "string",
                "maxLength": 64,
                "description": "The id in the lead's link /leads/<id>",
            }
        },
        ("lead_id",),
    )


def _counts_schema(catalog: Catalog) -> dict[str, Any]:
    names = catalog.pipeline_names()
    return _object({"pipeline": _enum(names, "The pipeline; the default one when left out")} if names else {})


# The order is the model's tie-break too: on equal words the first is chosen.
TOOLS: tuple[Tool, ...] = (
    Tool(
        "revenue_by_campaign",
        "Revenue, won deals and new leads by ad campaign and source for a period, from the revenue report.",
        "Looking at revenue by campaign",
        _revenue_schema,
        _revenue_check,
        _revenue,
    ),
    Tool(
        "stalling_leads",
        "Open leads with no activity for the longest time: stalling, idle or going cold.",
        "Looking for stalling leads",
        _stalling_schema,
        _stalling_check,
        _stalling,
    ),
    Tool(
        "leads_without_followup",
        "Count the open leads in a stage that have no open follow-up scheduled, and list them.",
        "Checking follow-ups in a stage",
        _followup_schema,
        _followup_check,
        _without_followup,
    ),
    Tool(
        "stage_counts",
        "How many leads and how much value each stage of a pipeline holds: the board's counts.",
        "Counting leads by stage",
        _counts_schema,
        _counts_check,
        _counts,
    ),
    Tool(
        "search_leads",
        "Search leads by stage, source, minimum value, owner and how recently they were created, newest "
        "first.",
        "Searching leads",
        _search_schema,
        _search_check,
        _search,
    ),
    Tool(
        "lead_details",
        "One lead's details and its latest timeline: notes, stage moves, form answers, next steps.",
        "Reading a lead",
        _details_schema,
        _details_check,
        _details,
    ),
)
BY_NAME = {tool.name: tool for tool in TOOLS}


def definitions(catalog: Catalog) -> list[dict[str, Any]]:
    """The tools as the Chat Completions API takes them."""
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.schema(catalog),
            },
        }
        for tool in TOOLS
    ]


def progress_of(name: str) -> str:
    tool = BY_NAME.get(name)
    return tool.progress if tool else "Thinking"


# Running one ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    label: str
    path: str


@dataclass
class Outcome:
    """What one tool call gave: the result the model reads, and the links in it."""

    name: str
    arguments: dict[str, Any]
    content: str
    links: list[Link]
    ok: bool

    @property
    def digest(self) -> str:
        text = self.content
        return text[:DIGEST_CHARS] + ("…" if len(text) > DIGEST_CHARS else "")


def links_in(value: Any) -> list[Link]:
    """The links of a result (a `url` that is one of our pages), labelled by the item's name or title."""
    found: list[Link] = []
    if isinstance(value, dict):
        url = value.get("url")
        if isinstance(url, str) and OWN_PAGE.match(url):
            label = next((value[k] for k in ("name", "title", "label") if isinstance(value.get(k), str)), url)
            found.append(Link(clean(label, NAME_CHARS), url))
        for item in value.values():
            found += links_in(item)
    elif isinstance(value, list):
        for item in value:
            found += links_in(item)
    return found


def _error(name: str, arguments: dict[str, Any], message: str) -> Outcome:
    return Outcome(name, arguments, json.dumps({"error": message}), [], ok=False)


def run(name: str, raw_arguments: Any, ctx: Context) -> Outcome:
    """Run one tool call as the context's user. Never raises for the model's mistakes: an unknown
    tool, bad arguments and records the user may not see are answered in words."""
    tool = BY_NAME.get(name)
    if tool is None:
        names = ", ".join(BY_NAME)
        return _error(
            clean(name, 64), {}, f"There is no tool named {clean(name, 64)!r}. The tools are: {names}."
        )
    try:
        arguments = tool.check(parse_arguments(raw_arguments), ctx.catalog)
    except ToolArgumentError as error:
        return _error(name, {}, str(error))
    try:
        result = tool.run(ctx, arguments)
    except ToolArgumentError as error:
        return _error(name, arguments, str(error))
    except (NotFoundError, ForbiddenError) as error:
        return _error(name, arguments, error.message)
    shown = {k: v for k, v in arguments.items() if v is not None}
    return Outcome(
        name, shown, json.dumps(result, separators=(",", ":")), links_in(result), "error" not in result
    )
