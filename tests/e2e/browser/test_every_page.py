"""Every screen, as each kind of user reaches it, on a phone (390 by 844): it fits the width without
scrolling sideways, it has a title of its own ("Leads · Convertly"), and axe-core finds no serious or
critical accessibility violation on it.

The pages are the ones the app itself offers: each entry of the main navigation, each tab of Settings
and of the platform console, the partner portal's menu, plus a record of each kind (a lead, a contact,
a company, a form, a workflow…) and the public pages. A new page in any of those menus is checked
without a change here.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from devstack.settings import REPO_ROOT
from tests.e2e.browser.api import Api
from tests.e2e.browser.conftest import log_in, main_nav

AXE = REPO_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE: ViewportSize = {"width": 390, "height": 844}
PHONE_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
DEMO_ADMIN = "admin@summitroofing.test"
DEVELOPER_ADMIN = "devadmin@convertly.test"
PARTNER = "affiliate@summitroofing.test"
# The WCAG 2.x A and AA rules (axe's own set: its experimental rules stay out, as axe runs by default);
# a finding counts when axe rates it serious or critical.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


@dataclass
class Findings:
    """What each page got wrong, all of them reported at the end (one run shows every page's)."""

    problems: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def add(self, path: str, problem: str) -> None:
        self.problems.append(f"{path}: {problem}")

    def report(self) -> str:
        return f"{len(self.problems)} problems on {len(self.visited)} pages:\n" + "\n".join(self.problems)


@pytest.fixture
def phones(browser: Browser, web_url: str) -> Iterator[Callable[[], Page]]:
    """A new phone per user: a browser context of its own (storage, cookies), closed at the end."""
    contexts: list[BrowserContext] = []

    def new_phone() -> Page:
        context = browser.new_context(
            base_url=web_url,
            viewport=PHONE,
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            timezone_id="UTC",
            # Headless Chromium names itself in its user agent; the referral counter would call it a bot.
            user_agent=PHONE_AGENT,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield new_phone
    for context in contexts:
        context.close()


def go(page: Page, path: str) -> None:
    """Open `path` inside the running app (the router's own navigation: no reload per page)."""
    page.evaluate(
        "path => { history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate')); }", path
    )
    settle(page)


def settle(page: Page) -> None:
    """Until the page has its heading and nothing on it is still loading."""
    page.wait_for_load_state("load")
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_function(
        "() => !document.querySelector('.loading, [aria-busy=\"true\"], .skeleton')",
        timeout=15_000,
    )


def check(page: Page, path: str, findings: Findings) -> None:
    findings.visited.append(path)
    width = page.evaluate(
        "() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,"
        " widest: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right >"
        " document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, [data-scrolls]'))"
        ".slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'"
        " ? '.' + e.className.trim().split(/\\s+/).join('.') : '')) })"
    )
    if width["scroll"] > width["client"]:
        widest = ", ".join(width["widest"])
        findings.add(path, f"{width['scroll']} px wide at {width['client']} px ({widest})")
    # The title follows the heading at the next animation frame: give it that moment on a busy machine.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => document.title !== 'Convertly'", timeout=5_000)
    title = page.title()
    if not title.endswith(" · Convertly") or title.startswith("Convertly"):
        findings.add(path, f"title {title!r} does not name the screen")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })"
        ".then(r => r.violations.filter(v => !v.tags.includes('experimental'))"
        ".map(v => ({ id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 2).map(n => n.target.join(' ')) })))",
        AXE_TAGS,
    )
    for violation in results:
        if violation["impact"] in BLOCKING:
            rule, nodes = f"{violation['impact']} {violation['id']}", violation["nodes"]
            findings.add(path, f"axe {rule}: {violation['help']} {nodes}")


def menu_links(page: Page, selector: str) -> list[str]:
    """The paths a menu offers (opened from the phone's menu button where it is folded away)."""
    hrefs: list[str] = page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))")
    return [href for href in dict.fromkeys(hrefs) if href and href.startswith("/")]


def first_id(api: Api, token: str, path: str, key: str) -> str | None:
    body: Any = api.ok("GET", path, token)
    items = body.get("items", body) if isinstance(body, dict) else body
    return str(items[0][key]) if items else None


def visit_all(page: Page, paths: list[str], findings: Findings) -> None:
    for path in dict.fromkeys(paths):
        go(page, path)
        check(page, path, findings)


