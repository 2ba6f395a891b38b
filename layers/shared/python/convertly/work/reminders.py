"""The reminder run: every minute, what fell due or overdue since the last run gets its in-app
notification and email (per each user's preferences), exactly once per item, kind and due time.

How a run works:
1. Lease. A conditional put of the platform lease item; a run that finds it held by a live run
   stops at once. The lease only saves work: correctness never depends on it (step 3).
2. Discover. For each hour from the checkpoint (the last hour every earlier run read and let
   settle) to now, one Query per shard of the due index (GSI6), its key range ending at now,
   returns exactly the items owing a reminder or an email; an item leaves the index once it owes
   nothing, so reads grow with what is due, not with what is scheduled.
3. Remind. Per item, one transaction: the item's move to its next reminder (conditional on still
   owing this one), a reminder record `REMINDER#<item>#<kind>#<due time>` put only if absent, the
   in-app notification with the unread count, and the email as a mail outbox item. Overlapping or
   repeated runs: the second transaction of the same reminder fails its conditions and writes
   nothing. A crash: whatever did not commit is still owed, and is found again.
4. Mail. Each email is claimed, sent and marked (services.mail_outbox).
5. Checkpoint. Moved to the last hour that ended at least SETTLE ago, so a write still settling
   into the index near now is read by the next run; reminded items have left the hours read again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError, PutError

from convertly.accounts import service as accounts
from convertly.leads.service import Lead, batch_get_leads
from convertly.notifications import service as notifications
from convertly.platform.clock import iso, new_id
from convertly.platform.clock import now as clock_now
from convertly.platform.config import get_settings
from convertly.platform.errors import ConflictError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.localtime import format_local, recipient_zone, zone_or_none
from convertly.platform.store import due
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.work import keys
from convertly.work import store as work_repo
from convertly.work.common import lead_name, next_reminder
from convertly.work.items import (
    FollowUpItem,
    ReminderCheckpointItem,
    ReminderItem,
    ReminderLeaseItem,
    TaskItem,
)

log = logging.getLogger(__name__)

SETTLE = timedelta(minutes=2)  # how long a write may take to reach the index
FIRST_LOOKBACK = timedelta(hours=1)  # where the very first run starts
MAX_HOURS_PER_RUN = 48  # after a long outage, catch up two days per run
LEASE = timedelta(minutes=3)  # longer than the function's timeout
REMINDER_RETENTION = timedelta(days=90)
_TYPE_VERB = {"call": "Call", "email": "Email", "sms": "Text", "meeting": "Meet"}


@dataclass
class RunReport:
    """What one run did; the handler logs it and returns it."""

    run_id: str
    lease: str = "held"  # held | busy
    hours_read: int = 0
    queries: int = 0
    found: int = 0
    reminded: int = 0
    notifications: int = 0
    mails_queued: int = 0
    already_reminded: int = 0
    changed_meanwhile: int = 0
    mails: dict[str, int] = field(default_factory=dict)
    checkpoint: str | None = None

    def count_mail(self, outcome: str) -> None:
        self.mails[outcome] = self.mails.get(outcome, 0) + 1


@dataclass(frozen=True)
class _Context:
    """What the run read once for all the due items: their assignees, preferences and leads, and the
    time zones of the tenants whose assignees have none of their own."""

    users: dict[tuple[str, str], accounts.User]
    channels: dict[tuple[str, str], dict[str, str]]
    leads: dict[tuple[str, str], Lead]
    tenant_zones: dict[str, str]


def _hour(moment: datetime) -> str:
    return due.hour_of(iso(moment))


class ReminderRun:
    """One run over a clock the caller gives (`now`): lease, discover, remind, mail, checkpoint."""

    def __init__(
        self,
        now: datetime | None = None,
        *,
        senders: notifications.Senders | None = None,
        run_id: str | None = None,
        out_of_time: Callable[[], bool] = lambda: False,
    ) -> None:
        self.now = now or clock_now()
        self.senders = senders or notifications.Senders()
        self.report = RunReport(run_id=run_id or new_id())
        self._out_of_time = out_of_time
        self._last_hour: str | None = None

    # 1. the lease
    def acquire_lease(self) -> bool:
        lease = ReminderLeaseItem(
            keys.REMINDERS_PLATFORM,
            keys.REMINDER_LEASE_SK,
            holder=self.report.run_id,
            held_until=iso(self.now + LEASE),
        )
        try:
            lease.save(
                condition=ReminderLeaseItem.PK.does_not_exist()
                | (ReminderLeaseItem.held_until < iso(self.now))
            )
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
            self.report.lease = "busy"
            return False
        return True

    def release_lease(self) -> None:
        lease = ReminderLeaseItem(keys.REMINDERS_PLATFORM, keys.REMINDER_LEASE_SK)
        try:
            lease.delete(condition=ReminderLeaseItem.holder == self.report.run_id)
        except DeleteError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise

    # 2. discovery
    def _checkpoint(self) -> str | None:
        try:
            item = ReminderCheckpointItem.get(
                keys.REMINDERS_PLATFORM, keys.REMINDER_CHECKPOINT_SK, consistent_read=True
            )
        except ReminderCheckpointItem.DoesNotExist:
            return None
        return item.through

    def hours_to_read(self) -> list[str]:
        """From the hour after the checkpoint (the last hour on a first run) to now's, at most
        MAX_HOURS_PER_RUN of them; now's hour at least."""
        through = self._checkpoint()
        start = due.start_of(through) + timedelta(hours=1) if through else self.now - FIRST_LOOKBACK
        last = _hour(self.now)
        first = min(_hour(start), last)
        return due.hours(first, min(last, _hour(start + timedelta(hours=MAX_HOURS_PER_RUN - 1))))

    def discover(self) -> list[Item]:
        """Every item owing a reminder or an email by now, from the checkpoint on."""
        found: list[Item] = []
        for hour in self.hours_to_read():
            if self._out_of_time():
                break
            for shard in range(platform_keys.DUE_SHARDS):
                found += due.owed(hour, shard, self.now)
                self.report.queries += 1
            self._last_hour = hour
            self.report.hours_read += 1
        self.report.found = len(found)
        return found

    # 3. reminders, 4. mail
    def process(self, found: Iterable[Item]) -> None:
        items = list(found)
        work = [item for item in items if isinstance(item, FollowUpItem | TaskItem)]
        mails = [item for item in items if notifications.is_queued_mail(item)]
        context = _load_context(work)
        for item in work:
            if self._out_of_time():
                break
            mails += self._remind(item, context)
        for mail in mails:
            if self._out_of_time():
                break
            self._send(mail)

    def _send(self, mail: notifications.QueuedMail) -> None:
        try:
            self.report.count_mail(notifications.deliver(mail, self.senders, self.report.run_id, self.now))
        except Exception:
            # Its claim expires and a later run tries again; the others go on.
            log.exception("mail %s could not be handled", mail.mail_id)
            self.report.count_mail("error")

    def _remind(self, item: FollowUpItem | TaskItem, context: _Context) -> list[notifications.QueuedMail]:
        reminder = _Reminder(item, self.now, context)
        tx = Transaction()
        reminder.transition(tx)
        tx.put("reminder", reminder.record(), condition=ReminderItem.PK.does_not_exist())
        if reminder.kind_seen == "overdue":
            # Once per item and due time, with the reminder record's condition: what workflows start on.
            tx.put("overdue", outbox_item(reminder.overdue_event()))
        mails = reminder.deliveries(tx)
        try:
            tx.commit()
        except TransactionCancelledError as error:
            return self._not_reminded(reminder, error.failed)
        except ConflictError:
            self.report.changed_meanwhile += 1  # another run is on it right now
            return []
        self.report.reminded += 1
        self.report.notifications += reminder.notified
        self.report.mails_queued += len(mails)
        return mails

    def _not_reminded(self, reminder: _Reminder, failed: list[str]) -> list[notifications.QueuedMail]:
        if "item" in failed:
            self.report.changed_meanwhile += 1  # completed, rescheduled or reminded by another run
            return []
        # Sent before for this due time (the item was moved back to it): just move it on.
        self.report.already_reminded += 1
        tx = Transaction()
        reminder.transition(tx)
        try:
            tx.commit()
        except (TransactionCancelledError, ConflictError):
            self.report.changed_meanwhile += 1
        return []

    # 5. the checkpoint
    def advance_checkpoint(self) -> None:
        if self._last_hour is None:
            return
        through = min(self._last_hour, _hour(self.now - SETTLE - timedelta(hours=1)))
        checkpoint = ReminderCheckpointItem(
            keys.REMINDERS_PLATFORM, keys.REMINDER_CHECKPOINT_SK, through=through, updated_at=iso(self.now)
        )
        try:
            checkpoint.save(
                condition=ReminderCheckpointItem.PK.does_not_exist()
                | (ReminderCheckpointItem.through < through)
            )
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
        self.report.checkpoint = through


