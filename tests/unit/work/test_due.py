"""Due times, the due index's buckets, and the reminder schedule of an open item (no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from convertly.leads import keys as leads_keys
from convertly.platform.clock import iso
from convertly.platform.store import due
from convertly.platform.store import keys as platform_keys
from convertly.work import keys as work_keys
from convertly.work.common import first_reminder, next_reminder
from convertly.work.domain.due import parse_due, queue_bucket, zone
from convertly.work.items import FollowUpItem, TaskItem
from convertly.work.store import apply_followup_keys, apply_task_keys

NOW = datetime(2026, 11, 20, 14, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2026-05-01T09:30:00Z", "2026-05-01T09:30:00.000Z"),
        ("2026-05-01T09:30Z", "2026-05-01T09:30:00.000Z"),
        ("2026-05-01T11:30:00+02:00", "2026-05-01T09:30:00.000Z"),
        ("2026-05-01T09:30:00.123456-01:00", "2026-05-01T10:30:00.123Z"),
    ],
)
def test_due_times_are_stored_as_utc_with_milliseconds(given: str, stored: str) -> None:
    assert parse_due(given) == stored


@pytest.mark.parametrize(
    "given",
    [
        "2026-02-30T10:00:00Z",
        "2026-05-01",
        "2026-05-01T09:30:00",
        "tomorrow",
        "1777777777",
        "1999-12-31T23:00:00Z",
    ],
)
def test_impossible_due_times_are_refused(given: str) -> None:
    with pytest.raises(ValueError):
        parse_due(given)


def test_queue_buckets_follow_the_viewers_day() -> None:
    berlin = zone("Europe/Berlin")  # 15:05 there
    assert queue_bucket(iso(NOW - timedelta(seconds=1)), NOW, berlin) == "overdue"
    assert queue_bucket("2026-11-20T22:59:00.000Z", NOW, berlin) == "today"  # 23:59 in Berlin
    assert queue_bucket("2026-11-20T23:00:00.000Z", NOW, berlin) == "upcoming"  # midnight in Berlin
    assert queue_bucket("2026-11-20T23:30:00.000Z", NOW, zone("UTC")) == "today"
    with pytest.raises(ValueError):
        zone("Mars/Olympus")


def test_the_first_reminder_is_due_then_overdue_and_never_in_the_past() -> None:
    assert first_reminder("2026-11-20T15:00:00.000Z", NOW) == ("2026-11-20T15:00:00.000Z", "due")
    assert first_reminder("2026-11-20T14:00:00.000Z", NOW) == (iso(NOW), "due")  # due a moment ago
    assert first_reminder("2026-11-20T12:00:00.000Z", NOW) == (iso(NOW), "overdue")  # long past
    assert next_reminder("2026-11-20T14:00:00.000Z", "due", NOW) == ("2026-11-20T15:00:00.000Z", "overdue")
    late = NOW + timedelta(hours=3)
    assert next_reminder("2026-11-20T14:00:00.000Z", "due", late) == (iso(late), "overdue")
    assert next_reminder("2026-11-20T14:00:00.000Z", "overdue", NOW) is None


def test_due_index_entries_are_hour_buckets_spread_over_shards() -> None:
    partition, sort = due.entry_keys("2026-11-20T14:05:30.000Z", "01ITEM")
    assert (
        partition == f"DUE#2026-11-20T14#{due.shard_of('01ITEM')}"
        and sort == "2026-11-20T14:05:30.000Z#01ITEM"
    )
    assert due.entry_keys(None, "01ITEM") == (None, None)
    shards = {due.shard_of(f"item-{n}") for n in range(200)}
    assert shards == set(range(platform_keys.DUE_SHARDS))
    assert due.hours("2026-11-20T22", "2026-11-21T01") == [
        "2026-11-20T22",
        "2026-11-20T23",
        "2026-11-21T00",
        "2026-11-21T01",
    ]
    assert due.not_before("2026-11-20T13:00:00.000Z", NOW) == iso(NOW)


def _followup(**fields: str) -> FollowUpItem:
    base = {
        "followup_id": "F1",
        "lead_id": "L1",
        "tenant_id": "acme",
        "followup_type": "call",
        "assignee_id": "U1",
        "due_at": "2026-11-20T15:00:00.000Z",
        "created_at": iso(NOW),
        "created_by": "U1",
        "updated_at": iso(NOW),
    }
    return FollowUpItem(leads_keys.lead("acme", "L1"), work_keys.followup_sk("F1"), **{**base, **fields})


def test_followup_queue_keys_are_tenant_first_and_follow_the_snooze() -> None:
    item = _followup()
    apply_followup_keys(item)
    assert (item.GSI1PK, item.GSI2PK) == ("T#acme#FOLLOWUPS#OPEN", "T#acme#FOLLOWUPS#OPEN#A#U1")
    assert item.GSI1SK == "2026-11-20T15:00:00.000Z#F1"
    item.snoozed_until = "2026-11-21T09:00:00.000Z"
    apply_followup_keys(item)
    assert item.GSI2SK == "2026-11-21T09:00:00.000Z#F1"
    item.status, item.completed_at = "done", "2026-11-20T16:00:00.000Z"
    apply_followup_keys(item)
    assert item.GSI1PK == "T#acme#FOLLOWUPS#DONE" and item.GSI1SK == "2026-11-20T16:00:00.000Z#F1"


def test_task_queue_keys_sort_by_due_and_by_priority_and_list_a_leads_tasks() -> None:
    item = TaskItem(
        work_keys.task("acme", "T1"),
        work_keys.TASK_SK,
        task_id="T1",
        tenant_id="acme",
        title="Quote",
        due_at="2026-11-20T15:00:00.000Z",
        priority="urgent",
        assignee_id="U1",
        lead_id="L1",
        created_at=iso(NOW),
        created_by="U1",
        updated_at=iso(NOW),
    )
    apply_task_keys(item)
    partitions = [item.GSI1PK, item.GSI2PK, item.GSI3PK, item.GSI4PK, item.GSI5PK]
    assert all(pk and pk.startswith("T#acme#TASKS#") for pk in partitions)
    assert item.GSI3SK == "0#2026-11-20T15:00:00.000Z#T1" and item.GSI5PK == "T#acme#TASKS#LEAD#L1"
    item.lead_id, item.status = None, "done"
    apply_task_keys(item)
    assert item.GSI1PK == "T#acme#TASKS#DONE" and item.GSI5PK is None and item.GSI5SK is None
