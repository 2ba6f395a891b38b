"""The seeded demo form through the running stack's HTTP server: what the local gateway must pass to
the form_submit function untouched (its CORS preflight, a classic form-encoded post) and the hosted
page a customer without a website shares."""

from __future__ import annotations

import re
import time
from html import unescape
from typing import Any

import pytest
import requests

TIMEOUT = 30


@pytest.fixture(scope="module")
def demo_form(stack: dict[str, Any]) -> dict[str, Any]:
    login = next(item for item in stack["logins"] if item["email"] == "admin@summitroofing.test")
    tokens = requests.post(
        f"{stack['api_url']}/auth/login",
        json={"email": login["email"], "password": login["password"]},
        timeout=TIMEOUT,
    ).json()
    forms = requests.get(
        f"{stack['api_url']}/forms",
        headers={"Authorization": f"Bearer {tokens['id_token']}"},
        timeout=TIMEOUT,
    ).json()["items"]
    (form,) = [form for form in forms if form["status"] == "published"]
    return {**form, "token": tokens["id_token"]}


def test_the_preflight_reaches_the_function_and_allows_only_the_forms_sites(
    stack: dict[str, Any], demo_form: dict[str, Any]
) -> None:
    url = f"{stack['api_url']}/f/{demo_form['form_id']}"
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = requests.options(
        url, headers={**asked, "Origin": "https://www.summitroofing.test"}, timeout=TIMEOUT
    )
    assert allowed.status_code == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://www.summitroofing.test"
    refused = requests.options(url, headers={**asked, "Origin": "https://elsewhere.test"}, timeout=TIMEOUT)
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers


def test_the_hosted_page_posts_as_a_plain_form_and_is_redirected_to_its_thank_you_page(
    stack: dict[str, Any], demo_form: dict[str, Any]
) -> None:
    # Given the hosted page, opened from a Google ad
    url = f"{stack['api_url']}/f/{demo_form['form_id']}"
    page = requests.get(f"{url}?gclid=over-http&utm_source=google", timeout=TIMEOUT)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    hidden = {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)
    }
    # When the visitor has filled it in (longer than the form's minimum fill time) and the browser posts
    # it, form-encoded, from the page's own origin
    time.sleep(demo_form["min_fill_seconds"] + 0.2)
    fields = {"name": "Hedy Lamarr", "email": "hedy@example.test", "ads_ok": "on", **hidden}
    origin = stack["api_url"]
    posted = requests.post(
        url, data=fields, headers={"Origin": origin}, allow_redirects=False, timeout=TIMEOUT
    )
    # Then it is redirected to the thank-you page, which thanks the visitor
    assert posted.status_code == 303, posted.text
    thanks = requests.get(requests.compat.urljoin(url, posted.headers["Location"]), timeout=TIMEOUT)
    assert "A roofer will call you" in thanks.text
    # And the lead carries the ad click of the hosted page
    found = requests.get(
        f"{stack['api_url']}/leads?q=hedy@example.test",
        headers={"Authorization": f"Bearer {demo_form['token']}"},
        timeout=TIMEOUT,
    ).json()["items"]
    assert [lead["attribution"]["gclid"] for lead in found] == ["over-http"]
