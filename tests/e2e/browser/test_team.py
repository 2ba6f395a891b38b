"""Settings > Team in the browser: an Admin invites a person, who joins from the invitation email (the
stack's mail sink) and chooses a password; the Admin sees them active, changes their role (seeing what
they gain and lose first) and the person's next click has the new role's menus; the Admin deactivates
them and their open session ends on the login page with the reason. Invitations past the plan's seats,
a revoked invitation, a delete refused while the person still owns leads, and a Manager's read-only view."""

from __future__ import annotations

import re
import uuid
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.browser.mail import sign_in_mail
from tests.e2e.waiting import eventually

T = TypeVar("T")

SALES_NAV = [
    "Dashboard",
    "Pipeline",
    "Leads",
    "Contacts",
    "Companies",
    "Follow-ups",
    "Tasks",
    "Manual actions",
    "Forms",
    "Reports",
    "Ask AI",
    "Settings",
]
MANAGER_NAV = [*SALES_NAV[:-1], "Conversions", "Settings", "Billing"]
CHOSEN_PASSWORD = "Joined-Team-2026!"


def invitation_mail(stack: dict[str, Any], email: str) -> tuple[str, str]:
    """The sign-in link and the temporary password of the invitation emailed to `email`."""
    return sign_in_mail(stack, email, "invited you", "Sign in:")


def open_team(page: Page) -> None:
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Team").click()
    expect(page).to_have_url(re.compile(r"/settings/team$"))
    expect(page.get_by_role("table")).to_be_visible()


def member_row(page: Page, name: str) -> Locator:
    return page.get_by_role("table").get_by_role("row").filter(has_text=name)


