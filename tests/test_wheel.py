"""The package as a user gets it from `pip install`: a wheel with the dashboard's pictures.

The wheel is built from a clean copy of the tree (the files git knows, without static/vendor/ or
node_modules/), so its build hook (setup.py) must vendor the JavaScript libraries with `npm ci`.
It is then installed into a fresh virtual environment outside the repository, and that install,
run with a PATH that has no npm, extracts and ingests the samples and serves the dashboard, whose
dyad chart and map are checked in Chromium through Playwright.

To save time the fresh environment reuses the test environment's dependencies (a .pth line: the
project's own editable dyads is not seen) and installs the wheel with --no-deps;
DYADS_WHEEL_DEPS=pypi installs the wheel with its dependencies from the package index instead.
Skipped with the reason without npm, git or Chromium, unless DYADS_REQUIRE_WHEEL=1 or
DYADS_REQUIRE_BROWSER=1 (CI), which make those failures. Screenshots go to test-artifacts/wheel/.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from test_web_pages import browser  # noqa: F401  (the shared Chromium fixture)
from web_server import free_port

ARTIFACTS = REPO / "test-artifacts" / "wheel"
SAMPLES = REPO / "samples" / "articles.jsonl"
DYAD = ("CHN", "RUS")          # the samples' state visit: a cooperative dyad with events


def _unavailable(reason: str):
    if os.environ.get("DYADS_REQUIRE_WHEEL") == "1" or os.environ.get("DYADS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the wheel test is required here (DYADS_REQUIRE_WHEEL/DYADS_REQUIRE_BROWSER) but {reason}",
                    pytrace=False)
    pytest.skip(reason)


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def clean_copy(dest: Path) -> Path:
    """The tree as a fresh clone has it: the files git tracks, and new ones it does not ignore."""
    if not shutil.which("git") or not (REPO / ".git").exists():
        _unavailable("the wheel is built from the files git knows, and git or the repository is missing")
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO).stdout
    for name in filter(None, listed.split("\0")):
        src = REPO / name
        if src.is_file():                       # a tracked file deleted in the work tree is left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    assert not (dest / "src/dyads/web/static/vendor").exists()
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not shutil.which("npm"):
        _unavailable("npm is not installed: the wheel's build hook vendors the JavaScript libraries with npm ci")
    work = tmp_path_factory.mktemp("wheel")
    tree = clean_copy(work / "tree")
    out = work / "dist"
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "-w", str(out)],
                          capture_output=True, text=True, cwd=work)
    assert done.returncode == 0, f"building the wheel failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    wheels = list(out.glob("dyads-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A fresh venv outside the repository with the wheel installed; the environment to run it in."""
    home = tmp_path_factory.mktemp("installed")
    assert REPO not in home.parents
    venv = home / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    py = venv / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    if os.environ.get("DYADS_WHEEL_DEPS") == "pypi":
        _run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", str(wheel)], timeout=1800)
    else:
        # the test environment's dependencies, appended to sys.path after the venv's own packages; its
        # .pth files (the editable dyads among them) are not read from there
        deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        (site / "test-deps.pth").write_text("".join(f"{d}\n" for d in sorted(deps)))
        _run([sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps", str(wheel)])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DYADS_"))}
    env["PATH"] = str(venv / "bin")             # no npm, no node: what a user without them has
    env["HOME"] = str(home)
    assert shutil.which("npm", path=env["PATH"]) is None
    return {"venv": venv, "bin": venv / "bin", "site": site, "env": env, "home": home}


