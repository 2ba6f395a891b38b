"""Deleting a stage that holds more leads than one request moves: the stage_deletion consumer moves
them in batches through the bus and its queue, resumes where a pass stopped, and moves each lead once."""

from __future__ import annotations

import json
from typing import Any

import pytest

from convertly.pipelines import stage_deletion
from convertly.platform.events.envelope import DomainEvent
from devstack.functions import lambda_context
from functions.stage_deletion.handler import handler as deletion_handler
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.pipelines.test_stage_change import create, move, pipeline, stage_events, stage_id
from tests.functional.platform.test_fanout import drain, relay, sqs_event

LEADS = 40  # more than one transaction's worth (30 a page, 100 items a transaction)


@pytest.fixture
def crowded(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> tuple[Account, dict[str, Any], list[dict[str, Any]]]:
    """A tenant whose Contacted stage holds LEADS leads of two owners, worth 10 each; the request
    moves at most 5 itself."""
    admin = sign_up(api, "Crowded Co")
    sales = invite(api, admin, "Sales")
    found = pipeline(api, admin)
    contacted = stage_id(found, "Contacted")
    leads = []
    for n in range(LEADS):
        owner = sales.tokens["user_id"] if n % 2 else None
        lead = create(api, admin, first_name=f"C{n}", value="10", **({"owner_id": owner} if owner else {}))
        leads.append(move(api, admin, lead, contacted)[1])
    monkeypatch.setattr(stage_deletion, "SYNC_MOVE_LIMIT", 5)
    return admin, found, leads


def deletion_started(tenant_id: str, pipeline_id: str, stage: str, move_to: str) -> DomainEvent:
    """The event the consumer drains a stage on, as the DELETE request records it."""
    return DomainEvent(
        detail_type="StageDeletionStarted",
        tenant_id=tenant_id,
        actor_id=None,
        subject_id=stage,
        data={"pipeline_id": pipeline_id, "stage_id": stage, "move_to": move_to},
    )


def counts(api: Api, account: Account) -> dict[str, tuple[int, float]]:
    return {s["name"]: (s["lead_count"], s["lead_value"]) for s in pipeline(api, account)["stages"]}


def test_a_large_stage_drains_in_the_background_through_the_bus(
    api: Api, aws: LocalAws, crowded: tuple[Account, dict[str, Any], list[dict[str, Any]]]
) -> None:
    admin, found, leads = crowded
    contacted, qualified = stage_id(found, "Contacted"), stage_id(found, "Qualified")
    # When the stage is deleted with move_to
    path = f"/pipelines/{found['pipeline_id']}/stages/{contacted}?move_to={qualified}"
    status, result = api.call("DELETE", path, token=admin.token)
    # Then the answer is 202: the stage is being deleted, its leads still in it
    assert status == 202, result
    assert (result["status"], result["remaining"]) == ("deleting", LEADS)
    stage = next(s for s in pipeline(api, admin)["stages"] if s["stage_id"] == contacted)
    assert (stage["status"], stage["move_to"]) == ("deleting", qualified)
    # When its StageDeletionStarted event reaches the stage_deletion queue and function
    relay(aws, admin.tenant_id)
    messages = drain(aws, aws.consumers["stage_deletion"].queue.url, admin.tenant_id)
    assert [json.loads(m["Body"])["detail-type"] for m in messages] == ["StageDeletionStarted"]
    context = lambda_context("stage_deletion")
    assert deletion_handler(sqs_event(aws, "stage_deletion", messages), context) == {"batchItemFailures": []}
    # Then the stage is gone and every lead is in Qualified, counted there
    assert "Contacted" not in [s["name"] for s in pipeline(api, admin)["stages"]]
    assert counts(api, admin)["Qualified"] == (LEADS, LEADS * 10.0)
    # And each lead moved once, with its history and a LeadStageChanged event saying why
    moved = [e["data"] for e in stage_events(aws, admin.tenant_id) if e["data"]["cause"] == "stage_deleted"]
    assert sorted(e["lead_id"] for e in moved) == sorted(lead["lead_id"] for lead in leads)
    _, detail = api.call("GET", f"/leads/{leads[0]['lead_id']}", token=admin.token)
    assert (detail["stage_id"], detail["stage_history"][-1]["from_stage_id"]) == (qualified, contacted)
    # And delivering the job again changes nothing
    assert deletion_handler(sqs_event(aws, "stage_deletion", messages), context) == {"batchItemFailures": []}
    assert counts(api, admin)["Qualified"] == (LEADS, LEADS * 10.0)


def test_the_answer_names_the_move_when_the_consumer_finished_the_job_first(
    api: Api, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = pipeline(api, tenant)
    contacted, qualified = stage_id(found, "Contacted"), stage_id(found, "Qualified")
    for n in range(3):
        move(api, tenant, create(api, tenant, first_name=f"R{n}", value="10"), contacted)
    started = deletion_started(tenant.tenant_id, found["pipeline_id"], contacted, qualified)
    real_move = stage_deletion._move_batch

    def consumer_first(*args: Any) -> int:
        # The consumer, reached through the bus, moves every lead and deletes the stage before the
        # request's own batch commits; the request's batch then meets the change
        monkeypatch.setattr(stage_deletion, "_move_batch", real_move)
        assert stage_deletion.continue_deletion(started, lambda: 60.0).status == "deleted"
        return 0

    monkeypatch.setattr(stage_deletion, "_move_batch", consumer_first)
    # When the stage is deleted with move_to and the consumer wins the race
    path = f"/pipelines/{found['pipeline_id']}/stages/{contacted}?move_to={qualified}"
    status, result = api.call("DELETE", path, token=tenant.token)
    # Then the answer still says where the leads went and how many moved
    assert status == 200, result
    assert (result["status"], result["move_to"], result["moved"], result["remaining"]) == (
        "deleted", qualified, 3, 0
    )  # fmt: skip
    assert counts(api, tenant)["Qualified"] == (3, 30.0)


def test_a_pass_out_of_time_leaves_a_continuation_and_the_next_one_finishes(
    api: Api, aws: LocalAws, crowded: tuple[Account, dict[str, Any], list[dict[str, Any]]]
) -> None:
    admin, found, leads = crowded
    contacted, qualified = stage_id(found, "Contacted"), stage_id(found, "Qualified")
    api.call(
        "DELETE",
        f"/pipelines/{found['pipeline_id']}/stages/{contacted}?move_to={qualified}",
        token=admin.token,
    )
    started = deletion_started(admin.tenant_id, found["pipeline_id"], contacted, qualified)
    # When a pass has time for one batch only
    budget = iter([1.0, 0.0])
    first = stage_deletion.continue_deletion(started, lambda: next(budget, 0.0))
    # Then it moved one batch, and recorded a new StageDeletionStarted for the rest
    assert first.status == "deleting" and 0 < first.moved < LEADS and first.remaining == LEADS - first.moved
    assert counts(api, admin)["Contacted"] == (LEADS - first.moved, (LEADS - first.moved) * 10.0)
    relay(aws, admin.tenant_id)
    continuation = drain(aws, aws.consumers["stage_deletion"].queue.url, admin.tenant_id)
    assert len(continuation) == 2  # the request's event and the continuation
    # When a lead still waiting is edited meanwhile (the oldest: a pass takes the newest first)
    status, _ = api.call(
        "PATCH", f"/leads/{leads[0]['lead_id']}", {"company": "Edited", "version": 2}, admin.token
    )
    assert status == 200
    second = stage_deletion.continue_deletion(started, lambda: 60.0)
    # Then it finishes: every lead moved exactly once, the edit kept
    assert (second.status, first.moved + second.moved) == ("deleted", LEADS)
    assert counts(api, admin)["Qualified"] == (LEADS, LEADS * 10.0)
    _, edited = api.call("GET", f"/leads/{leads[0]['lead_id']}", token=admin.token)
    assert (edited["company"], edited["stage_id"]) == ("Edited", qualified)


def test_a_stage_others_move_into_cannot_be_deleted_meanwhile(
    api: Api, crowded: tuple[Account, dict[str, Any], list[dict[str, Any]]]
) -> None:
    admin, found, _ = crowded
    contacted, qualified = stage_id(found, "Contacted"), stage_id(found, "Qualified")
    api.call(
        "DELETE",
        f"/pipelines/{found['pipeline_id']}/stages/{contacted}?move_to={qualified}",
        token=admin.token,
    )
    status, body = api.call(
        "DELETE", f"/pipelines/{found['pipeline_id']}/stages/{qualified}", token=admin.token
    )
    assert (status, body["error"]["code"]) == (409, "stage_is_move_target")
