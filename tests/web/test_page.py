"""The analyst's page in a real headless Chromium, step by step, with a screenshot of each
step in tests/web/screenshots/ (ignored by git) for a person to look at.

The server runs in this process (uvicorn in a thread) over the invented page store, with
a stand-in for GET /api/scenario/{actor} (scenario_stub.py: KAZ answers, others 404).
Skips, saying why, when chromium or chromedriver is missing (.ci/browser.sh installs them).
"""
from __future__ import annotations

import re

import csv
import io
import socket
import threading
import time
from pathlib import Path

import pytest

from . import scenario_stub
from .fixture import FORMULA_OUTLET, HOSTILE_SENTENCE, PAGE_ARTICLES, build
from .chromium import CHROMIUM, DRIVER, MISSING
from .test_browser import _click_edge, _wait, browser  # noqa: F401

SHOTS = Path(__file__).parent / "screenshots"
MEMBER, FROZEN = "#1565c0", "#90caf9"

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason=MISSING + ": browser test skipped")


@pytest.fixture(scope="module")
def page_server(tmp_path_factory):
    import uvicorn
    from sqlalchemy import create_engine, text

    from blocwatch.web import create_app

    url = "sqlite:///" + str(tmp_path_factory.mktemp("page") / "store.sqlite")
    build(url, PAGE_ARTICLES).dispose()
    engine = create_engine(url)
    with engine.connect() as conn:
        request_doc = conn.execute(text("SELECT id FROM documents WHERE doc_id = 'request'")).scalar()
    engine.dispose()
    app = create_app(url)
    scenario_stub.install(app, request_doc)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(page_server, browser):  # noqa: F811
    SHOTS.mkdir(exist_ok=True)
    browser.get(page_server + "/")
    _wait(browser, "return document.body.dataset.ready")
    return browser


def shot(browser, name: str) -> None:
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def js(browser, script: str, *args):
    return browser.execute_script(script, *args)


def set_month(browser, slider: str, year: int, month: int) -> None:
    js(browser, "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
       "s.dispatchEvent(new Event('input'))", slider, year * 12 + month - 1)


def visible_edges(browser) -> set[str]:
    return set(js(browser, "return window.blocwatch.cy.edges()"
                           ".filter(e => e.style('display') !== 'none').map(e => e.id())"))


def pwned(browser) -> bool:
    return js(browser, "return typeof window.__pwned") != "undefined"


def test_01_default_view_hides_the_weakest_and_says_so(page):
    shot(page, "01-loaded")
    status = page.find_element("id", "status").text
    assert "13 of 14 facts shown" in status and "1 weak hidden (confidence < 0.30)" in status
    assert "ARM|DISTANCE|CSTO|pos" not in visible_edges(page)          # confidence 0.15
    legend = page.find_element("id", "legend").text
    for words in ("cooperation", "refused or denied", "direction", "width: confidence", "bloc"):
        assert words in legend


def test_02_search_kasachstan_focuses_kaz(page):
    from selenium.webdriver.common.keys import Keys
    box = page.find_element("id", "search")
    box.send_keys("Kasachstan")
    _wait(page, "return document.querySelector('#search-results li button') !== null")
    assert page.find_element("id", "search-results").text.startswith("KAZ · Kazakhstan")
    box.send_keys(Keys.ENTER)
    _wait(page, "return document.body.dataset.focused === 'KAZ'")
    _wait(page, "return document.body.dataset.evidence === 'KAZ'")
    shown = set(js(page, "return window.blocwatch.cy.nodes(':visible').map(n => n.id())"))
    assert {"KAZ", "RUS", "CSTO", "CHN", "UKR", "ARM"} <= shown       # two steps
    assert js(page, "return window.blocwatch.cy.getElementById('KAZ').hasClass('chosen')")
    assert js(page, "return window.blocwatch.cy.getElementById('UKR').hasClass('faded')")
    shot(page, "02-focused-kaz-2-steps")
    js(page, "const s = document.getElementById('depth'); s.value = '1';"
             "s.dispatchEvent(new Event('change'))")
    shown = set(js(page, "return window.blocwatch.cy.nodes(':visible').map(n => n.id())"))
    assert shown == {"KAZ", "RUS", "CSTO", "CHN"}
    # the neighbourhood fills the canvas: its bounding box spans most of the graph's width
    width = js(page, "const cy = window.blocwatch.cy; return cy.elements(':visible')"
                     ".renderedBoundingBox().w / cy.width()")
    assert width > 0.5
    assert "focused on KAZ (1 step)" in page.find_element("id", "status").text
    # the panel numbers its facts 1, 2, 3 ... once each (no list inside a list item)
    assert js(page, "return document.querySelectorAll('#evidence li li').length") == 0
    assert js(page, "return document.querySelectorAll('#evidence > li').length") == 5
    shot(page, "02-focused-kaz-1-step")


