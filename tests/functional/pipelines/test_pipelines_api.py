"""Pipelines and stages through app.py and the pipelines Lambda: the settings screen's operations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import Account, Api, invite, sign_up
from tests.functional.pipelines.test_stage_change import create, move, pipeline, stage_id


def names(found: dict[str, Any]) -> list[str]:
    return [stage["name"] for stage in found["stages"]]


def new_pipeline(api: Api, account: Account, **body: Any) -> dict[str, Any]:
    status, created = api.call("POST", "/pipelines", {"name": "Google Ads", **body}, account.token)
    assert status == 201, created
    return dict(created)


def test_a_new_pipeline_has_its_stages_with_kinds_probabilities_and_chart_toggles(
    api: Api, tenant: Account
) -> None:
    # When an Admin creates a pipeline with three stages, one hidden from the pie chart
    created = new_pipeline(
        api,
        tenant,
        stages=[
            {"name": "New lead"},
            {"name": "Paid", "kind": "won", "show_in_pie": False},
            {"name": "Gone", "kind": "lost", "probability": 5},
        ],
        show_in_funnel=False,
    )
    # Then the stages are in order, with the kind's usual probability unless one was given
    assert names(created) == ["New lead", "Paid", "Gone"]
    assert [(s["kind"], s["probability"]) for s in created["stages"]] == [
        ("open", 10),
        ("won", 100),
        ("lost", 5),
    ]
    assert [s["show_in_pie"] for s in created["stages"]] == [True, False, True]
    assert (created["is_default"], created["show_in_pie"], created["show_in_funnel"]) == (False, True, False)
    # And the list and the pipeline's own route return it, after the default pipeline
    _, listed = api.call("GET", "/pipelines", token=tenant.token)
    assert [p["name"] for p in listed["items"]] == ["Sales pipeline", "Google Ads"]
    status, fetched = api.call("GET", f"/pipelines/{created['pipeline_id']}", token=tenant.token)
    assert status == 200 and fetched == created


def test_a_pipeline_without_stages_gets_the_default_ones(api: Api, tenant: Account) -> None:
    created = new_pipeline(api, tenant)
    assert names(created) == ["New", "Contacted", "Qualified", "Closed Won", "Closed Lost"]


def test_another_tenants_pipeline_is_404(api: Api, tenant: Account) -> None:
    other = pipeline(api, sign_up(api, "Other Co"))
    for method, path, body in [
        ("GET", f"/pipelines/{other['pipeline_id']}", None),
        ("PATCH", f"/pipelines/{other['pipeline_id']}", {"name": "Mine now"}),
        ("POST", f"/pipelines/{other['pipeline_id']}/stages", {"name": "Sneaky"}),
        ("GET", f"/pipelines/{other['pipeline_id']}/board", None),
    ]:
        status, answer = api.call(method, path, body, tenant.token)
        assert status == 404, (method, path, answer)


def test_stages_are_added_anywhere_renamed_retyped_and_toggled(api: Api, tenant: Account) -> None:
    found = pipeline(api, tenant)
    base = f"/pipelines/{found['pipeline_id']}/stages"
    # When a stage is added second, and another at the end
    status, proposal = api.call("POST", base, {"name": "Proposal", "position": 1}, tenant.token)
    assert status == 201, proposal
    api.call("POST", base, {"name": "Archived", "kind": "lost"}, tenant.token)
    # Then the board order has them there
    assert names(pipeline(api, tenant)) == [
        "New", "Proposal", "Contacted", "Qualified", "Closed Won", "Closed Lost", "Archived",
    ]  # fmt: skip
    # When the stage is renamed, made won at 90%, hidden from the funnel
    status, edited = api.call(
        "PATCH",
        f"{base}/{proposal['stage_id']}",
        {"name": "Proposal sent", "kind": "won", "probability": 90, "show_in_funnel": False},
        tenant.token,
    )
    # Then it says so, and the list agrees
    assert status == 200, edited
    assert (edited["name"], edited["kind"], edited["probability"], edited["show_in_funnel"]) == (
        "Proposal sent", "won", 90, False,
    )  # fmt: skip
    assert pipeline(api, tenant)["stages"][1] == edited
    # And an unknown stage or kind is refused
    assert api.call("PATCH", f"{base}/01NOSUCHSTAGE", {"name": "x"}, tenant.token)[0] == 404
    status, body = api.call("PATCH", f"{base}/{proposal['stage_id']}", {"kind": "maybe"}, tenant.token)
    assert status == 422 and "kind" in body["error"]["fields"]


def test_stages_are_reordered_with_the_complete_list_only(api: Api, tenant: Account) -> None:
    found = pipeline(api, tenant)
    ids = [stage["stage_id"] for stage in found["stages"]]
    path = f"/pipelines/{found['pipeline_id']}/stage-order"
    # When the stages are reordered
    status, reordered = api.call(
        "PUT", path, {"stage_ids": [ids[2], ids[0], ids[1], ids[3], ids[4]]}, tenant.token
    )
    # Then the pipeline reads in the new order
    assert status == 200, reordered
    assert names(reordered) == ["Qualified", "New", "Contacted", "Closed Won", "Closed Lost"]
    assert names(pipeline(api, tenant)) == names(reordered)
    # And a list that misses, repeats or invents a stage changes nothing
    for wrong in (ids[:4], [*ids[:4], ids[0]], [*ids[:4], "01NOSUCHSTAGE"]):
        status, body = api.call("PUT", path, {"stage_ids": wrong}, tenant.token)
        assert status == 422 and "stage_ids" in body["error"]["fields"], wrong
    assert names(pipeline(api, tenant)) == names(reordered)


def test_a_reorder_that_crosses_another_is_refused_and_positions_stay_unique(
    api: Api, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convertly.pipelines import store as pipeline_data
    from convertly.pipelines import use_cases as pipeline_service

    found = pipeline(api, tenant)
    ids = [stage["stage_id"] for stage in found["stages"]]
    path = f"/pipelines/{found['pipeline_id']}/stage-order"
    # Given a reorder that read the stages before another one was saved
    stale = pipeline_data.load_pipeline(tenant.tenant_id, found["pipeline_id"])
    status, _ = api.call("PUT", path, {"stage_ids": [ids[0], ids[1], ids[3], ids[2], ids[4]]}, tenant.token)
    assert status == 200
    monkeypatch.setattr(pipeline_service, "load_pipeline", lambda *_: stale)
    # When it writes its own order
    status, body = api.call(
        "PUT", path, {"stage_ids": [ids[0], ids[2], ids[1], ids[3], ids[4]]}, tenant.token
    )
    monkeypatch.undo()
    # Then it is refused as a conflict and the first order stands, one stage per position
    assert status == 409 and body["error"]["code"] == "write_conflict", body
    current = pipeline(api, tenant)
    assert names(current) == ["New", "Contacted", "Closed Won", "Qualified", "Closed Lost"]
    assert sorted(stage["position"] for stage in current["stages"]) == [0, 1, 2, 3, 4]


def test_an_empty_stage_is_deleted_at_once(api: Api, tenant: Account) -> None:
    found = pipeline(api, tenant)
    contacted = stage_id(found, "Contacted")
    status, result = api.call(
        "DELETE", f"/pipelines/{found['pipeline_id']}/stages/{contacted}", token=tenant.token
    )
    assert (status, result["status"], result["moved"]) == (200, "deleted", 0)
    assert "Contacted" not in names(pipeline(api, tenant))


def test_a_stage_holding_leads_asks_where_to_move_them(api: Api, tenant: Account) -> None:
    # Given two leads in Contacted worth 300 together
    found = pipeline(api, tenant)
    contacted, qualified = stage_id(found, "Contacted"), stage_id(found, "Qualified")
    leads = [create(api, tenant, value=value) for value in ("100", "200")]
    for lead in leads:
        move(api, tenant, lead, contacted)
    path = f"/pipelines/{found['pipeline_id']}/stages/{contacted}"
    # When it is deleted without saying where its leads go
    status, body = api.call("DELETE", path, token=tenant.token)
    # Then it is a 409 with how many leads it holds, and nothing changed
    assert status == 409 and body["error"]["code"] == "stage_not_empty"
    assert body["error"]["details"] == {"lead_count": 2, "lead_value": 300.0}
    assert "Contacted" in names(pipeline(api, tenant))
    # And the stage to move them to must be another stage of the same pipeline
    other = new_pipeline(api, tenant)
    for wrong in (contacted, "01NOSUCHSTAGE", other["stages"][0]["stage_id"]):
        status, body = api.call("DELETE", f"{path}?move_to={wrong}", token=tenant.token)
        assert status == 422 and "move_to" in body["error"]["fields"], wrong
    # When it is deleted with move_to=Qualified
    status, result = api.call("DELETE", f"{path}?move_to={qualified}", token=tenant.token)
    # Then the stage is gone, its leads are in Qualified, each with its move in the history
    assert status == 200, result
    assert (result["status"], result["moved"], result["remaining"]) == ("deleted", 2, 0)
    after = pipeline(api, tenant)
    assert "Contacted" not in names(after)
    assert next(s for s in after["stages"] if s["name"] == "Qualified")["lead_count"] == 2
    assert next(s for s in after["stages"] if s["name"] == "Qualified")["lead_value"] == 300.0
    for lead in leads:
        _, detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
        assert detail["stage_id"] == qualified
        assert [(h["from_stage_id"], h["to_stage_id"]) for h in detail["stage_history"][-1:]] == [
            (contacted, qualified)
        ]


def test_the_last_stage_of_a_pipeline_stays(api: Api, tenant: Account) -> None:
    created = new_pipeline(api, tenant, stages=[{"name": "Only"}])
    only = created["stages"][0]["stage_id"]
    status, body = api.call(
        "DELETE", f"/pipelines/{created['pipeline_id']}/stages/{only}", token=tenant.token
    )
    assert (status, body["error"]["code"]) == (409, "last_stage")


def test_a_pipeline_is_deleted_only_when_empty_and_not_the_default(api: Api, tenant: Account) -> None:
    default = pipeline(api, tenant)
    extra = new_pipeline(api, tenant)
    # The default pipeline stays
    status, body = api.call("DELETE", f"/pipelines/{default['pipeline_id']}", token=tenant.token)
    assert (status, body["error"]["code"]) == (409, "default_pipeline")
    # A pipeline holding a lead stays
    create(api, tenant, pipeline_id=extra["pipeline_id"], stage_id=extra["stages"][0]["stage_id"])
    status, body = api.call("DELETE", f"/pipelines/{extra['pipeline_id']}", token=tenant.token)
    assert (status, body["error"]["code"], body["error"]["details"]) == (
        409,
        "pipeline_not_empty",
        {"lead_count": 1},
    )
    # An empty one goes, stages and all
    empty = new_pipeline(api, tenant, name="Trade shows")
    status, _ = api.call("DELETE", f"/pipelines/{empty['pipeline_id']}", token=tenant.token)
    assert status == 204
    assert api.call("GET", f"/pipelines/{empty['pipeline_id']}", token=tenant.token)[0] == 404


def test_a_pipeline_is_renamed_toggled_and_made_the_default(api: Api, tenant: Account) -> None:
    default = pipeline(api, tenant)
    extra = new_pipeline(api, tenant)
    status, updated = api.call(
        "PATCH",
        f"/pipelines/{extra['pipeline_id']}",
        {"name": "Meta Ads", "show_in_pie": False, "is_default": True},
        tenant.token,
    )
    assert status == 200, updated
    assert (updated["name"], updated["show_in_pie"], updated["is_default"]) == ("Meta Ads", False, True)
    _, listed = api.call("GET", "/pipelines", token=tenant.token)
    assert [(p["pipeline_id"], p["is_default"]) for p in listed["items"]] == [
        (extra["pipeline_id"], True),
        (default["pipeline_id"], False),
    ]
    # A new lead without a pipeline now lands in the new default's first stage
    lead = create(api, tenant)
    assert lead["pipeline_id"] == extra["pipeline_id"]


def test_only_admins_and_managers_manage_pipelines(api: Api, tenant: Account) -> None:
    manager, sales = invite(api, tenant, "Manager"), invite(api, tenant, "Sales")
    assert api.call("POST", "/pipelines", {"name": "By manager"}, manager.token)[0] == 201
    status, body = api.call("POST", "/pipelines", {"name": "By sales"}, sales.token)
    assert (status, body["error"]["code"]) == (403, "forbidden_role")
    assert api.call("GET", "/pipelines", token=sales.token)[0] == 200
