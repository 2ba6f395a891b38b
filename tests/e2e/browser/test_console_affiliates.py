"""The affiliate program in the platform console: a Developer Admin sets the program's terms (kept after
a reload), approves an application sent through the public API and finds the partner among the
affiliates, gives them terms of their own, rejects another application with a note, and adds copy and
a file to the partners' assets; releases a commission a referred company's payment earned, pays it out
in a batch (its PayPal and Wise files downloaded) and marks the batch paid. Developer Staff reads the
same pages without any of those actions."""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import PASSWORD, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.waiting import eventually

DEVELOPER_ADMIN = "devadmin@convertly.test"
DEVELOPER_STAFF = "devstaff@convertly.test"
# An export opens each partner's payout details with KMS before the file comes: on a loaded machine
# the local stack may take a while, so the wait for the download is longer than for a page.
DOWNLOAD_MS = 60_000
# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def apply(api: Api, name: str) -> dict[str, Any]:
    """An application through the public form's API (no sign-in)."""
    suffix = uuid.uuid4().hex[:8]
    body = {
        "name": name,
        "email": f"partner-{suffix}@partners.test",
        "website": f"https://{suffix}.partners.test",
        "audience": "Roofing contractors in the Midwest",
        "promotion": "A newsletter to 4,000 contractors and a YouTube channel",
    }
    response = api.call("POST", "/affiliate/applications", json=body)
    assert response.status_code == 201, response.text
    return {**body, **response.json()}


@pytest.fixture
def admin_token(api: Api, demo_logins: dict[str, str]) -> str:
    return api.login(DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])


@pytest.fixture
def program_kept(api: Api, admin_token: str) -> Iterator[None]:
    """The program's terms as they were before the test, again after it (other tests read them)."""
    before = api.ok("GET", "/platform/affiliate-program", admin_token)
    yield
    before.pop("updated_at", None)
    api.ok("PUT", "/platform/affiliate-program", admin_token, json=before)


def console_tab(page: Page, label: str) -> None:
    tabs = page.get_by_role("navigation", name="Platform console")
    tabs.get_by_role("link", name=label, exact=True).click()


def toast(page: Page, text: str) -> Locator:
    return page.get_by_role("status").filter(has_text=text)


