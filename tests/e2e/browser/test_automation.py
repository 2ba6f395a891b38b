"""Settings > Automation in the browser: a Professional Admin builds a workflow (form submitted → send an
email template → create a call task), saves and publishes it; a visitor sends the form on its hosted
page, the email reaches the mail sink, the task is on the Tasks page and the History tab shows the
enrolment done with its steps. A test run of a draft says what would happen and sends nothing. A
Starter Admin sees Automation locked with the way to upgrade, and no way to create a workflow."""

from __future__ import annotations

import re
from typing import Any

import boto3
from boto3.dynamodb.conditions import Key
from playwright.sync_api import Locator, Page, expect

from tests.e2e.billing import on_professional
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import eventually, sink_messages

THANKS = "Thanks! We will be in touch today."
# The workflow runs from the event stream, and the scheduler sends queued mail every few seconds.
WORKFLOW_WITHIN_S = 120.0


def _queued_messages(stack: dict[str, Any], tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's outgoing mail that templates made (kind `message`), queued or sent."""
    table = boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )
    found = table.query(KeyConditionExpression=Key("PK").eq(f"T#{tenant_id}#MAIL"), ConsistentRead=True)
    return [item for item in found["Items"] if item.get("kind") == "message"]


def email_template(api: Api, account: Account, name: str) -> dict[str, Any]:
    body = {
        "channel": "email",
        "name": name,
        "subject": "Thanks {{contact.first_name}}",
        "body": "<p>Hello {{contact.first_name}}, we will call you today.</p>",
    }
    template: dict[str, Any] = api.ok("POST", "/message-templates", account.id_token, json=body)
    return template


def professional_account(api: Api, stack: dict[str, Any], account: Account) -> str:
    """The account on Professional (automation); its tenant id."""
    tenant_id = api.tenant_id(account.id_token)
    on_professional(stack, tenant_id)
    return tenant_id


