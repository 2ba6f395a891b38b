"""The analytics cells follow the leads: each event's lead is refreshed, redeliveries and late events
change nothing more, and the live cells equal a rebuild from the items, to the cent."""

from __future__ import annotations

import random
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from convertly.analytics import keys
from convertly.analytics import rebuild as rebuild_module
from convertly.analytics import refresh as refresh_module
from convertly.analytics.models import CODES
from convertly.analytics.rebuild import check, rebuild
from convertly.analytics.store import daily_cells
from functions.analytics_cells.handler import handler as cells_handler
from tests.functional.analytics.support import (
    GOOGLE,
    META,
    deliver,
    edit,
    lead_of,
    move,
    stages,
    submit,
    tenant_events,
)
from tests.functional.capture.forms_support import ensure_secrets_key, published_form
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.platform.test_events import Ctx, sqs_batch


@pytest.fixture(autouse=True)
def _secrets_key(aws: LocalAws) -> None:
    ensure_secrets_key(aws)


def _won_totals(account: Account) -> dict[str, int]:
    from datetime import date, timedelta

    today = date.today()
    totals = dict.fromkeys(CODES.values(), 0)
    for _, cell in daily_cells(
        account.tenant_id, keys.WINS, today - timedelta(days=2), today + timedelta(days=2)
    ):
        for code in totals:
            totals[code] += cell.counters.get(f"c_{code}", 0)
    return totals


