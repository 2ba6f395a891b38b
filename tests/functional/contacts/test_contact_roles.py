"""A won lead makes its contact a Client, once, unless the tenant turned it off."""

from __future__ import annotations

from typing import Any

from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image
from convertly.resources import CONSUMERS
from functions.contact_roles.handler import handler as roles_handler
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.platform.test_events import Ctx, outbox_records, sqs_batch


def _events(aws: LocalAws, account: Account, detail_type: str) -> list[DomainEvent]:
    images = [
        event_from_stream_image(r["dynamodb"]["NewImage"]) for r in outbox_records(aws, account.tenant_id)
    ]
    return [event for event in images if event.detail_type == detail_type]


def _batch(events: list[DomainEvent]) -> dict[str, Any]:
    return sqs_batch(events, "convertly-contact-roles")


def _won_lead(api: Api, account: Account, email: str) -> dict[str, Any]:
    _, lead = api.call("POST", "/leads", {"first_name": "Won", "email": email, "value": "500"}, account.token)
    _, pipelines = api.call("GET", "/pipelines", token=account.token)
    won = next(s for s in pipelines["items"][0]["stages"] if s["kind"] == "won")
    status, moved = api.call(
        "POST",
        f"/leads/{lead['lead_id']}/stage",
        {"stage_id": won["stage_id"], "version": lead["version"]},
        account.token,
    )
    assert status == 200, moved
    return dict(lead)


def test_a_won_lead_makes_its_contact_a_client_once(api: Api, aws: LocalAws, tenant: Account) -> None:
    # Given a lead (its contact a Lead) moved to a won stage
    lead = _won_lead(api, tenant, "winner@example.test")
    assert api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)[1]["role"] == "Lead"
    # When the consumer gets the LeadStageChanged event, twice (SQS may deliver it again)
    changed = [e for e in _events(aws, tenant, "LeadStageChanged") if e.subject_id == lead["lead_id"]]
    for _ in range(2):
        assert roles_handler(_batch(changed), Ctx()) == {"batchItemFailures": []}
    # Then the contact is a Client, changed once, with the cause in its event
    contact = api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)[1]
    assert contact["role"] == "Client"
    updates = [e for e in _events(aws, tenant, "ContactUpdated") if e.subject_id == lead["contact_id"]]
    assert len(updates) == 1 and updates[0].data["changes"] == {"role": {"from": "Lead", "to": "Client"}}
    assert updates[0].data["cause"]["lead_id"] == lead["lead_id"]


def test_the_tenant_can_turn_it_off(api: Api, aws: LocalAws, tenant: Account) -> None:
    # Given the setting turned off
    status, saved = api.call("PUT", "/settings/contacts", {"client_on_win": False}, tenant.token)
    assert status == 200 and saved["client_on_win"] is False
    assert api.call("GET", "/settings/contacts", token=tenant.token)[1]["client_on_win"] is False
    # When a lead is won and the consumer runs
    lead = _won_lead(api, tenant, "kept@example.test")
    changed = [e for e in _events(aws, tenant, "LeadStageChanged") if e.subject_id == lead["lead_id"]]
    assert roles_handler(_batch(changed), Ctx()) == {"batchItemFailures": []}
    # Then the contact keeps its role
    assert api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)[1]["role"] == "Lead"


def test_the_rule_takes_wins_only() -> None:
    spec = next(c for c in CONSUMERS if c.function == "contact_roles")
    assert spec.rule.event_pattern() == {
        "source": [{"prefix": "convertly."}],
        "detail-type": ["LeadStageChanged"],
        "detail": {"data": {"to_kind": ["won"]}},
    }
