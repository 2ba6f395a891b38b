"""`python -m bench.automation [--leads N] [--waiting N]`: workflows at scale, in one run with a moto of
its own.

1. Leads through a form into a workflow. A Professional tenant publishes a form and the workflow
   "form submitted -> wait 1 day -> assign round robin (2 reps) -> send email -> create task". N
   visitors (default 10,000) post the form through app.py (functions/form_submit). Each post's
   `LeadCreated` is read from the tenant's outbox and handed to the automation consumer (metered):
   it enrols the lead and parks it at the wait. Then the tick runs one day and a minute later
   (metered); each wake event it publishes is handed to the consumer twice (a redelivery), metered
   per enrolment; and the reminder run sends the queued email over SMTP to a local mail sink, which
   counts what it received per recipient. Figures: AWS calls per enrolment step (the enrol and the
   wait in the first pass; the assign, email and task steps after the wake), how long after the tick
   began each enrolment finished (the local tick's lateness, in this one process), and duplicate
   emails in the sink (the target is 0).
2. What one tick reads. Waiting enrolments (1,000, then 100,000) are written straight to the table
   with their wake index entries over the next 30 days, across 20 tenants, with 100 due now; the tick
   is metered at each size. Target: reads grow with the enrolments due, not the waiting ones (RCU
   ratio <= 1.1).

Capacity comes from the payloads (bench/capacity.py): moto reports a constant.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / ".results-automation.json"
LEADS = 10_000
WAITING = (1_000, 100_000)
DUE = 100
TENANTS = 20
BATCH = 25
RATIO_TARGET = 1.1
ORIGIN = "https://www.bench-roofing.test"


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


def _s(value: str) -> dict[str, str]:
    return {"S": value}


# 1. Leads through a form into a workflow -----------------------------------------------------------


def _setup(bench: Any, local: Any) -> tuple[Any, str, list[str]]:
    """The tenant on Professional, two reps, an email template, a published form and workflow."""
    from bench.forms import _form
    from convertly.billing import keys as billing_keys
    from convertly.billing.items import BillingItem
    from convertly.platform.store import keys as platform_keys

    tenant = bench.sign_up("automation@bench.test")
    BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK).update(
        actions=[BillingItem.plan.set("professional")]
    )
    reps = [
        bench.api.call(
            "POST",
            "/users",
            {
                "email": f"rep{n}@bench.test",
                "name": f"Rep {n}",
                "role": "Sales",
                "password": "Correct-Horse-9",
            },
            tenant.token,
        )["user_id"]
        for n in (1, 2)
    ]
    template = bench.api.call(
        "POST",
        "/message-templates",
        {
            "channel": "email",
            "name": "Welcome",
            "subject": "Thanks {{contact.first_name}}",
            "body": "<p>Hello {{contact.first_name}}, {{owner.name}} will call you today.</p>",
        },
        tenant.token,
    )
    form_id = _form(bench, tenant, "create")
    definition = {
        "trigger": {"type": "form_submitted", "form_id": form_id},
        "steps": [
            {"id": "wait", "kind": "wait", "mode": "duration", "minutes": 1440},
            {"id": "assign", "kind": "assign_owner", "mode": "round_robin", "user_ids": reps},
            {"id": "email", "kind": "send_email", "template_id": template["template_id"]},
            {"id": "task", "kind": "create_task", "title": "Call the new lead", "due_in_minutes": 120},
        ],
    }
    workflow = bench.api.call(
        "POST", "/workflows", {"name": "New leads", "definition": definition}, tenant.token
    )
    bench.api.call("POST", f"/workflows/{workflow['workflow_id']}/publish", {"version": 1}, tenant.token)
    del local
    return tenant, form_id, reps


def _new_events(tenant_id: str, after: str) -> tuple[list[Any], str]:
    """The tenant's outbox events written since `after` (its sort key), oldest first."""
    from convertly.platform.events.envelope import DomainEvent
    from convertly.platform.events.outbox import OutboxEventItem
    from convertly.platform.store import keys as platform_keys

    found, last = [], after
    for item in OutboxEventItem.query(platform_keys.outbox(tenant_id), after < OutboxEventItem.SK):
        found.append(DomainEvent.from_detail(str(item.detail_type), json.loads(str(item.detail))))
        last = str(item.SK)
    return found, last


