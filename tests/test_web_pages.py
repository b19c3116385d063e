"""The dashboard's pages: fast checks through FastAPI's TestClient, then Chromium through Playwright.

The browser tests drive the system Chromium (DYADS_CHROMIUM, else `chromium` on PATH); Playwright
never downloads a browser. Without Chromium they are skipped, unless DYADS_REQUIRE_BROWSER=1 (CI).
Screenshots go to test-artifacts/web/.
"""
from __future__ import annotations

import math
import os
import re
import shutil
import subprocess

import pytest
from conftest import REPO
from web_server import EXAMPLE, XSS_IMG, XSS_SCRIPT, LiveServer, build_store

from dyads.store import query
from dyads.store.query import EventFilter

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="shared/examples not present")

ARTIFACTS = REPO / "test-artifacts" / "web"
ISTANBUL = (41.01, 28.95)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(db)) as c:
        yield c


def event_ids(html: str) -> list[str]:
    return re.findall(r'href="/events/([0-9a-f]+)"', html)


def xss_event(db: str) -> dict:
    from dyads.store.query import EventFilter, events

    found = [r for r in events(db, EventFilter(text="accused")) if "onerror" in (r["sentence"] or "")]
    assert found, "the test article's injected markup should reach an event sentence"
    return found[0]


# ------------------------------------------------------------------------------- TestClient

@pytest.mark.parametrize("path", ["/", "/playground", "/events", "/events?either=TUR&quad_code=1&sort=day",
                                  "/dyad", "/dyad?a=TUR&b=AZE", "/dyad?a=tur&b=aze&by=week&split=type",
                                  "/map", "/map?event=CONSULT", "/network", "/network?n=3&quad=4"])    # quad: the old name
def test_each_page_renders_with_nav_and_a_strict_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:2000]
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for link in ("/playground", "/events", "/dyad", "/map", "/network"):
        assert f'href="{link}"' in r.text
    assert '<html lang="en">' in r.text


def test_unknown_event_is_404(client):
    r = client.get("/events/does-not-exist")
    assert r.status_code == 404 and "does-not-exist" in r.text


def test_events_filter_matches_the_library_query(client, db):
    from dyads.store.query import EventFilter, events

    expected = {r["id"] for r in events(db, EventFilter(actor="AZE", recipient="TUR"))}
    assert expected
    r = client.get("/events", params={"actor": "AZE", "recipient": "TUR", "size": 200})
    assert set(event_ids(r.text)) == expected
    assert f"{len(expected)} event" in r.text


def test_events_bad_date_is_reported_not_a_crash(client):
    r = client.get("/events", params={"from": "last tuesday"})
    assert r.status_code == 200 and "not a date" in r.text and 'role="alert"' in r.text


def test_events_pages_cover_every_event_once(client, db, monkeypatch):
    from dyads.store.query import events
    from dyads.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZES", (3, 50))
    every = {r["id"] for r in events(db)}
    seen: list[str] = []
    page = 1
    while True:
        html = client.get("/events", params={"size": 3, "page": page, "sort": "day"}).text
        ids = event_ids(html)
        assert len(ids) <= 3
        seen += ids
        if 'rel="next"' not in html:
            break
        page += 1
    assert sorted(seen) == sorted(every) and page == math.ceil(len(every) / 3)


def test_article_text_is_escaped_on_list_and_detail(client, db):
    ev = xss_event(db)
    for path in (f"/events/{ev['id']}", "/events?either=RUS"):
        html = client.get(path).text
        assert XSS_SCRIPT not in html and "<img src=x" not in html
        assert "&lt;img src=x onerror=" in html
    detail = client.get(f"/events/{ev['id']}").text
    assert "javascript:" not in detail          # the article's javascript: url is not made a link
    assert "Shelling in Kharkiv" in detail


def test_json_embedded_in_script_cannot_close_it(client):
    html = client.get("/map", params={"either": "RUS"}).text
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert block and "\\u003c/script\\u003e" in block[1] and "<" not in block[1]


def test_playground_codes_and_escapes_pasted_text(client):
    text = f"Turkish police detained 12 protesters in Istanbul on Tuesday. {XSS_IMG}"
    r = client.post("/playground", data={"text": text, "date": "2024-05-01"})
    assert r.status_code == 200
    assert "<img src=x" not in r.text and "&lt;/script&gt;&lt;img src=x" in r.text
    assert re.search(r'<mark class="hl hl-trigger"[^>]*>detained', r.text)
    assert re.search(r'<mark class="hl hl-place"[^>]*>Istanbul', r.text)
    assert "COERCE" in r.text


