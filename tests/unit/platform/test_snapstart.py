"""SnapStart's restore hooks, simulated: what an environment restored from a snapshot must not share with
the others (random state, pooled connections, the JWKS cache) is made again; ids stay unique."""

from __future__ import annotations

import random
import sys
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from convertly.platform import snapstart
from convertly.platform.auth import TokenVerifier
from convertly.platform.clock import new_id
from convertly.platform.store import items, transaction


class Pool:
    def __init__(self) -> None:
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


def client() -> Any:
    """A stand-in for a botocore client: its pooled connections sit at `_endpoint.http_session`."""
    return SimpleNamespace(_endpoint=SimpleNamespace(http_session=Pool()))


def test_a_restore_reseeds_random_so_restored_environments_draw_differently() -> None:
    # Given two environments resumed from one snapshot: the same generator state in each
    random.seed(1234)
    snapshot = random.getstate()
    drawn = []
    for _ in range(2):
        random.setstate(snapshot)
        snapstart.restore()
        drawn.append([random.random() for _ in range(4)])
    # Then each drew its own numbers, not the snapshot's sequence
    random.setstate(snapshot)
    from_snapshot = [random.random() for _ in range(4)]
    assert drawn[0] != drawn[1] and from_snapshot not in drawn


def test_ids_made_after_a_restore_are_unique_without_any_reset() -> None:
    random.seed(7)
    before = {new_id() for _ in range(200)}
    random.seed(7)  # as if the snapshot's state came back
    after = {new_id() for _ in range(200)}
    assert len(before | after) == 400


def test_kept_clients_close_their_pools_before_the_snapshot_and_after_each_restore() -> None:
    kept = snapstart.keep_client(client())
    snapstart.keep_client(kept)  # once, however often it is kept
    snapstart.before_snapshot()
    snapstart.restore()
    snapstart.restore()
    assert kept._endpoint.http_session.closed == 3
    assert snapstart.close_connections(object()) is False  # no pool: nothing to close


def test_the_verifier_forgets_its_keys_after_a_restore() -> None:
    verifier = TokenVerifier(jwk_client=object())  # type: ignore[arg-type]
    assert verifier._jwk_client is not None
    snapstart.restore()
    assert verifier._jwk_client is None  # the next signed-in request fetches the keys again


def test_the_table_clients_keep_their_models_and_close_their_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the transactions' connection and a model's table connection, each with a client made at init
    transactions = SimpleNamespace(_client=client())
    monkeypatch.setattr(transaction, "connection", _cached(transactions))
    table = SimpleNamespace(connection=SimpleNamespace(_client=client()))
    monkeypatch.setattr(items.Item, "_connection", table, raising=False)
    # When the environment is restored
    snapstart.restore()
    # Then both clients closed their pools and stay the same objects
    assert transactions._client._endpoint.http_session.closed == 1
    assert table.connection._client._endpoint.http_session.closed == 1
    assert items.Item._connection is table


def _cached(value: Any) -> Any:
    def connection() -> Any:
        return value

    connection.cache_info = lambda: SimpleNamespace(currsize=1)  # type: ignore[attr-defined]
    return connection


def test_a_failing_reset_does_not_stop_the_others() -> None:
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    def record() -> None:
        ran.append("next")

    snapstart.after_restore(broken)
    snapstart.after_restore(record)
    try:
        snapstart.restore()
    finally:
        snapstart._resets.remove(broken)
        snapstart._resets.remove(record)
    assert ran == ["next"]


def test_install_registers_both_hooks_with_the_runtime_once(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[tuple[str, Any]] = []
    runtime = ModuleType("snapshot_restore_py")
    runtime.register_before_snapshot = lambda fn: registered.append(("before", fn))  # type: ignore[attr-defined]
    runtime.register_after_restore = lambda fn: registered.append(("after", fn))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", runtime)
    monkeypatch.setattr(snapstart, "_installed", False)
    assert snapstart.install() and snapstart.install()
    assert registered == [("before", snapstart.before_snapshot), ("after", snapstart.restore)]


def test_without_the_runtime_library_install_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", None)
    monkeypatch.setattr(snapstart, "_installed", False)
    assert snapstart.install() is False


def test_modules_named_for_first_use_load_before_the_snapshot_then_the_warmers_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # Given a module loaded on first use that names one of its own (as automation's use cases name
    # the engine), and a warmer that needs both
    (tmp_path / "snap_first.py").write_text(
        "from convertly.platform import snapstart\nsnapstart.preload('snap_second')\n"
    )
    (tmp_path / "snap_second.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(snapstart, "_preloads", [])
    monkeypatch.setattr(snapstart, "_warmers", [])
    seen: list[int] = []
    snapstart.preload("snap_first")
    snapstart.preload("snap_first")  # named twice, loaded once
    snapstart.warm(lambda: seen.append(sys.modules["snap_second"].VALUE))
    try:
        assert "snap_first" not in sys.modules
        snapstart.before_snapshot()
        # Then both are in the snapshot, and the warmer ran after them, once
        assert {"snap_first", "snap_second"} <= set(sys.modules)
        assert seen == [42]
        assert snapstart._preloads == ["snap_first", "snap_second"]
    finally:
        sys.modules.pop("snap_first", None)
        sys.modules.pop("snap_second", None)


def test_domain_models_are_built_before_the_snapshot() -> None:
    from convertly.platform.domain import DomainModel

    class Deferred(DomainModel):
        name: str

    assert not Deferred.__pydantic_complete__  # built on first use without SnapStart
    snapstart.before_snapshot()
    assert Deferred.__pydantic_complete__
    assert Deferred.model_validate({"name": "Ada"}).name == "Ada"


def test_a_deferred_module_loads_at_its_first_name_read_or_before_the_snapshot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # Given two modules a handler defers (its use cases), neither loaded yet
    (tmp_path / "snap_use_cases.py").write_text("LOADS = []\ndef create(x):\n    return x * 2\n")
    (tmp_path / "snap_other.py").write_text("VALUE = 7\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(snapstart, "_preloads", [])
    try:
        use_cases = snapstart.deferred("snap_use_cases")
        other = snapstart.deferred("snap_other")
        assert "snap_use_cases" not in sys.modules and "snap_other" not in sys.modules
        # When a route first calls one of its names, the module loads, and the call is the module's own
        assert use_cases.create(21) == 42
        assert "snap_use_cases" in sys.modules
        assert use_cases.LOADS is sys.modules["snap_use_cases"].LOADS
        assert "snap_other" not in sys.modules  # the other waits for its own first use
        with pytest.raises(AttributeError):
            _ = use_cases.missing
        # And both are named for the snapshot, so a SnapStart function restores with them loaded
        assert snapstart._preloads == ["snap_use_cases", "snap_other"]
        snapstart.before_snapshot()
        assert "snap_other" in sys.modules and other.VALUE == 7
    finally:
        sys.modules.pop("snap_use_cases", None)
        sys.modules.pop("snap_other", None)