class _Reminder:
    """One reminder owed by one item: the notification and email it makes, and the item's next step."""

    def __init__(self, item: FollowUpItem | TaskItem, now: datetime, context: _Context) -> None:
        self.item, self.now, self.context = item, now, context
        self.is_followup = isinstance(item, FollowUpItem)
        self.item_id = item.followup_id if isinstance(item, FollowUpItem) else item.task_id
        self.kind_seen, self.remind_at_seen = str(item.remind_kind), str(item.remind_at)
        self.attention_at = work_repo.attention_at(item) if isinstance(item, FollowUpItem) else item.due_at
        self.kind = f"{'followup' if self.is_followup else 'task'}_{self.kind_seen}"
        self.notified = 0

    def transition(self, tx: Transaction) -> None:
        """Move the item to its next reminder, if it still owes this one."""
        model: Any = FollowUpItem if self.is_followup else TaskItem
        step = next_reminder(self.attention_at, self.kind_seen, self.now)
        actions = due.move_actions(model, self.item_id, *(step or (None, None)))
        owes = (
            (model.remind_at == self.remind_at_seen)
            & (model.remind_kind == self.kind_seen)
            & (model.status != "done")
        )
        tx.update("item", self.item, actions, condition=owes)

    def record(self) -> ReminderItem:
        return ReminderItem(
            keys.reminders(self.item.tenant_id),
            keys.reminder_sk(self.item_id, self.kind_seen, self.attention_at),
            item_id=self.item_id,
            item_type="followup" if self.is_followup else "task",
            kind=self.kind_seen,
            remind_at=self.remind_at_seen,
            sent_at=iso(self.now),
            recipients=[self.item.assignee_id],
            expires_at=self.now + REMINDER_RETENTION,
        )

    def overdue_event(self) -> DomainEvent:
        """`FollowUpOverdue` or `TaskOverdue`: the item, its lead (if any) and assignee, when it was due."""
        name = "FollowUp" if self.is_followup else "Task"
        return DomainEvent(
            detail_type=f"{name}Overdue",
            tenant_id=str(self.item.tenant_id),
            actor_id="system",
            subject_id=str(self.item_id),
            data={
                f"{'followup' if self.is_followup else 'task'}_id": str(self.item_id),
                "lead_id": self.item.lead_id,
                "assignee_id": self.item.assignee_id,
                "due_at": self.attention_at,
            },
        )

    def _lead(self) -> Lead | None:
        lead_id = self.item.lead_id
        return self.context.leads.get((self.item.tenant_id, lead_id)) if lead_id else None

    def deliveries(self, tx: Transaction) -> list[notifications.QueuedMail]:
        """The assignee's notification and email, as their preferences say; none for a follow-up
        whose lead was deleted, or an assignee who left."""
        tenant_id, user_id = self.item.tenant_id, self.item.assignee_id
        user = self.context.users.get((tenant_id, user_id))
        lead = self._lead()
        if (
            user is None
            or user.status != "active"
            or (self.is_followup and (lead is None or lead.deleted_at))
        ):
            return []
        channel = self.context.channels[(tenant_id, user_id)][self.kind]
        title, body, subject, text = self._texts(user, lead)
        if notifications.in_app(channel):
            notifications.add_notification(
                tx,
                tenant_id,
                notifications.Recipient(user_id, self.kind, title, body, lead_name(lead) if lead else None),
                created_at=iso(self.now),
                lead_id=self.item.lead_id,
                followup_id=self.item_id if self.is_followup else None,
                task_id=None if self.is_followup else self.item_id,
            )
            self.notified += 1
        if not notifications.by_email(channel):
            return []
        mail = notifications.mail_item(
            tenant_id,
            new_id(),
            notifications.OutgoingMail(user.email, subject, text, self.kind, user_id),
            self.now,
        )
        tx.put("mail", mail)
        return [mail]

    def _texts(self, user: accounts.User, lead: Lead | None) -> tuple[str, str, str, str]:
        """The notification's title and body, the email's subject and text."""
        late = self.kind_seen == "overdue"
        zone = recipient_zone(user.timezone, self.context.tenant_zones.get(self.item.tenant_id))
        when = f"{'was due' if late else 'due'} {format_local(self.attention_at, zone)}"
        web = get_settings().web_app_url.rstrip("/")
        if isinstance(self.item, FollowUpItem):
            verb = _TYPE_VERB.get(self.item.followup_type, "Follow up with")
            what = f"{verb} {lead_name(lead) if lead else 'a lead'}"
            title = "Follow-up overdue" if late else "Follow-up due"
            link = f"{web}/leads/{self.item.lead_id}"
            detail = self.item.note
        else:
            what = self.item.title
            title = "Task overdue" if late else "Task due"
            link = f"{web}/tasks/{self.item.task_id}"
            detail = self.item.description
        body = f"{what} · {when}"
        lines = [f"Hello {user.name},", "", f"{title}: {what}", f"{when[0].upper()}{when[1:]}"]
        lines += [f"Note: {detail}"] if detail else []
        lines += ["", f"Open it: {link}", "", "Your notification preferences send these reminders by email."]
        return title, body, f"{title}: {what}", "\n".join(lines) + "\n"


