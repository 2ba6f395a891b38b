"""The form builder in Chromium: an Admin builds a form (a required email, a dropdown, a field mapped
to the lead's company, a consent box, a target stage, a fixed owner and a value for its leads),
watches the live preview follow the edits, publishes it and copies its site tag and form tag; a
visitor sends it from the hosted page with an ad click in the URL; the submission shows in the form's
Submissions view and the lead in the lead list, worth the form's value, with that click on its page."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.browser.api import Account
from tests.e2e.browser.conftest import log_in, main_nav

AD_QUERY = "gclid=Cj0KCQ-builder-click&utm_source=google&utm_medium=cpc&utm_campaign=spring-roofs"
THANKS = "Thanks! We will call you today."


def field_card(page: Page, position: int) -> Locator:
    return page.get_by_role("group", name=re.compile(rf"^Field {position}:"))


def add_field(page: Page, kind: str, position: int) -> Locator:
    page.get_by_label("New field type").select_option(label=kind)
    page.get_by_role("button", name="Add field").click()
    card = field_card(page, position)
    expect(card).to_be_visible()
    return card


def test_build_publish_embed_and_receive_a_form(
    page: Page, context: BrowserContext, web_url: str, account: Account
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web_url)
    log_in(page, account.email, account.password)

    # Given an Admin on the empty Forms page
    main_nav(page).get_by_role("link", name="Forms").click()
    expect(page.get_by_role("heading", name="No forms yet")).to_be_visible()
    page.get_by_role("link", name="New form").click()
    expect(page.get_by_role("heading", name="New form")).to_be_visible()
    preview = page.get_by_role("region", name="Live preview")

    # When they name the form and add a dropdown, a company field and a consent box
    page.get_by_label("Form name").fill("Free roof inspection")
    expect(preview.get_by_label("Email *")).to_be_visible()  # the default required email
    roof = add_field(page, "Dropdown", 4)
    roof.get_by_label("Label", exact=True).fill("Roof type")
    roof.get_by_label("Options (one per line)").fill("Tile\nMetal\nFlat")
    roof.get_by_label("Required").check()
    roof.get_by_label("Custom field key").fill("roof_type")
    # Then the live preview renders the dropdown as the snippet would, with its options
    roof_preview = preview.get_by_label("Roof type *")
    expect(roof_preview).to_be_visible()
    expect(roof_preview.locator("option")).to_have_text(["Choose…", "Tile", "Metal", "Flat"])

    company = add_field(page, "Text", 5)
    company.get_by_label("Label", exact=True).fill("Company")
    company.get_by_label("Saves to").select_option(label="Company")
    expect(company.get_by_label("Field name")).to_have_value("company")
    consent = add_field(page, "Ad consent checkbox", 6)
    consent.get_by_label("Label", exact=True).fill("You may use my data for ads")
    expect(preview.get_by_label("You may use my data for ads")).to_be_visible()

    # When the dropdown moves up above the phone field, the preview follows
    page.get_by_role("button", name="Move Roof type up").click()
    expect(preview.locator(".preview-field > label")).to_have_text(
        ["Name *", "Email *", "Roof type *", "Phone", "Company", "You may use my data for ads"]
    )

    # When they send leads to the Qualified stage, owned by themselves, and write the thank-you
    page.get_by_label("Stage").select_option(label="Qualified")
    page.get_by_role("radio", name="A fixed user").check()
    page.get_by_label("Owner", exact=True).select_option(label=f"{account.name} (Admin)")
    page.get_by_label("Value of each new lead").fill("1500")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Thank-you message").fill(THANKS)
    page.get_by_label("Submit button text").fill("Book my inspection")
    expect(preview.get_by_role("button", name="Book my inspection")).to_be_visible()

    # And a label left empty is refused by the API, with its message under that field's input
    company = field_card(page, 5)
    company.get_by_label("Label", exact=True).fill("")
    page.get_by_role("button", name="Create form").click()
    expect(page.get_by_role("alert").filter(has_text="The form was not saved")).to_be_visible()
    empty_label = company.get_by_label("Label", exact=True)
    expect(empty_label).to_have_attribute("aria-invalid", "true")
    expect(company).to_contain_text("This field cannot be empty")

    # When it is fixed and the form created, it is a draft with its embed codes
    empty_label.fill("Company")
    page.get_by_role("button", name="Create form").click()
    expect(page).to_have_url(re.compile(r"/forms/[0-9A-Z]+$"))
    form_id = page.url.rsplit("/", 1)[-1]
    expect(page.get_by_role("heading", name="Free roof inspection")).to_be_visible()
    expect(page.get_by_text("Draft", exact=True).first).to_be_visible()

    # When they publish it and copy the site tag, for every page of their site
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Published", exact=True).first).to_be_visible()
    embed = page.get_by_role("region", name="Embed")
    expect(embed).to_contain_text("Put this on every page of your site, and the form where you want it.")
    embed.get_by_role("button", name="Copy site tag").click()
    expect(page.get_by_role("status").filter(has_text="Copied to the clipboard").first).to_be_visible()
    site_tag = page.evaluate("navigator.clipboard.readText()")
    assert f'src="{web_url}/embed/convertly.js"' in site_tag
    assert "data-api=" in site_tag and "data-form" not in site_tag
    # And the form tag, for where the form goes
    embed.get_by_role("button", name="Copy form tag").click()
    page.wait_for_function(f"async () => (await navigator.clipboard.readText()).includes('{form_id}')")
    copied = page.evaluate("navigator.clipboard.readText()")
    # Then the clipboard has the snippet's tag for this form
    assert f'data-form="{form_id}"' in copied
    assert f'src="{web_url}/embed/convertly.js"' in copied
    assert "data-api=" in copied
    assert f"/f/{form_id}" in embed.get_by_label("HTML form").input_value()
    assert 'convertly("consent", "granted")' in embed.get_by_label("Cookie consent").input_value()

    # When a label is changed and the Admin leaves by the navigation, they are asked first
    hosted = embed.get_by_role("link", name=re.compile(rf"{form_id}$")).get_attribute("href")
    assert hosted
    field_card(page, 1).get_by_label("Label", exact=True).fill("Your name")
    expect(page.get_by_text("Unsaved changes").first).to_be_visible()
    main_nav(page).get_by_role("link", name="Forms").click()
    leave = page.get_by_role("dialog", name="Leave without saving?")
    expect(leave).to_contain_text("Your changes are not saved")
    # Stay keeps the change on the page
    leave.get_by_role("button", name="Stay").click()
    expect(leave).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/forms/{form_id}$"))
    expect(field_card(page, 1).get_by_label("Label", exact=True)).to_have_value("Your name")
    # Leave goes to the form list, and the change is not saved
    main_nav(page).get_by_role("link", name="Forms").click()
    leave.get_by_role("button", name="Leave without saving").click()
    expect(page.get_by_role("heading", name="Forms", exact=True)).to_be_visible()

    # When a visitor, in a browser of their own, opens the hosted page from an ad and sends it
    assert context.browser is not None
    visitor_context = context.browser.new_context(timezone_id="UTC")
    try:
        visitor = visitor_context.new_page()
        visitor.goto(f"{hosted}?{AD_QUERY}")
        expect(visitor.get_by_role("heading", name="Free roof inspection")).to_be_visible()
        expect(visitor.get_by_label("Your name")).to_have_count(0)
        visitor.get_by_label("Name").fill("Quinn Harper")
        visitor.get_by_label("Email").fill("quinn.harper@example.test")
        visitor.get_by_label("Roof type").select_option("Metal")
        visitor.get_by_label("Company").fill("Harper Bakery")
        visitor.get_by_label("You may use my data for ads").check()
        visitor.wait_for_timeout(3200)  # a person takes longer than the form's minimum fill time
        visitor.get_by_role("button", name="Book my inspection").click()
        # Then they are thanked
        expect(visitor.get_by_role("status")).to_have_text(THANKS)
    finally:
        visitor_context.close()

    # And the form's Submissions view shows it, with the lead, the ad click and no spam flag
    page.goto(f"{web_url}/forms")
    page.get_by_role("link", name="Submissions of Free roof inspection").click()
    expect(page.get_by_role("heading", name="Submissions: Free roof inspection")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Quinn Harper")
    expect(row).to_contain_text("google / cpc / spring-roofs")
    expect(row).to_contain_text("gclid: Cj0KCQ-builder-click")
    expect(row).to_contain_text("Not spam")
    expect(row).to_contain_text("New lead")

    # And the lead list has the lead in the form's stage, whose page shows the first touch
    main_nav(page).get_by_role("link", name="Leads").click()
    lead_row = page.get_by_role("row").filter(has_text="Quinn Harper")
    expect(lead_row).to_contain_text("Qualified")
    expect(lead_row).to_contain_text("Harper Bakery")
    expect(lead_row).to_contain_text("€1,500")  # the form's value for its leads
    lead_row.get_by_role("link", name="Quinn Harper").click()
    attribution = page.get_by_role("region", name="Attribution")
    first_touch = attribution.get_by_role("region", name="First touch")
    for value in ("Cj0KCQ-builder-click", "spring-roofs", f"/f/{form_id}?gclid=Cj0KCQ-builder-click"):
        expect(first_touch).to_contain_text(value)
    expect(first_touch).to_contain_text("Consent for ad data use")
    expect(first_touch.get_by_role("definition").filter(has_text="Granted")).to_have_count(2)
    expect(page.get_by_role("region", name="Deal")).to_contain_text(account.name)  # the fixed owner
