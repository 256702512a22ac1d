"""A shard's index kept page by page, so an edit is indexed by Pagefind alone.

What Pagefind stores of a page depends on that page only: its words with their
positions (and positions in the metadata fields), its word count, its filters
and its fragment; only the page numbers tie pages together. So each shard is
kept as Pagefind's index of it with each page's URL (`Kept`), an edit runs
Pagefind over the changed pages only, and `update` puts their entries in place
of the old ones: in place, touching only the words whose entries changed, when
the shard keeps the same pages (`patch`), else by numbering the pages again
(`assemble`; a new page goes last). The result is the index a Pagefind run
over the whole shard makes, entry for entry, pages perhaps in another order
(the tests compare them).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from urllib.parse import unquote

from .reading import SIGNATURE, Part, UnsupportedIndex

Posting = tuple[list, list]  # (word positions, positions in the metadata fields)
# One language of a shard: the page keys in page-number order, and their index.
Kept = tuple[list[str], Part]


@dataclass
class Page:
    """One page of a Pagefind index, without its page number."""

    fragment: str  # the fragment file's name
    count: int  # words on the page
    fields: tuple[str, ...]  # the metadata fields its `meta` positions number (from -1)
    words: dict[str, Posting] = field(default_factory=dict)
    variants: dict[str, dict[str, Posting]] = field(default_factory=dict)  # "cafe": {"café": …}
    filters: dict[str, list[str]] = field(default_factory=dict)


def page_key(url: str) -> str:
    """The URL as the build and Pagefind's fragments both give it, made comparable."""
    return "/" + unquote(url).strip("/")


