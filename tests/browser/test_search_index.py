"""Search results in a real browser: the sharded index finds what one Pagefind run finds.

A fixed list of queries is asked of Pagefind's own search code in Chromium (see
`pagefind_queries`), and the result URLs are compared in order of relevance.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sitegen.search.shards
from sitegen import create_app
from sitegen.commands.build import build_site
from sitegen.web.published import page_urls

from .pagefind_queries import ranked, search_results, search_urls, single_index

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
# Words of one page and of many, prefixes, phrases, stems, diacritics, filler words.
QUERIES = [
    "lentils",
    "chickpeas",
    "tomatoes",
    "tomato",
    "flask",
    "dark mode",
    "css",
    "images",
    "budget",
    "rust",
    "the",
    "site",
    "design",
    "salmon",
    "a",
    "café",
    "cafe",
    "västra",
    "orebro",
    "bread",
    "colour contrast",
    "query plans",
    "lentil soup",
    "fo",
]
SMALL_SHARDS = 8  # the example site's searchable pages in several shards


def _published(content: Path, cache: Path) -> list:
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": cache})
    with app.test_request_context():
        return page_urls(app.extensions["sitegen"].content())


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory) -> tuple[Path, Path]:
    """The example site built with its index in small shards; the same site indexed in one run."""
    root = tmp_path_factory.mktemp("sharded")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitegen.search.shards, "SHARD_PAGES", SMALL_SHARDS)
        build_site(REPO / "content", root / "build", cache_dir=root / "cache", progress=False)
    pages = _published(REPO / "content", root / "cache")
    return root / "build", single_index(root / "build", pages, root / "one-run")


def test_the_sharded_index_ranks_every_query_as_one_index(browser, serve_dir, sharded_site):
    sharded, one_run = sharded_site
    assert len(list((sharded / "pagefind" / ".shards").glob("*.head"))) > 4
    found = search_results(browser, serve_dir(sharded), QUERIES)
    expected = search_results(browser, serve_dir(one_run), QUERIES)
    assert found.keys() == expected.keys()
    for query in QUERIES:  # the same pages with the same scores
        assert sorted(found[query]) == sorted(expected[query]), query
    assert ranked(found) == ranked(expected)  # in the same order
    assert [url for url, _score in found["lentils"]] == ["/recipes/red-lentil-soup/"]
    assert len(found["the"]) == len(list((sharded / "pagefind" / "fragment").iterdir()))


def test_after_an_edit_a_deletion_and_a_new_post_search_equals_a_cold_build(
    browser, serve_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(sitegen.search.shards, "SHARD_PAGES", SMALL_SHARDS)
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    out, cache = tmp_path / "build", tmp_path / "cache"
    build_site(content, out, cache_dir=cache, progress=False)
    before = search_urls(browser, serve_dir(out), ["guacamole", "quokka"])
    assert before == {"guacamole": ["/recipes/guacamole/"], "quokka": []}

    edited = content / "posts" / "flask-static-sites.md"
    edited.write_text(edited.read_text("utf-8") + "\nA quokka reviewed this post.\n", "utf-8")
    (content / "recipes" / "guacamole.md").unlink()
    (content / "posts" / "xylophone-notes.md").write_text(
        "---\ntitle: Xylophone notes\ndate: 2024-03-04\n---\nTuning a xylophone and a tomato.\n",
        "utf-8",
    )
    build_site(content, out, cache_dir=cache, progress=False)
    cold = tmp_path / "cold"
    build_site(content, cold, cache_dir=tmp_path / "cold-cache", progress=False)

    queries = [*QUERIES, "guacamole", "quokka", "xylophone"]
    found = search_urls(browser, serve_dir(out), queries)
    assert found["quokka"] == ["/blog/flask-static-sites/"]  # the edit is found
    assert found["xylophone"] == ["/blog/xylophone-notes/"]  # so is the new post
    assert "/blog/xylophone-notes/" in found["tomato"]
    # The deleted recipe is gone (Pagefind then falls back to words starting "g").
    assert "/recipes/guacamole/" not in found["guacamole"]
    again = search_results(browser, serve_dir(out), queries)
    assert ranked(again) == ranked(search_results(browser, serve_dir(cold), queries))
