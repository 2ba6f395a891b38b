"""Reporting wins to Google Ads and Meta from the conversions queue, once each, with a ledger.

A batch of SQS messages becomes conversions ("jobs"): a win (LeadStageChanged to a won stage), the
retraction of a reopened win, the correction of a won lead's value (LeadUpdated changing `value`), a
Meta Lead Ads lead's CRM event, or a replay an admin asked for. The same job delivered several times is
one job.

What each platform holds for a lead is kept right:
- A win worth 0 is not sent (`no_value`); setting the lead's value later sends that win with it.
- A new value of a won lead is a Google RESTATEMENT (a later adjustment time each time). Meta cannot
  correct a Purchase: it keeps the value it received, and the ledger says so.
- A reopened win is a Google RETRACTION; a lead won again is a new Google conversion. Meta cannot
  retract, so a lead it already counted is not counted again: within Meta's 48-hour deduplication window
  the new Purchase carries the first one's event_id, after it nothing is sent (`already_reported`).
- Each ledger entry records the value the platform holds for the lead after it (`held_minor`).

Each job takes a delivery lease on its conversion item in the lead's partition (a conditional update);
a platform whose outcome is already settled is skipped, so a redelivery sends nothing again. Then one
request per tenant and platform (and endpoint) carries every row of the batch; each row's outcome
(partial failures are mapped back by index) goes to the ledger, and the lease is released with the
outcomes.

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
from datetime import UTC, datetime, timedelta
from typing import Any

from convertly.conversions import keys, rows
from convertly.conversions import store as repo
from convertly.conversions.accounts import AdAccounts, SecretOpener, open_accounts
from convertly.conversions.adapters.google import GoogleAdsClient
from convertly.conversions.adapters.meta import MetaClient
from convertly.conversions.adapters.outcome import FINAL_ON_REPLAY, SETTLED, Outcome, Status
from convertly.conversions.domain.platforms import ConversionKind, Platform
from convertly.conversions.history import LeadHistory, sent_at, status_of
from convertly.conversions.items import ConversionItem, LedgerEntryItem
from convertly.conversions.person import attach_people, person_of
from convertly.leads.service import Lead, LeadSource, batch_get_leads, lead_key
from convertly.platform.clock import iso, new_id, parse_iso
from convertly.platform.concurrency import in_parallel
from convertly.platform.config import get_settings
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.money import format_money, from_cents
from convertly.platform.observability import logger
from convertly.platform.store.items import plain

MAX_RECEIVES = 5  # the conversions queue's maxReceiveCount (tests/unit keeps them equal)
LEASE_SECONDS = (
    120  # shorter than the queue's visibility timeout, so a crashed delivery's retry may take over
)
BACKOFF_SECONDS, BACKOFF_MAX_SECONDS = 30, 900
STAGE_CHANGED = "LeadStageChanged"
LEAD_UPDATED = "LeadUpdated"
REPLAY_REQUESTED = "ConversionReplayRequested"
META_DEDUP_WINDOW = timedelta(hours=48)  # Meta deduplicates an event_id seen within 48 hours

PLATFORMS = {
    ConversionKind.CONVERSION: (Platform.GOOGLE_ADS, Platform.META),
    ConversionKind.RETRACTION: (Platform.GOOGLE_ADS, Platform.META),
    ConversionKind.RESTATEMENT: (Platform.GOOGLE_ADS, Platform.META),
    ConversionKind.CRM_EVENT: (Platform.META,),
}
# Kinds whose plan needs the lead's earlier conversions (what each platform holds).
_WITH_HISTORY = frozenset({ConversionKind.CONVERSION, ConversionKind.RETRACTION, ConversionKind.RESTATEMENT})
# Google endpoints: a batch's rows go in one request per tenant and endpoint.
_ADJUSTMENTS = frozenset({ConversionKind.RETRACTION, ConversionKind.RESTATEMENT})
_NO_RETRACTION = "Meta's Conversions API offers no retraction: the Purchase it received stays"
_NO_VALUE = "The win has no value: set the lead's value and it is sent"


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
    revalue: bool = False  # a win sent again with the value set since it was recorded without one
    restates: ConversionItem | None = None  # the win whose value a restatement corrects
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
    if event.detail_type == LEAD_UPDATED:
        return _value_change(event)
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


def _value_change(event: DomainEvent) -> list[Job]:
    """A lead's new value: a correction of its win, if it is won (decided against its conversions)."""
    change = (event.data.get("changes") or {}).get("value")
    if not isinstance(change, dict):
        return []
    lead = event.data.get("lead") or {}
    lead_id = str(lead.get("lead_id") or event.subject_id)
    at = event.occurred_at
    return [
        Job(
            event.tenant_id,
            lead_id,
            f"value-{_millis(at)}",
            ConversionKind.RESTATEMENT,
            at,
            "",
            value_minor=int(change.get("to") or 0),
            currency=str(lead.get("currency") or "USD"),
        )
    ]


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