def test_03_other_names_find_the_same_actors(page):
    for q, code in (("Kazakhstan", "KAZ"), ("Tokajew", "KAZ"), ("OVKS", "CSTO")):
        found = js(page, "return window.blocwatch.search(arguments[0]).then(a => a[0].code)", q)
        assert found == code, q
    js(page, "document.getElementById('search-results').hidden = true")


def test_04_hover_shows_the_full_name(page):
    from selenium.webdriver.common.action_chains import ActionChains
    x, y = js(page, "const p = window.blocwatch.cy.getElementById('CSTO').renderedPosition();"
                    "return [p.x, p.y]")
    graph = page.find_element("id", "graph")
    size = graph.size
    ActionChains(page).move_to_element_with_offset(
        graph, int(x - size["width"] / 2), int(y - size["height"] / 2)).perform()
    _wait(page, "return !document.getElementById('tip').hidden")
    assert "Collective Security Treaty Organization" in page.find_element("id", "tip").text
    shot(page, "03-hover-csto")


def test_05_click_edge_then_open_the_article_with_the_sentence_highlighted(page):
    edge = "KAZ|REQUEST_AID|CSTO|pos"
    if not _click_edge(page, edge):
        js(page, "window.blocwatch.cy.getElementById(arguments[0]).emit('tap')", edge)
    _wait(page, f"return document.body.dataset.evidence === {edge!r}")
    assert js(page, "return window.blocwatch.cy.getElementById(arguments[0]).hasClass('chosen')",
              edge)
    shot(page, "04-edge-kaz-csto")
    page.find_element("css selector", "#evidence button.sentence").click()
    _wait(page, "return document.body.dataset.article !== undefined")
    assert page.find_element("css selector", "#article-text mark").text == \
        "Kasachstan bat die OVKS um Beistand."
    meta = page.find_element("id", "article-meta").text
    assert "beispiel-nachrichten.de" in meta and "2022-01-07" in meta
    assert page.find_element("css selector", "#article-meta a").get_attribute("href") == \
        "https://beispiel-nachrichten.de/a"
    claims = page.find_element("id", "article-claims").text
    assert "RUS DEPLOY_FORCES KAZ" in claims and "KAZ MEMBER_OF CSTO" in claims
    # another claim of the article moves the highlight to its sentence
    page.find_elements("css selector", "#article-claims button")[1].click()
    assert page.find_element("css selector", "#article-text mark").text == \
        "Russische Fallschirmjäger landeten in Almaty."
    shot(page, "05-article")
    page.find_element("id", "article-close").click()


def test_06_hostile_article_stays_text(page):
    js(page, "window.blocwatch.unfocus()")
    js(page, "window.blocwatch.showEdge('BLR|SUPPLY|RUS|pos')")
    _wait(page, "return document.body.dataset.evidence === 'BLR|SUPPLY|RUS|pos'")
    page.find_element("css selector", "#evidence button.sentence").click()
    _wait(page, "return document.getElementById('article').hidden === false && "
                "document.body.dataset.article !== undefined && "
                "document.getElementById('article-title').textContent === '<b>hostile</b>'")
    assert page.find_element("css selector", "#article-text mark").text == HOSTILE_SENTENCE
    assert js(page, "return document.querySelectorAll('#article script, #article img, "
                    "#article b, #article-meta a').length") == 0
    assert "javascript:window.__pwned='url'" in page.find_element("id", "article-meta").text
    assert not pwned(page)
    shot(page, "06-hostile-article")
    page.find_element("id", "article-close").click()


