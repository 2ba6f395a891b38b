"""Templates and messages in the browser: an Admin writes an email template with merge fields in Settings >
Templates and previews it for a contact (the contact's name filled in, the HTML in a sandboxed frame); a
merge field that exists nowhere is named in the preview's error; leaving an edit not saved asks first;
an SMS template counts its characters and parts as typed. From a contact's page the Admin emails the
contact from a template: the email reaches the stack's mail sink with the merged subject and the
contact's Activity tells of it. On a Professional tenant the Admin adds a contact to published
workflows from its page and follows them in its Workflows panel, from Active to Past.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.e2e.billing import on_professional
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import mail_to

# The stack sends queued mail every 5 s; a workflow runs in the background once its event is relayed.
WITHIN_S = 90.0
WITHIN_MS = int(WITHIN_S * 1000)


def _contact(api: Api, account: Account, first_name: str) -> dict[str, Any]:
    """A contact with an address no other test uses."""
    last_name = f"Byron{uuid.uuid4().hex[:6]}"
    email = f"{first_name.lower()}.{last_name.lower()}@example.test"
    return api.create_contact(account.id_token, first_name=first_name, last_name=last_name, email=email)


def _open_templates(page: Page) -> None:
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Templates").click()
    expect(page).to_have_url(re.compile(r"/settings/templates$"))


def _template_rows(page: Page) -> Locator:
    return page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


def test_an_email_template_with_merge_fields_is_previewed_for_a_contact_and_an_sms_is_counted(
    page: Page, api: Api, account: Account
) -> None:
    # Given a contact
    contact = _contact(api, account, "Ada")
    name = f"Ada {contact['last_name']}"
    log_in(page, account.email, account.password)
    _open_templates(page)
    expect(page.get_by_role("heading", name="No templates yet")).to_be_visible()

    # When the Admin writes an email template, putting the first name in the subject from the picker
    page.get_by_role("link", name="New email template").click()
    expect(page.get_by_role("heading", name="New email template")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Welcome")
    subject = page.get_by_label("Subject", exact=True)
    subject.fill("Welcome, ")
    page.get_by_label("Insert a merge field").select_option("{{contact.first_name}}")
    expect(subject).to_have_value("Welcome, {{contact.first_name}}")
    body = page.get_by_label("Body (HTML)")
    body.fill("<p>Hello {{contact.name}}, thanks for your visit.</p>")
    page.get_by_role("button", name="Create template").click()

    # Then it is saved, and opens as its own page
    expect(page.get_by_text("Welcome created")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/settings/templates/[A-Za-z0-9]+$"))
    expect(page.get_by_role("heading", name="Welcome", exact=True)).to_be_visible()

    # When it is previewed for the contact, found by searching
    page.get_by_label("Contact", exact=True).fill(contact["last_name"])
    page.get_by_role("list", name="Matching contacts").get_by_role("button", name=name).click()
    page.get_by_role("button", name=f"Preview for {name}").click()

    # Then the subject and the HTML have the contact's name filled in, in a frame where nothing runs
    card = page.get_by_role("region", name="Preview")
    filled = card.get_by_role("region", name="Filled-in message")
    expect(filled).to_contain_text("Welcome, Ada")
    frame = filled.locator("iframe[title='Email preview']")
    expect(frame).to_have_attribute("sandbox", "")
    expect(frame.content_frame.get_by_text(f"Hello {name}, thanks for your visit.")).to_be_visible()

    # When the body names a merge field that exists nowhere, the preview says which
    body.fill("<p>Hi {{contact.nickname}}</p>")
    page.get_by_role("button", name=f"Preview for {name}").click()
    expect(card.get_by_role("alert")).to_contain_text("merge field that does not exist: nickname")
    expect(filled).to_have_count(0)

    # When another Settings tab is clicked with that change not saved, the page asks first: Stay keeps it
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Contacts", exact=True).click()
    leave = page.get_by_role("dialog", name="Leave without saving?")
    expect(leave).to_contain_text("Your changes are not saved")
    leave.get_by_role("button", name="Stay").click()
    expect(leave).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/settings/templates/[A-Za-z0-9]+$"))
    expect(body).to_have_value("<p>Hi {{contact.nickname}}</p>")
    # And Leave goes without saving it (the list below still shows the saved body)
    page.get_by_role("link", name="← All templates").click()
    leave.get_by_role("button", name="Leave without saving").click()
    expect(page).to_have_url(re.compile(r"/settings/templates$"))

    # When an SMS template is written, its counter follows the typing: 161 GSM characters take 2 parts
    page.get_by_role("link", name="New SMS template").click()
    page.get_by_label("Name", exact=True).fill("Reminder")
    text = page.get_by_label("Text", exact=True)
    text.fill("a" * 160)
    counter = page.get_by_test_id("sms-counter")
    expect(counter).to_have_text("160 characters · 1 part · GSM-7")
    text.press("End")
    text.press_sequentially("b")
    expect(counter).to_have_text("161 characters · 2 parts · GSM-7")
    text.press_sequentially("ê")
    expect(counter).to_have_text("162 characters · 3 parts · Unicode")
    page.get_by_role("button", name="Create template").click()
    expect(page.get_by_text("Reminder created")).to_be_visible()

    # Then the list has both, each with its type and the start of its text, and filters them
    page.get_by_role("link", name="← All templates").click()
    rows = _template_rows(page)
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Reminder")).to_contain_text("SMS")
    expect(rows.filter(has_text="Welcome")).to_contain_text("Email")
    expect(rows.filter(has_text="Welcome")).to_contain_text("Hello {{contact.name}}, thanks for your visit.")
    page.get_by_label("Type").select_option(label="SMS")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Reminder")
    page.get_by_label("Type").select_option(label="All")
    page.get_by_label("Search").fill("welc")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Welcome")


def test_an_email_sent_from_a_contacts_page_arrives_and_shows_in_its_activity(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a contact and an email template written with merge fields
    contact = _contact(api, account, "Grace")
    name = f"Grace {contact['last_name']}"
    api.ok(
        "POST",
        "/message-templates",
        account.id_token,
        json={
            "channel": "email",
            "name": "Thanks for calling",
            "subject": "Thanks, {{contact.first_name}}",
            "body": "<p>Hi {{contact.name}}, here is what we discussed.</p>",
        },
    )
    log_in(page, account.email, account.password)
    page.goto(f"/contacts/{contact['contact_id']}")
    expect(page.get_by_role("heading", name=name)).to_be_visible()

    # When the Admin emails the contact from the template, previewing it first
    page.get_by_role("button", name="Send email").click()
    dialog = page.get_by_role("dialog", name=f"Email {name}")
    expect(dialog).to_contain_text(f"To {contact['email']}")
    dialog.get_by_label("Template").select_option(label="Thanks for calling")
    dialog.get_by_role("button", name="Preview").click()
    expect(dialog.get_by_role("region", name="Filled-in message")).to_contain_text("Thanks, Grace")
    dialog.get_by_role("button", name="Send email").click()

    # Then it is queued, and reaches the mail sink with the merged subject and body
    expect(page.get_by_text(f"Email queued to {contact['email']}")).to_be_visible()
    expect(dialog).to_be_hidden()
    mail = mail_to(stack, contact["email"], timeout=WITHIN_S)
    assert mail["subject"] == "Thanks, Grace", mail
    assert f"Hi {name}, here is what we discussed." in mail["text"], mail

    # And the contact's Activity tells who emailed what to whom
    page.get_by_role("tab", name="Activity").click()
    latest = page.get_by_role("list", name="Activity").get_by_role("listitem").first
    expect(latest).to_contain_text(f"Emailed “Thanks, Grace” to {contact['email']}")
    expect(latest).to_contain_text("by Blair Owner")


def _published(api: Api, token: str, name: str, steps: list[dict[str, Any]]) -> str:
    """A workflow people enrol contacts in by hand, published; its id."""
    definition = {"trigger": {"type": "manual"}, "steps": steps}
    created = api.ok("POST", "/workflows", token, json={"name": name, "definition": definition})
    published = api.ok(
        "POST", f"/workflows/{created['workflow_id']}/publish", token, json={"version": created["version"]}
    )
    assert published["status"] == "published", published
    return str(created["workflow_id"])


def _add_to_workflow(page: Page, name: str, workflow: str) -> None:
    page.get_by_role("button", name="Add to workflow").click()
    dialog = page.get_by_role("dialog", name=f"Add {name} to a workflow")
    dialog.get_by_role("radio", name=workflow).check()
    dialog.get_by_role("button", name="Add to workflow").click()
    expect(page.get_by_text(f"Added {name} to “{workflow}”")).to_be_visible()
    expect(dialog).to_be_hidden()


def test_a_contact_added_to_workflows_from_its_page_shows_them_active_then_past(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional tenant with two published workflows: one tags a contact, one waits 3 days
    token = account.id_token
    on_professional(stack, api.tenant_id(token))
    tagging = _published(
        api, token, "Tag as picked", [{"id": "t", "kind": "add_tag", "tags": ["picked"], "target": "contact"}]
    )
    _published(api, token, "Welcome series", [{"id": "w", "kind": "wait", "minutes": 3 * 24 * 60}])
    contact = _contact(api, account, "Mary")
    name = f"Mary {contact['last_name']}"
    log_in(page, account.email, account.password)
    page.goto(f"/contacts/{contact['contact_id']}")
    panel = page.get_by_role("region", name="Workflows")
    expect(panel).to_contain_text("Not in any workflow now.")

    # When the Admin adds the contact to the tagging workflow
    _add_to_workflow(page, name, "Tag as picked")

    # Then, once it has run, it is among the contact's past workflows, done, and the contact is tagged
    past = (
        panel.get_by_role("list", name="Past workflows")
        .get_by_role("listitem")
        .filter(has_text="Tag as picked")
    )
    expect(past).to_contain_text("Done", timeout=WITHIN_MS)
    expect(past).to_contain_text("Went through every step")
    expect(past).to_contain_text("Enrolled by Blair Owner")
    expect(past.get_by_role("link", name="Tag as picked")).to_have_attribute(
        "href", f"/settings/automation/{tagging}"
    )
    assert "picked" in api.ok("GET", f"/contacts/{contact['contact_id']}", token)["tags"]

    # When the Admin adds the contact to the waiting workflow, it is active, waiting until its time
    _add_to_workflow(page, name, "Welcome series")
    active = panel.get_by_role("list", name="Active workflows").get_by_role("listitem")
    expect(active).to_have_count(1)
    expect(active).to_contain_text("Welcome series")
    expect(active).to_contain_text("Waiting until", timeout=WITHIN_MS)

    # And adding it again to the tagging workflow says why it is not added twice
    page.get_by_role("button", name="Add to workflow").click()
    dialog = page.get_by_role("dialog", name=f"Add {name} to a workflow")
    dialog.get_by_role("radio", name="Tag as picked").check()
    dialog.get_by_role("button", name="Add to workflow").click()
    expect(dialog.get_by_role("alert")).to_contain_text(
        f"{name} was not added to “Tag as picked”: Already enrolled"
    )
