"""The Kanban board's read capacity against the size of the tenant, and the AWS calls of a stage change.

Two tenants are seeded, one with 1,000 leads and one with 100,000, spread over the default pipeline's
stages. Through the API the large one would take hours in moto, so the leads are written directly
with BatchWriteItem, exactly as the API stores them (a LeadItem with its index keys), and the stage
counters are set to match; the bench seeds nothing else (no search terms, no history). Then
GET /pipelines/{id}/board, the counters plus the first page of every column, is measured for both:
the read capacity its calls consume, computed from the payloads (bench/capacity.py), and the ratio.

The stage change is measured on the small tenant: the calls of POST /leads/{id}/stage as the board
sends it, with the card's fields as `seen` (after one warm-up move, so the function's stage directory
is loaded as in a warm Lambda), then the relay publishing that move's event; and, for comparison, a
move without `seen`, which reads the lead first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bench.scenarios import Bench, RequestReport, Tenant, lead_body
from bench.seeding import BATCH_WRITE_MAX

BOARD_TENANTS = (1_000, 100_000)
STAGE_WEIGHTS = (40, 25, 15, 12, 8)  # New, Contacted, Qualified, Closed Won, Closed Lost
RATIO_TARGET = 1.1


@dataclass
class BoardReport:
    leads: int
    columns: int
    cards: int
    report: RequestReport


@dataclass
class StageChangeReport:
    request: RequestReport
    relay: Counter[str] = field(default_factory=Counter)
    read_first: RequestReport | None = None


SEEN_FIELDS = ("stage_id", "stage_entered_at", "owner_id", "value", "currency", "source")


@dataclass
class BoardResults:
    boards: list[BoardReport]
    stage_change: StageChangeReport

    @property
    def ratio(self) -> float:
        small, large = self.boards[0].report.computed.rcu, self.boards[-1].report.computed.rcu
        return large / small if small else float("inf")


def _stage_of(n: int, stage_ids: list[str]) -> str:
    slot, total = n % sum(STAGE_WEIGHTS), 0
    for stage_id, weight in zip(stage_ids, STAGE_WEIGHTS, strict=False):
        total += weight
        if slot < total:
            return stage_id
    return stage_ids[-1]


def _lead_items(
    tenant: Tenant, stage_ids: list[str], count: int
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The leads as DynamoDB items, and each stage's (count, value) in minor units."""
    from convertly.leads import keys as leads_keys
    from convertly.leads.items import LeadItem
    from convertly.leads.store import apply_index_keys
    from convertly.platform.clock import iso, new_id, now

    start, items, totals = now() - timedelta(days=90), [], Counter[str]()
    for n in range(count):
        body, lead_id, at = lead_body(n), new_id(), iso(start + timedelta(seconds=60 * n))
        stage_id = _stage_of(n, stage_ids)
        lead = LeadItem(
            leads_keys.lead(tenant.tenant_id, lead_id),
            leads_keys.LEAD_SK,
            lead_id=lead_id,
            tenant_id=tenant.tenant_id,
            first_name=body["first_name"],
            last_name=body["last_name"],
            email=body["email"],
            phone=body["phone"],
            company=body["company"],
            value=int(body["value"]) * 100,
            currency="USD",
            source=body["source"],
            tags=body["tags"],
            attribution=body["attribution"],
            pipeline_id=tenant.pipeline_id,
            stage_id=stage_id,
            stage_entered_at=at,
            created_at=at,
            created_by="bench",
            updated_at=at,
            version=1,
        )
        apply_index_keys(lead)
        items.append(lead.serialize())
        totals[f"{stage_id}#count"] += 1
        totals[f"{stage_id}#value"] += int(lead.value)
        tenant.lead_ids.append(lead_id)
    return items, dict(totals)


def seed_board(bench: Bench, tenant: Tenant, stage_ids: list[str], count: int) -> None:
    """`count` leads over the stages, written directly, and the stage counters set to match."""
    from convertly.pipelines import keys as pipelines_keys
    from convertly.platform.store import keys as platform_keys
    from convertly.resources import TABLE

    client = bench.stack.client("dynamodb")
    items, totals = _lead_items(tenant, stage_ids, count)
    for start in range(0, len(items), BATCH_WRITE_MAX):
        chunk = [{"PutRequest": {"Item": item}} for item in items[start : start + BATCH_WRITE_MAX]]
        unprocessed = client.batch_write_item(RequestItems={TABLE.name: chunk}).get("UnprocessedItems")
        if unprocessed:
            raise RuntimeError(f"seeding left unprocessed items: {unprocessed}")
    for stage_id in stage_ids:
        client.update_item(
            TableName=TABLE.name,
            Key={
                "PK": {"S": platform_keys.tenant(tenant.tenant_id)},
                "SK": {"S": pipelines_keys.stage_sk(tenant.pipeline_id, stage_id)},
            },
            UpdateExpression="SET lead_count = :c, lead_value = :v",
            ExpressionAttributeValues={
                ":c": {"N": str(totals.get(f"{stage_id}#count", 0))},
                ":v": {"N": str(totals.get(f"{stage_id}#value", 0))},
            },
        )