def test_an_invited_person_joins_changes_role_and_is_deactivated(
    page: Page, browser: Browser, web_url: str, account: Account, stack: dict[str, Any]
) -> None:
    suffix = uuid.uuid4().hex[:8]
    email = f"joiner-{suffix}@browser.test"
    name = f"Jo Joiner {suffix}"

    # Given the Admin on Settings > Team, alone in the team
    log_in(page, account.email, account.password)
    open_team(page)
    expect(member_row(page, account.name)).to_contain_text("(you)")
    expect(page.get_by_label("Seats")).to_contain_text("1 of 5 seats used")

    # When they invite one person as Sales
    page.get_by_role("button", name="Invite people").click()
    dialog = page.get_by_role("dialog", name="Invite people")
    dialog.get_by_role("button", name="Send invitation").click()
    expect(dialog.get_by_text("Enter their email")).to_be_visible()  # checked before sending
    dialog.get_by_label("Email").fill(email)
    dialog.get_by_label("Name").fill(name)
    dialog.get_by_label("Role").select_option("Sales")
    dialog.get_by_role("button", name="Send invitation").click()

    # Then the dialog says they were invited, and the list shows them invited until a date
    expect(dialog.get_by_role("list", name="Invitation results")).to_contain_text(f"{email} invited")
    dialog.get_by_role("button", name="Done").click()
    expect(dialog).to_be_hidden()
    row = member_row(page, name)
    expect(row).to_contain_text("Invited")
    expect(row).to_contain_text("never")
    expect(row).to_contain_text(re.compile(r"Expires \w+"))
    expect(page.get_by_label("Seats")).to_contain_text("2 of 5 seats used")

    # When the invitee opens the email's link in their own browser
    link, temporary = invitation_mail(stack, email)
    assert urlsplit(link).path == "/login"
    assert parse_qs(urlsplit(link).query) == {"invited": ["1"], "email": [email]}
    invitee_context = browser.new_context(
        base_url=web_url, viewport={"width": 1366, "height": 900}, timezone_id="UTC"
    )
    try:
        invitee = invitee_context.new_page()
        invitee.goto(link)
        expect(
            invitee.get_by_text("You were invited: sign in with the temporary password from your email")
        ).to_be_visible()
        expect(invitee.get_by_label("Email")).to_have_value(email)
        invitee.get_by_label("Temporary password").fill(temporary)
        invitee.get_by_role("button", name="Log in").click()

        # Then they choose their own password (typed twice the same), and land in the app as Sales
        expect(invitee.get_by_role("heading", name="Choose your password")).to_be_visible()
        invitee.get_by_label("New password", exact=True).fill(CHOSEN_PASSWORD)
        invitee.get_by_label("Confirm new password").fill("Something-Else-1!")
        invitee.get_by_role("button", name="Save password and continue").click()
        expect(invitee.get_by_text("The passwords do not match")).to_be_visible()
        invitee.get_by_label("Confirm new password").fill(CHOSEN_PASSWORD)
        invitee.get_by_role("button", name="Save password and continue").click()
        expect(invitee).to_have_url(re.compile(r"/dashboard$"))
        expect(invitee.get_by_label("Signed in as")).to_contain_text("Sales")
        expect(main_nav(invitee).get_by_role("link")).to_have_text(SALES_NAV)

        # And the Admin sees them active, signed in just now
        page.reload()
        row = member_row(page, name)
        expect(row).to_contain_text("Active")
        expect(row).to_contain_text("just now")
        expect(page.get_by_label("Seats")).to_contain_text("2 of 5 seats used")

        # When the Admin makes them a Manager, the dialog first says what they gain and lose
        row.get_by_role("button", name=f"Change role of {name}").click()
        role_dialog = page.get_by_role("dialog", name=f"Change the role of {name}")
        expect(role_dialog.get_by_role("button", name="Change role")).to_be_disabled()
        role_dialog.get_by_label("New role").select_option("Manager")
        gains = role_dialog.get_by_role("list", name=f"{name} will gain")
        expect(gains).to_contain_text("See every lead, not only their own")
        expect(gains).to_contain_text("See the plan, seats and usage")
        expect(gains).not_to_contain_text("Invite people")
        expect(role_dialog.get_by_role("region", name=f"What changes for {name}")).to_contain_text(
            "will lose"
        )
        expect(role_dialog.get_by_role("list", name=f"{name} will lose")).to_have_count(0)  # nothing lost
        role_dialog.get_by_role("button", name="Change role").click()
        expect(page.get_by_role("status").filter(has_text=f"{name} is now Manager")).to_be_visible()
        expect(member_row(page, name).get_by_role("cell", name="Manager", exact=True)).to_be_visible()

        # Then the invitee's next click carries on, with the Manager's menus
        main_nav(invitee).get_by_role("link", name="Leads").click()
        expect(invitee.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
        expect(main_nav(invitee).get_by_role("link")).to_have_text(MANAGER_NAV)
        expect(invitee.get_by_label("Signed in as")).to_contain_text("Manager")

        # When the Admin deactivates them, the dialog says what that means
        member_row(page, name).get_by_role("button", name=f"Deactivate {name}").click()
        deactivate = page.get_by_role("dialog", name=f"Deactivate {name}?")
        expect(deactivate).to_contain_text("signed out at once")
        expect(deactivate).to_contain_text("stay theirs until you reassign them")
        deactivate.get_by_role("button", name="Deactivate").click()
        expect(page.get_by_role("status").filter(has_text=f"{name} was deactivated")).to_be_visible()
        row = member_row(page, name)
        expect(row).to_contain_text("Deactivated")
        expect(row.get_by_role("button", name=f"Reactivate {name}")).to_be_visible()
        expect(page.get_by_label("Seats")).to_contain_text("1 of 5 seats used")

        # Then the invitee's open session fails: their next click lands on the login page, saying why
        main_nav(invitee).get_by_role("link", name="Pipeline").click()
        expect(invitee).to_have_url(re.compile(r"/login"))
        expect(
            invitee.get_by_role("alert").filter(has_text="Your account has been deactivated")
        ).to_be_visible()
        assert invitee.evaluate("() => localStorage.getItem('convertly.session')") is None
        # And they cannot log in again
        invitee.get_by_label("Email").fill(email)
        invitee.get_by_label("Password").fill(CHOSEN_PASSWORD)
        invitee.get_by_role("button", name="Log in").click()
        # The refusal replaces the notice the page opened with: one alert, the error of this attempt
        refusal = invitee.get_by_role("alert")
        expect(refusal).to_have_class(re.compile(r"\balert-error\b"))
        expect(refusal).to_have_text("Your account has been deactivated: ask your Admin")
    finally:
        invitee_context.close()

    # When the Admin deletes the deactivated member (no open work), they leave the list
    member_row(page, name).get_by_role("button", name=f"Delete {name}").click()
    page.get_by_role("dialog", name=f"Delete {name}?").get_by_role("button", name="Delete user").click()
    expect(page.get_by_role("status").filter(has_text=f"{name} was deleted")).to_be_visible()
    expect(member_row(page, name)).to_have_count(0)


def test_invitations_past_the_plans_seats_and_a_revoked_invitation(page: Page, account: Account) -> None:
    suffix = uuid.uuid4().hex[:8]
    people = [(f"seat{n}-{suffix}@browser.test", f"Seat Person{n} {suffix}") for n in range(1, 6)]
    log_in(page, account.email, account.password)
    open_team(page)

    # When the Admin invites five people at once on a plan of five seats with one used
    page.get_by_role("button", name="Invite people").click()
    dialog = page.get_by_role("dialog", name="Invite people")
    for index, (email, name) in enumerate(people):
        if index:
            dialog.get_by_role("button", name="Add another person").click()
        person = dialog.get_by_role("group", name=f"Person {index + 1}")
        person.get_by_label("Email").fill(email)
        person.get_by_label("Name").fill(name)
    for label in ("Person 4", "Person 5"):
        dialog.get_by_role("group", name=label).get_by_label("Role").select_option("Staff")
    dialog.get_by_role("button", name="Send invitations").click()

    # Then four are invited and the fifth is refused with the plan's limit, kept in the form to retry
    results = dialog.get_by_role("list", name="Invitation results")
    for email, _ in people[:4]:
        expect(results.get_by_role("listitem").filter(has_text=email)).to_contain_text("invited")
    expect(results.get_by_role("listitem").filter(has_text=people[4][0])).to_contain_text("not invited")
    expect(dialog.get_by_role("alert").filter(has_text="No seat left on your plan")).to_contain_text(
        "5 users"
    )
    expect(dialog.get_by_role("link", name="Open Billing")).to_be_visible()
    expect(dialog.get_by_label("Email")).to_have_value(people[4][0])
    dialog.get_by_role("button", name="Close").click()
    expect(page.get_by_label("Seats")).to_contain_text("5 of 5 seats used")

    # When the Admin revokes one invitation, the person leaves the list and the seat is free again
    email, name = people[0]
    member_row(page, name).get_by_role("button", name=f"Revoke invitation of {name}").click()
    revoke = page.get_by_role("dialog", name=f"Revoke the invitation of {name}?")
    expect(revoke).to_contain_text(email)
    revoke.get_by_role("button", name="Revoke invitation").click()
    expect(
        page.get_by_role("status").filter(has_text=f"The invitation of {name} was revoked")
    ).to_be_visible()
    expect(member_row(page, name)).to_have_count(0)
    expect(page.get_by_label("Seats")).to_contain_text("4 of 5 seats used")

    # And the filters narrow the list (status, role, search), kept in the URL
    page.get_by_label("Status", exact=True).select_option("Invited")
    page.get_by_label("Role", exact=True).select_option("Staff")
    expect(page).to_have_url(re.compile(r"status=invited"))
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)  # the header and the fourth person
    expect(member_row(page, people[3][1])).to_contain_text("Staff")
    expect(member_row(page, people[4][1])).to_have_count(0)  # refused, never invited
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_role("searchbox", name="Search").fill(people[2][1])
    expect(page).to_have_url(re.compile(r"q="))
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    expect(member_row(page, people[2][1])).to_be_visible()


