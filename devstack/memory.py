"""The garbage collector of a process that holds a whole local AWS.

moto keeps every table, queue and user pool as Python objects in the process that serves it: the local
stack's, and each functional test worker's. With CPython's default thresholds (700, 10, 10) a full
collection walks all of them, and comes round again each time the old objects have grown by a quarter:
in a stack serving the browser tests, a tenth of its CPU went to collecting, most of it in full
collections of a third of a second each (bench: `python -m bench.local_aws`).

Two changes, for these processes only (the Lambda functions keep Python's defaults):
- `tune()`: the youngest generation is collected every 50,000 allocations rather than 700, and a full
  collection waits for 20 collections of the middle one rather than 10. Most garbage still dies young
  and is freed by the cheap collections; cycles that outlive them wait longer.
- `freeze_loaded()`: once the process has started (modules imported, the saved state restored or the
  demo seeded), what it holds is moved out of the collector's sight (`gc.freeze`), so a full
  collection walks only what came after.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 20)


def tune() -> None:
    gc.set_threshold(*THRESHOLDS)


def freeze_loaded() -> None:
    """Collect what is garbage now, then leave the rest out of every later collection."""
    gc.collect()
    gc.freeze()
