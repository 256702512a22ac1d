"""The search index on a large blog: shards against one Pagefind run, and what an edit costs.

    make bench BENCH=search                 # 4,000 generated posts
    BENCH_SEARCH_N=10000 make bench BENCH=search

Builds bench_build's seeded corpus once (search off), then on copies of the
built site:
- indexes it in one Pagefind run, as before shards (time, peak memory);
- indexes it in shards, cold (time, peak memory of the largest process);
- compares the two indexes page by page (every word, position, word count and
  filter) and, in Chromium when it is installed, the results of a fixed list of
  queries in Pagefind's order of relevance;
- times the search step with nothing changed, after one post page changed
  (a paragraph added at its start, so every word's position moves), and after
  a page was added and one removed, each in a fresh process as a build runs it.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_build import WORDS, make_corpus  # noqa: E402

from tests.pagefind_index import records  # noqa: E402

N = int(os.environ.get("BENCH_SEARCH_N", "4000"))
QUERIES = [*WORDS[::9], "kettle harbor", "frozen garden", "parse syntax", "range", "echo", "zz"]
STEP = """
import sys, time, json
from pathlib import Path
from sitegen import create_app
from sitegen.web.published import page_urls
from sitegen.search.index import build_search_index
app = create_app({"CONTENT_DIR": Path(sys.argv[1]), "CACHE_DIR": Path(sys.argv[3])})
with app.test_request_context():
    pages = page_urls(app.extensions["sitegen"].content())
if sys.argv[4] == "one-run":
    from tests.pagefind_index import one_run_index
    start = time.perf_counter()
    one_run_index(Path(sys.argv[2]), pages, Path(sys.argv[2]) / "pagefind")
    print(json.dumps({"seconds": time.perf_counter() - start}))
else:
    start = time.perf_counter()
    stats = build_search_index(Path(sys.argv[2]), pages, force=sys.argv[4] == "force")
    print(json.dumps({"seconds": time.perf_counter() - start, "indexed": stats.indexed,
                      "shards": stats.shards, "skipped": stats.skipped}))
"""


def step(content: Path, site: Path, cache: Path, mode: str) -> tuple[dict, float]:
    """Run the search step in a fresh process; return its figures and peak MiB (largest process)."""
    command = [sys.executable, "-c", STEP, str(content), str(site), str(cache), mode]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)  # its own peak, Pagefind's included
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"search step failed: {mode}")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def main() -> int:
    from sitegen.commands.build import build_site

    work = Path(tempfile.mkdtemp(prefix="sitegen-bench-search-"))
    try:
        content, cache = work / "content", work / "cache"
        make_corpus(content, N)
        built = work / "built"
        build_site(content, built, cache_dir=cache, post_build=False, progress=False)
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f}; {N} posts")
        one, shards = work / "one-run", work / "shards"
        shutil.copytree(built, one)
        shutil.copytree(built, shards)
        figures, peak = step(content, one, cache, "one-run")
        row("one Pagefind run, all pages", figures, f"peak {peak:.0f} MiB")
        figures, peak = step(content, shards, cache, "force")
        row(f"in {figures['shards']} shards, cold", figures, f"peak {peak:.0f} MiB")
        same = records(shards / "pagefind") == records(one / "pagefind")
        print(f"the same index, page by page: {'yes' if same else 'NO'}")
        compare_queries(one, shards)
        row("nothing changed", step(content, shards, cache, "")[0])
        # A paragraph at the start of a post: every word of the page moves.
        page = next((shards / "blog").glob("post-0*/index.html"))
        start = '<main id="main" tabindex="-1">'
        html = page.read_text("utf-8").replace(start, start + "<p>A new start.</p>", 1)
        page.write_text(html, "utf-8")
        row("one post page changed", step(content, shards, cache, "")[0])
        (content / "posts" / "post-00001.md").unlink()
        (content / "posts" / "post-99999.md").write_text(
            "---\ntitle: Added\ndate: 2001-01-01\n---\nA new post about kettles.\n", "utf-8"
        )
        build_site(content, shards, cache_dir=cache, post_build=False, progress=False)
        row("one post added, one removed", step(content, shards, cache, "")[0])
        print(f"(load average {os.getloadavg()[0]:.1f} at the end)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def row(label: str, figures: dict, note: str = "") -> None:
    done = f"{figures['indexed']} shards indexed" if "indexed" in figures else ""
    done = "skipped" if figures.get("skipped") else done
    print(f"{label:<34} {figures['seconds']:6.2f} s  {' · '.join(filter(None, [done, note]))}")


def compare_queries(one: Path, shards: Path) -> None:
    """Ask both indexes the query list in Chromium, when it is there."""
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import _QuietHandler
        from tests.browser.pagefind_queries import ranked, search_results
        from tests.conftest import CHROMIUM, LAUNCH_ARGS
    except ImportError as err:
        print(f"queries not compared: {err}")
        return
    if not Path(CHROMIUM).exists():
        print("queries not compared: no Chromium")
        return

    def serve(path: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        start = time.perf_counter()
        a = search_results(browser, serve(one), QUERIES)
        b = search_results(browser, serve(shards), QUERIES)
        browser.close()
    same = sum(sorted(a[q]) == sorted(b[q]) for q in QUERIES)
    alike = sum(ranked(a)[q] == ranked(b)[q] for q in QUERIES)
    exact = sum(a[q] == b[q] for q in QUERIES)
    results = sum(len(a[q]) for q in QUERIES)
    print(
        f"{len(QUERIES)} queries, {results} results ({time.perf_counter() - start:.0f} s in "
        f"Chromium): the same pages with the same scores for {same}, in the same order "
        f"for {alike} ({exact} even among pages of equal score)"
    )


if __name__ == "__main__":
    sys.exit(main())
