"""Site search: index the frozen HTML with Pagefind, in shards, after every build.

Pagefind reads the final pages, so the index always matches what visitors see.
Which pages are indexed is up to the kinds: a page whose `UrlSpec.search` names its
kind ("post", "recipe"…) is indexed and tagged with that `kind` filter (see
`runner`). Listing pages (indexes, tags, filters) set no `search`, so a search
finds the item itself, not every list it appears on. Other filters (cuisine,
diet) come from `data-pagefind-filter` in the kinds' templates. Result URLs are
site-relative; the search page gives Pagefind's UI the site's sub-path as its
base URL.

Pagefind has no partial update and holds everything it indexes in memory, so
the pages are split into shards of about a hundred by a stable hash of their
URL (`shards`), each indexed by its own small Pagefind process, one per core at
a time. A build re-indexes only the shards one of whose pages changed (a
fingerprint of each shard's page files), then writes the shards' indexes as one
(`bundle`): visitors get the one index a single Pagefind run makes, with the
same results and scores. Each shard's decoded index is kept in
`pagefind/.shards/` (dot folders are never published) for the next build.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from . import bundle, shards
from .runner import (
    EXCLUDE,
    SCRATCH_PREFIXES,
    SearchIndexError,
    index_pages,
    scratch,
    sweep_scratch,
    tag_kind,
)

__all__ = ["OUTPUT", "SearchIndexError", "SearchStats", "build_search_index", "tag_kind"]

OUTPUT = "pagefind"
WORK = ".shards"  # inside OUTPUT: each shard's decoded index, and the state
STATE = "state.json"
# What Pagefind writes that belongs to one index; the rest is its scripts and styles.
INDEX_FILES = ("pagefind-entry.json", "index", "fragment", "filter")
# Bump when what is staged for Pagefind or kept per shard changes: all is indexed again.
STAGING_VERSION = "3"


@dataclass(frozen=True)
class SearchStats:
    """What one indexing run did."""

    pages: int
    seconds: float
    skipped: bool = False  # nothing changed since the last run
    shards: int = 0  # shards the pages are split into
    indexed: int = 0  # shards (re)indexed by Pagefind this run


def pages_to_index(
    build_dir: Path, pages: Iterable[tuple[str, Any]]
) -> list[tuple[Path, str, str]]:
    """List (file, url, kind) for every published page whose kind asks to be found."""
    found = []
    for url, spec in pages:
        if spec.search and url.endswith("/"):
            file = build_dir / url.strip("/") / "index.html"
            if file.is_file():
                found.append((file, url, spec.search))
    return sorted(found, key=lambda page: page[1])


def _settings() -> str:
    return json.dumps([STAGING_VERSION, version("pagefind"), EXCLUDE])


def _fingerprint(settings: str, pages: list[tuple[Path, str, str]]) -> str:
    # Frozen-Flask rewrites a page only when its bytes change, so its size and
    # modification time say whether it changed (as for make), without reading it.
    digest = hashlib.sha256(settings.encode())
    for path, url, kind in pages:
        st = path.stat()
        digest.update(f"\0{url}\0{kind}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()


def _read_state(work: Path) -> dict:
    try:
        state = json.loads((work / STATE).read_text("utf-8"))
        return state if isinstance(state.get("shards"), dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def build_search_index(
    build_dir: Path,
    published: Iterable[tuple[str, Any]],
    force: bool = False,
    *,
    per_shard: int | None = None,
    jobs: int | None = None,
) -> SearchStats:
    """Index the frozen site in `build_dir` into `build_dir/pagefind/`.

    `published` lists the site's (url, UrlSpec) pairs, as a build passes them to
    its post-build steps; `force` indexes every shard again. `per_shard` pages
    (default `shards.SHARD_PAGES`) are indexed by one Pagefind process, `jobs`
    processes at a time (default: one per core).
    """
    started = time.perf_counter()
    build_dir = Path(build_dir).resolve()
    out = build_dir / OUTPUT
    work = out / WORK
    pages = pages_to_index(build_dir, published)
    if not pages:  # nothing to find: no index, and the search page says so
        shutil.rmtree(out, ignore_errors=True)
        return SearchStats(0, time.perf_counter() - started)
    state = {} if force else _read_state(work)
    bits = shards.shard_bits(len(pages), state.get("bits"), per_shard or shards.SHARD_PAGES)
    groups = shards.split(pages, lambda page: page[1], bits)
    settings = _settings()
    prints = {b: _fingerprint(settings, group) for b, group in groups.items()}
    old = state.get("shards", {}) if state.get("bits") == bits else {}
    one_run = state.get("one_run", False)  # last time the merge fell back to one Pagefind run
    todo = [b for b in groups if old.get(str(b)) != prints[b] or not (one_run or _kept(work, b))]
    if not todo and old.keys() == {str(b) for b in groups} and _complete(out):
        return SearchStats(len(pages), time.perf_counter() - started, True, len(groups))
    # Forget the old fingerprints first: if indexing fails half-way, the next
    # build must not trust shards this one did not finish.
    (work / STATE).unlink(missing_ok=True)
    sweep_scratch()
    (out / ".frostfolio-fingerprint").unlink(missing_ok=True)  # the one-run layout's
    if old.keys() != {str(b) for b in groups}:  # shards emptied, or split anew
        _clear(work, keep={str(b) for b in groups} if old else set())
    for folder in (work, out / "index", out / "filter", out / "fragment"):
        folder.mkdir(parents=True, exist_ok=True)
    try:
        if todo:
            _index_shards({b: groups[b] for b in todo}, out, work, jobs)
        _merge(out, work, list(groups))
    except bundle.UnsupportedIndex:
        _single_run(pages, out)  # a Pagefind this merge does not know: the slow, sure way
        _clear(work, keep=set())
        one_run = True
    else:
        one_run = False
    state = {"bits": bits, "shards": {str(b): fp for b, fp in prints.items()}, "one_run": one_run}
    (work / STATE).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    return SearchStats(len(pages), time.perf_counter() - started, False, len(groups), len(todo))


def _head(work: Path, b: int) -> Path:
    return work / f"{b}.head"


def _kept(work: Path, b: int) -> bool:
    """Whether shard `b`'s decoded index is kept (else it is indexed again)."""
    return _head(work, b).is_file() and (work / f"{b}.words").is_file()


