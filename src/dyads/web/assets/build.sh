#!/usr/bin/env bash
# Install the dashboard's chart and map libraries (exact versions from package-lock.json) and copy
# the files the pages load into ../static/vendor/, which the app serves itself: no CDN at run time.
# Idempotent and cheap: does nothing when the vendor folder already matches the lock file.
# The work is done by vendor.py beside this file, which the package build (setup.py) runs too.
# Exit codes: 0 ready, 2 npm missing (a warning is printed), other values: npm failed.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY="${PYTHON:-$(command -v python3 || command -v python)}"
"$PY" "$HERE/vendor.py" "$@" && exit 0 || rc=$?
if [ "$rc" = 2 ]; then
  echo "         the dashboard's charts and map will not work until you install Node.js/npm and run:" >&2
  echo "         bash $HERE/build.sh" >&2
fi
exit "$rc"
