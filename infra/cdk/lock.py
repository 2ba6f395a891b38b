"""`make lock`: what the Lambda functions run, resolved once for their platform and pinned.

The shared layer's packages (requirements.txt), the AI layer's (layers/ai/requirements.txt) and each
function's own (functions/<name>/requirements.txt)
are resolved by pip for Lambda's platform (Linux ARM64 with Amazon Linux 2023's glibc, CPython
`LAMBDA_PYTHON_VERSION`, binary wheels only), never for the machine running this, and every package of
the answer is pinned in a lock beside its requirements: requirements.lock, layers/ai/requirements.lock,
functions/<name>/requirements.lock. The AI layer's and a function's lock hold only what the shared layer
does not (the shared layer's pins constrain them, so all agree). `make layer` and the function images
install from the locks alone (`--no-deps`); tests/infra checks that each lock still pins every
requirement at its version.

    python infra/cdk/lock.py             # rewrite the locks (needs PyPI)
    python infra/cdk/lock.py --pip-args  # pip's arguments for Lambda's platform (the build scripts')
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONSTANTS = ROOT / "infra" / "cdk" / "convertly_infra" / "constants.py"
# The python3.12 and later runtimes are Amazon Linux 2023 (glibc 2.34) on Graviton: a wheel for that glibc
# or any older one runs there, and pip takes only the platform tags it is given
GLIBC_MINOR = 34
PLATFORMS = (
    *(f"manylinux_2_{minor}_aarch64" for minor in range(GLIBC_MINOR, 16, -1)),
    "manylinux2014_aarch64",
)
PLATFORM = PLATFORMS[0]
LAYER_REQUIREMENTS = ROOT / "requirements.txt"
# Layers beside the shared one, for the functions that need them (the OpenAI SDK: layers/ai)
EXTRA_LAYERS = (ROOT / "layers" / "ai" / "requirements.txt",)
LOCK_SUFFIX = ".lock"
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;#]+)")
_VERSION = re.compile(r'^LAMBDA_PYTHON_VERSION = "(\d+\.\d+)"$', re.MULTILINE)


def lambda_python_version(constants: Path = CONSTANTS) -> str:
    """The Python the functions run on, as constants.py names it (read as text: no CDK import)."""
    found = _VERSION.search(constants.read_text())
    if found is None:
        raise ValueError(f"{constants} does not set LAMBDA_PYTHON_VERSION")
    return found.group(1)


def lock_path(requirements: Path) -> Path:
    return requirements.with_suffix(LOCK_SUFFIX)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """name (normalised) -> version of each `name==version` line (extras and comments ignored)."""
    found: dict[str, str] = {}
    for line in path.read_text().splitlines():
        match = _PIN.match(line.strip())
        if match:
            found[normal(match.group(1))] = match.group(2)
    return found


def function_requirements(root: Path = ROOT) -> list[Path]:
    return sorted((root / "functions").glob("*/requirements.txt"))


def beyond_layer_requirements(root: Path = ROOT) -> list[Path]:
    """Each lock that leaves out what the shared layer holds: the extra layers', then the functions'."""
    return [root / path.relative_to(ROOT) for path in EXTRA_LAYERS] + function_requirements(root)


def pip_target_args(python: str) -> list[str]:
    """pip's arguments for Lambda's platform: its platform tags, CPython `python`, binary wheels only."""
    platforms = [arg for tag in PLATFORMS for arg in ("--platform", tag)]
    return [*platforms, "--implementation", "cp", "--python-version", python, "--only-binary=:all:"]


def resolve(requirements: Path, constraints: Path | None, python: str) -> dict[str, str]:
    """What pip installs for `requirements` on Lambda's platform: name -> version."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [
            sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "--dry-run", "--ignore-installed", "--report", str(report),
            *pip_target_args(python), "--target", str(Path(scratch) / "target"),
            "--requirement", str(requirements),
        ]  # fmt: skip
        if constraints is not None:
            command += ["--constraint", str(constraints)]
        done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - pip, our arguments
        if done.returncode:
            # pip's own lines, without the warnings about local package indexes this machine lacks
            print("\n".join(x for x in done.stderr.splitlines() if "is ignored" not in x), file=sys.stderr)
            raise SystemExit(f"pip could not resolve {requirements.relative_to(ROOT)} for Lambda")
        installed = json.loads(report.read_text())["install"]
    return {normal(item["metadata"]["name"]): item["metadata"]["version"] for item in installed}


def write_lock(requirements: Path, resolved: dict[str, str], python: str, leave_out: dict[str, str]) -> Path:
    lock = lock_path(requirements)
    lines = [
        f"# Generated by `make lock` from {requirements.relative_to(ROOT)} for Lambda: Linux ARM64,",
        f"# glibc 2.{GLIBC_MINOR} or older, CPython {python}, binary wheels only. Installed with --no-deps.",
    ]
    if leave_out:
        lines.append("# Packages the shared layer already holds are left out (requirements.lock pins them).")
    lines += [f"{name}=={version}" for name, version in sorted(resolved.items()) if name not in leave_out]
    lock.write_text("\n".join(lines) + "\n")
    return lock


def main(argv: list[str]) -> int:
    python = lambda_python_version()
    if argv == ["--pip-args"]:  # for the build scripts: the same platform, one argument a line
        print("\n".join(pip_target_args(python)))
        return 0
    layer = resolve(LAYER_REQUIREMENTS, None, python)
    layer_lock = write_lock(LAYER_REQUIREMENTS, layer, python, {})
    print(f"{layer_lock.relative_to(ROOT)}: {len(layer)} packages")
    for requirements in beyond_layer_requirements():
        resolved = resolve(requirements, layer_lock, python)
        lock = write_lock(requirements, resolved, python, layer)
        print(f"{lock.relative_to(ROOT)}: {len(pins(lock))} packages beyond the shared layer")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
