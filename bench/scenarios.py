"""The measured requests (lead create, get, list, update, search) and the outbox relay.

Each request is sent once untimed to warm up (handler import, the token verifier's JWKS fetch,
PynamoDB's connection), then once under the meter.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.capacity import (
    READ_OPERATIONS,
    WRITE_OPERATIONS,
    Capacity,
    Observation,
    TableKeys,
    call_capacity,
    item_size,
    reported_capacity,
)
from bench.meter import Call, Meter
from bench.seeding import without_transactions
from bench.stack import Api, LocalStack

SEED_LEADS = 300
PAGE = 25
SEARCH_PREFIX = "mar"
RELAY_BATCHES = (1, 10, 25)
DYNAMODB_ITEM_OPERATIONS = READ_OPERATIONS | WRITE_OPERATIONS

_FIRST = ("Maria", "James", "Mark", "Aisha", "Chen", "Olga", "Marta", "Liam", "Noor", "Diego",
          "Martin", "Yuki", "Sofia", "Kwame", "Ines", "Marco", "Lena", "Omar", "Priya", "Tom")  # fmt: skip
_LAST = ("Smith", "Garcia", "Okafor", "Novak", "Tanaka", "Silva", "Kowalski", "Haddad", "Larsen",
         "Moreau", "Rossi", "Nguyen", "Schmidt", "Ivanova", "Costa", "Murphy", "Khan")  # fmt: skip
_SOURCES = ("google_ads", "meta_ads", "organic_search", "referral", "form")


def lead_body(n: int) -> dict[str, Any]:
    """A lead as the embedded form sends it: contact fields plus the ad click attribution."""
    first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{first}.{last}{n}@example.test".lower(),
        "phone": f"+1 (415) 555-{n % 10000:04d}",
        "company": f"{last} Roofing {n}",
        "value": 1250 + n,
        "source": _SOURCES[n % len(_SOURCES)],
        "tags": ["roof-repair", "q3"],
        "attribution": {
            "gclid": f"Cj0KCQjw{n:06d}BhBhEiwAxK2mO7c3vFqYt0lPz8rN5wQeT1uV9sXbD4hG6jK2mL0nR",
            "utm_source": "google",
            "utm_medium": "cpc",
            "utm_campaign": "roof-repair-bay-area",
            "landing_page": f"https://roofing.example.test/quote?gclid=Cj0KCQjw{n:06d}&utm_source=google",
            "referrer": "https://www.google.com/",
            "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15",
            "ip": "203.0.113.7",
        },
    }


@dataclass
class CallReport:
    operation: str
    detail: str
    computed: Capacity
    reported: Capacity | None  # None: the response carried no ConsumedCapacity


@dataclass
class RequestReport:
    name: str
    request: str
    operations: Counter[str]
    calls: list[CallReport]
    jwks_fetches: int

    @property
    def total_calls(self) -> int:
        return sum(self.operations.values())

    @property
    def computed(self) -> Capacity:
        return sum((c.computed for c in self.calls), Capacity())

    @property
    def reported(self) -> Capacity | None:
        present = [c.reported for c in self.calls if c.reported is not None]
        return sum(present, Capacity()) if present else None

    @property
    def reported_by_all(self) -> bool:
        """Whether every DynamoDB call's response carried ConsumedCapacity."""
        return all(c.reported is not None for c in self.calls if c.operation in DYNAMODB_ITEM_OPERATIONS)


@dataclass
class RelayReport:
    events: int
    invocations: int
    operations: Counter[str] = field(default_factory=Counter)

    @property
    def total_calls(self) -> int:
        return sum(self.operations.values())


@dataclass
class Tenant:
    token: str
    tenant_id: str
    pipeline_id: str
    stage_id: str
    lead_ids: list[str]


def _detail(call: Call) -> str:
    """What a call touched, in the terms its capacity is computed from."""
    params, response, observed = call.params, call.response, call.observed
    if call.operation in ("Query", "Scan"):
        items = (
            observed.scanned if isinstance(observed, Observation) and observed.scanned is not None else None
        )
        read = items if items is not None else response.get("Items", [])
        where = params.get("IndexName", "table")
        limit = f", Limit {params['Limit']}" if "Limit" in params else ""
        mode = "strong" if params.get("ConsistentRead") and "IndexName" not in params else "eventual"
        return f"{where}{limit}, read {len(read)} items {_kb(read)}, {mode}"
    if call.operation == "GetItem":
        mode = "strong" if params.get("ConsistentRead") else "eventual"
        return f"1 item {_kb([response['Item']] if 'Item' in response else [])}, {mode}"
    if call.operation == "BatchGetItem":
        found = [item for items in response.get("Responses", {}).values() for item in items]
        return f"{len(found)} items {_kb(found)}, eventual"
    if isinstance(observed, Observation) and observed.writes:
        actions = Counter(w.action for w in observed.writes)
        largest = max(max(item_size(w.before), item_size(w.after)) for w in observed.writes)
        listed = ", ".join(f"{n} {a}" for a, n in actions.items())
        return f"{listed}; largest item {largest} B"
    return ""


def _kb(items: list[Any]) -> str:
    return f"({sum(item_size(i) for i in items) / 1024:.1f} KB)"


