"""The reminder run over a clock the test controls, against moto: due, overdue, snoozed, completed,
repeated runs, overlapping runs, crashes between the steps, preferences, and what it reads.

Follow-ups and tasks are created through the API (real time); the run is called with `now` set
where each test needs it. Mail goes to a recording transport (the SMTP path to a real sink is
tested in test_email_settings.py and at the end here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from botocore.client import BaseClient

from convertly.leads import keys as leads_keys
from convertly.notifications.senders import Senders
from convertly.platform.clock import iso
from convertly.platform.config import get_settings
from convertly.platform.errors import MailDeliveryError
from convertly.platform.mail.message import MailMessage
from convertly.platform.mail.transport import MailTransport, SmtpTransport
from convertly.platform.store import due
from convertly.platform.store import keys as platform_keys
from convertly.work import keys as work_keys
from convertly.work.items import FollowUpItem, ReminderCheckpointItem, ReminderLeaseItem
from convertly.work.reminders import LEASE, ReminderRun, RunReport, run_reminders
from tests.functional.automation.support import mails
from tests.functional.conftest import Account, Api, LocalAws, invite
from tests.functional.work.work_support import at, followup, lead, mail_sink, task


class RecordingTransport(MailTransport):
    """Takes every message, or refuses them while `refuse` is set."""

    name = "platform_smtp"

    def __init__(self) -> None:
        self.sent: list[MailMessage] = []
        self.refuse: MailDeliveryError | None = None

    def send(self, message: MailMessage) -> None:
        if self.refuse is not None:
            raise self.refuse
        self.sent.append(message)

    def to(self, address: str) -> list[MailMessage]:
        return [m for m in self.sent if m.to == address]


class Crash(BaseException):
    """The process dies: nothing in the run catches it."""


@contextmanager
def crash_at(operation: str, nth: int = 1, *, after: bool = False) -> Iterator[None]:
    """Die at the `nth` call of `operation` to AWS: before it is sent, or (`after`) once it succeeded."""
    original = BaseClient._make_api_call
    seen = {"count": 0}

    def make_api_call(client: BaseClient, name: str, params: dict[str, Any]) -> dict[str, Any]:
        if name == operation:
            seen["count"] += 1
            if seen["count"] == nth and not after:
                raise Crash(f"died before {operation} #{nth}")
            result = original(client, name, params)
            if seen["count"] == nth:
                raise Crash(f"died after {operation} #{nth}")
            return result
        return original(client, name, params)

    BaseClient._make_api_call = make_api_call  # type: ignore[method-assign]
    try:
        yield
    finally:
        BaseClient._make_api_call = original  # type: ignore[method-assign]


__all__ = ["mail_sink"]


@pytest.fixture
def mail() -> RecordingTransport:
    return RecordingTransport()


@pytest.fixture(autouse=True)
def fresh_run_state(aws: LocalAws) -> None:
    """No lease held, and the checkpoint two hours back: runs read the last hour and this one."""
    for model in (ReminderLeaseItem, ReminderCheckpointItem):
        sort_key = (
            work_keys.REMINDER_LEASE_SK if model is ReminderLeaseItem else work_keys.REMINDER_CHECKPOINT_SK
        )
        model(work_keys.REMINDERS_PLATFORM, sort_key).delete()
    ReminderCheckpointItem(
        work_keys.REMINDERS_PLATFORM,
        work_keys.REMINDER_CHECKPOINT_SK,
        through=due.hour_of(at(timedelta(hours=-2))),
        updated_at=iso(),
    ).save()


def run(now: datetime, transport: MailTransport, **kwargs: Any) -> RunReport:
    return run_reminders(now, senders=Senders(platform=lambda: transport), **kwargs)


def bell(api: Api, account: Account) -> list[dict[str, Any]]:
    status, page = api.call("GET", "/notifications?limit=50", token=account.token)
    assert status == 200, page
    return list(page["items"])


def kinds(api: Api, account: Account) -> list[str]:
    return sorted(item["kind"] for item in bell(api, account))


def moment(iso_time: str, **delta: float) -> datetime:
    return datetime.fromisoformat(iso_time.replace("Z", "+00:00")) + timedelta(**delta)


def test_a_due_followup_notifies_and_emails_its_assignee_once(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given a rep's call due in ten minutes
    sales = invite(api, tenant, "Sales", name="Sam Sales")
    found = lead(api, tenant)
    item = followup(
        api,
        tenant,
        found["lead_id"],
        assignee_id=sales.tokens["user_id"],
        due_at=at(timedelta(minutes=10)),
        note="Garage roof",
    )

    # When runs come before it is due, then just after
    run(moment(item["due_at"], minutes=-1), mail)
    assert kinds(api, sales) == [] and mail.to(sales.email) == []
    report = run(moment(item["due_at"], seconds=30), mail)

    # Then the rep has one "due" notification in the bell and one email, about this lead
    (note,) = bell(api, sales)
    assert note["kind"] == "followup_due" and note["title"] == "Follow-up due"
    assert "Call Maria Garcia" in note["body"] and note["lead_id"] == found["lead_id"]
    assert note["followup_id"] == item["followup_id"] and not note["read"]
    assert api.call("GET", "/notifications/unread-count", token=sales.token)[1]["unread_count"] == 1
    (email,) = mail.to(sales.email)
    assert email.subject == "Follow-up due: Call Maria Garcia" and "Garage roof" in email.text
    assert f"/leads/{found['lead_id']}" in email.text
    assert report.reminded >= 1

    # And a repeated run at the same time, or a minute later, sends nothing more
    run(moment(item["due_at"], seconds=30), mail)
    run(moment(item["due_at"], minutes=1, seconds=30), mail)
    assert kinds(api, sales) == ["followup_due"] and len(mail.to(sales.email)) == 1


def local_words(iso_time: str, zone: str) -> str:
    """How `iso_time` reads on a wall clock in `zone`: "Mon 7 Dec 2026, 9:00 AM PST (America/Los_Angeles)"."""
    local = datetime.fromisoformat(iso_time.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    clock = f"{int(local.strftime('%I'))}:{local:%M} {local:%p}"
    return f"{local:%a} {local.day} {local:%b %Y}, {clock} {local:%Z} ({zone})"


def set_tenant_zone(api: Api, admin: Account, zone: str) -> None:
    status, body = api.call("PUT", "/settings/ads", {"timezone": zone}, admin.token)
    assert status == 200, body


def test_reminders_read_in_the_tenants_time_zone_with_the_zone_named(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given a tenant in Los Angeles whose admin has no time zone of their own, and a call due soon
    set_tenant_zone(api, tenant, "America/Los_Angeles")
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=5)))

    # When it falls due, then turns overdue
    run(moment(item["due_at"], seconds=10), mail)
    run(moment(item["due_at"], minutes=61), mail)

    # Then the emails and the bell say the Pacific time, naming the zone, and no UTC time
    pacific = local_words(item["due_at"], "America/Los_Angeles")
    assert " PST (" in pacific or " PDT (" in pacific
    due_mail, overdue_mail = sorted(mail.to(tenant.email), key=lambda m: m.subject)
    assert due_mail.subject == "Follow-up due: Call Maria Garcia"
    assert f"\nDue {pacific}\n" in due_mail.text and "UTC" not in due_mail.text
    assert f"\nWas due {pacific}\n" in overdue_mail.text and "UTC" not in overdue_mail.text
    assert item["due_at"][11:16] not in due_mail.text  # the UTC wall clock is not shown
    bodies = sorted(n["body"] for n in bell(api, tenant))
    assert bodies == [f"Call Maria Garcia · due {pacific}", f"Call Maria Garcia · was due {pacific}"]


def test_a_user_with_their_own_time_zone_reads_reminders_in_it(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given a Los Angeles tenant, a rep who set Berlin on their profile, and the admin who did not
    set_tenant_zone(api, tenant, "America/Los_Angeles")
    sales = invite(api, tenant, "Sales", name="Sam Sales")
    assert api.call("PATCH", "/me", {"timezone": "Europe/Berlin"}, sales.token)[0] == 200
    found = lead(api, tenant)
    theirs = followup(
        api, tenant, found["lead_id"], assignee_id=sales.tokens["user_id"], due_at=at(timedelta(minutes=3))
    )
    mine = task(api, tenant, title="Send the quote", due_at=at(timedelta(minutes=4)))

    # When one run reminds both
    run(moment(max(theirs["due_at"], mine["due_at"]), seconds=10), mail)

    # Then the rep's email says the Berlin time, and the admin's the tenant's Pacific time
    (rep_mail,) = mail.to(sales.email)
    berlin = local_words(theirs["due_at"], "Europe/Berlin")
    assert " CET (" in berlin or " CEST (" in berlin
    assert f"\nDue {berlin}\n" in rep_mail.text and "America/Los_Angeles" not in rep_mail.text
    (admin_mail,) = mail.to(tenant.email)
    assert admin_mail.subject == "Task due: Send the quote"
    assert f"\nDue {local_words(mine['due_at'], 'America/Los_Angeles')}\n" in admin_mail.text

    # And once the rep clears their zone, they read the tenant's
    assert api.call("PATCH", "/me", {"timezone": ""}, sales.token)[0] == 200
    later = followup(
        api, tenant, found["lead_id"], assignee_id=sales.tokens["user_id"], due_at=at(timedelta(minutes=6))
    )
    run(moment(later["due_at"], seconds=10), mail)
    newest = [m for m in mail.to(sales.email) if m is not rep_mail]
    assert len(newest) == 1
    assert f"\nDue {local_words(later['due_at'], 'America/Los_Angeles')}\n" in newest[0].text


def test_an_open_followup_turns_overdue_once_then_owes_nothing(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    sales = invite(api, tenant, "Sales")
    found = lead(api, tenant)
    item = followup(
        api, tenant, found["lead_id"], assignee_id=sales.tokens["user_id"], due_at=at(timedelta(minutes=3))
    )

    run(moment(item["due_at"], seconds=10), mail)
    run(moment(item["due_at"], minutes=30), mail)  # still only due
    assert kinds(api, sales) == ["followup_due"]
    run(moment(item["due_at"], minutes=61), mail)
    run(moment(item["due_at"], minutes=62), mail)
    run(moment(item["due_at"], hours=5), mail)

    assert kinds(api, sales) == ["followup_due", "followup_overdue"]
    assert [m.subject.split(":")[0] for m in mail.to(sales.email)] == ["Follow-up due", "Follow-up overdue"]
    stored = FollowUpItem.get(
        leads_keys.lead(tenant.tenant_id, found["lead_id"]), work_keys.followup_sk(item["followup_id"])
    )
    assert stored.GSI6PK is None and stored.remind_at is None  # out of the due index


def test_a_followup_created_already_overdue_is_reminded_as_overdue_at_the_next_run(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    found = lead(api, tenant)
    followup(api, tenant, found["lead_id"], due_at=at(timedelta(hours=-3)))

    run(datetime.now(UTC) + timedelta(seconds=5), mail)

    assert kinds(api, tenant) == ["followup_overdue"]
    assert [m.subject for m in mail.to(tenant.email)] == ["Follow-up overdue: Call Maria Garcia"]


def test_a_snoozed_followup_is_reminded_when_the_snooze_ends(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=5)))
    path = f"/leads/{found['lead_id']}/followups/{item['followup_id']}"
    snoozed = api.call("POST", f"{path}/snooze", {"minutes": 180}, tenant.token)[1]

    run(moment(item["due_at"], minutes=2), mail)
    assert kinds(api, tenant) == []
    run(moment(snoozed["snoozed_until"], seconds=20), mail)

    assert kinds(api, tenant) == ["followup_due"]
    assert len(mail.to(tenant.email)) == 1


def test_a_completed_followup_is_never_reminded(api: Api, tenant: Account, mail: RecordingTransport) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=5)))
    api.call(
        "POST", f"/leads/{found['lead_id']}/followups/{item['followup_id']}/complete", token=tenant.token
    )

    run(moment(item["due_at"], minutes=1), mail)
    run(moment(item["due_at"], hours=2), mail)

    assert kinds(api, tenant) == [] and mail.to(tenant.email) == []


def test_a_followup_completed_after_discovery_is_not_reminded(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given a run that found the follow-up due
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    runner = ReminderRun(moment(item["due_at"], seconds=10), senders=Senders(platform=lambda: mail))
    entries = runner.discover()

    # When it is completed before the run gets to it
    api.call(
        "POST", f"/leads/{found['lead_id']}/followups/{item['followup_id']}/complete", token=tenant.token
    )
    runner.process(entries)

    # Then nothing is sent for it
    assert kinds(api, tenant) == [] and mail.to(tenant.email) == []
    assert runner.report.changed_meanwhile >= 1


def test_tasks_are_reminded_due_then_overdue(api: Api, tenant: Account, mail: RecordingTransport) -> None:
    created = task(api, tenant, title="Send the quote", due_at=at(timedelta(minutes=4)))

    run(moment(created["due_at"], seconds=5), mail)
    run(moment(created["due_at"], minutes=61), mail)

    notes = sorted(bell(api, tenant), key=lambda n: n["kind"])
    assert [n["kind"] for n in notes] == ["task_due", "task_overdue"]
    assert all(n["task_id"] == created["task_id"] and "Send the quote" in n["body"] for n in notes)
    assert sorted(m.subject for m in mail.to(tenant.email)) == [
        "Task due: Send the quote",
        "Task overdue: Send the quote",
    ]


def test_overlapping_runs_send_each_reminder_once(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given three follow-ups due, and two runs that both found them (the lease expired, say)
    found = lead(api, tenant)
    items = [followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2))) for _ in range(3)]
    now = moment(max(i["due_at"] for i in items), seconds=10)
    first = ReminderRun(now, senders=Senders(platform=lambda: mail))
    second = ReminderRun(now, senders=Senders(platform=lambda: mail))
    first_found, second_found = first.discover(), second.discover()

    # When both process them, interleaved
    first.process(first_found)
    second.process(second_found)

    # Then each follow-up was reminded and emailed once
    assert kinds(api, tenant) == ["followup_due"] * 3
    assert len(mail.to(tenant.email)) == 3
    assert second.report.changed_meanwhile >= 3


def test_a_run_finding_the_lease_held_does_nothing_until_it_expires(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    now = moment(item["due_at"], seconds=10)
    holder = ReminderRun(now, senders=Senders(platform=lambda: mail))
    assert holder.acquire_lease()

    # While the lease is held, another run stops at once
    busy = run(now, mail)
    assert busy.lease == "busy" and busy.queries == 0 and kinds(api, tenant) == []

    # And once it has expired (its holder died), the next run goes ahead
    later = run(now + LEASE + timedelta(seconds=1), mail)
    assert later.lease == "held" and kinds(api, tenant) == ["followup_due"]


def test_a_crash_before_a_reminder_commits_loses_nothing(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given two follow-ups due
    found = lead(api, tenant)
    items = [followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2))) for _ in range(2)]
    now = moment(max(i["due_at"] for i in items), seconds=10)

    # When the run dies as it sends the second reminder's transaction
    with crash_at("TransactWriteItems", nth=2), pytest.raises(Crash):
        run(now, mail)
    # (its lease stays behind until it expires)
    run(now + LEASE + timedelta(seconds=1), mail)

    # Then both are reminded once, and both emails go out once
    assert kinds(api, tenant) == ["followup_due", "followup_due"]
    assert len(mail.to(tenant.email)) == 2


def test_a_crash_between_the_notification_and_the_email_sends_the_email_once(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given a follow-up due, and a run that dies right after the reminder committed (the
    # notification and the queued email), before it claims the email
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    now = moment(item["due_at"], seconds=10)
    with crash_at("UpdateItem", nth=1), pytest.raises(Crash):
        run(now, mail)
    assert kinds(api, tenant) == ["followup_due"] and mail.to(tenant.email) == []

    # When the next run comes
    run(now + LEASE + timedelta(seconds=1), mail)
    run(now + LEASE + timedelta(minutes=1), mail)

    # Then the email went out exactly once, and the notification was not repeated
    assert len(mail.to(tenant.email)) == 1
    assert kinds(api, tenant) == ["followup_due"]


def test_a_run_that_died_while_sending_leaves_the_email_claimed_until_the_claim_expires(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    now = moment(item["due_at"], seconds=10)
    # The run claims the email, then dies before sending it
    with crash_at("UpdateItem", nth=1, after=True), pytest.raises(Crash):
        run(now, mail)

    # A run while the claim holds leaves it alone
    run(now + LEASE + timedelta(seconds=1), mail)
    assert mail.to(tenant.email) == []
    # After the claim expires it is sent, once, with its own Message-ID
    run(now + timedelta(minutes=6), mail)
    run(now + timedelta(minutes=7), mail)
    (email,) = mail.to(tenant.email)
    assert email.message_key and email.to_mime()["Message-ID"].startswith(f"<{email.message_key}@")


def test_a_refused_email_is_retried_later_and_a_permanent_refusal_is_recorded(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    now = moment(item["due_at"], seconds=10)

    mail.refuse = MailDeliveryError("try later", permanent=False)
    run(now, mail)
    mail.refuse = None
    run(now + timedelta(seconds=30), mail)  # before the back-off
    assert mail.to(tenant.email) == []
    run(now + timedelta(minutes=2), mail)
    assert len(mail.to(tenant.email)) == 1

    other = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=3)))
    later = moment(other["due_at"], seconds=10)
    mail.refuse = MailDeliveryError("no such mailbox", permanent=True)
    report = run(later, mail)
    mail.refuse = None
    run(later + timedelta(minutes=30), mail)
    assert report.mails.get("failed") == 1 and len(mail.to(tenant.email)) == 1  # never sent again


def test_preferences_choose_the_channels(api: Api, tenant: Account, mail: RecordingTransport) -> None:
    # Given a user who wants due follow-ups by email only, and overdue ones not at all
    body = {"channels": {"followup_due": "email", "followup_overdue": "none", "task_due": "in_app"}}
    assert api.call("PUT", "/me/notification-preferences", body, tenant.token)[0] == 200
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    created = task(api, tenant, due_at=at(timedelta(minutes=2)))

    run(moment(max(item["due_at"], created["due_at"]), seconds=10), mail)
    run(moment(max(item["due_at"], created["due_at"]), minutes=70), mail)

    assert kinds(api, tenant) == ["task_due", "task_overdue"]  # no follow-up in the bell
    subjects = sorted(m.subject.split(":")[0] for m in mail.to(tenant.email))
    assert subjects == ["Follow-up due", "Task overdue"]  # task_due stays in-app


def test_a_followup_on_a_deleted_lead_is_not_reminded(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    api.call("DELETE", f"/leads/{found['lead_id']}", token=tenant.token)

    run(moment(item["due_at"], seconds=10), mail)

    assert kinds(api, tenant) == [] and mail.to(tenant.email) == []


def test_a_run_reads_only_the_hours_since_its_checkpoint(
    api: Api, tenant: Account, mail: RecordingTransport
) -> None:
    # Given a checkpoint two hours back (the fixture's), a run now reads the last hour and this one:
    # one query per hour and shard
    now = datetime.now(UTC)
    first = run(now, mail)
    assert first.hours_read == 2 and first.queries == 2 * platform_keys.DUE_SHARDS
    # And it moves the checkpoint to the last hour that ended at least two minutes ago
    assert first.checkpoint == due.hour_of(iso(now - timedelta(hours=1, minutes=2)))
    # So the next run, a minute later, starts after it
    second = run(now + timedelta(minutes=1), mail)
    after = due.hour_of(iso(due.start_of(str(first.checkpoint)) + timedelta(hours=1)))
    assert second.hours_read == len(due.hours(after, due.hour_of(iso(now + timedelta(minutes=1)))))


def test_reminder_email_reaches_the_local_mail_sink_over_smtp(
    api: Api, tenant: Account, mail_sink: Any
) -> None:
    found = lead(api, tenant)
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    smtp = SmtpTransport("127.0.0.1", mail_sink.smtp_port, "none", name="platform_smtp")

    run(moment(item["due_at"], seconds=10), smtp)

    received = [m for m in mail_sink.messages() if tenant.email in m.to]
    assert [m.subject for m in received] == ["Follow-up due: Call Maria Garcia"]


def test_mail_the_sink_refuses_on_cue_is_retried_after_the_scaled_delay_then_recorded_failed(
    api: Api, tenant: Account, mail_sink: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given retry delays at a twentieth (the e2e stacks' RETRY_DELAY_SCALE): the first retry after 3 s
    monkeypatch.setenv("RETRY_DELAY_SCALE", "0.05")
    get_settings.cache_clear()
    found = lead(api, tenant, name="Refused")
    item = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=2)))
    smtp = SmtpTransport("127.0.0.1", mail_sink.smtp_port, "none", name="platform_smtp")
    now = moment(item["due_at"], seconds=10)
    mail_sink.script.load({"status": 451, "times": 1})
    try:
        # When the sink answers 451 (try again later)
        assert run(now, smtp).mails.get("retry") == 1
        assert run(now + timedelta(seconds=2), smtp).mails.get("sent") is None  # before the delay
        # Then the next run after the scaled delay sends it, once
        assert run(now + timedelta(seconds=4), smtp).mails.get("sent") == 1
        subjects = [m.subject for m in mail_sink.messages() if tenant.email in m.to]
        assert subjects == ["Follow-up due: Call Refused Garcia"]
        # And a 550 (refused for good) is recorded failed with the server's answer, never retried
        other = followup(api, tenant, found["lead_id"], due_at=at(timedelta(minutes=3)))
        later = moment(other["due_at"], seconds=10)
        mail_sink.script.load({"status": 550})
        assert run(later, smtp).mails.get("failed") == 1
        failed = [m for m in mails(tenant.tenant_id) if m.status == "failed"]
        assert [m.error for m in failed] == ["The SMTP server answered 550"]
        run(later + timedelta(minutes=30), smtp)
        assert [m.subject for m in mail_sink.messages() if tenant.email in m.to] == subjects
    finally:
        mail_sink.script.clear()
        get_settings.cache_clear()


def test_the_scheduled_event_sample_drives_the_handler(aws: LocalAws) -> None:
    import json
    from pathlib import Path

    from devstack.bootstrap.extras import ensure_sender
    from devstack.functions import lambda_context
    from functions.reminders.handler import handler

    ensure_sender(aws.client("ses"))  # the platform's sender, for any email that falls due now
    trigger = (
        Path(__file__).resolve().parents[3] / "events" / "triggers" / "eventbridge_schedule_reminders.json"
    )

    report = handler(json.loads(trigger.read_text()), lambda_context("reminders"))

    assert (
        report["lease"] == "held" and report["queries"] >= platform_keys.DUE_SHARDS and report["checkpoint"]
    )
