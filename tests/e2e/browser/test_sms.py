"""SMS in the browser: before Twilio is connected, "Send SMS" on a lead's and a contact's page says where
an Admin connects it. In Settings > SMS the Admin connects the stack's Twilio fake (a wrong Auth Token is
refused with Twilio's reason next to it; the saved token shows only as saved) and sends a test text.
From the contact's page the Admin writes a text with a merge field, counted in parts as typed; the
stack's sender delivers it through the fake (its `/__log` holds the request), and the contact's Activity
shows the text, then that it was sent.

Every test works in its own freshly signed-up tenant, with data it creates through the API or the UI.
"""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from typing import Any

from playwright.sync_api import Page, expect

from devstack.ad_fakes import LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, LOCAL_TWILIO_NUMBER
from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.waiting import until

# The sender is a queue consumer: the text goes once its event is relayed and the queue polled.
WITHIN_S = 90.0


def _twilio_requests(stack: dict[str, Any]) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{stack['ad_fakes']['twilio']}/__log", timeout=30) as response:  # noqa: S310
        log: dict[str, Any] = json.loads(response.read())
    return list(log["requests"])


def _texts_to(stack: dict[str, Any], number: str) -> list[dict[str, Any]]:
    return [
        r
        for r in _twilio_requests(stack)
        if r["method"] == "POST" and r["path"].endswith("/Messages.json") and r["body"].get("To") == number
    ]


def _sent_on_timeline(api: Api, account: Account, contact_id: str, number: str) -> bool:
    """Whether the contact's timeline (what its Activity shows) has the text to `number` as sent."""
    timeline = api.ok("GET", f"/contacts/{contact_id}/timeline", account.id_token)
    return any(
        entry["kind"] == "texted" and entry["cause"]["to"] == number and entry["cause"]["status"] == "sent"
        for entry in timeline["items"]
    )