def open_automation(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Automation").click()
    expect(page.get_by_role("heading", name="Automation", exact=True)).to_be_visible()


def add_step(page: Page, kind: str, where: str = "Add step at the end") -> None:
    page.get_by_role("button", name=where, exact=True).click()
    page.get_by_role("menu", name=where).get_by_role("menuitem", name=kind, exact=True).click()


def step(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def test_an_admin_builds_and_publishes_a_workflow_that_emails_and_tasks_a_form_lead(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional account with an email template and a published form
    professional_account(api, stack, account)
    email_template(api, account, "Welcome email")
    form = api.publish_form(
        account.id_token,
        name="Free roof inspection",
        fields=[
            {"name": "name", "type": "text", "label": "Your name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
        ],
        min_fill_seconds=1,
        submit_label="Book my inspection",
        thank_you_message=THANKS,
    )

    # When the Admin creates a workflow from Settings > Automation
    open_automation(page, account)
    page.get_by_role("button", name="New workflow").click()
    dialog = page.get_by_role("dialog", name="New workflow")
    dialog.get_by_label("Name").fill("Welcome form leads")
    dialog.get_by_role("button", name="Create workflow").click()
    expect(page).to_have_url(re.compile(r"/settings/automation/[^/]+$"))
    header = page.get_by_role("form", name="Workflow")
    expect(header.get_by_role("heading", name="Welcome form leads")).to_be_visible()
    expect(header).to_contain_text("Draft")
    # a workflow without steps cannot be published yet
    expect(header.get_by_role("button", name="Publish")).to_be_disabled()

    # And starts it when the form is submitted, emails the template, then tasks the Admin to call
    trigger = page.get_by_role("region", name="Trigger")
    trigger.get_by_label("Starts when").select_option(label="Form submitted")
    trigger.get_by_label("Form", exact=True).select_option(label="Free roof inspection")
    add_step(page, "Send email")
    email = step(page, "Step 1: Send email")
    email.get_by_label("Email template").select_option(label="Welcome email")
    expect(email).to_contain_text("Email “Welcome email” to the contact")
    add_step(page, "Create task")
    task = step(page, "Step 2: Create task")
    task.get_by_label("Task title").fill("Call Pia Berg")
    task.get_by_label("Assign to").select_option(label="Blair Owner (Admin)")
    expect(task).to_contain_text("Create the task “Call Pia Berg” for Blair Owner, due in 1 day")

    # And saves the draft, then publishes it
    expect(header).to_contain_text("Unsaved changes")
    header.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").filter(has_text="Draft saved")).to_be_visible()
    expect(header).not_to_contain_text("Unsaved changes")
    header.get_by_role("button", name="Publish").click()
    confirm = page.get_by_role("dialog", name="Publish Welcome form leads?")
    expect(confirm).to_contain_text("version 1")
    confirm.get_by_role("button", name="Publish").click()
    expect(header).to_contain_text("Published v1")
    # publishing again needs a change to the draft
    expect(header.get_by_role("button", name="Publish")).to_be_disabled()
    workflow_url = page.url
    saved = api.ok("GET", "/workflows?status=published", account.id_token)["items"]
    assert [(w["name"], w["trigger_type"], w["live_version"]) for w in saved] == [
        ("Welcome form leads", "form_submitted", 1)
    ]
    steps = saved[0]["live"]["steps"]
    assert [s["kind"] for s in steps] == ["send_email", "create_task"]
    assert saved[0]["live"]["trigger"]["form_id"] == form["form_id"]

    # When a visitor sends the form on its hosted page
    visitor = page.context.new_page()
    visitor.goto(f"{api.base_url}/{form['hosted_path'].lstrip('/')}")
    visitor.get_by_label("Your name").fill("Pia Berg")
    visitor.get_by_label("Email").fill("pia.berg@example.test")
    visitor.wait_for_timeout(1100)  # a person takes longer than the form's minimum fill time
    visitor.get_by_role("button", name="Book my inspection").click()
    expect(visitor.get_by_role("status")).to_have_text(THANKS)
    visitor.close()

    # Then the template's email reaches her, merged with her name
    mail = eventually(
        lambda: next(
            (
                m
                for m in sink_messages(stack)
                if "pia.berg@example.test" in m["to"] and m["subject"] == "Thanks Pia"
            ),
            None,
        ),
        "the workflow's email to pia.berg@example.test",
        timeout=WORKFLOW_WITHIN_S,
    )
    assert "Hello Pia, we will call you today." in mail["text"]

    # And the Admin's Tasks page has the call task
    main_nav(page).get_by_role("link", name="Tasks").click()
    expect(page.get_by_role("heading", name="Tasks", exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Call Pia Berg")).to_be_visible()

    # And the workflow's History tab shows her enrolment done, with each step and what it did
    page.goto(workflow_url)
    page.get_by_role("tab", name="History").click()
    history = page.get_by_role("region", name="History")
    row = history.get_by_role("row").filter(has_text="Pia Berg")
    expect(row).to_contain_text("Done")
    expect(row.get_by_role("link", name="Pia Berg")).to_have_attribute("href", re.compile(r"^/leads/"))
    row.get_by_role("button", name="View the steps of Pia Berg").click()
    enrolment = page.get_by_role("dialog", name="Enrolment of Pia Berg")
    step_rows = enrolment.get_by_role("table").get_by_role("row")
    expect(step_rows).to_have_count(3)  # the header and two steps
    expect(step_rows.nth(1)).to_contain_text("Step 1: Send email")
    expect(step_rows.nth(1)).to_contain_text("Emailed “Thanks Pia” to pia.berg@example.test")
    expect(step_rows.nth(2)).to_contain_text("Step 2: Create task")
    expect(step_rows.nth(2)).to_contain_text("Created the task “Call Pia Berg” for Blair Owner")
    expect(enrolment.get_by_role("button", name="End enrolment")).to_have_count(0)  # it is over
    enrolment.get_by_role("button", name="Close").click()

    # And the builder's cards count what the published version did
    page.get_by_role("tab", name="Builder").click()
    for number, kind in ((1, "Send email"), (2, "Create task")):
        counts = step(page, f"Step {number}: {kind}").get_by_role(
            "list", name=f"Step {number} in the published version"
        )
        expect(counts.get_by_role("listitem")).to_have_text(["Waiting 0", "Done 1", "Failed 0", "Skipped 0"])


def test_a_test_run_of_a_draft_says_what_would_happen_and_sends_nothing(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a draft that emails a contact and tags them, and a contact to try it with
    tenant_id = professional_account(api, stack, account)
    template = email_template(api, account, "Hello")
    contact = api.create_contact(
        account.id_token, first_name="Tess", last_name="Tester", email="tess@example.test"
    )
    definition = {
        "trigger": {"type": "manual"},
        "steps": [
            {"id": "email-1", "kind": "send_email", "template_id": template["template_id"]},
            {"id": "tag-1", "kind": "add_tag", "tags": ["tested"], "target": "contact"},
        ],
    }
    draft = api.ok("POST", "/workflows", account.id_token, json={"name": "Try me", "definition": definition})

    # When the Admin test-runs it with that contact
    open_automation(page, account)
    page.get_by_role("link", name="Try me", exact=True).click()
    expect(step(page, "Step 1: Send email")).to_contain_text("Email “Hello” to the contact")
    page.get_by_role("button", name="Test run").click()
    dialog = page.get_by_role("dialog", name="Test run")
    dialog.get_by_label("Contact", exact=True).fill("Tess")
    dialog.get_by_role("list", name="Matching contacts").get_by_role("button", name="Tess Tester").click()
    dialog.get_by_role("button", name="Run test").click()

    # Then it lists what each step would do, and says nothing was sent or changed
    result = dialog.get_by_role("region", name="Test run result")
    expect(result.get_by_role("status")).to_have_text(
        "This was a test with Tess Tester: nothing was sent and no record was changed."
    )
    steps = result.get_by_role("list", name="What each step would do").get_by_role("listitem")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("Step 1: Send email")
    expect(steps.nth(0)).to_contain_text("Would run")
    expect(steps.nth(0)).to_contain_text("Would email “Thanks Tess” to tess@example.test")
    expect(steps.nth(1)).to_contain_text("Would add tested on the contact")
    dialog.get_by_role("button", name="Close").click()

    # And nothing happened: no email was queued, the contact has no tag, no one was enrolled
    assert _queued_messages(stack, tenant_id) == []
    assert api.ok("GET", f"/contacts/{contact['contact_id']}", account.id_token)["tags"] == []
    assert api.ok("GET", f"/workflows/{draft['workflow_id']}", account.id_token)["enrolled"] == 0
    # And the History tab keeps the run, marked as a test of the draft, linked to the contact
    page.get_by_role("tab", name="History").click()
    rows = page.get_by_role("region", name="History").get_by_role("row")
    expect(rows).to_have_count(2)  # the header and the test run
    expect(rows.nth(1)).to_contain_text("Test")
    expect(rows.nth(1)).to_contain_text("Draft")
    expect(rows.nth(1)).to_contain_text("Done")
    expect(rows.nth(1).get_by_role("link")).to_have_attribute("href", f"/contacts/{contact['contact_id']}")


def test_a_starter_admin_sees_automation_locked_with_the_upgrade(
    page: Page, api: Api, account: Account
) -> None:
    # Given an account on the Starter plan (its trial)
    refused = api.call("POST", "/workflows", account.id_token, json={"name": "Not on this plan"})
    assert refused.status_code == 402 and refused.json()["error"]["code"] == "plan_feature_required"

    # When its Admin opens Settings > Automation
    open_automation(page, account)

    # Then the page says Automation is part of Professional, with the way to upgrade
    lock = page.get_by_role("region", name="Automation is part of the Professional plan")
    expect(lock).to_be_visible()
    expect(lock.get_by_role("link", name="Upgrade to Professional")).to_have_attribute("href", "/billing")
    # And offers no way to create a workflow
    expect(page.get_by_role("heading", name="No workflows yet")).to_be_visible()
    expect(page.get_by_role("button", name="New workflow")).to_have_count(0)
    expect(page.get_by_role("button", name="Create a workflow")).to_have_count(0)

    # And the upgrade link leads to the Billing page
    lock.get_by_role("link", name="Upgrade to Professional").click()
    expect(page).to_have_url(re.compile(r"/billing$"))


def test_a_wait_until_a_condition_holds_goes_on_when_the_lead_changes_and_timed_triggers_are_offered(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional account
    professional_account(api, stack, account)

    # When the Admin builds "lead created → wait until its value is over 1,000 (at most 2 days) → tag it"
    open_automation(page, account)
    page.get_by_role("button", name="New workflow").click()
    dialog = page.get_by_role("dialog", name="New workflow")
    dialog.get_by_label("Name").fill("Big deals")
    dialog.get_by_role("button", name="Create workflow").click()
    header = page.get_by_role("form", name="Workflow")
    expect(header.get_by_role("heading", name="Big deals")).to_be_visible()
    page.get_by_role("region", name="Trigger").get_by_label("Starts when").select_option(label="Lead created")
    add_step(page, "Wait")
    wait = step(page, "Step 1: Wait")
    wait.get_by_role("radio", name="Until conditions hold").check()
    condition = wait.get_by_role("group", name="Condition 1")
    condition.get_by_label("Field").select_option(label="Lead value")
    condition.get_by_label("Operator").select_option(label="is more than")
    condition.get_by_label("Value").fill("1000")
    wait.get_by_label("Or at most after: amount").fill("2")
    wait.get_by_label("Or at most after: unit").select_option(label="days")
    add_step(page, "Add tag")
    tag = step(page, "Step 2: Add tag")
    tag.get_by_label("Tags", exact=True).fill("big-deal")
    tag.get_by_label("Tags", exact=True).press("Enter")
    expect(wait).to_contain_text("Wait until Lead value is more than 1000, at most 2 days")
    header.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").filter(has_text="Draft saved")).to_be_visible()
    header.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog", name="Publish Big deals?").get_by_role("button", name="Publish").click()
    expect(header.get_by_role("button", name="Publish")).to_be_disabled()

    # And a lead arrives worth 200: its enrolment waits; raised to 5,000 it goes on at once and is tagged
    created = api.ok(
        "POST",
        "/leads",
        account.id_token,
        json={"first_name": "Vera", "email": "vera@example.test", "value": "200"},
    )
    workflow_id = re.search(r"/settings/automation/([^/?#]+)", page.url)
    assert workflow_id is not None

    def enrolment(status: str) -> dict[str, Any] | None:
        page_ = api.ok("GET", f"/workflows/{workflow_id.group(1)}/enrolments", account.id_token)
        return next((e for e in page_["items"] if e["status"] == status), None)

    eventually(lambda: enrolment("waiting"), "the enrolment to wait", timeout=WORKFLOW_WITHIN_S)
    current = api.ok("GET", f"/leads/{created['lead_id']}", account.id_token)
    api.ok(
        "PATCH",
        f"/leads/{created['lead_id']}",
        account.id_token,
        json={"value": "5000", "version": current["version"]},
    )
    eventually(lambda: enrolment("done"), "the enrolment to go on", timeout=WORKFLOW_WITHIN_S)
    assert api.ok("GET", f"/leads/{created['lead_id']}", account.id_token)["tags"] == ["big-deal"]
    page.get_by_role("tab", name="History").click()
    history = page.get_by_role("region", name="History")
    history.get_by_role("row").filter(has_text="Vera").get_by_role(
        "button", name="View the steps of Vera"
    ).click()
    steps = page.get_by_role("dialog", name="Enrolment of Vera")
    expect(steps).to_contain_text("The conditions hold: went on")
    steps.get_by_role("button", name="Close").click()

    # And the time-based triggers are offered with their options
    page.get_by_role("tab", name="Builder").click()
    trigger = page.get_by_role("region", name="Trigger")
    trigger.get_by_label("Starts when").select_option(label="No activity on an open lead")
    expect(trigger.get_by_label("Days without activity")).to_have_value("7")
    trigger.get_by_label("Starts when").select_option(label="A date field reached")
    trigger.get_by_label("Date of the").select_option(label="Lead")
    expect(trigger.get_by_label("Date field")).to_contain_text("Close date")
    trigger.get_by_label("Starts when").select_option(label="Conversion failed or not sent")
    trigger.get_by_label("Which").select_option(label="Not sent: the won lead has no value")
    expect(trigger.get_by_label("Platform")).to_have_value("")
