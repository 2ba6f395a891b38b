"""A contact's custom fields and Activity, and a lead's timeline: custom fields filled in on the
contact form and shown by their labels; a rep's edit of the role and tags in the contact's Activity
with who made it; a lead's value edit and its assignment with the "Notified" line inside it; two
submissions of a hosted form by one visitor making two leads of one contact.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in

# The notifier hears of a change through the stream relay, EventBridge and SQS; the lead's timeline
# reads itself again every 5 s while its last entry is recent.
FAN_OUT_MS = 40_000
THANKS = "Thanks! We will call you today."


def entries(scope: Page, name: str) -> Locator:
    return scope.get_by_role("list", name=name).get_by_role("listitem")


def rows(scope: Locator) -> Locator:
    return scope.get_by_role("table").get_by_role("row").filter(has=scope.page.get_by_role("cell"))


def test_custom_fields_are_filled_in_on_the_contact_form_and_shown_by_their_labels(
    page: Page, api: Api, account: Account
) -> None:
    # Given a required dropdown and a number field for contacts, and a company
    token = account.id_token
    api.define_custom_fields(
        token,
        "contact",
        [
            {
                "key": "size",
                "label": "Company size",
                "type": "dropdown",
                "options": ["Small", "Large"],
                "required": True,
            },
            {"key": "seats", "label": "Seats", "type": "number"},
        ],
    )
    company = api.create_company(token, name="Harbor Bakery")
    log_in(page, account.email, account.password)

    # When a contact is added with the company, leaving the required field empty
    page.goto(f"/contacts/new?company_id={company['company_id']}")
    expect(page.get_by_role("heading", name="New contact")).to_be_visible()
    page.get_by_label("First name").fill("Mira")
    page.get_by_label("Last name").fill("Santos")
    page.get_by_label("Email", exact=True).fill("mira@harbor-bakery.example")
    page.get_by_label("Seats").fill("12")
    page.get_by_role("button", name="Add contact").click()
    # Then the API's message shows next to that field's input
    size = page.get_by_label("Company size")
    expect(size).to_have_attribute("aria-invalid", "true")
    expect(size).to_have_accessible_description("Company size is required")

    # When it is filled in, the contact is added
    size.select_option("Large")
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_role("heading", name="Mira Santos")).to_be_visible()

    # Then Additional info shows the fields by their labels, in the definitions' order
    page.get_by_role("tab", name="Additional info").click()
    fields = page.get_by_role("tabpanel").get_by_role("group", name="Custom fields")
    expect(fields.get_by_role("term")).to_have_text(["Company size", "Seats"])
    expect(fields.get_by_role("definition")).to_have_text(["Large", "12"])
    expect(page.get_by_text("Other fields")).to_have_count(0)

    # And an older free-form value, which no definition names, shows apart under its key
    contact_id = page.url.split("/contacts/")[1].split("?")[0]
    contact = api.ok("GET", f"/contacts/{contact_id}", token)
    custom = {**contact["custom_fields"], "legacy_ref": "HB-7"}
    api.ok(
        "PATCH",
        f"/contacts/{contact_id}",
        token,
        json={"custom_fields": custom, "version": contact["version"]},
    )
    page.reload()
    other = page.get_by_role("tabpanel").get_by_role("group", name="Other fields")
    expect(other).to_contain_text("legacy_ref")
    expect(other).to_contain_text("HB-7")

    # And the company's page lists the contact and tells of the company's own creation
    page.goto(f"/companies/{company['company_id']}")
    expect(page.get_by_role("list", name="Contacts of this company")).to_contain_text("Mira Santos")
    expect(entries(page, "Activity").last).to_contain_text("Company added by Blair Owner")


def test_a_role_and_tags_edit_shows_in_the_activity_with_its_editor(
    page: Page, api: Api, account: Account
) -> None:
    # Given a contact tagged vip
    contact = api.create_contact(account.id_token, first_name="Otto", last_name="Lind", tags=["vip"])
    log_in(page, account.email, account.password)
    page.goto(f"/contacts/{contact['contact_id']}")
    expect(page.get_by_role("link", name="Merge…")).to_have_attribute(
        "href", f"/contacts/merge?survivor={contact['contact_id']}"
    )

    # When a rep makes it a Prospect and adds a tag
    page.get_by_role("link", name="Edit contact").click()
    page.get_by_label("Role").select_option(label="Prospect")
    page.get_by_label("Tags", exact=True).fill("vip, golf")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Contact saved")).to_be_visible()

    # Then the Activity, newest first, shows the change with each field's old and new value and who
    page.get_by_role("tab", name="Activity").click()
    expect(page.get_by_role("tabpanel")).to_contain_text("Newest first")
    latest = entries(page, "Activity").first
    expect(latest).to_contain_text("Contact changed by Blair Owner")
    expect(latest).to_contain_text("Role: Lead → Prospect")
    expect(latest).to_contain_text("Tags: vip → vip, golf")
    expect(entries(page, "Activity").last).to_contain_text("Contact added by Blair Owner")


def test_a_leads_timeline_shows_a_value_edit_and_who_was_told_of_an_assignment(
    page: Page, api: Api, account: Account
) -> None:
    # Given a lead worth 100 and a Sales user of the account
    token = account.id_token
    lead = api.create_lead(token, first_name="Ines", last_name="Roth", value="100")
    sales = api.add_user(token, "Sales", "Sam Sales")
    log_in(page, account.email, account.password)
    page.goto(f"/leads/{lead['lead_id']}")

    # When its value is edited on the lead's form
    page.get_by_role("link", name="Edit lead").click()
    page.get_by_label("Value").fill("250")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Lead saved")).to_be_visible()
    # Then the timeline shows the edit, the value as money
    edit = entries(page, "Timeline").filter(has_text="Value:")
    expect(edit).to_contain_text(re.compile(r"Value: \D*100 → \D*250"))
    expect(edit).to_contain_text("Edited")
    expect(edit).to_contain_text("by Blair Owner")

    # When the lead is assigned to the Sales user (elsewhere, through the API)
    current = api.ok("GET", f"/leads/{lead['lead_id']}", token)
    api.update_lead(token, lead["lead_id"], owner_id=sales["user_id"], version=current["version"])
    page.reload()
    # Then the assignment's entry names the new owner, and in time says who was told of it
    assignment = entries(page, "Timeline").filter(has_text="Owner:")
    expect(assignment).to_contain_text("→ Sam Sales")
    expect(assignment).to_contain_text("Notified Sam Sales: New lead assigned to you", timeout=FAN_OUT_MS)
    expect(entries(page, "Timeline").filter(has_text="Notified")).to_have_count(1)


def test_two_submissions_of_a_hosted_form_by_one_visitor_are_two_leads_of_one_contact(
    page: Page, api: Api, account: Account
) -> None:
    # Given a published form that opens a new lead for each submission, even from a known person
    form = api.publish_form(
        account.id_token,
        name="Free roof inspection",
        fields=[
            {"name": "name", "type": "text", "label": "Your name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
            {
                "name": "service",
                "type": "select",
                "label": "What do you need?",
                "options": ["Roof repair", "Gutters"],
            },
        ],
        duplicates="create",
        min_fill_seconds=1,
        submit_label="Book my inspection",
        thank_you_message=THANKS,
    )
    hosted = f"{api.base_url}/{form['hosted_path'].lstrip('/')}"

    # When one visitor sends it twice from its hosted page, asking for two things
    for service in ("Roof repair", "Gutters"):
        page.goto(hosted)
        page.get_by_label("Your name").fill("Pia Berg")
        page.get_by_label("Email").fill("pia.berg@example.test")
        page.get_by_label("What do you need?").select_option(service)
        page.wait_for_timeout(1100)  # a person takes longer than the form's minimum fill time
        page.get_by_role("button", name="Book my inspection").click()
        expect(page.get_by_role("status")).to_have_text(THANKS)

    # Then there are two leads, of one contact
    found = api.ok("GET", "/leads?q=pia.berg@example.test", account.id_token)["items"]
    assert len(found) == 2, found
    assert found[0]["contact_id"] == found[1]["contact_id"]

    # And the contact's Leads tab lists both
    log_in(page, account.email, account.password)
    page.goto(f"/contacts/{found[0]['contact_id']}")
    expect(page.get_by_role("heading", name="Pia Berg")).to_be_visible()
    page.get_by_role("tab", name="Leads (2)").click()
    expect(rows(page.get_by_role("tabpanel"))).to_have_count(2)

    # And a lead's page shows what the visitor answered, on its submission and in its timeline
    rows(page.get_by_role("tabpanel")).first.get_by_role("link").first.click()
    submissions = page.get_by_role("region", name="Form submissions")
    expect(submissions.get_by_role("term").first).to_have_text("Your name")
    expect(submissions).to_contain_text("What do you need?")
    submitted = entries(page, "Timeline").filter(has_text="Submitted a form")
    expect(submitted.get_by_role("group", name="Answers")).to_contain_text("Pia Berg")