def test_every_tenant_page_fits_a_phone_has_a_title_and_passes_axe(
    phones: Callable[[], Page], api: Api, demo_logins: dict[str, str]
) -> None:
    page = phones()
    log_in(page, DEMO_ADMIN, demo_logins[DEMO_ADMIN])
    token = api.login(DEMO_ADMIN, demo_logins[DEMO_ADMIN])
    findings = Findings()

    # A route change titles the new screen and puts focus on its heading; the skip link stays first
    page.get_by_role("button", name="Menu").click()
    main_nav(page).get_by_role("link", name="Leads", exact=True).click()
    expect(page).to_have_title("Leads · Convertly")
    expect(page.get_by_role("heading", level=1, name="Leads")).to_be_focused()
    first_stop = page.evaluate(
        "() => document.querySelector('a[href], button, input, select, textarea').getAttribute('href')"
    )
    assert first_stop == "#main", first_stop  # the skip link, first of all

    paths = menu_links(page, "nav[aria-label='Main'] a")
    assert "/leads" in paths and "/pipeline" in paths, paths
    go(page, "/settings")
    paths += menu_links(page, "nav[aria-label='Settings'] a")
    assert any(path.startswith("/settings/") for path in paths), paths
    paths += ["/profile", "/leads/new", "/leads/deleted", "/contacts/new", "/companies", "/companies/new"]
    records = {
        # a lead with a follow-up done (the seed's), so its page shows done and open ones
        "/leads/{}": ("/followups?scope=team&status=done&limit=1", "lead_id"),
        "/contacts/{}": ("/contacts?limit=1", "contact_id"),
        "/companies/{}": ("/companies?limit=1", "company_id"),
        "/forms/{}": ("/forms", "form_id"),
        "/settings/automation/{}": ("/workflows", "workflow_id"),
        "/settings/templates/{}": ("/message-templates", "template_id"),
    }
    found = {pattern: first_id(api, token, listing, key) for pattern, (listing, key) in records.items()}
    assert found["/leads/{}"] and found["/contacts/{}"] and found["/companies/{}"], found
    paths += [pattern.format(record) for pattern, record in found.items() if record]
    paths.append(f"/leads/{found['/leads/{}']}/edit")

    visit_all(page, paths, findings)
    assert len(findings.visited) >= 40, findings.visited
    assert not findings.problems, findings.report()


def test_every_console_and_partner_page_fits_a_phone_has_a_title_and_passes_axe(
    phones: Callable[[], Page], demo_logins: dict[str, str]
) -> None:
    findings = Findings()
    page = phones()
    log_in(page, DEVELOPER_ADMIN, demo_logins[DEVELOPER_ADMIN])
    paths = menu_links(page, "nav[aria-label='Main'] a")
    go(page, "/platform")
    paths += menu_links(page, "nav[aria-label='Platform console'] a")
    # A tenant and a partner of the console's own lists
    for listing in ("/platform", "/platform/affiliates"):
        go(page, listing)
        paths.append(page.get_by_role("table").get_by_role("link").first.get_attribute("href") or listing)
    visit_all(page, paths, findings)

    partner = phones()
    log_in(partner, PARTNER, demo_logins[PARTNER])
    visit_all(partner, menu_links(partner, "nav[aria-label='Main'] a"), findings)

    # And the public pages, signed out
    public = phones()
    for path in ["/login", "/signup", "/forgot-password", "/partners"]:
        public.goto(path)
        settle(public)
        check(public, path, findings)

    assert len(findings.visited) >= 20, findings.visited
    assert not findings.problems, findings.report()


def test_the_axe_scan_reports_what_it_finds(phones: Callable[[], Page]) -> None:
    """The check itself: a page with a known fault is reported (a scan that finds nothing proves
    nothing unless it can find something)."""
    page = phones()
    page.goto("/login")
    settle(page)
    page.evaluate(
        "() => { const i = document.createElement('input'); i.type = 'text';"
        " document.querySelector('main').append(i); const wide = document.createElement('div');"
        " wide.style.width = '900px'; wide.textContent = 'wide';"
        " document.querySelector('main').append(wide); }"
    )
    findings = Findings()
    check(page, "/login", findings)
    assert any("label" in problem for problem in findings.problems), findings.report()
    assert any("px wide at 390 px" in problem for problem in findings.problems), findings.report()
    assert json.dumps(findings.visited) == '["/login"]'
