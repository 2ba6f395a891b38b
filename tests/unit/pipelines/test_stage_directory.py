"""The per-process stage directory: reused while fresh, reloaded when stale or asked to."""

from __future__ import annotations

from convertly.pipelines.items import PipelineItem, StageItem
from convertly.pipelines.store import PipelineWithStages, SettingsRef, StageDirectory, TenantPipelines


class Loader:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.consistent: list[bool] = []
        self.kind = "open"
        self.settings = SettingsRef()

    def __call__(self, tenant_id: str, *, consistent: bool = False) -> TenantPipelines:
        self.calls.append(tenant_id)
        self.consistent.append(consistent)
        stage = StageItem("T#t", "S", pipeline_id="P", stage_id="S1", name="New", position=0, kind=self.kind)
        pipeline = PipelineItem("T#t", "P", pipeline_id="P", name="p", created_at="")
        return TenantPipelines([PipelineWithStages(pipeline, [stage])], self.settings)


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
    # only the refresh reads consistently: it follows a failed condition, or precedes a refusal
    assert loader.consistent == [False, True, False, False, False]


def test_the_settings_come_with_the_stages_and_refresh_with_them() -> None:
    # Given a directory that loaded a tenant whose settings are the defaults
    loader = Loader()
    directory = StageDirectory(loader=loader)
    assert directory.settings("t") == SettingsRef() and not directory.settings("t").saved
    # When the tenant allows zero-value wins, the cached entry still says no until a refresh
    loader.settings = SettingsRef(("Price",), allow_zero_value_wins=True, saved=True)
    assert directory.settings("t").allow_zero_value_wins is False
    directory.stages("t", refresh=True)
    # Then one load served the stages and the settings alike
    assert directory.settings("t").allow_zero_value_wins is True
    assert loader.calls == ["t", "t"]
