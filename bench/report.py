"""The printed tables, the targets, and the JSON copy of every figure."""

from __future__ import annotations

import json
import platform
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.env import LAMBDA_ENV_NOTE
from bench.imports import FLOOR, RUNS, TARGET_RATIO, ColdCompile, ImportReport
from bench.scenarios import DYNAMODB_ITEM_OPERATIONS, RelayReport, RequestReport

CREATE_CALLS_TARGET = 2


@dataclass
class Results:
    requests: list[RequestReport]
    relay: list[RelayReport]
    imports: list[ImportReport]
    cold_compile: ColdCompile
    jwks_fetches_before: int
    seeded_leads: int

    def request(self, name: str) -> RequestReport:
        return next(r for r in self.requests if r.name == name)

    def targets(self) -> list[tuple[str, str, bool]]:
        create = self.request("create").total_calls
        worst = max(self.imports, key=lambda r: r.ratio)
        return [
            (
                f"create <= {CREATE_CALLS_TARGET} AWS calls in the request",
                str(create),
                create <= CREATE_CALLS_TARGET,
            ),
            (
                f"handler import / floor <= {TARGET_RATIO} (every function)",
                f"max {worst.ratio:.2f} ({worst.function})",
                worst.ratio <= TARGET_RATIO,
            ),
        ]


def _ops(operations: Counter[str]) -> str:
    return ", ".join(f"{op} {n}" for op, n in sorted(operations.items()))


def _units(value: float) -> str:
    return f"{value:g}"


def _reported(r: RequestReport) -> list[str]:
    if r.reported is None:
        return ["-", "-"]
    mark = "" if r.reported_by_all else "*"
    return [_units(r.reported.rcu) + mark, _units(r.reported.wcu) + mark]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    line = "  ".join("{:<%d}" % w for w in widths)  # noqa: UP031 - builds a format string
    return [line.format(*header).rstrip(), line.format(*("-" * w for w in widths))] + [
        line.format(*row).rstrip() for row in rows
    ]


def _requests_section(results: Results) -> list[str]:
    measured_jwks = sum(r.jwks_fetches for r in results.requests)
    out = [
        "1. AWS calls per request, through app.py (Chalice) -> functions/leads/handler.py",
        f"   tenant seeded with {results.seeded_leads} leads; each request warmed up once first.",
        f"   token verifier JWKS fetches (urllib, not counted as AWS calls): {results.jwks_fetches_before} "
        f"before measuring, {measured_jwks} in the measured requests.",
        "   RCU/WCU computed from the payloads with DynamoDB's sizing rules (bench/capacity.py);",
        "   moto's ConsumedCapacity is constant and shown only for comparison.",
        "",
    ]
    rows = [
        [
            r.name,
            r.request,
            str(r.total_calls),
            _ops(r.operations),
            _units(r.computed.rcu),
            _units(r.computed.wcu),
            *_reported(r),
        ]
        for r in results.requests
    ]
    header = [
        "request",
        "route",
        "calls",
        "by operation",
        "computed RCU",
        "computed WCU",
        "moto RCU",
        "moto WCU",
    ]
    out += ["   " + line for line in _table(header, rows)]
    if not all(r.reported_by_all for r in results.requests):
        missing = sorted(
            {
                c.operation
                for r in results.requests
                for c in r.calls
                if c.reported is None and c.operation in DYNAMODB_ITEM_OPERATIONS
            }
        )
        out.append(
            f"   * moto returns no ConsumedCapacity for {', '.join(missing)}; the figure covers the rest."
        )
    out += ["", "   per call:"]
    detail_rows = [
        [r.name, c.operation, c.detail, _units(c.computed.rcu), _units(c.computed.wcu)]
        for r in results.requests
        for c in r.calls
    ]
    out += [
        "   " + line
        for line in _table(["request", "operation", "what it read or wrote", "RCU", "WCU"], detail_rows)
    ]
    return out


def _relay_section(results: Results) -> list[str]:
    out = [
        "",
        "2. Outbox relay (functions/event_relay/handler.py) fed stream batches as the event source mapping",
        "",
    ]
    rows = [
        [
            str(r.events),
            str(r.invocations),
            str(r.total_calls),
            _ops(r.operations),
            f"{r.total_calls / r.events:.2f}",
        ]
        for r in results.relay
    ]
    out += [
        "   " + line
        for line in _table(["events", "invocations", "calls", "by operation", "calls/event"], rows)
    ]
    create = results.request("create").total_calls
    full = max(results.relay, key=lambda r: r.events)
    put_events = full.operations.get("PutEvents", 0)
    out += [
        "",
        f"   create: {create} calls in the request + relay PutEvents amortised 1/batch "
        f"({put_events} PutEvents for {full.events} events in {full.invocations} batches)",
    ]
    return out


