"""Sending outbound webhooks: the `webhook_sender` consumer's work for each `WebhookQueued` message.

Per message: the delivery is read; one that is delivered or failed (or whose round a replay has
replaced) is left alone, so a redelivered message never posts again what was recorded delivered.
Otherwise the sender takes the delivery's lease (a conditional update: one sender at a time), checks
the URL again (the host is resolved now and the request goes to the address checked, so a name that
turned private is refused), signs the body with the tenant's secrets and posts it, and records the
attempt: its own item in the delivery's partition and the delivery's new state, in one transaction
that holds only while the lease does.

2xx is delivered. 408, 429, 5xx, a timeout or a failed connection are retried: the message fails
(partial batch response) and comes back after its backoff (1 min, 5 min, 30 min, 2 h, 8 h: the
message's visibility). Any other answer (410, other 4xx, a redirect) or a refused address is
permanent: recorded failed, not retried. After the last attempt the delivery is recorded failed and
the message is left to the queue, which moves it to `convertly-webhooks-dlq`.

A crash between the post and its record leaves the lease to expire; the retry posts the same body
with the same `Convertly-Delivery` id, which receivers use to drop a repeat.
"""

from __future__ import annotations

import logging
import secrets
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import urllib3
from pynamodb.exceptions import UpdateError

from convertly.automation import keys
from convertly.automation.items import WebhookAttemptItem, WebhookDeliveryItem
from convertly.automation.signing import signature_header
from convertly.automation.webhook_secrets import SecretOpener, tenant_secret_item
from convertly.automation.webhooks import (
    EVENT,
    USER_AGENT,
    Resolver,
    UrlPolicy,
    get_delivery_item,
    private_address,
    resolve_host,
    url_problem,
)
from convertly.platform.clock import iso, parse_iso
from convertly.platform.clock import now as clock_now
from convertly.platform.concurrency import in_parallel
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # the queue's maxReceiveCount (tests/unit keeps them equal)
BACKOFF_SECONDS = (60, 300, 1800, 7200, 28800)  # after the 1st, 2nd ... 5th attempt
LEASE_SECONDS = 90  # longer than an attempt (10 s), shorter than the queue's visibility (360 s)
BUSY_RETRY_SECONDS = 30  # another sender holds the lease: look again then
TIMEOUT_SECONDS = 10
EXCERPT_CHARS = 500
EARLY_SECONDS = 5  # a message back this close to its attempt's time goes ahead


def backoff_seconds(attempt: int) -> int:
    """How long after the `attempt`-th failed attempt the next one is made."""
    return BACKOFF_SECONDS[min(max(attempt, 1), len(BACKOFF_SECONDS)) - 1]


@dataclass(frozen=True)
class Answer:
    """What came of one POST: the status and the start of the answer, or why there was none."""

    status: int | None
    excerpt: str | None = None
    error: str | None = None
    duration_ms: int = 0


class Transport(ABC):
    @abstractmethod
    def post(self, url: str, address: str, headers: dict[str, str], body: bytes) -> Answer:
        """POST `body` to `url`, connecting to `address` (the one checked) and naming the URL's
        host in the Host header and TLS (SNI and the certificate's name)."""