def test_playground_rejects_empty_text_and_bad_date(client):
    assert client.post("/playground", data={"text": " ", "date": ""}).status_code == 422
    r = client.post("/playground", data={"text": "Talks.", "date": "25/02/2023"})
    assert r.status_code == 422 and "not a date" in r.text


def test_highlight_segments_rebuild_the_text_without_overlaps():
    import dyads
    from dyads.web.pages import HIGHLIGHTS, highlight

    text = (EXAMPLE / "article.txt").read_text()
    doc = dyads.extract(text, date="2023-02-25")
    segments = highlight(doc)
    assert "".join(s["text"] for s in segments) == text
    kinds = {s.get("kind") for s in segments} - {None}
    assert {"trigger", "actor", "date", "place"} <= kinds <= set(HIGHLIGHTS)
    actors = " ".join(s["text"] for s in segments if s.get("kind") in ("actor", "recipient"))
    assert "Aliyev" in actors and "Erdogan" in actors


def test_dyad_page_embeds_series_that_add_up_to_the_summary(client, db):
    import json

    from dyads.store.query import dyad

    summary = dyad(db, "TUR", "AZE", by="month")
    html = client.get("/dyad", params={"a": "TUR", "b": "AZE", "by": "month"}).text
    data = json.loads(re.search(r'<script type="application/json" id="dyad-data">(.*?)</script>', html, re.S)[1])
    chart = data["chart"]
    assert chart["periods"] == [s["period"] for s in summary["series"]]
    for q in chart["quad"]:
        assert q["data"] == [s["quad_code"][q["key"]] for s in summary["series"]]
    by_type = [sum(col) for col in zip(*(t["data"] for t in chart["type"]))]
    assert by_type == [s["n_events"] for s in summary["series"]]
    assert len(set(event_ids(html))) == summary["n_events"]


def test_network_colours_edges_by_cooperation_and_conflict(client):
    html = client.get("/network").text
    assert re.search(r'class="edge coop"[^>]*data-a="AZE" data-b="TUR"', html)
    assert re.search(r'class="edge conflict"[^>]*data-a="RUS" data-b="UKR"', html)


def test_network_edges_count_what_the_dyad_page_counts(client, db):
    """An edge links to the dyad page, so it must count the same events (and so per filter)."""
    for params in ({}, {"quad_code": "4"}, {"event": "CONSULT"}):
        html = client.get("/network", params=params).text
        edges = re.findall(r'data-a="([A-Z]{3})" data-b="([A-Z]{3})"><title>[^:]+: (\d+) events', html)
        assert edges or params
        flt = EventFilter(quad_code=int(params["quad_code"]) if "quad_code" in params else None,
                          event=params.get("event"))
        for a, b, n in edges:
            assert int(n) == query.dyad(db, a, b, flt=flt)["n_events"] > 0


def test_missing_library_is_named_on_the_page(client, monkeypatch, tmp_path):
    from dyads.web import pages

    monkeypatch.setattr(pages, "STATIC", tmp_path)     # a static folder without vendor/
    html = client.get("/dyad", params={"a": "TUR", "b": "AZE"}).text
    assert 'id="missing-libraries"' in html and "Chart.js" in html
    html = client.get("/map").text
    assert "Leaflet" in html and "world-atlas" in html and "build.sh" in html


# ---------------------------------------------------------------------------------- browser

