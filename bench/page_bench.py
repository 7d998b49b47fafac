"""How fast the page draws on a large store, in headless Chromium: the figure, not a test.

    .venv/bin/python bench/page_bench.py [--claims 100000] [--seed 1] [--loads 3] [--json PATH]

Builds (or takes from the cache) the synthetic store of bench/synthetic_store.py, starts
`blocwatch serve` over it, and loads the page in Debian's chromium (selenium +
chromedriver, as tests/web/test_browser.py). For each load it prints:

- page: from navigation start to the graph's first frame drawn (the page's own clock,
  performance.now() at cytoscape's first "render" event): loading the scripts, fetching
  /api/graph and /api/actors (preloaded by the HTML), building the cytoscape graph, its
  first layout, the default filters and the first frame;
- map: from asking for the map view to the map drawn and coloured (world paths fetched,
  176 countries drawn, the registry on the chosen day fetched and applied).

The first load is the server's first /api/graph on that store (nothing cached); the later
ones are what an analyst reloading the page gets: the server keeps the graph per store
generation, the browser revalidates it with its ETag and keeps the scripts it compiled.
The first load is also the browser's first (a fresh profile).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import code_version, cpu_model, load_average, write_json  # noqa: E402
from queries import Server  # noqa: E402
from synthetic_store import build  # noqa: E402

sys.path.insert(0, str(HERE.parent / "tests"))
from web import chromium  # noqa: E402  (tests/web/chromium.py: the same browser as the tests)

MAP_SCRIPT = """
const done = arguments[arguments.length - 1];
const started = performance.now();
window.blocwatch.showView('map').then(() => done(performance.now() - started),
                                       (e) => done('error: ' + e.message));
"""


def browser():
    if not (chromium.CHROMIUM and chromium.DRIVER):
        raise SystemExit("page_bench: " + chromium.MISSING)
    return chromium.start(page_load_timeout=120)


def measure(web, base: str, shots: str | None = None) -> dict:
    """Load the page in `web`, then show the map; the page's own timings."""
    from selenium.webdriver.support.ui import WebDriverWait

    web.get(base + "/")
    WebDriverWait(web, 120).until(
        lambda d: d.execute_script("return document.body.dataset.painted || "
                                   "(document.getElementById('status').textContent"
                                   ".startsWith('error') ? 'error' : null)"))
    status = web.find_element("id", "status").text
    if status.startswith("error"):
        raise RuntimeError("the page reported " + status)
    t = web.execute_script("return window.bw.timings")
    counts = web.execute_script(
        "const cy = window.blocwatch.cy; return [cy.nodes().length, "
        "+document.body.dataset.ready, +document.body.dataset.visible]")
    if shots:
        web.save_screenshot(str(Path(shots) / "page-100k.png"))
    map_ms = web.execute_async_script(MAP_SCRIPT)
    if isinstance(map_ms, str):
        raise RuntimeError("map: " + map_ms)
    if shots:
        web.save_screenshot(str(Path(shots) / "map-100k.png"))
    countries = web.execute_script("return document.querySelectorAll('#map path').length")
    return {"page_ms": round(t["painted"], 1), "graph_ms": round(t["graph"], 1),
            "map_ms": round(map_ms, 1), "fetch_ms": round(t["fetch"], 1),
            "draw_ms": round(t["draw"], 1), "filters_ms": round(t["filters"], 1),
            "scripts_ms": round(t["scripts"], 1), "layout_ms": round(t["layout"], 1), "nodes": counts[0], "edges": counts[1],
            "edges_shown": counts[2], "countries": countries, "status": status}


def run_loads(base: str, later: int, shots: str | None) -> list[dict]:
    """The first load in a fresh browser profile, then `later` reloads in the same one
    (its HTTP cache and compiled scripts kept, as for an analyst who reloads)."""
    web, profile = browser()
    try:
        return [measure(web, base, shots if i == later else None) for i in range(1 + later)]
    finally:
        chromium.stop(web, profile)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loads", type=int, default=3, help="loads after the first")
    parser.add_argument("--json", default=str(HERE / "results" / "page.json"))
    parser.add_argument("--screenshots", default=str(HERE / "results"),
                        help="folder for page-100k.png and map-100k.png of the last load")
    args = parser.parse_args(argv)

    info = build(None, args.claims, seed=args.seed, progress=True)
    log = Path(tempfile.gettempdir()) / f"blocwatch-page-bench-{os.getpid()}.log"
    server = Server(info.url, log)
    try:
        server.wait_ready()
        base = f"http://127.0.0.1:{server.port}"
        loads = run_loads(base, args.loads, args.screenshots)
    finally:
        server.stop()
    first, later = loads[0], loads[1:] or loads
    print(f"store: {args.claims:,} synthetic claims (seed {args.seed}), "
          f"{first['nodes']} nodes, {first['edges']} edges loaded, "
          f"{first['edges_shown']} shown by default; {first['countries']} countries")
    print(f"{'':24}{'page drawn':>12}{'  (of it: graph)':>17}{'map drawn':>12}")
    print(f"{'first load (cold)':24}{first['page_ms']:>10.0f} ms{first['graph_ms']:>14.0f} ms"
          f"{first['map_ms']:>10.0f} ms")
    med = {k: statistics.median(x[k] for x in later) for k in ("page_ms", "graph_ms", "map_ms")}
    print(f"{'later loads, median':24}{med['page_ms']:>10.0f} ms{med['graph_ms']:>14.0f} ms"
          f"{med['map_ms']:>10.0f} ms   ({len(later)} loads)")
    for name, load in (("first load", first), ("last load", loads[-1])):
        print(f"{name}: scripts loaded at {load['scripts_ms']:.0f} ms, then fetch "
              f"{load['fetch_ms']:.0f} ms, cytoscape {load['draw_ms']:.0f} ms (of it layout "
              f"{load['layout_ms']:.0f} ms), "
              f"default filters {load['filters_ms']:.0f} ms")
    print(f"status line: {first['status']}")
    print(f"target: page and map each drawn within 1000 ms; load average {load_average()}")
    write_json({"claims": args.claims, "seed": args.seed, "loads": loads, "median_later": med,
                "machine": {"cpu": cpu_model(), "load_average": load_average()},
                "code": code_version()}, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
