"""The rules a saved list of custom field definitions keeps, and a record's values checked against
definitions (no table: plain lists)."""

from __future__ import annotations

from typing import Any

from convertly.fields.definitions import check_definitions, check_values

STORED = [
    {"field_id": "F1", "key": "size", "label": "Size", "type": "dropdown", "options": ["S", "L"]},
    {"field_id": "F2", "key": "seats", "label": "Seats", "type": "number", "options": []},
]


def draft(**fields: Any) -> dict[str, Any]:
    return {"field_id": None, "key": "k", "label": "K", "type": "text", "options": None, **fields}


def test_the_stored_list_reordered_and_a_new_field_pass() -> None:
    proposed = [dict(STORED[1]), dict(STORED[0]), draft(key="notes", type="long_text", options=[])]
    assert check_definitions(proposed, STORED) == {}


def test_each_rule_names_the_index_and_attribute_it_concerns() -> None:
    proposed = [
        dict(STORED[0], key="company_size"),  # a key change
        dict(STORED[1], type="money"),  # a type change
        draft(key="seats"),  # a key already used in this list
        draft(key="colour", type="dropdown", options=[]),  # a dropdown without options
        draft(key="note", options=["x"]),  # options on text
        draft(key="tier", type="multi_select", options=["Gold", "gold"]),  # an option twice
        draft(key="ghost", field_id="F9"),  # an id that was never saved
        dict(STORED[0], key="size2"),  # the same field twice
    ]
    errors = check_definitions(proposed, STORED)
    assert set(errors) == {
        "fields.0.key",
        "fields.1.type",
        "fields.2.key",
        "fields.3.options",
        "fields.4.options",
        "fields.5.options.1",
        "fields.6.field_id",
        "fields.7.field_id",
    }
    assert errors["fields.0.key"] == "The key of Size cannot change (it is size): add a new field instead"
    assert errors["fields.2.key"] == "Another field already uses the key seats"


def test_more_than_50_fields_is_refused() -> None:
    proposed = [draft(key=f"k{n}") for n in range(51)]
    assert check_definitions(proposed, []) == {"fields": "Give at most 50 fields"}


def test_values_are_checked_against_the_definitions_all_errors_at_once() -> None:
    defined = [
        {"key": "size", "label": "Size", "type": "dropdown", "options": ["S", "L"], "required": True},
        {"key": "seats", "label": "Seats", "type": "number", "options": [], "required": False},
        {"key": "vip", "label": "VIP", "type": "checkbox", "options": [], "required": True},
    ]
    result, errors = check_values(defined, {"seats": "x", "old": 1}, creating=True)
    assert errors == {
        "custom_fields.size": "Size is required",
        "custom_fields.seats": "Seats must be a number, like 9500",
        "custom_fields.vip": "VIP is required",
    }
    result, errors = check_values(defined, {"size": "l", "vip": False, "seats": None}, creating=True)
    assert (result, errors) == ({"size": "L", "vip": False}, {})
