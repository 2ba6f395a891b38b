"""The pipeline in Chromium: the Kanban board (drag and drop, "Move", a stale card's conflict),
winning (the deal's value) and losing (why) a lead, the owner's bell and the lead's timeline, and
Settings > Pipelines (add, reorder, delete with move-to; lost reasons and a pipeline's default value).

Every test works in its own freshly signed-up tenant, with users and leads it creates through the API.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import BrowserContext, FloatRect, Locator, Page, expect

from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import until

# The notifier hears of a move through the stream relay, EventBridge and SQS, and the bell reads its
# count every 20 s: a notification written up to 20 s after the owner logs in still shows in time.
FAN_OUT_MS = 40_000
# A change made in the page is in the API once its request is answered: a moment, not a consumer's run.
SAVED_WITHIN_S = 10.0


@dataclass(frozen=True)
class Member:
    user_id: str
    email: str
    name: str


def add_member(api: Api, account: Account, role: str, name: str) -> Member:
    email = f"{role.lower()}-{uuid.uuid4().hex[:10]}@browser.test"
    body = {"email": email, "name": name, "role": role, "password": PASSWORD}
    user = api.ok("POST", "/users", account.id_token, json=body)
    return Member(user["user_id"], email, name)


def open_board(page: Page, account: Account) -> None:
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Pipeline").click()
    expect(page.get_by_role("heading", name="Pipeline", exact=True)).to_be_visible()


def column(page: Page, stage: str) -> Locator:
    return page.get_by_role("region", name=stage, exact=True)


def card(page: Page, stage: str, name: str) -> Locator:
    return column(page, stage).get_by_role("article", name=name, exact=True)


def lead_stage(api: Api, token: str, lead_id: str) -> str:
    return str(api.ok("GET", f"/leads/{lead_id}", token)["stage_id"])


def _box(locator: Locator) -> FloatRect:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not drawn"
    return box


def assert_apart(one: Locator, other: Locator) -> None:
    """The two boxes do not overlap (sharing an edge is fine; half a pixel allows for rounding)."""
    a, b = _box(one), _box(other)
    slack = 0.5
    assert (
        a["x"] + a["width"] <= b["x"] + slack
        or b["x"] + b["width"] <= a["x"] + slack
        or a["y"] + a["height"] <= b["y"] + slack
        or b["y"] + b["height"] <= a["y"] + slack
    ), f"{a} overlaps {b}"


def assert_inside(inner: Locator, outer: Locator) -> None:
    a, b = _box(inner), _box(outer)
    slack = 0.5
    assert b["x"] - slack <= a["x"] <= b["x"] + b["width"] - a["width"] + slack, f"{a} outside {b}"
    assert b["y"] - slack <= a["y"] <= b["y"] + b["height"] - a["height"] + slack, f"{a} outside {b}"


def test_a_dragged_card_stays_and_its_owner_hears_of_it(
    page: Page, context: BrowserContext, web_url: str, api: Api, account: Account
) -> None:
    # Given a Sales rep and a lead of theirs in New
    rep = add_member(api, account, "Sales", "Sam Sales")
    lead = api.create_lead(
        account.id_token,
        first_name="Dana",
        last_name="Drag",
        value=4200,
        source="referral",
        owner_id=rep.user_id,
    )
    # And a newer lead already in Qualified
    api.create_lead(
        account.id_token,
        first_name="Nora",
        last_name="Newer",
        value=100,
        stage_id=api.stages(account.id_token)["Qualified"],
    )
    open_board(page, account)
    dragged = card(page, "New", "Dana Drag")
    for fact in ("$4,200", "Sam Sales", "Referral", "just now"):
        expect(dragged).to_contain_text(fact)
    expect(column(page, "New")).to_contain_text("1 lead")
    expect(column(page, "Qualified")).to_contain_text("1 lead")

    # When the Admin drags the card from New to Qualified
    dragged.drag_to(column(page, "Qualified"))

    # Then it is in Qualified with the counts changed, and stays there after a reload
    expect(card(page, "Qualified", "Dana Drag")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Dana Drag moved to Qualified")).to_be_visible()
    page.reload()
    expect(card(page, "Qualified", "Dana Drag")).to_be_visible()
    expect(card(page, "New", "Dana Drag")).to_have_count(0)
    # at the top of its new column, above the lead that was there first
    expect(column(page, "Qualified").get_by_role("article").first).to_have_accessible_name("Dana Drag")
    expect(column(page, "Qualified")).to_contain_text("2 leads")
    expect(column(page, "Qualified")).to_contain_text("$4,300")
    expect(column(page, "New")).to_contain_text("0 leads")

    # And the rep, logging in elsewhere, sees the assignment and the move in the bell
    assert context.browser is not None
    other = context.browser.new_context(
        base_url=web_url, viewport={"width": 1366, "height": 900}, timezone_id="UTC"
    )
    try:
        owner = other.new_page()
        log_in(owner, rep.email, PASSWORD)
        bell = owner.get_by_role("button", name=re.compile(r"^Notifications"))
        expect(bell).to_have_accessible_name("Notifications, 2 unread", timeout=FAN_OUT_MS)
        # whose badge sits beside the icon, inside the button, never over the bell itself
        badge = bell.locator(".bell-badge")
        expect(badge).to_have_text("2")
        assert_apart(badge, bell.locator("svg"))
        assert_inside(badge, bell)
        bell.click()
        popover = owner.get_by_role("dialog", name="Notifications")
        # Both are about Dana Drag: one entry, which lists each when unfolded
        entries = popover.get_by_role("list", name="Your notifications").get_by_role("listitem")
        expect(entries).to_have_count(1)
        group = popover.get_by_role("button", name=re.compile(r"^Unread: 2 updates on Dana Drag"))
        expect(group).to_contain_text("Your lead moved — Dana Drag: New to Qualified by Blair Owner")
        popover.get_by_role("button", name="Show each update").click()
        moved = popover.get_by_role("button", name=re.compile(r"^Unread: Your lead moved"))
        expect(moved).to_contain_text("Dana Drag: New to Qualified by Blair Owner")
        expect(
            popover.get_by_role("button", name=re.compile(r"^Unread: New lead assigned to you"))
        ).to_be_visible()

        # Opening it marks it read and shows the lead, whose timeline tells the whole story
        moved.click()
        expect(owner).to_have_url(re.compile(rf"/leads/{lead['lead_id']}$"))
        expect(bell).to_have_accessible_name("Notifications, 1 unread")
        timeline = owner.get_by_role("list", name="Timeline")
        expect(timeline).to_contain_text("Created in New")
        expect(timeline).to_contain_text("Moved from New to Qualified")
        expect(timeline).to_contain_text("by Blair Owner")
        expect(timeline).to_contain_text("Notified Sam Sales: Your lead moved")

        # And "Mark all read" empties the count
        bell.click()
        expect(group).to_contain_text("1 unread")
        popover.get_by_role("button", name="Mark all read").click()
        expect(bell).to_have_accessible_name("Notifications")
        expect(badge).to_have_count(0)
        expect(popover.get_by_role("button", name=re.compile(r"^Unread:"))).to_have_count(0)
        expect(popover.get_by_role("button", name=re.compile(r"^2 updates on Dana Drag"))).to_be_visible()
    finally:
        other.close()


def test_a_stale_card_shows_the_conflict_and_where_the_lead_is_now(
    page: Page, api: Api, account: Account
) -> None:
    # Given a lead on the board, moved with the keyboard through its "Move" menu
    stages = api.stages(account.id_token)
    lead = api.create_lead(account.id_token, first_name="Cora", last_name="Conflict", value=900)
    open_board(page, account)
    page.get_by_role("button", name="Move Cora Conflict to another stage").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("menuitem", name="Contacted")).to_be_focused()
    page.keyboard.press("Enter")
    moved = card(page, "Contacted", "Cora Conflict")
    expect(moved.get_by_role("button", name="Move Cora Conflict to another stage")).to_be_focused()
    until(
        lambda: lead_stage(api, account.id_token, lead["lead_id"]) == stages["Contacted"],
        "the API to show the lead in Contacted",
        timeout=SAVED_WITHIN_S,
    )

    # When someone else, in another session, moves it to Closed Lost meanwhile
    elsewhere = api.login(account.email, account.password)
    now = api.ok("GET", f"/leads/{lead['lead_id']}", elsewhere)
    api.ok(
        "POST",
        f"/leads/{lead['lead_id']}/stage",
        elsewhere,
        json={"stage_id": stages["Closed Lost"], "version": now["version"], "lost_reason": "No response"},
    )
    # And the board, which still shows the older card, drags it to Qualified
    card(page, "Contacted", "Cora Conflict").drag_to(column(page, "Qualified"))

    # Then the conflict is told and the card shows where the lead is now
    expect(page.get_by_role("alert").filter(has_text="Someone else changed this lead")).to_be_visible()
    expect(card(page, "Closed Lost", "Cora Conflict")).to_be_visible()
    expect(card(page, "Qualified", "Cora Conflict")).to_have_count(0)
    expect(card(page, "Contacted", "Cora Conflict")).to_have_count(0)
    expect(column(page, "Closed Lost")).to_contain_text("1 lead")
    assert lead_stage(api, account.id_token, lead["lead_id"]) == stages["Closed Lost"]


def _stage_names(api: Api, token: str) -> list[str]:
    pipeline = api.ok("GET", "/pipelines", token)["items"][0]
    return [stage["name"] for stage in sorted(pipeline["stages"], key=lambda stage: stage["position"])]


def _stage(api: Api, token: str, name: str) -> dict[str, Any]:
    pipeline = api.ok("GET", "/pipelines", token)["items"][0]
    return dict(next(stage for stage in pipeline["stages"] if stage["name"] == name))


def test_pipeline_settings_add_reorder_and_delete_a_stage_that_holds_a_lead(
    page: Page, api: Api, account: Account
) -> None:
    token = account.id_token
    stages = api.stages(token)
    lead = api.create_lead(token, first_name="Milo", last_name="Mover", stage_id=stages["Contacted"])
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Pipelines").click()
    expect(page).to_have_url(re.compile(r"/settings/pipelines$"))
    names = page.get_by_role("textbox", name=re.compile(r"^Name of stage "))
    expect(names).to_have_count(5)

    # Add a stage: it goes last
    page.get_by_label("Stage name").fill("Proposal")
    page.get_by_label("Win probability (%)").fill("60")
    page.get_by_role("button", name="Add stage").click()
    expect(names).to_have_count(6)
    expect(names.nth(5)).to_have_value("Proposal")
    expect(page.get_by_label("Win probability of stage Proposal (%)")).to_have_value("60")

    # Reorder with the arrows: two steps up puts it before Closed Won
    page.get_by_role("button", name="Move Proposal up").click()
    expect(names.nth(4)).to_have_value("Proposal")
    page.get_by_role("button", name="Move Proposal up").click()
    expect(names.nth(3)).to_have_value("Proposal")
    until(
        lambda: _stage_names(api, token)[3] == "Proposal",
        "the API to show Proposal fourth",
        timeout=SAVED_WITHIN_S,
    )

    # Chart toggles and a rename save at once
    # A click, not uncheck(): the box is controlled and shows the saved state once the API answers
    funnel = page.get_by_role("checkbox", name="Show Proposal in the funnel")
    expect(funnel).to_be_checked()
    funnel.click()
    expect(page.get_by_role("status").filter(has_text="Stage Proposal saved")).to_be_visible()
    expect(funnel).not_to_be_checked()
    # Three quick clicks on one box save in click order: the last one stands
    pie = page.get_by_role("checkbox", name="Show Proposal in the pie chart")
    expect(pie).to_be_checked()
    for _ in range(3):
        pie.click()
    expect(pie).not_to_be_checked()
    until(
        lambda: _stage(api, token, "Proposal")["show_in_pie"] is False,
        "the API to show Proposal out of the pie chart",
        timeout=SAVED_WITHIN_S,
    )
    expect(pie).not_to_be_checked()
    page.get_by_label("Name of stage Proposal").fill("Proposal sent")
    page.get_by_label("Name of stage Proposal").press("Enter")
    expect(page.get_by_role("status").filter(has_text="Stage Proposal sent saved")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Show Proposal sent in the funnel")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Show Proposal sent in the pie chart")).not_to_be_checked()
    assert _stage(api, token, "Proposal sent")["show_in_pie"] is False

    # Deleting a stage that holds a lead asks where the lead goes, then moves it there
    page.get_by_role("button", name="Delete stage Contacted").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_accessible_name("Delete stage Contacted?")
    dialog.get_by_role("button", name="Delete stage").click()
    expect(dialog).to_have_accessible_name("Move the leads of Contacted")
    expect(dialog).to_contain_text("holds 1 lead")
    dialog.get_by_label("Move its leads to").select_option(label="Proposal sent")
    dialog.get_by_role("button", name="Move leads and delete").click()
    # A small stage drains within the request, racing the stage deletion job: either way the answer
    # names the stage the lead went to
    expect(page.get_by_role("status").filter(has_text="1 lead moved to Proposal sent")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_label("Name of stage Contacted")).to_have_count(0)
    expect(names).to_have_count(5)
    assert _stage_names(api, token) == ["New", "Qualified", "Proposal sent", "Closed Won", "Closed Lost"]
    assert lead_stage(api, token, lead["lead_id"]) == api.stages(token)["Proposal sent"]


def test_a_card_dragged_to_closed_won_asks_its_value_and_shows_it(
    page: Page, api: Api, account: Account
) -> None:
    # Given a lead worth nothing yet in Qualified
    stages = api.stages(account.id_token)
    lead = api.create_lead(
        account.id_token, first_name="Wendy", last_name="Winner", value=0, stage_id=stages["Qualified"]
    )
    open_board(page, account)

    # When it is dragged to Closed Won, the dialog asks the deal's value; Escape leaves the card be
    card(page, "Qualified", "Wendy Winner").drag_to(column(page, "Closed Won"))
    dialog = page.get_by_role("dialog", name="Deal value")
    value = dialog.get_by_label("Value (USD)")
    expect(value).to_be_focused()
    expect(value).to_have_value("")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(card(page, "Qualified", "Wendy Winner")).to_be_visible()
    assert lead_stage(api, account.id_token, lead["lead_id"]) == stages["Qualified"]

    # And a win worth nothing is refused in the dialog, which stays open
    card(page, "Qualified", "Wendy Winner").drag_to(column(page, "Closed Won"))
    dialog.get_by_role("button", name="Confirm").click()
    expect(dialog).to_contain_text("Enter the deal's value (more than 0)")
    expect(value).to_have_attribute("aria-invalid", "true")

    # Then with 1234.50 it is won: the card shows the value, and the lead has it
    value.fill("1234.50")
    dialog.get_by_role("button", name="Confirm").click()
    expect(dialog).to_have_count(0)
    won = card(page, "Closed Won", "Wendy Winner")
    expect(won).to_contain_text("$1,234.50")
    expect(column(page, "Closed Won")).to_contain_text("1 lead")
    expect(card(page, "Qualified", "Wendy Winner")).to_have_count(0)
    current = api.ok("GET", f"/leads/{lead['lead_id']}", account.id_token)
    assert (current["stage_id"], current["value"]) == (stages["Closed Won"], 1234.5)
    # And the column's total keeps the cents too (not $1,235), as does the lead's own page
    expect(column(page, "Closed Won").get_by_text("$1,234.50", exact=True)).to_have_count(2)
    page.goto(f"/leads/{lead['lead_id']}")
    deal = page.get_by_role("region", name="Deal", exact=True)
    expect(deal.get_by_role("definition").filter(has_text="$")).to_have_text("$1,234.50")


def test_a_lead_lost_through_move_to_says_why_and_its_timeline_shows_it(
    page: Page, api: Api, account: Account
) -> None:
    # Given a lead in New, moved with the keyboard to Closed Lost through its "Move" menu
    stages = api.stages(account.id_token)
    lead = api.create_lead(account.id_token, first_name="Lola", last_name="Lost", value=800)
    open_board(page, account)
    menu = card(page, "New", "Lola Lost").get_by_role("button", name="Move Lola Lost to another stage")
    menu.focus()
    page.keyboard.press("Enter")
    page.get_by_role("menuitem", name="Closed Lost").click()

    # Then the dialog asks why, its first input focused; Escape leaves the card and the focus be
    dialog = page.get_by_role("dialog", name="Why was it lost?")
    reason = dialog.get_by_label("Reason")
    expect(reason).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("menuitem", name="Closed Lost").click()
    expect(reason).to_be_focused()

    # A reason is required
    dialog.get_by_role("button", name="Confirm").click()
    expect(dialog).to_contain_text("Choose why the lead was lost")

    # When a reason and a note are given
    reason.select_option(label="Price")
    dialog.get_by_label("Note (optional)").fill("Went with a cheaper roofer")
    dialog.get_by_role("button", name="Confirm").click()

    # Then the card is in Closed Lost and keeps the keyboard focus
    expect(dialog).to_have_count(0)
    lost = card(page, "Closed Lost", "Lola Lost")
    expect(lost.get_by_role("button", name="Move Lola Lost to another stage")).to_be_focused()
    until(
        lambda: lead_stage(api, account.id_token, lead["lead_id"]) == stages["Closed Lost"],
        "the API to show the lead in Closed Lost",
        timeout=SAVED_WITHIN_S,
    )

    # And the lead's timeline says why it was lost
    lost.get_by_role("link", name="Lola Lost").click()
    timeline = page.get_by_role("list", name="Timeline")
    expect(timeline).to_contain_text("Moved from New to Closed Lost — reason: Price")
    expect(timeline).to_contain_text("Went with a cheaper roofer")


def test_settings_edit_the_lost_reasons_and_a_pipelines_default_value(
    page: Page, api: Api, account: Account
) -> None:
    token = account.id_token
    stages = api.stages(token)
    log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Pipelines").click()
    section = page.get_by_role("region", name="Winning and losing leads")
    reasons = section.get_by_role("textbox", name=re.compile(r"^Lost reason \d+$"))
    expect(reasons).to_have_count(5)

    # Remove one reason, rename another, add a new one, allow zero-value wins, and save
    section.get_by_role("button", name="Remove lost reason Timing").click()
    section.get_by_label("Lost reason 1", exact=True).fill("Price too high")
    section.get_by_label("New lost reason").fill("Budget cut")
    section.get_by_label("New lost reason").press("Enter")
    expect(reasons).to_have_count(5)
    expect(reasons.nth(4)).to_have_value("Budget cut")
    section.get_by_role("switch", name="Allow wins with a value of 0").check()
    section.get_by_role("button", name="Save lost reasons and wins").click()
    expect(page.get_by_role("status").filter(has_text="Lost reasons and wins saved")).to_be_visible()
    saved = api.ok("GET", "/settings/pipelines", token)
    assert saved["lost_reasons"] == [
        "Price too high",
        "Chose a competitor",
        "No response",
        "Not a fit",
        "Budget cut",
    ]
    assert saved["allow_zero_value_wins"] is True

    # And give the default pipeline a default deal value
    page.get_by_label("Default deal value (USD)").fill("1500")
    page.get_by_role("button", name="Save default value").click()
    expect(
        page.get_by_role("status").filter(has_text="Default deal value of Sales pipeline saved")
    ).to_be_visible()
    assert api.ok("GET", "/pipelines", token)["items"][0]["default_value"] == 1500

    # Then a lead worth nothing won on the board starts from the pipeline's value
    api.create_lead(token, first_name="Pia", last_name="Prefill", value=0, stage_id=stages["Qualified"])
    main_nav(page).get_by_role("link", name="Pipeline").click()
    card(page, "Qualified", "Pia Prefill").drag_to(column(page, "Closed Won"))
    expect(page.get_by_role("dialog", name="Deal value").get_by_label("Value (USD)")).to_have_value("1500")
