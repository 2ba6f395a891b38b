"""The browser tests: Playwright (sync API) driving Debian's Chromium against the session's stack.

One browser for the session, a new context (cookies, storage) per test. A failing test leaves a
screenshot and the page's HTML in test-artifacts/browser/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright, expect, sync_playwright

from devstack.settings import REPO_ROOT
from tests.e2e.browser.api import Account, Api

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"
DEMO_PASSWORD = "Convertly-Demo-1"

expect.set_options(timeout=10_000)

_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


@pytest.fixture(scope="session")
def web_url(stack: dict[str, Any]) -> str:
    if not stack.get("web_built"):
        pytest.fail("web/dist is missing: run `make web-build` before the browser tests")
    return str(stack["web_url"])


@pytest.fixture(scope="session")
def api(stack: dict[str, Any]) -> Api:
    return Api(stack["api_url"])


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs it")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # only this run's failures
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, web_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=web_url, accept_downloads=True, viewport={"width": 1366, "height": 900}, timezone_id="UTC"
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()
    yield page
    if request.node.stash.get(_FAILED, False):
        _keep_artifacts(page, request.node.nodeid)


def _keep_artifacts(page: Page, nodeid: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:150]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content())
    except Exception as error:  # a crashed page still must not hide the test's own failure
        (ARTIFACTS / f"{name}.error.txt").write_text(f"could not capture the page: {error}")


@pytest.fixture
def account(api: Api) -> Account:
    """A freshly signed-up tenant (its Admin), for tests that write."""
    return api.sign_up()


@pytest.fixture(scope="session")
def demo_logins(stack: dict[str, Any]) -> dict[str, str]:
    """Seeded demo email -> password."""
    return {login["email"]: login["password"] for login in stack["logins"]}


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")
