"""A function's code asset: functions/<name>, or, for a function with its own requirements.txt, the build
that adds those packages (infra/cdk/build_functions.sh, run by `make layer`); or, for a function with a
Dockerfile, a container image built from the repository at deploy."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from ..constants import (
    ASSET_EXCLUDES,
    CONTAINER_CONTEXT,
    FUNCTION_DOCKERFILE,
    FUNCTION_REQUIREMENTS,
    FUNCTIONS_BUILD_DIR,
    FUNCTIONS_DIR,
)


def is_container_image(name: str, source_dir: Path = FUNCTIONS_DIR) -> bool:
    """Whether the function ships as a container image (its directory holds a Dockerfile)."""
    return (source_dir / name / FUNCTION_DOCKERFILE).is_file()


def container_context_excludes(name: str) -> list[str]:
    """The image build's exclude patterns (.dockerignore syntax) over the repository's root: everything but
    the paths the function's Dockerfile copies, and no caches among those."""
    kept = [f"!{path.replace('<name>', name)}" for path in CONTAINER_CONTEXT]
    return ["*", *kept, *(f"**/{pattern}" for pattern in ASSET_EXCLUDES)]


def has_requirements(name: str, source_dir: Path = FUNCTIONS_DIR) -> bool:
    """Whether the function needs packages the shared layer does not hold."""
    return (source_dir / name / FUNCTION_REQUIREMENTS).is_file()


def function_asset_dir(
    name: str, build_dir: Path = FUNCTIONS_BUILD_DIR, source_dir: Path = FUNCTIONS_DIR
) -> Path:
    """build/functions/<name> when the function has requirements and they were built; otherwise its
    own directory, so synth never needs a network (such a function deploys but cannot import them)."""
    built = build_dir / name
    return built if has_requirements(name, source_dir) and built.is_dir() else source_dir / name


def _code_files(directory: Path) -> dict[Path, bytes]:
    """The files the asset takes from `directory` (ASSET_EXCLUDES left out), by relative path."""
    files = {path.relative_to(directory): path for path in directory.rglob("*") if path.is_file()}
    return {
        relative: path.read_bytes()
        for relative, path in files.items()
        if not any(fnmatch(part, pattern) for part in relative.parts for pattern in ASSET_EXCLUDES)
    }


def stale_files(
    name: str, build_dir: Path = FUNCTIONS_BUILD_DIR, source_dir: Path = FUNCTIONS_DIR
) -> list[str]:
    """The function's files that its build lacks or holds in another version (the build predates an edit)."""
    built = build_dir / name
    return sorted(
        str(path)
        for path, content in _code_files(source_dir / name).items()
        if not (built / path).is_file() or (built / path).read_bytes() != content
    )
