"""The profile page in the browser: details kept after a reload (and removed again), a password change
then a log in with the new one, log out revoking the session's refresh token, sign out everywhere."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in

NEW_PASSWORD = "Newer-Password-7!"


def open_profile(page: Page) -> None:
    page.get_by_role("link", name="Profile").click()
    expect(page).to_have_url(re.compile(r"/profile$"))
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()


def stored_session(page: Page) -> dict[str, Any]:
    raw = page.evaluate("() => localStorage.getItem('convertly.session')")
    assert raw, "no session in the browser's storage"
    session: dict[str, Any] = json.loads(raw)
    return session


def test_profile_details_are_kept_after_a_reload(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    open_profile(page)
    details = page.get_by_role("form", name="Your details")
    expect(page.get_by_text(account.email)).to_be_visible()

    # A name is required (checked before saving)
    details.get_by_label("Name").fill(" ")
    details.get_by_role("button", name="Save profile").click()
    expect(details.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    expect(details.get_by_text("Enter your name")).to_be_visible()

    # When the user fills in their details and picks an avatar colour
    details.get_by_label("Name").fill("Blair Profile")
    details.get_by_label("Phone").fill("+44 20 7946 0000")
    details.get_by_label("Time zone").select_option("Europe/London")
    details.get_by_label("Email signature").fill("Blair Profile\nBrowser Test Co")
    details.get_by_role("radio", name="Green").check()
    expect(details.get_by_text("Preview: Green")).to_be_visible()
    details.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").filter(has_text="Your profile was saved")).to_be_visible()
    expect(page.get_by_label("Signed in as")).to_contain_text("Blair Profile")

    # Then they are kept after a reload
    page.reload()
    details = page.get_by_role("form", name="Your details")
    expect(details.get_by_label("Name")).to_have_value("Blair Profile")
    expect(details.get_by_label("Phone")).to_have_value("+44 20 7946 0000")
    expect(details.get_by_label("Time zone")).to_have_value("Europe/London")
    expect(details.get_by_label("Email signature")).to_have_value("Blair Profile\nBrowser Test Co")
    expect(details.get_by_role("radio", name="Green")).to_be_checked()
    expect(page.get_by_label("Signed in as")).to_contain_text("Blair Profile")

    # When they empty the phone, the time zone and the colour, then those are removed
    details.get_by_label("Phone").fill("")
    details.get_by_label("Time zone").select_option("")
    details.get_by_role("radio", name="Default").check()
    details.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").filter(has_text="Your profile was saved")).to_be_visible()
    page.reload()
    details = page.get_by_role("form", name="Your details")
    expect(details.get_by_label("Name")).to_have_value("Blair Profile")
    expect(details.get_by_label("Phone")).to_have_value("")
    expect(details.get_by_label("Time zone")).to_have_value("")
    expect(details.get_by_role("radio", name="Default")).to_be_checked()
    expect(details.get_by_label("Email signature")).to_have_value("Blair Profile\nBrowser Test Co")


def test_change_password_then_log_in_with_the_new_one(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    open_profile(page)
    form = page.get_by_role("form", name="Change password")

    # The two new passwords must match (checked before sending)
    form.get_by_label("Current password").fill(account.password)
    form.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    form.get_by_label("Confirm new password").fill("Another-Password-7!")
    form.get_by_role("button", name="Change password").click()
    expect(form.get_by_text("The passwords do not match")).to_be_visible()

    # A wrong current password is the API's 422, shown under its input
    form.get_by_label("Current password").fill("Not-My-Password-1!")
    form.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change password").click()
    expect(form.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text("is not your password")).to_be_visible()

    # With the right one the password changes
    form.get_by_label("Current password").fill(account.password)
    form.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("status").filter(has_text="Your password was changed")).to_be_visible()
    expect(form.get_by_label("Current password")).to_have_value("")

    # Then after logging out, the old password fails and the new one works
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))


def test_log_out_revokes_the_sessions_refresh_token(page: Page, api: Api, account: Account) -> None:
    log_in(page, account.email, account.password)
    session = stored_session(page)
    assert api.call("GET", "/me", session["idToken"]).status_code == 200

    # When the user logs out
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("You have logged out.")).to_be_visible()
    assert page.evaluate("() => localStorage.getItem('convertly.session')") is None

    # Then the session's refresh token no longer refreshes, and its ID token is refused
    refreshed = api.call("POST", "/auth/refresh", json={"refresh_token": session["refreshToken"]})
    assert refreshed.status_code == 401, refreshed.text
    assert refreshed.json()["error"]["code"] == "invalid_refresh"
    me = api.call("GET", "/me", session["idToken"])
    assert me.status_code == 401 and me.json()["error"]["code"] == "session_ended", me.text
    # While another session of the same person carries on
    other = api.ok("POST", "/auth/login", json={"email": account.email, "password": account.password})
    assert api.call("GET", "/me", other["id_token"]).status_code == 200


def test_sign_out_everywhere_ends_every_session(page: Page, api: Api, account: Account) -> None:
    # Given a session elsewhere (another device) and one in this browser
    elsewhere = api.ok("POST", "/auth/login", json={"email": account.email, "password": account.password})
    assert api.call("GET", "/me", elsewhere["id_token"]).status_code == 200
    log_in(page, account.email, account.password)
    here = stored_session(page)
    open_profile(page)

    # When the user signs out everywhere and confirms it
    page.get_by_role("button", name="Sign out everywhere").click()
    dialog = page.get_by_role("dialog", name="Sign out everywhere?")
    expect(dialog).to_contain_text("this one included")
    dialog.get_by_role("button", name="Sign out everywhere").click()

    # Then this browser is on the login page, saying so, without its session
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("alert").filter(has_text="You were signed out of every session")).to_be_visible()
    assert page.evaluate("() => localStorage.getItem('convertly.session')") is None
    # And no session of theirs works any more, here or elsewhere
    for session in (here["idToken"], elsewhere["id_token"]):
        refused = api.call("GET", "/me", session)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "session_ended", refused.text
    for token in (here["refreshToken"], elsewhere["refresh_token"]):
        assert api.call("POST", "/auth/refresh", json={"refresh_token": token}).status_code == 401
