"""The printed tables, the targets, and the JSON copy of every figure."""

from __future__ import annotations

import json
import platform
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import analytics, contacts, forms
from bench.board import RATIO_TARGET, BoardResults
from bench.env import LAMBDA_ENV_NOTE
from bench.imports import FLOOR, RUNS, TARGET_RATIO, ColdCompile, ImportReport, ReferenceReport
from bench.scenarios import DYNAMODB_ITEM_OPERATIONS, RelayReport, RequestReport

# The lead's own two calls, and the access check every signed-in request makes (one BatchGetItem of
# the tenant's and the user's access items: convertly/platform/access.py).
CREATE_CALLS_TARGET = 3
ACCESS_CHECK = {"BatchGetItem": 1}
BACKFILL_SCALE = 100_000  # the backfill's per-lead figures, scaled to this many leads


@dataclass
class Results:
    requests: list[RequestReport]
    relay: list[RelayReport]
    imports: list[ImportReport]
    cold_compile: ColdCompile
    jwks_fetches_before: int
    seeded_leads: int
    board: BoardResults | None = None
    forms: forms.FormResults | None = None
    references: dict[str, ReferenceReport] = field(default_factory=dict)

    def over_stack(self, r: ImportReport) -> float | None:
        """The handler's import time over its kind's reference (the required stack alone)."""
        reference = self.references.get(r.kind)
        return r.ratio / reference.ratio if reference else None

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
            *self._reference_targets(),
            *self._board_targets(),
            *(forms.targets(self.forms) if self.forms is not None else []),
        ]

    def _reference_targets(self) -> list[tuple[str, str, bool]]:
        """The same target for the required stack alone: where it fails, no handler can pass."""
        return [
            (
                f"required stack alone ({kind} API reference) / floor <= {TARGET_RATIO}",
                f"{reference.ratio:.2f}",
                reference.ratio <= TARGET_RATIO,
            )
            for kind, reference in self.references.items()
        ]

    def _board_targets(self) -> list[tuple[str, str, bool]]:
        if self.board is None:
            return []
        small, large = self.board.boards[0].leads, self.board.boards[-1].leads
        change = self.board.stage_change
        puts = change.relay.get("PutEvents", 0)
        return [
            (
                f"board RCU, {large:,} / {small:,} leads <= {RATIO_TARGET}",
                f"{self.board.ratio:.2f}",
                self.board.ratio <= RATIO_TARGET,
            ),
            (
                "stage change: the access check + 1 transaction + 1 PutEvents",
                f"{_ops(change.request.operations)}; relay {_ops(change.relay)}",
                dict(change.request.operations) == {**ACCESS_CHECK, "TransactWriteItems": 1} and puts == 1,
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
    rows = []
    for r in results.imports:
        over = results.over_stack(r)
        rows.append(
            [
                r.function,
                r.kind,
                f"{r.floor_ms:.0f}",
                f"{r.handler_ms:.0f}",
                f"{r.ratio:.2f}",
                "PASS" if r.ratio <= TARGET_RATIO else "FAIL",
                f"{over:.2f}" if over is not None else "-",
            ]
        )
    headers = ["function", "kind", "floor ms", "handler ms", "ratio", f"<= {TARGET_RATIO}", "/ its stack"]
    out += ["   " + line for line in _table(headers, rows)]
    if results.references:
        out += [
            "",
            "   the required stack alone, no Convertly code (bench/references: Powertools Logger, Tracer,",
            "   Metrics, a resolver validating a Pydantic body; for signed-in routes PyJWT with RS256):",
        ]
        out += [
            f"   {kind} API reference: floor {ref.floor_ms:.0f} ms, reference {ref.reference_ms:.0f} ms, "
            f"ratio {ref.ratio:.2f}"
            for kind, ref in results.references.items()
        ]
        out += [
            "   '/ its stack': a handler's ratio over its kind's reference ratio, what Convertly's own code",
            "   adds to what every function of that kind must import (consumers have no reference)",
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


def _board_section(board: BoardResults) -> list[str]:
    out = [
        "",
        "4. Kanban board (GET /pipelines/{pipeline_id}/board: every column's counters and first page of 20)",
        "   two tenants, their leads written directly over 5 stages (bench/board.py); RCU computed as above",
        "",
    ]
    rows = [
        [
            f"{b.leads:,}",
            str(b.columns),
            str(b.cards),
            str(b.report.total_calls),
            _ops(b.report.operations),
            _units(b.report.computed.rcu),
        ]
        for b in board.boards
    ]
    header = ["tenant leads", "columns", "cards", "calls", "by operation", "computed RCU"]
    out += ["   " + line for line in _table(header, rows)]
    out += [
        "",
        f"   RCU ratio, largest / smallest tenant: {board.ratio:.2f} (target <= {RATIO_TARGET})",
        "",
        "   per call:",
    ]
    detail_rows = [
        [f"{b.leads:,}", c.operation, c.detail, _units(c.computed.rcu)]
        for b in board.boards
        for c in b.report.calls
    ]
    out += [
        "   " + line for line in _table(["tenant leads", "operation", "what it read", "RCU"], detail_rows)
    ]
    change = board.stage_change
    out += [
        "",
        "5. Stage change (POST /leads/{lead_id}/stage as the board sends it, warm), then the relay",
        "",
        f"   request: {_ops(change.request.operations)}  ({_units(change.request.computed.rcu)} RCU, "
        f"{_units(change.request.computed.wcu)} WCU)",
        f"   relay:   {_ops(change.relay)}",
        "   the transaction updates the lead on condition that it is as the card showed it (version, stage,",
        "   time entered, owner, value, currency, source), and writes its history, the stage, owner and",
        "   transition counters and the outbox event",
    ]
    out += ["   " + f"{c.operation}: {c.detail}" for c in change.request.calls]
    if change.read_first is not None:
        out += [
            f"   without `seen` (an API client that sends only stage and version): "
            f"{_ops(change.read_first.operations)}",
        ]
    return out


def render(results: Results) -> str:
    out = [f"Convertly benchmarks  (Python {platform.python_version()}, moto in-process)", ""]
    out += _requests_section(results)
    out += _relay_section(results)
    out += _imports_section(results)
    if results.board is not None:
        out += _board_section(results.board)
    if results.forms is not None:
        out += forms.section(results.forms, 6)
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
                    "kind": r.kind,
                    "over_stack": round(over, 3) if (over := results.over_stack(r)) is not None else None,
                    "extra_ms_by_package": {pkg: round(ms, 1) for pkg, ms in r.extra_by_package},
                }
                for r in results.imports
            },
            "references": {
                kind: {
                    "floor_ms": round(ref.floor_ms, 1),
                    "reference_ms": round(ref.reference_ms, 1),
                    "ratio": round(ref.ratio, 3),
                }
                for kind, ref in results.references.items()
            },
            "without_bytecode_cache": {
                "function": results.cold_compile.function,
                "floor_ms": round(results.cold_compile.floor_ms, 1),
                "handler_ms": round(results.cold_compile.handler_ms, 1),
            },
        },
        "board": _board_json(results.board) if results.board is not None else None,
        "forms": forms.to_json(results.forms) if results.forms is not None else None,
        "targets": [{"target": name, "measured": value, "pass": ok} for name, value, ok in results.targets()],
    }
    path.write_text(json.dumps(document, indent=2) + "\n")


