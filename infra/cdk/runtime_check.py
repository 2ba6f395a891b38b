"""`make runtime-check`: every handler imports under the Python the functions run on.

The tests run on the machine's Python (3.11); Lambda runs `LAMBDA_PYTHON_VERSION` (constants.py). When
that interpreter is on the machine (`python3.13` on the PATH, e.g. through pyenv), this makes a venv of
it with exactly the packages the locks pin (the machine's own wheels of those versions), kept under
~/.cache/convertly keyed by the locks' contents, then imports every `functions/<name>/handler.py` in it
with the shared code on the path as the layer puts it, and fails naming each handler that does not
import. Without that interpreter it says so and passes: the check needs nothing the machine lacks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "infra" / "cdk"))

from lock import beyond_layer_requirements, lambda_python_version, lock_path  # noqa: E402

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "convertly"
# Imported in the venv, one handler after another: a failure names the handler and the error
_IMPORT_ALL = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(f"functions.{name}.handler")
    except Exception:
        failed.append(name)
        print(f"{name}: " + traceback.format_exc().strip().splitlines()[-1], file=sys.stderr)
done = len(sys.argv) - 1 - len(failed)
print(f"{done} of {len(sys.argv) - 1} handlers import under Python {sys.version.split()[0]}")
sys.exit(1 if failed else 0)
"""


def locks() -> list[Path]:
    return [ROOT / "requirements.lock", *(lock_path(path) for path in beyond_layer_requirements(ROOT))]


def venv_for(python: str, version: str) -> Path:
    """A venv of `python` with the locked packages, made once per set of locks."""
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in locks())).hexdigest()[:16]
    venv = CACHE / f"lambda-python{version}-{digest}"
    marker = venv / ".complete"
    if marker.exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)  # noqa: S603 - the interpreter found
    requirements = [arg for path in locks() for arg in ("--requirement", str(path))]
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--no-deps", "--only-binary=:all:", *requirements], check=True)  # noqa: S603
    marker.touch()
    return venv


def handlers() -> list[str]:
    return sorted(path.parent.name for path in (ROOT / "functions").glob("*/handler.py"))


def interpreter(version: str) -> str | None:
    """`python<version>` on the PATH if it runs, else one pyenv installed (its shim only runs the
    version pyenv has selected)."""
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "--version"], capture_output=True).returncode == 0:  # noqa: S603
        return found
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    installed = sorted(pyenv.glob(f"{version}.*/bin/python{version}"), key=lambda p: p.parent.parent.name)
    return str(installed[-1]) if installed else None


def main() -> int:
    version = lambda_python_version()
    python = interpreter(version)
    if python is None:
        print(f"python{version} is not on this machine: the handlers were not imported under Lambda's Python")
        return 0
    venv = venv_for(python, version)
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "layers" / "shared" / "python"), str(ROOT)]),
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(  # noqa: S603 - the venv's interpreter, our own script
        [str(venv / "bin" / "python"), "-c", _IMPORT_ALL, *handlers()], env=environment, cwd=ROOT
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
