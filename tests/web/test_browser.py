"""The page in a real headless Chromium (Debian's chromium + chromedriver via Selenium).

`blocwatch serve` runs in a subprocess on a free loopback port over the invented store;
the test loads the page, sees the graph, clicks an edge and reads its evidence, and
proves that the hostile article's scripts and event handlers never run. It skips, saying
why, when chromium or chromedriver is missing (.ci/browser.sh installs them).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from .fixture import HOSTILE_SENTENCE, build

from .chromium import CHROMIUM, DRIVER, MISSING, start, stop

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason=MISSING + ": browser test skipped")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"blocwatch serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = "sqlite:///" + str(tmp_path_factory.mktemp("browser") / "store.sqlite")
    build(url).dispose()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "blocwatch.cli", "serve", "--host", "127.0.0.1",
         "--port", str(port), "--db", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/api/summary", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser():
    driver, profile = start()
    try:
        yield driver
    finally:
        stop(driver, profile)


def _wait(driver, script: str, timeout: float = 15.0):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def test_page_shows_graph_and_evidence_and_runs_no_article_script(server, browser):
    started = time.perf_counter()
    browser.get(server + "/")
    n_edges = int(_wait(browser, "return document.body.dataset.ready"))
    load_seconds = time.perf_counter() - started
    assert n_edges == 10
    assert browser.execute_script("return window.blocwatch.cy.nodes().length") == 8
    assert "facts shown" in browser.find_element("id", "status").text

    # click the hostile edge where cytoscape drew it
    edge = "BLR|SUPPLY|RUS|pos"
    clicked = _click_edge(browser, edge)
    if not clicked:       # something lay on top of the edge: fire the page's own handler
        browser.execute_script("window.blocwatch.cy.getElementById(arguments[0]).emit('tap')",
                               edge)
    _wait(browser, f"return document.body.dataset.evidence === {edge!r}")
    _wait(browser, "return document.querySelectorAll('#evidence li').length > 0")
    evidence = browser.find_element("id", "evidence")
    assert HOSTILE_SENTENCE in evidence.text                  # shown as text, tags and all
    assert "evil.example" in evidence.text and "2024-05-01" in evidence.text
    assert browser.execute_script(
        "return document.querySelectorAll('#panel script, #panel img, #panel a').length") == 0
    assert browser.execute_script("return typeof window.__pwned") == "undefined"

    # an ordinary edge: sentence, outlet and date; and the pair's timeline
    browser.execute_script("window.blocwatch.showEdge('IRN|SUPPLY|RUS|pos')")
    _wait(browser, "return document.body.dataset.evidence === 'IRN|SUPPLY|RUS|pos'")
    text = browser.find_element("id", "evidence").text
    assert "Iran liefert Russland Kampfdrohnen." in text and "andere-zeitung.de" in text
    browser.find_element("css selector", "#panel-meta button").click()
    _wait(browser, "return document.body.dataset.evidence === 'timeline:IRN-RUS'")
    assert "Timeline IRN – RUS" in browser.find_element("id", "panel-title").text

    # bloc highlighting and the time slider
    browser.execute_script("const s = document.getElementById('bloc'); s.value = 'CSTO';"
                           "s.dispatchEvent(new Event('change'))")
    assert browser.execute_script(
        "return window.blocwatch.cy.getElementById('KAZ').hasClass('highlight')")
    # the time sliders move by month (year * 12 + month - 1)
    browser.execute_script("const s = document.getElementById('until'); s.value = 2022 * 12 + 11;"
                           "s.dispatchEvent(new Event('input'))")
    # the page keeps only the facts it shows in the drawing
    assert browser.execute_script("return window.blocwatch.cy.getElementById("
                                  "'IRN|SUPPLY|RUS|pos').empty()")
    assert browser.execute_script("return window.blocwatch.cy.getElementById("
                                  "'KAZ|REQUEST_AID|CSTO|pos').style('display')") == "element"
    browser.execute_script("const s = document.getElementById('until'); s.value = 2024 * 12 + 4;"
                           "s.dispatchEvent(new Event('input'))")

    shot = Path(tempfile.gettempdir()) / f"blocwatch-page-{os.getpid()}.png"
    browser.execute_script("window.blocwatch.showEdge(arguments[0])", edge)
    _wait(browser, f"return document.body.dataset.evidence === {edge!r}")
    browser.save_screenshot(str(shot))
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    print(f"\nscreenshot: {shot}; page ready in {load_seconds:.2f} s; "
          f"edge clicked {'with the mouse' if clicked else 'through its tap handler'}")


def _click_edge(browser, edge: str) -> bool:
    """Click the edge's midpoint on the canvas; True when the page showed that edge."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = browser.execute_script(
        "const p = window.blocwatch.cy.getElementById(arguments[0]).renderedMidpoint();"
        "return [p.x, p.y];", edge)
    graph = browser.find_element("id", "graph")
    size = graph.size
    ActionChains(browser).move_to_element_with_offset(
        graph, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()
    try:
        _wait(browser, f"return document.body.dataset.evidence === {edge!r}", timeout=3)
        return True
    except TimeoutException:
        return False