def _board_json(board: BoardResults) -> dict[str, Any]:
    return {
        "boards": {
            str(b.leads): {"columns": b.columns, "cards": b.cards, **_request_json(b.report)}
            for b in board.boards
        },
        "rcu_ratio": round(board.ratio, 3),
        "stage_change": {
            **_request_json(board.stage_change.request),
            "relay": dict(board.stage_change.relay),
            "read_first": (
                _request_json(board.stage_change.read_first) if board.stage_change.read_first else None
            ),
        },
    }


# Contacts (python -m bench.contacts, a process of its own) ----------------------------------------


def _contacts_lists(results: contacts.ContactsResults) -> list[str]:
    small, large = (f"{n:,}" for n in (contacts.SIZES[0], contacts.SIZES[-1]))
    page = contacts.PAGE
    out = [
        f"1. A page of {page} contacts against the tenant's size ({small} and {large} contacts), through",
        "   convertly.contacts.contacts.list_contacts and smart_lists.list_members as the Admin;",
        "   RCU computed from what each call read (bench/capacity.py)",
    ]
    out += [
        f"   {t.count:,} contacts: {t.roles['Client']:,} Clients, {t.owned:,} the Admin's, "
        f"{len(t.vip):,} in the VIP list"
        for t in results.tenants
    ]
    out.append("")
    rows = [
        [
            p.pattern,
            _units(p.reports[0].computed.rcu),
            _units(p.reports[-1].computed.rcu),
            f"{p.ratio:.2f}",
            "PASS" if p.ratio <= contacts.RATIO_TARGET else "FAIL",
            _ops(p.reports[-1].operations),
        ]
        for p in results.lists
    ]
    header = ["pattern", f"RCU {small}", f"RCU {large}", "ratio", f"<= {contacts.RATIO_TARGET}", "calls"]
    out += ["   " + line for line in _table(header, rows)]
    detail = [
        [r.name, c.operation, c.detail, _units(c.computed.rcu)]
        for p in results.lists
        for r in p.reports
        for c in r.calls
    ]
    out += ["", "   per call:"]
    out += ["   " + line for line in _table(["page", "operation", "what it read", "RCU"], detail)]
    return out