def test_07_map_csto_2021_and_2025(page):
    js(page, "window.blocwatch.showView('map')")
    js(page, "const s = document.getElementById('bloc'); s.value = 'CSTO';"
             "s.dispatchEvent(new Event('change'))")
    set_month(page, "until", 2021, 12)
    _wait(page, "return document.getElementById('map').dataset.colouredFor === "
                "'[\"bloc\",\"CSTO\",\"2021-12-31\"]'")
    arm = "document.querySelector('#map path[data-code=ARM]')"
    assert js(page, f"return {arm}.getAttribute('fill')") == MEMBER
    assert js(page, "return document.querySelector('#map path[data-code=KAZ]')"
                    ".getAttribute('fill')") == MEMBER
    assert "CSTO: member" in js(page, f"return {arm}.querySelector('title').textContent")
    shot(page, "07-map-csto-2021")
    set_month(page, "until", 2025, 6)
    _wait(page, "return document.getElementById('map').dataset.colouredFor === "
                "'[\"bloc\",\"CSTO\",\"2025-06-30\"]'")
    assert js(page, f"return {arm}.getAttribute('fill')") == FROZEN
    assert "CSTO: frozen since 2024-02-22" in js(
        page, f"return {arm}.querySelector('title').textContent")
    assert js(page, "return document.querySelector('#map path[data-code=KAZ]')"
                    ".getAttribute('fill')") == MEMBER
    # a window is chosen: undated facts go, and the page says how many (the fixture's
    # undated article now carries an estimated date, its ingest day, so none is undated)
    assert not page.find_element("id", "undated").is_selected()
    assert re.fullmatch(r"\(\d+ hidden\)", page.find_element("id", "undated-count").text.strip())
    shot(page, "08-map-csto-2025")


