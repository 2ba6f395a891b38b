"""Reporting wins to Google Ads and Meta from the conversions queue, once each, with a ledger.

A batch of SQS messages becomes conversions ("jobs"): a win (LeadStageChanged to a won stage), the
retraction of a reopened win, a Meta Lead Ads lead's CRM event, or a replay an admin asked for. The
same job delivered several times is one job. Each job takes a delivery lease on its conversion item in
the lead's partition (a conditional update); a platform whose outcome is already settled is skipped,
so a redelivery sends nothing again. Then one request per tenant and platform (and endpoint) carries
every row of the batch; each row's outcome (partial failures are mapped back by index) goes to the
ledger, and the lease is released with the outcomes.

Exactly once, as near as it goes: a crash after the platform answered and before the ledger was
written leaves the lease to expire (LEASE_SECONDS, shorter than the queue's visibility timeout), and
the retry sends the same order_id / event_id again, which Google Ads and Meta deduplicate.

Transient outcomes (timeouts, 429, 5xx) fail their messages, whose visibility is stretched for a
backoff; the last allowed receive records `dead_lettered` before the queue moves the message to its DLQ.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from convertly.conversions import keys, rows
from convertly.conversions import store as repo
from convertly.conversions.accounts import AdAccounts, SecretOpener, open_accounts
from convertly.conversions.adapters.google import GoogleAdsClient
from convertly.conversions.adapters.meta import MetaClient
from convertly.conversions.adapters.outcome import FINAL_ON_REPLAY, SETTLED, Outcome, Status
from convertly.conversions.domain.platforms import ConversionKind, Platform
from convertly.conversions.items import ConversionItem, LedgerEntryItem
from convertly.leads.service import Lead, LeadSource, batch_get_leads, lead_key
from convertly.platform.clock import iso, new_id, parse_iso
from convertly.platform.concurrency import in_parallel
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.observability import logger
from convertly.platform.store.items import plain

MAX_RECEIVES = 5  # the conversions queue's maxReceiveCount (tests/unit keeps them equal)
LEASE_SECONDS = (
    120  # shorter than the queue's visibility timeout, so a crashed delivery's retry may take over
)
BACKOFF_SECONDS, BACKOFF_MAX_SECONDS = 30, 900
STAGE_CHANGED = "LeadStageChanged"
REPLAY_REQUESTED = "ConversionReplayRequested"

PLATFORMS = {
    ConversionKind.CONVERSION: (Platform.GOOGLE_ADS, Platform.META),
    ConversionKind.RETRACTION: (Platform.GOOGLE_ADS, Platform.META),
    ConversionKind.CRM_EVENT: (Platform.META,),
}
_NO_RETRACTION = "Meta's Conversions API offers no retraction: the Purchase it received stays"


@dataclass(frozen=True)
class Message:
    message_id: str
    receive_count: int
    event: DomainEvent


@dataclass
class Job:
    tenant_id: str
    lead_id: str
    job_id: str
    kind: ConversionKind
    occurred_at: str
    dedupe_id: str
    value_minor: int = 0
    currency: str = "USD"
    event_name: str | None = None
    stage_id: str | None = None
    replay: bool = False
    messages: list[Message] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.tenant_id, self.lead_id, self.job_id

    def item(self) -> ConversionItem:
        return ConversionItem(
            lead_key(self.tenant_id, self.lead_id),
            keys.conversion_sk(self.job_id),
            job_id=self.job_id,
            lead_id=self.lead_id,
            kind=self.kind.value,
            occurred_at=self.occurred_at,
            dedupe_id=self.dedupe_id or "-",
            value_minor=self.value_minor,
            currency=self.currency,
            event_name=self.event_name,
            stage_id=self.stage_id,
            created_at=iso(),
        )

    def spec(self) -> dict[str, Any]:
        """What a replay request carries to rebuild the job."""
        return {
            "lead_id": self.lead_id,
            "job_id": self.job_id,
            "kind": self.kind.value,
            "occurred_at": self.occurred_at,
            "dedupe_id": self.dedupe_id,
            "value_minor": self.value_minor,
            "currency": self.currency,
            "event_name": self.event_name,
            "stage_id": self.stage_id,
        }


def _millis(at: str) -> int:
    return int(parse_iso(at).timestamp() * 1000)


def jobs_of(event: DomainEvent) -> list[Job]:
    """The conversions an event asks for (none for an event of no interest)."""
    if event.detail_type == REPLAY_REQUESTED:
        return [job_from_spec(event.tenant_id, spec, replay=True) for spec in event.data.get("jobs") or []]
    if event.detail_type != STAGE_CHANGED:
        return []
    data, lead_id = event.data, str(event.data.get("lead_id") or event.subject_id)
    at, found = event.occurred_at, []
    value_minor, currency = int(data.get("value_minor") or 0), str(data.get("currency") or "USD")
    if data.get("to_kind") == "won":
        found.append(
            Job(
                event.tenant_id,
                lead_id,
                f"win-{_millis(at)}",
                ConversionKind.CONVERSION,
                at,
                f"{lead_id}-{_millis(at)}",
                value_minor=value_minor,
                currency=currency,
            )
        )
    if data.get("reopened"):
        found.append(
            Job(
                event.tenant_id,
                lead_id,
                f"reopen-{_millis(at)}",
                ConversionKind.RETRACTION,
                at,
                "",
                value_minor,
                currency,
            )
        )
    if data.get("source") == LeadSource.META_ADS and data.get("to_stage_id"):
        stage = str(data["to_stage_id"])
        job_id = f"crm-{stage}-{_millis(at)}"
        found.append(
            Job(
                event.tenant_id,
                lead_id,
                job_id,
                ConversionKind.CRM_EVENT,
                at,
                f"{lead_id}-{job_id}",
                stage_id=stage,
                value_minor=value_minor,
                currency=currency,
            )
        )
    return found


def job_from_spec(tenant_id: str, spec: dict[str, Any], *, replay: bool = False) -> Job:
    return Job(
        tenant_id=tenant_id,
        lead_id=str(spec["lead_id"]),
        job_id=str(spec["job_id"]),
        kind=ConversionKind(spec["kind"]),
        occurred_at=str(spec["occurred_at"]),
        dedupe_id=str(spec.get("dedupe_id") or ""),
        value_minor=int(spec.get("value_minor") or 0),
        currency=str(spec.get("currency") or "USD"),
        event_name=spec.get("event_name"),
        stage_id=spec.get("stage_id"),
        replay=replay,
    )


def merge(messages: Iterable[Message]) -> list[Job]:
    """One job per conversion however many messages carry it; a replay anywhere makes it a replay."""
    jobs: dict[tuple[str, str, str], Job] = {}
    for message in messages:
        for job in jobs_of(message.event):
            held = jobs.setdefault(job.key, job)
            held.replay = held.replay or job.replay
            held.messages.append(message)
    return list(jobs.values())


def backoff_seconds(receive_count: int, retry_after: int | None = None) -> int:
    """30 s, 60 s, 120 s ... up to 15 minutes, or longer if the platform asked for it."""
    delay = min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2 ** max(0, receive_count - 1))
    return max(delay, min(retry_after or 0, 12 * 3600))


@dataclass
class _Delivery:
    """One job's work for one platform: what was planned, then what came of it."""

    job: Job
    platform: Platform
    planned: rows.Planned
    outcome: Outcome | None = None


