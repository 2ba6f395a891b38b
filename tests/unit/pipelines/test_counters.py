"""Counter changes are summed per counter, so a transaction names each counter item once."""

from __future__ import annotations

from typing import Any

from convertly.pipelines.counters import CounterChanges, Placement


class Recorder:
    """Stands in for a Transaction: records the updates it is given."""

    def __init__(self) -> None:
        self.updates: list[tuple[str, str, list[str]]] = []

    def update(self, label: str, model: Any, actions: list[Any], condition: Any = None) -> None:
        values = [str(action.serialize({}, {})) for action in actions]
        self.updates.append((label, model.SK, values))


def _at(stage: str, owner: str | None, value: int) -> Placement:
    return Placement("t", "P", stage, owner, value)


def test_many_moves_between_two_stages_write_each_counter_once() -> None:
    changes = CounterChanges()
    for owner, value in (("u1", 100), ("u1", 50), ("u2", 10), (None, 5)):
        before, after = _at("A", owner, value), _at("B", owner, value)
        changes.move(before, after)
        changes.transition(before, after, 60)
    tx = Recorder()
    changes.write(tx)  # type: ignore[arg-type]
    sks = [sk for _, sk, _ in tx.updates]
    assert len(sks) == len(set(sks))
    assert sorted(label for label, _, _ in tx.updates) == ["owner_counter"] * 4 + [
        "stage",
        "stage",
        "transition",
    ]
    assert changes.owners() == 4  # u1 and u2, in both stages


def test_a_change_that_nets_to_nothing_writes_nothing_for_owners() -> None:
    changes = CounterChanges()
    changes.move(_at("A", "u1", 10), _at("A", "u1", 10))
    tx = Recorder()
    changes.write(tx)  # type: ignore[arg-type]
    assert tx.updates == []
