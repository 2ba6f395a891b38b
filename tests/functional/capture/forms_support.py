"""What the form tests share: a form's settings, publishing one, and a visitor posting to it the way a
browser does (any method, headers, body), through app.py to the real handlers."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from devstack.bootstrap.extras import ensure_key
from functions.form_submit.handler import submissions
from tests.functional.conftest import Account, Api, LocalAws

SITE = "https://www.summit.test"
VISITOR_IP = "198.51.100.20"


def form_settings(**overrides: Any) -> dict[str, Any]:
    """A contact form: name, email, phone, a service select, a message, an ad consent box."""
    settings: dict[str, Any] = {
        "name": "Free roof inspection",
        "fields": [
            {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
            {"name": "email", "type": "email", "label": "Email", "required": True},
            {"name": "phone", "type": "phone", "label": "Phone"},
            {
                "name": "service",
                "type": "select",
                "label": "Service",
                "options": ["Repair", "Replacement", "Inspection"],
            },
            {"name": "message", "type": "textarea", "label": "Message", "max_length": 200},
            {
                "name": "ads_ok",
                "type": "consent",
                "label": "You may use my data for ads",
                "consent_signals": ["ad_user_data", "ad_personalization"],
            },
        ],
        "allowed_domains": ["www.summit.test", "localhost"],
        "min_fill_seconds": 0,
    }
    return {**settings, **overrides}


def ensure_secrets_key(aws: LocalAws) -> None:
    ensure_key(aws.client("kms"))


def create_form(api: Api, account: Account, **overrides: Any) -> dict[str, Any]:
    status, form = api.call("POST", "/forms", form_settings(**overrides), account.token)
    assert status == 201, form
    return dict(form)


def published_form(api: Api, account: Account, **overrides: Any) -> dict[str, Any]:
    form = create_form(api, account, **overrides)
    status, form = api.call("POST", f"/forms/{form['form_id']}/publish", token=account.token)
    assert status == 200, form
    return dict(form)


def answers(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Ada Lovelace",
        "email": f"ada-{uuid.uuid4().hex[:8]}@example.test",
        "phone": "+1 415 555 0100",
        "service": "Repair",
        "message": "The garage roof leaks.",
        "ads_ok": True,
        **overrides,
    }


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any
    text: str


class Visitor:
    """A browser on `origin` at `ip`, talking to the public form routes."""

    def __init__(self, api: Api, origin: str | None = SITE, ip: str = VISITOR_IP) -> None:
        self._http = api._client.http  # the in-process Chalice client
        self.origin = origin
        self.ip = ip

    def request(self, method: str, path: str, body: str | None = None, **headers: str) -> Answer:
        sent = {"x-forwarded-for": self.ip, "user-agent": "Mozilla/5.0 (Test)", **headers}
        if self.origin is not None:
            sent.setdefault("origin", self.origin)
        response = self._http.request(method, path, headers=sent, body=body)
        text = response.body.decode() if isinstance(response.body, bytes) else str(response.body or "")
        try:
            parsed: Any = json.loads(text)
        except ValueError:
            parsed = text
        return Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()}, parsed, text)

    def post_json(
        self,
        form_id: str,
        fields: dict[str, Any],
        key: str | None = None,
        headers: dict[str, str] | None = None,
        **document: Any,
    ) -> Answer:
        """What the embed script sends: the answers, and attribution, honeypot, timing, captcha."""
        sent = {"content-type": "application/json", **(headers or {})}
        if key:
            sent["idempotency-key"] = key
        body = {"fields": fields, **document}
        return self.request("POST", f"/f/{form_id}", json.dumps(body), **sent)

    def post_form(self, form_id: str, values: dict[str, Any], **headers: str) -> Answer:
        body = urlencode({k: ("on" if v is True else v) for k, v in values.items() if v is not False})
        return self.request(
            "POST", f"/f/{form_id}", body, **{"content-type": "application/x-www-form-urlencoded", **headers}
        )


def forget_cached_forms() -> None:
    """What a new container (or the cache's TTL running out) does: read every form again."""
    submissions.forms.clear()


class SiteVerifyFake:
    """Turnstile's and reCAPTCHA's siteverify endpoints on localhost. Each checks the documented
    request (POST, form-encoded, `secret` and `response`, optional `remoteip`) and answers
    `{"success": ...}`: success, once, for a token starting "pass" with the expected secret."""

    def __init__(self, secret: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs

        self.secret = secret
        self.requests: list[dict[str, Any]] = []
        self.used: set[str] = set()
        self.down = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.requests.append(
                    {"path": self.path, "content_type": self.headers.get("content-type"), "form": form}
                )
                if fake.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                shape_ok = (
                    self.headers.get("content-type") == "application/x-www-form-urlencoded"
                    and set(form) <= {"secret", "response", "remoteip"}
                    and {"secret", "response"} <= set(form)
                )
                # A token is good once, as the providers' are ("timeout-or-duplicate" the second time).
                fresh = form.get("response") not in fake.used
                success = (
                    shape_ok
                    and fresh
                    and form["secret"] == fake.secret
                    and form["response"].startswith("pass")
                )
                if success:
                    fake.used.add(form["response"])
                codes = [] if success else ["invalid-input-response" if fresh else "timeout-or-duplicate"]
                body = json.dumps({"success": success, "error-codes": codes}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.urls = {
            "turnstile": f"{base}/turnstile/v0/siteverify",
            "recaptcha": f"{base}/recaptcha/api/siteverify",
        }

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
