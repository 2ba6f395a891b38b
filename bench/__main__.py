"""`python -m bench`: AWS calls and capacity per lead request, the outbox relay's calls, and handler
import times, measured in one run and printed as tables; the figures also go to bench/.results.json."""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / ".results.json"


def main() -> int:
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()

    from bench import imports, report
    from bench.capacity import TableKeys
    from bench.meter import Meter
    from bench.probe import DynamoProbe
    from bench.scenarios import SEED_LEADS, Bench
    from convertly.resources import FUNCTIONS, TABLE

    print(f"measuring import times of {len(FUNCTIONS)} handlers ...", file=sys.stderr)
    # First, while nothing else runs in this process to disturb them.
    import_reports = imports.measure([spec.name for spec in FUNCTIONS])
    cold_compile = imports.without_bytecode("leads")

    print(f"starting moto, seeding {SEED_LEADS} leads, measuring requests ...", file=sys.stderr)
    schema = {
        TABLE.name: TableKeys(
            TABLE.partition_key,
            TABLE.sort_key,
            {index.name: (index.partition_key, index.sort_key) for index in TABLE.indexes},
        )
    }
    # The handlers' logs and metrics go to stdout; keep them out of the report, show them on failure.
    captured = io.StringIO()
    local = stack.start(endpoint)
    meter = Meter(DynamoProbe(local.client("dynamodb"), schema))
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            tenant = bench.sign_up()
            bench.seed(tenant, SEED_LEADS)
            requests = bench.requests(tenant)
            relay = bench.relay(tenant)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()

    results = report.Results(
        requests, relay, import_reports, cold_compile, bench.jwks_fetches_before, SEED_LEADS
    )
    print(report.render(results))
    report.write_json(results, RESULTS, time.perf_counter() - started)
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