def _chromium() -> str | None:
    return os.environ.get("DYADS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _no_browser(reason: str):
    if os.environ.get("DYADS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"DYADS_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def vendor():
    """The vendored libraries, built by the asset script when absent (cheap when present)."""
    from dyads.web.pages import VENDOR, missing_libraries

    if missing_libraries(list(VENDOR)):
        script = REPO / "src" / "dyads" / "web" / "assets" / "build.sh"
        done = subprocess.run(["bash", str(script)], capture_output=True, text=True)
        if done.returncode != 0 or missing_libraries(list(VENDOR)):
            _no_browser(f"the dashboard's JavaScript libraries could not be installed: {done.stderr.strip()}")


@pytest.fixture(scope="module")
def live(db, vendor):
    with LiveServer(db) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if not exe:
        _no_browser("Chromium is not installed (set DYADS_CHROMIUM or put chromium on PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    # nothing may leave the machine: every request goes to the test server
    pg.outside = []
    pg.on("request", lambda r: None if r.url.startswith(live.url) else pg.outside.append(r.url))
    yield pg
    ctx.close()
    assert not pg.outside, pg.outside


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_browser_playground_highlights_the_founding_article(page, live):
    page.goto(f"{live.url}/playground")
    page.get_by_label("Article text").fill((EXAMPLE / "article.txt").read_text())
    page.get_by_label("Publication date").fill("2023-02-25")
    page.get_by_role("button", name="Code the article").click()
    page.wait_for_selector("#pg-events tbody tr[data-event]", timeout=60_000)   # the first coding loads the models
    table = page.inner_text("#pg-events")
    assert "CONSULT" in table and "AID" in table
    people = " ".join(page.locator("#doc-text mark.hl-actor, #doc-text mark.hl-recipient").all_inner_texts())
    assert "Aliyev" in people and "Erdogan" in people
    assert any("Istanbul" in t for t in page.locator("#doc-text mark.hl-place").all_inner_texts())
    # the kinds are told apart by colour
    colours = {k: page.eval_on_selector(f".legend mark.hl-{k}", "e => getComputedStyle(e).backgroundColor")
               for k in ("trigger", "actor", "recipient", "date", "place")}
    assert len(set(colours.values())) == 5, colours
    # focusing an event row outlines its words in the text
    page.focus("#pg-events tr[data-event='0']")
    assert page.locator("#doc-text mark.active").count() > 0
    shot(page, "playground")
    assert not page.errors, page.errors


def test_browser_events_filtered_by_tur_aze(page, live, db):
    from dyads.store.query import EventFilter, events

    page.goto(f"{live.url}/events")
    page.get_by_label("Actor", exact=True).fill("AZE")
    page.get_by_label("Recipient").fill("TUR")
    page.keyboard.press("Enter")                    # submitted from the keyboard
    page.wait_for_url(re.compile(r"recipient=TUR"))
    rows = page.locator("#events tbody tr")
    expected = list(events(db, EventFilter(actor="AZE", recipient="TUR")))
    assert rows.count() == len(expected) > 0
    assert {r["event"] for r in expected} >= {"AID"}
    assert "AID" in page.inner_text("#events") and "RUS" not in page.inner_text("#events")
    # the other direction of the dyad: TUR meeting AZE
    page.get_by_label("Actor", exact=True).fill("TUR")
    page.get_by_label("Recipient").fill("")
    page.get_by_label("Either side").fill("AZE")
    page.get_by_label("Event type").select_option("CONSULT")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"event=CONSULT"))
    consult = list(events(db, EventFilter(actor="TUR", either_side="AZE", event="CONSULT")))
    assert page.locator("#events tbody tr").count() == len(consult) >= 2
    dates = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert "2023-02-25" in dates and dates == sorted(dates, reverse=True)
    # sorting by score on the page, then following an event to its detail page
    page.get_by_role("button", name="Score").click()
    assert page.get_attribute("#events thead th:nth-child(7)", "aria-sort") == "ascending"
    shot(page, "events")
    page.locator("#events tbody a.evtype").first.click()
    page.wait_for_url(re.compile(r"/events/[0-9a-f]+$"))
    assert page.locator("ol.sentences li").count() >= 1
    shot(page, "event-detail")
    assert not page.errors, page.errors


def test_browser_dyad_draws_its_charts(page, live, db):
    from dyads.store.query import dyad

    page.goto(f"{live.url}/dyad?a=TUR&b=AZE&by=month")
    page.wait_for_function("() => window.dyadsCharts !== undefined")
    drawn = page.evaluate("""() => {
        const c = window.dyadsCharts.stack;
        const total = c.data.datasets.reduce((s, d) => s + d.data.reduce((a, b) => a + b, 0), 0);
        // bars actually painted: pixels of the quad class 1 colour (#5aae61) on the canvas
        const ctx = c.canvas.getContext('2d');
        const px = ctx.getImageData(0, 0, c.canvas.width, c.canvas.height).data;
        let green = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] === 0x5a && px[i+1] === 0xae && px[i+2] === 0x61) green++;
        const bars = c.getDatasetMeta(0).data.map(b => b.height);
        const score = window.dyadsCharts.score.data.datasets[0].data.filter(v => v !== null).length;
        return {total, green, bars, labels: c.data.labels, score};
    }""")
    summary = dyad(db, "TUR", "AZE", by="month")
    assert drawn["labels"] == [s["period"] for s in summary["series"]]
    assert drawn["total"] == sum(s["n_events"] for s in summary["series"]) > 0
    assert drawn["green"] > 100 and max(drawn["bars"]) > 10, drawn
    assert drawn["score"] == len(summary["series"])
    shot(page, "dyad")
    page.get_by_label("Stack by").select_option("type")
    page.get_by_role("button", name="Show dyad").click()
    page.wait_for_function("() => window.dyadsCharts && window.dyadsCharts.stack.data.datasets.length > 0")
    types = page.evaluate("window.dyadsCharts.stack.data.datasets.map(d => d.label)")
    assert "CONSULT" in types and "AID" in types
    shot(page, "dyad-by-type")
    assert not page.errors, page.errors


def test_browser_map_has_a_marker_at_istanbul_and_opens_its_event(page, live):
    page.goto(f"{live.url}/map")
    page.wait_for_selector("#map[data-base='ready']")
    assert page.locator(".leaflet-overlay-pane path").count() > 0      # offline country borders drawn
    at = page.evaluate("""([lat, lon]) => window.dyadsMap.markers
        .filter(m => m.getLatLng().distanceTo([lat, lon]) < 20000).map(m => m.options.title)""", list(ISTANBUL))
    assert at and all("Istanbul" in t for t in at), at
    # where the marker (or the cluster holding it) is drawn, and where Istanbul is
    locate = """([lat, lon]) => {
        const {map, markers, cluster} = window.dyadsMap;
        const m = markers.find(m => m.getLatLng().distanceTo([lat, lon]) < 20000);
        const shown = cluster.getVisibleParent(m);
        const r = shown._icon.getBoundingClientRect(), c = map.getContainer().getBoundingClientRect();
        const p = map.latLngToContainerPoint([lat, lon]);
        return {x: r.left + r.width / 2 - c.left, y: r.top + r.height / 2 - c.top, px: p.x, py: p.y};
    }"""
    shot(page, "map")
    # zoomed in on Istanbul, the marker (or the cluster of its events) sits on the city
    page.evaluate("([lat, lon]) => { window.dyadsMap.map.setView([lat, lon], 8, {animate: false}); }", list(ISTANBUL))
    page.wait_for_function(f"() => {{ const b = ({locate})({list(ISTANBUL)}); "
                           "return Math.abs(b.x - b.px) < 12 && Math.abs(b.y - b.py) < 12; }")
    # clusters open on click (zooming in, then spreading markers that share a place)
    marker = page.locator(".leaflet-marker-icon[title*='Istanbul']").first
    for _ in range(8):
        if marker.is_visible():
            break
        page.locator(".marker-cluster").filter(has_text=str(len(at))).first.click()
        page.wait_for_timeout(400)
    marker.click()
    page.locator(".leaflet-popup-content a").click()
    page.wait_for_url(re.compile(r"/events/[0-9a-f]+$"))
    assert "Istanbul" in page.inner_text("main")
    assert not page.errors, page.errors


def test_browser_network_draws_actors_and_edges(page, live):
    page.goto(f"{live.url}/network")
    assert page.locator("#network circle.node").count() >= 4
    assert page.locator("#network line.edge.coop").count() >= 1
    assert page.locator("#network line.edge.conflict").count() >= 1
    shot(page, "network")
    assert not page.errors, page.errors


def test_browser_xss_in_article_text_stays_inert(page, live, db):
    ev = xss_event(db)
    for path in (f"/events/{ev['id']}", "/events?either=RUS", "/map?either=RUS"):
        page.goto(live.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img[src='x']").count() == 0, path
    page.goto(f"{live.url}/events/{ev['id']}")
    text = page.inner_text("main")
    assert "</script><img src=x onerror=" in text and "window.__xss = 1</script>" in text    # shown as text
    assert page.locator("a[href^='javascript:']").count() == 0
    shot(page, "xss-detail")


def test_browser_forms_are_labelled_and_keyboard_reachable(page, live):
    for path in ("/playground", "/events", "/dyad?a=TUR&b=AZE", "/map", "/network"):
        page.goto(live.url + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !e.closest('.leaflet-container'))
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.name || e.id)""")
        assert unlabelled == [], (path, unlabelled)
        assert page.locator("nav[aria-label='Pages'] a[aria-current='page']").count() == 1, path
    # the first Tab reaches the skip link, which moves focus to the content
    page.goto(f"{live.url}/events")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tab moves on into the filter form
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "actor"


def test_browser_pages_paint_within_a_second(page, live):
    for path in ("/", "/events", "/dyad?a=TUR&b=AZE", "/map", "/network", "/playground"):
        page.goto(live.url + path)
        fcp = page.evaluate("""() => new Promise(done => {
            const get = () => performance.getEntriesByName('first-contentful-paint')[0];
            if (get()) return done(get().startTime);
            new PerformanceObserver(() => get() && done(get().startTime)).observe({type: 'paint', buffered: true});
        })""")
        assert fcp < 1000, (path, fcp)


def test_browser_pages_fit_a_phone_screen(browser, live):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    pg = ctx.new_page()
    try:
        for path in ("/", "/events", "/dyad?a=TUR&b=AZE", "/map", "/network", "/playground"):
            pg.goto(live.url + path)
            overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.goto(f"{live.url}/events?either=TUR")
        pg.screenshot(path=str(ARTIFACTS / "events-phone.png"), full_page=True)
    finally:
        ctx.close()
