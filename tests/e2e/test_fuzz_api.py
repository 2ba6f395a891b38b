"""API fuzzing with schemathesis against the running stack's /openapi.json: every documented operation
gets valid and invalid requests from an Admin, and no answer may be a 5xx or stray from the documented
response schema. Every route that takes a body also gets bytes it cannot read (not UTF-8, XML, plain
text) and must answer 400 / 415 in the error shape.

The fuzzer signs up a tenant of its own and works as its Admin, so nothing it creates, edits or
deletes (pipelines, users, settings, the plan, ...) touches the demo tenant the other e2e tests and
the browser tests read: no operation needs leaving out.

Reproducible and bounded: Hypothesis is derandomized (the same requests on every run), does not
shrink a failure (the first failing request is reported, with a curl line to replay it), keeps no
example database, and sends EXAMPLES requests per operation and generation mode (set
CONVERTLY_FUZZ_EXAMPLES for a deeper run). The default keeps this module to a few minutes.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from convertly.manifest import ROUTES
from tests.e2e.waiting import mail_to

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30
EXAMPLES = int(os.environ.get("CONVERTLY_FUZZ_EXAMPLES", "5"))  # per operation and generation mode
# Valid requests aimed at the tenant's real lead, pipeline, form, ... (the generated ids find nothing).
REAL_ID_EXAMPLES = max(1, EXAMPLES // 2)

# The document the stack serves is this file (functions/docs/handler.py reads it), so the operations
# are known when tests are collected: one test per operation.
DOCUMENT = json.loads((REPO_ROOT / "functions" / "docs" / "openapi.json").read_text())
_HTTP_METHODS = ("get", "put", "post", "patch", "delete", "options", "head")
# Operations that end the Admin's own session (log out, sign out everywhere): the very last, so every
# other operation is fuzzed with a live token.
ENDS_SESSION = {("POST", "/auth/logout"), ("POST", "/me/sign-out-everywhere")}
# Deletions last but those, so the valid requests aimed at the tenant's real objects find them longer.
OPERATIONS = sorted(
    (
        (method.upper(), path)
        for path, item in DOCUMENT["paths"].items()
        for method in item
        if method in _HTTP_METHODS
    ),
    key=lambda operation: (operation in ENDS_SESSION, operation[0] == "DELETE"),
)

# not_a_server_error: no 5xx, ever. response_schema_conformance: a documented status answers what the
# document says. status_code_conformance is left out: the document lists each operation's success
# status and 422 only, while 400, 401, 403, 404, 409, 413, 415 and 429 are answered on purpose across
# the API (docs/api.md lists them); until every operation documents its error answers, that check would
# fail on correct behaviour. Untyped responses (`additionalProperties: true`) pass until they are typed.
CHECKS = [not_a_server_error, response_schema_conformance]

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is reported as it was
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)

# Body fields set (or, with None, left out) before a request goes out, so the stack never connects
# anywhere but this machine: a saved SMTP server is where the tenant's mail (the test email, reminders)
# goes; a captcha token on a form post would be sent to Cloudflare or Google to verify. (Ads settings
# and Stripe are safe: the stack points them at its fakes and localstripe.)
LOCAL_ONLY: dict[tuple[str, str], dict[str, Any]] = {
    ("PUT", "/settings/email"): {"host": "127.0.0.1"},
    ("POST", "/f/{form_id}"): {"captcha_token": None},
}


@dataclass
class Outcome:
    """What one operation's fuzzing did: requests sent, answers by status, failures with a replay."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