class Bench:
    """Drives the local stack: sign-up, seeding, the measured requests and the relay."""

    def __init__(self, stack: LocalStack, meter: Meter, schema: dict[str, TableKeys]) -> None:
        self.stack = stack
        self.api: Api = stack.api
        self.meter = meter
        self.schema = schema
        self.jwks_fetches_before = 0  # JWKS fetches in the run up to the measured requests

    def _report(self, name: str, request: str, calls: list[Call], jwks: int) -> RequestReport:
        reports = [
            CallReport(
                call.operation,
                _detail(call),
                call_capacity(call.operation, call.params, call.response, call.observed, self.schema),
                reported_capacity(call.operation, call.response),
            )
            for call in calls
        ]
        return RequestReport(name, request, Counter(c.operation for c in calls), reports, jwks)

    def measure(
        self, name: str, method: str, path: str, body: Any, token: str, route: str | None = None
    ) -> tuple[RequestReport, Any]:
        with self.meter.recording() as recording:
            answer = self.api.call(method, path, body, token)
        label = f"{method} {route or path.split('?')[0]}"
        return self._report(name, label, recording.calls, recording.jwks_fetches), answer

    def sign_up(self, email: str = "ada@bench.test") -> Tenant:
        account = self.api.call(
            "POST",
            "/auth/signup",
            {
                "company_name": "Bench Roofing",
                "name": "Ada Admin",
                "email": email,
                "password": "Correct-Horse-9",
            },
        )
        token = account["tokens"]["id_token"]
        pipelines = self.api.call("GET", "/pipelines", token=token)
        first = pipelines["items"][0]
        return Tenant(
            token, account["tenant"]["tenant_id"], first["pipeline_id"], first["stages"][0]["stage_id"], []
        )

    def seed(self, tenant: Tenant, count: int) -> None:
        """Leads through the API, as the SPA and the forms create them (every counter and term kept)."""
        with without_transactions():
            for n in range(count):
                lead = self.api.call("POST", "/leads", lead_body(n), tenant.token)
                tenant.lead_ids.append(lead["lead_id"])

    def requests(self, tenant: Tenant) -> list[RequestReport]:
        """Each request once to warm up, then once measured."""
        scenarios = self._scenarios(tenant)
        for run in scenarios:
            run(0)
        self.jwks_fetches_before = self.meter.jwks_fetches
        return [run(1) for run in scenarios]

    def _scenarios(self, tenant: Tenant) -> list[Callable[[int], RequestReport]]:
        token = tenant.token

        def create(pass_: int) -> RequestReport:
            report, lead = self.measure("create", "POST", "/leads", lead_body(1000 + pass_), token)
            tenant.lead_ids.append(lead["lead_id"])
            return report

        def create_in_stage(pass_: int) -> RequestReport:
            body = {**lead_body(2000 + pass_), "pipeline_id": tenant.pipeline_id, "stage_id": tenant.stage_id}
            return self.measure("create (stage given)", "POST", "/leads", body, token)[0]

        def get(pass_: int) -> RequestReport:
            lead_id = tenant.lead_ids[pass_]
            for text in ("Called, wants a quote for the garage roof.", "Sent the quote; follow up Friday."):
                self.api.call("POST", f"/leads/{lead_id}/notes", {"body": text}, token)
            report, _ = self.measure(
                "get (2 notes)", "GET", f"/leads/{lead_id}", None, token, "/leads/{lead_id}"
            )
            return report

        def list_page(pass_: int) -> RequestReport:
            return self.measure(f"list (first {PAGE})", "GET", f"/leads?limit={PAGE}", None, token)[0]

        def update(pass_: int) -> RequestReport:
            lead_id = tenant.lead_ids[10 + pass_]
            body = {"company": f"Renamed Roofing {pass_}", "version": 1}
            return self.measure("update", "PATCH", f"/leads/{lead_id}", body, token, "/leads/{lead_id}")[0]

        def search(pass_: int) -> RequestReport:
            path = f"/leads?q={SEARCH_PREFIX}&limit={PAGE}"
            return self.measure(f"search (q={SEARCH_PREFIX})", "GET", path, None, token)[0]

        return [create, create_in_stage, get, list_page, update, search]

    def relay(self, tenant: Tenant) -> list[RelayReport]:
        """The relay fed the tenant's outbox records as the stream's event source mapping does."""
        from convertly.resources import STREAM_CONSUMERS
        from devstack.apigw import LocalLambdaContext
        from functions.event_relay.handler import handler

        batch_size = next(s.batch_size for s in STREAM_CONSUMERS if s.function == "event_relay")
        context: Any = LocalLambdaContext("convertly-event_relay")  # the attributes Powertools reads
        records = self._outbox_records(tenant.tenant_id)
        reports, start = [], 0
        for events in RELAY_BATCHES:
            chunk, start = records[start : start + events], start + events
            report = RelayReport(len(chunk), math.ceil(len(chunk) / batch_size))
            for at in range(0, len(chunk), batch_size):
                with self.meter.recording() as recording:
                    result = handler({"Records": chunk[at : at + batch_size]}, context)
                if result.get("batchItemFailures"):
                    raise RuntimeError(f"relay reported failures: {result}")
                report.operations.update(recording.by_operation())
            reports.append(report)
        return reports

    def _outbox_records(self, tenant_id: str) -> list[dict[str, Any]]:
        from convertly.platform.store import keys as platform_keys
        from convertly.resources import TABLE
        from devstack.lambda_events import stream_record

        streams = self.stack.client("dynamodbstreams")
        arn = self.stack.client("dynamodb").describe_table(TableName=TABLE.name)["Table"]["LatestStreamArn"]
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
        position: str | None = iterator["ShardIterator"]
        outbox, records = platform_keys.outbox(tenant_id), []
        while position:
            page = streams.get_records(ShardIterator=position, Limit=1000)
            for record in page["Records"]:
                image = record["dynamodb"].get("NewImage", {})
                if record["eventName"] == "INSERT" and image.get("PK", {}).get("S") == outbox:
                    records.append(stream_record(record, arn))
            position = page.get("NextShardIterator") if page["Records"] else None
        return records
