"""Inbound signed webhooks on moto: a workflow whose trigger is "webhook" gets its own hook (id and
secret); a request signed with the hook's secret finds or creates the contact and enrols it once
however often it is sent; a bad or stale signature is 401, an unknown hook 404, a paused workflow
409, a body without an email or phone 422; rotating keeps the old secret for a day."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from convertly.automation.signing import signature_header
from convertly.contacts import service as contacts
from convertly.platform.clock import now as clock_now
from tests.functional.automation.support import Flow, enrolment, enrolments, professional
from tests.functional.automation.webhook_support import local_webhooks
from tests.functional.conftest import Account, Api, LocalAws, sign_up

__all__ = ["local_webhooks"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("local_webhooks")

STEPS = [{"id": "tag", "kind": "add_tag", "tags": ["from-hook"], "target": "contact"}]


def hooked_workflow(api: Api, account: Account, *, publish: bool = True) -> dict[str, Any]:
    """A workflow started by an inbound webhook (the hook id the client sends is not kept)."""
    professional(account)
    definition = {"trigger": {"type": "webhook", "hook_id": "chosen-by-the-client"}, "steps": STEPS}
    status, created = api.call(
        "POST", "/workflows", {"name": "From the site", "definition": definition}, account.token
    )
    assert status == 201, created
    if publish:
        status, created = api.call(
            "POST",
            f"/workflows/{created['workflow_id']}/publish",
            {"version": created["version"]},
            account.token,
        )
        assert status == 200, created
    return dict(created)


def hook_of(api: Api, account: Account, workflow_id: str) -> dict[str, Any]:
    status, hook = api.call("GET", f"/automation/workflows/{workflow_id}/hook-secret", token=account.token)
    assert status == 200, hook
    return dict(hook)


def post(
    api: Api,
    path: str,
    body: dict[str, Any] | bytes,
    secret: str | None,
    *,
    at: datetime | None = None,
    key: str | None = None,
    signature: str | None = None,
) -> tuple[int, dict[str, Any]]:
    """POST to the hook as another system would: the raw body, signed with `secret` at `at`."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"content-type": "application/json"}
    if secret is not None:
        headers["convertly-signature"] = signature_header([secret], int((at or clock_now()).timestamp()), raw)
    if signature is not None:
        headers["convertly-signature"] = signature
    if key is not None:
        headers["idempotency-key"] = key
    response = api._client.http.post(path, headers=headers, body=raw)
    return response.status_code, json.loads(response.body)


def test_a_webhook_trigger_gets_its_own_hook_and_secret(api: Api, tenant: Account) -> None:
    flow = hooked_workflow(api, tenant, publish=False)
    hook_id = flow["draft"]["trigger"]["hook_id"]
    assert hook_id != "chosen-by-the-client" and len(hook_id) == 32
    hook = hook_of(api, tenant, flow["workflow_id"])
    assert hook["hook_id"] == hook_id and hook["path"] == f"/hooks/workflows/{hook_id}"
    assert hook["secret"].startswith("cvsec_") and hook["previous_valid_until"] is None
    # Saving it again keeps its hook, whatever the client sends
    draft = {**flow["draft"], "trigger": {"type": "webhook", "hook_id": "another"}}
    status, saved = api.call(
        "PUT",
        f"/workflows/{flow['workflow_id']}",
        {"version": flow["version"], "definition": draft},
        tenant.token,
    )
    assert status == 200 and saved["draft"]["trigger"]["hook_id"] == hook_id, saved
    # Another trigger has no hook id; changing back to the webhook finds the same hook
    other = {**draft, "trigger": {"type": "lead_created", "hook_id": "x"}}
    status, saved = api.call(
        "PUT",
        f"/workflows/{flow['workflow_id']}",
        {"version": saved["version"], "definition": other},
        tenant.token,
    )
    assert status == 200 and "hook_id" not in saved["draft"]["trigger"], saved
    status, saved = api.call(
        "PUT",
        f"/workflows/{flow['workflow_id']}",
        {"version": saved["version"], "definition": draft},
        tenant.token,
    )
    assert saved["draft"]["trigger"]["hook_id"] == hook_id
    # A copy of the workflow is a new workflow with a hook of its own
    status, copy = api.call("POST", f"/workflows/{flow['workflow_id']}/clone", {}, tenant.token)
    assert status == 201 and copy["draft"]["trigger"]["hook_id"] not in (hook_id, None)