def test_08_map_relations_of_a_clicked_country(page):
    set_month(page, "until", 2026, 12)
    js(page, "document.querySelector('#map path[data-code=RUS]')"
             ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    _wait(page, "return JSON.parse(document.getElementById('map').dataset.colouredFor)[0] "
                "=== 'relations'")
    roles = js(page, "return window.bw.mapState.roles")
    assert roles["BLR"] == "supplier" and roles["IRN"] == "supplier"
    assert roles["UKR"] == "adversary" and roles["CHN"] in ("partner", "refuses")
    # tooltips are <title> text; nothing but shapes and titles is in the map
    tags = set(js(page, "return [...document.querySelectorAll('#map *')].map(e => e.tagName)"))
    assert tags <= {"svg", "g", "path", "title"}
    blr = js(page, "return document.querySelector('#map path[data-code=BLR] title').textContent")
    assert "supplier of RUS" in blr and "BLR SUPPLY RUS" in blr
    svg = js(page, "return window.bw.mapSVG()")
    assert svg.startswith("<svg") and "<script" not in svg
    assert not pwned(page)
    _wait(page, "return document.getElementById('scenario').dataset.state === 'unavailable'")
    assert "Scenario analysis not available" in page.find_element("id", "scenario").text
    shot(page, "09-map-relations-rus")


def test_09_scenario_panel_for_kaz(page):
    js(page, "window.blocwatch.showView('graph')")
    js(page, "window.blocwatch.select('KAZ')")
    _wait(page, "return document.getElementById('scenario').dataset.state === 'shown'")
    text = page.find_element("id", "scenario").text
    assert "Who is bound to defend KAZ" in text
    assert "RUS (Russia): bound, came before" in text
    assert "Collective Security Treaty <b>Art. 4</b>" in text           # source as text
    assert "ARM (Armenia): bound, never tested" in text
    page.find_element("css selector", "#scenario button.sentence").click()
    _wait(page, "return document.getElementById('article').hidden === false")
    _wait(page, "return document.querySelector('#article-text mark') !== null && "
                "document.querySelector('#article-text mark').textContent === "
                "'Russische Fallschirmjäger landeten in Almaty.'")
    shot(page, "10-scenario-kaz")
    page.find_element("id", "article-close").click()


def test_10_confidence_filter_hides_edges(page):
    js(page, "window.blocwatch.unfocus()")
    set_month(page, "since", 2021, 5)
    before = visible_edges(page)
    assert "KAZ|DISTANCE|RUS|pos" in before                            # confidence 0.4
    js(page, "const s = document.getElementById('min-confidence'); s.value = 0.5;"
             "s.dispatchEvent(new Event('input'))")
    after = visible_edges(page)
    assert "KAZ|DISTANCE|RUS|pos" not in after and after < before
    assert "2 weak hidden (confidence < 0.50)" in page.find_element("id", "status").text
    shot(page, "11-confidence-0.5")
    js(page, "const s = document.getElementById('min-confidence'); s.value = 0;"
             "s.dispatchEvent(new Event('input'))")
    assert "ARM|DISTANCE|CSTO|pos" in visible_edges(page)
    js(page, "const s = document.getElementById('min-documents'); s.value = 2;"
             "s.dispatchEvent(new Event('input'))")
    assert visible_edges(page) == set()                          # every fact has one document
    js(page, "const s = document.getElementById('min-documents'); s.value = 1;"
             "s.dispatchEvent(new Event('input'))")


def test_11_exports_keep_hostile_text_as_text(page):
    facts = list(csv.reader(io.StringIO(js(page, "return window.blocwatch.factsCSV()"))))
    assert facts[0][:3] == ["subject", "subject_name", "relation"]
    assert ["BLR", "Belarus", "SUPPLY", "RUS"] == facts[1 + [r[0] for r in facts[1:]].index(
        "BLR")][:4]
    assert len(facts) - 1 == len(visible_edges(page))
    js(page, "window.blocwatch.showActor('KAZ')")
    _wait(page, "return document.body.dataset.evidence === 'KAZ'")
    rows = list(csv.reader(io.StringIO(js(page, "return window.blocwatch.evidenceCSV()"))))
    outlets = [r[5] for r in rows[1:]]
    assert "'" + FORMULA_OUTLET in outlets and FORMULA_OUTLET not in outlets
    js(page, "window.blocwatch.showEdge('BLR|SUPPLY|RUS|pos')")
    _wait(page, "return document.body.dataset.evidence === 'BLR|SUPPLY|RUS|pos'")
    rows = list(csv.reader(io.StringIO(js(page, "return window.blocwatch.evidenceCSV()"))))
    assert rows[1][4] == HOSTILE_SENTENCE
    assert js(page, "return window.bw.csvCell('@SUM(A1)')") == "'@SUM(A1)"
    assert js(page, "return window.bw.csvCell('-2+3')") == "'-2+3"
    png = js(page, "return window.blocwatch.cy.png({full: true})")
    assert png.startswith("data:image/png;base64,") and len(png) > 1000
    assert not pwned(page)


def test_12_zoom_fit_reset_and_play(page):
    zoom = js(page, "return window.blocwatch.cy.zoom()")
    page.find_element("id", "zoom-in").click()
    assert js(page, "return window.blocwatch.cy.zoom()") > zoom
    page.find_element("id", "fit").click()
    page.find_element("id", "reset").click()
    assert js(page, "return document.body.dataset.focused === undefined")
    set_month(page, "since", 2021, 5)
    set_month(page, "until", 2021, 5)
    page.find_element("id", "play").click()
    _wait(page, "return +document.getElementById('until').value >= 2021 * 12 + 6", timeout=5)
    page.find_element("id", "play").click()                              # pause
    label = page.find_element("id", "until-label").text
    assert label >= "2021-07" and "play" in page.find_element("id", "play").text
    time.sleep(1.0)
    assert page.find_element("id", "until-label").text == label          # paused
    shot(page, "12-played")
    assert not pwned(page)