def test_an_admin_connects_twilio_and_texts_a_contact_from_its_page(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a contact with a mobile number, and one of its leads
    last_name = f"Lovelace{uuid.uuid4().hex[:6]}"
    number = f"+1415{uuid.uuid4().int % 10**7:07d}"
    lead = api.create_lead(account.id_token, first_name="Ada", last_name=last_name, phone=number)
    contact_id = lead["contact_id"]
    name = f"Ada {last_name}"
    log_in(page, account.email, account.password)

    # Before Twilio is connected, the lead's and the contact's "Send SMS" say where to connect it
    page.goto(f"/leads/{lead['lead_id']}")
    expect(page.get_by_role("button", name="Send SMS")).to_be_disabled()
    expect(page.get_by_role("link", name="Connect Twilio in Settings > SMS")).to_be_visible()
    page.goto(f"/contacts/{contact_id}")
    expect(page.get_by_role("button", name="Send SMS")).to_be_disabled()

    # When the Admin opens Settings > SMS and saves a wrong Auth Token
    page.get_by_role("link", name="Connect Twilio in Settings > SMS").click()
    expect(page).to_have_url(re.compile(r"/settings/sms$"))
    expect(page.get_by_text("Not connected")).to_be_visible()
    form = page.get_by_role("form", name="Twilio account")
    form.get_by_label("Account SID").fill(LOCAL_TWILIO_ACCOUNT_SID)
    form.get_by_label("Auth Token").fill("f" * 32)
    form.get_by_label("Sending number").fill(LOCAL_TWILIO_NUMBER)
    form.get_by_role("button", name="Connect Twilio").click()
    # Then Twilio's refusal shows, and nothing is connected
    expect(page.get_by_role("alert").filter(has_text="The SMS settings were not saved")).to_contain_text(
        "Twilio refused the Account SID and Auth Token"
    )
    expect(page.get_by_text("Not connected")).to_be_visible()
    # And leaving for another Settings tab with the form unsaved asks first: Stay keeps what was typed
    settings_tabs = page.get_by_role("navigation", name="Settings")
    settings_tabs.get_by_role("link", name="Email").click()
    leave = page.get_by_role("dialog", name="Leave without saving?")
    expect(leave).to_contain_text("Your changes are not saved")
    leave.get_by_role("button", name="Stay").click()
    expect(leave).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/settings/sms$"))
    expect(form.get_by_label("Account SID")).to_have_value(LOCAL_TWILIO_ACCOUNT_SID)

    # When the right token is saved
    form.get_by_label("Auth Token").fill(LOCAL_TWILIO_AUTH_TOKEN)
    form.get_by_role("button", name="Connect Twilio").click()
    # Then it is connected: the SID by its last 4, the token only as saved
    expect(page.get_by_text("Twilio connected: texts can be sent")).to_be_visible()
    expect(page.get_by_text("Connected", exact=True)).to_be_visible()
    expect(page.get_by_text(f"SID ending {LOCAL_TWILIO_ACCOUNT_SID[-4:]}")).to_be_visible()
    expect(page.get_by_role("group", name="Auth Token")).to_contain_text("saved")
    expect(form.locator("input[type='password']")).to_have_count(0)

    # And a test text goes through it
    test = page.get_by_role("form", name="Send a test text")
    test.get_by_label("Send test to").fill("+1 415 555 0100")
    test.get_by_role("button", name="Send test text").click()
    expect(page.get_by_role("status").filter(has_text="Test text sent")).to_contain_text("+14155550100")
    # And, saved, the settings are left for another tab without a question
    settings_tabs.get_by_role("link", name="Email").click()
    expect(page).to_have_url(re.compile(r"/settings/email$"))
    expect(leave).to_have_count(0)

    # When the Admin texts the contact from its page, writing the text with a merge field
    page.goto(f"/contacts/{contact_id}")
    page.get_by_role("button", name="Send SMS").click()
    dialog = page.get_by_role("dialog", name=f"Text {name}")
    expect(dialog).to_contain_text(f"To {number}")
    dialog.get_by_role("button", name="Write a message").click()
    dialog.get_by_label("Message", exact=True).fill(
        "Hi {{contact.first_name}}, your roof inspection is tomorrow at 9."
    )
    expect(dialog.get_by_test_id("sms-counter")).to_contain_text("1 part · GSM-7")
    dialog.get_by_role("button", name="Preview").click()
    expect(dialog.get_by_role("region", name="Filled-in message")).to_contain_text(
        "Hi Ada, your roof inspection is tomorrow at 9."
    )
    dialog.get_by_role("button", name="Send SMS").click()

    # Then it is queued, and the contact's Activity shows it
    expect(page.get_by_text(f"Text queued to {number}")).to_be_visible()
    expect(dialog).to_be_hidden()
    page.get_by_role("tab", name="Activity").click()
    latest = page.get_by_role("list", name="Activity").get_by_role("listitem").first
    expect(latest).to_contain_text(f"Texted {number}")
    expect(latest).to_contain_text("Hi Ada, your roof inspection is tomorrow at 9.")
    expect(latest).to_contain_text("by Blair Owner")

    # And the stack's sender delivers it once through Twilio (the fake's log has it)
    (sent,) = until(
        lambda: _texts_to(stack, number), f"the text to {number} in Twilio's log", timeout=WITHIN_S
    )
    assert sent["status"] == 201 and sent["problems"] == [], sent
    assert sent["body"] == {
        "To": number,
        "From": LOCAL_TWILIO_NUMBER,
        "Body": "Hi Ada, your roof inspection is tomorrow at 9.",
    }
    # And the Activity, read again once the sender has recorded the text as sent, says so
    until(
        lambda: _sent_on_timeline(api, account, contact_id, number), "the text marked sent", timeout=WITHIN_S
    )
    page.reload()
    page.get_by_role("tab", name="Activity").click()
    latest = page.get_by_role("list", name="Activity").get_by_role("listitem").first
    expect(latest).to_contain_text(f"Texted {number}")
    expect(latest.locator(".activity-status")).to_have_text("Sent")
