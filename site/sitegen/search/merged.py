"""The last merge's word entries, kept so the next merge redoes only the words that changed.

A word's entry in the merged index is its page lists from every shard put one
after the other (`bundle.merged_entries`). When a build changed a few pages in
place (no page added or removed, so every shard's first page number stays),
only the words whose entries changed in those shards differ: each is made
again from its kept entry, with the changed shards' parts replaced (the
`places` of each part say where its bytes are) and the part after each one
given its new page-number difference. The other shards' encoded words are
not even read. Anything else (pages added or removed, a new metadata field, a
word written with diacritics, a shard changed without a list of its words)
merges those words, or everything, from all the shards as before.

`merge` writes the shards' indexes as one, with the entries kept or made anew.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from pathlib import Path

import cbor2

from . import cbor, kept
from .bundle import (
    PLACES,
    Encoded,
    Run,
    _header,
    merged_entries,
    merged_fields,
    offsets,
    write_merged,
)

Entry = tuple[bytes, bytes | None]  # the word's CBOR, where each shard's part lies in it
FIELDS = 6  # per part in `places`: shard, start, end, first page, last page, pages


def merge(out: Path, work: Path, order: list[int], changed: dict, prints: tuple) -> None:
    """Write the shards' indexes, in `order`, as one index in `out`.

    `changed` maps the shards indexed by this build to the words that changed in
    each of their languages (None: any may have); `prints` are the shards'
    fingerprints (as of the last build, and now).
    """
    heads = [kept.load(kept.head_file(work, b)) for b in order]
    langs = sorted({lang for head in heads for lang in head.parts})
    fields = {lang: merged_fields(heads, lang) for lang in langs}
    loaded: dict[int, dict] = {}

    def encoded(i: int) -> dict:  # shard i's encoded words, numbered with the merged fields
        if i not in loaded:
            key = {lang: fields[lang] for lang in heads[i].parts}
            loaded[i] = kept.encoded(work, order[i], key)
        return loaded[i]

    last = kept.load_merged(work)
    if last is not None and last.get("prints") != prints[0]:
        last = None
    place = {b: i for i, b in enumerate(order)}
    entries = {}
    last_chunks = {}  # per language: the last merge's chunks, and the words changed since
    for lang in langs:
        starts = offsets(heads, lang)
        changes = {place[b]: words.get(lang, set()) for b, words in changed.items()}
        every = lambda lang=lang: [encoded(i).get(lang, {}) for i in range(len(order))]  # noqa: E731
        if usable(last, lang, starts, fields[lang], order) and None not in changes.values():
            now = {i: (words, encoded(i).get(lang, {})) for i, words in changes.items()}
            about = last["langs"][lang]
            entries[lang] = update(about["entries"], now, starts, every)
            last_chunks[lang] = (about.get("chunks", {}), set().union(*changes.values()))
        else:
            found = merged_entries(every(), starts, consume=True)
            entries[lang] = {word: (entry, places) for word, entry, places in found}
    loaded.clear()  # every shard's words are in the entries now
    written = {
        lang: [(w, e) for w, (e, _p) in sorted(found.items())] for lang, found in entries.items()
    }
    _pages, chunks = write_merged(out, heads, written, last_chunks)
    about = {
        lang: {
            "starts": offsets(heads, lang),
            "fields": fields[lang],
            "entries": found,
            "chunks": chunks[lang],
        }
        for lang, found in entries.items()
    }
    keep = {"prints": prints[1], "order": order, "langs": about}
    patched = last_chunks.keys() == entries.keys()  # every language merged from the kept entries
    kept.dump_merged(
        work, keep, last, {k: c[1] for k, c in last_chunks.items()} if patched else None
    )
    shown = {page[0] for head in heads for part in head.parts.values() for page in part.fragments}
    for fragment in (out / "fragment").iterdir():
        if fragment.stem not in shown:
            fragment.unlink()


def usable(kept: dict | None, lang: str, starts: list[int], fields: list[str], order: list) -> bool:
    """Whether the kept entries of `lang` were merged with the same shards, places and fields."""
    if not kept or kept.get("order") != order:
        return False
    about = kept["langs"].get(lang)
    return about is not None and about["starts"] == starts and about["fields"] == fields


def update(
    entries: dict[str, Entry],
    changed: dict[int, tuple[set[str], dict[str, Encoded]]],
    starts: list[int],
    all_words: Callable[[], list[dict[str, Encoded]]],
) -> dict[str, Entry]:
    """The kept `entries` with the words changed in some shards merged again.

    `changed[i]` is (the words whose entries changed in shard i, shard i's encoded
    words now). `all_words()` loads every shard's encoded words, for the words
    that cannot be patched in place.
    """
    entries = dict(entries)
    edits: dict[str, dict[int, Encoded | None]] = {}
    for i, (words, encoded) in changed.items():
        for word in words:
            edits.setdefault(word, {})[i] = encoded.get(word)
    whole = []
    for word, runs in edits.items():
        kept = entries.get(word)
        if (kept is not None and kept[1] is None) or any(r and r[1] for r in runs.values()):
            whole.append(word)  # written with diacritics somewhere: merged whole
            continue
        entry = _patch(word, kept, {i: r[0] if r else None for i, r in runs.items()}, starts)
        if entry is None:
            entries.pop(word, None)
        else:
            entries[word] = entry
    if whole:
        for word, entry, places in merged_entries(all_words(), starts, only=whole):
            if entry is None:
                entries.pop(word, None)
            else:
                entries[word] = (entry, places)
    return entries


def _patch(word: str, kept: Entry | None, runs: dict[int, Run | None], starts: list[int]):
    """The word's entry with the parts of the shards in `runs` replaced (None: removed)."""
    head = b"\x83" + cbor2.dumps(word)
    old_entry, old_places = kept if kept else (b"", b"")
    places = array(PLACES)
    places.frombytes(old_places or b"")
    parts = []  # (shard, kept part's (start, end, old difference) or None, first, last, count, run)
    previous_old = 0
    for at in range(0, len(places), FIELDS):
        i, start, end, first, last, count = places[at : at + FIELDS]
        if i not in runs:
            parts.append((i, (start, end, first - previous_old), first, last, count, None))
        previous_old = last
    for i, run in runs.items():
        if run is not None:
            parts.append((i, None, starts[i] + run[1], starts[i] + run[4], run[0], run))
    if not parts:
        return None
    parts.sort(key=lambda part: part[0])
    body, new_places = [], array(PLACES)
    position = len(head) + len(_header(sum(part[4] for part in parts)))
    previous = 0
    for i, old, first, last, count, run in parts:
        if old is None:  # the changed shard's part
            segment = b"\x83" + cbor.integer(first - previous) + run[2] + run[3]
        elif first - previous == old[2]:  # unchanged, and so is the difference before it
            segment = old_entry[old[0] : old[1]]
        else:  # unchanged, after a changed part: only its first page's difference moves
            skip = 1 + len(cbor.integer(old[2]))
            segment = b"\x83" + cbor.integer(first - previous) + old_entry[old[0] + skip : old[1]]
        body.append(segment)
        new_places.extend((i, position, position + len(segment), first, last, count))
        position += len(segment)
        previous = last
    total = _header(sum(part[4] for part in parts))
    return head + total + b"".join(body) + _header(0), new_places.tobytes()