class Urllib3Transport(Transport):
    """A new connection per attempt to the checked address; no redirects, no retries in place, 10 s in all."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS) -> None:
        self._timeout = timeout

    def post(self, url: str, address: str, headers: dict[str, str], body: bytes) -> Answer:
        parts = urlsplit(url)
        host = str(parts.hostname)
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        target = f"[{address}]" if ":" in address else address
        timeout = urllib3.Timeout(total=self._timeout)
        pool: urllib3.HTTPConnectionPool
        if https:
            pool = urllib3.HTTPSConnectionPool(
                target,
                port,
                server_hostname=host,
                assert_hostname=host,
                timeout=timeout,
                retries=False,
                maxsize=1,
            )
        else:
            pool = urllib3.HTTPConnectionPool(target, port, timeout=timeout, retries=False, maxsize=1)
        default_port = port == (443 if https else 80)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        started = time.monotonic()
        try:
            response = pool.urlopen(
                "POST",
                path,
                body=body,
                headers={"Host": host if default_port else f"{host}:{port}", **headers},
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
            try:
                raw = response.read(EXCERPT_CHARS * 4)
            except urllib3.exceptions.HTTPError:
                raw = b""
            response.release_conn()
            excerpt = raw.decode("utf-8", "replace")[:EXCERPT_CHARS] or None
            return Answer(response.status, excerpt, None, _since(started))
        except urllib3.exceptions.TimeoutError:
            return Answer(None, None, f"No answer within {self._timeout:g} s", _since(started))
        except urllib3.exceptions.SSLError as error:
            return Answer(None, None, f"TLS failed: {_reason(error)}", _since(started))
        except urllib3.exceptions.HTTPError as error:
            return Answer(None, None, f"Could not connect: {_reason(error)}", _since(started))
        finally:
            pool.close()


def _since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason)[:200]


@dataclass(frozen=True)
class Message:
    message_id: str
    receives: int
    tenant_id: str
    delivery_id: str
    round: int


@dataclass(frozen=True)
class Result:
    """What to do with a message: done (`retry_in` None) or back in `retry_in` seconds.
    `dead`: the last attempt failed; the message goes back as it is, to reach the DLQ."""

    retry_in: int | None = None
    dead: bool = False


DONE = Result()


@dataclass(frozen=True)
class _Outcome:
    kind: str  # delivered | retrying | failed
    error: str | None


def classify(answer: Answer) -> _Outcome:
    """2xx delivered; 408, 429, 5xx and no answer retried; everything else failed for good."""
    status = answer.status
    if status is None:
        return _Outcome("retrying", answer.error)
    if 200 <= status < 300:
        return _Outcome("delivered", None)
    if status in (408, 429) or status >= 500:
        return _Outcome("retrying", f"The receiver answered {status}")
    if status == 410:
        return _Outcome("failed", "The receiver answered 410: the endpoint is gone")
    if 300 <= status < 400:
        return _Outcome(
            "failed", f"The receiver answered {status}: redirects are not followed, use the final URL"
        )
    return _Outcome("failed", f"The receiver answered {status}, which is not retried")


class WebhookSender:
    """Sends the deliveries of a batch of messages, each at most once at a time."""

    def __init__(
        self,
        transport: Transport | None = None,
        opener: SecretOpener | None = None,
        policy: UrlPolicy | None = None,
        resolver: Resolver = resolve_host,
        clock: Callable[[], datetime] = clock_now,
    ) -> None:
        self.transport = transport or Urllib3Transport()
        self.opener = opener or SecretOpener()
        self._policy = policy
        self.resolver = resolver
        self.clock = clock

    @property
    def policy(self) -> UrlPolicy:
        return self._policy or UrlPolicy.from_settings()

    def send(self, messages: list[Message]) -> dict[str, Result]:
        """Each message's result, by message id (its deliveries are sent in parallel)."""
        results = in_parallel([partial(self._guarded, m) for m in messages])
        return {m.message_id: r for m, r in zip(messages, results, strict=True)}

    def _guarded(self, message: Message) -> Result:
        try:
            return self.deliver(message)
        except Exception:
            log.exception("webhook delivery %s could not be attempted", message.delivery_id)
            return Result(retry_in=LEASE_SECONDS)

    def deliver(self, message: Message) -> Result:
        item = get_delivery_item(message.tenant_id, message.delivery_id)
        if item is None or message.round < int(item.round or 0) or item.status != "pending":
            return DONE  # gone, replaced by a replay, or settled: never posted again
        now = self.clock()
        if item.next_attempt_at:
            wait = (parse_iso(str(item.next_attempt_at)) - now).total_seconds()
            if wait > EARLY_SECONDS:
                return Result(retry_in=int(wait) + 1)  # a copy of the message, ahead of its backoff
        lease = secrets.token_hex(8)
        if not _acquire(item, message.round, lease, now):
            return Result(retry_in=BUSY_RETRY_SECONDS)
        attempt = int(item.attempts or 0) + 1
        answer, address_problem = self._post(item, now)
        outcome = _Outcome("failed", address_problem) if address_problem else classify(answer)
        last = outcome.kind == "retrying" and message.receives >= MAX_ATTEMPTS
        if last:
            outcome = _Outcome("failed", f"Gave up after {MAX_ATTEMPTS} attempts: {outcome.error}")
        retry_in = backoff_seconds(message.receives) if outcome.kind == "retrying" else None
        _record(item, message.round, lease, attempt, answer, outcome, self.clock(), retry_in)
        if last:
            return Result(dead=True)
        return Result(retry_in=retry_in) if retry_in is not None else DONE

    def _post(self, item: WebhookDeliveryItem, now: datetime) -> tuple[Answer, str | None]:
        """The attempt's answer, or why no request was made (the address is refused)."""
        url, policy = str(item.url), self.policy
        problem = url_problem(url, policy=policy)
        address = None
        if problem is None:
            address, problem = self._address(url, policy)
        if problem is not None or address is None:
            return Answer(None, None, problem), problem
        tenant_id = str(item.tenant_id)
        ring = self.opener.ring(tenant_secret_item(tenant_id, self.opener), tenant_id)
        body = str(item.body).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Convertly-Delivery": str(item.delivery_id),
            "Convertly-Event": str(item.event or EVENT),
            "Convertly-Signature": signature_header(ring.in_use(now), int(now.timestamp()), body),
        }
        return self.transport.post(url, address, headers, body), None

    def _address(self, url: str, policy: UrlPolicy) -> tuple[str | None, str | None]:
        """The address to connect to: the host's first, when none of them is private."""
        parts = urlsplit(url)
        host = str(parts.hostname)
        try:
            addresses = self.resolver(host, parts.port or (443 if parts.scheme == "https" else 80))
        except OSError:
            return None, f"The host name {host} does not resolve"
        if not addresses:
            return None, f"The host name {host} does not resolve"
        if not policy.allow_private and any(private_address(a) for a in addresses):
            return None, f"{host} resolves to a private address, which webhooks may not reach"
        return addresses[0], None


