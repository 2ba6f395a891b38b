"""Settings > Custom fields, Custom values and Tags in the browser: add and reorder fields, add a value
and see its placeholder, create, rename and delete a tag; a Sales user reads them without the controls.

Every test works in its own freshly signed-up tenant.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav


def rows(page: Page) -> Locator:
    return page.get_by_role("table").get_by_role("row").filter(has=page.get_by_role("cell"))


def open_settings(page: Page, email: str, password: str, tab: str) -> None:
    log_in(page, email, password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name=tab, exact=True).click()


def add_field(page: Page, label: str, kind: str, options: str = "") -> None:
    page.get_by_role("button", name="Add field").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Label", exact=True).fill(label)
    dialog.get_by_label("Type").select_option(label=kind)
    if options:
        dialog.get_by_label("Options").fill(options)
    dialog.get_by_role("button", name="Save field").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_custom_fields_are_added_reordered_by_drag_and_keep_their_order(page: Page, account: Account) -> None:
    # Given the contact fields, none yet
    open_settings(page, account.email, account.password, "Custom fields")
    expect(page.get_by_role("heading", name="No custom fields for contacts yet")).to_be_visible()

    # When a dropdown with two options and a money field are added
    add_field(page, "Company size", "Dropdown", "Small\nLarge")
    add_field(page, "Budget", "Money")

    # Then both are listed in that order, the dropdown with its options and a key from its label
    expect(rows(page)).to_have_count(2)
    expect(rows(page).nth(0)).to_contain_text("Company size")
    expect(rows(page).nth(0)).to_contain_text("company_size")
    expect(rows(page).nth(0)).to_contain_text("Small, Large")
    expect(rows(page).nth(1)).to_contain_text("Budget")

    # When Budget is dragged onto the first row
    page.get_by_label("Drag Budget").drag_to(rows(page).nth(0))
    expect(rows(page).nth(0)).to_contain_text("Budget")

    # Then after a reload the order is kept
    page.reload()
    expect(rows(page)).to_have_count(2)
    expect(rows(page).nth(0)).to_contain_text("Budget")
    expect(rows(page).nth(1)).to_contain_text("Company size")

    # And the arrows move it back, which is kept too
    page.get_by_role("button", name="Move Budget down").click()
    expect(rows(page).nth(1)).to_contain_text("Budget")
    page.reload()
    expect(rows(page).nth(0)).to_contain_text("Company size")

    # And the company fields are a list of their own
    page.get_by_role("button", name="Companies").click()
    expect(page.get_by_role("heading", name="No custom fields for companies yet")).to_be_visible()


def test_a_custom_field_the_api_refuses_shows_why_in_the_dialog(page: Page, account: Account) -> None:
    open_settings(page, account.email, account.password, "Custom fields")
    add_field(page, "Size", "Text")
    # A second field with the same key is refused before it is sent, next to the key
    page.get_by_role("button", name="Add field").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Label", exact=True).fill("Size")
    dialog.get_by_role("button", name="Save field").click()
    expect(dialog).to_contain_text("Another field already uses the key size")
    # A dropdown without options likewise
    dialog.get_by_label("Key").fill("size_band")
    dialog.get_by_label("Type").select_option(label="Dropdown")
    dialog.get_by_role("button", name="Save field").click()
    expect(dialog).to_contain_text("Give at least one option")


def test_a_custom_value_is_added_with_its_placeholder(page: Page, account: Account) -> None:
    open_settings(page, account.email, account.password, "Custom values")
    form = page.get_by_role("form", name="Add a custom value")
    form.get_by_label("Name").fill("Office phone")
    expect(form.get_by_label("Key")).to_have_value("office_phone")
    form.get_by_label("Value").fill("+1 555 0100")
    form.get_by_role("button", name="Add value").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("{{custom_values.office_phone}}")
    expect(rows(page).first).to_contain_text("+1 555 0100")
    # A second value with the same key is refused next to the key
    form.get_by_label("Name").fill("Other phone")
    form.get_by_label("Key").fill("office_phone")
    form.get_by_role("button", name="Add value").click()
    expect(form).to_contain_text("already has the key office_phone")


def test_a_tag_is_created_renamed_and_deleted(page: Page, account: Account) -> None:
    open_settings(page, account.email, account.password, "Tags")
    # Create
    form = page.get_by_role("form", name="Add a tag")
    form.get_by_label("New tag").fill("Hot lead")
    form.get_by_label("Color").select_option(label="Red")
    form.get_by_role("button", name="Create tag").click()
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Hot lead")
    # Rename
    page.get_by_role("button", name="Rename Hot lead").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Warm lead")
    dialog.get_by_role("button", name="Save tag").click()
    expect(rows(page).first).to_contain_text("Warm lead")
    expect(page.get_by_role("table")).not_to_contain_text("Hot lead")
    # Delete, after a confirmation saying what carries it
    page.get_by_role("button", name="Delete Warm lead").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("No contact, company or lead carries Warm lead.")
    dialog.get_by_role("button", name="Delete tag").click()
    expect(page.get_by_role("heading", name="No tags yet")).to_be_visible()


def test_a_sales_user_reads_the_settings_without_write_controls(
    page: Page, api: Api, account: Account
) -> None:
    # Given a field and a tag, and a Sales user of the account
    api.ok(
        "PUT",
        "/custom-fields/contact",
        account.id_token,
        json={"fields": [{"key": "size", "label": "Size", "type": "text"}], "version": 0},
    )
    api.ok("POST", "/tags", account.id_token, json={"name": "VIP"})
    email = f"sales-{account.email}"
    api.ok(
        "POST",
        "/users",
        account.id_token,
        json={"email": email, "name": "Sam Sales", "role": "Sales", "password": PASSWORD},
    )
    # When they open the pages, then they see them, without a way to change them
    open_settings(page, email, PASSWORD, "Custom fields")
    expect(rows(page).first).to_contain_text("Size")
    expect(page.get_by_role("button", name="Add field")).to_have_count(0)
    expect(page.get_by_role("button", name="Edit Size")).to_have_count(0)
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Tags", exact=True).click()
    expect(rows(page).first).to_contain_text("VIP")
    expect(page.get_by_role("button", name="Delete VIP")).to_have_count(0)
    expect(page.get_by_role("form", name="Add a tag")).to_have_count(0)