def _contacts_submissions(results: contacts.ContactsResults) -> list[str]:
    subs = results.submissions
    out = [
        "",
        "2. Form submissions matching a contact (POST /f/{form_id}, warm container), then the relay",
        "",
    ]
    rows = [
        [
            case.name,
            str(case.request.total_calls),
            _ops(case.request.operations),
            _units(case.request.computed.rcu),
            _units(case.request.computed.wcu),
            _ops(case.relay),
            str(case.total_calls),
        ]
        for case in subs.cases
    ]
    header = ["case", "calls", "by operation", "RCU", "WCU", "relay", "request + relay"]
    out += ["   " + line for line in _table(header, rows)]
    out += [
        "",
        f"   target for a known contact: request + relay <= {contacts.KNOWN_CONTACT_CALLS_TARGET} (one more "
        "than an accepted post's 2)",
        f"   afterwards the contact has {subs.leads_of_contact} leads (2 expected) and its newest lead "
        f"{subs.touches_on_lead} touches (2 expected)",
        "",
        "   per call:",
    ]
    out += [f"   {case.name}: {c.operation}: {c.detail}" for case in subs.cases for c in case.request.calls]
    return out


def _contacts_backfill(results: contacts.ContactsResults) -> list[str]:
    from bench.contact_backfill import SAMPLE_EVERY

    b = results.backfill
    per_lead = ", ".join(f"{op} {n / b.leads_seen:.2f}" for op, n in sorted(b.operations.items()))
    by_kind = ", ".join(
        f"{kind} {units / b.sampled_leads:.1f}" for kind, units in b.sampled_by_kind.most_common() if units
    )
    return [
        "",
        f"3. Contacts backfill (convertly.contacts.backfill.backfill_tenant) over {b.leads_seen:,} leads",
        f"   from before contacts ({b.seeded.repeats:,} sharing an earlier lead's email, ~30% with one of 50",
        "   company names); the time is moto's in this process, not DynamoDB's",
        "",
        f"   leads/second: {b.leads_per_second:.0f}   contacts created/second: {b.contacts_per_second:.0f}"
        f"   ({b.seconds:.0f} s, the probe's reads taken out)",
        f"   linked {b.leads_linked:,} of {b.leads_seen:,} leads; contacts created {b.contacts_created:,} "
        f"(distinct people {b.seeded.people:,}); companies created {b.companies_created} (distinct names "
        f"{b.seeded.companies})",
        f"   calls per lead: {per_lead}",
        f"   items per transaction: {b.transaction_items / max(1, b.transactions):.1f}; RCU per lead "
        f"{b.rcu_per_lead:.2f} (every page)",
        f"   WCU per lead: {b.wcu_per_lead:.1f}, computed by the meter from each written item before and",
        f"   after (transactional items twice, index entries once) on one page in {SAMPLE_EVERY}",
        f"   ({b.sampled_leads:,} leads); moto reports no ConsumedCapacity for TransactWriteItems",
        "   WCU per lead by item written (with its index entries):",
        *textwrap.wrap(by_kind, 96, initial_indent="     ", subsequent_indent="     "),
        "   calls, RCU and WCU per lead do not depend on the number of leads (the page query reads a page,",
        "   each lead's look-ups its own partitions, each lead is one transaction), so they scale linearly:",
        f"   {BACKFILL_SCALE:,} leads would make {BACKFILL_SCALE / b.leads_seen:g} times this run's calls, "
        f"about {b.wcu_per_lead * BACKFILL_SCALE:,.0f} WCU and {b.rcu_per_lead * BACKFILL_SCALE:,.0f} RCU",
    ]