def _acquire(item: WebhookDeliveryItem, round_: int, lease: str, now: datetime) -> bool:
    """Take the delivery's lease for this round while it is pending and no one else holds one."""
    epoch = int(now.timestamp())
    free = WebhookDeliveryItem.lease_until.does_not_exist() | (WebhookDeliveryItem.lease_until < epoch)
    condition = (WebhookDeliveryItem.status == "pending") & (WebhookDeliveryItem.round == round_) & free
    try:
        item.update(
            actions=[
                WebhookDeliveryItem.lease_id.set(lease),
                WebhookDeliveryItem.lease_until.set(epoch + LEASE_SECONDS),
            ],
            condition=condition,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _record(
    item: WebhookDeliveryItem,
    round_: int,
    lease: str,
    number: int,
    answer: Answer,
    outcome: _Outcome,
    at: datetime,
    retry_in: int | None,
) -> None:
    """The attempt's item and the delivery's new state, in one transaction held by the lease."""
    when = iso(at)
    record = WebhookAttemptItem(
        item.PK,
        keys.attempt_sk(number),
        delivery_id=item.delivery_id,
        number=number,
        round=round_,
        at=when,
        outcome=outcome.kind,
        status_code=answer.status,
        duration_ms=answer.duration_ms,
        response_excerpt=answer.excerpt,
        error=outcome.error,
    )
    actions: list[Any] = [
        WebhookDeliveryItem.attempts.set(number),
        WebhookDeliveryItem.last_attempt_at.set(when),
        WebhookDeliveryItem.updated_at.set(when),
        WebhookDeliveryItem.status.set("pending" if outcome.kind == "retrying" else outcome.kind),
        WebhookDeliveryItem.lease_id.remove(),
        WebhookDeliveryItem.lease_until.remove(),
    ]
    actions.append(
        WebhookDeliveryItem.last_status_code.set(answer.status)
        if answer.status is not None
        else WebhookDeliveryItem.last_status_code.remove()
    )
    actions.append(
        WebhookDeliveryItem.last_error.set(outcome.error[:500])
        if outcome.error
        else WebhookDeliveryItem.last_error.remove()
    )
    if retry_in is not None:
        actions.append(WebhookDeliveryItem.next_attempt_at.set(iso(at + timedelta(seconds=retry_in))))
    else:
        actions.append(WebhookDeliveryItem.next_attempt_at.remove())
    if outcome.kind == "delivered":
        actions.append(WebhookDeliveryItem.delivered_at.set(when))
    tx = Transaction()
    tx.put("attempt", record, condition=WebhookAttemptItem.PK.does_not_exist())
    tx.update(
        "delivery",
        item,
        actions,
        condition=(WebhookDeliveryItem.lease_id == lease) & (WebhookDeliveryItem.round == round_),
    )
    try:
        tx.commit()
    except TransactionCancelledError:
        # The lease ran out and another sender took the delivery over: it records its own attempt.
        log.warning(
            "webhook delivery %s: lease lost before attempt %s was recorded", item.delivery_id, number
        )
