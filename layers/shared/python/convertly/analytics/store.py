"""Reading and writing cells and contributions.

Cells carry counters whose names are data (a stage id, a histogram bucket), so they are read and
written by attribute name through the low-level connection rather than as declared attributes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from pynamodb.expressions.operand import Path

from convertly.analytics import keys
from convertly.analytics.cells import Cell, CellChange, CellId, diff, dumps, loads
from convertly.analytics.items import CellItem, ContributionItem
from convertly.platform.clock import iso
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

# One transaction holds at most 100 items: the cells changed and the contribution.
CHANGES_PER_TRANSACTION = 90


class ContributionMoved(Exception):
    """Another writer changed the record's contribution first: read again and retry."""


def save_contribution(
    pk: str, stored: ContributionItem | None, new: Mapping[CellId, Cell], at: str | None = None
) -> int:
    """Write the difference between the stored contribution and `new`, and store `new`; returns the
    cells changed. Each transaction is conditional on the contribution's version, so two writers for
    the same record never both apply. Past 90 cells the writes go in several transactions, each
    storing what it has applied: a retry goes on from there."""
    old = loads(stored.cells) if stored is not None else {}
    changes = diff(old, new)
    if not changes and stored is not None:
        return 0
    version = int(stored.version) if stored is not None else 0
    applied = dict(old)
    chunks = [
        changes[i : i + CHANGES_PER_TRANSACTION] for i in range(0, len(changes), CHANGES_PER_TRANSACTION)
    ]
    for chunk in chunks or [[]]:
        for change in chunk:
            if change.cell in new:
                applied[change.cell] = new[change.cell]
            else:
                applied.pop(change.cell, None)
        tx = Transaction()
        for change in chunk:
            _add(tx, change)
        record = ContributionItem(pk, keys.CONTRIBUTION_SK, cells=dumps(applied), computed_at=at or iso())
        record.version = version + 1
        condition = ContributionItem.version == version if version else ContributionItem.PK.does_not_exist()
        tx.put("contribution", record, condition)
        try:
            tx.commit()
        except TransactionCancelledError as error:
            raise ContributionMoved(pk) from error
        version += 1
    return len(changes)


def _add(tx: Transaction, change: CellChange) -> None:
    pk, sk = change.cell
    actions: list[Any] = [Path(name).add(amount) for name, amount in change.add.items()]
    actions += [Path(name).set(value) for name, value in change.labels.items()]
    actions.append(Path("type").set("AnalyticsCell"))
    tx.update("cell", CellItem(pk, sk), actions)


def apply_totals(cells: Mapping[CellId, Cell]) -> None:
    """Add `cells` to the live ones (a rebuild's corrections), 90 cells a transaction."""
    changes = [CellChange(cell_id, dict(cell.counters), dict(cell.labels)) for cell_id, cell in cells.items()]
    for start in range(0, len(changes), CHANGES_PER_TRANSACTION):
        tx = Transaction()
        for change in changes[start : start + CHANGES_PER_TRANSACTION]:
            if change.add:
                _add(tx, change)
        if len(tx):
            tx.commit()


def months(first: date, last: date) -> list[str]:
    """Every month from `first` to `last`, as YYYY-MM."""
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month.strftime("%Y-%m"))
        month = (month + timedelta(days=32)).replace(day=1)
    return out


def daily_cells(tenant_id: str, family: str, first: date, last: date) -> Iterator[tuple[str, Cell]]:
    """(day, cell) for every cell of `family` from `first` to `last` (days in the tenant's time zone):
    one Query per month, more pages only past 1 MB."""
    low, high = first.isoformat(), f"{last.isoformat()}#~"
    for month in months(first, last):
        yield from _query(keys.month_partition(tenant_id, family, month), low, high)


def state_cells(tenant_id: str, family: str, high: str | None = None) -> Iterator[tuple[str, Cell]]:
    """(head, cell) of a state family (the forecast's months, the work due's days), up to `high`."""
    condition = Path("SK") <= high if high is not None else None
    for sk, cell in _pages(keys.state_partition(tenant_id, family), condition):
        yield sk.split("#", 1)[0], cell


def _query(pk: str, low: str, high: str) -> Iterator[tuple[str, Cell]]:
    for sk, cell in _pages(pk, Path("SK").between(low, high)):
        yield sk.split("#", 1)[0], cell


def _pages(pk: str, condition: Any = None) -> Iterator[tuple[str, Cell]]:
    # The model's own connection knows the table's keys: no DescribeTable call.
    table = CellItem._get_connection()
    start: dict[str, Any] | None = None
    while True:
        page = table.query(pk, range_key_condition=condition, exclusive_start_key=start)
        for raw in page.get("Items", []):
            yield raw["SK"]["S"], cell_of(raw)
        start = page.get("LastEvaluatedKey")
        if not start:
            return


_KEYS = {"PK", "SK", "type"}


def cell_of(raw: Mapping[str, Mapping[str, Any]]) -> Cell:
    """A cell from its DynamoDB JSON: numbers are counters, strings labels."""
    cell = Cell()
    for name, value in raw.items():
        if name in _KEYS:
            continue
        if "N" in value:
            amount = int(value["N"])
            if amount:
                cell.counters[name] = amount
        elif "S" in value:
            cell.labels[name] = value["S"]
    return cell


def tenant_cells(tenant_id: str, first: date, last: date) -> dict[CellId, Cell]:
    """Every cell of the tenant from `first` to `last` and every state cell, by key (a rebuild's
    comparison)."""
    cells: dict[CellId, Cell] = {}
    for family in keys.DAILY:
        for month in months(first, last):
            pk = keys.month_partition(tenant_id, family, month)
            for sk, cell in _pages(pk):
                cells[(pk, sk)] = cell
    for family in keys.STATES:
        pk = keys.state_partition(tenant_id, family)
        for sk, cell in _pages(pk):
            cells[(pk, sk)] = cell
    return {cell_id: cell for cell_id, cell in cells.items() if cell.counters}
