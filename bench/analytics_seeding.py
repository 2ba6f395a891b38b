"""A tenant's analytics written straight to the table: the cells its leads add up to, and the leads.

Through the use cases and the consumer a tenant of 100,000 leads would take hours in moto, so each
lead's facts (`convertly.analytics.contribution.LeadFacts`: stage moves with the seconds spent in the
stage left, notes, an open follow-up, for a won lead the touches of its contact and its conversions)
are built in memory, its cells computed by the real `lead_contribution`, the tenant's cells summed by
`cells.total` and written in the layout convertly.analytics.store gives them (PK, SK, `type`, labels
as strings, counters as numbers), 25 to a BatchWriteItem call. The leads are written too, as the API
stores them with their index keys (`convertly.leads.store.apply_index_keys`: the velocity report reads
a stage's stalled leads from the stage index), and the stage counters set to match (the dashboard
reads them). Left out, since no report reads them: the contributions, stage history, notes,
follow-ups, touches and contacts.

Both sizes hold the same days and the same dimension values. Each day has a block of BLOCK leads
whose owner (one of three), first touch (one of CHANNELS: three Google ads in two campaigns, two Meta
ads, organic search, a referral, the form alone) and fate (`SLOTS`) follow from the day and the
lead's place in the block; a tenant of DAYS * BLOCK leads holds the block once a day, a larger one
the same block many times. So every cell a report reads exists in both tenants with the same
counters, and only the numbers in them differ.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from bench.contact_seeding import Writer
from bench.scenarios import _FIRST, _LAST

DAYS = 100  # the reports read the last 30 and the last 90 of them
BLOCK = 10  # leads a day in the smallest tenant (DAYS * BLOCK leads)
H, D = 3600, 86400
LANDING = "https://roofing.example.test/quote"
_CLICK = "BhBhEiwAxK2mO7c3vFqYt0lPz8rN5wQeT1uV9sXbD4hG6jK2mL0nR"

# The first touches, as a form submission's attribution stores them.
CHANNELS: tuple[dict[str, str], ...] = (
    {"gclid": f"Cj0KCQjw{_CLICK}", "utm_source": "google", "utm_medium": "cpc",
     "utm_campaign": "storm-damage", "utm_content": "hail-photo"},
    {"gclid": f"Cj0KCQjx{_CLICK}", "utm_source": "google", "utm_medium": "cpc",
     "utm_campaign": "storm-damage", "utm_content": "before-after"},
    {"gclid": f"Cj0KCQjy{_CLICK}", "utm_source": "google", "utm_medium": "cpc",
     "utm_campaign": "roof-repair", "utm_content": "free-quote"},
    {"fbclid": f"IwAR0{_CLICK}", "utm_source": "facebook", "utm_medium": "paid",
     "utm_campaign": "spring-roofs", "utm_content": "carousel"},
    {"fbclid": f"IwAR1{_CLICK}", "utm_source": "facebook", "utm_medium": "paid",
     "utm_campaign": "spring-roofs", "utm_content": "video"},
    {"referrer": "https://www.google.com/"},
    {"referrer": "https://www.homeadvisor.example/pros/roofing"},
    {},  # the form alone: a direct visit
)  # fmt: skip
DIRECT = len(CHANNELS) - 1
CELL_TYPE = "AnalyticsCell"  # the `type` convertly.analytics.store sets on every cell it writes


@dataclass(frozen=True)
class Slot:
    """A lead's place in the daily block: what becomes of it, in seconds from its creation."""

    path: tuple[tuple[int, int], ...] = ()  # (stage index moved to, seconds in the stage left)
    # A won lead's contact's later touches: (channel offset from its first touch, or None for a
    # direct visit; seconds after creation).
    touches: tuple[tuple[int | None, int], ...] = ()
    note_after: int | None = None
    due_after: int | None = None  # an open follow-up, due this long after creation
    close_in_days: int | None = None


# Stage indexes of the default pipeline: New 0, Contacted 1, Qualified 2, Closed Won 3, Closed Lost 4.
SLOTS: tuple[Slot, ...] = (
    Slot(due_after=2 * D),  # open in New, nothing done yet
    Slot(note_after=40 * 60),  # open in New, a note
    Slot(path=((1, 3 * H),), close_in_days=30),
    Slot(path=((1, D), (2, 2 * D)), close_in_days=45),
    Slot(path=((1, 2 * H), (2, D), (3, 3 * D)), note_after=30 * 60),  # won, one touch
    Slot(path=((1, 5 * H), (3, 4 * D)), touches=((3, 2 * H),)),  # won, a second ad
    Slot(path=((1, D), (2, 2 * D), (3, 6 * D)), touches=((None, D), (1, 2 * D))),  # won, three touches
    Slot(path=((4, 2 * D),)),  # lost
    Slot(path=((1, 4 * H), (4, 5 * D))),  # lost after a call
    Slot(path=((1, D),), note_after=50 * 60, due_after=3 * D),
)
assert len(SLOTS) == BLOCK


