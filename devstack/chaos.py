"""`make chaos`: wins leads on the running local stack while Google Ads, Meta and the mail sink fail on
cue, and counts what reached them.

Against the stack `make run` started (its ready.json): signs up `tenants` workspaces, connects each to
its own Google Ads customer and Meta dataset (the fakes), then scripts the faults over `/__script`: a
share of the platforms' requests fail with 500/503/429 for a while (seeded, so a run can be repeated)
after a few stalls longer than the client's timeout that the platform serves all the same (the answer
is lost, the conversion is not). Meanwhile it wins `wins` leads, each with a gclid and an fbclid, and
puts `reminders` follow-ups past due, whose reminder mail the sink refuses with 4xx the same share of
the time. Then it waits for the queues to drain, replays the conversions DLQ when anything reached
it, and reads what each platform holds (`/__state`), the ledger (`GET /conversions`) and the mail
received.

It prints: wins; conversions each platform holds; duplicates (a lead counted twice by a platform);
resends the platform deduplicated (a stalled answer's retry); lost (a won lead with a usable click id
that no platform holds and whose ledger records no reason, or a reminder that never arrived); retries;
DLQ depth before and after the replay; the time to drain. It exits 1 when anything was lost or
counted twice, or the DLQ is not empty. The shortened run in tests/e2e/test_chaos_over_http.py asserts
the same.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from hashlib import sha256
from typing import Any
from urllib.parse import quote

import requests

from devstack.redrive import redrive

PASSWORD = "Convertly-Chaos-1"
PLATFORMS = ("google_ads", "meta")
# Outcomes that settle a conversion with a reason the ledger records (not lost, not sent)
RECORDED_REASONS = frozenset(
    {"rejected", "expired", "not_attributable", "not_configured", "not_supported", "no_value", "skipped"}
)
SETTLED = RECORDED_REASONS | {"sent", "already_reported"}
HTTP_TIMEOUT = 60
# Each won lead's click ids end with `<run>-<workspace>-<n>`: what the platforms hold names the lead
GCLID_PREFIX = "Cj0KCQ-chaos-"
FBCLID_PREFIX = "IwAR-chaos-"


@dataclass(frozen=True)
class ChaosPlan:
    wins: int = 300
    tenants: int = 3
    reminders: int = 50
    error_rate: float = 0.3
    statuses: tuple[int, ...] = (500, 503, 429)
    mail_statuses: tuple[int, ...] = (421, 451)
    mail_refusals: int = 2  # the first reminders refused before the error rate takes over
    seed: int = 7
    stalls: int = 2  # per platform: answered after the client's timeout, served all the same
    stall_seconds: float = 10.0  # longer than the functions' ADS_HTTP_TIMEOUT_SECONDS (8 by default)
    fault_seconds: float = 90.0  # how long the error rate lasts
    retry_after: int = 2  # a 429's Retry-After
    drain_timeout: float = 1800.0
    workers: int = 4  # parallel API requests while setting up


@dataclass
class PlatformFigures:
    sent: int = 0  # won leads the platform holds
    duplicates: int = 0  # conversions a platform counted for a lead beyond its first
    resent_deduplicated: int = 0  # the same order_id / event_id arriving again (the platform kept one)
    lost: list[str] = field(default_factory=list)  # lead ids
    recorded_reasons: dict[str, int] = field(default_factory=dict)
    retries: int = 0  # ledger attempts that failed and were retried
    failed_on_cue: int = 0  # requests the fake failed or stalled as scripted
    ledger_says_sent_but_platform_lacks: int = 0


@dataclass
class MailFigures:
    expected: int = 0
    delivered: int = 0
    sent_twice: int = 0
    lost: list[str] = field(default_factory=list)  # subjects
    refused_on_cue: int = 0


@dataclass
class ChaosReport:
    wins: int
    tenants: int
    platforms: dict[str, PlatformFigures]
    mail: MailFigures
    dlq_before_replay: int
    dlq_replayed: int
    dlq_after_replay: int
    drain_seconds: float
    mail_drain_seconds: float

    @property
    def lost(self) -> int:
        return sum(len(p.lost) for p in self.platforms.values()) + len(self.mail.lost)

    @property
    def duplicates(self) -> int:
        return sum(p.duplicates for p in self.platforms.values()) + self.mail.sent_twice

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicates == 0 and self.dlq_after_replay == 0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "lost": self.lost, "duplicates": self.duplicates, "ok": self.ok}

    def lines(self) -> list[str]:
        out = [f"wins: {self.wins} across {self.tenants} workspaces"]
        for name, p in self.platforms.items():
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(p.recorded_reasons.items())) or "none"
            out.append(
                f"{name}: sent {p.sent}, duplicates {p.duplicates}, resent and deduplicated by the platform "
                f"{p.resent_deduplicated}, lost {len(p.lost)}, retries {p.retries}, failed on cue "
                f"{p.failed_on_cue}, recorded reasons: {reasons}"
            )
        m = self.mail
        out.append(
            f"reminder mail: expected {m.expected}, delivered {m.delivered}, sent twice {m.sent_twice}, "
            f"lost {len(m.lost)}, refused on cue {m.refused_on_cue}"
        )
        out.append(
            f"conversions DLQ: {self.dlq_before_replay} before replay, {self.dlq_replayed} replayed, "
            f"{self.dlq_after_replay} after"
        )
        out.append(
            f"time to drain: conversions {self.drain_seconds:.0f} s, mail {self.mail_drain_seconds:.0f} s"
        )
        out.append(f"lost {self.lost}, duplicates {self.duplicates}: {'OK' if self.ok else 'FAILED'}")
        return out


@dataclass
class ChaosTenant:
    index: int
    token: str
    customer_id: str
    dataset_id: str
    won_stage: str
    leads: dict[str, str] = field(default_factory=dict)  # lead id -> gclid
    followup_subjects: list[str] = field(default_factory=list)


class _Api:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()
        self.http.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=16))

    def call(self, method: str, path: str, token: str | None = None, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for attempt in range(5):  # the local API answers 503 while moto is being snapshotted
            response = self.http.request(
                method, f"{self.base_url}{path}", json=body, headers=headers, timeout=HTTP_TIMEOUT
            )
            if response.status_code not in (502, 503, 504):
                break
            time.sleep(1 + attempt)
        if not response.ok:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None


def _fake(url: str, method: str, path: str, body: Any = None) -> Any:
    response = requests.request(method, f"{url.rstrip('/')}{path}", json=body, timeout=HTTP_TIMEOUT)
    if not response.ok:
        raise RuntimeError(f"{method} {url}{path}: {response.status_code} {response.text[:300]}")
    return response.json()


def _shares(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


class Chaos:
    """One run against the stack described by `ready` (devstack's ready.json)."""

    def __init__(self, ready: dict[str, Any], plan: ChaosPlan, say: Callable[[str], None] = print) -> None:
        self.ready, self.plan, self.say = ready, plan, say
        self.api = _Api(ready["api_url"])
        self.fakes = {"google_ads": ready["ad_fakes"]["google_ads"], "meta": ready["ad_fakes"]["meta_graph"]}
        self.mail_url = str(ready["mail_url"]).split()[0].rstrip("/")
        self.run_id = uuid.uuid4().hex[:8]
        self.rng = random.Random(plan.seed)
        self.tenants: list[ChaosTenant] = []

    def run(self) -> ChaosReport:
        plan = self.plan
        self.say(
            f"chaos {self.run_id}: {plan.wins} wins, {plan.tenants} workspaces, {plan.reminders} reminders"
        )
        self._sign_up()
        before = {name: _fake(url, "GET", "/__state") for name, url in self.fakes.items()}
        self._script_faults()
        try:
            started = time.monotonic()
            self._win_leads()
            self._past_due_followups()
            self.say(f"set up in {time.monotonic() - started:.0f} s; waiting for the queues to drain")
            drain_started = time.monotonic()
            dlq = self._drain()
            drain_seconds = time.monotonic() - drain_started
            mail, mail_seconds = self._mail(drain_started)
            cued = {name: _fake(url, "GET", "/__script")["failed"] for name, url in self.fakes.items()}
            mail.refused_on_cue = int(_fake(self.mail_url, "GET", "/__script")["failed"])
        finally:
            self._clear_faults()
        after = {name: _fake(url, "GET", "/__state") for name, url in self.fakes.items()}
        platforms = platform_figures(self.run_id, self.tenants, self._entries(), (before, after), cued)
        return ChaosReport(
            wins=sum(len(t.leads) for t in self.tenants),
            tenants=len(self.tenants),
            platforms=platforms,
            mail=mail,
            dlq_before_replay=dlq[0],
            dlq_replayed=dlq[1],
            dlq_after_replay=dlq[2],
            drain_seconds=drain_seconds,
            mail_drain_seconds=mail_seconds,
        )

    # Set-up -------------------------------------------------------------------------------------------

    def _sign_up(self) -> None:
        for index in range(self.plan.tenants):
            email = f"chaos-{self.run_id}-{index}@chaos.test"
            body = {
                "email": email,
                "company_name": f"Chaos {self.run_id} {index}",
                "name": f"Chaos Owner {index}",
                "password": PASSWORD,
            }
            token = self.api.call("POST", "/auth/signup", body=body)["tokens"]["id_token"]
            customer_id = f"{self.rng.randrange(10**9, 10**10)}"
            dataset_id = f"{self.rng.randrange(10**14, 10**15)}"
            settings = {
                "google_ads": {
                    "customer_id": customer_id,
                    "conversion_action_id": "7770001",
                    "developer_token": f"dev-token-chaos{index}",
                    "client_id": f"chaos-{index}.apps.googleusercontent.com",
                    "client_secret": f"chaos-secret-{index}",
                    "refresh_token": f"1//chaos-refresh-{self.run_id}-{index}",
                },
                "meta": {"dataset_id": dataset_id, "access_token": f"EAAG-chaos-{self.run_id}-{index}"},
                "timezone": "America/Los_Angeles",
            }
            self.api.call("PUT", "/settings/ads", token, settings)
            pipeline = self.api.call("GET", "/pipelines", token)["items"][0]
            won = next(s["stage_id"] for s in pipeline["stages"] if s["kind"] == "won")
            self.tenants.append(ChaosTenant(index, token, customer_id, dataset_id, won))

    def _script_faults(self) -> None:
        plan = self.plan
        for url in self.fakes.values():
            _fake(url, "DELETE", "/__script")
            if plan.stalls:
                stall = {"stall_seconds": plan.stall_seconds, "times": plan.stalls, "then": "serve"}
                _fake(url, "POST", "/__script", stall)
            rate = {
                "error_rate": plan.error_rate,
                "statuses": list(plan.statuses),
                "seed": plan.seed,
                "for_seconds": plan.fault_seconds,
                "retry_after": plan.retry_after,
            }
            _fake(url, "POST", "/__script", rate)

    def _script_mail_faults(self) -> None:
        """The sink refuses the first reminders (so a run always shows a retry), then a share of them."""
        plan = self.plan
        _fake(self.mail_url, "DELETE", "/__script")
        if plan.mail_refusals:
            refusals = {"status": plan.mail_statuses[0], "times": plan.mail_refusals}
            _fake(self.mail_url, "POST", "/__script", refusals)
        mail_rate = {
            "error_rate": plan.error_rate,
            "statuses": list(plan.mail_statuses),
            "seed": plan.seed,
            "for_seconds": plan.fault_seconds,
        }
        _fake(self.mail_url, "POST", "/__script", mail_rate)

    def _clear_faults(self) -> None:
        for url in [*self.fakes.values(), self.mail_url]:
            try:
                _fake(url, "DELETE", "/__script")
            except (requests.RequestException, RuntimeError) as error:
                self.say(f"could not clear the script of {url}: {error}")

    def _win_leads(self) -> None:
        jobs = [
            (tenant, n)
            for tenant, count in zip(self.tenants, _shares(self.plan.wins, len(self.tenants)), strict=True)
            for n in range(count)
        ]
        values = [round(self.rng.uniform(100, 20_000), 2) for _ in jobs]
        with ThreadPoolExecutor(self.plan.workers) as pool:
            list(pool.map(lambda job, value: self._win(job[0], job[1], value), jobs, values))

    def _win(self, tenant: ChaosTenant, n: int, value: float) -> None:
        gclid = f"{GCLID_PREFIX}{self.run_id}-{tenant.index}-{n}"
        lead = self.api.call(
            "POST",
            "/leads",
            tenant.token,
            {
                "first_name": "Chaos",
                "last_name": f"{self.run_id}-{tenant.index}-{n}",
                "email": f"buyer-{self.run_id}-{tenant.index}-{n}@example.com",
                "value": f"{value:.2f}",
                "source": "google_ads",
                "attribution": {"gclid": gclid, "fbclid": f"{FBCLID_PREFIX}{self.run_id}-{tenant.index}-{n}"},
            },
        )
        self.api.call(
            "POST",
            f"/leads/{lead['lead_id']}/stage",
            tenant.token,
            {"stage_id": tenant.won_stage, "version": lead["version"]},
        )
        tenant.leads[lead["lead_id"]] = gclid

    def _past_due_followups(self) -> None:
        if not self.plan.reminders:
            return
        self._script_mail_faults()
        due = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        for tenant, count in zip(self.tenants, _shares(self.plan.reminders, len(self.tenants)), strict=True):
            for n in range(count):
                lead = self.api.call(
                    "POST",
                    "/leads",
                    tenant.token,
                    {"first_name": "Remind", "last_name": f"{self.run_id}-{tenant.index}-{n}"},
                )
                path = f"/leads/{lead['lead_id']}/followups"
                self.api.call("POST", path, tenant.token, {"type": "call", "due_at": due})
                tenant.followup_subjects.append(
                    f"Follow-up overdue: Call Remind {self.run_id}-{tenant.index}-{n}"
                )

    # Waiting ------------------------------------------------------------------------------------------

    def _ledger(self, tenant: ChaosTenant) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            query = "/conversions?limit=100" + (f"&cursor={quote(cursor)}" if cursor else "")
            page = self.api.call("GET", query, tenant.token)
            entries += page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return entries

    def _entries(self) -> dict[int, list[dict[str, Any]]]:
        return {tenant.index: self._ledger(tenant) for tenant in self.tenants}

    @cached_property
    def _sqs(self) -> Any:
        from devstack.aws import LocalAws

        return LocalAws(self.ready["moto_url"]).client("sqs")

    def _queue_depth(self, url: str) -> int:
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        found = self._sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
        return sum(int(found.get(name, 0)) for name in names)

    def _settled(self) -> tuple[bool, int]:
        """Whether every win has a final outcome on both platforms (dead_lettered counts as final for
        now: the replay takes it up), and how many are still waiting."""
        latest = latest_outcomes(self.tenants, self._entries())
        waiting = sum(
            1
            for tenant in self.tenants
            for lead_id in tenant.leads
            for platform in PLATFORMS
            if latest.get((lead_id, platform), {}).get("status") not in SETTLED | {"dead_lettered"}
        )
        return waiting == 0, waiting

    def _drain(self) -> tuple[int, int, int]:
        """Wait until every win settled and the conversions queue is empty; replay the DLQ when anything
        reached it, and wait again. (DLQ depth before, moved, after.)"""
        queues = self.ready["queues"]["conversions"]
        deadline = time.monotonic() + self.plan.drain_timeout
        dlq_before = moved = 0
        last_said = 0.0
        while time.monotonic() < deadline:
            settled, waiting = self._settled()
            in_queue = self._queue_depth(queues["queue_url"])
            in_dlq = self._queue_depth(queues["dead_letter_queue_url"])
            if time.monotonic() - last_said > 15:
                self.say(
                    f"  waiting: {waiting} conversions unsettled, {in_queue} in the queue, "
                    f"{in_dlq} in the DLQ"
                )
                last_said = time.monotonic()
            if settled and in_queue == 0:
                if in_dlq == 0:
                    return dlq_before, moved, 0
                dlq_before = max(dlq_before, in_dlq)
                moved += redrive(self._sqs, queues["dead_letter_queue_url"], queues["queue_url"])
                self.say(f"  replayed {moved} message(s) from the conversions DLQ")
            time.sleep(2)
        return dlq_before, moved, self._queue_depth(queues["dead_letter_queue_url"])

    def _mail(self, since: float) -> tuple[MailFigures, float]:
        expected = [subject for tenant in self.tenants for subject in tenant.followup_subjects]
        figures = MailFigures(expected=len(expected))
        deadline = time.monotonic() + self.plan.drain_timeout
        while len(self._received(expected)) < len(expected) and time.monotonic() <= deadline:
            time.sleep(2)
        seconds = time.monotonic() - since
        if expected:
            time.sleep(3)  # a second copy would arrive within a run or two
        counts = self._received(expected)
        figures.delivered = len(counts)
        figures.sent_twice = sum(n - 1 for n in counts.values())
        figures.lost = [subject for subject in expected if subject not in counts]
        return figures, seconds

    def _received(self, subjects: list[str]) -> Counter[str]:
        """How many times the sink received each of these subjects."""
        wanted = set(subjects)
        return Counter(
            m["subject"] for m in _fake(self.mail_url, "GET", "/api/messages") if m["subject"] in wanted
        )


def latest_outcomes(
    tenants: list[ChaosTenant], entries: dict[int, list[dict[str, Any]]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """(lead id, platform) -> the newest ledger entry of the lead's win."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for tenant in tenants:
        for entry in entries.get(tenant.index, []):
            if entry["kind"] != "conversion" or entry["lead_id"] not in tenant.leads:
                continue
            key = (entry["lead_id"], entry["platform"])
            if key not in latest or (entry["at"], entry["attempt"]) >= (
                latest[key]["at"],
                latest[key]["attempt"],
            ):
                latest[key] = entry
    return latest


def platform_figures(
    run_id: str,
    tenants: list[ChaosTenant],
    entries: dict[int, list[dict[str, Any]]],
    states: tuple[dict[str, Any], dict[str, Any]],
    cued: dict[str, int],
) -> dict[str, PlatformFigures]:
    """What each platform holds against what was won: `states` are the fakes' `/__state` before and
    after the run, `entries` each tenant's conversions ledger."""
    before, after = states
    latest = latest_outcomes(tenants, entries)
    retries = Counter(
        entry["platform"]
        for tenant in tenants
        for entry in entries.get(tenant.index, [])
        if entry["kind"] == "conversion"
        and entry["lead_id"] in tenant.leads
        and entry["status"] in ("retrying", "dead_lettered")
    )
    figures = {
        name: PlatformFigures(failed_on_cue=cued.get(name, 0), retries=retries[name]) for name in PLATFORMS
    }
    lead_ids = {lead_id for tenant in tenants for lead_id in tenant.leads}
    held = {
        "google_ads": google_held(run_id, after["google_ads"]),
        "meta": meta_held(after["meta"], lead_ids),
    }
    figures["google_ads"].resent_deduplicated = (
        after["google_ads"]["order_ids_resent"] - before["google_ads"]["order_ids_resent"]
    )
    figures["meta"].resent_deduplicated = after["meta"]["deduplicated"] - before["meta"]["deduplicated"]
    for tenant in tenants:
        for lead_id, gclid in tenant.leads.items():
            suffix = gclid.removeprefix(GCLID_PREFIX)
            keys = {
                "google_ads": f"{tenant.customer_id}:{suffix}",
                "meta": f"{tenant.dataset_id}:{sha256(lead_id.encode()).hexdigest()}",
            }
            for platform in PLATFORMS:
                count = held[platform].get(keys[platform], 0)
                status = latest.get((lead_id, platform), {}).get("status")
                p = figures[platform]
                p.duplicates += max(0, count - 1)
                if count:
                    p.sent += 1
                elif status in RECORDED_REASONS:
                    p.recorded_reasons[status] = p.recorded_reasons.get(status, 0) + 1
                else:
                    p.lost.append(lead_id)
                    if status == "sent":
                        p.ledger_says_sent_but_platform_lacks += 1
    return figures


def google_held(run_id: str, state: dict[str, Any]) -> Counter[str]:
    """Click conversions Google counts for this run, per `<customer>:<lead's click suffix>`: the
    customer from the conversion action's resource name (`customers/<id>/conversionActions/<id>`),
    the lead from its gclid. A retracted conversion is not counted."""
    held: Counter[str] = Counter()
    retracted = set(state["retracted"])
    for order_id, row in state["conversions"].items():
        gclid = str(row.get("gclid") or "")
        action = str(row.get("conversion_action") or "")
        if not gclid.startswith(f"{GCLID_PREFIX}{run_id}-") or order_id in retracted:
            continue
        customer = action.split("/")[1] if action.startswith("customers/") else ""
        held[f"{customer}:{gclid.removeprefix(GCLID_PREFIX)}"] += 1
    return held


def meta_held(state: dict[str, Any], lead_ids: set[str]) -> Counter[str]:
    """Purchases Meta counts for this run's leads, per `<dataset>:<hashed lead id>` (the external_id
    Convertly sends is the lead id, SHA-256 hashed)."""
    hashed = {sha256(lead_id.encode()).hexdigest() for lead_id in lead_ids}
    held: Counter[str] = Counter()
    for event in state["events"]:
        if event["event_name"] == "Purchase" and event.get("external_id") in hashed:
            held[f"{event['dataset_id']}:{event['external_id']}"] += 1
    return held


def run_chaos(ready: dict[str, Any], plan: ChaosPlan, say: Callable[[str], None] = print) -> ChaosReport:
    return Chaos(ready, plan, say).run()


def print_report(report: ChaosReport, as_json: bool, say: Callable[[str], None] = print) -> None:
    if as_json:
        say(json.dumps(report.as_dict(), indent=2))
        return
    for line in report.lines():
        say(line)