def contacts_targets(results: contacts.ContactsResults) -> list[tuple[str, str, bool]]:
    b, known = results.backfill, contacts.KNOWN_CONTACT_CALLS_TARGET
    small, large, ratio = contacts.SIZES[0], contacts.SIZES[-1], contacts.RATIO_TARGET
    targets = [
        (
            f"contact page RCU, {large:,} / {small:,} contacts <= {ratio}: {p.pattern}",
            f"{p.ratio:.2f}",
            p.ratio <= ratio,
        )
        for p in results.lists
    ]
    targets += [
        (
            f"{case.name}: request + relay <= {known} AWS calls",
            f"{case.total_calls} ({_ops(case.request.operations)}; relay {_ops(case.relay)})",
            case.total_calls <= known,
        )
        for case in results.submissions.cases
        if case.known
    ]
    targets.append(
        (
            "backfill: one contact per person, one company per name, every lead linked",
            f"{b.contacts_created} / {b.seeded.people}, {b.companies_created} / {b.seeded.companies}, "
            f"{b.leads_linked} / {b.leads_seen}",
            (b.contacts_created, b.companies_created, b.leads_linked)
            == (b.seeded.people, b.seeded.companies, b.seeded.count),
        )
    )
    return targets


def render_contacts(results: contacts.ContactsResults) -> str:
    out = ["Contacts: list pages against tenant size, form matching, the backfill (computed capacity)", ""]
    out += _contacts_lists(results)
    out += _contacts_submissions(results)
    out += _contacts_backfill(results)
    out += ["", "Targets"]
    rows = [[name, value, "PASS" if ok else "FAIL"] for name, value, ok in contacts_targets(results)]
    out += ["   " + line for line in _table(["target", "measured", "result"], rows)]
    return "\n".join(out)


def contacts_json(results: contacts.ContactsResults) -> dict[str, Any]:
    b = results.backfill
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "run_seconds": round(results.seconds, 1),
        "lists": {
            p.pattern: {
                "by_size": {r.name.rsplit("(", 1)[-1].rstrip(")"): _request_json(r) for r in p.reports},
                "rcu_ratio": round(p.ratio, 3),
            }
            for p in results.lists
        },
        "submissions": {
            case.name: {
                **_request_json(case.request),
                "relay": dict(case.relay),
                "total_calls": case.total_calls,
            }
            for case in results.submissions.cases
        },
        "backfill": {
            "leads": b.leads_seen,
            "leads_linked": b.leads_linked,
            "people": b.seeded.people,
            "company_names": b.seeded.companies,
            "contacts_created": b.contacts_created,
            "companies_created": b.companies_created,
            "seconds": round(b.seconds, 1),
            "leads_per_second": round(b.leads_per_second, 1),
            "contacts_per_second": round(b.contacts_per_second, 1),
            "calls_by_operation": dict(b.operations),
            "transaction_items": b.transaction_items,
            "rcu_per_lead": round(b.rcu_per_lead, 3),
            "wcu_per_lead": round(b.wcu_per_lead, 3),
            "wcu_sampled_leads": b.sampled_leads,
            "wcu_per_lead_by_item": {k: round(u / b.sampled_leads, 3) for k, u in b.sampled_by_kind.items()},
        },
        "targets": [
            {"target": name, "measured": value, "pass": ok} for name, value, ok in contacts_targets(results)
        ],
    }