def test_a_signed_request_creates_the_contact_and_enrols_it_once_however_often_it_is_sent(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a published webhook workflow and its hook
    flow = hooked_workflow(api, tenant)
    hook = hook_of(api, tenant, flow["workflow_id"])
    body = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "Ada.Hook@Example.test",
        "tags": ["site"],
        "custom_fields": {"roof_type": "slate"},
        "anything_else": "ignored",
    }
    # When it is posted, then sent again with the same Idempotency-Key (a retry, signed anew)
    status, first = post(api, hook["path"], body, hook["secret"], key="order-1001")
    assert status == 202, first
    status, again = post(api, hook["path"], body, hook["secret"], key="order-1001")
    assert status == 202, again
    # Then one contact was made, from the body, and one enrolment
    assert again == {**first, "contact_created": False}
    assert first["contact_created"] is True and first["status"] == "running"
    contact = contacts.get_contact(tenant.tenant_id, first["contact_id"])
    assert contact is not None
    assert (contact.first_name, contact.last_name, contact.email, contact.source) == (
        "Ada",
        "Lovelace",
        "ada.hook@example.test",
        "webhook",
    )
    assert list(contact.tags) == ["site"] and contact.custom_fields.as_dict() == {"roof_type": "slate"}
    found = enrolments(api, tenant, flow["workflow_id"])
    assert [e["enrolment_id"] for e in found] == [first["enrolment_id"]]
    assert found[0]["trigger"]["type"] == "webhook" and found[0]["contact_id"] == first["contact_id"]
    # And the consumer runs its steps (EnrolmentStarted)
    Flow(aws, tenant.tenant_id).run()
    done = enrolment(api, tenant, first["enrolment_id"])
    assert done["status"] == "done" and done["steps"][0]["detail"] == "Added from-hook on the contact"


def test_the_body_id_makes_a_resend_the_same_request_and_a_known_contact_is_found(
    api: Api, tenant: Account
) -> None:
    flow = hooked_workflow(api, tenant)
    hook = hook_of(api, tenant, flow["workflow_id"])
    status, known = api.call(
        "POST", "/contacts", {"first_name": "Known", "email": "known@example.test"}, tenant.token
    )
    assert status == 201, known
    body = {"id": "evt_42", "email": "known@example.test", "first_name": "Someone"}
    status, first = post(api, hook["path"], body, hook["secret"])
    status2, second = post(api, hook["path"], body, hook["secret"])
    assert status == status2 == 202
    assert first["contact_id"] == known["contact_id"] and first["contact_created"] is False
    assert second["enrolment_id"] == first["enrolment_id"]
    # A different request for the same contact: the workflow takes no one twice
    status, third = post(api, hook["path"], {**body, "id": "evt_43"}, hook["secret"])
    assert status == 409 and third["error"]["code"] == "already_enrolled"


def test_a_bad_or_missing_signature_is_401_and_enrols_no_one(api: Api, tenant: Account) -> None:
    flow = hooked_workflow(api, tenant)
    hook = hook_of(api, tenant, flow["workflow_id"])
    body = {"email": "nobody@example.test"}
    status, wrong = post(api, hook["path"], body, "cvsec_not-the-secret")
    assert status == 401 and wrong["error"]["code"] == "invalid_signature"
    assert "does not match" in wrong["error"]["message"]
    status, missing = post(api, hook["path"], body, None)
    assert status == 401 and "Convertly-Signature" in missing["error"]["message"]
    raw = json.dumps(body).encode()
    signed = signature_header([hook["secret"]], int(clock_now().timestamp()), raw)
    status, tampered = post(api, hook["path"], raw + b" ", None, signature=signed)
    assert status == 401 and tampered["error"]["code"] == "invalid_signature"
    assert enrolments(api, tenant, flow["workflow_id"]) == []


