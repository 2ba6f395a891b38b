"""Ask AI in the browser: pipeline questions answered by the `ai_answers` consumer through the local
stack's OpenAI fake, which calls the tool whose words the question holds and answers by repeating the
tool results (figures as the tools gave them, links as markdown).

An Admin asks which campaigns brought revenue last month and reads the figures the revenue report
answers, with the report as a source; then asks which Qualified leads have no follow-up and follows
the cited lead to its page. A Sales user's stalling leads are their own only. A thread is asked in
with Enter, renamed, kept across a reload, and deleted; a Starter tenant sees the page locked.

Every test works in its own freshly signed-up tenant, put on Professional in the stack's table. What
cannot be made through the API is set in the stack's table as the days would have left it: the day
leads were won (last month) and how long leads have been idle.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import boto3
from playwright.sync_api import Locator, Page, expect

from tests.e2e.billing import on_professional
from tests.e2e.browser.api import PASSWORD, Account, Api
from tests.e2e.browser.conftest import log_in, main_nav
from tests.e2e.waiting import eventually

# An answer goes through the outbox, EventBridge and SQS to the ai_answers consumer, then a few model
# requests against the fake; the analytics and score consumers catch up with lead events the same way.
ANSWER_MS = 90_000
CONSUMED_S = 90.0
THREAD_URL = re.compile(r"/ask/[0-9A-Z]{26}$")


def table(stack: dict[str, Any]) -> Any:
    return boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def last_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def tenant_today(api: Api, token: str) -> date:
    """Today in the tenant's time zone: the last day of its reports' default range."""
    report = api.ok("GET", "/analytics/revenue", token)
    return date.fromisoformat(report["range"]["date_to"])


def won_last_month(
    api: Api, stack: dict[str, Any], account: Account, campaign: str, values: list[int]
) -> tuple[date, date]:
    """Leads from the Google Ads campaign `campaign`, each created and won last month (in the tenant's
    time zone): won through the API today, then their creation and win moved back in the stack's
    table, and a note on each so the reports take the lead in again. Returns last month's range."""
    token = account.id_token
    tenant_id = api.tenant_id(token)
    first, last = last_month(tenant_today(api, token))
    created = datetime(first.year, first.month, 10, 15, tzinfo=UTC)
    won = datetime(first.year, first.month, 20, 15, tzinfo=UTC)
    stages = api.stages(token)
    for index, value in enumerate(values):
        lead = api.create_lead(
            token,
            first_name=f"Winner{index}",
            last_name=campaign,
            value=value,
            source="google_ads",
            attribution={"utm_source": "google", "utm_medium": "cpc", "utm_campaign": campaign},
        )
        body = {"stage_id": stages["Closed Won"], "version": lead["version"]}
        api.ok("POST", f"/leads/{lead['lead_id']}/stage", token, json=body)
        table(stack).update_item(
            Key={"PK": f"T#{tenant_id}#LEAD#{lead['lead_id']}", "SK": "LEAD"},
            UpdateExpression="SET created_at = :created, stage_entered_at = :won",
            ExpressionAttributeValues={":created": stamp(created), ":won": stamp(won)},
            ConditionExpression="attribute_exists(PK)",
        )
        api.ok("POST", f"/leads/{lead['lead_id']}/notes", token, json={"body": "Signed last month."})
    return first, last


def idle_since(stack: dict[str, Any], tenant_id: str, lead_id: str, moment: datetime) -> None:
    """The lead's last activity, as the score's record keeps it, moved back to `moment`."""
    table(stack).update_item(
        Key={"PK": f"T#{tenant_id}#AI#LEAD#{lead_id}", "SK": "SCORE"},
        UpdateExpression="SET last_activity_at = :at",
        ExpressionAttributeValues={":at": stamp(moment)},
        ConditionExpression="attribute_exists(PK)",
    )


