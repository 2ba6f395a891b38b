"""The Kanban board: the pipeline's stages with their counters, and the first page of each column.

Opening the board reads the pipeline (one Query: the pipeline and its stages with their counters),
then one Query per column, all at once, each for exactly one page of that column's leads (GSI2, or
GSI5 for one owner's leads). What it reads depends on the number of stages and the page size, never
on how many leads a stage holds. A column's next pages come from `column_page`, one Query each.
"""

from __future__ import annotations

from collections.abc import Callable

from convertly.leads.service import (
    Lead,
    batch_get_leads,
    owner_stage_index,
    query_leads,
    query_prefix,
    search_lead_ids,
    stage_index,
    to_lead,
)
from convertly.permissions import Permission
from convertly.pipelines.counters import owner_counters
from convertly.pipelines.domain.board import MAX_PAGE, PAGE, Board, BoardCard, BoardColumn, CardPage
from convertly.pipelines.items import StageItem
from convertly.pipelines.stage_change import seconds_between
from convertly.pipelines.store import PipelineWithStages, get_stage
from convertly.pipelines.use_cases import load_pipeline
from convertly.platform.clock import iso
from convertly.platform.concurrency import both, in_parallel
from convertly.platform.errors import ForbiddenError, NotFoundError
from convertly.platform.principal import Principal

SEARCH_MATCHES = 100


def to_card(item: Lead, now: str) -> BoardCard:
    lead = to_lead(item)
    return BoardCard(
        lead_id=lead.lead_id,
        name=lead.name,
        company=lead.company,
        value=lead.value,
        currency=lead.currency,
        owner_id=lead.owner_id,
        source=lead.source,
        pipeline_id=lead.pipeline_id,
        stage_id=lead.stage_id,
        stage_entered_at=lead.stage_entered_at,
        seconds_in_stage=seconds_between(lead.stage_entered_at, now),
        created_at=lead.created_at,
        version=lead.version,
    )


def board_owner(principal: Principal, owner_id: str | None) -> str | None:
    """Whose leads the caller's board shows: Sales see only their own."""
    if principal.can(Permission.LEADS_READ_ALL):
        return owner_id
    if owner_id not in (None, principal.user_id):
        raise ForbiddenError("You can only see leads assigned to you", code="forbidden_owner")
    return principal.user_id


def _column_index(tenant_id: str, stage_id: str, owner_id: str | None) -> tuple[str, str]:
    if owner_id:
        return "GSI5", owner_stage_index(tenant_id, owner_id, stage_id)
    return "GSI2", stage_index(tenant_id, stage_id)


def _page_reader(
    tenant_id: str, stage_id: str, owner_id: str | None, limit: int, cursor: str | None
) -> Callable[[], tuple[list[Lead], str | None]]:
    index, hash_key = _column_index(tenant_id, stage_id, owner_id)
    return lambda: query_leads(index, hash_key, None, None, limit, cursor)


def get_board(
    principal: Principal,
    pipeline_id: str,
    *,
    limit: int = PAGE,
    owner_id: str | None = None,
    q: str | None = None,
) -> Board:
    """Every column's counters and first page; with `q`, the leads of this pipeline matching it."""
    limit = max(1, min(limit, MAX_PAGE))
    owner = board_owner(principal, owner_id)
    tenant_id = principal.tenant_id
    if owner:
        found, counters = both(
            lambda: load_pipeline(tenant_id, pipeline_id, consistent=False),
            lambda: owner_counters(tenant_id, owner, pipeline_id),
        )
        totals = {sid: (int(c.lead_count or 0), int(c.lead_value or 0)) for sid, c in counters.items()}
    else:
        found = load_pipeline(tenant_id, pipeline_id, consistent=False)
        totals = {s.stage_id: (int(s.lead_count or 0), int(s.lead_value or 0)) for s in found.stages}
    if q and query_prefix(q):
        pages = _search(tenant_id, found, owner, q, limit)
    else:
        pages = in_parallel([_page_reader(tenant_id, s.stage_id, owner, limit, None) for s in found.stages])
    now = iso()
    columns = [
        _column(stage, totals.get(stage.stage_id, (0, 0)), items, cursor, now)
        for stage, (items, cursor) in zip(found.stages, pages, strict=True)
    ]
    return Board(
        pipeline_id=pipeline_id,
        name=found.pipeline.name,
        owner_id=owner,
        q=q,
        columns=columns,
    )


def _column(
    stage: StageItem, total: tuple[int, int], items: list[Lead], cursor: str | None, now: str
) -> BoardColumn:
    return BoardColumn(
        stage_id=stage.stage_id,
        name=stage.name,
        position=int(stage.position),
        kind=stage.kind,
        probability=int(stage.probability),
        status="deleting" if stage.move_to else "active",
        lead_count=total[0],
        lead_value=total[1] / 100,
        items=[to_card(item, now) for item in items],
        next_cursor=cursor,
    )


def _search(
    tenant_id: str, found: PipelineWithStages, owner: str | None, q: str, limit: int
) -> list[tuple[list[Lead], str | None]]:
    """The board's search box: up to `limit` matches per column among the first SEARCH_MATCHES leads
    whose name, email or phone starts with `q` (the lead search's index). Columns have no next page
    while searching: a longer query narrows the matches."""
    ids, _ = search_lead_ids(tenant_id, query_prefix(q), SEARCH_MATCHES, None)
    found_leads = batch_get_leads(tenant_id, ids)
    by_stage: dict[str, list[Lead]] = {stage.stage_id: [] for stage in found.stages}
    for lead_id in ids:
        lead = found_leads.get(lead_id)
        if lead is None or lead.deleted_at or lead.pipeline_id != found.pipeline.pipeline_id:
            continue
        if owner and lead.owner_id != owner:
            continue
        column = by_stage.get(lead.stage_id)
        if column is not None and len(column) < limit:
            column.append(lead)
    return [(by_stage[stage.stage_id], None) for stage in found.stages]


def column_page(
    principal: Principal,
    pipeline_id: str,
    stage_id: str,
    *,
    cursor: str | None = None,
    limit: int = PAGE,
    owner_id: str | None = None,
) -> CardPage:
    """The next page of one column (its `next_cursor` from the board or the previous page)."""
    limit = max(1, min(limit, MAX_PAGE))
    owner = board_owner(principal, owner_id)
    if get_stage(principal.tenant_id, pipeline_id, stage_id) is None:
        raise NotFoundError("No such stage in this pipeline", code="stage_not_found")
    items, next_cursor = _page_reader(principal.tenant_id, stage_id, owner, limit, cursor)()
    now = iso()
    return CardPage(items=[to_card(item, now) for item in items], next_cursor=next_cursor)