# Analytics (python -m bench.analytics, a process of its own) ---------------------------------------


def _analytics_reports(results: analytics.AnalyticsResults) -> list[str]:
    from bench.analytics_seeding import BLOCK, CHANNELS, DAYS

    small, large = (f"{n:,}" for n in (analytics.SIZES[0], analytics.SIZES[-1]))
    out = [
        f"1. Every report and the dashboard for a tenant of {large} leads against one of {small}, read as",
        "   functions/analytics/handler.py reads them (filters.resolve, then the report) as the Admin, warm;",
        f"   both tenants hold the same {DAYS} days, {len(CHANNELS)} first touches and 3 owners: a block of "
        f"{BLOCK} leads",
        "   a day, once in the small tenant and 100 times in the large (bench/analytics_seeding.py); RCU",
        "   computed from what each call read (bench/capacity.py)",
    ]
    for t in results.tenants:
        s = t.seeded
        families = ", ".join(f"{name} {n:,}" for name, n in s.cells_by_family.most_common())
        fates = ", ".join(f"{s.fates[kind]:,} {kind}" for kind in ("open", "won", "lost"))
        out.append(
            f"   {s.leads:,} leads ({fates}): {len(s.cells):,} cells ({families}); "
            f"seeded in {t.seed_seconds:.0f} s"
        )
    out.append("")
    rows = [
        [
            case.name,
            str(case.days),
            _units(case.reports[0].computed.rcu),
            _units(case.reports[-1].computed.rcu),
            f"{case.ratio:.2f}",
            "PASS" if case.ratio <= analytics.RATIO_TARGET else "FAIL",
            f"{case.counted[0]:,} / {case.counted[-1]:,}",
            _ops(case.reports[-1].operations)
            + ("" if case.reports[0].operations == case.reports[-1].operations else " (differs)"),
        ]
        for case in results.reports
    ]
    header = ["report", "days", f"RCU {small}", f"RCU {large}", "ratio", f"<= {analytics.RATIO_TARGET}",
              "counted", "calls"]  # fmt: skip
    out += ["   " + line for line in _table(header, rows)]
    out += [
        "   counted: leads in range (revenue), cohort (funnel), exits (velocity), wins (over time,",
        "   conversions), leads owned (agents), open leads (dashboard): 100 times more in the large tenant",
        "",
        f"   per call ({large} leads):",
    ]
    detail, shown = [], dict[tuple[tuple[str, str], ...], str]()
    for case in results.reports:
        name, calls = f"{case.name}, {case.days} d", case.reports[-1].calls
        seen = tuple((c.operation, c.detail) for c in calls)
        if seen in shown:  # the revenue report reads the same whatever its model and grouping
            detail.append([name, "", f"as {shown[seen]}", ""])
            continue
        shown[seen] = name
        detail += [[name, c.operation, c.detail, _units(c.computed.rcu)] for c in calls]
    out += ["   " + line for line in _table(["report", "operation", "what it read", "RCU"], detail)]
    return out


