"""Webhooks in the browser, against the running stack. A published workflow's webhook step posts a new
lead to a receiver the test runs on this machine, signed with the account's secret; the workflow's
Deliveries tab shows the delivery with its attempt and payload, and Replay sends the same body again.
A workflow started by an inbound webhook shows its URL, secret and a signing example; a request the
test signs with that secret enrols the person, whom the History tab then shows. An Admin reveals and
rotates the account's signing secret in Settings > Automation > Webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests
from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.browser.test_automation import professional_account
from tests.e2e.waiting import eventually


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1: records each POST (headers lower-cased) and answers 200."""

    port: int = 0
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/erp/convertly"


@contextmanager
def receiver() -> Iterator[Receiver]:
    found = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            found.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "11")
            self.end_headers()
            self.wfile.write(b'{"ok":true}')

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    found.port = int(server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()


def signed(secret: str, body: bytes, at: int | None = None) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as docs/automation.md tells a sender."""
    t = int(at if at is not None else time.time())
    return f"t={t},v1=" + hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()


def signature_holds(header: str, body: bytes, secret: str) -> bool:
    parts = dict(part.split("=", 1) for part in header.split(",") if part.startswith("t="))
    given = [part.split("=", 1)[1] for part in header.split(",") if part.startswith("v1=")]
    return signed(secret, body, int(parts["t"])).split("v1=")[1] in given


def published(api: Api, account: Account, name: str, definition: dict[str, Any]) -> dict[str, Any]:
    created = api.ok("POST", "/workflows", account.id_token, json={"name": name, "definition": definition})
    flow: dict[str, Any] = api.ok(
        "POST",
        f"/workflows/{created['workflow_id']}/publish",
        account.id_token,
        json={"version": created["version"]},
    )
    return flow


def test_a_workflows_webhook_reaches_the_receiver_shows_in_deliveries_and_is_replayed(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    professional_account(api, stack, account)
    with receiver() as got:
        # Given a published workflow that posts every new lead to a receiver on this machine
        flow = published(
            api,
            account,
            "Tell the ERP",
            {
                "trigger": {"type": "lead_created"},
                "steps": [{"id": "erp", "kind": "webhook", "url": got.url}],
            },
        )
        # When a lead is created
        api.create_lead(
            account.id_token, first_name="Ola", last_name="Nordmann", email="ola.nordmann@example.test"
        )
        # Then the receiver gets it once, signed with the account's secret
        headers, body = eventually(lambda: got.requests[0] if got.requests else None, "the webhook")
        secret = api.ok("GET", "/automation/webhook-secret", account.id_token)["secret"]
        assert (
            headers["content-type"] == "application/json" and headers["user-agent"] == "Convertly-Webhooks/1"
        )
        assert signature_holds(headers["convertly-signature"], body, secret)
        payload = json.loads(body)
        assert payload["id"] == headers["convertly-delivery"] and payload["type"] == "workflow.step"
        assert payload["contact"]["email"] == "ola.nordmann@example.test"
        assert payload["workflow"] == {"id": flow["workflow_id"], "name": "Tell the ERP"}

        # And the workflow's Deliveries tab shows it delivered, with its attempt and payload
        log_in(page, account.email, account.password)
        page.goto(f"/settings/automation/{flow['workflow_id']}")
        page.get_by_role("tab", name="Deliveries").click()
        panel = page.get_by_role("region", name="Webhook deliveries")
        row = panel.get_by_role("row").filter(has_text=got.url)
        expect(row).to_contain_text("Delivered")
        expect(row).to_contain_text("1 attempt")
        expect(row).to_contain_text("200")
        row.get_by_role("button", name=re.compile(r"^View delivery")).click()
        dialog = page.get_by_role("dialog", name="Webhook delivery")
        expect(dialog).to_contain_text(payload["id"])
        attempts = dialog.get_by_role("table").get_by_role("row")
        expect(attempts).to_have_count(2)  # the header and one attempt
        expect(attempts.nth(1)).to_contain_text("Delivered")
        expect(attempts.nth(1)).to_contain_text('{"ok":true}')
        expect(dialog.get_by_label("Payload")).to_contain_text('"email": "ola.nordmann@example.test"')

        # When the Admin replays it
        dialog.get_by_role("button", name="Replay").click()
        expect(page.get_by_role("status").filter(has_text="Replay queued")).to_be_visible()
        # Then the same body goes out again with the same delivery id, and the log shows the replay
        eventually(lambda: True if len(got.requests) >= 2 else None, "the replayed webhook")
        again_headers, again_body = got.requests[1]
        assert again_body == body and again_headers["convertly-delivery"] == payload["id"]
        assert signature_holds(again_headers["convertly-signature"], again_body, secret)
        expect(attempts).to_have_count(3, timeout=30_000)
        expect(attempts.nth(2)).to_contain_text("Replay")
        expect(attempts.nth(2)).to_contain_text("Delivered")
        assert len(got.requests) == 2


def test_an_inbound_webhook_shows_its_url_and_secret_and_a_signed_request_enrols_the_person(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    # Given a published workflow started by an inbound webhook, which tags whoever it enrols
    professional_account(api, stack, account)
    flow = published(
        api,
        account,
        "From the partner site",
        {
            "trigger": {"type": "webhook"},
            "steps": [{"id": "tag", "kind": "add_tag", "tags": ["partner"], "target": "contact"}],
        },
    )
    # When the Admin opens it: its trigger shows the webhook URL, and the secret on request
    log_in(page, account.email, account.password)
    page.goto(f"/settings/automation/{flow['workflow_id']}")
    hook = page.get_by_role("region", name="Inbound webhook").last
    url = hook.get_by_role("textbox", name="Webhook URL").input_value()
    assert url == f"{api.base_url}/hooks/workflows/{flow['live']['trigger']['hook_id']}"
    hook.get_by_role("button", name="Reveal secret").click()
    secret_field = hook.get_by_role("textbox", name="Signing secret")
    expect(secret_field).to_have_value(re.compile(r"^cvsec_"))
    secret = secret_field.input_value()
    example = hook.get_by_role("textbox", name="Example request (bash, openssl and curl)").input_value()
    assert f"SECRET='{secret}'" in example and f"curl -sS -X POST '{url}'" in example

    # And another system posts a person to that URL, signed with that secret
    body = json.dumps({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.test"}).encode()
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": "partner-7",
        "Convertly-Signature": signed(secret, body),
    }
    answer = requests.post(url, data=body, headers=headers, timeout=30)
    assert answer.status_code == 202, answer.text
    receipt = answer.json()
    # (sent again, it enrols no one twice)
    headers["Convertly-Signature"] = signed(secret, body)
    assert requests.post(url, data=body, headers=headers, timeout=30).json() == {
        **receipt,
        "contact_created": False,
    }
    # and one with another secret is refused
    forged = requests.post(
        url, data=body, headers={**headers, "Convertly-Signature": signed("cvsec_guess", body)}, timeout=30
    )
    assert forged.status_code == 401 and forged.json()["error"]["code"] == "invalid_signature"

    # Then the History tab shows Kari's enrolment, done
    def done() -> bool | None:
        found = api.ok("GET", f"/enrolments/{receipt['enrolment_id']}", account.id_token)
        return True if found["status"] == "done" else None

    eventually(done, "the enrolment to finish")
    page.get_by_role("tab", name="History").click()
    history = page.get_by_role("region", name="History")
    row = history.get_by_role("row").filter(has_text="Kari Nordmann")
    expect(row).to_contain_text("Done")
    expect(history.get_by_role("row")).to_have_count(2)  # the header and Kari, once

    # And rotating the secret keeps the old one working while the new one works too
    page.get_by_role("tab", name="Builder").click()
    hook.get_by_role("button", name="Reveal secret").click()
    hook.get_by_role("button", name="Rotate secret").click()
    page.get_by_role("dialog", name="Make a new secret?").get_by_role("button", name="Rotate secret").click()
    expect(secret_field).not_to_have_value(secret)
    expect(hook).to_contain_text("The previous secret also works until")
    new_secret = secret_field.input_value()
    for key, which in (("partner-8", new_secret), ("partner-9", secret)):
        other = json.dumps({"email": f"{key}@example.test"}).encode()
        sent = requests.post(
            url,
            data=other,
            headers={
                "Content-Type": "application/json",
                "Idempotency-Key": key,
                "Convertly-Signature": signed(which, other),
            },
            timeout=30,
        )
        assert sent.status_code == 202, sent.text


def test_an_admin_reveals_and_rotates_the_accounts_webhook_signing_secret(
    page: Page, api: Api, account: Account, stack: dict[str, Any]
) -> None:
    professional_account(api, stack, account)
    log_in(page, account.email, account.password)
    page.goto("/settings/automation/webhooks")
    section = page.get_by_role("region", name="Webhooks")
    expect(section).to_contain_text("Convertly-Signature")
    section.get_by_role("button", name="Reveal secret").click()
    field = section.get_by_role("textbox", name="Signing secret")
    expect(field).to_have_value(re.compile(r"^cvsec_"))
    first = field.input_value()
    assert first == api.ok("GET", "/automation/webhook-secret", account.id_token)["secret"]
    section.get_by_role("button", name="Rotate secret").click()
    page.get_by_role("dialog", name="Make a new signing secret?").get_by_role(
        "button", name="Rotate secret"
    ).click()
    expect(field).not_to_have_value(first)
    expect(section).to_contain_text("The previous secret signs too until")
    assert field.input_value() == api.ok("GET", "/automation/webhook-secret", account.id_token)["secret"]
