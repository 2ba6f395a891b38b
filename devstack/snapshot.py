"""Saves moto's in-memory backends to one pickle file and restores them before the server starts.

Everything is pickled in a single dump so objects shared across services (a table and its stream
shard) stay shared. Locks and private keys cannot be pickled: locks are recreated empty, keys travel
as PEM. The file records the moto version and the data layout; a snapshot from another version of
either is set aside, not loaded.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import moto
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from moto.backends import get_backend

log = logging.getLogger("devstack.snapshot")

SERVICES = (
    "dynamodb",
    "dynamodbstreams",
    "sqs",
    "events",
    "cognito-idp",
    "s3",
    "kms",
    "ses",
    "sesv2",
    "secretsmanager",
)
_PRIVATE_KEYS = (
    rsa.RSAPrivateKey,
    ec.EllipticCurvePrivateKey,
    ed25519.Ed25519PrivateKey,
    ed448.Ed448PrivateKey,
)
_LOCKS: dict[type, Any] = {
    type(threading.Lock()): threading.Lock,
    type(threading.RLock()): threading.RLock,
    threading.Condition: threading.Condition,
}


def _load_private_key(pem: bytes) -> Any:
    return serialization.load_pem_private_key(pem, password=None)


class _BackendPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _PRIVATE_KEYS):
            pem = obj.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            return _load_private_key, (pem,)
        factory = _LOCKS.get(type(obj))
        if factory is not None:
            return factory, ()
        return NotImplemented


# Raise it when what stored keys mean changes (2: the stage indexes sort by stage entry, not creation;
# 3: leads point at their contacts; 4: leads count in the analytics cells; 5: the tenants directory
# and the access items; 6: the lead list's sort indexes, GSI7-9, which a saved table lacks), so saved
# data in the old layout is set aside and the demo seeded afresh rather than read wrongly.
DATA_LAYOUT = 6


@dataclass
class Snapshot:
    """moto's backends ({service: {account: {region: backend}}}) plus the runner's own state."""

    backends: dict[str, dict[str, dict[str, Any]]]
    runner: dict[str, Any] = field(default_factory=dict)
    moto_version: str = moto.__version__
    data_layout: int = DATA_LAYOUT


def capture(runner: dict[str, Any], services: tuple[str, ...] = SERVICES) -> bytes:
    """Pickle the live backends; call it with the gate held exclusively."""
    _drop_stream_iterators()
    backends = {
        name: {account: dict(regions) for account, regions in get_backend(name).items()}  # type: ignore[call-overload]
        for name in services
    }
    buffer = io.BytesIO()
    _BackendPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(Snapshot(backends, runner))
    return buffer.getvalue()


def restore(snapshot: Snapshot) -> None:
    """Install the snapshot's backends in place of moto's (before any request reaches them)."""
    for name, accounts in snapshot.backends.items():
        backend_dict = get_backend(name)  # type: ignore[call-overload]
        for account, regions in accounts.items():
            for region, backend in regions.items():
                backend_dict[account][region] = backend


def _drop_stream_iterators() -> None:
    # Every GetRecords call leaves a new iterator in moto's streams backend, forever. Iterators are
    # short-lived handles (AWS expires them after 15 minutes) and the stream runner opens a fresh one
    # from its checkpoint on every poll, so dropping them bounds memory and the snapshot's size.
    for regions in get_backend("dynamodbstreams").values():
        for backend in regions.values():
            backend.shard_iterators.clear()


class SnapshotFile:
    """The snapshot on disk, written atomically (a crash mid-write keeps the previous one)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, data: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_bytes(data)
        os.replace(partial, self.path)

    def read(self) -> Snapshot | None:
        if not self.path.exists():
            return None
        try:
            # The file is written only by this runner, into the developer's own state directory.
            snapshot = pickle.loads(self.path.read_bytes())  # noqa: S301
        except Exception as error:  # a snapshot from older code may not unpickle at all
            self._set_aside(f"is unreadable ({error!r})")
            return None
        if not isinstance(snapshot, Snapshot) or snapshot.moto_version != moto.__version__:
            self._set_aside("was saved by another moto version")
            return None
        # vars(): one pickled before the field existed has no value of its own (the class default
        # would answer for it).
        if vars(snapshot).get("data_layout", 1) != DATA_LAYOUT:
            self._set_aside("is in an older data layout")
            return None
        return snapshot

    def _set_aside(self, reason: str) -> None:
        aside = self.path.with_suffix(".incompatible")
        os.replace(self.path, aside)
        log.warning("saved state %s: moved to %s, starting fresh", reason, aside)
