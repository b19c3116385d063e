#!/usr/bin/env bash
# Set up dyads in ./.venv and code the bundled sample articles.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# the dashboard's chart and map libraries, served by the app itself (skipped with a warning without npm)
bash src/dyads/web/assets/build.sh || echo "warning: dashboard assets not installed; the pages name the missing libraries" >&2
if [ "${1:-}" != "--setup-only" ]; then
  .venv/bin/dyads extract samples/articles.jsonl --format table
fi
