"""A shard's changed pages indexed alone and put in its index: the index a whole run makes.

Each step changes the pages of a small site one way (text edited, words with
diacritics, a new metadata field, a page added and one removed, a page that
changes language) and checks that only the changed pages went through Pagefind
and that the index holds, page by page, what one Pagefind run over all of them
holds (`records`).
"""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from sitegen.search.index import build_search_index

from ..pagefind_index import one_run_index, records

WORDS = ["harbour", "lantern", "meadow", "copper", "orchard", "violet", "kettle", "granite"]


def page(title: str, body: str, lang: str = "en", image: str = "") -> str:
    picture = f'<img src="{image}" alt="A view">' if image else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><header><nav>Home Blog</nav></header><main><h1>{title}</h1>{picture}"
        f"<p>{body}</p></main></body></html>"
    )


class Site:
    def __init__(self, root: Path, per_shard: int) -> None:
        self.root, self.pages, self.per_shard = root, {}, per_shard

    def write(self, url: str, html: str) -> None:
        file = self.root / url.strip("/") / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, "utf-8")
        self.pages[url] = "post"

    def remove(self, url: str) -> None:
        (self.root / url.strip("/") / "index.html").unlink()
        del self.pages[url]

    def index(self) -> int:
        published = [(url, types.SimpleNamespace(search=k)) for url, k in self.pages.items()]
        stats = build_search_index(self.root, published, per_shard=self.per_shard)
        one_run = one_run_index(self.root, published, self.root.parent / "one-run")
        assert records(self.root / "pagefind") == records(one_run)
        return stats.pages_indexed


@pytest.fixture(params=[1000, 4], ids=["one shard", "shards of 4"])
def site(tmp_path: Path, request) -> Site:
    site = Site(tmp_path / "build", request.param)
    for i in range(12):
        body = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(40 + i))
        site.write(f"/blog/post-{i:02d}/", page(f"Post {i} {WORDS[i % 8]}", body))
    return site


def test_changed_pages_alone_are_indexed_into_the_same_index(site):
    assert site.index() == 12
    assert site.index() == 0
    # Text edited: in place, only the changed words.
    site.write("/blog/post-03/", page("Post 3 orchard", "A new lighthouse paragraph. " * 3))
    assert site.index() == 1
    # Words with diacritics (Pagefind keeps them as variants of the plain word).
    site.write("/blog/post-05/", page("Post 5", "Un café naïve près du café, crème brûlée."))
    site.write("/blog/post-07/", page("Post 7", "Another café by the harbour."))
    assert site.index() == 2
    site.write("/blog/post-07/", page("Post 7", "No more coffee by the harbour."))
    assert site.index() == 1
    # A metadata field no page had before (the image): pages numbered again.
    site.write("/blog/post-02/", page("Post 2", "Copper kettle.", image="/media/kettle.jpg"))
    assert site.index() == 1
    # One page added, one removed.
    site.remove("/blog/post-09/")
    site.write("/blog/post-20/", page("Post 20", "Granite meadow and a zebra."))
    assert site.index() == 1
    # A page that changes language moves to the other language's index.
    site.write("/blog/post-04/", page("Billet 4", "Une lanterne dans le verger.", lang="fr"))
    assert site.index() == 1
    site.write("/blog/post-04/", page("Post 4", "Back to a lantern in the orchard."))
    assert site.index() == 1


def test_a_word_leaving_each_page_in_turn(site):
    """Whichever shard's first or last page loses a word, the shards after it follow."""
    site.index()
    for i in (0, 1, 3, 6, 8, 10, 11):
        site.write(f"/blog/post-{i:02d}/", page(f"Post {i}", "Only granite now."))
        assert site.index() == 1


def test_unchanged_word_chunks_keep_their_files(site, monkeypatch):
    """With many small chunks, an edit writes only those holding a changed word."""
    from sitegen.search import bundle

    monkeypatch.setattr(bundle, "CHUNK_BYTES", 40)  # a chunk every few words
    site.index()
    chunks = site.root / "pagefind" / "index"
    before = {f.name: f.stat().st_mtime_ns for f in chunks.iterdir()}
    assert len(before) > 5
    # "zebra" sorts last: only the last chunks hold a changed word.
    site.write("/blog/post-03/", page("Post 3 orchard", "A zebra."))
    assert site.index() == 1  # and the whole index equals one Pagefind run's
    after = {f.name: f.stat().st_mtime_ns for f in chunks.iterdir()}
    kept = {name for name in before if after.get(name) == before[name]}
    assert kept and kept != before.keys()
    # A kept chunk's file deleted by hand is written again.
    (chunks / sorted(kept)[0]).unlink()
    site.write("/blog/post-03/", page("Post 3 orchard", "A zebra and a yak."))
    assert site.index() == 1


def test_edits_keep_their_changes_apart_until_they_are_many(site, monkeypatch):
    """The kept merge is rewritten only once the changed words are a large share of all."""
    from sitegen.search import kept

    monkeypatch.setattr(kept, "DELTA_SHARE", 1.0)  # a small site: every word is a big share
    site.index()
    work = site.root / "pagefind" / ".shards"
    base = (work / kept.MERGED).stat().st_mtime_ns
    for text in ("A lighthouse.", "A lighthouse and a zebra."):
        site.write("/blog/post-03/", page("Post 3 orchard", text))
        assert site.index() == 1  # the index equals one Pagefind run's
        assert (work / kept.DELTA).is_file()
        assert (work / kept.MERGED).stat().st_mtime_ns == base
    monkeypatch.setattr(kept, "DELTA_SHARE", 0.0)
    site.write("/blog/post-03/", page("Post 3 orchard", "A lighthouse, a zebra and a yak."))
    assert site.index() == 1
    assert not (work / kept.DELTA).exists()
    assert (work / kept.MERGED).stat().st_mtime_ns != base
    monkeypatch.setattr(kept, "DELTA_SHARE", 1.0)
    site.write("/blog/post-05/", page("Post 5", "A violet kettle."))
    assert site.index() == 1