def backoff_seconds(
    receive_count: int, retry_after: int | None = None, jitter: Callable[[int], int] = secrets.randbelow
) -> int:
    """About 30 s, 60 s, 120 s ... up to 15 minutes, or longer if the platform asked for it. Each delay
    is jittered within its upper half, so messages that failed together (a platform's outage) do not
    all come back in the same second."""
    delay = min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2 ** max(0, receive_count - 1))
    delay = max(1, round(delay * get_settings().retry_delay_scale))
    delay = delay // 2 + jitter(delay // 2 + 1)
    return max(delay, min(retry_after or 0, 12 * 3600))


@dataclass
class _Delivery:
    """One job's work for one platform: what was planned, then what came of it."""

    job: Job
    platform: Platform
    planned: rows.Planned
    held_before: int | None = None  # what the platform held for the lead before
    held_if_sent: int | None = None  # and what it holds once this is sent
    adjusted_at: str | None = None  # a restatement's adjustment time (ISO)
    outcome: Outcome | None = None

    @property
    def held_after(self) -> int | None:
        sent = self.outcome is not None and self.outcome.status is Status.SENT
        return self.held_if_sent if sent else self.held_before


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
        histories = self._histories(jobs)
        jobs = resolve(jobs, histories)
        held, waiting = self._acquire(jobs)
        deliveries = [
            d
            for job, item in held
            for d in self._plan(job, item, accounts[job.tenant_id], leads, histories, jobs)
        ]
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

    @staticmethod
    def _histories(jobs: list[Job]) -> dict[tuple[str, str], LeadHistory]:
        """The earlier conversions of each lead with a win, reopen or value change in the batch: one
        Query per lead, all at once."""
        wanted = sorted({(j.tenant_id, j.lead_id) for j in jobs if j.kind in _WITH_HISTORY})
        found: dict[tuple[str, str], LeadHistory] = {}

        def reader(tenant_id: str, lead_id: str) -> Callable[[], None]:
            def read() -> None:
                found[(tenant_id, lead_id)] = LeadHistory(repo.lead_conversions(tenant_id, lead_id))

            return read

        in_parallel([reader(tenant_id, lead_id) for tenant_id, lead_id in wanted])
        return found

    def _acquire(self, jobs: list[Job]) -> tuple[list[tuple[Job, ConversionItem]], list[Job]]:
        now, lease_id = int(time.time()), secrets.token_hex(8)
        held, waiting = [], []
        for job in jobs:
            item = repo.acquire(job.item(), lease_id, now, LEASE_SECONDS, revalue=job.revalue)
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
            leads = batch_get_leads(tenant_id, lead_ids)
            attach_people(tenant_id, leads.values())  # identifiers and consent come from the contact
            for lead_id, lead in leads.items():
                found[(tenant_id, lead_id)] = lead
        return found

    # Planning --------------------------------------------------------------------------------------

    def _plan(
        self,
        job: Job,
        item: ConversionItem,
        accounts: AdAccounts,
        leads: dict[tuple[str, str], Lead],
        histories: dict[tuple[str, str], LeadHistory],
        batch: list[Job],
    ) -> list[_Delivery]:
        planned = []
        history = histories.get((job.tenant_id, job.lead_id)) or LeadHistory()
        for platform in PLATFORMS[job.kind]:
            status = (plain(getattr(item, platform.value)) or {}).get("status")
            settled = FINAL_ON_REPLAY if job.replay else SETTLED
            if job.revalue:
                settled = settled - {Status.NO_VALUE}
            if status in settled:
                continue
            lead = leads.get((job.tenant_id, job.lead_id))
            delivery = _Delivery(job, platform, Outcome(Status.SKIPPED, ""))
            if job.kind in _WITH_HISTORY:
                delivery.held_before = history.held(platform)
                delivery.held_if_sent = delivery.held_before
            delivery.planned = self._row(delivery, item, accounts, lead, history, batch)
            planned.append(delivery)
        return planned

    def _row(
        self,
        delivery: _Delivery,
        item: ConversionItem,
        accounts: AdAccounts,
        lead: Lead | None,
        history: LeadHistory,
        batch: list[Job],
    ) -> rows.Planned:
        job, platform = delivery.job, delivery.platform
        if job.kind is ConversionKind.RETRACTION and platform is Platform.META:
            return Outcome(Status.NOT_SUPPORTED, _NO_RETRACTION)
        if lead is None:
            return Outcome(Status.SKIPPED, "The lead no longer exists")
        if job.kind is ConversionKind.CONVERSION and job.value_minor <= 0:
            return Outcome(Status.NO_VALUE, _NO_VALUE)
        country = person_of(lead).country or accounts.country
        if platform is Platform.GOOGLE_ADS:
            if job.kind is ConversionKind.RESTATEMENT:
                return self._restatement(delivery, accounts, history)
            if accounts.google is None:
                return _not_configured("Google Ads", accounts.google_missing)
            if job.kind is ConversionKind.RETRACTION:
                return self._retraction(delivery, accounts, history)
            delivery.held_if_sent = job.value_minor
            win = rows.Win(job.occurred_at, item.dedupe_id or job.dedupe_id, job.value_minor, job.currency)
            return rows.google_conversion(
                lead, win, accounts.google.conversion_action, accounts.timezone, country, self._clock()
            )
        return self._meta_row(delivery, item, accounts, lead, history, batch, country)

    def _meta_row(
        self,
        delivery: _Delivery,
        item: ConversionItem,
        accounts: AdAccounts,
        lead: Lead,
        history: LeadHistory,
        batch: list[Job],
        country: str,
    ) -> rows.Planned:
        job = delivery.job
        if job.kind is ConversionKind.RESTATEMENT:
            return _meta_restatement(delivery)
        if accounts.meta is None:
            return _not_configured("Meta", accounts.meta_missing)
        crm = job.kind is ConversionKind.CRM_EVENT
        event_id = item.dedupe_id or job.dedupe_id
        if not crm:
            first = self._meta_counted(job, history, batch)
            if first is not None and first[1] is None:
                return Outcome(
                    Status.ALREADY_REPORTED,
                    "Meta already counted an earlier win of this lead and cannot retract it: "
                    "this win is not sent, so the deal is counted once",
                )
            if first is not None:
                event_id = first[0]  # Meta deduplicates it with the Purchase it counted
            else:
                delivery.held_if_sent = job.value_minor
        name = (job.event_name or "Lead") if crm else "Purchase"
        win = rows.Win(job.occurred_at, event_id, job.value_minor, job.currency, name)
        return rows.meta_event(lead, win, country, self._clock(), crm=crm)

    def _meta_counted(
        self, job: Job, history: LeadHistory, batch: list[Job]
    ) -> tuple[str, datetime | None] | None:
        """The event_id of the lead's first Purchase Meta counted (or is being sent in this batch),
        with when it was sent; None as the time once Meta's 48-hour window for it has passed."""
        earlier = [
            other
            for other in batch
            if other.key[:2] == job.key[:2]
            and other.kind is ConversionKind.CONVERSION
            and other.job_id != job.job_id
            and (other.occurred_at, other.job_id) < (job.occurred_at, job.job_id)
            and other.value_minor > 0
        ]
        counted = history.meta_purchase(job.occurred_at, job.job_id)
        if counted is not None:
            at = sent_at(counted, Platform.META)
            fresh = at is not None and self._clock() - at <= META_DEDUP_WINDOW
            return counted.dedupe_id, at if fresh else None
        if earlier:
            first = min(earlier, key=lambda other: (other.occurred_at, other.job_id))
            return first.dedupe_id, self._clock()
        return None

    def _retraction(self, delivery: _Delivery, accounts: AdAccounts, history: LeadHistory) -> rows.Planned:
        """Retract the latest win Google Ads received before the reopen, by its order_id."""
        job = delivery.job
        assert accounts.google is not None
        wins = [
            c
            for c in history.items
            if c.kind == ConversionKind.CONVERSION.value and c.occurred_at <= job.occurred_at
        ]
        for win in sorted(wins, key=lambda c: c.occurred_at, reverse=True):
            status = status_of(win, Platform.GOOGLE_ADS)
            if status == Status.SENT:
                job.dedupe_id = win.dedupe_id
                delivery.held_if_sent = 0
                return rows.google_retraction(
                    win.dedupe_id, accounts.google.conversion_action, job.occurred_at, accounts.timezone
                )
            if status in (None, Status.RETRYING) or win.lease_id:
                return Outcome(
                    Status.RETRYING, "Waiting for the win to reach Google Ads before retracting it"
                )
        return Outcome(Status.SKIPPED, "No win of this lead reached Google Ads: nothing to retract")

    def _restatement(self, delivery: _Delivery, accounts: AdAccounts, history: LeadHistory) -> rows.Planned:
        """Correct the value of the win Google Ads holds: a RESTATEMENT with an adjustment time later
        than the conversion's and every earlier adjustment's."""
        job, win = delivery.job, delivery.job.restates
        assert win is not None
        status = status_of(win, Platform.GOOGLE_ADS)
        if status != Status.SENT:
            if status in (None, Status.RETRYING) or win.lease_id:
                return Outcome(
                    Status.RETRYING, "Waiting for the win to reach Google Ads before correcting its value"
                )
            return Outcome(
                Status.SKIPPED, f"Google Ads never received the win ({status}): nothing to correct"
            )
        if accounts.google is None:
            return _not_configured("Google Ads", accounts.google_missing)
        if job.value_minor <= 0:
            return Outcome(
                Status.SKIPPED, "A value of 0 is not sent as a correction: reopen the lead to retract the win"
            )
        at = parse_iso(job.occurred_at).replace(microsecond=0)
        for then in (history.last_adjustment(win.dedupe_id), parse_iso(win.occurred_at)):
            if then is not None and at <= then:
                at = then.replace(microsecond=0) + timedelta(seconds=1)
        delivery.adjusted_at = iso(at)
        delivery.held_if_sent = job.value_minor
        return rows.google_restatement(
            win.dedupe_id,
            accounts.google.conversion_action,
            delivery.adjusted_at,
            accounts.timezone,
            job.value_minor,
            job.currency,
        )

    # Sending ---------------------------------------------------------------------------------------

    def _send(self, deliveries: list[_Delivery], accounts: dict[str, AdAccounts]) -> None:
        groups: dict[tuple[str, Platform, ConversionKind], list[_Delivery]] = {}
        for delivery in deliveries:
            if isinstance(delivery.planned, Outcome):
                delivery.outcome = delivery.planned
                continue
            kind = (
                ConversionKind.RETRACTION
                if delivery.job.kind in _ADJUSTMENTS and delivery.platform is Platform.GOOGLE_ADS
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
                outcomes = self.google.upload_adjustments(accounts.google, bodies)
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
            recorded: dict[str, Any] = {
                "status": entry.status,
                "at": at,
                "message": entry.message,
                "request_id": entry.request_id,
                "attempts": int(entry.attempt),
            }
            if entry.held_minor is not None:
                recorded["held_minor"] = int(entry.held_minor)
            if delivery.adjusted_at and entry.status == Status.SENT:
                recorded["adjusted_at"] = delivery.adjusted_at
            by_job.setdefault(delivery.job.key, {})[delivery.platform.value] = recorded
        for job, item in held:
            recorded = by_job.get(job.key, {})
            if not repo.release(item, str(item.lease_id), recorded, at, _recorded_event(job, recorded, at)):
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
            message=_with_note(outcome, row)[:1000],
            payload_hash=row.payload_hash if row else None,
            identifier=row.identifier if row else None,
            value_minor=job.value_minor if job.kind in _VALUED else None,
            currency=job.currency if job.kind in _VALUED else None,
            held_minor=delivery.held_after,
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


_VALUED = frozenset({ConversionKind.CONVERSION, ConversionKind.RESTATEMENT})


def _recorded_event(job: Job, recorded: dict[str, dict[str, Any]], at: str) -> DomainEvent | None:
    """A win's outcomes, as an event: the analytics' conversions health follows what each platform was
    told. Other kinds (reopens, restatements) change no win's outcome there."""
    if job.kind is not ConversionKind.CONVERSION or not recorded:
        return None
    return DomainEvent(
        detail_type="ConversionRecorded",
        tenant_id=job.tenant_id,
        subject_id=job.lead_id,
        occurred_at=at,
        data={
            "lead_id": job.lead_id,
            "job_id": job.job_id,
            "outcomes": {platform: value["status"] for platform, value in recorded.items()},
        },
    )


def resolve(jobs: list[Job], histories: dict[tuple[str, str], LeadHistory]) -> list[Job]:
    """Decide what each value change is: nothing (the lead is not won, or the value is what was
    reported), the win sent again with the value it lacked, or a restatement of the win. A win and
    its value change in one batch are the win with the new value; of several value changes of one
    lead in a batch, the latest stands."""
    kept: dict[tuple[str, str, str], Job] = {}
    changes = sorted(
        (j for j in jobs if j.kind is ConversionKind.RESTATEMENT), key=lambda j: (j.occurred_at, j.job_id)
    )
    latest = {job.key[:2]: job for job in changes}
    for job in jobs:
        if job.kind is not ConversionKind.RESTATEMENT:
            kept.setdefault(job.key, job)
    for job in changes:
        if latest[job.key[:2]] is not job:
            continue  # a later value of the same lead in this batch supersedes it
        history = histories.get(job.key[:2]) or LeadHistory()
        batch_win = _batch_win(job, list(kept.values()), history)
        if batch_win is not None:
            batch_win.value_minor, batch_win.currency = job.value_minor, job.currency
            batch_win.revalue = True
            batch_win.messages += job.messages
            continue
        win = history.current_win(job.occurred_at)
        if win is None:
            continue  # the lead is not won: its value is reported when it is
        statuses = [status_of(win, platform) for platform in PLATFORMS[ConversionKind.CONVERSION]]
        if Status.NO_VALUE in statuses:
            redo = job_from_spec(job.tenant_id, _win_spec(win, job))
            redo.revalue, redo.messages = True, list(job.messages)
            held = kept.setdefault(redo.key, redo)
            if held is not redo:
                held.value_minor, held.revalue = redo.value_minor, True
                held.messages += redo.messages
            continue
        if int(win.value_minor or 0) == job.value_minor and job.currency == win.currency:
            continue  # the platforms already have this value
        job.dedupe_id, job.restates = win.dedupe_id, win
        kept[job.key] = job
    return list(kept.values())


def _batch_win(job: Job, batch: list[Job], history: LeadHistory) -> Job | None:
    """A win of the lead in this batch, not recorded before, in force when the value changed."""
    events = [
        other
        for other in batch
        if other.key[:2] == job.key[:2]
        and other.kind in (ConversionKind.CONVERSION, ConversionKind.RETRACTION)
        and other.occurred_at <= job.occurred_at
    ]
    if not events:
        return None
    last = max(events, key=lambda other: (other.occurred_at, other.job_id))
    if last.kind is not ConversionKind.CONVERSION or history.find(last.job_id) is not None:
        return None
    recorded = history.last_move()
    if recorded is not None and recorded.occurred_at > last.occurred_at:
        return None
    return last


def _win_spec(win: ConversionItem, change: Job) -> dict[str, Any]:
    return {
        "lead_id": win.lead_id,
        "job_id": win.job_id,
        "kind": ConversionKind.CONVERSION.value,
        "occurred_at": win.occurred_at,
        "dedupe_id": win.dedupe_id,
        "value_minor": change.value_minor,
        "currency": change.currency,
    }


def _meta_restatement(delivery: _Delivery) -> Outcome:
    win = delivery.job.restates
    assert win is not None
    if status_of(win, Platform.META) not in (Status.SENT, Status.ALREADY_REPORTED):
        return Outcome(Status.SKIPPED, "Meta never received the win: nothing to correct")
    held = delivery.held_before
    kept = (
        f" it keeps {format_money(from_cents(held), win.currency or delivery.job.currency)}"
        if held is not None
        else " it keeps the value it received"
    )
    return Outcome(Status.NOT_SUPPORTED, f"Meta's Conversions API cannot correct a Purchase's value:{kept}")


def _with_note(outcome: Outcome, row: rows.Row | None) -> str:
    if row is None or not row.note:
        return outcome.message
    return f"{outcome.message} ({row.note})"


def _not_configured(platform: str, missing: list[str]) -> Outcome:
    return Outcome(
        Status.NOT_CONFIGURED, f"{platform} is not configured (missing: {', '.join(missing)}); nothing sent"
    )