def fragment_url(data: bytes) -> str:
    """The page URL a gzipped Pagefind fragment names."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise UnsupportedIndex("a fragment has no Pagefind signature")
    return json.loads(raw[len(SIGNATURE) :])["url"]


def split(part: Part, keys: list[str], only: set[str] | None = None) -> dict[str, Page]:
    """The pages of a decoded index `part`, by key (`keys[n]` is page n's); `only` those."""
    fields = tuple(part.fields)
    wanted = {n: key for n, key in enumerate(keys) if only is None or key in only}
    pages = {n: Page(part.fragments[n][0], part.fragments[n][1], fields) for n in wanted}
    for word, (postings, variants) in part.words.items():
        n = 0
        for posting in postings:
            n += posting[0]
            if n in pages:
                pages[n].words[word] = (posting[1], posting[2])
        for variant, more in variants.items():
            for n, locs, meta in _absolute(more):
                if n in pages:
                    pages[n].variants.setdefault(word, {})[variant] = (locs, meta)
    for name, values in part.filters.items():
        for value, numbers in values.items():
            for n in numbers:
                if n in pages:
                    pages[n].filters.setdefault(name, []).append(value)
    return {wanted[n]: page for n, page in pages.items()}


def _absolute(postings: list) -> list[tuple[int, list, list]]:
    n, found = 0, []
    for posting in postings:
        if len(posting) != 3:
            raise UnsupportedIndex("a word's page has fields this merge does not know")
        delta, locs, meta = posting
        n += delta
        found.append((n, locs, meta))
    return found


def assemble(pages: list[Page], wasm: str) -> Part:
    """The index of `pages`, numbered in that order, as Pagefind writes one run's."""
    fields = sorted({name for page in pages for name in page.fields})
    words: dict[str, tuple[list, dict]] = {}
    last: dict[str, int] = {}  # a word's last page so far: page numbers are stored as differences
    last_variant: dict[tuple[str, str], int] = {}
    filters: dict[str, dict[str, list[int]]] = {}
    for n, page in enumerate(pages):
        remap = _remap(page.fields, fields)
        for word, (locs, meta) in page.words.items():
            entry = words.get(word)
            if entry is None:
                entry = words[word] = ([], {})
            entry[0].append([n - last.get(word, 0), locs, _meta(meta, remap)])
            last[word] = n
        for word, variants in page.variants.items():
            entry = words.get(word)
            if entry is None:
                entry = words[word] = ([], {})
            for variant, (locs, meta) in variants.items():
                before = last_variant.get((word, variant), 0)
                posting = [n - before, locs, _meta(meta, remap)]
                entry[1].setdefault(variant, []).append(posting)
                last_variant[(word, variant)] = n
        for name, values in page.filters.items():
            for value in values:
                filters.setdefault(name, {}).setdefault(value, []).append(n)
    fragments = [[page.fragment, page.count] for page in pages]
    return Part(fragments=fragments, fields=fields, words=words, filters=filters, wasm=wasm)


def _remap(own: tuple[str, ...], fields: list[str]) -> dict[int, int] | None:
    if list(own) == fields:
        return None
    return {-(i + 1): -(fields.index(name) + 1) for i, name in enumerate(own)}


def _meta(meta: list, remap: dict[int, int] | None) -> list:
    return meta if remap is None else [remap.get(x, x) for x in meta]


def update(kept: dict[str, Kept], found: dict[str, Kept], gone: set[str]):
    """Put the pages Pagefind `found` (by language) in the `kept` index, `gone` pages out.

    `gone` holds the keys of removed and re-indexed pages. Return the shard's
    index by language and, for each, the words whose entries changed (None:
    every word may have, the pages were numbered again).
    """
    result: dict[str, Kept] = {}
    touched: dict[str, set[str] | None] = {}
    for lang in sorted(kept.keys() | found.keys()):
        old_keys, old_part = kept.get(lang, ([], None))
        if old_part is None:  # all of its pages are new: Pagefind's index as it is
            result[lang], touched[lang] = found[lang], None
            continue
        new = split(found[lang][1], found[lang][0]) if lang in found else {}
        present = set(old_keys)
        same_pages = new.keys() <= present and not (gone & present) - new.keys()
        if same_pages and {f for p in new.values() for f in p.fields} <= set(old_part.fields):
            old = split(old_part, old_keys, only=set(new))
            part, touched[lang] = patch(old_part, old_keys, old, new)
            result[lang] = (old_keys, part)
            continue
        old = split(old_part, old_keys)
        keys = [k for k in old_keys if k not in gone or k in new]
        keys += sorted(k for k in new if k not in old)
        if keys:
            pages = [new.get(k) or old[k] for k in keys]
            wasm = found[lang][1].wasm if lang in found else old_part.wasm
            result[lang], touched[lang] = (keys, assemble(pages, wasm)), None
    return result, touched


def patch(part: Part, keys: list[str], old: dict[str, Page], new: dict[str, Page]):
    """`part` with the `new` pages in place of the `old` ones of the same keys.

    Return the new index and the words whose entries changed. The other words'
    entries are the same objects: only the changed ones need encoding again.
    """
    fields = list(part.fields)
    place = {key: n for n, key in enumerate(keys)}
    edits: dict[str, dict[int, Posting | None]] = {}
    variant_edits: dict[tuple[str, str], dict[int, Posting | None]] = {}
    fragments = [list(f) for f in part.fragments]
    replaced = set()
    for key, page in new.items():
        n, was = place[key], old[key]
        replaced.add(n)
        remap = _remap(page.fields, fields)
        words = {w: (locs, _meta(meta, remap)) for w, (locs, meta) in page.words.items()}
        for word in _differ(was.words, words):
            edits.setdefault(word, {})[n] = words.get(word)
        for word in was.variants.keys() | page.variants.keys():
            now = {
                v: (locs, _meta(meta, remap))
                for v, (locs, meta) in page.variants.get(word, {}).items()
            }
            for variant in _differ(was.variants.get(word, {}), now):
                variant_edits.setdefault((word, variant), {})[n] = now.get(variant)
        fragments[n] = [page.fragment, page.count]
    words = dict(part.words)
    for word in edits.keys() | {w for w, _v in variant_edits}:
        pages, variants = words.get(word, ([], {}))
        if word in edits:
            pages = _apply(pages, edits[word])
        variants = dict(variants)
        for (w, variant), changes in variant_edits.items():
            if w == word:
                variants[variant] = _apply(variants.get(variant, []), changes)
                if not variants[variant]:
                    del variants[variant]
        if pages or variants:
            words[word] = (pages, variants)
        else:
            words.pop(word, None)
    filters: dict[str, dict[str, list[int]]] = {}
    for name, values in part.filters.items():
        for value, numbers in values.items():
            kept = [n for n in numbers if n not in replaced]
            filters.setdefault(name, {})[value] = kept
    for key, page in new.items():
        for name, values in page.filters.items():
            for value in values:
                filters.setdefault(name, {}).setdefault(value, []).append(place[key])
    filters = {
        name: {value: sorted(numbers) for value, numbers in values.items() if numbers}
        for name, values in filters.items()
    }
    filters = {name: values for name, values in filters.items() if values}
    changed = set(edits) | {w for w, _v in variant_edits}
    return Part(fragments, fields, words, filters, part.wasm), changed


def _differ(old: dict, new: dict) -> set[str]:
    """The keys whose values differ, or that only one of the dicts has."""
    return {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}


def _apply(postings: list, edits: dict[int, Posting | None]) -> list:
    """A word's postings (page numbers as differences) with pages replaced or removed."""
    at = {n: (locs, meta) for n, locs, meta in _absolute(postings)}
    for n, posting in edits.items():
        if posting is None:
            at.pop(n, None)
        else:
            at[n] = posting
    found, last = [], 0
    for n in sorted(at):
        locs, meta = at[n]
        found.append([n - last, locs, meta])
        last = n
    return found