def _analytics_writes(results: analytics.AnalyticsResults) -> list[str]:
    writes = results.writes
    out = [
        "",
        "2. What the aggregates add to a write: the analytics_cells consumer's refresh of the lead",
        "   (refresh.refresh_lead) after each step of a lead's life, in a tenant built through the use",
        "   cases, warm; the write itself is the use case's (create_lead; change_stage as the board sends",
        "   it)",
        f"   cost at us-east-1 on-demand prices: ${analytics.WRITE_PRICE} per million write request units,",
        f"   ${analytics.READ_PRICE} per million read request units; a transactional write costs two units",
        "   per KB, and the computed WCU count it so",
        "",
    ]
    rows = []
    for case in writes.cases:
        request, consumer = case.request, case.consumer
        rows.append(
            [
                case.name,
                f"{_ops(request.operations)} ({_units(request.computed.wcu)} WCU)" if request else "-",
                _ops(consumer.operations),
                _units(consumer.computed.rcu),
                _units(consumer.computed.wcu),
                str(case.cells),
                str(case.items),
                f"${case.cost_per_thousand:.4f}",
            ]
        )
    header = ["step", "the write itself", "refresh: calls", "RCU", "WCU", "cells", "tx items", "$ / 1,000"]
    out += ["   " + line for line in _table(header, rows)]
    moved, won = writes.case(analytics.MOVED), writes.cases[-1]
    out += [
        "",
        f"   extra per stage change: {_units(moved.consumer.computed.wcu)} WCU and "
        f"{_units(moved.consumer.computed.rcu)} RCU (the move itself: {_units(_wcu(moved))} WCU)",
        f"   extra per win ({won.name}): {_units(won.consumer.computed.wcu)} WCU and "
        f"{_units(won.consumer.computed.rcu)} RCU (the move itself: {_units(_wcu(won))} WCU);",
        f"   1,000 such wins cost ${won.cost_per_thousand:.4f} in the consumer",
        f"   the contact has {writes.leads_of_contact} leads (2 expected); the consumer's cells equal a "
        f"rebuild's: {writes.rebuild_equal}",
        "",
        "   per call of each refresh:",
    ]
    out += [
        f"   {case.name}: {c.operation}: {c.detail}" for case in writes.cases for c in case.consumer.calls
    ]
    return out


def _wcu(case: analytics.WriteCase) -> float:
    return case.request.computed.wcu if case.request is not None else 0.0


def _per_lead(operations: Counter[str], leads: int) -> str:
    return ", ".join(f"{op} {n / leads:.2f}" for op, n in sorted(operations.items()) if n)


def _analytics_rebuild(results: analytics.AnalyticsResults) -> list[str]:
    b = results.rebuild
    fates = ", ".join(f"{name} {n:,}" for name, n in b.fates.items())
    transactions = b.operations.get("TransactWriteItems", 0)
    refreshing = b.units.rcu - b.check_units.rcu
    out = [
        "",
        f"3. Rebuild (rebuild.rebuild) of a tenant of {b.leads:,} leads created through create_lead over",
        f"   90 days and moved through change_stage ({b.seed_seconds:.0f} s); the time is moto's in this",
        "   process, not DynamoDB's",
        *textwrap.wrap(f"where they ended: {fates}", 96, initial_indent="   ", subsequent_indent="     "),
        "",
        f"   leads/second: {b.leads_per_second:.0f} ({b.seconds:.0f} s, the probe's reads taken out); cells "
        f"written {b.cells_written:,}",
        f"   drift corrected {b.drift_corrected}; the cells equal a fresh computation after: {b.equal_after}",
        f"   calls per lead: {_per_lead(b.operations, b.leads)}",
        f"   RCU per lead {b.units.rcu / b.leads:.2f}, WCU per lead {b.units.wcu / b.leads:.1f} "
        f"({b.transaction_items / max(1, transactions):.1f} items per transaction)",
        f"   refreshing the leads: {_per_lead(b.operations - b.check_operations, b.leads)} per lead, "
        f"{refreshing / b.leads:.2f} RCU",
        "   the final comparison (the live cells, every cell partition, against the contributions",
        "   the refresh just computed):",
        f"     {_per_lead(b.check_operations, b.leads)} per lead, {b.check_units.rcu / b.leads:.2f} RCU",
    ]
    return out


