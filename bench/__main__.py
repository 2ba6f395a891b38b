"""`python -m bench`: AWS calls and capacity per lead request, the outbox relay's calls, handler import
times, the Kanban board's read capacity at 1,000 and 100,000 leads and the AWS calls of a stage change,
measured in one run and printed as tables; the figures also go to bench/.results.json. Then, each in a
process of its own: conversions, reminders, contacts, analytics, the spreadsheet import, bulk actions,
automation, the affiliate program, the lead list's sorts and the API's cold starts (bench/README.md)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / ".results.json"


def main() -> int:
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()

    from bench import board, forms, imports, report
    from bench.board import BOARD_TENANTS
    from bench.capacity import TableKeys
    from bench.meter import Meter
    from bench.probe import DynamoProbe
    from bench.scenarios import SEED_LEADS, Bench
    from convertly.resources import FUNCTIONS, TABLE

    print(f"measuring import times of {len(FUNCTIONS)} handlers ...", file=sys.stderr)
    # First, while nothing else runs in this process to disturb them.
    import_reports = imports.measure([spec.name for spec in FUNCTIONS])
    references = imports.references_of(import_reports)  # timed beside the handlers, in the same rounds
    cold_compile = imports.without_bytecode("leads")
    form_cold = imports.without_bytecode("form_submit")

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
    # moto's transactions copy the whole table without the speedups (same answers, devstack/moto_speedups.py):
    # with the seeded leads' contact cards a single write would outlast botocore's 30 s read timeout.
    from devstack import moto_speedups

    moto_speedups.apply()
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
            # Before the board's 100,000 leads: moto copies the whole table for every transaction.
            print("measuring form submissions ...", file=sys.stderr)
            form_results = forms.run(bench, tenant)
            print(
                f"seeding {' and '.join(f'{n:,}' for n in BOARD_TENANTS)} leads for the board ...",
                file=sys.stderr,
            )
            board_results = board.run(bench)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()

    results = report.Results(
        requests, relay, import_reports, cold_compile, bench.jwks_fetches_before, SEED_LEADS, board_results
    )
    results.references = references
    form_results.imports = next(r for r in import_reports if r.function == "form_submit")
    form_results.cold = form_cold
    results.forms = form_results
    print(report.render(results))
    report.write_json(results, RESULTS, time.perf_counter() - started)
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    # Conversions run in a process of their own: this one's models are bound to the stopped moto.
    print("\nmeasuring HTTP requests per conversion ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.conversions"], check=True)
    # The reminder run seeds 100,000 items of its own: a process and a moto of its own too.
    print("\nmeasuring what one reminder run reads ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.reminders"], check=True)
    # Contacts seed 100,000 contacts and 10,000 leads to backfill: a process and a moto of their own.
    print("\nmeasuring contact lists, forms matching contacts and the backfill ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.contacts"], check=True)
    # Analytics seed 100,000 leads and their cells, and rebuild a tenant: a process and a moto of their own.
    print(
        "\nmeasuring the reports against tenant size, the consumer's writes and the rebuild ...",
        file=sys.stderr,
    )
    subprocess.run([sys.executable, "-m", "bench.analytics"], check=True)
    # The import writes tens of thousands of contacts with leads, the bulk move 10,000 leads: each a
    # process and a moto of its own. The import runs the size that fits here (bench/README.md).
    from bench.spreadsheet_import import FITS_HERE

    print(
        f"\nmeasuring a spreadsheet import of {FITS_HERE:,} rows and the runner's memory ...", file=sys.stderr
    )
    rows = ["--rows", str(FITS_HERE)]
    subprocess.run([sys.executable, "-m", "bench.spreadsheet_import", *rows], check=True)  # noqa: S603
    print("\nmeasuring a bulk stage move of 10,000 leads ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.bulk"], check=True)
    print("\nmeasuring 10,000 leads through a workflow and what a tick reads ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.automation"], check=True)
    print(
        "\nmeasuring affiliate commissions through the Stripe webhook and the partner portal's reads ...",
        file=sys.stderr,
    )
    subprocess.run([sys.executable, "-m", "bench.affiliates"], check=True)
    print("\nmeasuring the lead list's sorts and total at 1,000 and 20,000 leads ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.lead_sorts"], check=True)
    print("\nmeasuring the API handlers' cold starts against their bundles ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "bench.cold_starts"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