@dataclass
class Fuzzer:
    api_url: str
    schema: Any
    token: str
    ids: dict[str, str]
    session: requests.Session
    # A second Admin's token for the operations that end their caller's sessions (log out, sign out
    # everywhere): they end that Admin's, and the fuzzer's own token stays live for the rest.
    expendable_token: str = ""
    expendable_login: tuple[str, str] = ("", "")  # that Admin's email and password
    # A Developer Admin's token for the platform console's operations, aimed at a tenant of their own.
    platform_token: str = ""
    # A partner of its own (applied, approved, signed in) for the partner portal's operations.
    partner_token: str = ""
    statuses: Counter[int] = field(default_factory=Counter)  # every answer of the module, by status

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def auth_for(self, method: str, path: str) -> dict[str, str]:
        if (method.upper(), path) in ENDS_SESSION:
            return {"Authorization": f"Bearer {self.expendable_token}"}
        if path.startswith("/platform"):
            return {"Authorization": f"Bearer {self.platform_token}"}
        if path.startswith("/affiliate/"):
            return {"Authorization": f"Bearer {self.partner_token}"}
        return self.auth

    def run(self, method: str, path: str) -> Outcome:
        operation = self.schema[path][method]
        outcome = Outcome()
        real = {
            param.name: self.ids[param.name] for param in operation.path_parameters if param.name in self.ids
        }
        strategies = [
            ("valid", operation.as_strategy(generation_mode=GenerationMode.POSITIVE)),
            ("invalid", operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)),
        ]
        if real:
            strategies.append(
                (
                    "valid, real ids",
                    operation.as_strategy(generation_mode=GenerationMode.POSITIVE, path_parameters=real),
                )
            )
        for kind, strategy in strategies:
            examples = REAL_ID_EXAMPLES if kind == "valid, real ids" else EXAMPLES
            try:
                self._examples(strategy, examples, kind, outcome)()
            except Unsatisfiable:
                # Nothing to make invalid (no body, any string is a valid path id): nothing to send.
                assert kind == "invalid", f"{method} {path}: no {kind} request could be generated"
        self.statuses.update(outcome.statuses)
        return outcome

    def _examples(self, strategy: Any, examples: int, kind: str, outcome: Outcome) -> Callable[[], None]:
        @settings(FUZZ_SETTINGS, max_examples=examples)
        @given(strategy)
        def send(case: Any) -> None:
            rewrite = LOCAL_ONLY.get((case.method.upper(), case.path))
            if rewrite and isinstance(case.body, dict):
                body = {**case.body, **{name: value for name, value in rewrite.items() if value is not None}}
                case.body = {name: value for name, value in body.items() if rewrite.get(name, "") is not None}
            response = case.call(
                base_url=self.api_url,
                session=self.session,
                headers=self.auth_for(case.method, case.path),
                timeout=TIMEOUT,
            )
            outcome.requests += 1
            outcome.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except (Exception, BaseExceptionGroup) as failure:  # schemathesis raises a FailureGroup
                outcome.failures.append(f"[{kind} request] {failure}")

        return send


def _sign_up(api_url: str, company: str = "Fuzzing Co") -> dict[str, Any]:
    body = {
        "company_name": company,
        "name": "Fuzz Admin",
        "email": f"fuzz-{uuid.uuid4().hex[:12]}@example.test",
        "password": "Fuzz-Password-9",
    }
    response = requests.post(f"{api_url}/auth/signup", json=body, timeout=TIMEOUT)
    assert response.status_code == 201, response.text
    signed_up: dict[str, Any] = response.json()
    return signed_up


def _second_admin(api_url: str, token: str) -> tuple[str, str]:
    """Another Admin of the fuzzer's tenant (email, password): the session-ending operations sign out
    that Admin, never the fuzzer."""
    email, password = f"fuzz-{uuid.uuid4().hex[:12]}@example.test", "Fuzz-Password-9"
    body = {"email": email, "name": "Fuzz Second", "role": "Admin", "password": password}
    headers = {"Authorization": f"Bearer {token}"}
    made = requests.post(f"{api_url}/users", json=body, headers=headers, timeout=TIMEOUT)
    assert made.status_code == 201, made.text
    return email, password


def _login(api_url: str, email: str, password: str) -> str:
    login = requests.post(
        f"{api_url}/auth/login", json={"email": email, "password": password}, timeout=TIMEOUT
    )
    assert login.status_code == 200, login.text
    return str(login.json()["id_token"])


def _platform_token(api_url: str, logins: list[dict[str, Any]]) -> str:
    """The demo's Developer Admin, signed in (the stack prints the login)."""
    admin = next(login for login in logins if login["role"] == "DeveloperAdmin")
    return _login(api_url, admin["email"], admin["password"])