class _Steps:
    """Calls per enrolment step, from the calls of each message handled."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.operations: dict[str, Counter[str]] = {}
        self.messages: Counter[str] = Counter()

    def add(self, part: str, calls: list[Any]) -> None:
        self.messages[part] += 1
        self.calls[part] += len(calls)
        self.operations.setdefault(part, Counter()).update(c.operation for c in calls)

    def per(self, part: str, steps: int) -> float:
        return self.calls[part] / max(1, self.messages[part]) / steps


def run_workflow(bench: Any, local: Any, meter: Any, leads: int) -> dict[str, Any]:
    tenant, form_id, _ = _setup(bench, local)
    steps = _Steps()
    _enrol_through_the_form(bench, meter, tenant.tenant_id, form_id, leads, steps)
    due_at = datetime.now(UTC) + timedelta(days=1, minutes=1)
    woken, tick_calls, finished_after = _wake(meter, due_at, steps)
    received = _send_mail(meter, due_at)
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    return {
        "leads": leads,
        "woken": woken,
        "tick_calls": dict(tick_calls),
        "enrol_calls_per_step": steps.per("enrol", 2),  # the trigger's enrolment and the wait step
        "wake_calls_per_step": steps.per("wake", 3),  # assign, email, task (and the wake itself)
        "redelivery_calls": steps.calls["redelivery"] / max(1, steps.messages["redelivery"]),
        "operations": {part: dict(ops) for part, ops in steps.operations.items()},
        "finished_after_seconds": {
            "p50": statistics.median(finished_after) if finished_after else 0.0,
            "p95": statistics.quantiles(finished_after, n=20)[18] if len(finished_after) >= 20 else 0.0,
            "max": max(finished_after, default=0.0),
        },
        "emails_received": sum(received.values()),
        "recipients": len({address for address, _ in received}),
        "duplicate_emails": duplicates,
    }


_TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")  # the documentation ranges (RFC 5737)


def _visitor_ip(n: int) -> str:
    """Visitor n's address: each visitor its own, 762 in turn, so the form's per-IP limit (at most
    1,000 posts per window) sees a few posts per address however many leads the run makes."""
    net, host = divmod(n % (len(_TEST_NETS) * 254), 254)
    return f"{_TEST_NETS[net]}.{host + 1}"


def _enrol_through_the_form(
    bench: Any, meter: Any, tenant_id: str, form_id: str, leads: int, steps: _Steps
) -> None:
    """Each visitor's post, then its LeadCreated handed to the consumer (metered)."""
    from bench.forms import _post
    from convertly.automation.consumer import Consumer

    http = bench.api._client.http
    cursor = "0"  # before every outbox sort key (an ISO time)
    started = time.perf_counter()
    for n in range(leads):
        headers = {"origin": ORIGIN, "x-forwarded-for": _visitor_ip(n), "content-type": "application/json"}
        headers["idempotency-key"] = f"bench-post-{n:08d}"
        with meter.paused():
            answer = http.request("POST", f"/f/{form_id}", headers=headers, body=json.dumps(_post(n)))
        if answer.status_code != 201:
            raise RuntimeError(f"post {n}: {answer.status_code} {answer.body!r}")
        with meter.paused():
            events, cursor = _new_events(tenant_id, cursor)
        for event in events:
            if event.detail_type == "LeadCreated":
                with meter.recording() as recording:
                    Consumer().handle(event)
                steps.add("enrol", recording.calls)
        if n and n % 1000 == 0:
            _progress(f"   {n:,} leads enrolled ({time.perf_counter() - started:.0f} s)")


def _wake(meter: Any, due_at: datetime, steps: _Steps) -> tuple[int, Counter[str], list[float]]:
    """The tick a day later; each wake handed to the consumer twice (the second is a redelivery)."""
    from convertly.automation.consumer import Consumer
    from convertly.automation.engine import Runner
    from convertly.automation.events import WAKE_DUE
    from convertly.automation.tick import tick
    from convertly.platform.events.publisher import EventPublisher

    class Captured(EventPublisher):
        def __init__(self) -> None:
            self.events: list[Any] = []

        def publish(self, events: Any) -> list[str]:
            self.events += list(events)
            return []

    captured = Captured()
    with meter.recording() as recording:
        report = tick(due_at, captured)
    tick_calls = Counter(c.operation for c in recording.calls)
    tick_began = time.perf_counter()
    finished_after: list[float] = []
    runner = Runner(due_at)
    for event in captured.events:
        assert event.detail_type == WAKE_DUE
        for attempt in (1, 2):  # every wake delivered twice: the second finds nothing to do
            with meter.recording() as recording:
                Consumer(runner).handle(event)
            steps.add("wake" if attempt == 1 else "redelivery", recording.calls)
        finished_after.append(time.perf_counter() - tick_began)
    return report.woken, tick_calls, finished_after


