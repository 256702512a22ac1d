"""Write several shards' Pagefind indexes as one (each read by `reading`).

Nothing in an index depends on the other pages but the page numbers, which
point into the meta file's page list (a word's pages are stored as differences
from the previous page number, metadata positions by the field's place in the
sorted field list): so shards indexed apart, their pages numbered one after
another and their words' page lists put together, make the index one Pagefind
run over every page makes — same words, positions, word counts and filters,
hence the same results with the same scores (the tests compare them). Chunk
boundaries, file names and the order of the page list may differ; the last
only orders pages of exactly equal score, which a single Pagefind run orders
as the file system lists the files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from array import array
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cbor2

from . import cbor
from .reading import SIGNATURE, Part, Shard, UnsupportedIndex

CHUNK_BYTES = 48 * 1024  # a word-index chunk's usual size before gzip, about Pagefind's
# Every edit recompresses the chunks holding the edited page's words (most of
# them): level 4 takes a third of the time of level 6 (Pagefind's) for 5% more bytes.
GZIP_LEVEL = 4
# Where each shard's part of a word's page list lies in its merged entry: six
# 32-bit integers a part (shard, start, end, first page, last page, pages).
PLACES = "i"


# One shard's pages of a word, encoded: (pages, first page number, CBOR of the
# first page's positions, CBOR of the other pages, last page number), page
# numbers counted in the shard: only the first page's depends on the shards
# before it, so a page added or removed elsewhere re-encodes nothing here.
Run = tuple[int, int, bytes, bytes, int]
# A word in one shard: (its pages, {the word with diacritics: its pages}).
Encoded = tuple[Run | None, dict[str, Run]]


def _pack(value: bytes) -> bytes:
    return gzip.compress(SIGNATURE + value, compresslevel=GZIP_LEVEL, mtime=0)


def _header(count: int) -> bytes:
    """The CBOR head of an array of `count` items (shortest form, as Pagefind writes it)."""
    if count < 24:
        return bytes((0x80 + count,))
    if count < 0x100:
        return bytes((0x98, count))
    if count < 0x10000:
        return b"\x99" + count.to_bytes(2, "big")
    return b"\x9a" + count.to_bytes(4, "big")


def encode_words(
    part: Part, fields: list[str], rests: dict[str, bytes] | None = None
) -> dict[str, Encoded]:
    """Encode each word's pages, metadata fields numbered as in `fields`.

    `rests` (from `Shard.rests`, for a `part` as Pagefind wrote it) gives words'
    pages but the first already encoded.
    """
    remap = {-(i + 1): -(fields.index(name) + 1) for i, name in enumerate(part.fields)}
    same = all(k == v for k, v in remap.items())
    rests = (rests or {}) if same else {}

    def encode(pages: list, rest: bytes | None = None) -> Run | None:
        # Page numbers are stored as the difference from the previous page's: only
        # the first one depends on what comes before, so it is kept apart.
        if not pages:  # a word found only as written with diacritics
            return None
        if len(pages[0]) != 3:
            raise UnsupportedIndex("a word's page has fields this merge does not know")
        if not same:
            pages = [[page, locs, [remap.get(x, x) for x in meta]] for page, locs, meta in pages]
        first = pages[0]
        last = sum(page[0] for page in pages)
        tail = cbor.integers(first[1]) + cbor.integers(first[2])
        if rest is None:
            rest = cbor.page_list(pages[1:])[len(_header(len(pages) - 1)) :]
        return len(pages), first[0], tail, rest, last

    encoded = {}
    for word, (pages, variants) in part.words.items():
        encoded[word] = (
            encode(pages, rests.get(word)),
            {v: encode(p) for v, p in variants.items()},
        )
    return encoded


def _join(runs: list[tuple[Run | None, int]]) -> bytes:
    """CBOR of the page list made of (run, first page number of its shard), in order."""
    runs = [(run, offset) for run, offset in runs if run]
    out = [_header(sum(run[0] for run, _offset in runs))]
    previous = 0
    for (_count, first, tail, rest, last), offset in runs:
        out += [b"\x83", cbor.integer(offset + first - previous), tail, rest]
        previous = offset + last
    return b"".join(out)


def write_merged(
    out: Path,
    shards: list[Shard],
    entries: dict[str, list[tuple[str, bytes]]],
    last_chunks: dict[str, tuple[dict[tuple, str], set[str]]] | None = None,
) -> tuple[dict[str, int], dict[str, dict[tuple, str]]]:
    """Write one index of `shards` (in that order) into `out`.

    `entries[lang]` holds every word's entry in the word index, sorted by word
    (`merged_entries`, or kept from the last merge). Fragments are not touched.
    `last_chunks[lang]` is (the word-index chunks the last merge wrote, the words
    whose entries changed since): a chunk of the same words, none of them changed,
    has the same bytes, so it keeps its file without being hashed again.
    Return the pages of each language, and its chunks for the next merge.
    """
    languages: dict[str, Any] = {}
    keep: set[str] = set()
    made: dict[str, dict[tuple, str]] = {}
    for lang in sorted({lang for s in shards for lang in s.parts}):
        parts = [s.parts.get(lang) for s in shards]
        pages = [page for part in parts if part for page in part.fragments]
        fields = merged_fields(shards, lang)
        chunks = []
        before, changed = (last_chunks or {}).get(lang, ({}, set()))
        made[lang] = {}
        with ThreadPoolExecutor(os.cpu_count() or 1) as executor:
            writes = _Writes(executor)
            for words, data in _chunks(entries[lang]):
                key = (words[0], words[-1], len(words))
                name = before.get(key)
                file = f"index/{name}.pf_index"
                if name is not None and file not in keep and changed.isdisjoint(words):
                    keep.add(file)  # the same words, none changed: the same bytes
                    if not (out / file).is_file():  # deleted by hand: written again
                        _write_file(out / file, _pack, data)
                else:
                    name = _write_named(out / "index", lang, data, ".pf_index", keep, writes)
                made[lang][key] = name
                chunks.append([words[0], words[-1], name])
            writes.wait()
        _name_ranges(chunks)
        filters = []
        for name, values in _merge_filters(parts).items():
            data = cbor2.dumps([name, sorted([v, pages] for v, pages in values.items())])
            filters.append([name, _write_named(out / "filter", lang, data, ".pf_filter", keep)])
        version = shards[0].version
        meta = cbor2.dumps([version, pages, chunks, filters, [], fields])
        digest = f"{lang}_{hashlib.sha256(meta).hexdigest()[:10]}"
        _write_file(out / f"pagefind.{digest}.pf_meta", _pack, meta)
        keep.add(f"pagefind.{digest}.pf_meta")
        wasm = next(part.wasm for part in parts if part)
        languages[lang] = {"hash": digest, "wasm": wasm, "page_count": len(pages)}
    entry = {
        "version": shards[0].version,
        "languages": languages,
        "include_characters": shards[0].include_characters,
    }
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))  # as Pagefind writes it
    (out / "pagefind-entry.json").write_text(text, "utf-8")
    for folder in ("index", "filter"):
        for file in (out / folder).iterdir():
            if f"{folder}/{file.name}" not in keep:
                file.unlink()
    for file in out.glob("pagefind.*.pf_meta"):
        if file.name not in keep:
            file.unlink()
    return {lang: about["page_count"] for lang, about in languages.items()}, made


def merged_fields(shards: list[Shard], lang: str) -> list[str]:
    """The metadata fields of the merged index: every shard's, sorted as Pagefind sorts them."""
    return sorted({name for s in shards if lang in s.parts for name in s.parts[lang].fields})