def _complete(out: Path) -> bool:
    return (out / "pagefind-entry.json").is_file() and (out / "pagefind.js").is_file()


def _clear(work: Path, keep: set[str]) -> None:
    """Delete what `work` keeps of the shards not named in `keep`."""
    if work.is_dir():
        for item in work.iterdir():
            if item.name.split(".")[0] not in keep:
                shutil.rmtree(item) if item.is_dir() else item.unlink()


def _index_shards(todo: dict[int, list], out: Path, work: Path, jobs: int | None) -> None:
    """Index each shard with Pagefind, `jobs` at a time, and keep what it made in `work`."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    tasks = [(b, pages, out, work, i == 0) for i, (b, pages) in enumerate(todo.items())]
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            _index_one(*task)
        return
    # Processes, not threads: staging and decoding are Python work that would
    # hold the GIL while the other shard waits to write its files.
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for _done in pool.imap_unordered(_index_task, tasks):
            pass


def _index_task(task: tuple) -> None:
    # (A worker stopped half-way, when another shard failed, leaves its scratch
    # folder behind: `sweep_scratch` deletes it an hour later.)
    _index_one(*task)


def _index_one(b: int, pages: list, out: Path, work: Path, scripts: bool) -> None:
    """Index shard `b`; keep its decoded index and its words encoded."""
    prefix = f"{SCRATCH_PREFIXES[1]}{b}-"
    with tempfile.TemporaryDirectory(prefix=prefix, dir=scratch()) as tmp:
        run = Path(tmp) / "bundle"
        index_pages(pages, run)
        shard = bundle.read_shard(run)
        _keep_fragments(shard, run / "fragment", out / "fragment")
        if scripts:  # Pagefind's scripts and styles, the same from every shard
            for item in run.iterdir():
                if not (item.name in INDEX_FILES or item.name.endswith(".pf_meta")):
                    shutil.copyfile(item, out / item.name)
    words = {lang: part.words for lang, part in shard.parts.items()}
    # Encoded now with the shard's own metadata fields, which are most likely the
    # merged index's (checked when merging), so the decoded words need not stay in memory.
    key = {lang: part.fields for lang, part in shard.parts.items()}
    encoded = {lang: bundle.encode_words(part, part.fields) for lang, part in shard.parts.items()}
    for part in shard.parts.values():
        part.words = {}
    _dump(work / f"{b}.words", words)
    _dump(work / f"{b}.enc", {"key": key, "words": encoded}, marshal.dumps)
    _dump(_head(work, b), shard)


def _keep_fragments(shard: bundle.Shard, made: Path, fragments: Path) -> None:
    """Copy the shard's page fragments to `fragments`, renamed by a longer hash of their bytes.

    Pagefind names a fragment by 7 hex digits of a hash, longer only when two
    collide in one run; across a few thousand pages indexed in separate runs two
    would share a name a few times in a hundred sites.
    """
    for part in shard.parts.values():
        for page in part.fragments:
            data = (made / f"{page[0]}.pf_fragment").read_bytes()
            lang = page[0].rsplit("_", 1)[0]
            page[0] = f"{lang}_{hashlib.sha256(data).hexdigest()[:16]}"
            target = fragments / f"{page[0]}.pf_fragment"
            if not target.exists():  # named by its content: an unchanged page's is there
                _dump(target, data, bytes)


def _merge(out: Path, work: Path, order: list[int]) -> None:
    """Write the shards' indexes, in `order`, as one index in `out`."""
    heads = [_load(_head(work, b)) for b in order]
    langs = sorted({lang for head in heads for lang in head.parts})
    fields = {lang: bundle.merged_fields(heads, lang) for lang in langs}
    encoded = []
    for i, b in enumerate(order):
        key = {lang: fields[lang] for lang in heads[i].parts}
        cached = _load(work / f"{b}.enc", None, marshal.loads)
        if cached is None or cached["key"] != key:  # another shard brought a new field
            words = _load(work / f"{b}.words")
            part_words = {
                lang: bundle.encode_words(_with(heads[i].parts[lang], words[lang]), key[lang])
                for lang in heads[i].parts
            }
            cached = {"key": key, "words": part_words}
            _dump(work / f"{b}.enc", cached, marshal.dumps)
        encoded.append(cached["words"])
    bundle.write_merged(out, heads, encoded)
    shown = {page[0] for head in heads for part in head.parts.values() for page in part.fragments}
    for fragment in (out / "fragment").iterdir():
        if fragment.stem not in shown:
            fragment.unlink()


def _with(part: bundle.Part, words: dict) -> bundle.Part:
    return bundle.Part(part.fragments, part.fields, words, part.filters, part.wasm)


def _single_run(pages: list, out: Path) -> None:
    """Index every page in one Pagefind run into `out` (the layout before shards)."""
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIXES[0], dir=scratch()) as tmp:
        run = Path(tmp) / "bundle"
        index_pages(pages, run)
        for item in out.iterdir():
            if item.name != WORK:
                shutil.rmtree(item) if item.is_dir() else item.unlink()
        for item in run.iterdir():
            shutil.move(item, out / item.name)


def _dump(path: Path, value: Any, dumps=pickle.dumps) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(dumps(value))
    tmp.replace(path)


_MISSING = object()


def _load(path: Path, default: Any = _MISSING, loads=pickle.loads) -> Any:
    # marshal is the fastest for the encoded words (plain tuples, bytes and dicts),
    # which every merge reads for every shard.
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError, AttributeError):
        if default is _MISSING:
            raise
        return default
