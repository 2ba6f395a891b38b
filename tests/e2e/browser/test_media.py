"""The media library in the browser: an Admin uploads a PDF in Settings > Media, previews and renames
it, attaches it to a new email template from the library (uploading a second file right there in the
picker), sends the template from a contact's page and the email reaches the mail sink with both files;
deleting the file from the library then shows it missing on the template.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import mail_to

PDF = b"%PDF-1.4\n% Spring offer\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CSV = b"item,price\nroof repair,4200\n"
WITHIN_S = 90.0  # the stack sends queued mail every 5 s


def _open_settings(page: Page, tab: str) -> None:
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name=tab).click()


def test_a_file_uploaded_in_media_is_attached_to_a_template_and_sent_with_it(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a contact
    last_name = f"Hopper{uuid.uuid4().hex[:6]}"
    email = f"grace.{last_name.lower()}@example.test"
    contact = api.create_contact(account.id_token, first_name="Grace", last_name=last_name, email=email)
    log_in(page, account.email, account.password)

    # When the Admin uploads a PDF in Settings > Media
    _open_settings(page, "Media")
    expect(page).to_have_url(re.compile(r"/settings/media$"))
    expect(page.get_by_role("heading", name="No files yet")).to_be_visible()
    page.get_by_label("Files to add to the media library").set_input_files(
        {"name": "Brochure.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )

    # Then it is in the library, with its type and size
    expect(page.get_by_text("Brochure.pdf added")).to_be_visible()
    row = page.get_by_role("table").get_by_role("row").filter(has_text="Brochure.pdf")
    expect(row).to_contain_text("PDF")
    expect(row).to_contain_text(f"{len(PDF)} bytes")

    # And its preview offers to open or download it, and a rename keeps its extension
    page.get_by_role("button", name="Preview Brochure.pdf").click()
    preview = page.get_by_role("dialog", name="Brochure.pdf")
    expect(preview.get_by_role("link", name="Download")).to_have_attribute("href", re.compile(r"^http"))
    expect(preview.get_by_role("link", name="Open in a new tab")).to_be_visible()
    preview.get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Rename Brochure.pdf").click()
    rename = page.get_by_role("dialog", name="Rename Brochure.pdf")
    rename.get_by_label("Name", exact=True).fill("Spring offer")
    rename.get_by_role("button", name="Rename").click()
    expect(page.get_by_text("Renamed to Spring offer.pdf")).to_be_visible()

    # When an email template attaches it from the library, and a price list uploaded in the picker
    _open_settings(page, "Templates")
    page.get_by_role("link", name="New email template").click()
    page.get_by_label("Name", exact=True).fill("Spring offer")
    page.get_by_label("Subject", exact=True).fill("Our offer, {{contact.first_name}}")
    page.get_by_label("Body (HTML)").fill("<p>Hello {{contact.first_name}}, the details are attached.</p>")
    page.get_by_role("button", name="Attach files").click()
    picker = page.get_by_role("dialog", name="Attach files from the media library")
    picker.get_by_role("checkbox", name=re.compile(r"Spring offer\.pdf")).check()
    picker.get_by_label("Files to upload and attach").set_input_files(
        {"name": "prices.csv", "mimeType": "text/csv", "buffer": CSV}
    )
    expect(picker.get_by_role("checkbox", name=re.compile(r"prices\.csv"))).to_be_checked()
    picker.get_by_role("button", name="Attach 2 files").click()
    attachments = page.get_by_role("region", name="Attachments")
    expect(attachments).to_contain_text("Spring offer.pdf")
    expect(attachments).to_contain_text("prices.csv")
    expect(attachments).to_contain_text("2 of 5 files")
    page.get_by_role("button", name="Create template").click()
    expect(page.get_by_text("Spring offer created")).to_be_visible()

    # And it is sent from the contact's page, its preview listing the files
    page.goto(f"/contacts/{contact['contact_id']}")
    page.get_by_role("button", name="Send email").click()
    dialog = page.get_by_role("dialog", name=f"Email Grace {last_name}")
    dialog.get_by_label("Template").select_option(label="Spring offer")
    dialog.get_by_role("button", name="Preview").click()
    files = dialog.get_by_role("list", name="Attached files")
    expect(files).to_contain_text("Spring offer.pdf")
    expect(files).to_contain_text("prices.csv")
    dialog.get_by_role("button", name="Send email").click()
    expect(page.get_by_text(f"Email queued to {email}")).to_be_visible()

    # Then the mail sink receives the email with both files
    mail = mail_to(stack, email, timeout=WITHIN_S)
    assert mail["subject"] == "Our offer, Grace", mail
    assert [(a["file_name"], a["content_type"], a["size"]) for a in mail["attachments"]] == [
        ("Spring offer.pdf", "application/pdf", len(PDF)),
        ("prices.csv", "text/csv", len(CSV)),
    ], mail

    # When the PDF is deleted from the library, the template shows it missing
    _open_settings(page, "Media")
    page.get_by_role("button", name="Delete Spring offer.pdf").click()
    page.get_by_role("dialog", name="Delete Spring offer.pdf?").get_by_role(
        "button", name="Delete file"
    ).click()
    expect(page.get_by_text("Spring offer.pdf deleted")).to_be_visible()
    _open_settings(page, "Templates")
    page.get_by_role("link", name="Spring offer", exact=True).click()
    attachments = page.get_by_role("region", name="Attachments")
    expect(attachments).to_contain_text("A deleted file (no longer in the media library)")
    expect(attachments).to_contain_text("prices.csv")
    expect(page.get_by_role("alert").filter(has_text="remove it (or attach another)")).to_be_visible()


def test_a_file_the_library_does_not_take_is_refused_before_upload(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    _open_settings(page, "Media")

    page.get_by_label("Files to add to the media library").set_input_files(
        {"name": "setup.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}
    )

    expect(page.get_by_role("alert")).to_contain_text("“setup.exe” cannot go in the media library")
    expect(page.get_by_role("heading", name="No files yet")).to_be_visible()
