"""The SMS sender: what the `sms_sender` consumer does with each SmsQueued event, once.

For the event's text it:
1. reads the SMS item; one already sent, failed or not sent is left alone (a redelivery);
2. takes a lease on it (a conditional update: queued or retrying, or sending under an expired lease),
   so two deliveries never call Twilio for it at once; a text leased by another delivery comes back
   when that lease ends;
3. reads the contact again: one who unsubscribed from SMS (or was deleted) since is recorded as not
   sent; a tenant that disconnected Twilio records the text as failed;
4. opens the tenant's Auth Token (KMS, kept for the warm container) and asks Twilio to send it;
5. records the outcome on the item and on the contact's timeline entry, in one transaction on the
   condition that the lease is still this delivery's: sent (Twilio's sid and parts), failed (Twilio's
   code and the reason in words), or, for a transient failure (429, 5xx, a timeout), retrying: the
   lease is given back and the message comes back after a backoff, until its last receive records it
   as failed.

Exactly once, as near as Twilio allows: Twilio has no idempotency key for messages, so after a try
whose answer was lost (a timeout or a 5xx: Twilio may have taken it) the next try first looks for the
message among the account's messages to the number (same body, created since that try) and records it
as sent when found, instead of texting the person again.
"""

from __future__ import annotations

import json
import secrets
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import UpdateError

from convertly.contacts import service as contacts
from convertly.messaging.items import SmsItem
from convertly.messaging.sms import SETTLED, SMS_QUEUED, TOKEN_PURPOSE, UNSUBSCRIBED, get_sms, stored_settings
from convertly.messaging.twilio import SmsOutcome, TwilioAccount, TwilioClient
from convertly.platform.changelog import ChangeLogItem
from convertly.platform.clock import iso, now, parse_iso
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.hold import held
from convertly.platform.observability import logger
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_RECEIVES = 5  # the queue's maxReceiveCount (tests/unit keeps them equal)
LEASE = timedelta(seconds=90)  # longer than a Twilio call, shorter than the queue's visibility timeout
BACKOFF_SECONDS, BACKOFF_MAX_SECONDS = 30, 900
KEEP = timedelta(days=30)  # a settled text's item; its timeline entry stays
NOT_CONNECTED = "Not sent: SMS is not connected (an Admin connects Twilio in Settings > SMS)"
_CACHE_SIZE = 256


@dataclass(frozen=True)
class Result:
    """What became of one delivery: sent, failed, not_sent, done (nothing to do) or retry."""

    outcome: str
    retry_in: int | None = None


@dataclass
class BatchResult:
    retries: dict[str, int] = field(default_factory=dict)  # message id -> seconds until it comes back
    unreadable: set[str] = field(default_factory=set)
    outcomes: list[str] = field(default_factory=list)


def backoff(receive_count: int, asked: int | None = None) -> int:
    """Seconds until the next try: 30 s doubling each receive up to 15 minutes, or what Twilio asked."""
    delay = min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2 ** max(0, receive_count - 1))
    return max(delay, min(asked or 0, BACKOFF_MAX_SECONDS))


