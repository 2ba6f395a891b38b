"""Demo follow-ups and tasks: each Sales rep gets calls and texts overdue, due today and upcoming on
their own leads, one call already done, and a few tasks, so the queues, the bell and the mail sink have
something to show after the first reminder run."""

from __future__ import annotations

import random
from datetime import timedelta

from convertly.leads import use_cases as leads
from convertly.leads.domain.leads import LeadFilters
from convertly.platform.clock import iso, now
from convertly.platform.principal import Principal
from convertly.work import followups, tasks
from convertly.work.domain.followups import FollowUpCreate
from convertly.work.domain.tasks import TaskCreate, TaskPriority

_NOTES = (
    "Wants a quote for the garage roof",
    "Asked to be called after 5 pm",
    "Send the financing options",
    "Follow up on the inspection photos",
)
_TASKS: tuple[tuple[str, TaskPriority], ...] = (
    ("Prepare the Henderson estimate", "high"),
    ("Order shingle samples", "normal"),
    ("Update the referral spreadsheet", "low"),
    ("Confirm the crew for Friday", "urgent"),
)
# Hours from now: two overdue, one later today, two upcoming.
_WHEN = (-26, -3, 2, 30, 72)


def seed_work(admin: Principal, owners: list[str], rng: random.Random) -> None:
    """Follow-ups on each rep's leads and tasks for each rep (through the services, as the API does)."""
    at = now()
    for owner in owners:
        page = leads.list_leads(admin, LeadFilters(owner_id=owner), None, len(_WHEN))
        for lead, hours in zip(page.items, _WHEN, strict=False):
            request = FollowUpCreate(
                type=rng.choice(("call", "call", "sms", "email", "meeting")),
                due_at=iso(at + timedelta(hours=hours)),
                note=rng.choice(_NOTES),
                assignee_id=owner,
            )
            followups.create_followup(admin, lead.lead_id, request)
        if page.items:  # and a call made three days ago on the first, done: the history a queue keeps
            lead_id = page.items[0].lead_id
            call = FollowUpCreate(
                type="call", due_at=iso(at - timedelta(days=3)), note=_NOTES[0], assignee_id=owner
            )
            followups.complete_followup(
                admin, lead_id, followups.create_followup(admin, lead_id, call).followup_id
            )
        for (title, priority), days in zip(_TASKS, (-1, 0, 2, 5), strict=True):
            due = iso(at + timedelta(days=days, hours=rng.randint(1, 8)))
            tasks.create_task(
                admin, TaskCreate(title=title, priority=priority, due_at=due, assignee_id=owner)
            )
