"""A workflow's SMS and webhook steps through the engine: each queues its one message in its own
transaction however often the event arrives, the sender delivers it once, consent holds, and a test
run says what would go without sending anything."""

from __future__ import annotations

from typing import Any

import pytest

from devstack.fakes.twilio import TwilioFake
from tests.functional.automation.support import Flow, enrolment, enrolments, lead, professional, workflow
from tests.functional.automation.webhook_support import (
    Receiver,
    local_webhooks,
    receiver,
)
from tests.functional.automation.webhook_support import deliver as deliver_webhooks
from tests.functional.automation.webhook_support import queued_events as webhook_events
from tests.functional.automation.webhook_support import record as webhook_record
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.messaging.sms_support import (
    a_phone,
    connect,
    deliver,
    queued_events,
    record,
    shared_twilio,
    sms_items,
)

__all__ = ["local_webhooks", "receiver"]  # the fixtures, used by name


@pytest.fixture
def twilio(aws: LocalAws) -> TwilioFake:
    return shared_twilio(aws)


def _steps(detail: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {s["step_id"]: (s["status"], s["detail"]) for s in detail["steps"]}


def _sms_template(api: Api, account: Account) -> dict[str, Any]:
    body = {"channel": "sms", "name": "Hello text", "body": "Hi {{contact.first_name}}, thanks for asking!"}
    status, template = api.call("POST", "/message-templates", body, account.token)
    assert status == 201, template
    return dict(template)


def test_the_sms_step_texts_the_contact_once_and_skips_one_who_unsubscribed(
    api: Api, aws: LocalAws, tenant: Account, twilio: TwilioFake
) -> None:
    professional(tenant)
    connect(api, tenant)
    template = _sms_template(api, tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [{"id": "text", "kind": "send_sms", "template_id": template["template_id"]}],
        },
    )
    phone = a_phone()
    texted = lead(api, tenant, first_name="Grace", email="grace@example.test", phone=phone)
    opted_out = lead(api, tenant, first_name="Otto", email="otto@example.test", phone=a_phone())
    _status, contact = api.call("GET", f"/contacts/{opted_out['contact_id']}", token=tenant.token)
    status, _ = api.call(
        "PATCH",
        f"/contacts/{opted_out['contact_id']}",
        {"version": contact["version"], "consent": {"sms_marketing": "denied"}},
        tenant.token,
    )
    assert status == 200
    Flow(aws, tenant.tenant_id).run(times=3)

    found = {e["lead_id"]: e for e in enrolments(api, tenant, flow["workflow_id"])}
    sent = _steps(enrolment(api, tenant, found[texted["lead_id"]]["enrolment_id"]))["text"]
    assert sent == ("done", f"Texted “Hi Grace, thanks for asking!” (1 segment) to {phone}")
    skipped = _steps(enrolment(api, tenant, found[opted_out["lead_id"]]["enrolment_id"]))["text"]
    assert skipped[0] == "skipped" and skipped[1].startswith("Not sent:") and "SMS" in skipped[1]
    # one text queued, for the contact who may be texted; the sender delivers it once however often
    [queued] = sms_items(tenant.tenant_id)
    assert (queued.to_number, queued.body) == (phone, "Hi Grace, thanks for asking!")
    [event] = queued_events(tenant.tenant_id)
    message = record(event, aws)
    for _ in range(3):
        assert deliver([message], twilio) == set()
    assert [(m["to"], m["body"]) for m in twilio.messages] == [(phone, "Hi Grace, thanks for asking!")]


@pytest.mark.usefixtures("local_webhooks")
def test_the_webhook_step_queues_one_signed_delivery_and_a_test_run_sends_none(
    api: Api, aws: LocalAws, tenant: Account, receiver: Receiver
) -> None:
    professional(tenant)
    definition = {
        "trigger": {"type": "lead_created"},
        "steps": [{"id": "hook", "kind": "webhook", "url": receiver.url}],
    }
    flow = workflow(api, tenant, definition)
    created = lead(api, tenant, first_name="Ada", email="ada.hook@example.test", value="1200")
    Flow(aws, tenant.tenant_id).run(times=3)

    [done] = enrolments(api, tenant, flow["workflow_id"])
    status, detail = _steps(enrolment(api, tenant, done["enrolment_id"]))["hook"]
    assert status == "done" and detail.startswith(f"Posting to {receiver.url} (delivery ")
    [event] = webhook_events(aws, tenant.tenant_id)
    message = webhook_record(event, aws)
    for _ in range(2):
        assert deliver_webhooks([message]) == set()
    [posted] = receiver.requests
    body = posted.json()
    assert body["lead"]["id"] == created["lead_id"] and body["lead"]["value"] == 1200
    assert body["contact"]["email"] == "ada.hook@example.test"
    assert body["workflow"]["id"] == flow["workflow_id"] and body["step_id"] == "hook"
    assert posted.headers["convertly-signature"].startswith("t=")

    # A test run of the same workflow posts nothing and says where it would
    status, run = api.call(
        "POST",
        f"/workflows/{flow['workflow_id']}/test",
        {"contact_id": created["contact_id"]},
        tenant.token,
    )
    assert status in (200, 201), run
    assert _steps(run)["hook"] == ("done", f"Would POST the contact and lead to {receiver.url}")
    assert len(webhook_events(aws, tenant.tenant_id)) == 1
