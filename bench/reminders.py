"""`python -m bench.reminders`: what one reminder run reads, against how much is scheduled.

Two runs, each with 100 items falling due: first among 1,000 scheduled items, then among 100,000.
The scheduled items (tasks owing a reminder at times spread over the next 30 days, a few in this
very hour, across 20 tenants) are written straight to the table with BatchWriteItem, as the task
API would store them. Each run is metered call by call; capacity is computed from the payloads
(bench/capacity.py), since moto reports a constant. Target: the reads of a run grow with the due
items, not with the scheduled ones (ratio of the two runs' RCU near 1, far below 100).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from convertly.platform.mail.message import MailMessage
from convertly.platform.mail.transport import MailTransport

RESULTS = Path(__file__).resolve().parent / ".results-reminders.json"
DUE = 100
SMALL, LARGE = 1_000, 100_000
TENANTS = 20
USERS_PER_TENANT = 5
HORIZON = timedelta(days=30)
RATIO_TARGET = 2.0  # reads with 100x the scheduled items, over reads with the few: at most this
BATCH = 25


class _Discard(MailTransport):
    """The mail transport: takes every message, sends nothing (the bench measures DynamoDB)."""

    name = "platform_smtp"

    def send(self, message: MailMessage) -> None:
        return None


def _s(value: str) -> dict[str, str]:
    return {"S": value}


def _task(tenant: str, task_id: str, user: str, due_at: str, now: str) -> dict[str, Any]:
    """A task item as the task API stores it, with its queue and due index entries."""
    from convertly.platform.store import due
    from convertly.work import keys as work_keys

    partition, sort = due.entry_keys(due_at, task_id)
    by_due = f"{due_at}#{task_id}"
    team, mine = work_keys.task_queue(tenant), work_keys.task_queue(tenant, assignee_id=user)
    item = {
        "PK": _s(work_keys.task(tenant, task_id)),
        "SK": _s(work_keys.TASK_SK),
        "type": _s("Task"),
        "task_id": _s(task_id),
        "tenant_id": _s(tenant),
        "title": _s(f"Call back about the quote {task_id[-6:]}"),
        "description": _s("Customer asked for two options: shingles and metal. Bring the samples."),
        "due_at": _s(due_at),
        "priority": _s("normal"),
        "status": _s("open"),
        "assignee_id": _s(user),
        "created_at": _s(now),
        "created_by": _s(user),
        "updated_at": _s(now),
        "remind_at": _s(due_at),
        "remind_kind": _s("due"),
        "version": {"N": "1"},
        "GSI1PK": _s(team),
        "GSI1SK": _s(by_due),
        "GSI2PK": _s(mine),
        "GSI2SK": _s(by_due),
        "GSI3PK": _s(team),
        "GSI3SK": _s(f"2#{by_due}"),
        "GSI4PK": _s(mine),
        "GSI4SK": _s(f"2#{by_due}"),
    }
    item["GSI6PK"], item["GSI6SK"] = _s(str(partition)), _s(str(sort))
    return item


def _user(tenant: str, user: str) -> dict[str, Any]:
    from convertly.accounts import keys as accounts_keys
    from convertly.platform.store import keys as platform_keys

    return {
        "PK": _s(platform_keys.tenant(tenant)),
        "SK": _s(accounts_keys.user_sk(user)),
        "type": _s("User"),
        "user_id": _s(user),
        "email": _s(f"{user}@bench.test"),
        "name": _s(f"Rep {user[-4:]}"),
        "role": _s("Sales"),
        "status": _s("active"),
        "created_at": _s("2026-01-01T00:00:00.000Z"),
    }


class Seeder:
    """Writes items 25 to a BatchWriteItem call, outside the meter."""

    def __init__(self, client: Any, table: str, now: datetime) -> None:
        self.client, self.table, self.now = client, table, now
        self.tenants = [f"BENCHTENANT{t:03d}" for t in range(TENANTS)]
        self.users = {t: [f"{t}-user{u}" for u in range(USERS_PER_TENANT)] for t in self.tenants}
        self._count = 0

    def _write(self, items: list[dict[str, Any]]) -> None:
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            requests = [{"PutRequest": {"Item": item}} for item in chunk]
            while requests:
                answer = self.client.batch_write_item(RequestItems={self.table: requests})
                requests = answer.get("UnprocessedItems", {}).get(self.table, [])

    def users_once(self) -> None:
        self._write([_user(t, u) for t in self.tenants for u in self.users[t]])

    def _next(self, due_at: datetime) -> dict[str, Any]:
        from convertly.platform.clock import iso

        self._count += 1
        tenant = self.tenants[self._count % TENANTS]
        user = self.users[tenant][self._count % USERS_PER_TENANT]
        return _task(tenant, f"T{self._count:08d}", user, iso(due_at), iso(self.now))

    def scheduled(self, count: int) -> None:
        """`count` tasks owing reminders later: one in 500 later this hour (in the partitions a run
        reads, past the key range it reads), the rest over the next 30 days."""
        items = []
        for n in range(count):
            if n % 500 == 0:
                later = timedelta(minutes=5, seconds=(n // 500) % 1200)
            else:
                later = timedelta(seconds=(n * 7919) % int(HORIZON.total_seconds())) + timedelta(hours=1)
            items.append(self._next(self.now + later))
        self._write(items)

    def due(self, count: int, run_at: datetime) -> None:
        """`count` tasks that fell due in the minutes before `run_at`."""
        self._write([self._next(run_at - timedelta(seconds=5 + n)) for n in range(count)])


def _measure(bench: Any, meter: Any, run_at: datetime, label: str) -> tuple[Any, Any]:
    """One run, metered, with the checkpoint two hours back (it reads the last hour and this one)."""
    from convertly.notifications.senders import Senders
    from convertly.platform.clock import iso
    from convertly.platform.store import due
    from convertly.work import keys as work_keys
    from convertly.work.items import ReminderCheckpointItem
    from convertly.work.reminders import run_reminders

    ReminderCheckpointItem(
        work_keys.REMINDERS_PLATFORM,
        work_keys.REMINDER_CHECKPOINT_SK,
        through=due.hour_of(iso(run_at - timedelta(hours=2))),
        updated_at=iso(run_at),
    ).save()
    with meter.recording() as recording:
        report = run_reminders(run_at, senders=Senders(platform=lambda: _Discard()))
    return bench._report(label, "reminder run", recording.calls, 0), report


def _reads(request: Any) -> float:
    return float(request.computed.rcu)


def _line(label: str, request: Any, report: Any) -> str:
    reads = Counter(c.operation for c in request.calls if c.operation in ("Query", "GetItem", "BatchGetItem"))
    read_ops = ", ".join(f"{op} {n}" for op, n in sorted(reads.items()))
    return (
        f"   {label:<26} due found {report.found:>4}  reminded {report.reminded:>4}  "
        f"calls {request.total_calls:>4}  reads ({read_ops})  RCU {request.computed.rcu:g}  "
        f"WCU {request.computed.wcu:g}"
    )


def main() -> int:
    started = time.perf_counter()
    from bench import stack

    endpoint = stack.reserve_endpoint()

    from bench.capacity import TableKeys
    from bench.meter import Meter
    from bench.probe import DynamoProbe
    from bench.scenarios import Bench
    from convertly.resources import TABLE
    from devstack import moto_speedups

    moto_speedups.apply()  # transactions without a copy of the (large) table each
    schema = {
        TABLE.name: TableKeys(
            TABLE.partition_key,
            TABLE.sort_key,
            {index.name: (index.partition_key, index.sort_key) for index in TABLE.indexes},
        )
    }
    captured = io.StringIO()
    local = stack.start(endpoint)
    meter = Meter(DynamoProbe(local.client("dynamodb"), schema))
    now = datetime.now(UTC).replace(minute=30, second=0, microsecond=0)
    results: dict[str, Any] = {}
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            seeder = Seeder(local.client("dynamodb"), TABLE.name, now)
            seeder.users_once()
            print(f"seeding {SMALL} scheduled + {DUE} due tasks ...", file=sys.__stderr__)
            seeder.scheduled(SMALL)
            seeder.due(DUE, now)
            small, small_report = _measure(bench, meter, now, f"{DUE} due of {SMALL:,}")
            print(f"seeding {LARGE - SMALL:,} more scheduled + {DUE} due tasks ...", file=sys.__stderr__)
            seeder.scheduled(LARGE - SMALL)
            later = now + timedelta(minutes=1)
            seeder.due(DUE, later)
            large, large_report = _measure(bench, meter, later, f"{DUE} due of {LARGE:,}")
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()

    ratio = _reads(large) / _reads(small)
    lines = [
        "Reminder run: reads against scheduled items (tasks owing reminders; computed capacity)",
        "",
        _line(f"{DUE} due of {SMALL:,} scheduled", small, small_report),
        _line(f"{DUE} due of {LARGE:,} scheduled", large, large_report),
        "",
        f"   reads ratio (100,000 / 1,000 scheduled): {ratio:.2f}"
        f"   (scheduled ratio 100; target <= {RATIO_TARGET})",
        f"   RCU per due item: {_reads(small) / DUE:.2f} and {_reads(large) / DUE:.2f}",
        f"   result: {'PASS' if ratio <= RATIO_TARGET else 'FAIL'}",
    ]
    print("\n".join(lines))
    results = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "due": DUE,
        "runs": {
            str(SMALL): {
                "rcu": small.computed.rcu,
                "wcu": small.computed.wcu,
                "calls": dict(small.operations),
            },
            str(LARGE): {
                "rcu": large.computed.rcu,
                "wcu": large.computed.wcu,
                "calls": dict(large.operations),
            },
        },
        "reads_ratio": ratio,
        "target": RATIO_TARGET,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0 if ratio <= RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
