"""The lead list's sort keys (GSI7 last updated, GSI8 value, GSI9 name): tenant first, text order is
the sort's order, live leads only, and in-place updates move the sort keys alone."""

from __future__ import annotations

import random
from decimal import Decimal

from convertly.leads import keys
from convertly.leads.items import LeadItem
from convertly.leads.store import apply_index_keys, sort_key_actions


def _lead(lead_id: str = "L1", **fields: object) -> LeadItem:
    values: dict[str, object] = {
        "first_name": "Zoë",
        "last_name": "Ångström",
        "value": 125050,
        "created_at": "2026-01-05T10:00:00.000Z",
        "stage_entered_at": "2026-01-05T10:00:00.000Z",
        "updated_at": "2026-02-01T09:30:00.000Z",
        **fields,
    }
    return LeadItem(
        keys.lead("acme", lead_id),
        keys.LEAD_SK,
        lead_id=lead_id,
        tenant_id="acme",
        pipeline_id="P",
        stage_id="S",
        created_by="U",
        **values,
    )


def test_value_keys_sort_as_the_numbers_do() -> None:
    # Given stored values from 0 to the largest a lead can hold (10^12 in hundredths), some with a
    # fraction of a hundredth (a 3- or 4-decimal currency)
    rng = random.Random(7)
    values = [Decimal(0), Decimal(10**14), Decimal("123.4"), Decimal("123.45"), Decimal(9), Decimal(10)]
    values += [Decimal(rng.randrange(0, 10**14)) / 100 for _ in range(200)]
    # When each becomes a key
    made = {value: keys.value_sort(value, "L") for value in values}
    # Then the keys are all as wide, and their text order is the numbers' order
    assert len({len(key) for key in made.values()}) == 1
    assert sorted(values, key=lambda value: made[value]) == sorted(values)
    assert keys.value_sort(125050, "L") == "000000000000125050.0000#L"
    assert keys.value_sort(1.5, "L") == keys.value_sort(Decimal("1.5"), "L")


def test_name_keys_fold_case_accents_and_spaces() -> None:
    assert keys.name_sort("  Zoë   Ångström ", "L") == "zoe angstrom\x01L"
    assert keys.name_sort("x" * 200, "L") == "x" * keys.NAME_CHARS + "\x01L"
    # A name sorts before the longer names it starts ("Ann" before "Ann Smith"), whatever the ids
    assert keys.name_sort("Ann", "Z") < keys.name_sort("Ann Smith", "A") < keys.name_sort("Anna", "A")


def test_a_live_lead_has_each_sort_key_tenant_first() -> None:
    lead = _lead()
    apply_index_keys(lead)
    assert (lead.GSI7PK, lead.GSI8PK, lead.GSI9PK) == (
        "T#acme#LEADS#UPDATED",
        "T#acme#LEADS#VALUE",
        "T#acme#LEADS#NAME",
    )
    assert lead.GSI7SK == "2026-02-01T09:30:00.000Z#L1"
    assert lead.GSI8SK == "000000000000125050.0000#L1"
    assert lead.GSI9SK == "zoe angstrom\x01L1"


def test_a_nameless_lead_sorts_by_the_email_the_list_shows() -> None:
    lead = _lead(first_name="", last_name="", email="kim@example.test")
    apply_index_keys(lead)
    assert lead.GSI9SK == "kim@example.test\x01L1"


def test_a_deleted_lead_has_no_sort_key() -> None:
    lead = _lead(deleted_at="2026-03-01T00:00:00.000Z")
    apply_index_keys(lead)
    assert [getattr(lead, f"GSI{n}{part}") for n in (7, 8, 9) for part in ("PK", "SK")] == [None] * 6


def test_an_in_place_update_moves_the_sort_keys_it_names_and_no_partition_key() -> None:
    # Given an update that sets the last update and the value, and one of a person's name
    timed = sort_key_actions("L1", updated_at="2026-04-01T00:00:00.000Z", value=99)
    named = sort_key_actions("L1", person=_lead(first_name="Al", last_name=""))
    # Then each sets the sort keys it names, and never a partition key (a deleted lead stays out)
    set_paths = [str(action.values[0]) for action in [*timed, *named]]  # type: ignore[attr-defined]
    assert set_paths == ["GSI7SK", "GSI8SK", "GSI9SK"]
    values = [action.values[1].value for action in [*timed, *named]]  # type: ignore[attr-defined]
    assert values == [
        {"S": "2026-04-01T00:00:00.000Z#L1"},
        {"S": "000000000000000099.0000#L1"},
        {"S": "al\x01L1"},
    ]
    assert sort_key_actions("L1") == []
