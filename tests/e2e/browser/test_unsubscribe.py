"""Email from a lead's page, and unsubscribing: a rep emails a lead's contact from the lead's page,
about that lead; the email shows on the lead's timeline and reaches the mail sink, ending with its
unsubscribe link. Opened from the received mail, the link's page names the company and unsubscribes
the contact with one click; the contact's Activity says the contact did it, and the contact's page
refuses to email them again.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.waiting import mail_to

WITHIN_S = 90.0  # the stack sends queued mail every 5 s


def test_an_email_from_a_lead_page_is_on_its_timeline_and_its_link_unsubscribes_the_contact(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a lead (and its contact) worth 4,200
    last_name = f"Jackson{uuid.uuid4().hex[:6]}"
    email = f"mary.{last_name.lower()}@example.test"
    lead = api.create_lead(account.id_token, first_name="Mary", last_name=last_name, email=email, value=4200)
    name = f"Mary {last_name}"
    log_in(page, account.email, account.password)
    page.goto(f"/leads/{lead['lead_id']}")
    expect(page.get_by_role("heading", name=name)).to_be_visible()

    # When the Admin emails the lead's contact from the lead's page, about this lead
    page.get_by_role("button", name="Send email").click()
    dialog = page.get_by_role("dialog", name=f"Email {name}")
    dialog.get_by_role("button", name="Write a message").click()
    dialog.get_by_label("Lead").select_option(label=name)
    dialog.get_by_label("Subject").fill("Your quote of {{lead.value}}")
    dialog.get_by_label("Message").fill("Hello {{contact.first_name}}, here is the quote we discussed.")
    dialog.get_by_role("button", name="Send email").click()
    expect(page.get_by_text(f"Email queued to {email}")).to_be_visible()

    # Then the lead's timeline tells of it, with the lead's value filled in
    timeline = page.get_by_role("list", name="Timeline")
    expect(timeline.get_by_role("listitem").first).to_contain_text(
        f"Emailed “Your quote of 4,200.00” to {email}"
    )
    expect(timeline.get_by_role("listitem").first).to_contain_text("by Blair Owner")

    # And the email reaches the mail sink, ending with the contact's unsubscribe link
    mail = mail_to(stack, email, timeout=WITHIN_S)
    assert "Hello Mary, here is the quote we discussed." in mail["text"], mail
    assert "To stop receiving these emails, unsubscribe:" in mail["text"], mail
    assert mail["list_unsubscribe"], mail

    # When the link is opened from the received mail
    page.goto(f"{stack['mail_url']}messages/{mail['id']}")
    page.get_by_role("region", name="Links").get_by_role("link").first.click()

    # Then its page names the company and the address, and one click unsubscribes the contact
    expect(page.get_by_role("heading", name=f"Unsubscribe from {account.company}'s emails?")).to_be_visible()
    expect(
        page.get_by_text(f"{email[0]}•••@example.test will stop receiving marketing email")
    ).to_be_visible()
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        f"no longer receives marketing email from {account.company}"
    )

    # And the contact's Activity says the contact did it, and its page sends them nothing more
    page.goto(f"/contacts/{lead['contact_id']}")
    page.get_by_role("tab", name="Activity").click()
    latest = page.get_by_role("list", name="Activity").get_by_role("listitem").first
    expect(latest).to_contain_text("Contact changed by the contact, through an unsubscribe link")
    page.get_by_role("button", name="Send email").click()
    refused = page.get_by_role("dialog", name=f"Email {name}")
    expect(refused).to_contain_text(f"{name} unsubscribed from email: nothing can be sent to them.")


def test_an_altered_unsubscribe_link_is_not_valid(page: Page) -> None:
    page.goto("/unsubscribe/dTF8bm8tc3VjaHxjb250YWN0fAAAAAAAAAAAAAAAAAAAAAA")

    expect(page.get_by_role("heading", name="This link is not valid")).to_be_visible()
    expect(page.get_by_role("button", name="Unsubscribe")).to_have_count(0)
