"""A lead's facts, read for its contribution: one Query of the lead's partition (the lead, its stage
history, notes, follow-ups, touches and conversions), and for a won lead with a contact, the touches of
the contact's other leads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convertly.accounts import service as accounts
from convertly.analytics.contribution import (
    Activity,
    Calendar,
    Due,
    LeadFacts,
    StageMove,
    is_direct,
    parse,
)
from convertly.analytics.models import TouchPoint
from convertly.capture import service as capture
from convertly.contacts import service as contacts
from convertly.conversions import service as conversions
from convertly.leads import service as leads
from convertly.pipelines import service as pipelines
from convertly.platform.store.items import Item, plain
from convertly.work import service as work


@dataclass
class LeadRead:
    """What one Query of the lead's partition found."""

    lead: leads.Lead | None
    items: list[Item]


def read_lead(tenant_id: str, lead_id: str) -> LeadRead:
    items = leads.lead_partition(tenant_id, lead_id)
    lead = next((item for item in items if isinstance(item, leads.Lead)), None)
    return LeadRead(lead, items)


def lead_facts(read: LeadRead) -> LeadFacts:
    """The facts of a lead that exists (`read.lead` is not None)."""
    lead = read.lead
    assert lead is not None
    kinds = pipelines.stage_kinds(lead.tenant_id)
    if lead.stage_id not in kinds:
        kinds = pipelines.stage_kinds(lead.tenant_id, refresh=True)
    first = lead_dims(lead)
    moves, activities, due, own_touches = [], [], [], []
    for item in read.items:
        if isinstance(item, leads.StageHistory):
            moves.append(
                StageMove(
                    str(item.changed_at),
                    item.from_stage_id,
                    str(item.to_stage_id),
                    str(item.changed_by),
                    int(item.seconds_in_previous) if item.seconds_in_previous is not None else None,
                )
            )
        elif isinstance(item, leads.Note):
            activities.append(Activity(str(item.created_at), str(item.author_id)))
        elif work.is_followup(item):
            if item.status == "done" and item.completed_at:
                activities.append(Activity(str(item.completed_at), str(item.completed_by or "")))
            elif item.status != "done":
                due.append(Due("followup", str(item.due_at), str(item.assignee_id)))
        elif capture.is_touch(item):
            own_touches.append(item)
    moves.sort(key=lambda move: move.at)
    kind = kinds.get(str(lead.stage_id), "open")
    won = kind == "won" and not lead.deleted_at
    return LeadFacts(
        tenant_id=lead.tenant_id,
        lead_id=lead.lead_id,
        pipeline_id=str(lead.pipeline_id),
        stage_id=str(lead.stage_id),
        stage_kind=kind,
        stage_entered_at=str(lead.stage_entered_at),
        created_at=str(lead.created_at),
        owner_id=lead.owner_id,
        value=int(lead.value or 0),
        source=str(lead.source or "manual"),
        first_touch=first,
        deleted=bool(lead.deleted_at),
        close_date=getattr(lead, "close_date", None),
        moves=moves,
        activities=activities,
        due=due,
        touches=_touches(lead, own_touches) if won else (),
        conversions=conversions.win_outcomes(read.items) if won else {},
    )


def _touches(lead: leads.Lead, own: list[Any]) -> list[TouchPoint]:
    """The touches of the lead's contact up to the win, oldest first: each of its leads' visits (form
    submissions), or for a lead with none (entered by hand, imported), where that lead came from."""
    points = _lead_points(lead, own)
    if lead.contact_id:
        _, links = contacts.get_contact_with_leads(lead.tenant_id, str(lead.contact_id))
        others = [link.lead_id for link in links if link.lead_id != lead.lead_id]
        for other in leads.batch_get_leads(lead.tenant_id, others).values():
            points += _lead_points(other, capture.lead_touches(lead.tenant_id, other.lead_id))
    won_at = parse(str(lead.stage_entered_at)).timestamp()
    return sorted((point for point in points if point.at <= won_at), key=lambda point: (point.at, point.dims))


def _lead_points(lead: leads.Lead, touches: list[Any]) -> list[TouchPoint]:
    if not touches:
        dims = lead_dims(lead)
        return [TouchPoint(parse(str(lead.created_at)).timestamp(), is_direct(dims), dims)]
    points = []
    for touch in touches:
        dims = capture.touch_dims(plain(touch.attribution))
        points.append(TouchPoint(parse(touch.touched_at).timestamp(), is_direct(dims), dims))
    return points


def lead_dims(lead: leads.Lead) -> tuple[str, str, str, str, str]:
    """Where the lead came from: its recorded source (a rep may have set it) and its first touch."""
    found = capture.touch_dims(plain(lead.attribution))
    return str(lead.source or found[0]), found[1], found[2], found[3], found[4]


def calendar(tenant_id: str) -> Calendar:
    """The tenant's calendar (its time zone), read each time: after a change of time zone every
    refresh must count days in the new one (one GetItem)."""
    tenant = accounts.get_tenant(tenant_id)
    return Calendar(str(tenant.timezone) if tenant is not None else "UTC")