def offsets(shards: list[Shard], lang: str) -> list[int]:
    """Each shard's first page number in the merged index."""
    found, at = [], 0
    for s in shards:
        found.append(at)
        at += len(s.parts[lang].fragments) if lang in s.parts else 0
    return found


def _merge_filters(parts) -> dict[str, dict[str, list[int]]]:
    merged: dict[str, dict[str, list[int]]] = {}
    at = 0
    for part in parts:
        if part is None:
            continue
        for name, values in part.filters.items():
            for value, pages in values.items():
                merged.setdefault(name, {}).setdefault(value, []).extend(p + at for p in pages)
        at += len(part.fragments)
    return dict(sorted(merged.items()))


def merged_entries(
    words: list[dict[str, Encoded]],
    starts: list[int],
    only: Iterable[str] | None = None,
    consume: bool = False,
) -> list[tuple[str, bytes, bytes | None]]:
    """Each word's entry in the merged word index, sorted by word: (word, CBOR, places).

    `words[i]` is shard i's `encode_words`, `starts[i]` its first page number.
    `places` says where each shard's part of the word's page list lies in the
    entry (`Places`), so a later merge can replace one shard's part alone; None
    for a word written with diacritics somewhere (merged whole again).
    `only` limits the result to those words; with `consume`, each word is taken
    out of `words` once merged, so memory holds the shards' words or the merged
    entries, not both (at 10,000 posts, tens of megabytes).
    """
    found_words = sorted(set().union(*words) if only is None else set(only))
    result = []
    take = dict.pop if consume else dict.__getitem__
    for word in found_words:
        found = [(i, take(w, word)) for i, w in enumerate(words) if word in w]
        if not found:  # asked for, but in no shard any more
            continue
        variants: dict[str, list[tuple[Run, int]]] = {}
        for i, (_pages, by_variant) in found:
            for variant, run in by_variant.items():
                variants.setdefault(variant, []).append((run, starts[i]))
        head = b"\x83" + cbor2.dumps(word)
        runs = [(pages, starts[i], i) for i, (pages, _v) in found if pages]
        joined, places = _join_placed(runs, len(head))
        entry = (
            head
            + joined
            + _header(len(variants))
            + b"".join(
                b"\x82" + cbor2.dumps(variant) + _join(runs)
                for variant, runs in sorted(variants.items())
            )
        )
        result.append((word, entry, None if variants else places.tobytes()))
    return result


