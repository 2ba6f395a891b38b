"""AI in the browser: a lead's chance to win with its reasons and history, and its brief written by the
local stack's OpenAI fake (Summarize, Regenerate); a Starter tenant sees the card locked with the way to
upgrade; Settings > AI (an Admin turns AI off and on, trains the score model and reads its quality, a
Manager reads it); the lead list sorted and filtered by score, and the board's cards sorted by score.

Every test works in its own freshly signed-up tenant, put on Professional in the stack's table. Scores
are written by the `ai_scorer` consumer a moment after each lead event, and models by the `ai_training`
consumer: a test waits for them through the API, and the page polls by itself while it waits.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import requests
from playwright.sync_api import Locator, Page, expect

from tests.e2e.billing import on_professional
from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import eventually

# The scorer hears of a lead through the stream relay, EventBridge and SQS; a training runs in its
# own consumer (scikit-learn) and rescores the tenant's open leads.
SCORED_S = 90.0
TRAINED_MS = 180_000
BRIEF_HEADINGS = ["Who", "What they asked", "Where they came from", "What happened", "What's next"]
BADGE = re.compile(r"^\d{1,3}% · (Likely|Possible|Unlikely)$")


def professional(api: Api, stack: dict[str, Any], account: Account) -> None:
    on_professional(stack, api.tenant_id(account.id_token))


def insights_when_scored(api: Api, token: str, lead_id: str, status: str = "open") -> dict[str, Any]:
    def probe() -> dict[str, Any] | None:
        found: dict[str, Any] = api.ok("GET", f"/leads/{lead_id}/insights", token)
        score = found["score"]
        return found if score is not None and score["status"] == status else None

    return eventually(probe, f"the score of lead {lead_id} ({status})", timeout=SCORED_S)


def brief_requests(stack: dict[str, Any], marker: str) -> int:
    """The OpenAI fake's chat completions whose lead data names `marker` (a test's own lead)."""
    answer = requests.get(f"{stack['ad_fakes']['openai']}/__log", timeout=30)
    assert answer.ok, answer.text
    return sum(
        1
        for request in answer.json()["requests"]
        if request["path"] == "/v1/chat/completions" and marker in str(request["body"])
    )


def ai_card(page: Page) -> Locator:
    return page.get_by_role("region", name="AI insights")


def open_lead(page: Page, lead_id: str) -> None:
    page.goto(f"/leads/{lead_id}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def open_ai_settings(page: Page) -> None:
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="AI", exact=True).click()
    expect(page).to_have_url(re.compile(r"/settings/ai$"))


def test_the_lead_page_shows_the_score_its_reasons_history_and_a_written_brief(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional tenant with a lead whose details are complete
    professional(api, stack, account)
    marker = f"Pia Berg-{uuid.uuid4().hex[:6]}"
    first, last = marker.split(" ")
    lead = api.create_lead(
        account.id_token,
        first_name=first,
        last_name=last,
        company="Acme Roofing",
        email="pia@acme-roofing.example",
        phone="+14155550123",
        value=4200,
        source="google_ads",
    )
    scored = insights_when_scored(api, account.id_token, lead["lead_id"])
    assert scored["summary"] is None and scored["ai"]["summaries"] is True

    # When the Admin opens the lead
    log_in(page, account.email, account.password)
    open_lead(page, lead["lead_id"])
    card = ai_card(page)

    # Then the card shows the chance to win as a number with its band and where it comes from
    expect(card).to_contain_text("% chance to win")
    expect(card.locator(".ai-score-number")).to_have_text(re.compile(r"^\d{1,3}$"))
    expect(card.locator(".ai-band-label")).to_have_text(re.compile(r"^(Likely|Possible|Unlikely)$"))
    expect(card).to_contain_text(
        re.compile(r"A starting estimate from your stage and source rates|Learned from your workspace's own")
    )
    # And its reasons, each marked as raising or lowering it in words
    reasons = card.get_by_role("list", name="Why").get_by_role("listitem")
    expect(reasons.first).to_be_visible()
    expect(reasons.first).to_have_text(re.compile(r"^▲ Raises |^▼ Lowers "))
    expect(card.get_by_role("list", name="Why")).to_contain_text("complete contact details")
    # And the history as a table: date, score and cause, the first one its creation
    history = card.get_by_role("table", name="Score history")
    expect(history.get_by_role("columnheader")).to_have_text(["Date", "Score", "Cause"])
    expect(history.get_by_role("row").last).to_contain_text("Lead created")
    expect(history.get_by_role("row").last).to_contain_text("(new)")

    # When the Admin asks for a summary
    expect(card.get_by_role("button", name="Regenerate")).to_have_count(0)
    card.get_by_role("button", name="Summarize").click()

    # Then the five parts show, written by the fake model from the lead's own data
    for heading in BRIEF_HEADINGS:
        expect(card.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    who = card.get_by_role("region", name="Who", exact=True)
    expect(who).to_contain_text(marker)
    expect(who).to_contain_text("Acme Roofing")
    expect(card.get_by_role("region", name="Where they came from", exact=True)).to_contain_text("Google Ads")
    expect(card.get_by_role("region", name="What's next", exact=True)).to_contain_text(
        "no follow-up scheduled"
    )
    expect(card).to_contain_text(re.compile(r"Written by gpt-[\w.-]+ on "))
    assert brief_requests(stack, marker) == 1
    # And no email address or phone number went to the model
    log = requests.get(f"{stack['ad_fakes']['openai']}/__log", timeout=30).json()["requests"]
    sent = " ".join(str(r["body"]) for r in log if marker in str(r["body"]))
    assert "pia@acme-roofing.example" not in sent and "4155550123" not in sent

    # When the Admin regenerates it
    card.get_by_role("button", name="Regenerate").click()

    # Then the model is asked again and the brief stays on the page
    eventually(lambda: True if brief_requests(stack, marker) == 2 else None, "the second brief", timeout=30)
    expect(card.get_by_role("button", name="Regenerate")).to_be_enabled()
    expect(card.get_by_role("region", name="Who", exact=True)).to_contain_text(marker)
    stored = api.ok("GET", f"/leads/{lead['lead_id']}/insights", account.id_token)["summary"]
    assert stored["fresh"] is True and marker in stored["brief"]["who"]

    # And a reload shows the stored brief without asking the model again
    page.reload()
    expect(ai_card(page).get_by_role("region", name="Who", exact=True)).to_contain_text(marker)
    assert brief_requests(stack, marker) == 2


def test_a_starter_tenant_sees_the_ai_card_locked_with_the_way_to_upgrade(
    page: Page, api: Api, account: Account
) -> None:
    # Given a tenant on its sign-up plan, which has no AI, and one of its leads
    lead = api.create_lead(account.id_token, first_name="Stella", last_name="Starter")
    refused = api.call("GET", f"/leads/{lead['lead_id']}/insights", account.id_token)
    assert refused.status_code == 402 and refused.json()["error"]["code"] == "plan_feature_required"

    # When the Admin opens the lead
    log_in(page, account.email, account.password)
    open_lead(page, lead["lead_id"])

    # Then the AI card says AI is part of Professional, with the way to upgrade
    card = ai_card(page)
    expect(card.get_by_role("heading", name="AI is part of the Professional plan")).to_be_visible()
    upgrade = card.get_by_role("link", name="Upgrade to Professional")
    expect(upgrade).to_have_attribute("href", "/billing")
    expect(card).not_to_contain_text("% chance to win")
    expect(card.get_by_role("button", name="Summarize")).to_have_count(0)

    # And the lead list offers no score sort or floor
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leads").click()
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    expect(page.get_by_label("Score at least")).to_have_count(0)
    expect(page.get_by_label("Sort", exact=True)).to_have_count(0)

    # And Settings > AI shows the same lock
    open_ai_settings(page)
    expect(page.get_by_role("heading", name="AI is part of the Professional plan")).to_be_visible()
    expect(page.get_by_role("switch")).to_have_count(0)

    # And following the link leads to the plans
    page.get_by_role("link", name="Upgrade to Professional").click()
    expect(page).to_have_url(re.compile(r"/billing$"))


def closed_leads(api: Api, token: str, count: int) -> list[str]:
    """`count` leads won and lost in turns (won ones from referrals, lost ones from ads), each closed
    through a stage move as the board does it; their ids."""
    stages = api.stages(token)
    ids = []
    for index in range(count):
        won = index % 2 == 0
        lead = api.create_lead(
            token,
            first_name=f"Closed{index}",
            last_name="Lead",
            value=1000 + index,
            source="referral" if won else "google_ads",
            email=f"closed{index}@{'firm' if won else 'gmail'}.com",
        )
        body: dict[str, Any] = {"version": lead["version"]}
        if won:
            body["stage_id"] = stages["Closed Won"]
        else:
            body |= {"stage_id": stages["Closed Lost"], "lost_reason": "Price"}
        api.ok("POST", f"/leads/{lead['lead_id']}/stage", token, json=body)
        ids.append(lead["lead_id"])
    return ids


def test_an_admin_turns_ai_off_and_on_trains_the_model_and_reads_its_quality(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional tenant with 24 closed leads (enough to keep the latest aside to test on)
    professional(api, stack, account)
    token = account.id_token
    closed = closed_leads(api, token, 24)
    for lead_id in closed:
        status = "won" if closed.index(lead_id) % 2 == 0 else "lost"
        insights_when_scored(api, token, lead_id, status)

    # When the Admin opens Settings > AI
    log_in(page, account.email, account.password)
    open_ai_settings(page)

    # Then the page says what this installation has, and this month's usage with a meter
    expect(page.get_by_text("OpenAI API key set")).to_be_visible()
    expect(page.get_by_text("Model for summaries")).to_be_visible()
    usage = page.get_by_role("region", name="Usage this month")
    expect(usage).to_contain_text(re.compile(r"0 of 2,000,000 tokens"))
    expect(usage.get_by_role("meter", name="AI tokens used this month")).to_be_visible()

    # When the Admin turns AI off
    switch = page.get_by_role("switch", name="Use AI in this workspace")
    expect(switch).to_be_checked()
    switch.click()

    # Then it is off, for the API too, and training cannot be asked for
    expect(page.get_by_role("status").filter(has_text="AI is off for this workspace")).to_be_visible()
    expect(switch).not_to_be_checked()
    assert api.ok("GET", "/settings/ai", token)["enabled"] is False
    refused = api.call("GET", f"/leads/{closed[0]}/insights", token)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "ai_disabled"
    expect(page.get_by_role("button", name="Train now")).to_have_count(0)

    # And the lead page says so, with the way back to Settings > AI
    open_lead(page, closed[0])
    expect(ai_card(page)).to_contain_text("AI is turned off for this workspace.")
    ai_card(page).get_by_role("link", name="Turn it on in Settings > AI").click()
    expect(page).to_have_url(re.compile(r"/settings/ai$"))

    # When the Admin turns it on again
    switch = page.get_by_role("switch", name="Use AI in this workspace")
    switch.click()
    expect(page.get_by_role("status").filter(has_text="AI is on for this workspace")).to_be_visible()
    expect(switch).to_be_checked()
    assert api.ok("GET", "/settings/ai", token)["enabled"] is True

    # And asks for a training now
    model = page.get_by_role("region", name="Score model")
    model.get_by_role("button", name="Train now").click()

    # Then the page says when it was asked for
    expect(model.get_by_role("status")).to_contain_text(
        re.compile(r"Training requested at \w{3} \d{1,2}, \d{4}")
    )

    # And, once the training is done, the model's quality on the latest closed leads it did not learn from
    expect(model.get_by_role("region", name="Ranking (AUC)")).to_contain_text(
        re.compile(r"\d\.\d\d"), timeout=TRAINED_MS
    )
    expect(model).to_contain_text("12 won, 12 lost; measured on the latest 10, which it did not learn from")
    expect(model.get_by_role("region", name="Source-only model (AUC)")).to_contain_text(
        re.compile(r"\d\.\d\d")
    )
    expect(model.get_by_role("region", name="Calibration error")).to_contain_text(re.compile(r"\d\.\d\d"))
    expect(model).to_contain_text("A starting estimate from your stage and source rates")
    expect(model).to_contain_text("0.5 is a coin toss")
    calibration = model.get_by_role("table", name="Calibration")
    expect(calibration.get_by_role("columnheader")).to_have_text(
        ["Predicted chance", "Leads", "Predicted", "Actually won"]
    )
    expect(calibration.get_by_role("row").nth(1)).to_contain_text(re.compile(r"\d+\u2013\d+%"))
    quality = api.ok("GET", "/settings/ai", token)["model"]
    assert quality["holdout"] == 10 and quality["auc"] is not None
    expect(model.get_by_role("region", name="Ranking (AUC)")).to_contain_text(f"{quality['auc']:.2f}")

    # And a Manager reads the page but cannot change the switch or train
    manager = api.add_user(token, "Manager", "Morgan Manager")
    page.get_by_role("button", name="Log out").click()
    log_in(page, manager["email"], PASSWORD)
    open_ai_settings(page)
    expect(page.get_by_role("switch", name="Use AI in this workspace")).to_be_disabled()
    expect(page.get_by_text("Only an Admin can turn AI on or off.")).to_be_visible()
    expect(page.get_by_role("button", name="Train now")).to_have_count(0)
    expect(page.get_by_role("region", name="Ranking (AUC)")).to_be_visible()


def three_scored_leads(api: Api, stack: dict[str, Any], account: Account) -> dict[str, dict[str, Any]]:
    """A Professional tenant's leads whose scores differ the same way under the starting estimate and
    under a trained prior: complete details in Qualified, some in Contacted, few in New."""
    professional(api, stack, account)
    token = account.id_token
    stages = api.stages(token)
    leads = {
        "high": api.create_lead(
            token,
            first_name="Hana",
            last_name="High",
            company="Hill Corp",
            email="hana@hillcorp.example",
            phone="+14155550100",
            stage_id=stages["Qualified"],
        ),
        "mid": api.create_lead(
            token, first_name="Milo", last_name="Mid", email="milo@gmail.com", stage_id=stages["Contacted"]
        ),
        "low": api.create_lead(token, first_name="Lou", last_name="Low", stage_id=stages["New"]),
    }
    for lead in leads.values():
        insights_when_scored(api, token, lead["lead_id"])
    return leads


def score_rows(page: Page) -> Locator:
    table = page.get_by_role("table", name="Leads by score")
    return table.get_by_role("row").filter(has=page.get_by_role("cell"))


def test_the_lead_list_sorts_and_filters_by_score_and_the_board_shows_score_badges(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given three open leads whose chances to win differ
    leads = three_scored_leads(api, stack, account)
    token = account.id_token

    # When the Admin sorts the lead list by score
    log_in(page, account.email, account.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leads").click()
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    page.get_by_label("Sort", exact=True).select_option(label="Score")

    # Then the leads show highest chance first, each with its score and band
    expect(page).to_have_url(re.compile(r"sort=score"))
    expect(page.get_by_text("Open leads by their chance to win, highest first")).to_be_visible()
    expect(score_rows(page)).to_have_count(3)
    expect(score_rows(page).locator("td:first-child a")).to_have_text(["Hana High", "Milo Mid", "Lou Low"])
    badges = score_rows(page).locator(".ai-score-badge")
    for index in range(3):
        expect(badges.nth(index)).to_have_text(BADGE)
    expect(badges.first).to_have_attribute("title", re.compile(r"^\d+% chance to win \(\w+\): .+"))

    # And the scores are the API's, highest first
    def shown_match_api() -> bool | None:
        ranked = api.ok("GET", "/ai/scores", token)["items"]
        expected = [f"{item['score']}%" for item in ranked]
        shown = [text.split(" ")[0] for text in badges.all_inner_texts()]
        return True if shown == expected and ranked[0]["lead"]["name"] == "Hana High" else None

    eventually(shown_match_api, "the list's scores to be the API's", timeout=30)

    # When the Admin asks for scores of at least 15 (between the lowest and the others)
    page.get_by_label("Score at least").fill("15")

    # Then the lowest lead leaves the list, and the URL keeps the choice across a reload
    expect(score_rows(page)).to_have_count(2)
    expect(page.get_by_role("table", name="Leads by score")).not_to_contain_text("Lou Low")
    expect(page).to_have_url(re.compile(r"min_score=15"))
    page.reload()
    expect(page.get_by_label("Sort", exact=True)).to_have_value("score")
    expect(page.get_by_label("Score at least")).to_have_value("15")
    expect(score_rows(page).locator("td:first-child a")).to_have_text(["Hana High", "Milo Mid"])

    # And a stage filter keeps working with it
    page.get_by_label("Stage").select_option(label="Contacted")
    expect(score_rows(page).locator("td:first-child a")).to_have_text(["Milo Mid"])
    expect(page).to_have_url(re.compile(r"min_score=15"))

    # When the Admin goes back to the newest first
    page.get_by_label("Stage").select_option(label="All stages")
    page.get_by_label("Score at least").fill("")
    page.get_by_label("Sort", exact=True).select_option(label="Newest")
    expect(page.get_by_role("table", name="Leads by score")).to_have_count(0)
    expect(page.get_by_text("Every lead in your account, newest first")).to_be_visible()

    # When the Admin sorts the board's cards by score
    main_nav(page).get_by_role("link", name="Pipeline").click()
    expect(page.get_by_role("heading", name="Pipeline", exact=True)).to_be_visible()
    qualified = page.get_by_role("region", name="Qualified", exact=True)
    expect(qualified.get_by_role("article", name="Hana High")).to_be_visible()
    page.get_by_label("Sort cards by score").check()
    expect(page.get_by_label("Sort cards by score")).to_be_checked()

    # Then each card shows its score badge
    expect(page).to_have_url(re.compile(r"sort=score"))
    for stage, name in (("Qualified", "Hana High"), ("Contacted", "Milo Mid"), ("New", "Lou Low")):
        card = page.get_by_role("region", name=stage, exact=True).get_by_role("article", name=name)
        expect(card.locator(".ai-score-badge")).to_have_text(BADGE)

    # And "Score at least" leaves the low lead out of its column
    page.get_by_label("Score at least").fill("15")
    new_column = page.get_by_role("region", name="New", exact=True)
    expect(new_column).to_contain_text("No matches")
    expect(page.get_by_role("region", name="Contacted", exact=True).get_by_role("article")).to_have_count(1)

    # And a card moved to another stage moves there, still with its score
    contacted = page.get_by_role("region", name="Contacted", exact=True)
    contacted.get_by_role("article", name="Milo Mid").get_by_role("button", name=re.compile("Move")).click()
    page.get_by_role("menuitem", name="Qualified").click()
    expect(page.get_by_role("status").filter(has_text="Milo Mid moved to Qualified")).to_be_visible()
    qualified = page.get_by_role("region", name="Qualified", exact=True)
    moved = qualified.get_by_role("article", name="Milo Mid")
    expect(moved.locator(".ai-score-badge")).to_have_text(BADGE)
    expect(contacted.get_by_role("article")).to_have_count(0)
    assert (
        api.ok("GET", f"/leads/{leads['mid']['lead_id']}", token)["stage_id"]
        == api.stages(token)["Qualified"]
    )