def test_a_member_who_still_owns_leads_cannot_be_deleted(page: Page, api: Api, account: Account) -> None:
    suffix = uuid.uuid4().hex[:6]
    name = f"Sam Leaving {suffix}"
    seller = api.add_user(account.id_token, "Sales", name)
    api.create_lead(
        account.id_token, first_name="Kept", last_name=f"Lead{suffix}", owner_id=seller["user_id"]
    )
    api.ok("POST", f"/team/{seller['user_id']}/deactivate", account.id_token)
    # The owners' lead counters follow the lead's creation asynchronously
    eventually(
        lambda: api.ok("GET", f"/team/{seller['user_id']}", account.id_token)["open_leads"] == 1 or None,
        "the lead counted as the member's",
        timeout=60,
    )
    log_in(page, account.email, account.password)
    open_team(page)
    row = member_row(page, name)
    expect(row).to_contain_text("Deactivated")
    expect(row.get_by_role("cell", name="1", exact=True)).to_be_visible()  # one open lead

    row.get_by_role("button", name=f"Delete {name}").click()
    dialog = page.get_by_role("dialog", name=f"Delete {name}?")
    dialog.get_by_role("button", name="Delete user").click()
    problem = dialog.get_by_role("alert")
    expect(problem).to_contain_text(f"{name} still has work")
    expect(problem).to_contain_text("reassign them first")
    expect(dialog.get_by_role("link", name="See their leads")).to_have_attribute(
        "href", f"/leads?owner_id={seller['user_id']}"
    )
    dialog.get_by_role("button", name="Cancel").click()
    expect(member_row(page, name)).to_have_count(1)


def test_a_manager_sees_the_team_read_only(page: Page, api: Api, account: Account) -> None:
    suffix = uuid.uuid4().hex[:6]
    manager = api.add_user(account.id_token, "Manager", f"Morgan Manager {suffix}")
    api.add_user(account.id_token, "Staff", f"Stevie Staff {suffix}")
    log_in(page, manager["email"], PASSWORD)
    open_team(page)
    expect(member_row(page, account.name)).to_contain_text("Admin")
    expect(member_row(page, f"Stevie Staff {suffix}")).to_contain_text("Staff")
    expect(member_row(page, f"Morgan Manager {suffix}")).to_contain_text("(you)")
    expect(page.get_by_text("An Admin invites people and changes roles")).to_be_visible()
    expect(page.get_by_role("button", name="Invite people")).to_have_count(0)
    expect(page.get_by_role("table").get_by_role("button")).to_have_count(0)
    expect(page.get_by_label("Seats")).to_contain_text("3 of 5 seats used")
