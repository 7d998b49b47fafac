"""How fast the page draws on a large store, in headless Chromium: the figure, not a test.

    .venv/bin/python bench/page_bench.py [--claims 100000] [--seed 1] [--loads 3] [--json PATH]

Builds (or takes from the cache) the synthetic store of bench/synthetic_store.py, starts
`blocwatch serve` over it, and loads the page in Debian's chromium (selenium +
chromedriver, as tests/web/test_browser.py). For each load it prints:

- page: from navigation start to the graph drawn and filtered (the page's own clock,
  performance.now() when it sets body[data-ready]): fetching /api/graph and /api/actors,
  building the cytoscape graph, its first layout and the default filters;
- map: from asking for the map view to the map drawn and coloured (world paths fetched,
  176 countries drawn, the registry on the chosen day fetched and applied).

The first load is the server's first /api/graph on that store (nothing cached); the later
ones are what an analyst reloading the page gets (the server keeps the graph per store
generation; the browser revalidates it with its ETag). Each load is a fresh browser
profile, so the browser caches nothing between loads.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import code_version, cpu_model, load_average, write_json  # noqa: E402
from queries import Server  # noqa: E402
from synthetic_store import build  # noqa: E402

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,900")

MAP_SCRIPT = """
const done = arguments[arguments.length - 1];
const started = performance.now();
window.blocwatch.showView('map').then(() => done(performance.now() - started),
                                       (e) => done('error: ' + e.message));
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        raise SystemExit("page_bench: chromium and chromedriver are needed "
                         "(bash .ci/browser.sh installs them)")
    os.environ.setdefault("SE_OFFLINE", "true")
    profile = tempfile.mkdtemp(prefix="blocwatch-bench-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    web = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    web.set_page_load_timeout(120)
    web.set_script_timeout(60)
    return web, profile


def one_load(base: str) -> dict:
    from selenium.webdriver.support.ui import WebDriverWait

    web, profile = browser()
    try:
        web.get(base + "/")
        WebDriverWait(web, 120).until(
            lambda d: d.execute_script("return document.body.dataset.ready || "
                                       "(document.getElementById('status').textContent"
                                       ".startsWith('error') ? 'error' : null)"))
        status = web.find_element("id", "status").text
        if status.startswith("error"):
            raise RuntimeError("the page reported " + status)
        page_ms = web.execute_script("return window.bw.timings.sinceNavigation")
        graph_ms = web.execute_script("return window.bw.timings.graph")
        counts = web.execute_script(
            "const cy = window.blocwatch.cy; return [cy.nodes().length, cy.edges().length,"
            " +document.body.dataset.visible]")
        map_ms = web.execute_async_script(MAP_SCRIPT)
        if isinstance(map_ms, str):
            raise RuntimeError("map: " + map_ms)
        countries = web.execute_script("return document.querySelectorAll('#map path').length")
        return {"page_ms": round(page_ms, 1), "graph_ms": round(graph_ms, 1),
                "map_ms": round(map_ms, 1), "nodes": counts[0], "edges": counts[1],
                "edges_shown": counts[2], "countries": countries, "status": status}
    finally:
        web.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loads", type=int, default=3, help="loads after the first")
    parser.add_argument("--json", default=str(HERE / "results" / "page.json"))
    args = parser.parse_args(argv)

    info = build(None, args.claims, seed=args.seed, progress=True)
    log = Path(tempfile.gettempdir()) / f"blocwatch-page-bench-{os.getpid()}.log"
    server = Server(info.url, log)
    try:
        server.wait_ready()
        base = f"http://127.0.0.1:{server.port}"
        loads = [one_load(base) for _ in range(1 + args.loads)]
    finally:
        server.stop()
    first, later = loads[0], loads[1:] or loads
    print(f"store: {args.claims:,} synthetic claims (seed {args.seed}), "
          f"{first['nodes']} nodes, {first['edges']} edges loaded, "
          f"{first['edges_shown']} shown by default; {first['countries']} countries")
    print(f"{'':24}{'page drawn':>12}{'  (of it: graph)':>17}{'map drawn':>12}")
    print(f"{'first load (cold server)':24}{first['page_ms']:>10.0f} ms{first['graph_ms']:>14.0f} ms"
          f"{first['map_ms']:>10.0f} ms")
    med = {k: statistics.median(x[k] for x in later) for k in ("page_ms", "graph_ms", "map_ms")}
    print(f"{'later loads, median':24}{med['page_ms']:>10.0f} ms{med['graph_ms']:>14.0f} ms"
          f"{med['map_ms']:>10.0f} ms   ({len(later)} loads)")
    print(f"status line: {first['status']}")
    print("target: page and map each drawn within 1000 ms")
    write_json({"claims": args.claims, "seed": args.seed, "loads": loads, "median_later": med,
                "machine": {"cpu": cpu_model(), "load_average": load_average()},
                "code": code_version()}, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
