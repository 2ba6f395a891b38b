"""Follow-ups, tasks and email settings in the browser: a past-due follow-up in the queue and the bell
until it is completed; tasks created, bulk completed and found by status; a test email through the
tenant's own SMTP settings, received by the stack's mail sink."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from devstack.settings import REPO_ROOT
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import eventually, sink_messages

# The browser context runs in UTC (conftest), so a datetime-local value is a UTC wall-clock time.
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def _tick_reminders(stack: dict[str, Any]) -> None:
    """Fire the reminder schedule once, now (`python -m devstack tick reminders` on this stack)."""
    subprocess.run(
        [sys.executable, "-m", "devstack", "tick", "reminders"],
        cwd=REPO_ROOT,
        env={**os.environ, "DEVSTACK_STATE_DIR": stack["state_dir"]},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_a_past_due_followup_is_overdue_in_the_queue_and_the_bell_until_it_is_completed(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    lead = api.create_lead(account.id_token, first_name="Rosa", last_name=f"Overdue{suffix}")
    lead_name = f"Rosa Overdue{suffix}"
    log_in(page, account.email, account.password)

    # Given a call scheduled on the lead's page for two hours ago
    page.goto(f"/leads/{lead['lead_id']}")
    panel = page.get_by_role("region", name="Follow-ups")
    form = panel.get_by_role("form", name="New follow-up")
    form.get_by_label("Due", exact=True).fill((datetime.now(UTC) - timedelta(hours=2)).strftime(LOCAL_INPUT))
    form.get_by_label("Type").select_option(label="Call")
    form.get_by_label("Note").fill("Ask about the roof quote")
    form.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_role("status").filter(has_text=f"Call with {lead_name} scheduled")).to_be_visible()
    on_lead = panel.get_by_role("list", name="Follow-ups on this lead").get_by_role("listitem")
    expect(on_lead).to_have_count(1)
    expect(on_lead).to_contain_text("Overdue")
    expect(on_lead).to_contain_text("Ask about the roof quote")

    # When the user opens the queue, then it is the one overdue follow-up, linked to its lead
    main_nav(page).get_by_role("link", name="Follow-ups").click()
    expect(page.get_by_role("heading", name="Follow-ups", level=1)).to_be_visible()
    overdue = page.get_by_role("region", name="Overdue", exact=True)
    row = overdue.get_by_role("row").filter(has_text=lead_name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Call")
    expect(row).to_contain_text("Ask about the roof quote")
    expect(row).to_contain_text("overdue")
    expect(row.get_by_role("link", name=lead_name)).to_have_attribute("href", f"/leads/{lead['lead_id']}")
    expect(page.get_by_role("region", name="Today", exact=True)).to_contain_text("Nothing else due today.")

    # When the reminder schedule runs, then the bell has the overdue reminder
    _tick_reminders(stack)
    eventually(
        lambda: next(
            (
                n
                for n in api.ok("GET", "/notifications?limit=50", account.id_token)["items"]
                if n["kind"] == "followup_overdue" and n["lead_id"] == lead["lead_id"]
            ),
            None,
        ),
        "the overdue reminder",
    )
    page.reload()
    bell = page.get_by_role("button", name=re.compile(r"^Notifications, \d+ unread"))
    expect(bell).to_be_visible()
    bell.click()
    reminders = page.get_by_role("list", name="Your notifications").get_by_role("button")
    expect(reminders.filter(has_text="Follow-up overdue").filter(has_text=lead_name)).to_have_count(1)
    page.keyboard.press("Escape")

    # When it is completed from the queue, then it leaves Overdue
    row = page.get_by_role("region", name="Overdue", exact=True).get_by_role("row").filter(has_text=lead_name)
    row.get_by_role("button", name="Complete").click()
    expect(page.get_by_role("status").filter(has_text=f"Call with {lead_name} completed")).to_be_visible()
    expect(overdue.get_by_role("row").filter(has_text=lead_name)).to_have_count(0)
    expect(overdue).to_contain_text("Nothing overdue.")
    followups = api.ok("GET", f"/leads/{lead['lead_id']}/followups", account.id_token)["items"]
    assert [f["status"] for f in followups] == ["done"]


def test_snooze_and_reschedule_move_a_followup_between_the_groups(
    page: Page, api: Api, account: Account
) -> None:
    lead = api.create_lead(account.id_token, first_name="Sam", last_name="Later")
    past = (datetime.now(UTC) - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    api.ok(
        "POST",
        f"/leads/{lead['lead_id']}/followups",
        account.id_token,
        json={"type": "email", "due_at": past},
    )
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Follow-ups").click()
    overdue = page.get_by_role("region", name="Overdue", exact=True)
    expect(overdue.get_by_role("row").filter(has_text="Sam Later")).to_have_count(1)

    # Snoozed until tomorrow morning, it is upcoming
    overdue.get_by_role("button", name="Snooze").click()
    overdue.get_by_role("button", name="Tomorrow 9:00").click()
    upcoming = page.get_by_role("region", name="Upcoming", exact=True)
    expect(upcoming.get_by_role("row").filter(has_text="Sam Later")).to_contain_text("Snoozed until")
    expect(overdue).to_contain_text("Nothing overdue.")

    # A date the API refuses shows under the input; a new due time ends the snooze and moves it back
    upcoming.get_by_role("button", name="Reschedule").click()
    dialog = page.get_by_role("dialog", name=re.compile("^Reschedule"))
    dialog.get_by_label("New due time").fill("1999-12-31T10:00")
    dialog.get_by_role("button", name="Save new time").click()
    expect(dialog.get_by_label("New due time")).to_have_attribute("aria-invalid", "true")
    expect(dialog).to_contain_text("between the years 2000 and 2100")
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    dialog.get_by_label("New due time").fill(an_hour_ago.strftime(LOCAL_INPUT))
    dialog.get_by_role("button", name="Save new time").click()
    expect(dialog).to_be_hidden()
    row = overdue.get_by_role("row").filter(has_text="Sam Later")
    expect(row).to_have_count(1)
    expect(row).not_to_contain_text("Snoozed until")
    expect(upcoming).to_contain_text("Nothing scheduled after today.")


def test_tasks_are_created_bulk_completed_and_found_by_status(page: Page, api: Api, account: Account) -> None:
    suffix = uuid.uuid4().hex[:6]
    lead = api.create_lead(account.id_token, first_name="Tess", last_name=f"Linked{suffix}")
    titles = [f"Send the quote {suffix}", f"Book the site visit {suffix}"]
    due = (datetime.now(UTC) + timedelta(days=1)).replace(hour=10, minute=0).strftime(LOCAL_INPUT)
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Tasks").click()
    expect(page.get_by_role("heading", name="No open tasks")).to_be_visible()

    # Given two tasks made in the dialog, the first linked to a lead found by name
    for index, title in enumerate(titles):
        page.get_by_role("button", name="New task").click()
        dialog = page.get_by_role("dialog", name="New task")
        dialog.get_by_label("Title").fill(title)
        dialog.get_by_label("Due", exact=True).fill(due)
        dialog.get_by_label("Priority").select_option(label="High")
        if index == 0:
            dialog.get_by_label("Linked lead").fill("Tess")
            dialog.get_by_role("list", name="Matching leads").get_by_role(
                "button", name=re.compile(f"Tess Linked{suffix}")
            ).click()
            expect(dialog.get_by_role("button", name=f"Unlink Tess Linked{suffix}")).to_be_visible()
        dialog.get_by_role("button", name="Create task").click()
        expect(dialog).to_be_hidden()
    rows = page.get_by_role("table", name="Tasks").get_by_role("row")
    first = rows.filter(has_text=titles[0])
    expect(first.get_by_role("link", name=f"Tess Linked{suffix}")).to_have_attribute(
        "href", f"/leads/{lead['lead_id']}"
    )
    expect(first).to_contain_text("High")

    # The first is started inline
    first.get_by_label(f"Status of {titles[0]}").select_option(label="In progress")
    expect(page.get_by_role("status").filter(has_text="is in progress")).to_be_visible()

    # When both are selected and completed at once
    for title in titles:
        page.get_by_role("checkbox", name=f"Select {title}").check()
    page.get_by_role("button", name="Complete selected").click()

    # Then they leave the open list, and the Done filter finds them
    expect(page.get_by_role("status").filter(has_text="2 tasks completed")).to_be_visible()
    expect(page.get_by_role("heading", name="No open tasks")).to_be_visible()
    filters = page.get_by_role("search", name="Filter tasks")
    filters.get_by_label("Status").select_option(label="Done")
    expect(page).to_have_url(re.compile(r"[?&]status=done"))
    for title in titles:
        expect(rows.filter(has_text=title).get_by_label(f"Status of {title}")).to_have_value("done")
    filters.get_by_label("Status").select_option(label="In progress")
    expect(page.get_by_role("heading", name="No task matches these filters")).to_be_visible()
    tasks = api.ok("GET", "/tasks?status=done", account.id_token)["items"]
    assert sorted(t["title"] for t in tasks) == sorted(titles)


def test_email_settings_send_a_test_email_to_the_stacks_mail_sink(
    page: Page, account: Account, stack: dict[str, Any]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    sender, inbox = f"crm-{suffix}@browser.test", f"inbox-{suffix}@browser.test"
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Email").click()
    expect(page.get_by_text("Platform default", exact=True)).to_be_visible()
    expect(page.get_by_text("Without settings of your own, mail goes through")).to_be_visible()

    # Given the stack's mail sink as the tenant's SMTP server, first with a login it does not offer
    server = page.get_by_role("form", name="SMTP server")
    server.get_by_label("Host").fill("127.0.0.1")
    server.get_by_label("Port").fill(str(stack["smtp_port"]))
    server.get_by_label("TLS mode").select_option("none")
    server.get_by_label("Username").fill("mailer")
    server.get_by_label("Password").fill("sink-password")
    server.get_by_label("From address").fill(sender)
    server.get_by_role("button", name="Save email settings").click()
    expect(page.get_by_text("Your SMTP server", exact=True)).to_be_visible()
    expect(server.get_by_role("button", name="Replace Password")).to_be_visible()

    # The test email says plainly why the server did not take it
    page.get_by_label("Send test to").fill(inbox)
    page.get_by_role("button", name="Send test email").click()
    failure = page.get_by_role("alert").filter(has_text="The test email was not sent")
    expect(failure).to_contain_text("does not support")

    # Without the login, the test email goes through and the sink receives it
    server.get_by_label("Username").fill("")
    server.get_by_role("button", name="Save email settings").click()
    expect(server.get_by_role("button", name="Replace Password")).to_have_count(0)
    page.get_by_label("Send test to").fill(inbox)
    page.get_by_role("button", name="Send test email").click()
    expect(page.get_by_role("status").filter(has_text="Test email sent")).to_contain_text(
        f"Test email sent to {inbox} through your SMTP server."
    )
    received = eventually(
        lambda: next((m for m in sink_messages(stack) if inbox in m["to"]), None),
        "the test email",
        timeout=30,
    )
    assert received["subject"] == "Convertly test email"
    assert received["mail_from"] == sender

    # Removing the settings goes back to the platform default
    server.get_by_role("button", name="Remove email settings").click()
    page.get_by_role("dialog", name="Remove the email settings?").get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Platform default", exact=True)).to_be_visible()


def test_notification_preferences_are_saved_per_user(page: Page, api: Api, account: Account) -> None:
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("radio", name="Follow-up overdue: Both")).to_be_checked()
    page.get_by_role("radio", name="Follow-up overdue: In-app").check()
    page.get_by_role("radio", name="Lead moved: None").check()
    expect(page.get_by_text("2 unsaved changes")).to_be_visible()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status").filter(has_text="Notification preferences saved")).to_be_visible()
    channels = api.ok("GET", "/me/notification-preferences", account.id_token)["channels"]
    assert channels["followup_overdue"] == "in_app"
    assert channels["lead_moved"] == "none"
    assert channels["task_due"] == "both"
    page.reload()
    expect(page.get_by_role("radio", name="Follow-up overdue: In-app")).to_be_checked()
