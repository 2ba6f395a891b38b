"""`python -m bench.ai_scorer [--leads N]`: what scoring a lead costs in the event consumer, in one run
with a moto of its own.

A Professional tenant creates N leads through app.py (POST /leads, default 1,000), each gets a note
and a move to the next stage; every event of its outbox (LeadCreated, NoteAdded, LeadStageChanged)
is handed to the AI scorer (convertly.ai.scorer, metered), then again (a redelivery). Then the
tenant's training runs (its closed leads are none here: the prior) and rescores the open leads. Figures:
AWS calls per scored event and per redelivered one, the CPU milliseconds of a scored event (the
process's CPU time around the consumer, moto's share included since it runs in this process: an upper
bound), and the calls of the rescoring per open lead.
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
from datetime import UTC, datetime
from typing import Any

LEADS = 1_000


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


def _events(tenant_id: str, after: str) -> tuple[list[Any], str]:
    from convertly.ai.events import SCORED_EVENTS
    from convertly.platform.events.envelope import DomainEvent
    from convertly.platform.events.outbox import OutboxEventItem
    from convertly.platform.store import keys as platform_keys

    found, last = [], after
    for item in OutboxEventItem.query(platform_keys.outbox(tenant_id), after < OutboxEventItem.SK):
        last = str(item.SK)
        if item.detail_type in SCORED_EVENTS:
            found.append(DomainEvent.from_detail(str(item.detail_type), json.loads(str(item.detail))))
    return found, last


def run(bench: Any, meter: Any, leads: int) -> dict[str, Any]:
    from convertly.ai.scorer import Scorer, load_model
    from convertly.ai.training_job import rescore_open
    from convertly.billing import keys as billing_keys
    from convertly.billing import service as billing
    from convertly.billing.items import BillingItem, LeadUsageItem
    from convertly.platform.clock import now
    from convertly.platform.store import keys as platform_keys

    with meter.paused():
        tenant = bench.sign_up("scores@bench.test")
        BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK).update(
            actions=[BillingItem.plan.set("professional")]
        )
        # The month's lead counter takes Professional's limit, as a plan change writes it.
        month = datetime.now(UTC).strftime("%Y-%m")
        LeadUsageItem(*billing.lead_usage_key(tenant.tenant_id, month), month=month, lead_limit=5000).save()
        stages = bench.api.call("GET", "/pipelines", token=tenant.token)["items"][0]["stages"]
        second = [s["stage_id"] for s in stages if s["kind"] == "open"][1]
    scorer = Scorer()
    calls: dict[str, Counter[str]] = {"scored": Counter(), "redelivered": Counter()}
    counted: Counter[str] = Counter()
    cpu: list[float] = []
    cursor = "0"  # before any outbox sort key (they start with the event time)
    for n in range(leads):
        with meter.paused():
            lead = bench.api.call(
                "POST",
                "/leads",
                {"first_name": f"Lead{n}", "email": f"lead{n}@company{n % 50}.test", "source": "google_ads"},
                tenant.token,
            )
            bench.api.call("POST", f"/leads/{lead['lead_id']}/notes", {"body": "Called"}, tenant.token)
            bench.api.call(
                "POST",
                f"/leads/{lead['lead_id']}/stage",
                {"stage_id": second, "version": lead["version"]},
                tenant.token,
            )
            events, cursor = _events(tenant.tenant_id, cursor)
        for event in events:
            started = time.process_time()
            with meter.recording() as recording:
                scorer.handle(event)
            cpu.append((time.process_time() - started) * 1000)
            calls["scored"].update(recording.by_operation())
            counted["scored"] += 1
            with meter.recording() as recording:
                scorer.handle(event)
            calls["redelivered"].update(recording.by_operation())
            counted["redelivered"] += 1
        if n and n % 250 == 0:
            _progress(f"   {n:,} leads scored")
    with meter.recording() as recording:
        rescored, changed = rescore_open(tenant.tenant_id, load_model(tenant.tenant_id), now())
    return {
        "leads": leads,
        "events": counted["scored"],
        "calls_per_event": {k: v / counted["scored"] for k, v in sorted(calls["scored"].items())},
        "calls_per_redelivery": {
            k: v / counted["redelivered"] for k, v in sorted(calls["redelivered"].items())
        },
        "cpu_ms_p50": statistics.median(cpu),
        "cpu_ms_p95": statistics.quantiles(cpu, n=20)[-1],
        "rescored": rescored,
        "rescore_changed": changed,
        "rescore_calls": dict(recording.by_operation()),
    }


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
            meter.probe = None  # calls and CPU only
            _progress(f"{arguments.leads:,} leads scored through their events ...")
            result = run(Bench(local, meter, schema), meter, arguments.leads)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()

    def ops(found: dict[str, float]) -> str:
        total = sum(found.values())
        return ", ".join(f"{name} {count:.2f}" for name, count in found.items()) + f" ({total:.2f})"

    per_lead = sum(result["rescore_calls"].values()) / max(1, result["rescored"])
    print(
        "\n".join(
            [
                "AI scorer: what a lead event costs in the consumer",
                f"   {result['leads']:,} leads, {result['events']:,} events (created, note, stage move)",
                f"   a scored event: {ops(result['calls_per_event'])} calls",
                f"   a redelivered event: {ops(result['calls_per_redelivery'])} calls, nothing written",
                f"   CPU per scored event (moto included): p50 {result['cpu_ms_p50']:.1f} ms, "
                f"p95 {result['cpu_ms_p95']:.1f} ms",
                f"   rescoring after training: {result['rescored']:,} open leads, "
                f"{result['rescore_changed']:,} written, {per_lead:.2f} calls per lead "
                f"({result['rescore_calls']})",
                f"   ({time.perf_counter() - started:.0f} s)",
            ]
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