class SmsSender:
    """Sends queued texts; one per warm container (it keeps opened Auth Tokens)."""

    def __init__(
        self,
        client: TwilioClient | None = None,
        secrets_box: SecretBox | None = None,
        clock: Callable[[], datetime] = now,
    ) -> None:
        self._client = client
        self._box = secrets_box
        self._clock = clock
        self._tokens: OrderedDict[tuple[str, str], str] = OrderedDict()

    # The batch -----------------------------------------------------------------------------------

    def send_batch(self, records: Sequence[Mapping[str, Any]]) -> BatchResult:
        """Each SQS record's text, in turn; which messages must come back, and when."""
        result = BatchResult()
        for record in records:
            message_id = str(record.get("messageId"))
            event = _event(record)
            if event is None or event.detail_type != SMS_QUEUED or not event.data.get("sms_id"):
                result.unreadable.add(message_id)  # fails, and after its receives reaches the DLQ
                continue
            if held(event):  # a suspended tenant's text waits for its reactivation
                continue
            receives = int((record.get("attributes") or {}).get("ApproximateReceiveCount") or 1)
            try:
                done = self.deliver(event.tenant_id, str(event.data["sms_id"]), receives)
            except Exception:
                logger.exception(
                    "SMS delivery failed; it is tried again", extra={"sms_id": event.data["sms_id"]}
                )
                done = Result("retry", backoff(receives))
            result.outcomes.append(done.outcome)
            if done.outcome == "retry":
                result.retries[message_id] = int(done.retry_in or BACKOFF_SECONDS)
        return result

    # One text ------------------------------------------------------------------------------------

    def deliver(self, tenant_id: str, sms_id: str, receive_count: int = 1) -> Result:
        """Send the text once, whatever the deliveries; never raises for Twilio's answer."""
        item = get_sms(tenant_id, sms_id)
        if item is None:
            logger.warning("SMS to send not found", extra={"sms_id": sms_id})
            return Result("done")
        if item.status in SETTLED:
            return Result("done")
        at = self._clock()
        lease = secrets.token_hex(8)
        if not _claim(item, lease, at):
            return self._leased_elsewhere(tenant_id, sms_id, at)
        contact = contacts.get_contact(tenant_id, item.contact_id)
        if contact is None or contact.deleted_at:
            return _finish(item, lease, at, "not_sent", error="Not sent: the contact was deleted")
        if plain(contact.consent).get("sms_marketing") == "denied":
            return _finish(item, lease, at, "not_sent", error=UNSUBSCRIBED, code="unsubscribed")
        settings = stored_settings(tenant_id)
        if settings is None:
            return _finish(item, lease, at, "failed", error=NOT_CONNECTED, code="sms_not_configured")
        account = TwilioAccount(
            settings.account_sid,
            self._token(tenant_id, settings.auth_token_sealed),
            settings.from_number,
            settings.messaging_service_sid,
        )
        outcome = self._send(item, account)
        if outcome.kind == "sent":
            return _finish(item, lease, at, "sent", sid=outcome.sid, segments=outcome.segments)
        if outcome.kind == "refused":
            return _finish(item, lease, at, "failed", error=outcome.reason, code=str(outcome.code or ""))
        if receive_count >= MAX_RECEIVES:
            error = f"Not sent after {receive_count} tries: {outcome.message}"
            return _finish(item, lease, at, "failed", error=error, code="gave_up")
        return _retry(item, lease, at, outcome, receive_count)

    def _send(self, item: SmsItem, account: TwilioAccount) -> SmsOutcome:
        client = self._client or TwilioClient()
        if item.uncertain_since:
            found = client.find_sent(account, item.to_number, item.body, parse_iso(item.uncertain_since))
            if found is not None:
                return found  # sent by the try whose answer was lost, or Twilio cannot be asked now
        return client.send(account, item.to_number, item.body)

    def _leased_elsewhere(self, tenant_id: str, sms_id: str, at: datetime) -> Result:
        """Another delivery holds the text: done if it settled, else back once its lease ends."""
        item = get_sms(tenant_id, sms_id)
        if item is None or item.status in SETTLED:
            return Result("done")
        ends = parse_iso(item.lease_until) if item.lease_until else at
        return Result("retry", max(1, int((ends - at).total_seconds()) + 1))

    def _token(self, tenant_id: str, sealed: str) -> str:
        key = (tenant_id, sealed)
        if key not in self._tokens:
            self._box = self._box or KmsSecretBox()
            self._tokens[key] = self._box.open(sealed, tenant_id, TOKEN_PURPOSE)
            if len(self._tokens) > _CACHE_SIZE:
                self._tokens.popitem(last=False)
        self._tokens.move_to_end(key)
        return self._tokens[key]


