"""The "Get started" checklist in Chromium: a fresh sign-up's dashboard lists the four first steps in
place of the empty charts, ticks the ones done elsewhere (here through the API) when the dashboard opens
again, links each step to its page, fits a phone and stays hidden once its user hides it.

The test works in its own freshly signed-up tenant.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in, main_nav

STEPS = ["Connect an ad account", "Publish a form", "Invite a teammate", "Import contacts"]


def step(checklist: Locator, title: str) -> Locator:
    link = checklist.page.get_by_role("link", name=title, exact=True)
    return checklist.get_by_role("listitem").filter(has=link)


def test_a_new_workspace_gets_a_checklist_that_ticks_itself(page: Page, api: Api, account: Account) -> None:
    # Given a fresh sign-up, when its Admin logs in
    log_in(page, account.email, account.password)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    # Then the dashboard shows the four steps, none done, in place of the empty charts
    checklist = page.get_by_role("region", name="Get started")
    expect(checklist.get_by_text("0 of 4 done")).to_be_visible()
    expect(checklist.get_by_role("listitem").get_by_role("link")).to_have_text(STEPS)
    for title in STEPS:
        expect(step(checklist, title)).to_contain_text("Not done yet")
    expect(page.get_by_role("region", name="Opportunities", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Funnel", exact=True)).to_have_count(0)

    # And it fits a phone's width without scrolling sideways
    page.set_viewport_size({"width": 390, "height": 844})
    expect(checklist.get_by_text("0 of 4 done")).to_be_visible()
    width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"{width[0]} px wide at {width[1]} px"
    page.set_viewport_size({"width": 1366, "height": 900})

    # When a form is published and a teammate invited elsewhere (another session, through the API)
    token = account.id_token
    api.publish_form(token, name="Quote request")
    suffix = uuid.uuid4().hex[:8]
    invited = api.ok(
        "POST",
        "/team/invitations",
        token,
        json={"people": [{"email": f"sam-{suffix}@browser.test", "name": "Sam Seller", "role": "Sales"}]},
    )
    assert [result["status"] for result in invited["results"]] == ["invited"], invited

    # And the Admin comes back to the dashboard, without reloading the page
    main_nav(page).get_by_role("link", name="Leads").click()
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    main_nav(page).get_by_role("link", name="Dashboard").click()

    # Then those two steps are ticked, the others not
    expect(checklist.get_by_text("2 of 4 done")).to_be_visible()
    expect(step(checklist, "Publish a form")).to_contain_text("Done")
    expect(step(checklist, "Invite a teammate")).to_contain_text("Done")
    expect(step(checklist, "Connect an ad account")).to_contain_text("Not done yet")
    expect(step(checklist, "Import contacts")).to_contain_text("Not done yet")

    # And a step's link opens the page where it is done
    expect(checklist.get_by_role("link", name="Connect an ad account")).to_have_attribute(
        "href", "/settings/ad-platforms"
    )
    checklist.get_by_role("link", name="Import contacts").click()
    expect(page).to_have_url(re.compile(r"/settings/imports$"))
    expect(page.get_by_role("heading", name="Imports", exact=True)).to_be_visible()

    # When the Admin hides the checklist, it stays hidden after a reload and the charts come back
    page.go_back()
    page.get_by_role("button", name="Hide the Get started checklist").click()
    expect(checklist).to_have_count(0)
    page.reload()
    expect(page.get_by_role("region", name="Opportunities", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Funnel", exact=True)).to_be_visible()
    expect(checklist).to_have_count(0)