def scored(api: Api, token: str, lead_id: str) -> None:
    def probe() -> bool | None:
        return True if api.ok("GET", f"/leads/{lead_id}/insights", token)["score"] is not None else None

    eventually(probe, f"the score of lead {lead_id}", timeout=CONSUMED_S)


def open_ask(page: Page) -> None:
    main_nav(page).get_by_role("link", name="Ask AI").click()
    expect(page.get_by_role("heading", level=1, name="Ask AI")).to_be_visible()


def question_box(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Your question")


def ask(page: Page, question: str) -> None:
    box = question_box(page)
    expect(box).to_be_enabled()
    box.fill(question)
    box.press("Enter")


def last_answer(page: Page) -> Locator:
    return page.get_by_role("article", name="Answer").last


def written(page: Page, opening: str) -> Locator:
    """The latest answer once written: the progress line gone, its text starting from its first tool."""
    answer = last_answer(page)
    expect(answer).to_contain_text(opening, timeout=ANSWER_MS)
    expect(answer.get_by_role("status")).to_have_count(0)
    return answer


def thread_id_of(page: Page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def amount(minor: int) -> str:
    """An amount as the tools give it: whole units without decimals, else to the cent."""
    whole, cents = divmod(minor, 100)
    return str(whole) if cents == 0 else f"{minor / 100:.2f}".rstrip("0")


def test_an_admin_asks_about_last_months_revenue_and_follows_a_cited_lead(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Professional tenant whose Google Ads campaign won two leads last month, and an open lead
    # in Qualified with no follow-up
    on_professional(stack, api.tenant_id(account.id_token))
    token = account.id_token
    campaign = f"hail-{uuid.uuid4().hex[:6]}"
    first, last = won_last_month(api, stack, account, campaign, [1500, 900])
    query = {"date_from": first.isoformat(), "date_to": last.isoformat(), "group_by": "campaign"}

    def report_row() -> dict[str, Any] | None:
        report = api.ok("GET", "/analytics/revenue", token, params=query)
        rows = [row for row in report["rows"] if row["campaign"] == campaign]
        return rows[0] if rows and rows[0]["revenue_minor"] == 240_000 else None

    row = eventually(report_row, "last month's wins in the revenue report", timeout=CONSUMED_S)
    waiting = api.create_lead(
        token, first_name="Quinn", last_name="Qualified", stage_id=api.stages(token)["Qualified"]
    )

    # When the Admin opens Ask AI and asks which campaigns brought revenue last month
    log_in(page, account.email, account.password)
    open_ask(page)
    expect(page.get_by_role("heading", name="New thread")).to_be_visible()
    expect(page.get_by_role("button", name="Which campaigns brought revenue last month?")).to_be_visible()
    ask(page, "Which campaigns brought revenue last month?")

    # Then the thread opens under its own address, named after the question, with the question in it
    expect(page).to_have_url(THREAD_URL)
    thread_id = thread_id_of(page)
    expect(
        page.get_by_role("heading", level=2, name="Which campaigns brought revenue last month?")
    ).to_be_visible()
    expect(page.get_by_role("article", name="Question", exact=True)).to_have_text(
        "Which campaigns brought revenue last month?"
    )

    # And the answer gives the revenue report's figures for last month, exactly
    answer = written(page, "From revenue_by_campaign:")
    text = answer.locator(".ask-text")
    expect(text).to_contain_text(f"- from: {first.isoformat()}")
    expect(text).to_contain_text(f"- to: {last.isoformat()}")
    expect(text).to_contain_text(f"- campaigns.1.campaign: {campaign}")
    expect(text).to_contain_text(f"- campaigns.1.won: {json.dumps(row['won'])}")
    expect(text).to_contain_text(f"- campaigns.1.revenue: {amount(row['revenue_minor'])}")
    expect(text).to_contain_text(f"- total.revenue: {amount(row['revenue_minor'])}")
    assert amount(row["revenue_minor"]) == "2400"

    # And it cites the revenue report of those days as its source, a link into the app
    title = f"Revenue by campaign, {first.isoformat()} to {last.isoformat()}"
    report_path = f"/reports/revenue?date_from={first}&date_to={last}&group_by=campaign"
    sources = answer.get_by_role("region", name="Sources")
    expect(sources.get_by_role("link", name=re.compile("^Revenue by campaign"))).to_have_attribute(
        "href", report_path
    )
    expect(text.get_by_role("link", name=title)).to_have_attribute("href", report_path)

    # And "How this was answered" lists the tool and its arguments
    answer.get_by_text("How this was answered").click()
    expect(answer.get_by_role("listitem").filter(has_text="revenue_by_campaign")).to_contain_text(
        "period: last_month"
    )

    # And the thread is there after a reload, answer and all
    page.reload()
    expect(
        page.get_by_role("heading", level=2, name="Which campaigns brought revenue last month?")
    ).to_be_visible()
    expect(last_answer(page).locator(".ask-text")).to_contain_text(f"- campaigns.1.campaign: {campaign}")
    threads = page.get_by_role("navigation", name="Threads")
    expect(threads.get_by_role("link", name=re.compile("Which campaigns brought revenue"))).to_have_attribute(
        "aria-current", "page"
    )

    # When the Admin asks which Qualified leads have no follow-up
    ask(page, "How many leads in Qualified have no follow-up?")

    # Then the answer names the waiting lead, cited, and following it opens the lead's page
    answer = written(page, "From leads_without_followup:")
    expect(page.get_by_role("article", name="Answer")).to_have_count(2)
    expect(answer.locator(".ask-text")).to_contain_text("- without_followup: 1")
    lead_link = answer.get_by_role("region", name="Sources").get_by_role("link", name="Quinn Qualified")
    expect(lead_link).to_have_attribute("href", f"/leads/{waiting['lead_id']}")
    lead_link.click()
    expect(page).to_have_url(re.compile(f"/leads/{waiting['lead_id']}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quinn Qualified")

    # And the API keeps both answers in the thread, with the report cited
    detail = api.ok("GET", f"/ai/threads/{thread_id}", token)
    answers = [m for m in detail["messages"] if m["role"] == "assistant"]
    assert [m["status"] for m in answers] == ["done", "done"]
    assert report_path in {citation["path"] for citation in answers[0]["citations"]}


def test_a_sales_users_stalling_leads_are_their_own_only(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a Sales user's lead and a colleague's lead, both idle for three weeks
    tenant_id = api.tenant_id(account.id_token)
    on_professional(stack, tenant_id)
    token = account.id_token
    suffix = uuid.uuid4().hex[:6]
    sales = api.add_user(token, "Sales", "Sam Sales")
    own = api.create_lead(token, first_name="Sasha", last_name=f"Slow-{suffix}", owner_id=sales["user_id"])
    theirs = api.create_lead(token, first_name="Colin", last_name=f"Colleague-{suffix}")
    three_weeks_ago = datetime.now(UTC) - timedelta(days=21)
    for lead in (own, theirs):
        scored(api, token, lead["lead_id"])
        idle_since(stack, tenant_id, lead["lead_id"], three_weeks_ago)

    # When the Sales user asks which of their leads are stalling, from the examples of a new thread
    log_in(page, sales["email"], PASSWORD)
    open_ask(page)
    expect(page.get_by_text("No threads yet.")).to_be_visible()
    page.get_by_role("button", name="Which of my leads are stalling?").click()

    # Then the answer lists their own lead, with a link to it, and not the colleague's
    expect(page).to_have_url(THREAD_URL)
    answer = written(page, "From stalling_leads:")
    text = answer.locator(".ask-text")
    expect(text).to_contain_text("- scope: your open leads")
    expect(text.get_by_role("link", name=f"Sasha Slow-{suffix}").first).to_have_attribute(
        "href", f"/leads/{own['lead_id']}"
    )
    expect(text).to_contain_text("- leads.1.idle_days: 21")
    expect(answer).not_to_contain_text("Colin")
    expect(answer).not_to_contain_text(f"Colleague-{suffix}")
    expect(
        answer.get_by_role("region", name="Sources").get_by_role("link", name=f"Sasha Slow-{suffix}")
    ).to_be_visible()

    # And the thread is the Sales user's own: the Admin cannot open it
    thread_id = thread_id_of(page)
    refused = api.call("GET", f"/ai/threads/{thread_id}", token)
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "thread_not_found"
    cited = api.ok("GET", f"/ai/threads/{thread_id}", api.login(sales["email"], PASSWORD))["messages"][-1]
    assert f"/leads/{own['lead_id']}" in {c["path"] for c in cited["citations"]}
    assert f"/leads/{theirs['lead_id']}" not in {c["path"] for c in cited["citations"]}


def test_a_thread_is_asked_in_with_enter_renamed_kept_and_deleted(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a tenant on its sign-up plan: Ask AI shows the way to the plan that has AI
    log_in(page, account.email, account.password)
    open_ask(page)
    expect(page.get_by_role("heading", name="AI is part of the Professional plan")).to_be_visible()
    expect(question_box(page)).to_have_count(0)

    # When the tenant is on Professional
    on_professional(stack, api.tenant_id(account.id_token))
    page.reload()

    # Then Shift+Enter starts a new line and sends nothing
    box = question_box(page)
    box.fill("How many leads")
    box.press("Shift+Enter")
    box.press_sequentially("does each stage hold?")
    expect(box).to_have_value("How many leads\ndoes each stage hold?")
    expect(page).to_have_url(re.compile(r"/ask$"))

    # And Enter sends the question: a new thread named after it, answered from the board's counts
    box.fill("How many leads does each stage of the pipeline hold?")
    box.press("Enter")
    expect(page).to_have_url(THREAD_URL)
    thread_id = thread_id_of(page)
    written(page, "From stage_counts:")
    expect(question_box(page)).to_have_value("")
    threads = page.get_by_role("navigation", name="Threads")
    named = "How many leads does each stage of the pipeline hold?"
    expect(threads.get_by_role("link", name=re.compile(re.escape(named)))).to_be_visible()

    # When the Admin renames it in place
    threads.get_by_role("button", name=f"Rename {named}").click()
    threads.get_by_label("Thread name").fill("Board counts")
    threads.get_by_label("Thread name").press("Enter")

    # Then the list and the thread show the new name, and it is kept across a reload
    expect(threads.get_by_role("link", name=re.compile("^Board counts"))).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Board counts")).to_be_visible()
    page.reload()
    expect(page).to_have_url(re.compile(f"/ask/{thread_id}$"))
    expect(page.get_by_role("heading", level=2, name="Board counts")).to_be_visible()
    expect(last_answer(page)).to_contain_text("From stage_counts:")
    assert api.ok("GET", f"/ai/threads/{thread_id}", account.id_token)["thread"]["title"] == "Board counts"

    # When the Admin deletes it, confirming
    threads = page.get_by_role("navigation", name="Threads")
    threads.get_by_role("button", name="Delete Board counts").click()
    dialog = page.get_by_role("dialog", name="Delete this thread?")
    expect(dialog).to_contain_text("“Board counts” and its questions and answers are deleted")
    dialog.get_by_role("button", name="Delete thread").click()

    # Then it is gone, from the page and the API, and the page is back to a new thread
    expect(page).to_have_url(re.compile(r"/ask$"))
    expect(threads.get_by_text("No threads yet.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="New thread")).to_be_visible()
    assert api.call("GET", f"/ai/threads/{thread_id}", account.id_token).status_code == 404
    assert api.ok("GET", "/ai/threads", account.id_token)["items"] == []
