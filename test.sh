#!/usr/bin/env bash
# Run the dyads test suite (sets up ./.venv first if needed).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/pytest ] || ! .venv/bin/python -c "import dyads, pytest" 2>/dev/null; then
  bash quickstart.sh --setup-only
fi
exec .venv/bin/python -m pytest "$@"
