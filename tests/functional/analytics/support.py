"""Driving the analytics consumer in tests: the tenant's events from the outbox, handed over as SQS
batches (in order, shuffled, delivered twice)."""

from __future__ import annotations

import random
from typing import Any

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image
from functions.analytics_cells.handler import handler as cells_handler
from tests.functional.capture.forms_support import Visitor, answers
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.platform.test_events import Ctx, outbox_records, sqs_batch

QUEUE = "convertly-analytics-cells"


def tenant_events(aws: LocalAws, account: Account) -> list[DomainEvent]:
    return [
        event_from_stream_image(r["dynamodb"]["NewImage"]) for r in outbox_records(aws, account.tenant_id)
    ]


def deliver(events: list[DomainEvent], *, shuffle: int | None = None, twice: bool = False) -> None:
    """Hand `events` to the consumer in batches of 10, as SQS would; `shuffle` seeds a random order,
    `twice` delivers every batch again."""
    order = list(events)
    if shuffle is not None:
        random.Random(shuffle).shuffle(order)
    for start in range(0, len(order), 10):
        batch = sqs_batch(order[start : start + 10], QUEUE)
        for _ in range(2 if twice else 1):
            assert cells_handler(batch, Ctx()) == {"batchItemFailures": []}


def stages(api: Api, account: Account) -> dict[str, dict[str, Any]]:
    """The default pipeline's stages by kind and name: {"won": ..., "lost": ..., "<name>": ...}."""
    pipeline = api.call("GET", "/pipelines", token=account.token)[1]["items"][0]
    found: dict[str, dict[str, Any]] = {}
    for stage in pipeline["stages"]:
        found.setdefault(stage["kind"], stage)
        found[stage["name"]] = stage
    found["pipeline"] = pipeline
    return found


def move(api: Api, account: Account, lead_id: str, stage_id: str, lost: bool = False) -> dict[str, Any]:
    """Move a lead (`lost`: to a lost stage, which asks why)."""
    lead = api.call("GET", f"/leads/{lead_id}", token=account.token)[1]
    body = {"stage_id": stage_id, "version": lead["version"], **({"lost_reason": "Price"} if lost else {})}
    status, moved = api.call("POST", f"/leads/{lead_id}/stage", body, account.token)
    assert status == 200, moved
    return dict(moved)


def edit(api: Api, account: Account, lead_id: str, **fields: Any) -> dict[str, Any]:
    lead = api.call("GET", f"/leads/{lead_id}", token=account.token)[1]
    status, saved = api.call(
        "PATCH", f"/leads/{lead_id}", {**fields, "version": lead["version"]}, account.token
    )
    assert status == 200, saved
    return dict(saved)


# Two ads a visitor may come from: a Google search ad and a Meta ad.
GOOGLE = {
    "gclid": "Cj0-a",
    "utm_source": "google",
    "utm_medium": "cpc",
    "utm_campaign": "storm",
    "utm_content": "ad-1",
}
META = {"fbclid": "IwAR-b", "utm_source": "facebook", "utm_medium": "paid", "utm_campaign": "spring"}


def submit(api: Api, form: dict[str, Any], email: str, attribution: dict[str, str]) -> None:
    """A visitor's post to `form` from the ad `attribution` describes."""
    # Each person has a phone of their own: a shared one would make them one contact.
    phone = f"+1 415 555 {sum(map(ord, email)) % 10_000:04d}"
    answer = Visitor(api).post_json(
        form["form_id"], answers(email=email, phone=phone), attribution=attribution
    )
    assert answer.status in (200, 201), answer.body


def lead_of(api: Api, account: Account, email: str) -> dict[str, Any]:
    items = api.call("GET", f"/leads?q={email}", token=account.token)[1]["items"]
    assert items, email
    return dict(items[0])
