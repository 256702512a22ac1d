"""Ask a built site's Pagefind index what it finds, in Chromium, as the search page does.

`search_urls` opens a page of the served site, loads the bundle's `pagefind.js`
with the options `search.js` gives it (the base URL) and returns, per query,
the result URLs in Pagefind's order of relevance. `single_index` writes the
index the way the site was indexed before shards (one Pagefind run over the
whole pages), to compare with.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from sitegen.search.index import pages_to_index
from sitegen.search.runner import EXCLUDE, run_pagefind, tag_kind

_SEARCH = """
async ({bundle, base, queries, limit}) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ baseUrl: base });
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    const results = limit ? search.results.slice(0, limit) : search.results;
    found[query] = await Promise.all(results.map((r) => r.data().then((d) => d.url)));
  }
  return found;
}
"""


def search_urls(
    browser, site: str, queries: list[str], limit: int | None = None, base: str = "/"
) -> dict[str, list[str]]:
    """Return {query: result URLs, most relevant first} from the site served at `site`."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site}/404.html")  # any page of the site without the search UI
        args = {"bundle": f"{base}pagefind/", "base": base, "queries": queries, "limit": limit}
        return page.evaluate(_SEARCH, args)
    finally:
        context.close()


def single_index(build_dir: Path, published, into: Path) -> Path:
    """Copy the site to `into` with one Pagefind index of every page (the layout before shards)."""
    shutil.copytree(build_dir, into, ignore=shutil.ignore_patterns("pagefind"))
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "site"
        for path, url, kind in pages_to_index(build_dir, published):
            target = staging / url.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(tag_kind(path.read_text("utf-8"), kind), "utf-8")
        config = {
            "site": str(staging),
            "output_path": str(into / "pagefind"),
            "exclude_selectors": EXCLUDE,
        }
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), "utf-8")
        run_pagefind(Path(tmp))
    return into
