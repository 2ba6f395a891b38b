"""Manual actions in the browser: a published workflow hands a new lead's call to the Admin, who finds it
in the queue by its workflow, opens it, logs the call and completes it; the queue empties, the
dashboard's count drops and the workflow goes on (its next step tags the lead). A text starts from the
step's SMS template filled in for the contact, is counted in SMS parts as it is edited, and is marked
sent (Convertly sends none itself). Another lead's call, deleted from the queue, ends its enrolment.

Each test works in its own freshly signed-up tenant, put on Professional (which has automation)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Locator, Page, expect

from tests.e2e.billing import on_professional
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import eventually

WORKFLOW = "Call new leads"
NOTE = "Ask about the roof"
# The stack's automation consumer runs the workflow from the lead's event a moment after it is created.
WITHIN_S = 90.0


@dataclass(frozen=True)
class Setup:
    token: str
    workflow_id: str


def _admin_id(api: Api, token: str) -> str:
    return str(api.ok("GET", "/me", token)["user"]["user_id"])


def _workflow(
    api: Api, account: Account, stack: dict[str, Any], first_step: dict[str, Any], tag: str
) -> Setup:
    """The tenant on Professional with a published workflow: a new lead gets `first_step` (a manual
    action), then the tag `tag`."""
    token = account.id_token
    on_professional(stack, api.tenant_id(token))
    definition = {
        "trigger": {"type": "lead_created"},
        "steps": [first_step, {"id": "tag", "kind": "add_tag", "tags": [tag]}],
    }
    created = api.ok("POST", "/workflows", token, json={"name": WORKFLOW, "definition": definition})
    published = api.ok(
        "POST", f"/workflows/{created['workflow_id']}/publish", token, json={"version": created["version"]}
    )
    assert published["status"] == "published", published
    return Setup(token, created["workflow_id"])


def _calling_workflow(api: Api, account: Account, stack: dict[str, Any]) -> Setup:
    """A new lead gets a call from the Admin, then the tag "called"."""
    admin_id = _admin_id(api, account.id_token)
    call = {"id": "call", "kind": "manual_action", "action_type": "call", "assignee": admin_id, "note": NOTE}
    return _workflow(api, account, stack, call, "called")


def _open_action_for(api: Api, setup: Setup, lead_id: str) -> dict[str, Any]:
    """The open manual action the workflow made for the lead, once the consumer has run it."""

    def probe() -> dict[str, Any] | None:
        page = api.ok("GET", "/manual-actions", setup.token, params={"workflow_id": setup.workflow_id})
        return next((a for a in page["items"] if a["lead_id"] == lead_id), None)

    return eventually(probe, f"the manual action for lead {lead_id}", timeout=WITHIN_S)


def _tags_once_tagged(api: Api, token: str, lead_id: str, tag: str) -> list[str]:
    """The lead's tags once the workflow's last step has added `tag`."""

    def probe() -> list[str] | None:
        tags: list[str] = api.ok("GET", f"/leads/{lead_id}", token)["tags"]
        return tags if tag in tags else None

    return eventually(probe, f"the workflow's tag {tag!r} on the lead", timeout=WITHIN_S)


def _manual_tile(page: Page) -> Locator:
    return page.get_by_role("region", name="Manual actions", exact=True)


def test_a_workflow_call_is_found_logged_and_completed_and_the_workflow_goes_on(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    setup = _calling_workflow(api, account, stack)
    last_name = f"Roofer{uuid.uuid4().hex[:6]}"
    name = f"Rosa {last_name}"
    lead = api.create_lead(setup.token, first_name="Rosa", last_name=last_name, phone="+14155550123")
    action = _open_action_for(api, setup, lead["lead_id"])
    assert action["action_type"] == "call" and action["phone"] == "+14155550123", action

    # The dashboard counts the open action
    log_in(page, account.email, account.password)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(_manual_tile(page).get_by_text("1", exact=True)).to_be_visible()

    # The Admin opens the queue from the main navigation and narrows it to the workflow
    main_nav(page).get_by_role("link", name="Manual actions").click()
    expect(page.get_by_role("heading", name="Manual actions", level=1)).to_be_visible()
    filters = page.get_by_role("search", name="Filter manual actions")
    filters.get_by_label("Workflow").select_option(label=WORKFLOW)
    expect(page).to_have_url(re.compile(rf"[?&]workflow={setup.workflow_id}"))
    rows = page.get_by_role("table").get_by_role("row")
    row = rows.filter(has_text=name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(WORKFLOW)
    expect(row).to_contain_text("Call")
    expect(row).to_contain_text("Blair Owner")
    expect(row.get_by_role("link", name=name, exact=True)).to_have_attribute(
        "href", f"/contacts/{action['contact_id']}"
    )

    # Start opens the action: who to call, the number to dial and the step's note
    row.get_by_role("link", name="Start").click()
    expect(page).to_have_url(re.compile(rf"/manual-actions/{action['action_id']}$"))
    expect(page.get_by_role("heading", name=f"Call {name}", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="+14155550123")).to_have_attribute("href", "tel:+14155550123")
    expect(page.get_by_role("link", name="Open the lead")).to_have_attribute(
        "href", f"/leads/{lead['lead_id']}"
    )
    expect(page.get_by_text(NOTE, exact=True)).to_be_visible()

    # Completing without an outcome says what is missing; with one, the call is logged
    call_log = page.get_by_role("form", name="Log the call")
    call_log.get_by_role("button", name="Complete").click()
    expect(call_log.get_by_text("Choose how the call went")).to_be_visible()
    call_log.get_by_role("radio", name="Connected").check()
    call_log.get_by_label("Notes").fill("Booked a roof survey for Friday")
    call_log.get_by_role("button", name="Complete").click()

    # Back in the same view of the queue, nothing is left for the workflow
    expect(page.get_by_role("status").filter(has_text=f"Call logged; {WORKFLOW} goes on")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/manual-actions\?workflow={setup.workflow_id}$"))
    expect(
        page.get_by_role("heading", name=f"No manual actions left for the team in {WORKFLOW}")
    ).to_be_visible()
    completed = api.ok("GET", f"/manual-actions/{action['action_id']}", setup.token)
    assert (completed["status"], completed["outcome"], completed["outcome_note"]) == (
        "done",
        "connected",
        "Booked a roof survey for Friday",
    )

    # The Done view has it with its outcome, read-only on its page
    filters.get_by_role("button", name="Done").click()
    done_row = rows.filter(has_text=name)
    expect(done_row).to_contain_text("Connected")
    done_row.get_by_role("link", name="View").click()
    expect(page.get_by_role("heading", name="Call logged")).to_be_visible()
    expect(page.get_by_text("Booked a roof survey for Friday")).to_be_visible()
    expect(page.get_by_role("form", name="Log the call")).to_have_count(0)

    # The dashboard's count drops
    main_nav(page).get_by_role("link", name="Dashboard").click()
    expect(_manual_tile(page).get_by_text("0", exact=True)).to_be_visible()
    expect(_manual_tile(page).get_by_role("link", name="Open the queue")).to_have_attribute(
        "href", "/manual-actions"
    )

    # The workflow went on from the next step: the lead is tagged
    tags = eventually(
        lambda: (
            t if "called" in (t := api.ok("GET", f"/leads/{lead['lead_id']}", setup.token)["tags"]) else None
        ),
        "the workflow's tag on the lead",
        timeout=WITHIN_S,
    )
    assert tags == ["called"]


def test_deleting_a_manual_action_ends_its_enrolment(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    setup = _calling_workflow(api, account, stack)
    last_name = f"Mistake{uuid.uuid4().hex[:6]}"
    name = f"Milo {last_name}"
    lead = api.create_lead(setup.token, first_name="Milo", last_name=last_name, phone="+14155550188")
    action = _open_action_for(api, setup, lead["lead_id"])

    log_in(page, account.email, account.password)
    page.goto("/manual-actions")
    row = page.get_by_role("table").get_by_role("row").filter(has_text=name)
    expect(row).to_have_count(1)

    # Cancelling keeps it; deleting says its enrolment ends, and it leaves the queue
    row.get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog", name="Delete this manual action?")
    expect(dialog).to_contain_text(f"enrolment in {WORKFLOW} ends")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Delete").click()
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("status").filter(has_text=f"its enrolment in {WORKFLOW} ended")).to_be_visible()
    expect(page.get_by_role("heading", name="No manual actions left for the team")).to_be_visible()
    assert api.call("GET", f"/manual-actions/{action['action_id']}", setup.token).status_code == 404

    # The enrolment it waited on has ended, and the workflow's next step never ran
    def ended() -> dict[str, Any] | None:
        items = api.ok("GET", f"/workflows/{setup.workflow_id}/enrolments", setup.token)["items"]
        found = next((e for e in items if e["enrolment_id"] == action["enrolment_id"]), None)
        return found if found and found["status"] == "ended" else None

    enrolment = eventually(ended, "the enrolment to end", timeout=WITHIN_S)
    assert enrolment["lead_id"] == lead["lead_id"]
    assert "called" not in api.ok("GET", f"/leads/{lead['lead_id']}", setup.token)["tags"]


def test_a_workflow_text_starts_from_its_template_and_is_marked_sent(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    token = account.id_token
    template = api.ok(
        "POST",
        "/message-templates",
        token,
        json={
            "channel": "sms",
            "name": "Roof follow-up",
            "body": "Hi {{contact.first_name}}, thanks for asking about the roof. When suits you for a call?",
        },
    )
    text_step = {
        "id": "text",
        "kind": "manual_action",
        "action_type": "sms",
        "assignee": _admin_id(api, token),
        "template_id": template["template_id"],
        "note": "Send before noon",
    }
    setup = _workflow(api, account, stack, text_step, "texted")
    last_name = f"Texter{uuid.uuid4().hex[:6]}"
    lead = api.create_lead(token, first_name="Tia", last_name=last_name, phone="+14155550142")
    action = _open_action_for(api, setup, lead["lead_id"])
    assert action["action_type"] == "sms", action

    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Manual actions").click()
    row = page.get_by_role("table").get_by_role("row").filter(has_text=f"Tia {last_name}")
    expect(row).to_contain_text("SMS")
    row.get_by_role("link", name="Start").click()

    # The template is filled in for the contact, and the number is an sms: link
    expect(page.get_by_role("heading", name=f"Text Tia {last_name}", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="+14155550142")).to_have_attribute("href", "sms:+14155550142")
    expect(page.get_by_text("Send before noon", exact=True)).to_be_visible()
    composer = page.get_by_role("form", name="Text to send")
    text = composer.get_by_label("Text", exact=True)
    filled = "Hi Tia, thanks for asking about the roof. When suits you for a call?"
    expect(text).to_have_value(filled)
    expect(composer).to_contain_text(f"{len(filled)} characters · 1 part · GSM-7")
    expect(composer).to_contain_text("Convertly does not send texts")
    expect(composer.get_by_role("button", name=re.compile(r"^Send"))).to_have_count(0)

    # Edited past one part, with a character that counts twice, the counter follows
    edited = f"{filled} The quote is 4,200€. {'See you soon. ' * 6}".strip()
    text.fill(edited)
    assert 153 < len(edited) + 1 <= 306  # € takes two of GSM-7's characters: two parts
    expect(composer).to_contain_text(f"{len(edited)} characters · 2 parts · GSM-7")
    expect(composer).to_contain_text("each take the place of two characters")
    # The link carries the text as encodeURIComponent writes it (which leaves !*'() as they are)
    body = quote(edited, safe="!*'()")
    expect(composer.get_by_role("link", name="Open on your phone")).to_have_attribute(
        "href", f"sms:+14155550142?body={body}"
    )
    expect(composer.get_by_role("button", name="Copy text")).to_be_enabled()

    # Marked as sent, the workflow goes on
    composer.get_by_role("button", name="Mark as sent").click()
    expect(
        page.get_by_role("status").filter(has_text=f"Text marked as sent; {WORKFLOW} goes on")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/manual-actions$"))
    expect(page.get_by_role("heading", name="No manual actions left for the team")).to_be_visible()
    completed = api.ok("GET", f"/manual-actions/{action['action_id']}", token)
    assert (completed["status"], completed["outcome"], completed["outcome_note"]) == ("done", "sent", edited)
    assert _tags_once_tagged(api, token, lead["lead_id"], "texted") == ["texted"]