@dataclass
class BatchResult:
    """Message id -> seconds until it should be retried (absent: done)."""

    retries: dict[str, int] = field(default_factory=dict)
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # (platform, kind, status) recorded


class ConversionDispatcher:
    """The conversions consumer's logic, with its platform clients and secrets injected."""

    def __init__(
        self,
        google: GoogleAdsClient | None = None,
        meta: MetaClient | None = None,
        opener: SecretOpener | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._google = google
        self._meta = meta
        self._opener = opener or SecretOpener()
        self._clock = clock

    @property
    def google(self) -> GoogleAdsClient:
        self._google = self._google or GoogleAdsClient()
        return self._google

    @property
    def meta(self) -> MetaClient:
        self._meta = self._meta or MetaClient()
        return self._meta

    def dispatch(self, messages: list[Message]) -> BatchResult:
        result = BatchResult()
        jobs = merge(messages)
        if not jobs:
            return result
        accounts = self._accounts(jobs)
        jobs = [job for job in jobs if self._wanted(job, accounts[job.tenant_id])]
        leads = self._leads(jobs)
        jobs = [job for job in jobs if self._from_lead_ads(job, leads)]
        held, waiting = self._acquire(jobs)
        deliveries = [d for job, item in held for d in self._plan(job, item, accounts[job.tenant_id], leads)]
        self._send(deliveries, accounts)
        self._dead_letter(deliveries)
        self._record(held, deliveries)
        result.outcomes = [
            (d.platform.value, d.job.kind.value, d.outcome.status.value)
            for d in deliveries
            if d.outcome is not None
        ]
        for job in waiting:
            for message in job.messages:
                result.retries[message.message_id] = backoff_seconds(message.receive_count)
        for delivery in deliveries:
            self._retry(delivery, result)
        return result

    # Reading ---------------------------------------------------------------------------------------

    def _accounts(self, jobs: list[Job]) -> dict[str, AdAccounts]:
        stored = repo.settings_of(job.tenant_id for job in jobs)
        return {
            tenant_id: open_accounts(tenant_id, settings, tenant, self._opener)
            for tenant_id, (settings, tenant) in stored.items()
        }

    @staticmethod
    def _wanted(job: Job, accounts: AdAccounts) -> bool:
        """A Lead Ads lead's stage change is sent only for the stages mapped to a CRM event."""
        if job.kind is not ConversionKind.CRM_EVENT:
            return True
        job.event_name = job.event_name or accounts.stage_events.get(job.stage_id or "")
        return bool(job.event_name)

    @staticmethod
    def _from_lead_ads(job: Job, leads: dict[tuple[str, str], Lead]) -> bool:
        """A CRM event goes only for a lead that came through Meta Lead Ads (it has their lead id);
        the event's `source` only says the lead came from Meta."""
        if job.kind is not ConversionKind.CRM_EVENT:
            return True
        lead = leads.get((job.tenant_id, job.lead_id))
        return lead is not None and bool((plain(lead.attribution) or {}).get("meta_lead_id"))

    def _acquire(self, jobs: list[Job]) -> tuple[list[tuple[Job, ConversionItem]], list[Job]]:
        now, lease_id = int(time.time()), secrets.token_hex(8)
        held, waiting = [], []
        for job in jobs:
            item = repo.acquire(job.item(), lease_id, now, LEASE_SECONDS)
            if item is None:
                waiting.append(job)
            else:
                item.lease_id = lease_id
                held.append((job, item))
        return held, waiting

    @staticmethod
    def _leads(jobs: list[Job]) -> dict[tuple[str, str], Lead]:
        by_tenant: dict[str, set[str]] = {}
        for job in jobs:
            by_tenant.setdefault(job.tenant_id, set()).add(job.lead_id)
        found = {}
        for tenant_id, lead_ids in by_tenant.items():
            for lead_id, lead in batch_get_leads(tenant_id, lead_ids).items():
                found[(tenant_id, lead_id)] = lead
        return found

    # Planning --------------------------------------------------------------------------------------

    def _plan(
        self, job: Job, item: ConversionItem, accounts: AdAccounts, leads: dict[tuple[str, str], Lead]
    ) -> list[_Delivery]:
        planned = []
        for platform in PLATFORMS[job.kind]:
            status = (plain(getattr(item, platform.value)) or {}).get("status")
            settled = FINAL_ON_REPLAY if job.replay else SETTLED
            if status in settled:
                continue
            lead = leads.get((job.tenant_id, job.lead_id))
            planned.append(_Delivery(job, platform, self._row(job, platform, item, accounts, lead)))
        return planned

    def _row(
        self, job: Job, platform: Platform, item: ConversionItem, accounts: AdAccounts, lead: Lead | None
    ) -> rows.Planned:
        if job.kind is ConversionKind.RETRACTION and platform is Platform.META:
            return Outcome(Status.NOT_SUPPORTED, _NO_RETRACTION)
        if lead is None:
            return Outcome(Status.SKIPPED, "The lead no longer exists")
        if platform is Platform.GOOGLE_ADS:
            if accounts.google is None:
                return _not_configured("Google Ads", accounts.google_missing)
            if job.kind is ConversionKind.RETRACTION:
                return self._retraction(job, accounts)
            win = rows.Win(job.occurred_at, item.dedupe_id or job.dedupe_id, job.value_minor, job.currency)
            return rows.google_conversion(
                lead,
                win,
                accounts.google.conversion_action,
                accounts.timezone,
                accounts.country,
                self._clock(),
            )
        if accounts.meta is None:
            return _not_configured("Meta", accounts.meta_missing)
        crm = job.kind is ConversionKind.CRM_EVENT
        name = (job.event_name or "Lead") if crm else "Purchase"
        win = rows.Win(job.occurred_at, item.dedupe_id or job.dedupe_id, job.value_minor, job.currency, name)
        return rows.meta_event(lead, win, accounts.country, self._clock(), crm=crm)

    @staticmethod
    def _retraction(job: Job, accounts: AdAccounts) -> rows.Planned:
        """Retract the latest win Google Ads received before the reopen, by its order_id."""
        assert accounts.google is not None
        wins = [
            c
            for c in repo.lead_conversions(job.tenant_id, job.lead_id)
            if c.kind == ConversionKind.CONVERSION.value and c.occurred_at <= job.occurred_at
        ]
        for win in sorted(wins, key=lambda c: c.occurred_at, reverse=True):
            status = (plain(win.google_ads) or {}).get("status")
            if status == Status.SENT:
                job.dedupe_id = win.dedupe_id
                return rows.google_retraction(
                    win.dedupe_id, accounts.google.conversion_action, job.occurred_at, accounts.timezone
                )
            if status in (None, Status.RETRYING) or win.lease_id:
                return Outcome(
                    Status.RETRYING, "Waiting for the win to reach Google Ads before retracting it"
                )
        return Outcome(Status.SKIPPED, "No win of this lead reached Google Ads: nothing to retract")

    # Sending ---------------------------------------------------------------------------------------

    def _send(self, deliveries: list[_Delivery], accounts: dict[str, AdAccounts]) -> None:
        groups: dict[tuple[str, Platform, ConversionKind], list[_Delivery]] = {}
        for delivery in deliveries:
            if isinstance(delivery.planned, Outcome):
                delivery.outcome = delivery.planned
                continue
            kind = (
                ConversionKind.RETRACTION
                if delivery.job.kind is ConversionKind.RETRACTION
                else ConversionKind.CONVERSION
            )
            groups.setdefault((delivery.job.tenant_id, delivery.platform, kind), []).append(delivery)
        # One request per tenant, platform and endpoint, all of them at once.
        in_parallel([self._sender(key, group, accounts[key[0]]) for key, group in groups.items()])

    def _sender(
        self, key: tuple[str, Platform, ConversionKind], group: list[_Delivery], accounts: AdAccounts
    ) -> Callable[[], None]:
        _, platform, kind = key
        bodies = [d.planned.body for d in group if isinstance(d.planned, rows.Row)]

        def send() -> None:
            if platform is Platform.META:
                assert accounts.meta is not None
                outcomes = self.meta.send_events(accounts.meta, bodies)
            elif kind is ConversionKind.RETRACTION:
                assert accounts.google is not None
                outcomes = self.google.upload_retractions(accounts.google, bodies)
            else:
                assert accounts.google is not None
                outcomes = self.google.upload_click_conversions(accounts.google, bodies)
            for delivery, outcome in zip(group, outcomes, strict=True):
                delivery.outcome = outcome

        return send

    @staticmethod
    def _dead_letter(deliveries: list[_Delivery]) -> None:
        """A transient failure on a message's last allowed receive: the queue moves it to the DLQ."""
        for delivery in deliveries:
            outcome = delivery.outcome
            if outcome is None or not outcome.transient:
                continue
            if all(message.receive_count >= MAX_RECEIVES for message in delivery.job.messages):
                delivery.outcome = Outcome(
                    Status.DEAD_LETTERED,
                    f"Gave up after {MAX_RECEIVES} attempts: {outcome.message}",
                    outcome.request_id,
                )

    # Recording -------------------------------------------------------------------------------------

    def _record(self, held: list[tuple[Job, ConversionItem]], deliveries: list[_Delivery]) -> None:
        at = iso(self._clock())
        entries = [self._entry(d, at) for d in deliveries if d.outcome is not None]
        if entries:
            repo.write_entries(entries)
        by_job: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
        for delivery, entry in zip([d for d in deliveries if d.outcome is not None], entries, strict=True):
            by_job.setdefault(delivery.job.key, {})[delivery.platform.value] = {
                "status": entry.status,
                "at": at,
                "message": entry.message,
                "request_id": entry.request_id,
                "attempts": int(entry.attempt),
            }
        for job, item in held:
            if not repo.release(item, str(item.lease_id), by_job.get(job.key, {}), at):
                logger.warning(
                    "Conversion lease lost before its outcome was recorded", extra={"job_id": job.job_id}
                )

    @staticmethod
    def _entry(delivery: _Delivery, at: str) -> LedgerEntryItem:
        job, outcome = delivery.job, delivery.outcome
        assert outcome is not None
        row = delivery.planned if isinstance(delivery.planned, rows.Row) else None
        entry_id = new_id()
        entry = LedgerEntryItem(
            lead_key(job.tenant_id, job.lead_id),
            keys.ledger_sk(at, entry_id),
            entry_id=entry_id,
            lead_id=job.lead_id,
            job_id=job.job_id,
            kind=job.kind.value,
            platform=delivery.platform.value,
            status=outcome.status.value,
            at=at,
            dedupe_id=job.dedupe_id or "-",
            request_id=outcome.request_id,
            message=outcome.message[:1000],
            payload_hash=row.payload_hash if row else None,
            identifier=row.identifier if row else None,
            value_minor=job.value_minor if job.kind is ConversionKind.CONVERSION else None,
            currency=job.currency if job.kind is ConversionKind.CONVERSION else None,
            attempt=max((m.receive_count for m in job.messages), default=1),
        )
        repo.index_ledger_entry(entry, job.tenant_id)
        return entry

    @staticmethod
    def _retry(delivery: _Delivery, result: BatchResult) -> None:
        outcome = delivery.outcome
        if outcome is None or outcome.status not in (Status.RETRYING, Status.DEAD_LETTERED):
            return
        for message in delivery.job.messages:
            delay = backoff_seconds(message.receive_count, outcome.retry_after)
            result.retries[message.message_id] = max(delay, result.retries.get(message.message_id, 0))


def _not_configured(platform: str, missing: list[str]) -> Outcome:
    return Outcome(
        Status.NOT_CONFIGURED, f"{platform} is not configured (missing: {', '.join(missing)}); nothing sent"
    )