def _dyads(installed: dict, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return _run([str(installed["bin"] / "dyads"), *args], cwd=installed["home"], env=installed["env"],
                timeout=timeout)


@pytest.fixture(scope="module")
def store(installed) -> str:
    db = installed["home"] / "store.db"
    _dyads(installed, "ingest", str(SAMPLES), "--db", str(db), "--quiet")
    return str(db)


@pytest.fixture(scope="module")
def server(installed, store):
    """`dyads serve` of the installed package on a free loopback port; stopped (its whole process
    group) when the module's tests are done, whatever happened."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(installed["home"] / "serve.log", "w")
    proc = subprocess.Popen([str(installed["bin"] / "dyads"), "serve", "--db", store, "--port", str(port)],
                            cwd=installed["home"], env=installed["env"], stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dyads serve did not start:\n{(installed['home'] / 'serve.log').read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        log.close()


@pytest.fixture
def page(browser, server):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    pg.errors, pg.outside = [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: None if r.url.startswith(server) else pg.outside.append(r.url))
    yield pg
    ctx.close()
    assert not pg.outside, pg.outside           # nothing is fetched from a CDN


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# ------------------------------------------------------------------------------------ tests

def _vendor_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("vendor_assets", REPO / "src/dyads/web/assets/vendor.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_wheel_contains_the_vendored_libraries(wheel):
    from dyads.web.pages import VENDOR

    names = set(zipfile.ZipFile(wheel).namelist())
    vendor = "dyads/web/static/vendor/"
    needed = {f for files in VENDOR.values() for f in files} | set(_vendor_module().REQUIRED)
    missing = sorted(f for f in needed if vendor + f not in names)
    assert not missing, f"the wheel lacks {missing}"
    licences = [n for n in names if n.startswith(vendor) and ("LICEN" in n)]
    assert len(licences) >= 6, licences
    assert {"dyads/web/assets/package.json", "dyads/web/assets/package-lock.json"} <= names
    assert not [n for n in names if "node_modules" in n]


def test_building_without_npm_fails_with_one_clear_line(tmp_path):
    """No npm, no wheel: the build stops and says why in one line (here: a tree without vendor/)."""
    tree = tmp_path / "tree"
    for name in ("setup.py", "pyproject.toml", "README.md", "MANIFEST.in"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, tree / name)
    shutil.copytree(REPO / "src/dyads/web/assets", tree / "src/dyads/web/assets",
                    ignore=shutil.ignore_patterns("node_modules"))
    (tree / "src/dyads/__init__.py").write_text("")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PATH": str(empty)}
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "-w", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    out = done.stdout + done.stderr
    if "Could not find a version" in out or "No matching distribution" in out:
        _unavailable("the build requirements (setuptools) could not be installed from the package index")
    assert done.returncode != 0 and not list((tmp_path / "out").glob("*.whl"))
    lines = [line.strip() for line in out.splitlines() if "error: dyads:" in line]
    assert len(lines) == 1 and "npm not found" in lines[0], out


def test_installed_package_is_the_wheel_and_extracts_the_samples(installed):
    where = _run([str(installed["bin"] / "python"), "-c", "import dyads, dyads.web.pages as p; "
                  "print(dyads.__file__); print(p.missing_libraries(list(p.VENDOR)))"],
                 env=installed["env"], cwd=installed["home"]).stdout.split("\n")
    assert Path(where[0]).is_relative_to(installed["site"]) and not Path(where[0]).is_relative_to(REPO), where
    assert where[1] == "[]", where
    events = [json.loads(line) for line in _dyads(installed, "extract", str(SAMPLES), "--quiet").stdout.splitlines()]
    assert len(events) >= 5
    pairs = [({a["code"] for a in e["actor"]}, {r["code"] for r in e["recipient"]}) for e in events]
    assert any(DYAD[0] in a and DYAD[1] in r for a, r in pairs), pairs


def test_installed_server_serves_the_libraries_and_names_none_missing(server):
    for path in (f"/dyad?a={DYAD[0]}&b={DYAD[1]}", "/map"):
        with urllib.request.urlopen(server + path, timeout=30) as r:
            html = r.read().decode()
        assert 'id="missing-libraries"' not in html, path
    for f in ("chart.js/chart.umd.min.js", "leaflet/leaflet.js", "world-atlas/countries-110m.json"):
        with urllib.request.urlopen(f"{server}/static/vendor/{f}", timeout=30) as r:
            assert r.status == 200 and len(r.read()) > 1000, f


def test_installed_dyad_chart_draws(page, server):
    page.goto(f"{server}/dyad?a={DYAD[0]}&b={DYAD[1]}&by=month")
    page.wait_for_function("() => window.dyadsCharts !== undefined")
    drawn = page.evaluate("""() => {
        const c = window.dyadsCharts.stack;
        const total = c.data.datasets.reduce((s, d) => s + d.data.reduce((a, b) => a + (b || 0), 0), 0);
        const px = c.canvas.getContext('2d').getImageData(0, 0, c.canvas.width, c.canvas.height).data;
        let painted = 0, bars = 0;
        const colours = new Set(c.data.datasets.map(d => d.backgroundColor));
        for (let i = 0; i < px.length; i += 4) {
            if (px[i + 3] === 0) continue;
            painted++;
            const hex = '#' + [px[i], px[i + 1], px[i + 2]].map(v => v.toString(16).padStart(2, '0')).join('');
            if (colours.has(hex)) bars++;
        }
        return {total, painted, bars, size: [c.canvas.width, c.canvas.height]};
    }""")
    shot(page, "dyad")
    assert drawn["total"] > 0 and drawn["painted"] > 1000 and drawn["bars"] > 100, drawn
    assert not page.errors, page.errors


def test_installed_map_shows_markers(page, server):
    page.goto(f"{server}/map")
    page.wait_for_selector("#map[data-base='ready']")
    assert page.locator(".leaflet-overlay-pane path").count() > 0          # the offline country borders
    n = page.evaluate("window.dyadsMap.markers.length")
    assert n > 0
    shown = page.locator(".leaflet-marker-icon:visible, .marker-cluster:visible")
    assert shown.count() > 0
    titles = page.evaluate("window.dyadsMap.markers.map(m => m.options.title)")
    assert any("Moscow" in (t or "") for t in titles), titles
    shot(page, "map")
    assert not page.errors, page.errors