def _event(record: Mapping[str, Any]) -> DomainEvent | None:
    try:
        return DomainEvent.from_eventbridge(json.loads(str(record["body"])))
    except (ValueError, KeyError, TypeError):
        return None


def _claim(item: SmsItem, lease: str, at: datetime) -> bool:
    """Take the text for this delivery, or False if another holds it or it is settled."""
    waiting = SmsItem.status.is_in("queued", "retrying")
    abandoned = (SmsItem.status == "sending") & (SmsItem.lease_until < iso(at))
    try:
        item.update(
            [
                SmsItem.status.set("sending"),
                SmsItem.lease_id.set(lease),
                SmsItem.lease_until.set(iso(at + LEASE)),
                SmsItem.attempts.add(1),
            ],
            condition=waiting | abandoned,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _cause(item: SmsItem, status: str, **shown: Any) -> str:
    cause = {**json.loads(item.cause or "{}"), "status": status}
    cause.update({k: v for k, v in shown.items() if v is not None})
    return json.dumps(cause, default=str)


def _record(item: SmsItem, lease: str, actions: list[Any], cause: str) -> bool:
    """The item's new state and its timeline entry's, if the lease is still this delivery's."""
    tx = Transaction()
    tx.update("sms", item, actions, condition=SmsItem.lease_id == lease)
    entries = [ChangeLogItem(item.log_pk, item.log_sk)]
    if item.lead_log_pk and item.lead_log_sk:
        entries.append(ChangeLogItem(item.lead_log_pk, item.lead_log_sk))
    for number, entry in enumerate(entries):
        tx.update(
            f"log:{number}", entry, [ChangeLogItem.cause.set(cause)], condition=ChangeLogItem.PK.exists()
        )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "sms" in error.failed:
            logger.warning("SMS lease lost before its outcome was recorded", extra={"sms_id": item.sms_id})
            return False
        # A timeline entry is gone (the contact merged away, the lead deleted for good): the text's own
        # record and the entries still there count.
        item.update(actions, condition=SmsItem.lease_id == lease)
        for entry in entries:
            try:
                entry.update([ChangeLogItem.cause.set(cause)], condition=ChangeLogItem.PK.exists())
            except UpdateError as missing:
                if missing.cause_response_code != "ConditionalCheckFailedException":
                    raise
    return True


def _finish(
    item: SmsItem,
    lease: str,
    at: datetime,
    status: str,
    *,
    sid: str | None = None,
    segments: int | None = None,
    error: str | None = None,
    code: str | None = None,
) -> Result:
    actions = [
        SmsItem.status.set(status),
        SmsItem.lease_id.remove(),
        SmsItem.lease_until.remove(),
        SmsItem.expires_at.set(at + KEEP),
    ]
    if status == "sent":
        actions += [SmsItem.sent_at.set(iso(at)), SmsItem.error.remove(), SmsItem.error_code.remove()]
        if sid:
            actions.append(SmsItem.twilio_sid.set(sid))
        if segments:
            actions.append(SmsItem.segments.set(segments))
    else:
        actions += [SmsItem.error.set(error or status), SmsItem.error_code.set(code or status)]
    cause = _cause(
        item,
        status,
        sid=sid,
        segments=segments,
        sent_at=iso(at) if status == "sent" else None,
        error=error,
        error_code=code or None,
    )
    _record(item, lease, actions, cause)
    return Result(status)


def _retry(item: SmsItem, lease: str, at: datetime, outcome: SmsOutcome, receive_count: int) -> Result:
    """Give the lease back: the text waits for the message to come back after its backoff."""
    actions = [
        SmsItem.status.set("retrying"),
        SmsItem.lease_id.remove(),
        SmsItem.lease_until.remove(),
        SmsItem.error.set(outcome.message),
    ]
    if outcome.uncertain and not item.uncertain_since:
        actions.append(SmsItem.uncertain_since.set(iso(at)))
    _record(item, lease, actions, _cause(item, "retrying", error=outcome.message))
    return Result("retry", backoff(receive_count, outcome.retry_after))
