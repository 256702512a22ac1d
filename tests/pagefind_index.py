"""Pagefind indexes for tests and benchmarks: made the way they were before shards, and read back.

`one_run_index` indexes a built site as the search step did before shards: every
searchable page, whole, in one Pagefind run. `records` reads a Pagefind bundle
into what it holds for each page, by URL (every word with its positions and
positions in the metadata, the word count, the filters): two bundles with equal
records give the same search results in the same order.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from sitegen.search import reading
from sitegen.search.index import pages_to_index
from sitegen.search.runner import EXCLUDE, run_pagefind, tag_kind


def one_run_index(build_dir: Path, published, output: Path) -> Path:
    """Index the site in `build_dir` in one Pagefind run into `output`; return it."""
    with tempfile.TemporaryDirectory(prefix="one-run-") as tmp:
        site = Path(tmp) / "site"
        for path, url, kind in pages_to_index(build_dir, published):
            target = site / url.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(tag_kind(path.read_text("utf-8"), kind), "utf-8")
        config = {"site": str(site), "output_path": str(output), "exclude_selectors": EXCLUDE}
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), "utf-8")
        run_pagefind(Path(tmp))
    return output


def _by_url(pages: list, urls: list[str], fields: list[str]) -> list:
    page, out = 0, []
    for delta, locs, meta in pages:  # page numbers are stored as differences
        page += delta
        out.append((urls[page], locs, [fields[-m - 1] if m < 0 else m for m in meta]))
    return sorted(out)


def records(index: Path) -> dict:
    """What a Pagefind bundle holds, by page URL instead of page number."""
    shard = reading.read_shard(index)
    found = {}
    for lang, part in shard.parts.items():
        urls = []
        for fragment, _count in part.fragments:
            data = gzip.decompress((index / "fragment" / f"{fragment}.pf_fragment").read_bytes())
            urls.append(json.loads(data[len(reading.SIGNATURE) :])["url"])
        found[lang] = {
            "pages": sorted(zip(urls, [count for _f, count in part.fragments], strict=True)),
            "words": {
                word: (
                    _by_url(pages, urls, part.fields),
                    {v: _by_url(p, urls, part.fields) for v, p in variants.items()},
                )
                for word, (pages, variants) in part.words.items()
            },
            "filters": {
                name: {value: sorted(urls[p] for p in pages) for value, pages in values.items()}
                for name, values in part.filters.items()
            },
        }
    return found
