"""Cold import time of each Lambda handler module against the floor every handler pays anyway.

Each import runs in a fresh interpreter under the Lambda environment of that function (bench.env),
timed with perf_counter around the import statement alone, so interpreter start-up is excluded.
The floor (`import boto3, aws_lambda_powertools`) runs under the same environment as the handler it
is compared with. Runs are interleaved (floor, handler, floor, handler, ...) so drift on a busy
machine hits both sides alike.

For the attribution, one `python -X importtime` run imports the floor first and then the handler:
every module listed after the floor is what the handler adds, grouped here by top-level package.

Two reference functions (bench/references) hold what the foundation requires of an API function and
no Convertly code: Powertools Logger, Tracer and Metrics, a resolver validating a Pydantic body, and,
for signed-in routes, PyJWT with RS256. They are measured the same way, so the report shows how much
of a handler's ratio its required stack already takes, and what Convertly's own code adds.

The main figures have a warm bytecode cache. The CDK assets exclude *.pyc and __pycache__, and a
Lambda's /var/task and /opt are read-only, so a deployed cold start compiles every module of the
layer from source; `without_bytecode` measures that case with an empty, unwritable cache.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.env import lambda_env

FLOOR = "boto3, aws_lambda_powertools"
RUNS = 5
TARGET_RATIO = 1.5
ROOT = Path(__file__).resolve().parents[1]

# Before the timer starts: packages the venv has but the function's Lambda bundle does not (the locks it
# ships, infra/cdk/lock.py) are not importable, so an optional import (Stripe's aiohttp) fails as on
# Lambda. The timed part is the import alone.
_BUNDLE_ONLY = (
    "import os, sys\n"
    "class _NotInBundle:\n"
    "    blocked = frozenset(filter(None, os.environ.get('BENCH_NOT_IN_BUNDLE', '').split(',')))\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.partition('.')[0] in self.blocked:\n"
    "            raise ModuleNotFoundError('No module named %r (not in the bundle)' % name, name=name)\n"
    "sys.meta_path.insert(0, _NotInBundle())\n"
)
_TIMED = _BUNDLE_ONLY + (
    "import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
)
_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)$")


# The reference of each kind of API function, and the function whose Lambda environment it runs in.
REFERENCES = {
    "user": ("bench.references.user_api", "leads"),
    "public": ("bench.references.public_api", "form_submit"),
}


@dataclass
class ImportReport:
    function: str
    floor_ms: float
    handler_ms: float
    extra_by_package: list[tuple[str, float]] = field(default_factory=list)  # ms, biggest first
    kind: str = "consumer"  # "user" (has signed-in routes), "public" (public/webhook routes only)
    # Its kind's reference (bench/references), timed in the same rounds as the handler; None: a consumer
    reference_ms: float | None = None

    @property
    def ratio(self) -> float:
        return self.handler_ms / self.floor_ms

    @property
    def to_stack(self) -> float | None:
        """The handler's import over its required stack's, both timed side by side."""
        return None if self.reference_ms is None else self.handler_ms / self.reference_ms


@dataclass
class ReferenceReport:
    kind: str
    floor_ms: float
    reference_ms: float

    @property
    def ratio(self) -> float:
        return self.reference_ms / self.floor_ms


def bundle_env(function: str) -> dict[str, str]:
    """The function's Lambda environment, with the venv's packages that its bundle lacks hidden."""
    from bench.bundles import not_in_bundle

    env = lambda_env(function, str(ROOT / "functions" / function))
    return {**env, "BENCH_NOT_IN_BUNDLE": ",".join(sorted(not_in_bundle(function)))}


def kind_of(function: str) -> str:
    from convertly.manifest import ROUTES, AuthKind

    auths = {route.auth for route in ROUTES if route.function == function}
    if AuthKind.USER in auths:
        return "user"
    return "public" if auths else "consumer"


@dataclass
class ColdCompile:
    """Import times when nothing is compiled ahead (the deployed assets carry no .pyc)."""

    function: str
    floor_ms: float
    handler_ms: float


def _last_line(code: str, env: dict[str, str]) -> str:
    """What `code`, run in a fresh interpreter of ours, printed last."""
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def _timed_import(modules: str, env: dict[str, str]) -> float:
    return float(_last_line(_TIMED.format(modules=modules), env)) * 1000


def extra_imports(module: str, env: dict[str, str]) -> list[tuple[str, float]]:
    """Self time (ms) of every module the handler imports beyond the floor, per top-level package."""
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-X", "importtime", "-c", f"{_BUNDLE_ONLY}import {FLOOR}; import {module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [m for m in map(_LINE.match, result.stderr.splitlines()) if m]
    floor_top = {name.strip() for name in FLOOR.split(",")}
    # importtime prints a module when it finishes; the floor's last top-level line ends the floor.
    last_floor = max(i for i, m in enumerate(lines) if not m.group(3) and m.group(4) in floor_top)
    by_package: dict[str, float] = {}
    for match in lines[last_floor + 1 :]:
        package = match.group(4).split(".")[0]
        by_package[package] = by_package.get(package, 0.0) + int(match.group(1)) / 1000
    return sorted(by_package.items(), key=lambda entry: -entry[1])


def measure(functions: list[str], runs: int = RUNS) -> list[ImportReport]:
    """Each function's floor, its kind's reference (API functions) and its handler, timed in turn in
    every round: a machine that slows down between rounds slows all three alike."""
    kinds = {name: kind_of(name) for name in functions}
    # A cache of our own, so measuring writes no __pycache__ into the repository or the venv.
    with tempfile.TemporaryDirectory() as cache:
        env_of = {name: {**bundle_env(name), "PYTHONPYCACHEPREFIX": cache} for name in functions}
        reference_env = {
            kind: {**bundle_env(function), "PYTHONPYCACHEPREFIX": cache}
            for kind, (_, function) in REFERENCES.items()
        }
        for name in functions:
            # One untimed import first, so every timed run finds the bytecode cache written.
            _timed_import(f"{FLOOR}; import functions.{name}.handler", env_of[name])
        for kind, (module, _) in REFERENCES.items():
            _timed_import(f"{FLOOR}; import {module}", reference_env[kind])
        floors: dict[str, list[float]] = {name: [] for name in functions}
        references: dict[str, list[float]] = {name: [] for name in functions}
        handlers: dict[str, list[float]] = {name: [] for name in functions}
        for _ in range(runs):
            for name in functions:
                floors[name].append(_timed_import(FLOOR, env_of[name]))
                if kinds[name] in REFERENCES:
                    module = REFERENCES[kinds[name]][0]
                    references[name].append(_timed_import(module, reference_env[kinds[name]]))
                handlers[name].append(_timed_import(f"functions.{name}.handler", env_of[name]))
        reports = []
        for name in functions:
            report = ImportReport(
                name,
                statistics.median(floors[name]),
                statistics.median(handlers[name]),
                kind=kinds[name],
                reference_ms=statistics.median(references[name]) if references[name] else None,
            )
            if report.ratio > TARGET_RATIO:
                report.extra_by_package = extra_imports(f"functions.{name}.handler", env_of[name])
            reports.append(report)
    return reports


def references_of(reports: list[ImportReport]) -> dict[str, ReferenceReport]:
    """Each kind's reference as `measure` timed it beside that kind's handlers (medians over them)."""
    found = {}
    for kind in REFERENCES:
        same = [report for report in reports if report.kind == kind and report.reference_ms is not None]
        if same:
            found[kind] = ReferenceReport(
                kind,
                statistics.median(report.floor_ms for report in same),
                statistics.median(report.reference_ms or 0.0 for report in same),
            )
    return found


_HOOKS = _BUNDLE_ONLY + (
    "import time\n"
    "import functions.{function}.handler\n"
    "from convertly.platform import snapstart\n"
    "t = time.perf_counter(); snapstart.before_snapshot(); before = time.perf_counter() - t\n"
    "t = time.perf_counter(); snapstart.restore(); after = time.perf_counter() - t\n"
    "print(before, after)"
)


@dataclass
class SnapStartHooks:
    """What a function's SnapStart hooks take: before the snapshot (at publish: the preloads, the models
    built) and after each restore (on the user's path, in Lambda's billed restore duration)."""

    function: str
    before_snapshot_ms: float
    after_restore_ms: float


def snapstart_hooks(functions: list[str], runs: int = 3) -> list[SnapStartHooks]:
    """Each function's hooks run once in a fresh interpreter after its import; medians of `runs`."""
    found = []
    with tempfile.TemporaryDirectory() as cache:
        for name in functions:
            env = {**bundle_env(name), "PYTHONPYCACHEPREFIX": cache}
            befores, afters = [], []
            for _ in range(runs):
                before, after = map(float, _last_line(_HOOKS.format(function=name), env).split())
                befores.append(before * 1000)
                afters.append(after * 1000)
            found.append(SnapStartHooks(name, statistics.median(befores), statistics.median(afters)))
    return found


def without_bytecode(function: str, runs: int = 3) -> ColdCompile:
    """Floor and handler imported with no bytecode cache to read and none written."""
    with tempfile.TemporaryDirectory() as empty:
        env = {
            **bundle_env(function),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPYCACHEPREFIX": empty,
        }
        floors, handlers = [], []
        for _ in range(runs):
            floors.append(_timed_import(FLOOR, env))
            handlers.append(_timed_import(f"functions.{function}.handler", env))
    return ColdCompile(function, statistics.median(floors), statistics.median(handlers))