def analytics_targets(results: analytics.AnalyticsResults) -> list[tuple[str, str, bool]]:
    small, large, ratio = analytics.SIZES[0], analytics.SIZES[-1], analytics.RATIO_TARGET
    from bench.analytics_seeding import CELL_TYPE

    targets = [
        (
            f"report RCU, {large:,} / {small:,} leads <= {ratio}: {case.name}, {case.days} days",
            f"{case.ratio:.2f}",
            case.ratio <= ratio,
        )
        for case in results.reports
    ]
    unscaled = [f"{c.name}, {c.days} d" for c in results.reports if not c.scaled]
    writes, b = results.writes, results.rebuild
    targets += [
        (
            "the large tenant's reports count 100 times the small one's (same days and dimensions)",
            "every report" if not unscaled else f"not: {'; '.join(unscaled)}",
            not unscaled,
        ),
        (
            "the seeded cells are laid out as the consumer writes them",
            ", ".join(writes.cell_layout),
            writes.cell_layout == ["PK", "SK", f"type={CELL_TYPE}"],
        ),
        (
            "after the measured writes the consumer's cells equal a rebuild's",
            f"{writes.rebuild_equal} (contact of {writes.leads_of_contact} leads)",
            writes.rebuild_equal and writes.leads_of_contact == 2,
        ),
        (
            "the rebuild refreshes every lead and leaves no drift",
            f"{b.leads:,} / {sum(b.fates.values()):,} leads, equal after: {b.equal_after}",
            b.leads == sum(b.fates.values()) and b.equal_after,
        ),
    ]
    return targets


def render_analytics(results: analytics.AnalyticsResults) -> str:
    out = ["Analytics: reports against tenant size, what the cells add to writes, the rebuild", ""]
    out += _analytics_reports(results)
    out += _analytics_writes(results)
    out += _analytics_rebuild(results)
    out += ["", "Targets"]
    rows = [[name, value, "PASS" if ok else "FAIL"] for name, value, ok in analytics_targets(results)]
    out += ["   " + line for line in _table(["target", "measured", "result"], rows)]
    return "\n".join(out)


def analytics_json(results: analytics.AnalyticsResults) -> dict[str, Any]:
    b = results.rebuild
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "run_seconds": round(results.seconds, 1),
        "prices_usd_per_million": {
            "write_request_units": analytics.WRITE_PRICE,
            "read_request_units": analytics.READ_PRICE,
        },
        "tenants": {
            str(t.size): {
                "fates": dict(t.seeded.fates),
                "cells": len(t.seeded.cells),
                "cells_by_family": dict(t.seeded.cells_by_family),
                "items_written": t.seeded.items,
                "seed_seconds": round(t.seed_seconds, 1),
            }
            for t in results.tenants
        },
        "reports": {
            f"{case.name}, {case.days} days": {
                "by_size": {
                    str(size): _request_json(r) for size, r in zip(analytics.SIZES, case.reports, strict=True)
                },
                "counted": case.counted,
                "rcu_ratio": round(case.ratio, 3),
            }
            for case in results.reports
        },
        "writes": {
            case.name: {
                "write": _request_json(case.request) if case.request is not None else None,
                "refresh": _request_json(case.consumer),
                "cells_changed": case.cells,
                "transaction_items": case.items,
                "usd_per_1000": round(case.cost_per_thousand, 6),
            }
            for case in results.writes.cases
        },
        "rebuild": {
            "leads": b.leads,
            "fates": dict(b.fates),
            "seed_seconds": round(b.seed_seconds, 1),
            "seconds": round(b.seconds, 1),
            "leads_per_second": round(b.leads_per_second, 1),
            "cells_written": b.cells_written,
            "drift_corrected": b.drift_corrected,
            "equal_after": b.equal_after,
            "calls_by_operation": dict(b.operations),
            "rcu_per_lead": round(b.units.rcu / b.leads, 3),
            "wcu_per_lead": round(b.units.wcu / b.leads, 3),
            "transaction_items": b.transaction_items,
            "check_calls_by_operation": dict(b.check_operations),
            "check_rcu_per_lead": round(b.check_units.rcu / b.leads, 3),
        },
        "targets": [
            {"target": name, "measured": value, "pass": ok} for name, value, ok in analytics_targets(results)
        ],
    }
