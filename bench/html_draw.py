"""Time to first draw, and to answer a click, of the HTML page of a 5,000-node graph.

    python -m bench.html_draw                 # first 5,000 news-bench articles, 5,000 nodes
    python -m bench.html_draw --limit 500     # a quick run
    python -m bench.html_draw --page out/graph.html   # any page, e.g. one `kg export --from` wrote

Uses the build of bench/query_latency.py (bench/results/news-bench-N, written with
--max-nodes 5000), its page written again with the current code where the build kept its
facts cache (`kg export --from`), opens it from file:// in Debian's chromium through
Playwright with every network request blocked, and reports the median of five fresh page
loads: wall time from navigation to vis-network's first `afterDrawing`, the same as the
page measures it, and the time from a click on a node to its details panel, two ways:

- round trip: from Playwright's click to its seeing `#details` shown, the page zoomed onto
  the node (scale 1.5). Playwright's own trips (a mouse event each way, the query) count
  in it: on the shared 2-core machine a click on a page that does nothing else took
  0.12-0.39 s. Its selector engine is set up in the page before the clock starts, so its
  one-time start-up is not counted.
- on screen: measured in the page, from the mouse button going down to the end of the
  first frame after the panel is shown (a timer queued in that frame's
  requestAnimationFrame), zoomed in as above and at the default, fitted view of the whole
  graph, where a redraw of the canvas costs most.

Needs `pip install playwright` and /usr/bin/chromium (never `playwright install`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench.query_latency import bench_build

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RUNS = 5
VIEW = {"width": 1280, "height": 800}
# Times, on the page's clock, the next click: from its mouse button going down to the end
# of the first frame after #details is shown, in milliseconds: `done` of the object it
# returns (Playwright would wait for a promise returned itself).
ON_SCREEN = """() => ({done: new Promise(resolve => {
  const panel = document.getElementById('details');
  let down = null;
  addEventListener('pointerdown', e => { down = e.timeStamp; }, {capture: true, once: true});
  const seen = new MutationObserver(() => {
    if (panel.hidden || down === null) { return; }
    seen.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - down), 0));
  });
  seen.observe(panel, {attributes: true, childList: true});
})})"""


def click_on_screen(page, x: float, y: float) -> float:
    """Click at (x, y) with #details hidden; seconds until the panel is on screen."""
    page.evaluate("document.getElementById('details').hidden = true")
    page.wait_for_timeout(300)  # the frame of the hiding, and vis's hover timer, are past
    waiting = page.evaluate_handle(ON_SCREEN)
    page.mouse.click(x, y)
    return page.evaluate("(waiting) => waiting.done", waiting) / 1000


def central_node(page) -> dict:
    """A drawn node in the middle of the fitted view, clear of the side panels."""
    nodes = page.evaluate("window.newskg.nodes()")
    middle = [n for n in nodes if 300 < n["x"] < 900 and 100 < n["y"] < 700 and n["r"] >= 3]
    return min(middle or nodes, key=lambda n: (abs(n["x"] - 600) + abs(n["y"] - 400), n["id"]))


def measure(browser, page_path: Path) -> dict[str, float]:
    """One fresh page load: navigation-to-draw, the page's own draw time, click-to-details
    (Playwright's round trip, and on screen zoomed in and at the fitted view)."""
    page = browser.new_page(viewport=VIEW)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    started = time.perf_counter()
    page.goto(page_path.resolve().as_uri())
    page.wait_for_function("window.newskg && window.newskg.firstDrawMs !== null", timeout=60000)
    load = time.perf_counter() - started
    nodes = page.evaluate("window.newskg.view.length")
    draw_ms = page.evaluate("performance.now()")  # since navigation start
    edges = page.evaluate("window.newskg.edges().length")
    first_id = page.evaluate("window.newskg.view.getIds()[0]")
    page.evaluate(f"window.newskg.network.focus({first_id!r}, {{scale: 1.5, animation: false}})")
    x, y = page.evaluate(
        f"(() => {{ const n = window.newskg.network; "
        f"const p = n.canvasToDOM(n.getPosition({first_id!r})); return [p.x, p.y]; }})()"
    )
    page.wait_for_selector("#kg-graph")  # Playwright's selector engine, set up once
    page.wait_for_timeout(300)
    started = time.perf_counter()
    page.mouse.click(x, y)
    page.wait_for_selector("#details:not([hidden])")
    click = time.perf_counter() - started
    opened = page.evaluate("document.getElementById('details').dataset.node")
    if opened != first_id:
        raise RuntimeError(f"a click on {first_id} opened {opened}")
    zoomed = click_on_screen(page, x, y)
    page.evaluate("window.newskg.network.fit({animation: false})")
    fitted = central_node(page)
    at_fit = click_on_screen(page, fitted["x"], fitted["y"])
    opened = page.evaluate("document.getElementById('details').dataset.node")
    if opened != fitted["id"]:
        raise RuntimeError(f"a click on {fitted['id']} opened {opened}")
    page.close()
    return {
        "load_s": load,
        "nav_ms": draw_ms,
        "click_s": click,
        "zoomed_s": zoomed,
        "fitted_s": at_fit,
        "nodes": nodes,
        "edges": edges,
    }


def current_page(out: Path) -> Path:
    """The page of the build in `out`, written again with this checkout's code by
    `kg export --from` (the build's own graph.html carries the page script of the day it
    was built); the build's page itself where the build kept no facts cache, as
    bench.query_latency's builds (cache=False), which `kg export --from` needs."""
    from kg.pipeline.reexport import NoBuildError, export_build

    page = out / "graph-current.html"
    try:
        export_build("html", page, from_dir=out)
    except NoBuildError as error:
        print(f"measuring the page the build wrote: {error}", file=sys.stderr)
        return out / "graph.html"
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000, help="news-bench articles to build")
    parser.add_argument("--page", type=Path, help="measure this page instead of the build's")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    page_path = args.page or current_page(bench_build(args.limit))
    size_mb = page_path.stat().st_size / 2**20
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        runs = [measure(browser, page_path) for _ in range(RUNS)]
        browser.close()
    median = {k: statistics.median(r[k] for r in runs) for k in ("load_s", "click_s")}
    median |= {k: statistics.median(r[k] for r in runs) for k in ("zoomed_s", "fitted_s")}
    print(
        f"page: {page_path} ({size_mb:.2f} MiB, {runs[0]['nodes']:.0f} nodes and "
        f"{runs[0]['edges']:.0f} edges drawn)\n"
    )
    print("| measure (median of 5 loads) | seconds |")
    print("|---|---:|")
    print(f"| navigation to first draw | {median['load_s']:.2f} |")
    print(f"| click to details panel, Playwright's round trip | {median['click_s']:.2f} |")
    print(f"| click to details on screen, zoomed in (in the page) | {median['zoomed_s']:.2f} |")
    print(f"| click to details on screen, fitted view (in the page) | {median['fitted_s']:.2f} |")


if __name__ == "__main__":
    main()
