"""A lead's cells, computed from its facts: what each family counts, and what a deleted lead keeps."""

from __future__ import annotations

from convertly.analytics import keys
from convertly.analytics.cells import Cell, total
from convertly.analytics.contribution import Activity, Calendar, Due, LeadFacts, StageMove, lead_contribution
from convertly.analytics.models import TouchPoint

UTC = Calendar("UTC")
GOOGLE = ("google_ads", "cpc", "storm", "ad-1", "gclid")


def _facts(**changes: object) -> LeadFacts:
    base = LeadFacts(
        tenant_id="T1",
        lead_id="L1",
        pipeline_id="P1",
        stage_id="S-new",
        stage_kind="open",
        stage_entered_at="2026-11-02T10:00:00.000Z",
        created_at="2026-11-02T10:00:00.000Z",
        owner_id="u-sam",
        value=50_000,
        source="google_ads",
        first_touch=GOOGLE,
        moves=[StageMove("2026-11-02T10:00:00.000Z", None, "S-new", "form:F1")],
    )
    return LeadFacts(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def _family(cells: dict[tuple[str, str], Cell], family: str) -> list[Cell]:
    return [cell for (pk, _), cell in cells.items() if f"#AN#{family}" in pk]


def test_an_open_lead_counts_as_a_lead_and_open_pipeline_on_its_creation_day() -> None:
    cells = lead_contribution(_facts(), UTC)
    (lead,) = _family(cells, keys.LEADS)
    assert lead.counters == {"leads": 1, "open_n": 1, "open_v": 50_000, "r_S-new": 1}
    assert lead.labels == {
        "p": "P1",
        "o": "u-sam",
        "s": "google_ads",
        "med": "cpc",
        "cmp": "storm",
        "ad": "ad-1",
        "plt": "gclid",
    }
    assert [pk for pk, sk in cells if sk.startswith("2026-11-02")]
    (forecast,) = _family(cells, keys.FORECAST)
    assert forecast.counters == {"n": 1, "v": 50_000} and forecast.labels["st"] == "S-new"
    (agent,) = _family(cells, keys.AGENTS)
    assert agent.counters == {"owned": 1, "waiting": 1}


def test_a_won_lead_credits_its_touches_and_times_its_stages_and_response() -> None:
    moves = [
        StageMove("2026-11-02T10:00:00.000Z", None, "S-new", "form:F1"),
        StageMove("2026-11-02T11:00:00.000Z", "S-new", "S-won", "u-sam", 3600),
    ]
    touches = [
        TouchPoint(0.0, False, GOOGLE),
        TouchPoint(1.0, False, ("meta_ads", "", "spring", "", "fbclid")),
    ]
    facts = _facts(
        stage_id="S-won",
        stage_kind="won",
        stage_entered_at="2026-11-02T11:00:00.000Z",
        moves=moves,
        touches=touches,
    )
    cells = lead_contribution(facts, UTC)
    wins = _family(cells, keys.WINS)
    assert sum(cell.counters.get("c_ft", 0) for cell in wins) == 50_000
    assert sum(cell.counters.get("c_lin", 0) for cell in wins) == 50_000
    assert {cell.labels["cmp"]: cell.counters.get("c_lin") for cell in wins} == {
        "storm": 25_000,
        "spring": 25_000,
    }
    (stage,) = _family(cells, keys.STAGES)
    assert stage.counters["n"] == 1 and stage.counters["sec"] == 3600 and stage.labels["st"] == "S-new"
    agents = total([{k: v for k, v in cells.items() if f"#AN#{keys.AGENTS}" in k[0]}])
    counted = {
        name: sum(c.counters.get(name, 0) for c in agents.values())
        for name in ("won", "rev", "rt_n", "acted")
    }
    assert counted == {"won": 1, "rev": 50_000, "rt_n": 1, "acted": 1}
    conversions = _family(cells, keys.CONVERSIONS)
    assert sorted(c.labels["out"] for c in conversions) == ["pending", "pending"]
    assert not _family(cells, keys.FORECAST)  # a won lead is not forecast


def test_a_deleted_lead_counts_nowhere_but_its_open_follow_up_stays_work_due() -> None:
    due = [Due("followup", "2026-11-05T09:00:00.000Z", "u-sam")]
    cells = lead_contribution(
        _facts(deleted=True, due=due, activities=[Activity("2026-11-03T09:00:00Z", "u-sam")]), UTC
    )
    assert [cell.labels for cell in cells.values()] == [{"k": "followup", "u": "u-sam"}]


def test_days_are_the_tenants() -> None:
    late = _facts(created_at="2026-11-02T23:30:00.000Z", stage_entered_at="2026-11-02T23:30:00.000Z")
    tokyo = lead_contribution(late, Calendar("Asia/Tokyo"))
    assert all(sk.startswith("2026-11-03") for pk, sk in tokyo if "#AN#LEADS#" in pk)
    assert Calendar("Not/AZone").day("2026-11-02T23:30:00Z") == "2026-11-02"