@dataclass(frozen=True)
class SeedTenant:
    tenant_id: str
    pipeline_id: str
    stage_ids: tuple[str, ...]  # the default pipeline's, in board order
    stage_kinds: tuple[str, ...]
    owners: tuple[str, ...]  # three users of the tenant
    now: datetime  # one moment for every tenant of the run: their days are the same


@dataclass
class SeededAnalytics:
    """What was written for one tenant."""

    leads: int
    copies: int  # of the daily block
    cells: dict[Any, Any] = field(default_factory=dict)  # CellId -> Cell, as written
    fates: Counter[str] = field(default_factory=Counter)  # open, won, lost
    cells_by_family: Counter[str] = field(default_factory=Counter)
    items: int = 0  # written: leads and cells


def first_day(now: datetime) -> date:
    return now.date() - timedelta(days=DAYS - 1)


def _created(tenant: SeedTenant, day: int, j: int) -> datetime:
    """Business hours of the day; today's leads no later than a few minutes ago."""
    start = datetime.combine(first_day(tenant.now) + timedelta(days=day), time(8), tenant.now.tzinfo)
    return min(start + timedelta(minutes=47 * j), tenant.now - timedelta(minutes=BLOCK - j))


def _moves(start: datetime, slot: Slot, now: datetime) -> list[tuple[datetime, int, int]]:
    """(when, stage index, seconds in the stage left) of each move of the slot made by `now`."""
    at, moves = start, []
    for stage, seconds in slot.path:
        at += timedelta(seconds=seconds)
        if at > now:
            break
        moves.append((at, stage, seconds))
    return moves


def _channel(first: int, offset: int | None) -> int:
    return DIRECT if offset is None else (first + offset) % len(CHANNELS)


def _attribution(channel: int) -> dict[str, str]:
    return {**CHANNELS[channel], "landing_page": LANDING}


def _touches(start: datetime, slot: Slot, channel: int) -> list[Any]:
    """A won lead's contact's touches, oldest first: its own first touch, then the slot's others."""
    from convertly.analytics.contribution import is_direct
    from convertly.analytics.models import TouchPoint
    from convertly.capture.service import touch_dims

    points = [(0, channel)] + [(seconds, _channel(channel, offset)) for offset, seconds in slot.touches]
    touches = []
    for seconds, touched in points:
        dims = touch_dims(_attribution(touched))
        touches.append(TouchPoint((start + timedelta(seconds=seconds)).timestamp(), is_direct(dims), dims))
    return touches


def lead_facts(tenant: SeedTenant, day: int, j: int, copy: int, lead_id: str) -> tuple[Any, dict[str, Any]]:
    """The facts of one lead of the block, and what its Lead item needs besides them."""
    from convertly.analytics.contribution import Activity, Due, LeadFacts, StageMove
    from convertly.capture.service import touch_dims
    from convertly.platform.clock import iso

    slot, start = SLOTS[j], _created(tenant, day, j)
    channel, owner = (3 * day + j) % len(CHANNELS), tenant.owners[(day + j) % len(tenant.owners)]
    dims = touch_dims(_attribution(channel))
    moves = _moves(start, slot, tenant.now)
    stage = moves[-1][1] if moves else 0
    kind = tenant.stage_kinds[stage]
    history = [StageMove(iso(start), None, tenant.stage_ids[0], owner)]
    previous = 0
    for at, to, seconds in moves:
        history.append(StageMove(iso(at), tenant.stage_ids[previous], tenant.stage_ids[to], owner, seconds))
        previous = to
    noted = slot.note_after is not None and start + timedelta(seconds=slot.note_after) <= tenant.now
    facts = LeadFacts(
        tenant_id=tenant.tenant_id,
        lead_id=lead_id,
        pipeline_id=tenant.pipeline_id,
        stage_id=tenant.stage_ids[stage],
        stage_kind=kind,
        stage_entered_at=iso(moves[-1][0]) if moves else iso(start),
        created_at=iso(start),
        owner_id=owner,
        value=(1200 + 150 * j + 10 * (copy % 10)) * 100,
        source=dims[0],
        first_touch=dims,
        close_date=(
            (start + timedelta(days=slot.close_in_days)).date().isoformat()
            if slot.close_in_days and kind == "open"
            else None
        ),
        moves=history,
        activities=[Activity(iso(start + timedelta(seconds=slot.note_after or 0)), owner)] if noted else [],
        due=(
            [Due("followup", iso(start + timedelta(seconds=slot.due_after)), owner)]
            if slot.due_after and kind == "open"
            else []
        ),
        touches=_touches(start, slot, channel) if kind == "won" else [],
        # Sent where the first touch carried the platform's click id; nothing to match on elsewhere.
        conversions=(
            {
                "google_ads": "sent" if dims[4] == "gclid" else "not_attributable",
                "meta": "sent" if dims[4] == "fbclid" else "not_attributable",
            }
            if kind == "won"
            else {}
        ),
    )
    return facts, {"attribution": _attribution(channel), "version": len(history)}


