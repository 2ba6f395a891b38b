#!/usr/bin/env bash
# Builds the shared Lambda layer into build/layer/python: the runtime requirements as Linux ARM64 wheels
# for Python 3.11 (what the functions run on), plus the convertly package. The layer construct uses
# build/layer when it exists, so run this before `cdk deploy`. Then builds the functions that need packages
# of their own (build_functions.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIP="${PIP:-$ROOT/.venv/bin/pip}"
OUT="$ROOT/build/layer"

rm -rf "$OUT"
mkdir -p "$OUT/python"
# Binary wheels only, for the Lambda platform rather than this machine's.
"$PIP" install --quiet --disable-pip-version-check \
    --requirement "$ROOT/requirements.txt" \
    --target "$OUT/python" \
    --platform manylinux2014_aarch64 \
    --implementation cp \
    --python-version 3.11 \
    --only-binary=:all:
cp -R "$ROOT/layers/shared/python/convertly" "$OUT/python/"
find "$OUT" -type d -name __pycache__ -prune -exec rm -rf {} +
echo "Layer built in $OUT ($(du -sh "$OUT" | cut -f1))"
PIP="$PIP" bash "$ROOT/infra/cdk/build_functions.sh"