def test_the_cells_follow_wins_reopens_and_edits_and_equal_a_rebuild(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a contact who came from a Google ad, then again from a Meta ad (a touch on the same lead)
    form = published_form(api, tenant)
    submit(api, form, "twice@example.test", GOOGLE)
    submit(api, form, "twice@example.test", META)
    twice = lead_of(api, tenant, "twice@example.test")
    # ... a lead from the Meta ad alone, and one entered by hand
    submit(api, form, "meta@example.test", META)
    meta = lead_of(api, tenant, "meta@example.test")
    status, manual = api.call("POST", "/leads", {"first_name": "Hand", "value": "300"}, tenant.token)
    assert status == 201
    found = stages(api, tenant)
    # When they are worked: two won (one of them edited after the win), one won then reopened
    edit(api, tenant, twice["lead_id"], value="1000.01")
    move(api, tenant, twice["lead_id"], found["won"]["stage_id"])
    edit(api, tenant, twice["lead_id"], value="1200.01")
    edit(api, tenant, meta["lead_id"], value="50")
    move(api, tenant, meta["lead_id"], found["won"]["stage_id"])
    move(api, tenant, meta["lead_id"], found["open"]["stage_id"])
    move(api, tenant, manual["lead_id"], found["won"]["stage_id"])
    # ... and the consumer gets every event out of order, each batch twice
    deliver(tenant_events(aws, tenant), shuffle=3, twice=True)

    # Then every model credits exactly the revenue won now (1,200.01 + 300.00)
    assert _won_totals(tenant) == dict.fromkeys(CODES.values(), 150001)
    # ... and the live cells are exactly what a rebuild computes from the items
    checked = check(tenant.tenant_id)
    assert checked.rebuilt and checked.equal, checked.drift


def test_first_and_last_touch_credit_the_first_and_last_ad(api: Api, aws: LocalAws, tenant: Account) -> None:
    # Given a lead whose contact came from Google first and Meta last, won at 800
    form = published_form(api, tenant)
    submit(api, form, "path@example.test", GOOGLE)
    submit(api, form, "path@example.test", META)
    lead = lead_of(api, tenant, "path@example.test")
    edit(api, tenant, lead["lead_id"], value="800")
    move(api, tenant, lead["lead_id"], stages(api, tenant)["won"]["stage_id"])
    deliver(tenant_events(aws, tenant))
    # Then first touch gives it all to the Google campaign, last touch to the Meta one, linear halves
    from datetime import date, timedelta

    today = date.today()
    by_campaign: dict[str, dict[str, int]] = {}
    for _, cell in daily_cells(
        tenant.tenant_id, keys.WINS, today - timedelta(days=2), today + timedelta(days=2)
    ):
        line = by_campaign.setdefault(cell.labels["cmp"], {})
        for name, amount in cell.counters.items():
            line[name] = line.get(name, 0) + amount
    assert by_campaign["storm"].get("c_ft") == 80000 and by_campaign["spring"].get("c_ft", 0) == 0
    assert by_campaign["spring"].get("c_lt") == 80000 and by_campaign["storm"].get("c_lt", 0) == 0
    assert by_campaign["storm"]["c_lin"] == by_campaign["spring"]["c_lin"] == 40000
    assert by_campaign["storm"]["w_pos"] == by_campaign["spring"]["w_pos"] == 500


def test_random_writes_leave_no_drift_and_a_rebuild_changes_nothing(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given random work on a handful of leads
    rng = random.Random(16)
    found = stages(api, tenant)
    every_stage = list(found["pipeline"]["stages"])
    lead_ids = []
    for i in range(6):
        status, lead = api.call(
            "POST", "/leads", {"first_name": f"R{i}", "value": str(rng.randint(1, 900))}, tenant.token
        )
        assert status == 201
        lead_ids.append(lead["lead_id"])
    for _ in range(20):
        lead_id = rng.choice(lead_ids)
        action = rng.random()
        if action < 0.6:
            stage = rng.choice(every_stage)
            move(api, tenant, lead_id, stage["stage_id"], lost=stage["kind"] == "lost")
        elif action < 0.8:
            edit(api, tenant, lead_id, value=str(rng.randint(1, 5000)))
        else:
            api.call("POST", f"/leads/{lead_id}/notes", {"body": "Called"}, tenant.token)
    api.call("DELETE", f"/leads/{lead_ids[0]}", token=tenant.token)
    # When the events arrive shuffled and twice
    deliver(tenant_events(aws, tenant), shuffle=rng.randint(0, 1000), twice=True)
    # Then the live cells equal the rebuilt ones, and a rebuild finds nothing to correct
    assert check(tenant.tenant_id).equal
    report = rebuild(tenant.tenant_id)
    assert report.leads == 6 and report.cells_written == 0 and report.drift_corrected == 0


def test_a_new_time_zone_moves_every_day_and_the_cells_follow(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given won leads counted in UTC days
    found = stages(api, tenant)
    for i in range(3):
        status, lead = api.call("POST", "/leads", {"first_name": f"Z{i}", "value": "100"}, tenant.token)
        assert status == 201
        move(api, tenant, lead["lead_id"], found["won"]["stage_id"])
    deliver(tenant_events(aws, tenant))
    # When the tenant's time zone changes (14 hours ahead of UTC: every day moves for most hours)
    status, body = api.call("PUT", "/settings/ads", {"timezone": "Pacific/Kiritimati"}, tenant.token)
    assert status == 200, body
    changed = [e for e in tenant_events(aws, tenant) if e.detail_type == "TenantTimezoneChanged"]
    assert len(changed) == 1 and changed[0].data == {"from": "UTC", "to": "Pacific/Kiritimati"}
    deliver(changed, twice=True)
    # Then the cells are exactly a rebuild's in the new time zone: the wins count on Kiritimati's today
    checked = check(tenant.tenant_id)
    assert checked.equal, checked.drift
    win_days = {sk[:10] for pk, sk in checked.live if f"#AN#{keys.WINS}#" in pk}
    assert win_days == {datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()}


def test_a_recount_goes_a_page_a_step_through_the_bus_until_every_record_is_done(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given leads (one deleted) and an open task, and steps of one record that stop after one page
    monkeypatch.setattr(rebuild_module, "STEP_PAGE", 1)
    monkeypatch.setattr(refresh_module, "STEP_SECONDS", 0.0)
    lead_ids = []
    for i in range(3):
        status, lead = api.call("POST", "/leads", {"first_name": f"S{i}", "value": "70"}, tenant.token)
        assert status == 201
        lead_ids.append(lead["lead_id"])
    api.call("DELETE", f"/leads/{lead_ids[0]}", token=tenant.token)
    status, _ = api.call(
        "POST", "/tasks", {"title": "Call back", "due_at": "2026-01-05T10:00:00Z"}, tenant.token
    )
    assert status == 201
    # When the time zone changes and each step's event is delivered as the bus would
    assert api.call("PUT", "/settings/ads", {"timezone": "Asia/Tokyo"}, tenant.token)[0] == 200
    seen: set[str] = set()
    steps = 0
    while True:
        fresh = [e for e in tenant_events(aws, tenant) if e.event_id not in seen]
        seen |= {e.event_id for e in fresh}
        todo = [e for e in fresh if e.detail_type in ("TenantTimezoneChanged", "AnalyticsRebuildStep")]
        if not todo:
            break
        steps += len([e for e in todo if e.detail_type == "AnalyticsRebuildStep"])
        deliver(todo)
    # Then it took a step per record (2 live leads, 1 deleted, 1 task) and left no drift
    assert steps >= 3
    checked = check(tenant.tenant_id)
    assert checked.equal, checked.drift


def test_a_batch_refreshes_each_lead_once_and_fails_only_the_messages_of_a_lead_that_failed(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given two leads, one moved twice (three events name it), and a refresh that fails for the other
    found = stages(api, tenant)
    first = api.call("POST", "/leads", {"first_name": "Once", "value": "10"}, tenant.token)[1]
    broken = api.call("POST", "/leads", {"first_name": "Broken", "value": "20"}, tenant.token)[1]
    move(api, tenant, first["lead_id"], found["won"]["stage_id"])
    move(api, tenant, first["lead_id"], found["open"]["stage_id"])
    refreshed: list[str] = []
    real = refresh_module.refresh_lead

    def refresh(tenant_id: str, lead_id: str, days: object = None) -> int:
        refreshed.append(lead_id)
        if lead_id == broken["lead_id"]:
            raise RuntimeError("the table is unreachable")
        return real(tenant_id, lead_id, days)  # type: ignore[arg-type]

    monkeypatch.setattr(refresh_module, "refresh_lead", refresh)
    events = [e for e in tenant_events(aws, tenant) if e.subject_id in (first["lead_id"], broken["lead_id"])]
    batch = sqs_batch(events, "convertly-analytics-cells")
    # When the consumer gets them in one batch
    answer = cells_handler(batch, Ctx())
    # Then each lead was refreshed once, and only the broken lead's messages come back
    assert sorted(refreshed) == sorted([first["lead_id"], broken["lead_id"]])
    failed = {item["itemIdentifier"] for item in answer["batchItemFailures"]}
    assert failed == {e.event_id for e in events if e.subject_id == broken["lead_id"]}
    assert len([e for e in events if e.subject_id == first["lead_id"]]) >= 3
