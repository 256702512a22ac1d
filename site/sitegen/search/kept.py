"""What the search index keeps between builds, in `pagefind/.shards/`, and how it is read.

Per shard `b`: `b.pages` (its index with each page's key, and the pages'
stamps: `pages`), `b.head` (the same without the words: what a merge needs of
it) and `b.enc` (its words encoded for the merged index). Beside them,
`merged` (the last merge's word entries: `merged`), `merged.delta` (the
entries changed since `merged` was written) and `state.json` (the shards'
fingerprints, written last: without it nothing here is trusted).
"""

from __future__ import annotations

import marshal
import os
import pickle
from pathlib import Path
from typing import Any

from . import bundle, reading

MERGED = "merged"
DELTA = "merged.delta"
# The changed entries are written alone (an edit changes a few hundred of
# 10,000 words: 19 MB rewritten for 0.5 MB) until they are this share of all.
DELTA_SHARE = 0.2


def head_file(work: Path, b: int) -> Path:
    return work / f"{b}.head"


def store_file(work: Path, b: int) -> Path:
    return work / f"{b}.pages"


def is_kept(work: Path, b: int) -> bool:
    """Whether shard `b`'s index is kept (else it is indexed again)."""
    return head_file(work, b).is_file() and store_file(work, b).is_file()


def dump_store(work: Path, b: int, store: dict) -> None:
    # marshal, of plain values: it loads three times as fast as pickle
    flat = {
        lang: (keys, (p.fragments, p.fields, p.words, p.filters, p.wasm))
        for lang, (keys, p) in store["langs"].items()
    }
    dump(store_file(work, b), {**store, "langs": flat}, marshal.dumps)


def load_store(work: Path, b: int) -> dict | None:
    store = load(store_file(work, b), None, marshal.loads)
    if not isinstance(store, dict) or not isinstance(store.get("langs"), dict):
        return None
    store["langs"] = {
        lang: (keys, reading.Part(*part)) for lang, (keys, part) in store["langs"].items()
    }
    return store


def shard_of(store: dict, words: bool = True) -> reading.Shard:
    """The shard's index as `bundle` reads and writes it (its words left out if not `words`)."""
    version, include = store["about"] or ("", [])
    parts = {}
    for lang, (_keys, part) in store["langs"].items():
        parts[lang] = (
            part
            if words
            else reading.Part(part.fragments, part.fields, {}, part.filters, part.wasm)
        )
    return reading.Shard(version, parts, include)


def encoded(work: Path, b: int, key: dict) -> dict:
    """Shard `b`'s encoded words, with the metadata fields `key` gives each language."""
    cached = load(work / f"{b}.enc", None, marshal.loads)
    if cached is None or cached["key"] != key:  # another shard brought a new field
        parts = shard_of(load_store(work, b)).parts
        words = {lang: bundle.encode_words(parts[lang], key[lang]) for lang in parts}
        cached = {"key": key, "words": words}
        dump(work / f"{b}.enc", cached, marshal.dumps)
    return cached["words"]


def load_merged(work: Path) -> dict | None:
    """The last merge's entries (`merged.merge`), with the changes written since applied.

    `delta_words` holds, per language, the words changed since `merged` was written.
    """
    base = load(work / MERGED, None, marshal.loads)
    if not isinstance(base, dict) or "langs" not in base:
        return None
    base["delta_words"] = {lang: set() for lang in base["langs"]}
    delta = load(work / DELTA, None, marshal.loads)
    if not isinstance(delta, dict) or delta.get("base") != base.get("id"):
        return base  # none, or left from before `merged` was written again
    try:
        base["prints"], base["order"] = delta["prints"], delta["order"]
        for lang, changes in delta["langs"].items():
            about = base["langs"][lang]
            about.update(
                starts=changes["starts"], fields=changes["fields"], chunks=changes["chunks"]
            )
            for word, entry in changes["entries"].items():
                if entry is None:
                    about["entries"].pop(word, None)
                else:
                    about["entries"][word] = entry
            base["delta_words"][lang] = set(changes["entries"])
    except (KeyError, TypeError, AttributeError):  # not a delta this code wrote: merge anew
        return None
    return base


def dump_merged(work: Path, merged: dict, last: dict | None, changed: dict | None) -> None:
    """Keep `merged` (prints, order, each language's starts, fields, entries and chunks).

    `last` is what `load_merged` gave, and `changed` the words of each language
    whose entries changed since (None: any may have). Changes are written alone,
    in `merged.delta`, while they are a small share of all the words.
    """
    langs = merged["langs"]
    if (
        last is not None
        and last.get("id")
        and changed is not None
        and changed.keys() == langs.keys() == last["langs"].keys()
    ):
        words = {lang: last["delta_words"][lang] | changed[lang] for lang in langs}
        every = sum(len(about["entries"]) for about in langs.values())
        if sum(map(len, words.values())) <= DELTA_SHARE * every:
            delta = {"base": last["id"], "prints": merged["prints"], "order": merged["order"]}
            delta["langs"] = {
                lang: {
                    **{k: about[k] for k in ("starts", "fields", "chunks")},
                    "entries": {w: about["entries"].get(w) for w in words[lang]},
                }
                for lang, about in langs.items()
            }
            dump(work / DELTA, delta, marshal.dumps)
            return
    dump(work / MERGED, {**merged, "id": os.urandom(8).hex()}, marshal.dumps)
    (work / DELTA).unlink(missing_ok=True)  # after: a delta names the `merged` it changes


def dump(path: Path, value: Any, dumps=pickle.dumps) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(dumps(value))
    tmp.replace(path)


MISSING = object()


def load(path: Path, default: Any = MISSING, loads=pickle.loads) -> Any:
    # marshal is the fastest for the encoded words (plain tuples, bytes and dicts),
    # which every merge reads for every shard.
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError, AttributeError):
        if default is MISSING:
            raise
        return default
