"""Which search shard a page is indexed in: a stable hash of its URL.

A site's searchable pages are split into 2**bits shards of about `SHARD_PAGES`
pages each, by a hash of the URL that never changes, so an edited page always
re-indexes the same small shard and an added or removed page touches one shard.
The number of shards doubles (or halves) only when the site outgrows (or falls
well below) it: then every page moves and every shard is indexed again, as in
a cold build. A site of up to `SHARD_PAGES` pages has one shard: one Pagefind
index, ranked exactly as a single index is.

Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TypeVar

# Pages of a shard, on average: Pagefind indexes them in one run in a cold build
# (an edit runs it on the changed pages only). Smaller shards make the largest
# Pagefind process smaller (≈170 KB a page); larger ones mean fewer Pagefind runs
# in a cold build and fewer parts per word to merge (see docs/benchmarks.md).
SHARD_PAGES = 128

Page = TypeVar("Page")


def shard_bits(count: int, previous: int | None = None, per_shard: int = SHARD_PAGES) -> int:
    """Return how many hash bits split `count` pages into shards of at most `per_shard` on average.

    `previous` (the last build's bits) is kept while it needs at most one bit
    more than necessary, so a site that hovers around a threshold is not
    reshuffled on every build.
    """
    bits = 0
    while count > per_shard << bits:
        bits += 1
    if previous is not None and bits <= previous <= bits + 1:
        return previous
    return bits


def bucket(url: str, bits: int) -> int:
    """Return the shard of `url` among 2**bits shards (the same on every machine and run)."""
    if bits == 0:
        return 0
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << bits) - 1)


def split(pages: Iterable[Page], url_of, bits: int) -> dict[int, list[Page]]:
    """Group `pages` by shard; shards with no page are left out."""
    groups: dict[int, list[Page]] = {}
    for page in pages:
        groups.setdefault(bucket(url_of(page), bits), []).append(page)
    return dict(sorted(groups.items()))