def _send_mail(meter: Any, due_at: datetime) -> Counter[tuple[str, str]]:
    """The reminder run sends the queued email to a local SMTP sink, twice; what the sink got."""
    from convertly.notifications.senders import Senders
    from convertly.platform.mail.transport import SmtpTransport
    from convertly.work.reminders import run_reminders
    from devstack.mail_sink import MailSink

    sink = MailSink(smtp_port=0, web_port=0).start()
    received: Counter[tuple[str, str]] = Counter()
    original_add = sink.store.add

    def count(mail_from: str, to: list[str], raw: bytes) -> Any:
        mail = original_add(mail_from, to, raw)
        for address in to:
            received[(address, mail.subject)] += 1
        return mail

    sink.store.add = count  # type: ignore[method-assign]
    try:
        senders = Senders(
            platform=lambda: SmtpTransport(sink.host, sink.smtp_port, "none", name="platform_smtp")
        )
        with meter.paused():
            for _ in range(2):  # two runs: the second finds every email sent already
                run_reminders(due_at + timedelta(minutes=1), senders=senders)
    finally:
        sink.stop()
    return received


# 2. What one tick reads ----------------------------------------------------------------------------


def _enrolment(tenant: str, number: int, wake_at: str) -> dict[str, Any]:
    from convertly.automation import keys
    from convertly.platform.store import due

    enrolment_id = f"E{number:025d}"
    partition, sort = due.wake_keys(wake_at, enrolment_id)
    return {
        "PK": _s(keys.enrolment(tenant, enrolment_id)),
        "SK": _s(keys.ENROLMENT_SK),
        "type": _s("Enrolment"),
        "enrolment_id": _s(enrolment_id),
        "tenant_id": _s(tenant),
        "workflow_id": _s("W1"),
        "workflow_name": _s("Nurture"),
        "workflow_version": {"N": "1"},
        "lead_id": _s(f"L{number:08d}"),
        "subject_name": _s(f"Visitor {number}"),
        "status": _s("waiting"),
        "position": _s("next"),
        "waiting_for": _s("time"),
        "wake_at": _s(wake_at),
        "started_at": _s("2026-11-01T00:00:00.000Z"),
        "revision": {"N": "1"},
        "GSI1PK": _s(keys.workflow_enrolments(tenant, "W1")),
        "GSI1SK": _s(f"2026-11-01T00:00:00.000Z#{enrolment_id}"),
        "GSI6PK": _s(str(partition)),
        "GSI6SK": _s(str(sort)),
    }