def test_a_stale_signature_is_401(api: Api, tenant: Account) -> None:
    flow = hooked_workflow(api, tenant)
    hook = hook_of(api, tenant, flow["workflow_id"])
    status, stale = post(
        api,
        hook["path"],
        {"email": "late@example.test"},
        hook["secret"],
        at=clock_now() - timedelta(minutes=6),
    )
    assert status == 401 and "more than 5 minutes" in stale["error"]["message"]


def test_an_unknown_hook_is_404(api: Api) -> None:
    status, body = post(
        api, "/hooks/workflows/no-such-hook-anywhere-0000000000", {"email": "a@example.test"}, "cvsec_x"
    )
    assert status == 404 and body["error"]["code"] == "hook_not_found"


def test_a_paused_workflow_is_409_and_a_body_without_email_or_phone_422(api: Api, tenant: Account) -> None:
    flow = hooked_workflow(api, tenant)
    hook = hook_of(api, tenant, flow["workflow_id"])
    status, missing = post(api, hook["path"], {"first_name": "No way to reach"}, hook["secret"])
    assert status == 422 and missing["error"]["fields"] == {"email": "give an email or a phone number"}
    status, bad = post(api, hook["path"], {"email": "not-an-email"}, hook["secret"])
    assert status == 422 and "email" in bad["error"]["fields"]
    status, not_json = post(api, hook["path"], b"{not json", hook["secret"])
    assert status == 400 and not_json["error"]["code"] == "invalid_json"
    status, paused = api.call(
        "POST", f"/workflows/{flow['workflow_id']}/pause", {"version": flow["version"]}, tenant.token
    )
    assert status == 200, paused
    status, refused = post(api, hook["path"], {"email": "a@example.test"}, hook["secret"])
    assert status == 409 and refused["error"]["code"] == "workflow_not_published"
    assert "paused" in refused["error"]["message"]


def test_a_rotated_hook_secret_keeps_the_old_one_for_a_day(api: Api, tenant: Account) -> None:
    flow = hooked_workflow(api, tenant)
    old = hook_of(api, tenant, flow["workflow_id"])
    status, new = api.call(
        "POST", f"/automation/workflows/{flow['workflow_id']}/hook-secret/rotate", {}, tenant.token
    )
    assert status == 200 and new["secret"] != old["secret"] and new["previous_valid_until"]
    assert new["hook_id"] == old["hook_id"]
    assert post(api, old["path"], {"email": "one@example.test"}, old["secret"])[0] == 202
    assert post(api, old["path"], {"email": "two@example.test"}, new["secret"])[0] == 202


def test_another_tenants_hook_secret_is_not_found(api: Api, tenant: Account) -> None:
    flow = hooked_workflow(api, tenant)
    other = sign_up(api, "Elsewhere Roofing")
    for method in ("GET", "POST"):
        path = f"/automation/workflows/{flow['workflow_id']}/hook-secret"
        status, body = api.call(
            method,
            path + ("/rotate" if method == "POST" else ""),
            {} if method == "POST" else None,
            other.token,
        )
        assert status == 404, body
    # and a workflow without a webhook trigger has no hook to show
    status, plain = api.call("POST", "/workflows", {"name": "Plain"}, tenant.token)
    status, body = api.call(
        "GET", f"/automation/workflows/{plain['workflow_id']}/hook-secret", token=tenant.token
    )
    assert status == 404 and body["error"]["code"] == "hook_not_found"
