"""AWS calls of a public form submission, as the embedded snippet posts it (JSON, an Origin, the
visitor's IP, an idempotency key), through app.py to functions/form_submit/handler.py.

Measured on a warm container (the form cached in memory, as after the first post) and on a cold one
(a fresh cache: the route to the tenant and the form are read first), for a first-time and a repeat
submitter under the "attach" duplicate policy (which looks the submitter up by email, then phone) and
for the "create" policy (no look-up), plus a double click, a spam post and the hosted page. Then the
outbox relay publishing one accepted submission's event: its PutEvents is the second AWS call.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.imports import ColdCompile, ImportReport
from bench.scenarios import Bench, RequestReport, Tenant

ORIGIN = "https://www.bench-roofing.test"
CALLS_TARGET = 2  # per accepted submission: one TransactWriteItems + the relay's one PutEvents


@dataclass
class SubmissionCase:
    report: RequestReport
    status: int


@dataclass
class FormResults:
    cases: list[SubmissionCase]
    relay: Counter[str] = field(default_factory=Counter)
    imports: ImportReport | None = None  # form_submit's row of the import table
    cold: ColdCompile | None = None  # form_submit imported without a bytecode cache

    def case(self, name: str) -> SubmissionCase:
        return next(case for case in self.cases if case.report.name == name)

    @property
    def accepted_calls(self) -> int:
        """Warm container, "create" policy: the request's calls plus the relay's for its event."""
        return self.case(WARM_CREATE).report.total_calls + sum(self.relay.values())


WARM_CREATE = "accepted, warm (create policy)"


def _form(bench: Bench, tenant: Tenant, duplicates: str) -> str:
    settings = {
        "name": f"Bench form ({duplicates})",
        "fields": [
            {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
            {"name": "phone", "type": "phone", "label": "Phone"},
            {"name": "message", "type": "textarea", "label": "Message"},
            {"name": "ads_ok", "type": "consent", "label": "Ads", "consent_signals": ["ad_user_data"]},
        ],
        "allowed_domains": ["www.bench-roofing.test"],
        "duplicates": duplicates,
        "min_fill_seconds": 0,
        "rate_limits": {"per_ip": 1000, "per_ip_window_seconds": 600, "per_form_per_minute": 10_000},
    }
    form = bench.api.call("POST", "/forms", settings, tenant.token)
    bench.api.call("POST", f"/forms/{form['form_id']}/publish", token=tenant.token)
    return str(form["form_id"])


def _post(n: int, honeypot: str = "") -> dict[str, Any]:
    return {
        "fields": {
            "name": f"Visitor {n}",
            "email": f"visitor{n}@bench.test",
            "phone": f"+1 628 555 {n:04d}",  # not a seeded lead's number (those are 415)
            "message": "Storm took half the shingles off the garage roof.",
            "ads_ok": True,
        },
        "attribution": {
            "gclid": f"Cj0KCQjw{n:06d}BhBhEiwAxK2mO7c3vFqYt0lPz8rN5wQeT1uV9sXbD4hG6jK2mL0nR",
            "utm_source": "google",
            "utm_medium": "cpc",
            "utm_campaign": "storm-damage",
            "landing_page": f"https://www.bench-roofing.test/storm?gclid=Cj0KCQjw{n:06d}",
            "referrer": "https://www.google.com/",
            "first_seen_at": "1795000000000",
        },
        "honeypot": honeypot,
        "started_at": 1,
    }


class _Visitor:
    """The snippet's requests through the in-process Chalice client, recorded by the bench's meter."""

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self._http = bench.api._client.http

    def request(
        self, name: str, method: str, path: str, route: str, body: Any = None, key: str | None = None
    ) -> SubmissionCase:
        headers = {"origin": ORIGIN, "x-forwarded-for": "198.51.100.7", "content-type": "application/json"}
        if key:
            headers["idempotency-key"] = key
        payload = json.dumps(body) if body is not None else None
        with self.bench.meter.recording() as recording:
            response = self._http.request(method, path, headers=headers, body=payload)
        report = self.bench._report(name, f"{method} {route}", recording.calls, recording.jwks_fetches)
        return SubmissionCase(report, response.status_code)

    def post(self, name: str, form_id: str, body: dict[str, Any], key: str) -> SubmissionCase:
        case = self.request(name, "POST", f"/f/{form_id}", "/f/{form_id}", body, key)
        if case.status != 201:
            raise RuntimeError(f"{name}: the post was answered {case.status}")
        return case


def run(bench: Bench, tenant: Tenant) -> FormResults:
    from convertly.capture.cache import FormCache
    from functions.form_submit.handler import submissions

    create_form, attach_form = _form(bench, tenant, "create"), _form(bench, tenant, "attach")
    visitor = _Visitor(bench)
    # Warm-up: imports the handler and caches both forms, as the first post to a container does.
    visitor.post("warm-up", create_form, _post(0), "bench-warmup-0")
    visitor.post("warm-up", attach_form, _post(1), "bench-warmup-1")
    cases = [visitor.post(WARM_CREATE, create_form, _post(2), "bench-key-0002")]
    relay = _relay_last(bench, tenant)
    submissions.forms = FormCache()  # a new container: nothing cached
    cases.append(
        visitor.post("accepted, cold cache (create policy)", create_form, _post(3), "bench-key-0003")
    )
    visitor.post("warm-up", attach_form, _post(7), "bench-warmup-7")  # the attach form cached again
    cases.append(
        visitor.post("first-time submitter, warm (attach policy)", attach_form, _post(4), "bench-key-0004")
    )
    repeat = _post(4)
    repeat["attribution"]["gclid"] = "Cj0KCQjw-second-click"
    cases.append(
        visitor.post("repeat submitter, warm (attach policy)", attach_form, repeat, "bench-key-0005")
    )
    cases.append(visitor.post("double click (same key again)", create_form, _post(2), "bench-key-0002"))
    cases.append(
        visitor.post("spam (honeypot), warm", create_form, _post(6, "http://spam"), "bench-key-0006")
    )
    cases.append(visitor.request("hosted page, warm", "GET", f"/f/{create_form}", "/f/{form_id}"))
    return FormResults(cases, relay)


def _relay_last(bench: Bench, tenant: Tenant) -> Counter[str]:
    """The relay's calls for the newest outbox record (the measured submission's LeadCreated)."""
    from devstack.apigw import LocalLambdaContext
    from functions.event_relay.handler import handler

    record = bench._outbox_records(tenant.tenant_id)[-1]
    context: Any = LocalLambdaContext("convertly-event_relay")  # the attributes Powertools reads
    with bench.meter.recording() as recording:
        result = handler({"Records": [record]}, context)
    if result.get("batchItemFailures"):
        raise RuntimeError(f"relay reported failures: {result}")
    return recording.by_operation()


# The printed section, the targets and the JSON copy ------------------------------------------------


def _ops(operations: Counter[str]) -> str:
    return ", ".join(f"{op} {n}" for op, n in sorted(operations.items())) or "none"


def section(results: FormResults, number: int) -> list[str]:
    out = [
        "",
        f"{number}. Form submissions (POST /f/{{form_id}} as the snippet sends them; functions/form_submit)",
        "   warm: the form is in the container's cache (60 s); cold: a new container reads the route to the",
        "   tenant and the form first. The attach policy looks the submitter up (email, then phone).",
        "",
    ]
    rows = [
        [
            case.report.name,
            str(case.status),
            str(case.report.total_calls),
            _ops(case.report.operations),
            f"{case.report.computed.rcu:g}",
            f"{case.report.computed.wcu:g}",
        ]
        for case in results.cases
    ]
    widths = [max(len(row[i]) for row in [*rows, _HEADER]) for i in range(len(_HEADER))]
    line = "  ".join("{:<%d}" % w for w in widths)  # noqa: UP031 - builds a format string
    out += ["   " + line.format(*_HEADER).rstrip(), "   " + line.format(*("-" * w for w in widths))]
    out += ["   " + line.format(*row).rstrip() for row in rows]
    out += [
        "",
        f"   relay for one accepted submission's LeadCreated: {_ops(results.relay)} (a full stream batch",
        "   publishes up to 10 events in one PutEvents, so this is the most it costs)",
        f"   accepted submission, warm, create policy: {results.case(WARM_CREATE).report.total_calls} "
        f"call(s) in the request + {sum(results.relay.values())} by the relay = {results.accepted_calls}",
    ]
    if results.imports is not None and results.cold is not None:
        extra = ", ".join(f"{pkg} {ms:.0f}" for pkg, ms in results.imports.extra_by_package[:5])
        out += [
            f"   cold import of form_submit: floor {results.imports.floor_ms:.0f} ms, handler "
            f"{results.imports.handler_ms:.0f} ms, ratio {results.imports.ratio:.2f} (.pyc warm); without "
            f"bytecode {results.cold.handler_ms / results.cold.floor_ms:.2f}",
            "   (no token on public routes: no PyJWT/cryptography; no request validation: no OpenAPI models)",
        ]
        if extra:
            out.append(f"   it adds beyond the floor (ms): {extra}")
    out += ["", "   per call:"]
    out += [
        f"   {case.report.name}: {call.operation}: {call.detail}"
        for case in results.cases
        for call in case.report.calls
    ]
    return out


_HEADER = ["case", "status", "calls", "by operation", "computed RCU", "computed WCU"]


def targets(results: FormResults) -> list[tuple[str, str, bool]]:
    warm = results.case(WARM_CREATE).report.operations
    return [
        (
            f"accepted form submission <= {CALLS_TARGET} AWS calls (request + relay)",
            f"{results.accepted_calls} ({_ops(warm)}; relay {_ops(results.relay)})",
            results.accepted_calls <= CALLS_TARGET and warm == Counter({"TransactWriteItems": 1}),
        ),
    ]


def to_json(results: FormResults) -> dict[str, Any]:
    return {
        "cases": {
            case.report.name: {
                "status": case.status,
                "calls": case.report.total_calls,
                "by_operation": dict(case.report.operations),
                "computed": {"rcu": case.report.computed.rcu, "wcu": case.report.computed.wcu},
                "per_call": [{"operation": c.operation, "detail": c.detail} for c in case.report.calls],
            }
            for case in results.cases
        },
        "relay": dict(results.relay),
        "accepted_calls": results.accepted_calls,
        "import_ratio": round(results.imports.ratio, 3) if results.imports else None,
        "import_ratio_without_bytecode": round(results.cold.handler_ms / results.cold.floor_ms, 3)
        if results.cold
        else None,
    }
