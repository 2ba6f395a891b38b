"""Keys of the leads capability's items; every partition key starts with the tenant."""

from __future__ import annotations

from decimal import Decimal

from convertly.platform.terms import fold


def lead(tenant_id: str, lead_id: str) -> str:
    return f"T#{tenant_id}#LEAD#{lead_id}"


def leads_index(tenant_id: str, *, deleted: bool = False) -> str:
    return f"T#{tenant_id}#LEADS#DELETED" if deleted else f"T#{tenant_id}#LEADS"


def stage_index(tenant_id: str, stage_id: str) -> str:
    return f"T#{tenant_id}#STAGE#{stage_id}"


def owner_index(tenant_id: str, owner_id: str) -> str:
    return f"T#{tenant_id}#OWNER#{owner_id}"


def source_index(tenant_id: str, source: str) -> str:
    return f"T#{tenant_id}#SOURCE#{source}"


def search(tenant_id: str) -> str:
    return f"T#{tenant_id}#SEARCH"


def created_sort(created_at: str, lead_id: str) -> str:
    return f"{created_at}#{lead_id}"


def stage_sort(stage_entered_at: str, lead_id: str) -> str:
    """A board column's order: when the lead entered its stage, read newest first."""
    return f"{stage_entered_at}#{lead_id}"


LEAD_SK = "LEAD"


def note_sk(created_at: str, note_id: str) -> str:
    return f"NOTE#{created_at}#{note_id}"


def history_sk(at: str, history_id: str) -> str:
    return f"HIST#{at}#{history_id}"


# Pipeline: the board's owner view, aggregate counters and in-app notifications.
def owner_stage_index(tenant_id: str, owner_id: str, stage_id: str) -> str:
    """GSI5: one owner's live leads in one stage (a Sales rep's board column)."""
    return f"T#{tenant_id}#OWNER#{owner_id}#STAGE#{stage_id}"


# Google clicks: the live leads with a gclid, gbraid or wbraid, by click time (GSI6, sparse).
def google_click_index(tenant_id: str) -> str:
    """GSI6: the tenant's live leads with a Google click; the sort key is `<click time>#<lead id>`."""
    return f"T#{tenant_id}#GCLICKS"


def google_click_sort(clicked_at: str, lead_id: str) -> str:
    return f"{clicked_at}#{lead_id}"


# The lead list's other orders: the tenant's live leads by last update (GSI7), by value (GSI8) and by
# name (GSI9); sparse, like the other lists: a deleted lead has none of these keys.
def updated_index(tenant_id: str) -> str:
    return f"T#{tenant_id}#LEADS#UPDATED"


def value_index(tenant_id: str) -> str:
    return f"T#{tenant_id}#LEADS#VALUE"


def name_index(tenant_id: str) -> str:
    return f"T#{tenant_id}#LEADS#NAME"


def updated_sort(updated_at: str, lead_id: str) -> str:
    return f"{updated_at}#{lead_id}"


# Whole digits of a value key: the stored value (hundredths of the major unit, at most 10^14) with room.
VALUE_DIGITS = 18
_FOUR_PLACES = Decimal("0.0001")


def value_sort(value: Decimal | int | float, lead_id: str) -> str:
    """The stored value (hundredths, maybe with a fraction) as fixed-width text, 18 whole digits and 4
    decimals, so the text order is the number order: 1250.50 -> `000000000000125050.0000#<l>`."""
    amount = Decimal(str(value)).quantize(_FOUR_PLACES)
    return f"{amount:0{VALUE_DIGITS + 5}.4f}#{lead_id}"


NAME_CHARS = 80  # a name key's folded name, cut: longer names tie there and follow the lead id


# Ends the name in a name sort key: below every character a folded name holds (the space included),
# so "ann" sorts before "ann smith" ('#' would sort after the space, putting "Ann" after "Ann Smith").
NAME_END = "\x01"


def name_sort(name: str, lead_id: str) -> str:
    """The lead's name as the list shows it, folded (lower case, no accents), then the lead id."""
    return f"{fold(name)[:NAME_CHARS]}{NAME_END}{lead_id}"
