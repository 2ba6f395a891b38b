"""The work capability's AWS resources: follow-ups, tasks and the reminder run."""

from __future__ import annotations

from convertly.platform.specs import FunctionSpec, ScheduleSpec

SCHEDULES: tuple[ScheduleSpec, ...] = (
    # Follow-ups and tasks: reminders and the mail outbox, every minute.
    ScheduleSpec(function="reminders", rate_minutes=1),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    # Follow-ups and tasks: the queues' APIs, email settings and preferences, and the reminder run.
    FunctionSpec("followups", "Follow-ups on leads: schedule, queue, complete, snooze", "readwrite"),
    FunctionSpec("tasks", "Tasks: create, assign, queue with filters, bulk complete", "readwrite"),
    FunctionSpec(
        "reminders",
        "Every minute: reminds of due and overdue follow-ups and tasks, sends queued email",
        "readwrite",
        timeout_seconds=60,
        secrets_key="decrypt",
        sends_mail=True,
        # Email templates' files: the media library's objects, read when the email is sent.
        uploads="read",
        uploads_prefix="tenants/",
    ),
)
