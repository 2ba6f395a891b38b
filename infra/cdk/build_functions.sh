#!/usr/bin/env bash
# Builds build/functions/<name> for each function with its own requirements.txt (packages only it needs,
# kept out of the shared layer): the function's code plus the packages its requirements.lock pins, as
# wheels for Lambda's platform and Python (infra/cdk/lock.py), as build_layer.sh builds the layer (which
# runs this, so `make layer` builds both). The
# Functions construct ships build/functions/<name> when it exists, else functions/<name> alone. A function
# with a Dockerfile is skipped: it ships as a container image whose build installs its requirements.
set -euo pipefail
shopt -s nullglob

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIP="${PIP:-$ROOT/.venv/bin/pip}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
OUT="${FUNCTIONS_BUILD_DIR:-$ROOT/build/functions}"

rm -rf "$OUT"
mkdir -p "$OUT"
mapfile -t LAMBDA_TARGET < <("$PYTHON" "$ROOT/infra/cdk/lock.py" --pip-args)
for requirements in "$ROOT"/functions/*/requirements.txt; do
    source_dir="$(dirname "$requirements")"
    name="$(basename "$source_dir")"
    if [[ -f "$source_dir/Dockerfile" ]]; then
        echo "Function $name ships as a container image: its Dockerfile installs its requirements"
        continue
    fi
    target="$OUT/$name"
    mkdir -p "$target"
    # The lock alone (--no-deps: it pins every package the layer lacks), for the Lambda platform.
    "$PIP" install --quiet --disable-pip-version-check --no-deps \
        --requirement "${requirements%.txt}.lock" \
        --target "$target" \
        "${LAMBDA_TARGET[@]}"
    cp -R "$source_dir/." "$target/"
    find "$target" -type d -name __pycache__ -prune -exec rm -rf {} +
    echo "Function $name built in $target ($(du -sh "$target" | cut -f1))"
done