def test_a_developer_admin_runs_the_affiliate_program(
    page: Page, api: Api, demo_logins: dict[str, str], program_kept: None
) -> None:
    log_in(page, DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    page.goto("/platform")

    # When the Developer Admin sets the program's terms: 25% for 6 months, paid out from $10
    console_tab(page, "Program terms")
    expect(page.get_by_role("heading", name="Affiliate program")).to_be_visible()
    form = page.get_by_role("form", name="Program terms")
    form.get_by_label("Commission", exact=True).select_option("percent")
    form.get_by_label("Percentage").fill("25")
    form.get_by_label("Months paid for").fill("6")
    form.get_by_label("Payout threshold").fill("10")
    form.get_by_role("button", name="Save terms").click()
    saved = "The program's terms are saved: 25% of each paid invoice for 6 months"
    expect(toast(page, saved)).to_be_visible()

    # Then they are kept: after a reload the form and the summary say so
    page.reload()
    form = page.get_by_role("form", name="Program terms")
    expect(form.get_by_label("Percentage")).to_have_value("25")
    expect(form.get_by_label("Months paid for")).to_have_value("6")
    expect(form.get_by_label("Payout threshold")).to_have_value("10")
    now = page.get_by_role("region", name="Now")
    expect(now).to_contain_text("25% of each paid invoice for 6 months")
    expect(now).to_contain_text("paid out from $10")

    # When someone applies through the public form and the Developer Admin approves them with a note
    suffix = uuid.uuid4().hex[:6]
    partner = apply(api, f"Dana Partner {suffix}")
    console_tab(page, "Applications")
    expect(page.get_by_role("tab", name="Pending")).to_have_attribute("aria-selected", "true")
    row = page.get_by_role("row").filter(has_text=partner["name"])
    expect(row).to_contain_text(partner["email"])
    expect(row).to_contain_text("A newsletter to 4,000 contractors")
    row.get_by_role("button", name=f"Approve {partner['name']}").click()
    dialog = page.get_by_role("dialog", name=f"Approve {partner['name']}")
    expect(dialog).to_contain_text(partner["email"])
    dialog.get_by_label("Note").fill("Strong contractor audience")
    dialog.get_by_role("button", name="Approve application").click()
    expect(toast(page, f"{partner['name']} is approved")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=partner["name"])).to_have_count(0)
    page.get_by_role("tab", name="Approved").click()
    approved = page.get_by_role("row").filter(has_text=partner["name"])
    expect(approved).to_contain_text("Note: Strong contractor audience")

    # Then the partner is among the affiliates, on the program's terms
    console_tab(page, "Affiliates")
    expect(page.get_by_role("heading", name="Affiliates", exact=True)).to_be_visible()
    affiliates = page.get_by_role("table")
    expect(affiliates.get_by_role("row").filter(has_text=partner["name"])).to_contain_text(partner["email"])
    affiliates.get_by_role("link", name=partner["name"]).click()
    expect(page.get_by_role("heading", name=partner["name"], exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Partner")).to_contain_text(partner["website"])
    expect(page.get_by_role("region", name="Balances")).to_contain_text("USD")
    expect(page.get_by_role("region", name="Fraud flags")).to_contain_text("No flags")
    expect(page.get_by_role("region", name="Ledger")).to_contain_text("No commissions yet")
    terms = page.get_by_role("region", name="Commission terms")
    expect(terms).to_contain_text("25% of each paid invoice for 6 months (the program's terms)")

    # When the Developer Admin gives them 12.5% for the subscription's lifetime
    override = terms.get_by_role("form", name="Override")
    override.get_by_label("Percentage").fill("12.5")
    override.get_by_label("Months paid for").fill("")
    override.get_by_role("button", name="Set override").click()
    lifetime = "12.5% of each paid invoice for the subscription's lifetime"
    expect(toast(page, f"{partner['name']} now earns {lifetime}")).to_be_visible()
    expect(terms).to_contain_text(f"{lifetime} (this affiliate's own terms)")
    page.reload()
    terms = page.get_by_role("region", name="Commission terms")
    expect(terms).to_contain_text(f"{lifetime} (this affiliate's own terms)")
    expect(terms).to_contain_text("The program's terms are 25% of each paid invoice for 6 months")
    expect(terms.get_by_label("Percentage")).to_have_value("12.5")
    expect(terms.get_by_role("button", name="Use the program's terms")).to_be_visible()

    # When another application is rejected with a note, it is under Rejected with its note
    other = apply(api, f"Rory Reject {suffix}")
    console_tab(page, "Applications")
    page.get_by_role("row").filter(has_text=other["name"]).get_by_role(
        "button", name=f"Reject {other['name']}"
    ).click()
    dialog = page.get_by_role("dialog", name=f"Reject {other['name']}")
    dialog.get_by_label("Note").fill("No audience in our market")
    dialog.get_by_role("button", name="Reject application").click()
    expect(toast(page, f"{other['name']}'s application is rejected")).to_be_visible()
    page.get_by_role("tab", name="Rejected").click()
    expect(page.get_by_role("row").filter(has_text=other["name"])).to_contain_text(
        "Note: No audience in our market"
    )

    # When the Developer Admin adds copy and uploads a logo, partners' assets list both
    console_tab(page, "Partner assets")
    copy_title = f"Launch email {suffix}"
    add_copy = page.get_by_role("form", name="Add copy")
    add_copy.get_by_label("Title").fill(copy_title)
    add_copy.get_by_label("Text").fill("Convertly sends your ad platforms the leads that became customers.")
    add_copy.get_by_role("button", name="Add copy").click()
    expect(toast(page, f"“{copy_title}” is added")).to_be_visible()
    assets = page.get_by_role("region", name="Assets")
    copy_row = assets.get_by_role("row").filter(has_text=copy_title)
    expect(copy_row).to_contain_text("Convertly sends your ad platforms the leads")
    expect(copy_row).to_contain_text("Copy")

    logo_title = f"Logo {suffix}"
    upload = page.get_by_role("form", name="Upload a file")
    upload.get_by_label("File title").fill(logo_title)
    upload.get_by_label("File", exact=True).set_input_files(
        {"name": "convertly-logo.png", "mimeType": "image/png", "buffer": PNG}
    )
    upload.get_by_role("button", name="Upload file").click()
    expect(toast(page, f"“{logo_title}” is uploaded")).to_be_visible()
    logo_row = assets.get_by_role("row").filter(has_text=logo_title)
    expect(logo_row).to_contain_text("Image")
    expect(logo_row.get_by_role("link", name=re.compile("^Open the file"))).to_have_attribute(
        "href", re.compile(r"^https?://")
    )

    # And a deleted asset is gone
    logo_row.get_by_role("button", name=f"Delete {logo_title}").click()
    confirm = page.get_by_role("dialog", name=f"Delete “{logo_title}”")
    confirm.get_by_role("button", name="Delete asset").click()
    expect(toast(page, f"“{logo_title}” is deleted")).to_be_visible()
    expect(assets.get_by_role("row").filter(has_text=logo_title)).to_have_count(0)
    expect(copy_row).to_be_visible()


def test_developer_staff_reads_the_program_without_the_actions(
    page: Page, api: Api, demo_logins: dict[str, str], admin_token: str
) -> None:
    # Given a pending application and an approved partner
    suffix = uuid.uuid4().hex[:6]
    pending = apply(api, f"Pat Pending {suffix}")
    partner = apply(api, f"Avery Approved {suffix}")
    api.ok(
        "POST",
        f"/platform/affiliate-applications/{partner['application_id']}/approve",
        admin_token,
        json={"note": ""},
    )
    log_in(page, DEVELOPER_STAFF, demo_logins[DEVELOPER_STAFF])
    page.goto("/platform")

    # The program's terms read, but cannot be saved
    console_tab(page, "Program terms")
    form = page.get_by_role("form", name="Program terms")
    expect(form.get_by_label("Percentage")).to_be_disabled()
    expect(page.get_by_text("Only a Developer Admin changes the affiliate program")).to_be_visible()
    expect(page.get_by_role("button", name="Save terms")).to_have_count(0)

    # Applications show, without Approve or Reject
    console_tab(page, "Applications")
    expect(page.get_by_role("row").filter(has_text=pending["name"])).to_contain_text(pending["email"])
    expect(page.get_by_role("button", name=f"Approve {pending['name']}")).to_have_count(0)
    expect(page.get_by_role("button", name=f"Reject {pending['name']}")).to_have_count(0)

    # An affiliate's page shows their terms, without the override
    console_tab(page, "Affiliates")
    page.get_by_role("table").get_by_role("link", name=partner["name"]).click()
    terms = page.get_by_role("region", name="Commission terms")
    expect(terms).to_contain_text("(the program's terms)")
    expect(terms).to_contain_text("Only a Developer Admin gives an affiliate terms of their own")
    expect(terms.get_by_role("form", name="Override")).to_have_count(0)

    # Payouts, the ledger and the assets read, without creating, adding or deleting
    console_tab(page, "Payouts")
    expect(page.get_by_role("heading", name="Payouts", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Due in USD")).to_be_visible()
    expect(page.get_by_role("button", name="Create batch")).to_have_count(0)
    console_tab(page, "Commission ledger")
    expect(page.get_by_role("heading", name="Commission ledger")).to_be_visible()
    month = page.get_by_role("group", name="Ledger month")
    expect(month.get_by_label("Month", exact=True)).to_be_visible()
    month.get_by_role("button", name="Previous month").click()
    expect(page).to_have_url(re.compile(r"/platform/affiliate-ledger\?month=\d{4}-\d{2}$"))
    expect(page.get_by_text(re.compile(r"^Nothing in [A-Z][a-z]+ \d{4}$"))).to_be_visible()
    console_tab(page, "Partner assets")
    expect(page.get_by_role("heading", name="Partner assets")).to_be_visible()
    expect(page.get_by_role("form", name="Add copy")).to_have_count(0)
    expect(page.get_by_role("form", name="Upload a file")).to_have_count(0)
    expect(page.get_by_role("button", name="Delete", exact=False)).to_have_count(0)


DEMO_PARTNER = "affiliate@summitroofing.test"
DEMO_CODE = "alex-demo"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def referred_payment(api: Api, code: str) -> None:
    """A company that signs up from the partner's link and pays Starter with localstripe's test card
    (localstripe's invoice event then earns the partner a pending commission)."""
    answer = requests.post(
        f"{api.base_url}/affiliate/clicks", json={"code": code}, headers={"User-Agent": BROWSER}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    referral = answer.json()["referral"]
    assert referral, answer.text
    suffix = uuid.uuid4().hex[:8]
    body = {
        "company_name": f"Referred Roofing {suffix}",
        "name": "Olive Owner",
        "email": f"olive-{suffix}@referred-{suffix}.test",
        "password": PASSWORD,
        "referral": referral,
    }
    owner = api.ok("POST", "/auth/signup", json=body)["tokens"]["id_token"]
    card = {"plan": "starter", "payment_method": "pm_card_visa"}
    api.ok("POST", "/billing/subscription", owner, json=card)


def new_pending_commission(api: Api, token: str, affiliate_id: str, before: set[str]) -> dict[str, Any]:
    """The partner's pending commission not in `before`, once the referred payment has earned it."""
    path = f"/platform/affiliates/{affiliate_id}/commissions"

    def probe() -> dict[str, Any] | None:
        return next(
            (
                dict(entry)
                for entry in api.ok("GET", path, token)["items"]
                if entry["entry_id"] not in before and entry["status"] == "pending"
            ),
            None,
        )

    return eventually(probe, "a commission for the referred payment", timeout=90.0)


def test_a_developer_admin_releases_a_commission_and_pays_it_out(
    page: Page, api: Api, demo_logins: dict[str, str], admin_token: str, program_kept: None
) -> None:
    # Given the demo partner with PayPal payout settings, a payout threshold of $1, and a referred
    # company's first payment, which earned the partner a commission still in its hold
    partner_token = api.login(DEMO_PARTNER, demo_logins[DEMO_PARTNER])
    affiliate_id = api.ok("GET", "/me", partner_token)["user"]["user_id"]
    paypal = f"alex-{uuid.uuid4().hex[:8]}@payouts.test"
    settings = {"method": "paypal", "paypal_email": paypal}
    api.ok("PUT", "/affiliate/payout-settings", partner_token, json=settings)
    terms = api.ok("GET", "/platform/affiliate-program", admin_token)
    terms.pop("updated_at", None)
    api.ok("PUT", "/platform/affiliate-program", admin_token, json={**terms, "payout_threshold_minor": 100})
    ledger_path = f"/platform/affiliates/{affiliate_id}/commissions"
    before = {entry["entry_id"] for entry in api.ok("GET", ledger_path, admin_token)["items"]}
    referred_payment(api, DEMO_CODE)
    commission = new_pending_commission(api, admin_token, affiliate_id, before)

    # When the Developer Admin releases it from the partner's ledger
    log_in(page, DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    page.goto(f"/platform/affiliates/{affiliate_id}")
    expect(page.get_by_role("heading", name="Alex Affiliate", exact=True)).to_be_visible()
    ledger = page.get_by_role("region", name="Ledger")
    row = ledger.get_by_role("row").filter(has_text=commission["invoice_id"])
    expect(row).to_contain_text("Pending")
    row.get_by_role("button", name=re.compile("^Release")).click()
    page.get_by_role("dialog", name="Release this commission now").get_by_role(
        "button", name="Release commission"
    ).click()
    expect(toast(page, "commission is payable now")).to_be_visible()
    expect(row).to_contain_text("Payable")
    expect(row.get_by_role("button", name=re.compile("^Release"))).to_have_count(0)

    # Then the partner is due a payout, ready to go by PayPal
    console_tab(page, "Payouts")
    due = page.get_by_role("region", name="Due in USD")
    partner_row = due.get_by_role("row").filter(has_text="Alex Affiliate")
    expect(partner_row).to_contain_text("Ready")
    expect(partner_row).to_contain_text("PayPal")

    # When the Developer Admin creates the batch
    due.get_by_role("button", name="Create batch").click()
    page.get_by_role("dialog", name="Create a payout batch in USD").get_by_role(
        "button", name="Create batch"
    ).click()
    expect(page).to_have_url(re.compile(r"/platform/affiliate-payouts/[^/]+$"))
    expect(page.get_by_role("heading", name=re.compile("^Payout batch of"))).to_be_visible()
    batch_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    line = page.get_by_role("region", name="Payouts").get_by_role("row").filter(has_text="Alex Affiliate")
    expect(line).to_contain_text("PayPal")

    # Then its files download for PayPal Payouts and for Wise, without a byte-order mark
    with page.expect_download(timeout=DOWNLOAD_MS) as paypal_file:
        page.get_by_role("button", name="Download PayPal CSV").click()
    assert paypal_file.value.suggested_filename == f"convertly-payouts-{batch_id}-paypal.csv"
    paypal_text = Path(paypal_file.value.path()).read_text(encoding="utf-8")
    assert paypal_text.startswith(paypal) or f"\n{paypal}," in paypal_text, paypal_text
    assert ",USD," in paypal_text and "PAYPAL" in paypal_text
    with page.expect_download(timeout=DOWNLOAD_MS) as wise_file:
        page.get_by_role("button", name="Download Wise CSV").click()
    assert wise_file.value.suggested_filename == f"convertly-payouts-{batch_id}-wise.csv"
    wise_text = Path(wise_file.value.path()).read_text(encoding="utf-8")
    assert wise_text.startswith("name,recipientEmail,paymentReference"), wise_text[:80]
    assert paypal in wise_text
    expect(page.get_by_text("Exported", exact=True)).to_be_visible()

    # When the money has gone and the batch is marked paid
    page.get_by_role("button", name="Mark paid").click()
    page.get_by_role("dialog", name="Mark the batch paid").get_by_role("button", name="Mark paid").click()
    expect(toast(page, "The batch is marked paid")).to_be_visible()
    expect(page.get_by_text("Paid", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Mark paid")).to_have_count(0)

    # Then the batch is listed as paid, and the commission reads paid in the month's ledger
    console_tab(page, "Payouts")
    batches = page.get_by_role("region", name="Batches")
    expect(batches.get_by_role("row").nth(1)).to_contain_text("Paid")
    console_tab(page, "Commission ledger")
    entry = page.get_by_role("row").filter(has_text=commission["invoice_id"])
    expect(entry).to_contain_text("Alex Affiliate")
    expect(entry).to_contain_text("Paid")