def _join_placed(runs: list[tuple[Run, int, int]], at: int) -> tuple[bytes, array]:
    """`_join` of (run, start, shard) runs, and where each run's bytes are (`Places`)."""
    out = [_header(sum(run[0] for run, _start, _i in runs))]
    places = array(PLACES)
    position = at + len(out[0])
    previous = 0
    for (count, first, tail, rest, last), start, i in runs:
        segment = b"\x83" + cbor.integer(start + first - previous) + tail + rest
        out.append(segment)
        places.extend((i, position, position + len(segment), start + first, start + last, count))
        position += len(segment)
        previous = start + last
    return b"".join(out), places


def _chunks(entries: Iterable[tuple[str, bytes]]):
    """Yield (words, CBOR) word-index chunks of about CHUNK_BYTES."""
    chunk: list[bytes] = []
    words: list[str] = []
    size = 0
    for word, entry, *_places in entries:
        chunk.append(entry)
        words.append(word)
        size += len(entry)
        # Cut where the words themselves say (one in 8, by a hash of the word), not
        # at a running size: an edit then changes only the chunks holding the words
        # whose pages changed, and the rest keep their files (and their CDN copies).
        if size >= 2 * CHUNK_BYTES or size >= CHUNK_BYTES * 3 // 4 and _cut_after(word):
            yield words, b"\x81" + _header(len(chunk)) + b"".join(chunk)
            chunk, words, size = [], [], 0
    if chunk:
        yield words, b"\x81" + _header(len(chunk)) + b"".join(chunk)


def _cut_after(word: str) -> bool:
    return zlib.crc32(word.encode("utf-8")) % 8 == 0


def _name_ranges(chunks: list[list[str]]) -> None:
    """Shorten neighbouring chunks' last and first words to their distinguishing prefixes."""
    for left, right in zip(chunks, chunks[1:], strict=False):
        a, b = left[1], right[0]
        common = 0
        while common < min(len(a), len(b)) and a[common] == b[common]:
            common += 1
        left[1], right[0] = a[: common + 1], b[: common + 1]


def _write_named(
    folder: Path, lang: str, data: bytes, suffix: str, keep: set[str], pool: _Writes | None = None
) -> str:
    """Write `data` gzipped under a name made from its content (kept if already there)."""
    digest = hashlib.sha256(data).hexdigest()
    length = 16  # long enough that an old file of the same name has the same bytes
    name = f"{lang}_{digest[:length]}"
    while f"{folder.name}/{name}{suffix}" in keep and length < len(digest):
        length += 1
        name = f"{lang}_{digest[:length]}"
    keep.add(f"{folder.name}/{name}{suffix}")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}{suffix}"
    if not target.exists():  # named by content: an existing file already holds these bytes
        if pool is None:
            _write_file(target, _pack, data)
        else:
            pool.append(pool.executor.submit(_write_file, target, _pack, data))
    return name


def _write_file(path: Path, pack, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(pack(data))
    tmp.replace(path)


class _Writes(list):
    """Files being compressed and written on a thread pool (zlib runs outside the GIL)."""

    def __init__(self, executor: ThreadPoolExecutor) -> None:
        super().__init__()
        self.executor = executor

    def wait(self) -> None:
        for future in self:
            future.result()  # re-raise a failed write