def _partner_token(api_url: str, stack: dict[str, Any], platform_token: str) -> str:
    """A partner of the fuzzer's own: applied, approved by the Developer Admin, signed in with the
    invitation's temporary password and a password of their own."""
    email, password = f"fuzz-partner-{uuid.uuid4().hex[:12]}@fuzzpartners.test", "Fuzz-Password-9"
    body = {"name": "Fuzz Partner", "email": email, "audience": "Fuzzers", "promotion": "Requests"}
    applied = requests.post(f"{api_url}/affiliate/applications", json=body, timeout=TIMEOUT)
    assert applied.status_code == 201, applied.text
    approved = requests.post(
        f"{api_url}/platform/affiliate-applications/{applied.json()['application_id']}/approve",
        json={"note": "fuzzing"},
        headers={"Authorization": f"Bearer {platform_token}"},
        timeout=TIMEOUT,
    )
    assert approved.status_code == 200, approved.text
    # The invitation goes out with the stack's next mail run (every few seconds)
    text = mail_to(stack, email, timeout=60.0)["text"]
    temporary = re.search(r"Temporary password: (\S+)", text)
    assert temporary, text
    login = requests.post(
        f"{api_url}/auth/login", json={"email": email, "password": temporary.group(1)}, timeout=TIMEOUT
    )
    assert login.status_code == 200 and login.json()["challenge"] == "NEW_PASSWORD_REQUIRED", login.text
    answer = {"email": email, "session": login.json()["session"], "password": password}
    tokens = requests.post(f"{api_url}/auth/password/new", json=answer, timeout=TIMEOUT)
    assert tokens.status_code == 200, tokens.text
    return str(tokens.json()["id_token"])


def _real_ids(api_url: str, token: str) -> dict[str, str]:
    """One of each object the path ids name, in the fuzzer's tenant."""

    def made(method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = requests.request(
            method,
            f"{api_url}{path}",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
        )
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response.json()

    pipeline = made("GET", "/pipelines")["items"][0]
    lead = made("POST", "/leads", {"first_name": "Fuzzy", "email": "fuzzy@example.test", "value": 9500})
    lead_id = lead["lead_id"]
    note = made("POST", f"/leads/{lead_id}/notes", {"body": "A note to fuzz"})
    followup = made("POST", f"/leads/{lead_id}/followups", {"type": "call", "due_at": "2031-01-01T09:00:00Z"})
    task = made("POST", "/tasks", {"title": "A task to fuzz", "due_at": "2031-01-01T09:00:00Z"})
    form = made("POST", "/forms", {"name": "A form to fuzz"})
    company = made("POST", "/companies", {"name": "Fuzz Works"})
    contact = made("POST", "/contacts", {"first_name": "Fuzzy", "company_id": company["company_id"]})
    smart_list = made("POST", "/smart-lists", {"name": "A list to fuzz"})
    value = made("POST", "/custom-values", {"key": "fuzz_value", "name": "A value to fuzz"})
    tag = made("POST", "/tags", {"name": "A tag to fuzz"})
    return {
        "value_id": value["value_id"],
        "tag_id": tag["tag_id"],
        "object_type": "contact",
        "contact_id": contact["contact_id"],
        "list_id": smart_list["list_id"],
        "company_id": company["company_id"],
        "pipeline_id": pipeline["pipeline_id"],
        "stage_id": pipeline["stages"][0]["stage_id"],
        "lead_id": lead_id,
        "note_id": note["note_id"],
        "followup_id": followup["followup_id"],
        "task_id": task["task_id"],
        "form_id": form["form_id"],
    }


@pytest.fixture(scope="module")
def fuzzer(stack: dict[str, Any]) -> Iterator[Fuzzer]:
    api_url = stack["api_url"].rstrip("/")
    signed_up = _sign_up(api_url)
    token = signed_up["tokens"]["id_token"]
    schema = schemathesis.openapi.from_url(f"{api_url}/openapi.json", config=schemathesis.Config())
    with requests.Session() as session:
        started = time.monotonic()
        ids = _real_ids(api_url, token)
        # The console's operations suspend, reactivate and view as a tenant of their own, so the
        # fuzzer's tenant never turns read-only under the other operations.
        ids["tenant_id"] = _sign_up(api_url, "Fuzzed By The Console")["tenant"]["tenant_id"]
        fuzzer = Fuzzer(api_url, schema, token, ids, session)
        fuzzer.expendable_login = _second_admin(api_url, token)
        fuzzer.expendable_token = _login(api_url, *fuzzer.expendable_login)
        fuzzer.platform_token = _platform_token(api_url, stack["logins"])
        fuzzer.partner_token = _partner_token(api_url, stack, fuzzer.platform_token)
        yield fuzzer
        sent = sum(fuzzer.statuses.values())
        print(
            f"\nAPI fuzzing: {len(OPERATIONS)} operations, {sent} generated requests "
            f"({dict(sorted(fuzzer.statuses.items()))}) in {time.monotonic() - started:.0f} s"
        )


def test_the_fuzzed_operations_are_every_route_of_the_manifest(fuzzer: Fuzzer) -> None:
    # Given the routes of the manifest, and what the running stack documents
    routes = {(route.method, route.path) for route in ROUTES}
    operations = [result.ok() for result in fuzzer.schema.get_all_operations()]
    served = {(operation.method.upper(), operation.path) for operation in operations}

    # When we compare them with the operations this module fuzzes
    documented = set(OPERATIONS)

    # Then every route is fuzzed, apart from the documentation's own two routes (fetched here instead)
    assert served == documented
    assert routes - documented == {("GET", "/openapi.json"), ("GET", "/docs")}
    for path in ("/openapi.json", "/docs"):
        assert requests.get(f"{fuzzer.api_url}{path}", timeout=TIMEOUT).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"), OPERATIONS, ids=[f"{method} {path}" for method, path in OPERATIONS]
)
def test_fuzzing_an_operation_finds_no_server_error_and_no_answer_off_its_schema(
    fuzzer: Fuzzer, method: str, path: str
) -> None:
    # Given a documented operation, and the Admin of the fuzzer's own tenant
    # When schemathesis sends it valid and invalid requests (and valid ones aimed at real objects)
    outcome = fuzzer.run(method, path)

    # Then it was exercised, no answer was a 5xx, and every documented answer matched its schema
    # (an operation without parameters or body has one possible request: it is sent once)
    assert outcome.requests >= 1, f"{method} {path}: no request was sent"
    assert not outcome.failures, f"{method} {path} ({dict(outcome.statuses)}):\n\n" + "\n\n".join(
        outcome.failures[:3]
    )


