"""Lambda SnapStart: what must differ per execution environment is made again after a restore.

An API function is initialised once per published version (its imports, settings, SDK clients, the
resolver), snapshotted, and every cold start resumes from that snapshot, possibly in many environments at
once. Whatever the snapshot holds is therefore shared by all of them and may be stale when one resumes:

- **Random state.** `random`'s generator is seeded once at import: every environment restored from one
  snapshot would draw the same numbers. It is reseeded from the OS after each restore. Convertly's ids
  (`clock.new_id`) and tokens come from `secrets` (the OS's entropy at each call), so they are unique
  across restores without anything done here.
- **Open connections.** HTTP connections an SDK client pooled during init belong to an environment
  that is gone. Clients are kept (building one costs tens of milliseconds), their pools closed: the next
  request opens a fresh connection. `keep_client` registers a botocore client; the PynamoDB models'
  clients and the transaction client are closed the same way.
- **The pool's keys and their clock.** The JWKS cache (`auth.TokenVerifier`) times its keys with a clock
  that means nothing in another environment: it is dropped and the keys fetched again at the first
  signed-in request.
- **Credentials.** A SnapStart function gets its role's credentials from the Lambda container
  credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`), which botocore refreshes before they
  expire, not as fixed environment variables; nothing here needs to renew them.

- **What a function loads on first use.** A module imported only by the routes that need it (Jinja2 at
  the first render, automation's engine at a bulk action's first enrolment) keeps every other cold
  start without SnapStart short. With SnapStart the first use would pay it after the restore, so each
  such module names itself with `preload`, and `before_snapshot` loads it into the snapshot. What is
  built on first use (Pydantic validators, `defer_build`; Jinja2's environments) is built there too
  (`warm`).

The Lambda Python runtime provides `snapshot_restore_py`; `install()` registers `before_snapshot` and
`restore` with it once per process (a no-op where it is absent: locally and in tests, which call them
directly). Each module that holds such state registers its own reset with `after_restore`.
"""

from __future__ import annotations

import importlib
import logging
import random
import types
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

_resets: list[Callable[[], None]] = []
_clients: list[Any] = []
_preloads: list[str] = []
_warmers: list[Callable[[], Any]] = []
_installed = False


def preload(module: str) -> None:
    """`module`, imported only on first use, is loaded before a SnapStart snapshot (once, however often
    it is named)."""
    if module not in _preloads:
        _preloads.append(module)


class _Deferred(types.ModuleType):
    """Stands for a module until its first attribute is read, which imports it (Python keeps it loaded)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self.__name__), name)


def deferred(module: str) -> Any:
    """`module`, imported at the first use of one of its names, not with the importer; `preload`ed, so a
    SnapStart snapshot holds it. A handler's routes share one resolver, but each loads only the use cases
    (and their stores, PynamoDB models and other capabilities) it calls. Typed code names the module
    under TYPE_CHECKING and binds this at run time."""
    preload(module)
    return _Deferred(module)


def warm(build: Callable[[], Any]) -> Callable[[], Any]:
    """`build` (what a first use would build: validators, template environments) runs before a SnapStart
    snapshot, after the preloads; usable as a decorator."""
    if build not in _warmers:
        _warmers.append(build)
    return build


def after_restore(reset: Callable[[], None]) -> Callable[[], None]:
    """Run `reset` after every restore (usable as a decorator); registering it twice runs it once."""
    if reset not in _resets:
        _resets.append(reset)
    return reset


def keep_client(client: Any) -> Any:
    """A botocore/boto3 client kept across restores: its pooled connections are closed after each."""
    if not any(kept is client for kept in _clients):
        _clients.append(client)
    return client


def close_connections(client: Any) -> bool:
    """Close a botocore client's pooled HTTP connections (the client stays usable: the next request
    opens a new one). False when the object holds no such pool."""
    session = getattr(getattr(client, "_endpoint", None), "http_session", None)
    close = getattr(session, "close", None)
    if not callable(close):
        return False
    close()
    return True


def before_snapshot() -> None:
    """Load what a first use would load (`preload`), then close what the snapshot must not hold open
    (connections made during init)."""
    loaded = 0
    while loaded < len(_preloads):  # a preloaded module may name its own first-use modules
        importlib.import_module(_preloads[loaded])
        loaded += 1
    for warm in list(_warmers):
        warm()
    for client in _clients:
        close_connections(client)


def restore() -> None:
    """After a restore (or when a test simulates one): reseed, close stale connections, run each reset."""
    random.seed()  # from os.urandom
    for client in _clients:
        close_connections(client)
    for reset in list(_resets):
        try:
            reset()
        except Exception:  # one reset failing must not leave the others undone
            log.exception("a SnapStart reset failed: %s", getattr(reset, "__qualname__", reset))


def install() -> bool:
    """Register the hooks with the Lambda runtime once; False where the runtime offers none."""
    global _installed
    if _installed:
        return True
    try:
        from snapshot_restore_py import register_after_restore, register_before_snapshot
    except ImportError:
        return False
    register_before_snapshot(before_snapshot)
    register_after_restore(restore)
    _installed = True
    return True
