"""Aggregate counters, moved in the same TransactWriteItems as the lead writes that change them.

Per stage (count and value) for the board and the dashboards, per owner and stage for a Sales rep's
board, and per stage transition (count, seconds spent in the stage left) for velocity reports. A
transaction may name an item only once, so changes are summed per counter before they are written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from pynamodb.expressions.condition import Condition

from convertly.pipelines import keys
from convertly.pipelines.items import OwnerStageCounterItem, StageItem, StageTransitionItem
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction


@dataclass(frozen=True)
class Placement:
    """Where a live lead counts: its stage, its owner and its value in minor units."""

    tenant_id: str
    pipeline_id: str
    stage_id: str
    owner_id: str | None
    value: int


K = TypeVar("K", bound=tuple[str, ...])

# A stage counter's label and condition in the transaction, when the caller needs more than "it exists".
StageConditions = Mapping[str, tuple[str, Condition]]


class CounterChanges:
    """Counter deltas collected from one or many lead changes, written as one update per counter."""

    def __init__(self) -> None:
        self._stages: dict[tuple[str, str, str], list[int]] = {}
        self._owners: dict[tuple[str, str, str, str], list[int]] = {}
        self._transitions: dict[tuple[str, str, str, str], list[int]] = {}

    def move(self, before: Placement | None, after: Placement | None) -> None:
        """A lead stops counting at `before` and starts counting at `after` (either may be None)."""
        for placement, sign in ((before, -1), (after, 1)):
            if placement is None:
                continue
            stage = (placement.tenant_id, placement.pipeline_id, placement.stage_id)
            _add(self._stages, stage, sign, sign * placement.value)
            if placement.owner_id:
                _add(self._owners, (*stage, placement.owner_id), sign, sign * placement.value)

    def transition(self, before: Placement, after: Placement, seconds: int) -> None:
        key = (before.tenant_id, before.pipeline_id, before.stage_id, after.stage_id)
        _add(self._transitions, key, 1, max(0, seconds))

    def owners(self) -> int:
        """How many owner counters the changes touch (each is one transaction item)."""
        return sum(1 for delta in self._owners.values() if any(delta))

    def write(self, tx: Transaction, stage_conditions: StageConditions | None = None) -> None:
        """Add one update per changed counter to `tx`. A stage counter must exist (its stage does);
        owner and transition counters are created by their first update."""
        conditions = stage_conditions or {}
        for (tenant_id, pipeline_id, stage_id), (count, value) in self._stages.items():
            if not (count or value or stage_id in conditions):
                continue
            label, condition = conditions.get(stage_id, ("stage", StageItem.PK.exists()))
            counter = StageItem(platform_keys.tenant(tenant_id), keys.stage_sk(pipeline_id, stage_id))
            actions = [StageItem.lead_count.add(count), StageItem.lead_value.add(value)]
            tx.update(label, counter, actions, condition=condition)
        for (tenant_id, pipeline_id, stage_id, owner_id), (count, value) in self._owners.items():
            if count or value:
                tx.update(
                    "owner_counter",
                    OwnerStageCounterItem(
                        platform_keys.tenant(tenant_id),
                        keys.owner_stage_counter_sk(owner_id, pipeline_id, stage_id),
                    ),
                    [
                        OwnerStageCounterItem.type.set(OwnerStageCounterItem),
                        OwnerStageCounterItem.owner_id.set(owner_id),
                        OwnerStageCounterItem.pipeline_id.set(pipeline_id),
                        OwnerStageCounterItem.stage_id.set(stage_id),
                        OwnerStageCounterItem.lead_count.add(count),
                        OwnerStageCounterItem.lead_value.add(value),
                    ],
                )
        for (tenant_id, pipeline_id, from_stage, to_stage), (count, seconds) in self._transitions.items():
            tx.update(
                "transition",
                StageTransitionItem(
                    platform_keys.tenant(tenant_id), keys.transition_sk(pipeline_id, from_stage, to_stage)
                ),
                [
                    StageTransitionItem.type.set(StageTransitionItem),
                    StageTransitionItem.pipeline_id.set(pipeline_id),
                    StageTransitionItem.from_stage_id.set(from_stage),
                    StageTransitionItem.to_stage_id.set(to_stage),
                    StageTransitionItem.lead_count.add(count),
                    StageTransitionItem.total_seconds.add(seconds),
                ],
            )


def _add(totals: dict[K, list[int]], key: K, count: int, value: int) -> None:
    delta = totals.setdefault(key, [0, 0])
    delta[0] += count
    delta[1] += value


def owner_counters(tenant_id: str, owner_id: str, pipeline_id: str) -> dict[str, OwnerStageCounterItem]:
    """One owner's counters in one pipeline by stage id (one Query)."""
    return {
        str(item.stage_id): item
        for item in OwnerStageCounterItem.query(
            platform_keys.tenant(tenant_id),
            OwnerStageCounterItem.SK.startswith(keys.owner_counters_prefix(owner_id, pipeline_id)),
        )
    }