# Bodies no route can read ---------------------------------------------------------------------------

BODY_ROUTES = [(route.method, route.path) for route in ROUTES if route.method in ("POST", "PUT", "PATCH")]
# The public form route takes text/plain as well: the embed script may post its JSON as plain text.
TAKES_TEXT = {("POST", "/f/{form_id}")}
# A mail app's one-click unsubscribe (RFC 8058) may POST a form or text body: the route reads none of it.
IGNORES_BODY = {("POST", "/unsubscribe/{token}")}
NOT_UTF8 = '{"name": "Jos\xe9", "email": "jose@example.test"}'.encode("latin-1")


def _error(response: requests.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) >= {"code", "message", "fields"}, body
    error: dict[str, Any] = body["error"]
    return error


@pytest.mark.parametrize(
    ("method", "path"), BODY_ROUTES, ids=[f"{method} {path}" for method, path in BODY_ROUTES]
)
def test_a_body_a_route_cannot_read_is_400_or_415_in_the_error_shape(
    fuzzer: Fuzzer, method: str, path: str
) -> None:
    # Given a route that takes a body, at the tenant's real objects
    if (method, path) in ENDS_SESSION:  # the fuzzed operations ended that Admin's sessions: a new one
        time.sleep(1)  # a sign-in in the second of a sign-out everywhere counts as before it
        fuzzer.expendable_token = _login(fuzzer.api_url, *fuzzer.expendable_login)
    url = fuzzer.api_url + re.sub(r"\{(\w+)\}", lambda name: fuzzer.ids.get(name.group(1), "none"), path)

    def send(body: bytes, content_type: str) -> requests.Response:
        headers = {**fuzzer.auth_for(method, path), "Content-Type": content_type}
        return fuzzer.session.request(method, url, data=body, headers=headers, timeout=TIMEOUT)

    # When it is sent bytes that are not UTF-8, an XML body and a plain-text one
    not_utf8 = send(NOT_UTF8, "application/json")
    xml = send(b"<lead><name>Ada</name></lead>", "application/xml")
    text = send(b"name=Ada", "text/plain")

    # Then each is refused for what it is, in the error shape, never with a 5xx
    assert (not_utf8.status_code, _error(not_utf8)["code"]) == (400, "invalid_body"), not_utf8.text
    assert (xml.status_code, _error(xml)["code"]) == (415, "unsupported_media_type"), xml.text
    if (method, path) in IGNORES_BODY:
        # a plain-text body (a mail app's) reaches the route, which reads only its token: not ours, 404
        assert text.status_code == 404, text.text
    elif (method, path) in TAKES_TEXT:
        assert 400 <= text.status_code < 500 and _error(text)["code"], text.text
    else:
        assert (text.status_code, _error(text)["code"]) == (415, "unsupported_media_type"), text.text
