"""The saved local state is loaded only when it was written in the current data layout."""

from __future__ import annotations

import pickle
from pathlib import Path

import moto

from devstack.snapshot import DATA_LAYOUT, Snapshot, SnapshotFile


def _save(path: Path, snapshot: Snapshot) -> SnapshotFile:
    file = SnapshotFile(path)
    file.write(pickle.dumps(snapshot))
    return file


def test_a_snapshot_in_the_current_layout_is_loaded(tmp_path: Path) -> None:
    file = _save(tmp_path / "state.pickle", Snapshot({}, {"seeded": True}))
    loaded = file.read()
    assert loaded is not None and loaded.runner == {"seeded": True}
    assert (tmp_path / "state.pickle").exists()


def test_a_snapshot_in_an_older_layout_is_set_aside(tmp_path: Path) -> None:
    older = Snapshot({}, {"seeded": True}, moto.__version__, DATA_LAYOUT - 1)
    file = _save(tmp_path / "state.pickle", older)
    assert file.read() is None
    assert not (tmp_path / "state.pickle").exists()
    assert (tmp_path / "state.incompatible").exists()


def test_a_snapshot_from_before_layouts_were_recorded_is_set_aside(tmp_path: Path) -> None:
    unversioned = Snapshot({}, {})
    del unversioned.__dict__["data_layout"]
    file = _save(tmp_path / "state.pickle", unversioned)
    assert file.read() is None
    assert (tmp_path / "state.incompatible").exists()
