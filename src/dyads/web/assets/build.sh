#!/usr/bin/env bash
# Install the dashboard's chart and map libraries (exact versions from package-lock.json) and copy
# the files the pages load into ../static/vendor/, which the app serves itself: no CDN at run time.
# Idempotent and cheap: does nothing when the vendor folder already matches the lock file.
# Exit codes: 0 ready, 2 npm missing (a warning is printed), other values: npm failed.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VENDOR="$(dirname "$HERE")/static/vendor"
STAMP="$VENDOR/.lock-sha256"
want="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ "${1:-}" != "--force" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "warning: npm not found: the dashboard's charts and map will not work until you install" >&2
  echo "         Node.js/npm and run: bash $HERE/build.sh" >&2
  exit 2
fi
( cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null )
NM="$HERE/node_modules"
rm -rf "$VENDOR"
mkdir -p "$VENDOR"/{chart.js,leaflet/images,leaflet.markercluster,topojson-client,world-atlas,swagger-ui}
cp "$NM/chart.js/dist/chart.umd.min.js" "$NM/chart.js/LICENSE.md" "$VENDOR/chart.js/"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$NM/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$NM/leaflet.markercluster/dist/leaflet.markercluster.js" "$NM/leaflet.markercluster/dist/MarkerCluster.css" \
   "$NM/leaflet.markercluster/dist/MarkerCluster.Default.css" "$NM/leaflet.markercluster/MIT-LICENCE.txt" \
   "$VENDOR/leaflet.markercluster/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$NM/topojson-client/LICENSE" "$VENDOR/topojson-client/"
# 1:110 million country borders (108 kB): the map's offline base layer
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/LICENSE" "$VENDOR/world-atlas/"
# Swagger UI for the API docs at /docs (the app switches to these files when they are present)
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" "$NM/swagger-ui-dist/LICENSE" \
   "$VENDOR/swagger-ui/"
echo "$want" > "$STAMP"
echo "dashboard assets installed in $VENDOR"