def _load_context(items: list[FollowUpItem | TaskItem]) -> _Context:
    """The assignees, their preferences, the follow-ups' leads and the tenants of assignees without a
    time zone of their own: one batch read each, in proportion to the due items."""
    assignees = list(dict.fromkeys((item.tenant_id, item.assignee_id) for item in items))
    users = {(user.PK.removeprefix("T#"), user.user_id): user for user in accounts.users_of(assignees)}
    channels = notifications.load_many(assignees)
    leads: dict[tuple[str, str], Lead] = {}
    by_tenant: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, FollowUpItem):
            by_tenant.setdefault(item.tenant_id, []).append(item.lead_id)
    for tenant_id, lead_ids in by_tenant.items():
        leads.update({(tenant_id, k): v for k, v in batch_get_leads(tenant_id, lead_ids).items()})
    return _Context(users, channels, leads, _tenant_zones(users.values()))


def _tenant_zones(users: Iterable[accounts.User]) -> dict[str, str]:
    """The time zone of each tenant with a user who has none (or one that is not a zone) on their
    profile: one BatchGetItem per 100 tenants, none when every user has their own."""
    wanted = {str(user.PK).removeprefix("T#") for user in users if zone_or_none(user.timezone) is None}
    if not wanted:
        return {}
    tenants = accounts.Tenant.batch_get([accounts.tenant_key(tenant_id) for tenant_id in sorted(wanted)])
    return {str(tenant.PK).removeprefix("T#"): str(tenant.timezone or "") for tenant in tenants}


def run_reminders(
    now: datetime | None = None,
    *,
    senders: notifications.Senders | None = None,
    out_of_time: Callable[[], bool] = lambda: False,
) -> RunReport:
    """One scheduled run (see the module docstring)."""
    run = ReminderRun(now, senders=senders, out_of_time=out_of_time)
    if not run.acquire_lease():
        return run.report
    try:
        run.process(run.discover())
        run.advance_checkpoint()
    finally:
        run.release_lease()
    return run.report
