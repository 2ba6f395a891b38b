"""`python -m bench.cold_starts`: what a cold start of each API function costs a user, with and without
SnapStart, and what each bundle weighs.

Per API handler, in one run: its import time with only the packages its Lambda bundle holds (the venv's
others hidden, bench/bundles.py), against the floor (`import boto3, aws_lambda_powertools`) and against
its required stack (bench/references: a signed-in or a public API function with nothing of ours), and
its unzipped bundle (the function and the layers it carries, from `make layer`'s builds) against
Lambda's 250 MB, and what it defers to first use (the modules its routes load when first called,
`snapstart.deferred`, and the Pydantic models built then: its before-snapshot hooks, timed). Then the
imports a user waits on at a cold start without SnapStart (the slowest handler's,
the median's) and with it (the after-restore hooks, measured; the restore itself is Lambda's: AWS
publishes no figure for Python beyond "as low as sub-second", so none is assumed), what the
before-snapshot hooks move to publish time (modules loaded on first use, Pydantic models built), and
the monthly cost of SnapStart against plain cold starts at 1 million API requests, from AWS's
published us-east-1 prices.
"""

from __future__ import annotations

import statistics
import sys

from bench import imports
from bench.bundles import LAMBDA_LIMIT_MB, sizes

RUNS = 5
# AWS's us-east-1 prices: SnapStart for Python (cache per GB-second of each cached version, restore per GB
# restored) and Lambda on arm64 (per GB-second of duration, init included)
CACHE_PER_GB_SECOND = 0.0000015046
RESTORE_PER_GB = 0.0001397998
ARM64_PER_GB_SECOND = 0.0000133334
MONTH_SECONDS = 30 * 24 * 3600
REQUESTS = 1_000_000
COLD_SHARE = 0.02  # cold starts per request at that traffic (an assumption, printed with the figures)
TARGET_OF_STACK = 1.1


def monthly_cost(functions: int, memory_gb: float, import_s: float) -> tuple[float, float]:
    """(SnapStart's added cost, plain cold starts' init cost) a month at REQUESTS with COLD_SHARE."""
    colds = REQUESTS * COLD_SHARE
    snapstart = (
        functions * memory_gb * MONTH_SECONDS * CACHE_PER_GB_SECOND + colds * memory_gb * RESTORE_PER_GB
    )
    plain = colds * import_s * memory_gb * ARM64_PER_GB_SECOND
    return snapstart, plain


def main() -> int:
    from convertly.manifest import ROUTES
    from convertly.resources import FUNCTIONS

    api = sorted({route.function for route in ROUTES})
    memory = {spec.name: spec.memory_mb for spec in FUNCTIONS}
    print(f"measuring {len(api)} API handlers' imports with their bundles' packages ...", file=sys.stderr)
    reports = imports.measure(api, RUNS)
    bundle = {size.function: size for size in sizes(api) or []}

    # What each handler defers to its first use (snapstart.deferred/preload, models built on first use):
    # in the snapshot with SnapStart; without it, up to this much on the first request a route needs it.
    hooks = {hook.function: hook for hook in imports.snapstart_hooks(api)}
    print("| handler | kind | import ms | x floor | x its stack | first use ms | bundle MB | of 250 MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    over = []
    for report in reports:
        to_stack = report.to_stack if report.to_stack is not None else float("nan")
        if to_stack > TARGET_OF_STACK:
            over.append(report.function)
        size = bundle.get(report.function)
        shown = f"{size.total_mb:.1f} | {size.share_of_limit:.0%}" if size else "n/a | n/a"
        print(
            f"| {report.function} | {report.kind} | {report.handler_ms:.0f} | {report.ratio:.2f} | "
            f"{to_stack:.2f} | {hooks[report.function].before_snapshot_ms:.0f} | {shown} |"
        )
    for kind, reference in imports.references_of(reports).items():
        print(
            f"required stack, {kind} route: {reference.reference_ms:.0f} ms, "
            f"{reference.ratio:.2f}x the floor (medians over its handlers' rounds)"
        )
    print(
        f"handlers over {TARGET_OF_STACK}x their stack: {len(over)} of {len(reports)}"
        + (f" ({', '.join(over)})" if over else "")
    )
    if not bundle:
        print(
            f"bundle sizes: run `make layer` first (its builds are measured against {LAMBDA_LIMIT_MB:.0f} MB)"
        )

    times = [report.handler_ms for report in reports]
    median_ms, slowest_ms = statistics.median(times), max(times)
    # Without SnapStart a first request may also load what its handler deferred (at most all of it)
    whole = [report.handler_ms + hooks[report.function].before_snapshot_ms for report in reports]
    after = [hook.after_restore_ms for hook in hooks.values()]
    before = max(hooks.values(), key=lambda hook: hook.before_snapshot_ms)
    print(
        "\nwhat a user waits on at a cold start, beyond Lambda's own start: without SnapStart the imports, "
        f"{median_ms:.0f} ms (median handler), {slowest_ms:.0f} ms (slowest), and on the first request "
        f"what it deferred: with all of it {statistics.median(whole):.0f} ms (median), {max(whole):.0f} ms "
        "(slowest); with SnapStart the "
        f"after-restore hooks, {statistics.median(after):.2f} ms (median), {max(after):.2f} ms (slowest), "
        'plus Lambda\'s restore (AWS publishes "as low as sub-second" for Python and no figure; '
        "none assumed here)"
    )
    print(
        f"before-snapshot hooks (at publish, off the user's path): up to {before.before_snapshot_ms:.0f} ms "
        f"({before.function}: modules loaded on first use, Pydantic models built)"
    )
    memory_gb = statistics.median(memory[name] for name in api) / 1024
    added, plain = monthly_cost(len(api), memory_gb, median_ms / 1000)
    restores = REQUESTS * COLD_SHARE * memory_gb * RESTORE_PER_GB
    print(
        f"monthly cost at {REQUESTS:,} API requests, {COLD_SHARE:.0%} of them cold, {len(api)} functions at "
        f"{memory_gb * 1024:.0f} MB: SnapStart ${added:,.2f} (cache ${added - restores:,.2f}, restores "
        f"${restores:,.2f}), against ${plain:,.2f} of init duration without it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
