"""The per-process stage directory: reused while fresh, reloaded when stale or asked to."""

from __future__ import annotations

from convertly.pipelines.items import PipelineItem, StageItem
from convertly.pipelines.store import PipelineWithStages, StageDirectory


class Loader:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.kind = "open"

    def __call__(self, tenant_id: str) -> list[PipelineWithStages]:
        self.calls.append(tenant_id)
        stage = StageItem("T#t", "S", pipeline_id="P", stage_id="S1", name="New", position=0, kind=self.kind)
        return [
            PipelineWithStages(PipelineItem("T#t", "P", pipeline_id="P", name="p", created_at=""), [stage])
        ]


def test_stages_are_loaded_once_while_fresh_then_again() -> None:
    now = [0.0]
    loader = Loader()
    directory = StageDirectory(ttl_seconds=60, clock=lambda: now[0], loader=loader)
    assert directory.stages("t")["S1"].kind == "open"
    now[0] = 59
    loader.kind = "won"
    assert directory.stages("t")["S1"].kind == "open" and loader.calls == ["t"]
    now[0] = 61
    assert directory.stages("t")["S1"].kind == "won" and loader.calls == ["t", "t"]


def test_a_refresh_reloads_at_once_and_old_tenants_make_room() -> None:
    loader = Loader()
    directory = StageDirectory(max_tenants=2, loader=loader)
    directory.stages("a")
    directory.stages("a", refresh=True)
    directory.stages("b")
    directory.stages("c")
    directory.stages("a")  # evicted by c, loaded again
    assert loader.calls == ["a", "a", "b", "c", "a"]