class _Seeder:
    def __init__(self, client: Any, table: str, now: datetime) -> None:
        self.client, self.table, self.now, self.count = client, table, now, 0

    def _write(self, items: list[dict[str, Any]]) -> None:
        for start in range(0, len(items), BATCH):
            requests = [{"PutRequest": {"Item": item}} for item in items[start : start + BATCH]]
            while requests:
                answer = self.client.batch_write_item(RequestItems={self.table: requests})
                requests = answer.get("UnprocessedItems", {}).get(self.table, [])

    def _next(self, wake_at: datetime) -> dict[str, Any]:
        from convertly.platform.clock import iso

        self.count += 1
        return _enrolment(f"BENCHTENANT{self.count % TENANTS:03d}", self.count, iso(wake_at))

    def waiting(self, count: int) -> None:
        """Enrolments waking later: one in 500 later this hour (in the partitions a tick reads, past
        its key range), the rest over the next 30 days."""
        items = []
        for n in range(count):
            if n % 500 == 0:
                later = timedelta(minutes=5, seconds=(n // 500) % 1200)
            else:
                later = timedelta(seconds=(n * 7919) % (30 * 86400)) + timedelta(hours=1)
            items.append(self._next(self.now + later))
        self._write(items)

    def due(self, count: int, at: datetime) -> list[dict[str, Any]]:
        items = [self._next(at - timedelta(seconds=5 + n)) for n in range(count)]
        self._write(items)
        return items

    def resumed(self, items: list[dict[str, Any]]) -> None:
        """What the consumer does to an enrolment it wakes: out of the wake index."""
        for item in items:
            self.client.update_item(
                TableName=self.table,
                Key={"PK": item["PK"], "SK": item["SK"]},
                UpdateExpression="SET #s = :running REMOVE GSI6PK, GSI6SK, wake_at",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":running": _s("running")},
            )


def run_tick_reads(bench: Any, local: Any, meter: Any) -> dict[str, Any]:
    from convertly.automation import keys
    from convertly.automation.items import AutomationCheckpointItem
    from convertly.automation.tick import tick
    from convertly.platform.clock import iso
    from convertly.platform.events.publisher import EventPublisher
    from convertly.platform.store import due
    from convertly.resources import TABLE

    class Discard(EventPublisher):
        def publish(self, events: Any) -> list[str]:
            return []

    now = datetime.now(UTC).replace(minute=30, second=0, microsecond=0) + timedelta(days=40)
    seeder = _Seeder(local.client("dynamodb"), TABLE.name, now)
    runs: dict[str, Any] = {}
    seeded = 0
    for index, size in enumerate(WAITING):
        at = now + timedelta(minutes=index)
        _progress(f"   seeding {size - seeded:,} waiting enrolments and {DUE} due ...")
        seeder.waiting(size - seeded)
        seeded = size
        woken_now = seeder.due(DUE, at)
        AutomationCheckpointItem(
            keys.AUTOMATION_PLATFORM,
            keys.TICK_CHECKPOINT_SK,
            through=due.hour_of(iso(at - timedelta(hours=2))),
            updated_at=iso(at),
        ).save()
        with meter.recording() as recording:
            report = tick(at, Discard())
        request = bench._report(f"tick with {size:,} waiting", "automation tick", recording.calls, 0)
        runs[str(size)] = {
            "woken": report.woken,
            "queries": report.queries,
            "rcu": request.computed.rcu,
            "calls": dict(request.operations),
        }
        seeder.resumed(woken_now)
    small, large = (runs[str(size)]["rcu"] for size in WAITING)
    return {"runs": runs, "reads_ratio": large / small if small else 0.0}


def _ops(operations: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(operations.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--leads", type=int, default=LEADS)
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    from bench import stack

    endpoint = stack.reserve_endpoint()
    local, meter, schema = stack.start_metered(endpoint)
    from bench.scenarios import Bench

    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            _progress(f"1. {arguments.leads:,} leads through a form into a workflow ...")
            # Part 1 counts calls and times; only part 2's figures need the capacity probe's reads.
            probe, meter.probe = meter.probe, None
            try:
                flow = run_workflow(bench, local, meter, arguments.leads)
            finally:
                meter.probe = probe
            _progress("2. what one tick reads ...")
            reads = run_tick_reads(bench, local, meter)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()

    late = flow["finished_after_seconds"]
    ratio = reads["reads_ratio"]
    lines = [
        "Automation: a form's leads through a workflow, and what a tick reads",
        "",
        f"1. {flow['leads']:,} leads: form submitted -> wait 1 day -> assign round robin -> email -> task",
        f"   enrolling (the enrolment, the wait step): {flow['enrol_calls_per_step']:.2f} calls per step",
        f"   after the wake (assign, email, task): {flow['wake_calls_per_step']:.2f} calls per step",
        f"   a redelivered wake: {flow['redelivery_calls']:.2f} calls, nothing run again",
        f"   the tick woke {flow['woken']:,} ({_ops(flow['tick_calls'])})",
        f"   finished after the tick began (one local process): p50 {late['p50']:.1f} s, "
        f"p95 {late['p95']:.1f} s, max {late['max']:.1f} s",
        f"   mail sink: {flow['emails_received']:,} emails to {flow['recipients']:,} recipients, "
        f"{flow['duplicate_emails']} duplicates (target 0)",
        "",
        "2. what one tick reads (computed capacity)",
    ]
    for size, run in reads["runs"].items():
        lines.append(
            f"   {DUE} due among {int(size):,} waiting: woken {run['woken']}, queries {run['queries']}, "
            f"RCU {run['rcu']:g} ({_ops(run['calls'])})"
        )
    passed = ratio <= RATIO_TARGET and flow["duplicate_emails"] == 0
    lines += [
        f"   reads ratio (100,000 / 1,000 waiting): {ratio:.2f} (target <= {RATIO_TARGET})",
        "",
        f"   result: {'PASS' if passed else 'FAIL'}   ({time.perf_counter() - started:.0f} s)",
    ]
    print("\n".join(lines))
    RESULTS.write_text(
        json.dumps(
            {
                "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "workflow": flow,
                "tick": reads,
            },
            indent=2,
        )
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
