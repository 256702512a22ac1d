"""Read one Pagefind bundle: its entry, meta, word-index and filter files.

Pagefind (1.5) writes, per language: `pagefind.<lang>_<hash>.pf_meta` (the pages
with their word counts, the word-index chunks by word range, the filter files,
sort orders, the metadata fields), `index/*.pf_index` (word -> pages, each with
its word positions and positions in the metadata fields), `filter/*.pf_filter`
(filter value -> pages) and one `fragment/*.pf_fragment` per page (its text and
metadata, named by a hash of its content). All but fragments are gzipped CBOR
after the `pagefind_dcd` signature.

A format this module does not know (another Pagefind version, sort orders)
raises `UnsupportedIndex`; the caller then indexes the site in one run.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from . import cbor

SIGNATURE = b"pagefind_dcd"
VERSIONS = ("1.5.",)  # Pagefind releases whose index format this was checked against


class UnsupportedIndex(ValueError):
    """The index is not in a format this module can merge."""


@dataclass
class Part:
    """One language of one shard's index, decoded; page numbers are the shard's own."""

    fragments: list[list] = field(default_factory=list)  # each page: [fragment, word count]
    fields: list[str] = field(default_factory=list)  # metadata fields, sorted
    # word -> (pages, {the word with diacritics: pages})
    words: dict[str, tuple[list, dict]] = field(default_factory=dict)
    filters: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    wasm: str = ""


@dataclass
class Shard:
    """A shard's decoded index: its parts by language and what its entry file says."""

    version: str
    parts: dict[str, Part]
    include_characters: list = field(default_factory=list)
    # By language, each word's pages but the first as Pagefind encoded them (`_read_words`).
    rests: dict[str, dict[str, bytes]] = field(default_factory=dict)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnsupportedIndex(f"{path.name}: no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def _cbor_head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, where the item's content starts) of the CBOR head at `at`."""
    first = data[at]
    if first & 0x1F < 24:
        return first & 0xE0, first & 0x1F, at + 1
    size = 1 << ((first & 0x1F) - 24)  # 1, 2, 4 or 8 bytes follow
    return first & 0xE0, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _read_words(path: Path) -> tuple[list, dict[str, bytes]]:
    """Decode a word-index chunk: its entries, and each word's pages but the first, as bytes.

    A merged index holds each shard's page list of a word as Pagefind wrote it,
    but for the first page's number (`encode_words`). Those bytes are cut out
    of the chunk here, word by word, instead of being encoded again; a word
    whose first page is not written as `cbor.integers` would write it (or that
    is also written with diacritics) has none, and is encoded.
    """
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnsupportedIndex(f"{path.name}: no Pagefind signature")
    major, count, at = _cbor_head(data, len(SIGNATURE))
    if (major, count) != (0x80, 1):
        raise UnsupportedIndex(f"{path.name}: a word index of another shape")
    major, count, at = _cbor_head(data, at)
    stream = io.BytesIO(data)
    stream.seek(at)
    decoder = cbor2.CBORDecoder(stream)
    entries, rests = [], {}
    for _ in range(count if major == 0x80 else 0):
        begin, entry = at, decoder.decode()
        at = stream.tell()
        word, pages, variants = entry
        entries.append(entry)
        if pages and len(pages[0]) == 3 and not variants and data[begin] == 0x83:
            _major, length, start = _cbor_head(data, begin + 1)  # the word
            _major, _count, start = _cbor_head(data, start + length)  # its pages
            page, locs, meta = pages[0]
            first = b"\x83" + cbor.integer(page) + cbor.integers(locs) + cbor.integers(meta)
            if data.startswith(first, start) and data[at - 1] == 0x80:  # no variants
                rests[word] = data[start + len(first) : at - 1]
    if major != 0x80 or at != len(data):
        raise UnsupportedIndex(f"{path.name}: a word index of another shape")
    return entries, rests


def read_shard(folder: Path) -> Shard:
    """Decode the Pagefind bundle in `folder` (raise UnsupportedIndex)."""
    entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
    version = str(entry.get("version", ""))
    if not version.startswith(VERSIONS):
        raise UnsupportedIndex(f"Pagefind {version} index format is not known")
    parts, rests = {}, {}
    for lang, about in entry["languages"].items():
        meta = _read(folder / f"pagefind.{about['hash']}.pf_meta")
        if len(meta) != 6 or meta[4]:
            raise UnsupportedIndex("meta file has another shape, or sort orders")
        part = Part(fragments=meta[1], fields=list(meta[5]), wasm=about.get("wasm") or lang)
        rests[lang] = {}
        for _from, _to, name in meta[2]:
            words, cut = _read_words(folder / "index" / f"{name}.pf_index")
            for word, pages, variants in words:
                # Pages, then the word as written with diacritics ("café" for "cafe").
                part.words[word] = (pages, dict(variants))
            rests[lang].update(cut)
        for _name, digest in meta[3]:
            filter_name, values = _read(folder / "filter" / f"{digest}.pf_filter")
            part.filters[filter_name] = {value: pages for value, pages in values}
        parts[lang] = part
    return Shard(version, parts, entry.get("include_characters", []), rests)
