"""Vendor the dashboard's chart and map libraries into ../static/vendor/ (the app serves them itself:
no CDN at run time).

`npm ci` installs the exact versions of package-lock.json into node_modules/, then the files the
pages load are copied, each library with its licence. A stamp (the lock file's SHA-256) makes a
second run free when nothing changed. Used by build.sh (quickstart.sh, the browser tests) and by
the package build (setup.py), which must not import dyads: this file needs only the standard library.

    python src/dyads/web/assets/vendor.py [--force] [--check]

Exit codes: 0 ready, 2 npm missing, 1 npm or a copy failed (one line on stderr says which).
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE.parent / "static" / "vendor"
STAMP_NAME = ".lock-sha256"

# node_modules/<source> -> static/vendor/<folder>/ ; a source ending in "/*.png" copies all matches
FILES: dict[str, list[str]] = {
    "chart.js": ["chart.js/dist/chart.umd.min.js", "chart.js/LICENSE.md"],
    "leaflet": ["leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css", "leaflet/LICENSE"],
    "leaflet/images": ["leaflet/dist/images/*.png"],
    "leaflet.markercluster": ["leaflet.markercluster/dist/leaflet.markercluster.js",
                              "leaflet.markercluster/dist/MarkerCluster.css",
                              "leaflet.markercluster/dist/MarkerCluster.Default.css",
                              "leaflet.markercluster/MIT-LICENCE.txt"],
    "topojson-client": ["topojson-client/dist/topojson-client.min.js", "topojson-client/LICENSE"],
    # 1:110 million country borders (108 kB): the map's offline base layer
    "world-atlas": ["world-atlas/countries-110m.json", "world-atlas/LICENSE"],
    # Swagger UI for the API docs at /docs (the app switches to these files when they are present)
    "swagger-ui": ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-dist/swagger-ui.css",
                   "swagger-ui-dist/LICENSE"],
}
# the files the pages cannot do without (dyads.web.pages.VENDOR names the same ones)
REQUIRED = ["chart.js/chart.umd.min.js", "leaflet/leaflet.js", "leaflet/leaflet.css",
            "leaflet.markercluster/leaflet.markercluster.js", "topojson-client/topojson-client.min.js",
            "world-atlas/countries-110m.json", "swagger-ui/swagger-ui-bundle.js"]


class VendorError(RuntimeError):
    """The libraries could not be vendored; the message is one line that says why and what to do."""


class NpmMissing(VendorError):
    pass


def lock_digest(assets: Path = HERE) -> str:
    return hashlib.sha256((assets / "package-lock.json").read_bytes()).hexdigest()


def is_current(assets: Path = HERE, vendor: Path | None = None) -> bool:
    """Whether vendor/ holds the files of the current lock file (the stamp matches, none is missing)."""
    vendor = vendor or assets.parent / "static" / "vendor"
    stamp = vendor / STAMP_NAME
    return (stamp.is_file() and stamp.read_text().strip() == lock_digest(assets)
            and all((vendor / f).is_file() for f in REQUIRED))


def vendor_assets(assets: Path = HERE, vendor: Path | None = None, force: bool = False,
                  log=lambda msg: None) -> bool:
    """Install the pinned libraries into `vendor` (default: ../static/vendor beside `assets`).
    Returns False when they were already current, True when it installed them; raises VendorError."""
    assets = Path(assets).resolve()
    vendor = Path(vendor) if vendor else assets.parent / "static" / "vendor"
    if not force and is_current(assets, vendor):
        return False
    npm = shutil.which("npm")
    if not npm:
        raise NpmMissing(f"npm not found: it is needed to vendor the dashboard's JavaScript libraries "
                         f"(npm ci in {assets}); install Node.js/npm, or install dyads from a built wheel")
    log(f"dyads: npm ci in {assets} (pinned by package-lock.json)")
    done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                          cwd=assets, capture_output=True, text=True)
    if done.returncode != 0:
        why = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()
        raise VendorError(f"npm ci failed in {assets} (exit {done.returncode}): {' | '.join(why[-3:])}")
    modules = assets / "node_modules"
    shutil.rmtree(vendor, ignore_errors=True)
    for folder, sources in FILES.items():
        (vendor / folder).mkdir(parents=True, exist_ok=True)
        for src in sources:
            matches = sorted(modules.glob(src)) if "*" in src else [modules / src]
            if not matches or not all(m.is_file() for m in matches):
                raise VendorError(f"npm ci did not install {src} (node_modules/{src}): is package-lock.json "
                                  f"in step with FILES in {Path(__file__).name}?")
            for m in matches:
                shutil.copyfile(m, vendor / folder / m.name)
    (vendor / STAMP_NAME).write_text(lock_digest(assets) + "\n")
    log(f"dyads: dashboard assets installed in {vendor}")
    return True


def main(argv: list[str]) -> int:
    if "--check" in argv:                       # 0 when vendor/ is current, 1 otherwise; no npm run
        return 0 if is_current() else 1
    try:
        vendor_assets(force="--force" in argv, log=lambda m: print(m.removeprefix("dyads: "), file=sys.stderr))
    except NpmMissing as e:
        print(f"warning: {e}", file=sys.stderr)
        return 2
    except (VendorError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
