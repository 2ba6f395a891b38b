"""Bulk actions in the browser, against the running stack: on a filtered lead list, select the page,
then every lead the filter matches (more than the page), assign them round robin to two people and
watch the progress; the Bulk actions page records it. On the contacts list, selected rows get a tag
at once, and on Professional selected contacts are added to a published workflow, which runs for each."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.billing import on_professional
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import read_until

WELCOME = "Welcome series"
# The stack's automation consumer runs each enrolment's steps in the background, after the bulk action.
WORKFLOW_RUNS_WITHIN_S = 90.0


def test_every_lead_a_filter_matches_is_assigned_round_robin_with_progress(
    page: Page, api: Api, account: Account
) -> None:
    token = account.id_token
    fay = api.add_user(token, "Sales", f"Fay {uuid.uuid4().hex[:4]}")
    sam = api.add_user(token, "Sales", f"Sam {uuid.uuid4().hex[:4]}")
    referred = [
        api.create_lead(token, first_name=f"Ref{n:02d}", source="referral")["lead_id"] for n in range(30)
    ]
    other = api.create_lead(token, first_name="Walk-in", source="manual")["lead_id"]

    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Leads").click()
    filters = page.get_by_role("search", name="Filter leads")
    filters.get_by_label("Source").select_option("referral")
    expect(page).to_have_url(re.compile(r"source=referral"))
    expect(page.get_by_role("row").filter(has_text="Walk-in")).to_have_count(0)

    # The page's 25, then every one the filter matches
    page.get_by_test_id("select-page").check()
    page.get_by_test_id("select-all-matching").click()
    bar = page.get_by_test_id("bulk-bar")
    expect(bar).to_contain_text("All matching")
    bar.get_by_test_id("bulk-assign_owner").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(re.compile(fay["name"])).check()
    dialog.get_by_label(re.compile(sam["name"])).check()
    page.get_by_test_id("bulk-confirm").click()

    # It runs in the background with a progress bar, then sums up
    expect(page.get_by_test_id("bulk-progress")).to_be_visible()
    summary = page.get_by_test_id("bulk-summary")
    expect(summary).to_be_visible(timeout=60_000)
    expect(summary).to_contain_text("30")

    owners = [api.ok("GET", f"/leads/{lead_id}", token)["owner_id"] for lead_id in referred]
    assert owners.count(fay["user_id"]) == 15 and owners.count(sam["user_id"]) == 15
    assert api.ok("GET", f"/leads/{other}", token)["owner_id"] != fay["user_id"]

    # The Bulk actions page records it
    page.get_by_role("dialog").get_by_role("link", name="See all bulk actions").click()
    expect(page).to_have_url(re.compile(r"/settings/bulk-actions"))
    row = page.get_by_role("row").filter(has_text="30")
    expect(row.first).to_be_visible()
    expect(row.first).to_contain_text(account.name)


def test_selected_contacts_get_a_tag_at_once(page: Page, api: Api, account: Account) -> None:
    token = account.id_token
    names = [f"Tagged {n} {uuid.uuid4().hex[:4]}" for n in range(2)]
    ids = [api.create_contact(token, first_name=name)["contact_id"] for name in names]
    api.create_contact(token, first_name="Untouched")
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Contacts").click()
    for contact_id in ids:
        page.get_by_test_id(f"select-{contact_id}").check()
    page.get_by_test_id("bulk-bar").get_by_test_id("bulk-add_tags").click()
    page.get_by_role("dialog").get_by_label(re.compile("Tags")).fill("vip")
    page.get_by_role("dialog").get_by_label(re.compile("Tags")).press("Enter")
    page.get_by_test_id("bulk-confirm").click()
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("2")
    for contact_id in ids:
        assert api.ok("GET", f"/contacts/{contact_id}", token)["tags"] == ["vip"]


def _tags_once(api: Api, token: str, contact_id: str, tag: str) -> list[str]:
    """The contact's tags once they include `tag`, read until WORKFLOW_RUNS_WITHIN_S have passed (the
    last read either way, for the caller's assertion to show)."""
    tags: list[str] = read_until(
        lambda: api.ok("GET", f"/contacts/{contact_id}", token)["tags"],
        lambda found: tag in found,
        timeout=WORKFLOW_RUNS_WITHIN_S,
    )
    return tags


def test_selected_contacts_are_added_to_a_published_workflow(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional account with a published workflow that tags whoever is added to it
    token = account.id_token
    on_professional(stack, api.tenant_id(token))
    step = {"id": "t", "kind": "add_tag", "tags": ["welcomed"], "target": "contact"}
    definition = {"trigger": {"type": "manual"}, "steps": [step]}
    workflow = api.ok("POST", "/workflows", token, json={"name": WELCOME, "definition": definition})
    api.ok(
        "POST", f"/workflows/{workflow['workflow_id']}/publish", token, json={"version": workflow["version"]}
    )
    ids = [
        api.create_contact(token, first_name=f"Newcomer {n} {uuid.uuid4().hex[:4]}")["contact_id"]
        for n in range(3)
    ]
    left_out = api.create_contact(token, first_name="Left out")["contact_id"]

    # When three contacts are selected and added to it
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Contacts").click()
    for contact_id in ids:
        page.get_by_test_id(f"select-{contact_id}").check()
    page.get_by_test_id("bulk-bar").get_by_test_id("bulk-enrol_workflow").click()
    dialog = page.get_by_role("dialog", name="Add to workflow")
    dialog.get_by_label("Workflow", exact=True).select_option(label=WELCOME)
    expect(dialog).to_contain_text(f"Add 3 contacts to “{WELCOME}”?")
    page.get_by_test_id("bulk-confirm").click()

    # Then the outcome counts them, and the workflow tags each one in the background
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("3 of 3 contacts added")
    for contact_id in ids:
        assert _tags_once(api, token, contact_id, "welcomed") == ["welcomed"]
    assert api.ok("GET", f"/contacts/{left_out}", token)["tags"] == []

    # And Settings > Bulk actions shows which workflow they went into
    dialog.get_by_role("link", name="See all bulk actions").click()
    expect(page).to_have_url(re.compile(r"/settings/bulk-actions"))
    details = page.get_by_role("dialog", name="Add contacts to a workflow")
    expect(details).to_contain_text(f"Into “{WELCOME}”")
    expect(details.get_by_test_id("bulk-summary")).to_contain_text("3 of 3 contacts added")
