"""The `python -m devstack` commands: run, reset, tick."""

from __future__ import annotations

import json
import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from convertly.resources import SCHEDULES
from devstack.chaos import ChaosPlan
from devstack.environment import export, use_local_credentials
from devstack.scheduler import ScheduleRunner
from devstack.settings import DevstackSettings
from devstack.state import pid_alive, read_json

log = logging.getLogger("devstack")

# Everything `reset` removes: the runner's own files, nothing else a developer keeps there.
_STATE_FILES = (
    "moto-state.pickle",
    "moto-state.partial",
    "moto-state.incompatible",
    "logins.json",
    "ready.json",
    "localstripe.pickle",
)


def run(settings: DevstackSettings) -> int:
    """Start the stack, save it every `snapshot_seconds`, stop cleanly on SIGINT/SIGTERM."""
    use_local_credentials()
    from devstack.stack import LocalStack  # after the credentials: boto3 reads them on first use

    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("%s: stopping (again to force)", signal.Signals(signum).name)
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    stack = LocalStack(settings)
    try:
        stack.start()
    except OSError as error:
        log.error("could not start: %s (is another stack running? DEVSTACK_*_PORT=0 picks free ports)", error)
        return 1
    while not stop.wait(settings.snapshot_seconds):
        stack.save(timeout=2.0)
    stack.stop()
    log.info("stopped; state saved in %s", settings.state_dir)
    return 0


def _running_pid(settings: DevstackSettings) -> int | None:
    ready = read_json(settings.ready_path)
    pid = int(ready["pid"]) if ready else None
    return pid if pid is not None and pid_alive(pid) else None


def reset(settings: DevstackSettings) -> int:
    """Forget all local state: the next `run` bootstraps and seeds from scratch."""
    pid = _running_pid(settings)
    if pid is not None:
        log.error("the stack is running (pid %d): stop it first", pid)
        return 1
    removed = [path for path in (settings.state_dir / name for name in _STATE_FILES) if path.exists()]
    for path in removed:
        path.unlink()
    log.info("local state wiped (%d file(s) in %s)", len(removed), settings.state_dir)
    return 0


def replay(settings: DevstackSettings, function: str) -> int:
    """Move `function`'s dead-lettered messages back to its queue, against the running stack."""
    from devstack.aws import LocalAws
    from devstack.redrive import redrive

    ready = read_json(settings.ready_path)
    if not ready or not pid_alive(int(ready["pid"])):
        log.error("the stack is not running: start it with `make run`")
        return 1
    queues = ready.get("queues", {}).get(function)
    if not queues:
        log.error(
            "%s has no queue (queue consumers: %s)", function, ", ".join(ready.get("queues", {})) or "none"
        )
        return 1
    use_local_credentials()
    moved = redrive(
        LocalAws(ready["moto_url"]).client("sqs"), queues["dead_letter_queue_url"], queues["queue_url"]
    )
    print(f"{moved} message(s) moved from the {function} DLQ back to its queue")
    return 0


def chaos(settings: DevstackSettings, plan: ChaosPlan, as_json: bool) -> int:
    """Win leads while the fakes fail on cue (devstack.chaos); 1 when anything was lost or doubled."""
    from devstack.chaos import print_report, run_chaos

    ready = read_json(settings.ready_path)
    if not ready or not pid_alive(int(ready["pid"])):
        log.error("the stack is not running: start it with `make run`")
        return 1
    use_local_credentials()
    report = run_chaos(ready, plan, say=(lambda _: None) if as_json else print)
    print_report(report, as_json)
    return 0 if report.ok else 1


def _stack_handler(settings: DevstackSettings, function: str) -> Callable[[dict[str, object]], Any] | None:
    """`function`'s handler, run in this process against the running stack; None if it is not up."""
    ready = read_json(settings.ready_path)
    if not ready or not pid_alive(int(ready["pid"])):
        log.error("the stack is not running: start it with `make run`")
        return None
    use_local_credentials()
    export(ready["env"])
    from devstack.functions import lambda_context, load_handler

    handler = load_handler(function)
    return lambda event: handler(event, lambda_context(function))


def backfill_contacts(settings: DevstackSettings) -> int:
    """Run the contacts backfill against the running stack until every tenant is done, as the
    deployed function is run: invoked again with the tenants left until none are."""
    handler = _stack_handler(settings, "contacts_backfill")
    if handler is None:
        return 1
    event: dict[str, object] = {}
    while True:
        answer = handler(event)
        for report in answer["reports"]:
            print(json.dumps(report))
        if not answer["pending"]:
            return 0
        event = {"tenant_ids": answer["pending"]}


def rebuild_analytics(settings: DevstackSettings, check_only: bool) -> int:
    """Recompute every tenant's analytics cells from its items (or, with `check_only`, count the cells
    that differ), as the deployed function does."""
    handler = _stack_handler(settings, "analytics_rebuild")
    if handler is None:
        return 1
    answer = handler({"check": True} if check_only else {})
    print(json.dumps(answer, indent=2))
    return 0


def reconcile_affiliates(settings: DevstackSettings) -> int:
    """The affiliate program's books against the running stack and its localstripe (exits 1 on a
    problem), as `python -m convertly.affiliates.reconcile` checks them on AWS."""
    ready = read_json(settings.ready_path)
    if not ready or not pid_alive(int(ready["pid"])):
        log.error("the stack is not running: start it with `make run`")
        return 1
    use_local_credentials()
    export(ready["env"])
    from convertly.affiliates.reconcile import main

    return main()


def tick(settings: DevstackSettings, function: str) -> int:
    """Fire `function`'s schedule once, now, against the running stack."""
    spec = next((schedule for schedule in SCHEDULES if schedule.function == function), None)
    if spec is None:
        names = ", ".join(schedule.function for schedule in SCHEDULES) or "none"
        log.error("%s has no schedule (scheduled functions: %s)", function, names)
        return 1
    ready = read_json(settings.ready_path)
    if not ready or not pid_alive(int(ready["pid"])):
        log.error("the stack is not running: start it with `make run`")
        return 1
    use_local_credentials()
    export(ready["env"])
    print(json.dumps(ScheduleRunner(spec).tick(), default=str))
    return 0