def stage_ids_of(bench: Bench, tenant: Tenant) -> list[str]:
    pipelines = bench.api.call("GET", "/pipelines", token=tenant.token)
    return [stage["stage_id"] for stage in pipelines["items"][0]["stages"]]


def measure_board(bench: Bench, tenant: Tenant, leads: int) -> BoardReport:
    path = f"/pipelines/{tenant.pipeline_id}/board"
    bench.api.call("GET", path, token=tenant.token)  # warm-up
    report, board = bench.measure(
        f"board ({leads:,} leads)", "GET", path, None, tenant.token, "/pipelines/{pipeline_id}/board"
    )
    counted = sum(column["lead_count"] for column in board["columns"])
    if counted != leads:
        raise RuntimeError(f"the board counts {counted} leads, {leads} were seeded")
    cards = sum(len(column["items"]) for column in board["columns"])
    return BoardReport(leads, len(board["columns"]), cards, report)


def measure_stage_change(bench: Bench, tenant: Tenant, stage_ids: list[str]) -> StageChangeReport:
    """A warm move, then the measured one, then the relay publishing the measured move's event."""
    from convertly.resources import STREAM_CONSUMERS
    from devstack.apigw import LocalLambdaContext
    from functions.event_relay.handler import handler as relay

    # The first leads are all in the first stage at version 1 (see _stage_of): one warms up, one is
    # measured as the board moves it, one without `seen`
    target, (warm, measured, plain) = stage_ids[2], tenant.lead_ids[:3]
    bench.api.call("POST", f"/leads/{warm}/stage", _move(bench, tenant, warm, target), tenant.token)
    request, moved = bench.measure(
        "stage change", "POST", f"/leads/{measured}/stage", _move(bench, tenant, measured, target),
        tenant.token, "/leads/{lead_id}/stage",
    )  # fmt: skip
    read_first, _ = bench.measure(
        "stage change (no seen)", "POST", f"/leads/{plain}/stage", {"stage_id": target, "version": 1},
        tenant.token, "/leads/{lead_id}/stage",
    )  # fmt: skip
    records = [
        r
        for r in bench._outbox_records(tenant.tenant_id)
        if r["dynamodb"]["NewImage"]["detail_type"]["S"] == "LeadStageChanged"
        and moved["lead_id"] in r["dynamodb"]["NewImage"]["detail"]["S"]
    ]
    batch_size = next(s.batch_size for s in STREAM_CONSUMERS if s.function == "event_relay")
    context: Any = LocalLambdaContext("convertly-event_relay")  # the attributes Powertools reads
    with bench.meter.recording() as recording:
        result = relay({"Records": records[:batch_size]}, context)
    if result.get("batchItemFailures") or len(records) != 1:
        raise RuntimeError(f"relay of the stage change: {len(records)} records, {result}")
    return StageChangeReport(request, recording.by_operation(), read_first)


def _move(bench: Bench, tenant: Tenant, lead_id: str, target: str) -> dict[str, Any]:
    """The board's request: the target, and the card's version and fields (read here, unmeasured)."""
    lead = bench.api.call("GET", f"/leads/{lead_id}", token=tenant.token)
    seen = {name: lead[name] for name in SEEN_FIELDS}
    return {"stage_id": target, "version": lead["version"], "seen": seen}


def run(bench: Bench) -> BoardResults:
    """Seed both tenants, measure the stage change on the small one, then both boards."""
    tenants = [bench.sign_up(f"board{leads}@bench.test") for leads in BOARD_TENANTS]
    small_stages = stage_ids_of(bench, tenants[0])
    seed_board(bench, tenants[0], small_stages, BOARD_TENANTS[0])
    stage_change = measure_stage_change(bench, tenants[0], small_stages)
    for tenant, leads in zip(tenants[1:], BOARD_TENANTS[1:], strict=True):
        seed_board(bench, tenant, stage_ids_of(bench, tenant), leads)
    boards = [
        measure_board(bench, tenant, leads) for tenant, leads in zip(tenants, BOARD_TENANTS, strict=True)
    ]
    return BoardResults(boards, stage_change)