def lead_item(facts: Any, extra: Mapping[str, Any], n: int) -> Any:
    """The Lead item the facts describe, with its index keys."""
    from convertly.leads import keys as leads_keys
    from convertly.leads.items import LeadItem
    from convertly.leads.store import apply_index_keys
    from convertly.platform.clock import new_id

    first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
    lead = LeadItem(
        leads_keys.lead(facts.tenant_id, facts.lead_id),
        leads_keys.LEAD_SK,
        lead_id=facts.lead_id,
        tenant_id=facts.tenant_id,
        first_name=first,
        last_name=last,
        email=f"{first}.{last}{n}@example.test".lower(),
        phone=f"+1 415 {4_000_000 + n:07d}",
        company=f"{last} Roofing {n}",
        contact_id=new_id(),
        value=facts.value,
        currency="USD",
        close_date=facts.close_date,
        owner_id=facts.owner_id,
        source=facts.source,
        tags=["roof-repair"],
        attribution=dict(extra["attribution"]),
        pipeline_id=facts.pipeline_id,
        stage_id=facts.stage_id,
        stage_entered_at=facts.stage_entered_at,
        created_at=facts.created_at,
        created_by=facts.owner_id,
        updated_at=facts.stage_entered_at,
        version=extra["version"],
        lost_reason="Price" if facts.stage_kind == "lost" else None,
    )
    apply_index_keys(lead)
    return lead


def cell_item(cell_id: tuple[str, str], cell: Any) -> dict[str, Any]:
    """A cell as convertly.analytics.store leaves it: labels SET as strings, counters ADDed."""
    pk, sk = cell_id
    item: dict[str, Any] = {"PK": {"S": pk}, "SK": {"S": sk}, "type": {"S": CELL_TYPE}}
    item.update({name: {"S": value} for name, value in cell.labels.items()})
    item.update({name: {"N": str(amount)} for name, amount in cell.counters.items()})
    return item


def seed_tenant(writer: Writer, tenant: SeedTenant, size: int) -> SeededAnalytics:
    """`size` leads (a multiple of DAYS * BLOCK), their cells and the stage counters."""
    from convertly.analytics.cells import total
    from convertly.analytics.contribution import Calendar, lead_contribution
    from convertly.analytics.keys import tenant_prefix
    from convertly.platform.clock import new_id

    copies = size // (DAYS * BLOCK)
    if copies * DAYS * BLOCK != size:
        raise ValueError(f"{size} is not a multiple of {DAYS * BLOCK}")
    seeded, calendar = SeededAnalytics(size, copies), Calendar("UTC")
    stages: Counter[str] = Counter()

    def contributions() -> Iterator[Any]:
        # Each lead is written as its contribution is handed to `total`: nothing is kept per lead.
        batch: list[dict[str, Any]] = []
        for day in range(DAYS):
            for j in range(BLOCK):
                for copy in range(copies):
                    facts, extra = lead_facts(tenant, day, j, copy, new_id())
                    batch.append(lead_item(facts, extra, seeded.fates.total()).serialize())
                    seeded.fates[facts.stage_kind] += 1
                    stages[f"{facts.stage_id}#count"] += 1
                    stages[f"{facts.stage_id}#value"] += facts.value
                    yield lead_contribution(facts, calendar)
                    if len(batch) >= 2_500:
                        writer.write(batch)
                        batch = []
        writer.write(batch)

    before = writer.items
    seeded.cells = total(contributions())
    writer.write(cell_item(cell_id, cell) for cell_id, cell in seeded.cells.items())
    seeded.items = writer.items - before
    prefix = tenant_prefix(tenant.tenant_id)
    seeded.cells_by_family.update(pk.removeprefix(prefix).split("#")[0] for pk, _ in seeded.cells)
    _stage_counters(writer, tenant, stages)
    return seeded


def _stage_counters(writer: Writer, tenant: SeedTenant, totals: Counter[str]) -> None:
    """Each stage's live leads and their value, as the lead writes keep them."""
    from convertly.pipelines import keys as pipelines_keys
    from convertly.platform.store import keys as platform_keys

    for stage_id in tenant.stage_ids:
        writer.client.update_item(
            TableName=writer.table,
            Key={
                "PK": {"S": platform_keys.tenant(tenant.tenant_id)},
                "SK": {"S": pipelines_keys.stage_sk(tenant.pipeline_id, stage_id)},
            },
            UpdateExpression="SET lead_count = :c, lead_value = :v",
            ExpressionAttributeValues={
                ":c": {"N": str(totals[f"{stage_id}#count"])},
                ":v": {"N": str(totals[f"{stage_id}#value"])},
            },
        )
