"""Cells: what a lead (or a task) adds to the aggregates, and the difference between two of those.

A cell is named by its partition and sort key; it holds counters (whole numbers, added with ADD) and
labels (the pipeline, owner, source, campaign... it counts for, set with SET). A contribution maps
cells to what one record adds to them; the live cells are the sum of every record's contribution.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CellId = tuple[str, str]  # (PK, SK)


@dataclass
class Cell:
    counters: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, amount: int) -> None:
        if amount:
            self.counters[name] = self.counters.get(name, 0) + amount


Contribution = dict[CellId, Cell]


@dataclass(frozen=True)
class CellChange:
    """What one write does to one cell: counters to add (never all zero) and its labels."""

    cell: CellId
    add: dict[str, int]
    labels: dict[str, str]


def diff(old: Mapping[CellId, Cell], new: Mapping[CellId, Cell]) -> list[CellChange]:
    """The writes that turn cells holding `old` into cells holding `new`, in key order."""
    changes = []
    for cell in sorted(old.keys() | new.keys()):
        before = old.get(cell, Cell())
        after = new.get(cell, Cell())
        names = before.counters.keys() | after.counters.keys()
        delta = {name: after.counters.get(name, 0) - before.counters.get(name, 0) for name in sorted(names)}
        delta = {name: amount for name, amount in delta.items() if amount}
        if delta:
            changes.append(CellChange(cell, delta, after.labels or before.labels))
    return changes


def total(contributions: Iterable[Mapping[CellId, Cell]]) -> dict[CellId, Cell]:
    """The cells that the contributions add up to (counters that sum to 0 are left out)."""
    cells: dict[CellId, Cell] = {}
    for contribution in contributions:
        for cell_id, cell in contribution.items():
            into = cells.setdefault(cell_id, Cell(labels=dict(cell.labels)))
            for name, amount in cell.counters.items():
                into.add(name, amount)
    return {
        cell_id: Cell({k: v for k, v in cell.counters.items() if v}, cell.labels)
        for cell_id, cell in cells.items()
        if any(cell.counters.values())
    }


def dumps(contribution: Mapping[CellId, Cell]) -> str:
    """A contribution as stored on its record: [[pk, sk, counters, labels], ...]."""
    rows = [[pk, sk, cell.counters, cell.labels] for (pk, sk), cell in sorted(contribution.items())]
    return json.dumps(rows, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> dict[CellId, Cell]:
    if not text:
        return {}
    return {(pk, sk): Cell(dict(counters), dict(labels)) for pk, sk, counters, labels in json.loads(text)}
