"""Time to first draw, and to answer a click, of the HTML page of a 5,000-node graph.

    python -m bench.html_draw                 # first 5,000 news-bench articles, 5,000 nodes
    python -m bench.html_draw --limit 500     # a quick run
    python -m bench.html_draw --page out/graph.html   # any page, e.g. one `kg export --from` wrote

Uses the build of bench/query_latency.py (bench/results/news-bench-N/graph.html, written
with --max-nodes 5000), opens it from file:// in Debian's chromium through Playwright with
every network request blocked, and reports the median of five fresh page loads: wall time
from navigation to vis-network's first `afterDrawing`, the same as the page measures it,
and the time from a click on a node to its details panel. Needs `pip install playwright`
and /usr/bin/chromium (never `playwright install`).
"""

from __future__ import annotations

import argparse
import statistics
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


def measure(browser, page_path: Path) -> dict[str, float]:
    """One fresh page load: navigation-to-draw, the page's own draw time, click-to-details."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
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
    started = time.perf_counter()
    page.mouse.click(x, y)
    page.wait_for_selector("#details:not([hidden])")
    click = time.perf_counter() - started
    page.close()
    return {"load_s": load, "nav_ms": draw_ms, "click_s": click, "nodes": nodes, "edges": edges}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000, help="news-bench articles to build")
    parser.add_argument("--page", type=Path, help="measure this page instead of the build's")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    page_path = args.page or bench_build(args.limit) / "graph.html"
    size_mb = page_path.stat().st_size / 2**20
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        runs = [measure(browser, page_path) for _ in range(RUNS)]
        browser.close()
    load = statistics.median(r["load_s"] for r in runs)
    click = statistics.median(r["click_s"] for r in runs)
    print(
        f"page: {page_path} ({size_mb:.2f} MiB, {runs[0]['nodes']:.0f} nodes and "
        f"{runs[0]['edges']:.0f} edges drawn)\n"
    )
    print("| measure (median of 5 loads) | seconds |")
    print("|---|---:|")
    print(f"| navigation to first draw | {load:.2f} |")
    print(f"| click to details panel | {click:.2f} |")


if __name__ == "__main__":
    main()
