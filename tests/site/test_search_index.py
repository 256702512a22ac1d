"""The search index in shards: the same index one Pagefind run makes, kept up to date per shard.

The index is compared by what it holds for each page, by URL: every word with its
positions (and positions in the title and other metadata), the word count, the
filters. Search results (tests/browser/test_search_index.py) follow from these.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sitegen.search.shards
from sitegen import create_app
from sitegen.commands.build import build_site
from sitegen.search import bundle, cbor, reading
from sitegen.search.index import build_search_index, pages_to_index
from sitegen.search.shards import bucket, shard_bits, split
from sitegen.web.published import page_urls

from ..pagefind_index import one_run_index, records

REPO = Path(__file__).resolve().parents[2]


def published(content: Path, cache: Path) -> list:
    """The (url, UrlSpec) pairs a build of `content` publishes (base URL at the root)."""
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": cache})
    with app.test_request_context():
        return page_urls(app.extensions["sitegen"].content())


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, list, Path]:
    """The example site built without its index; its pages; a one-run index of it."""
    root = tmp_path_factory.mktemp("search-index")
    out = root / "build"
    build_site(REPO / "content", out, cache_dir=root / "cache", post_build=False, progress=False)
    pages = published(REPO / "content", root / "cache")
    return out, pages, one_run_index(out, pages, root / "one-run" / "pagefind")


@pytest.mark.parametrize("per_shard", [250, 8, 3])
def test_shards_make_the_index_one_pagefind_run_makes(example, tmp_path, per_shard):
    out, pages, one_run = example
    site = tmp_path / "site"
    shutil.copytree(out, site)
    stats = build_search_index(site, pages, per_shard=per_shard)
    urls = [url for _path, url, _kind in pages_to_index(site, pages)]
    assert stats.shards == len(split(urls, str, shard_bits(len(urls), None, per_shard)))
    assert stats.shards == 1 if per_shard == 250 else stats.shards > 4
    assert records(site / "pagefind") == records(one_run)
    # Visitors get one bundle, as before: Pagefind's scripts beside one index.
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert len(list((site / "pagefind").glob("*.pf_meta"))) == 1


def test_an_index_format_the_merge_does_not_know_is_made_in_one_run(example, tmp_path, monkeypatch):
    out, pages, one_run = example
    site = tmp_path / "site"
    shutil.copytree(out, site)
    monkeypatch.setattr(reading, "VERSIONS", ("0.9.",))
    build_search_index(site, pages, per_shard=8)
    assert build_search_index(site, pages, per_shard=8).skipped  # and not made again
    monkeypatch.undo()
    assert [p.name for p in (site / "pagefind" / ".shards").iterdir()] == ["state.json"]
    assert records(site / "pagefind") == records(one_run)


def test_an_unchanged_site_is_not_indexed_again(example, tmp_path):
    out, pages, _one_run = example
    site = tmp_path / "site"
    shutil.copytree(out, site)
    first = build_search_index(site, pages, per_shard=8)
    again = build_search_index(site, pages, per_shard=8)
    assert (first.skipped, first.indexed) == (False, first.shards)
    assert (again.skipped, again.indexed) == (True, 0)


def test_edits_deletions_and_new_posts_reindex_their_shards_only(tmp_path, monkeypatch):
    monkeypatch.setattr(sitegen.search.shards, "SHARD_PAGES", 8)
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    cache, out = tmp_path / "cache", tmp_path / "build"
    build_site(content, out, cache_dir=cache, progress=False)
    edited = content / "posts" / "flask-static-sites.md"
    edited.write_text(edited.read_text("utf-8") + "\nA zanzibarian quokka reviewed this.\n")
    gone = content / "recipes" / "guacamole.md"
    assert "guacamol" in records(out / "pagefind")["en"]["words"]
    gone.unlink()
    (content / "posts" / "xylophone-notes.md").write_text(
        "---\ntitle: Xylophone notes\ndate: 2024-03-04\n---\nTuning a xylophonic marimba.\n"
    )
    build_site(content, out, cache_dir=cache, progress=False)
    now = records(out / "pagefind")["en"]
    assert [u for u, *_ in now["words"]["quokka"][0]] == ["/blog/flask-static-sites/"]
    assert [u for u, *_ in now["words"]["xylophon"][0]] == ["/blog/xylophone-notes/"]
    assert "/recipes/guacamole/" not in {url for url, _count in now["pages"]}
    assert "guacamol" not in now["words"]  # only the removed recipe had it
    # The same index as a cold build of the same content.
    cold = tmp_path / "cold"
    build_site(content, cold, cache_dir=tmp_path / "cold-cache", progress=False)
    assert records(out / "pagefind") == records(cold / "pagefind")
    fragments = {f.name for f in (out / "pagefind" / "fragment").iterdir()}
    assert fragments == {f.name for f in (cold / "pagefind" / "fragment").iterdir()}


def test_words_pages_cut_from_pagefind_are_the_bytes_encoding_makes(example):
    # A merge takes each word's pages but the first from Pagefind's own bytes
    # (`reading._read_words`): they must be what encoding the decoded pages writes.
    _out, _pages, one_run = example
    shard = reading.read_shard(one_run)
    words, rests = shard.parts["en"].words, shard.rests["en"]
    assert len(rests) > 0.9 * len(words)  # the quick way is the usual one
    for word, rest in rests.items():
        pages = words[word][0]
        assert rest == cbor.page_list(pages[1:])[len(bundle._header(len(pages) - 1)) :], word
    assert all(not variants for word, (_p, variants) in words.items() if word in rests)


def test_the_kind_filter_goes_just_before_the_body_ends():
    from sitegen.search.runner import tag_kind

    marker = '<span data-pagefind-filter="kind:post" hidden></span>'
    # "İ" is one character that lowers to two: the place must not shift.
    page = "<html><body><p>İstanbul, İzmir</p></body></html>"
    assert tag_kind(page, "post") == page.replace("</body>", marker + "</body>")
    shouting = "<HTML><BODY>A</BODY></HTML>"
    assert tag_kind(shouting, "post") == shouting.replace("</BODY>", marker + "</BODY>")
    mixed = "<body>A</Body>"
    assert tag_kind(mixed, "post") == "<body>A" + marker + "</Body>"
    assert tag_kind("<p>A fragment", "post") == "<p>A fragment" + marker


def test_shards_are_stable_and_grow_by_doubling():
    assert bucket("/blog/a/", 4) == bucket("/blog/a/", 4)
    assert {bucket(f"/p/{i}/", 3) for i in range(200)} == set(range(8))
    assert [shard_bits(n, None, 250) for n in (1, 250, 251, 500, 501, 4000)] == [0, 0, 1, 1, 2, 4]
    # Around a threshold the last build's split is kept: no reshuffle for one post.
    assert shard_bits(250, 1, 250) == 1 and shard_bits(251, 0, 250) == 1
    assert shard_bits(100, 2, 250) == 0  # far below: fewer shards again


def test_scratch_left_by_a_killed_run_is_swept_after_an_hour():
    from sitegen.search.runner import SCRATCH_PREFIXES, scratch, sweep_scratch

    if scratch() is None:
        pytest.skip("no memory-backed scratch folder here")
    old, fresh = (Path(scratch()) / f"{SCRATCH_PREFIXES[1]}test-{n}" for n in ("old", "new"))
    for folder in (old, fresh):
        (folder / "bundle").mkdir(parents=True, exist_ok=True)
    os.utime(old, (0, 0))
    sweep_scratch()
    assert not old.exists() and fresh.is_dir()
    shutil.rmtree(fresh)
