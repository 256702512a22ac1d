"""Ask a built site's Pagefind index what it finds, in Chromium, as the search page does.

`search_results` opens a page of the served site, loads the bundle's
`pagefind.js` with the options `search.js` gives it (the base URL) and returns,
per query, the result URLs with their scores in Pagefind's order of relevance;
`ranked` groups equally scored results, whose order within a group is not
Pagefind's to decide (it follows the file system). `single_index` writes the
index the way the site was indexed before shards (one Pagefind run over the
whole pages), to compare with.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..pagefind_index import one_run_index

_SEARCH = """
async ({bundle, base, queries, limit}) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ baseUrl: base });
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    const results = limit ? search.results.slice(0, limit) : search.results;
    found[query] = await Promise.all(results.map((r) => r.data().then((d) => [d.url, r.score])));
  }
  return found;
}
"""


def search_results(
    browser, site: str, queries: list[str], limit: int | None = None, base: str = "/"
) -> dict[str, list[tuple[str, float]]]:
    """Return {query: [(URL, score)], most relevant first} from the site served at `site`."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site}/404.html")  # any page of the site without the search UI
        args = {"bundle": f"{base}pagefind/", "base": base, "queries": queries, "limit": limit}
        found = page.evaluate(_SEARCH, args)
        return {query: [(url, score) for url, score in hits] for query, hits in found.items()}
    finally:
        context.close()


def search_urls(browser, site: str, queries: list[str], **options) -> dict[str, list[str]]:
    """Return {query: result URLs, most relevant first}."""
    found = search_results(browser, site, queries, **options)
    return {query: [url for url, _score in hits] for query, hits in found.items()}


def ranked(found: dict[str, list[tuple[str, float]]]) -> dict[str, list[list[str]]]:
    """Results as groups of equally relevant URLs, most relevant first.

    Pages with exactly the same score come in the order Pagefind read their
    files, which is the file system's: only the groups and their order mean
    something.
    """
    out = {}
    for query, hits in found.items():
        groups: list[tuple[float, list[str]]] = []
        for url, score in hits:
            if groups and groups[-1][0] == score:
                groups[-1][1].append(url)
            else:
                groups.append((score, [url]))
        out[query] = [sorted(urls) for _score, urls in groups]
    return out


def single_index(build_dir: Path, published, into: Path) -> Path:
    """Copy the site to `into` with one Pagefind index of every page (the layout before shards)."""
    shutil.copytree(build_dir, into, ignore=shutil.ignore_patterns("pagefind"))
    one_run_index(build_dir, published, into / "pagefind")
    return into