def _imports_section(results: Results) -> list[str]:
    out = [
        "",
        f"3. Cold import of each handler vs the floor `import {FLOOR}` (median of {RUNS} fresh interpreters)",
        f"   {LAMBDA_ENV_NOTE}",
        "",
    ]
    rows = [
        [
            r.function,
            f"{r.floor_ms:.0f}",
            f"{r.handler_ms:.0f}",
            f"{r.ratio:.2f}",
            "PASS" if r.ratio <= TARGET_RATIO else "FAIL",
        ]
        for r in results.imports
    ]
    out += [
        "   " + line
        for line in _table(["function", "floor ms", "handler ms", "ratio", f"<= {TARGET_RATIO}"], rows)
    ]
    cold = results.cold_compile
    out += [
        "",
        "   without a bytecode cache (CDK assets exclude *.pyc; Lambda's /opt is read-only), median of 3:",
        f"   {cold.function}: floor {cold.floor_ms:.0f} ms, handler {cold.handler_ms:.0f} ms, "
        f"ratio {cold.handler_ms / cold.floor_ms:.2f}",
    ]
    heavy = [r for r in results.imports if r.extra_by_package]
    if heavy:
        out += [
            "",
            "   what the handlers add beyond the floor (python -X importtime self time by package, one run).",
            "   cryptography: PyJWT's RS256 for Cognito tokens; pydantic: Powertools' request validation:",
        ]
        for r in heavy:
            top = ", ".join(f"{pkg} {ms:.0f}" for pkg, ms in r.extra_by_package[:6])
            out.append(f"   {r.function:<12} {top} (ms)")
    return out


def render(results: Results) -> str:
    out = [f"Convertly benchmarks  (Python {platform.python_version()}, moto in-process)", ""]
    out += _requests_section(results)
    out += _relay_section(results)
    out += _imports_section(results)
    out += ["", "Targets"]
    rows = [[name, value, "PASS" if ok else "FAIL"] for name, value, ok in results.targets()]
    out += ["   " + line for line in _table(["target", "measured", "result"], rows)]
    return "\n".join(out)


def _request_json(r: RequestReport) -> dict[str, Any]:
    return {
        "route": r.request,
        "calls": r.total_calls,
        "by_operation": dict(r.operations),
        "computed": {"rcu": r.computed.rcu, "wcu": r.computed.wcu},
        "moto_reported": {"rcu": r.reported.rcu, "wcu": r.reported.wcu} if r.reported else None,
        "per_call": [
            {"operation": c.operation, "detail": c.detail, "rcu": c.computed.rcu, "wcu": c.computed.wcu}
            for c in r.calls
        ],
        "jwks_fetches": r.jwks_fetches,
    }


def write_json(results: Results, path: Path, seconds: float) -> None:
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "run_seconds": round(seconds, 1),
        "seeded_leads": results.seeded_leads,
        "jwks_fetches_before_measuring": results.jwks_fetches_before,
        "requests": {r.name: _request_json(r) for r in results.requests},
        "relay": [
            {
                "events": r.events,
                "invocations": r.invocations,
                "calls": r.total_calls,
                "by_operation": dict(r.operations),
            }
            for r in results.relay
        ],
        "imports": {
            "env": LAMBDA_ENV_NOTE,
            "runs": RUNS,
            "functions": {
                r.function: {
                    "floor_ms": round(r.floor_ms, 1),
                    "handler_ms": round(r.handler_ms, 1),
                    "ratio": round(r.ratio, 3),
                    "extra_ms_by_package": {pkg: round(ms, 1) for pkg, ms in r.extra_by_package},
                }
                for r in results.imports
            },
            "without_bytecode_cache": {
                "function": results.cold_compile.function,
                "floor_ms": round(results.cold_compile.floor_ms, 1),
                "handler_ms": round(results.cold_compile.handler_ms, 1),
            },
        },
        "targets": [{"target": name, "measured": value, "pass": ok} for name, value, ok in results.targets()],
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
