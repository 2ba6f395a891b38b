#!/usr/bin/env bash
# Builds the shared Lambda layer into build/layer/python: the packages requirements.lock pins, as binary
# wheels for Lambda's platform and Python (infra/cdk/lock.py: Linux ARM64, LAMBDA_PYTHON_VERSION in
# constants.py), never for this machine's, plus the convertly package. The layer construct uses
# build/layer when it exists, so run this before `cdk deploy`. Then builds the functions that need packages
# of their own (build_functions.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIP="${PIP:-$ROOT/.venv/bin/pip}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
OUT="$ROOT/build/layer"

rm -rf "$OUT"
mkdir -p "$OUT/python"
# The lock alone (--no-deps: it pins every package), for the Lambda platform rather than this machine's.
mapfile -t LAMBDA_TARGET < <("$PYTHON" "$ROOT/infra/cdk/lock.py" --pip-args)
"$PIP" install --quiet --disable-pip-version-check --no-deps \
    --requirement "$ROOT/requirements.lock" \
    --target "$OUT/python" \
    "${LAMBDA_TARGET[@]}"
cp -R "$ROOT/layers/shared/python/convertly" "$OUT/python/"
find "$OUT" -type d -name __pycache__ -prune -exec rm -rf {} +
echo "Layer built in $OUT ($(du -sh "$OUT" | cut -f1))"
# The AI layer: the OpenAI SDK and what it needs beyond the shared layer, for the functions asking the model.
AI_OUT="$ROOT/build/ai-layer"
rm -rf "$AI_OUT"
mkdir -p "$AI_OUT/python"
"$PIP" install --quiet --disable-pip-version-check --no-deps \
    --requirement "$ROOT/layers/ai/requirements.lock" \
    --target "$AI_OUT/python" \
    "${LAMBDA_TARGET[@]}"
echo "AI layer built in $AI_OUT ($(du -sh "$AI_OUT" | cut -f1))"
PIP="$PIP" PYTHON="$PYTHON" bash "$ROOT/infra/cdk/build_functions.sh"
