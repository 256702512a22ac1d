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
URL (`shards`). A cold build indexes each shard with its own small Pagefind
process, one per core at a time. After that, a build finds the pages whose file
changed (size and modification time) and runs Pagefind on those alone: what
Pagefind stores of a page depends on that page only, so their entries replace
the old ones in the shard's kept index (`pages`). The shards' indexes are then
written as one (`bundle`), and only the words that changed are merged again
(`merged`): visitors get the one index a single Pagefind run makes, with the
same results and scores. What is kept between builds is in `pagefind/.shards/`
(dot folders are never published).
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..stats import stat
from . import bundle, kept, merged, reading, shards
from . import pages as pagestore
from .pages import page_key
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
STAGING_VERSION = "5"


@dataclass(frozen=True)
class SearchStats:
    """What one indexing run did."""

    pages: int
    seconds: float
    skipped: bool = False  # nothing changed since the last run
    shards: int = 0  # shards the pages are split into
    indexed: int = 0  # shards (re)indexed by Pagefind this run
    pages_indexed: int = 0  # pages Pagefind read this run (only the changed ones of a shard)


def pages_to_index(
    build_dir: Path, pages: Iterable[tuple[str, Any]]
) -> list[tuple[Path, str, str]]:
    """List (file, url, kind) for every published page whose kind asks to be found."""
    return [(Path(name), url, kind) for name, url, kind in _listed(build_dir, pages)[0]]


def _listed(build_dir: Path, published: Iterable[tuple[str, Any]]) -> tuple[list, dict]:
    """`pages_to_index` (the file's name a string), and each page's (kind, size, mtime) by URL."""
    found, stamps = [], {}
    root = str(build_dir)
    for url, spec in published:
        if spec.search and url.endswith("/"):
            name = os.path.join(root, url.strip("/"), "index.html")
            try:
                st = stat(name)  # taken by the build a moment ago, if it did
            except OSError:
                continue
            found.append((name, url, spec.search))
            stamps[url] = (spec.search, st.st_size, st.st_mtime_ns)
    return sorted(found, key=lambda page: page[1]), stamps


def _settings() -> str:
    return json.dumps([STAGING_VERSION, version("pagefind"), EXCLUDE])


def _fingerprint(settings: str, pages: list[tuple[Path, str, str]], stamps: dict) -> str:
    # Frozen-Flask rewrites a page only when its bytes change, so its size and
    # modification time say whether it changed (as for make), without reading it.
    digest = hashlib.sha256(settings.encode())
    for _path, url, _kind in pages:
        kind, size, mtime = stamps[url]
        digest.update(f"\0{url}\0{kind}\0{size}\0{mtime}".encode())
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
    pages, stamps = _listed(build_dir, published)
    if not pages:  # nothing to find: no index, and the search page says so
        shutil.rmtree(out, ignore_errors=True)
        return SearchStats(0, time.perf_counter() - started)
    state = {} if force or not _complete(out) else _read_state(work)
    bits = shards.shard_bits(len(pages), state.get("bits"), per_shard or shards.SHARD_PAGES)
    groups = shards.split(pages, lambda page: page[1], bits)
    settings = _settings()
    prints = {b: _fingerprint(settings, group, stamps) for b, group in groups.items()}
    old = state.get("shards", {}) if state.get("bits") == bits else {}
    one_run = state.get("one_run", False)  # last time the merge fell back to one Pagefind run
    todo = [
        b for b in groups if old.get(str(b)) != prints[b] or not (one_run or kept.is_kept(work, b))
    ]
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
    indexed = 0
    try:
        if todo:
            todo_pages = {b: [(*page, stamps[page[1]]) for page in groups[b]] for b in todo}
            indexed, changed = _index_shards(todo_pages, out, work, jobs, settings)
        else:
            changed = {}
        fingerprints = (old, {str(b): fp for b, fp in prints.items()})
        merged.merge(out, work, list(groups), changed, fingerprints)
    except reading.UnsupportedIndex:
        _single_run(pages, out)  # a Pagefind this merge does not know: the slow, sure way
        _clear(work, keep=set())
        one_run = True
    else:
        one_run = False
    state = {"bits": bits, "shards": {str(b): fp for b, fp in prints.items()}, "one_run": one_run}
    (work / STATE).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    seconds = time.perf_counter() - started
    return SearchStats(len(pages), seconds, False, len(groups), len(todo), indexed)


def _complete(out: Path) -> bool:
    return (out / "pagefind-entry.json").is_file() and (out / "pagefind.js").is_file()


def _clear(work: Path, keep: set[str]) -> None:
    """Delete what `work` keeps of the shards not named in `keep`."""
    if work.is_dir():
        for item in work.iterdir():
            if item.name.split(".")[0] not in keep:
                shutil.rmtree(item) if item.is_dir() else item.unlink()


def _index_shards(
    todo: dict[int, list], out: Path, work: Path, jobs: int | None, settings: str
) -> tuple[int, dict[int, dict]]:
    """Index each shard's changed pages, `jobs` shards at a time.

    Return the pages indexed, and the words that changed in each shard's languages.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    tasks = [(b, pages, out, work, settings, i == 0) for i, (b, pages) in enumerate(todo.items())]
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        done = [_index_task(task) for task in tasks]
    else:
        # Processes, not threads: staging and decoding are Python work that would
        # hold the GIL while the other shard waits to write its files.
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            done = list(pool.imap_unordered(_index_task, tasks))
    return sum(count for _b, count, _words in done), {b: words for b, _count, words in done}


def _index_task(task: tuple) -> tuple[int, int, dict]:
    # (A worker stopped half-way, when another shard failed, leaves its scratch
    # folder behind: `sweep_scratch` deletes it an hour later.)
    # Without the cyclic garbage collector: decoding a shard makes millions of
    # lists and no cycle, and each collection would walk them all (2.5x slower).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return (task[0], *_index_one(*task))
    finally:
        if collecting:
            gc.enable()


def _index_one(
    b: int, pages: list, out: Path, work: Path, settings: str, scripts: bool = False
) -> tuple[int, dict[str, set[str] | None]]:
    """Index shard `b`'s new and changed pages and keep its index.

    Return how many pages were indexed, and the words that changed in each
    language (None: any may have).

    `pages` are (file, url, kind, (kind, size, modification time)). The first
    time, or when most of its pages changed, Pagefind reads every page of the
    shard; after that only those whose file changed (`pages.update`).
    """
    stamps = {url: stamp for _path, url, _kind, stamp in pages}
    pages = [page[:3] for page in pages]
    last = kept.load_store(work, b)
    if last is None or last["settings"] != settings:
        last = {"stamps": {}, "langs": {}, "about": None}
    changed = [page for page in pages if last["stamps"].get(page[1]) != stamps[page[1]]]
    if len(changed) > len(pages) // 2:  # most of them: one run over the shard is as quick
        changed, last["langs"] = pages, {}
    gone = {page_key(url) for url in last["stamps"] if url not in stamps}
    gone |= {page_key(url) for _path, url, _kind in changed}
    found, about, made = {}, last["about"], {}
    if changed:
        prefix = f"{SCRATCH_PREFIXES[1]}{b}-"
        with tempfile.TemporaryDirectory(prefix=prefix, dir=scratch()) as tmp:
            run = Path(tmp) / "bundle"
            index_pages(changed, run)
            shard = reading.read_shard(run)
            about = [shard.version, shard.include_characters]
            for lang, part in shard.parts.items():
                found[lang] = (_keep_fragments(part, run / "fragment", out / "fragment"), part)
                made[lang] = (part, shard.rests.get(lang))
            if scripts:  # Pagefind's scripts and styles, the same from every run
                _copy_scripts(run, out)
    langs, touched = pagestore.update(last["langs"], found, gone)
    before = kept.load(work / f"{b}.enc", None, marshal.loads) if last["langs"] else None
    encoded = {}
    for lang, (_keys, part) in langs.items():
        words = before and before["key"].get(lang) == part.fields and before["words"].get(lang)
        if words and touched[lang] is not None:  # the same pages: only some words changed
            encoded[lang] = _reencode(words, part, touched[lang])
        else:  # a part as Pagefind wrote it comes with its words' bytes (`Shard.rests`)
            cut = made[lang][1] if lang in made and made[lang][0] is part else None
            encoded[lang] = bundle.encode_words(part, part.fields, cut)
    store = {"settings": settings, "stamps": stamps, "langs": langs, "about": about}
    kept.dump_store(work, b, store)
    (work / f"{b}.words").unlink(missing_ok=True)  # kept before pages were
    # Encoded with the shard's own metadata fields, which are most likely the merged
    # index's (checked when merging): a merge reads only these and the heads.
    fields = {lang: part.fields for lang, (_keys, part) in langs.items()}
    kept.dump(work / f"{b}.enc", {"key": fields, "words": encoded}, marshal.dumps)
    kept.dump(kept.head_file(work, b), kept.shard_of(store, words=False))
    if not before:  # encoded anew: a merge cannot tell which words changed
        touched = dict.fromkeys(touched)
    return len(changed), touched


def _reencode(encoded: dict, part: reading.Part, words: set[str]) -> dict:
    """`encoded` (the words of `part` as they were) with `words` encoded anew."""
    encoded = dict(encoded)
    now = {word: part.words[word] for word in words if word in part.words}
    sub = reading.Part(part.fragments, part.fields, now, part.filters, part.wasm)
    encoded.update(bundle.encode_words(sub, part.fields))
    for word in words - now.keys():
        encoded.pop(word, None)
    return encoded


def _copy_scripts(run: Path, out: Path) -> None:
    for item in run.iterdir():
        if not (item.name in INDEX_FILES or item.name.endswith(".pf_meta")):
            shutil.copyfile(item, out / item.name)


def _keep_fragments(part: reading.Part, made: Path, fragments: Path) -> list[str]:
    """Copy the part's page fragments to `fragments`, renamed by a longer hash of their bytes.

    Pagefind names a fragment by 7 hex digits of a hash, longer only when two
    collide in one run; across a few thousand pages indexed in separate runs two
    would share a name a few times in a hundred sites. Return each page's key
    (`pages.page_key` of the URL its fragment names), in the part's page order.
    """
    keys = []
    for page in part.fragments:
        data = (made / f"{page[0]}.pf_fragment").read_bytes()
        keys.append(page_key(pagestore.fragment_url(data)))
        lang = page[0].rsplit("_", 1)[0]
        page[0] = f"{lang}_{hashlib.sha256(data).hexdigest()[:16]}"
        target = fragments / f"{page[0]}.pf_fragment"
        if not target.exists():  # named by its content: an unchanged page's is there
            kept.dump(target, data, bytes)
    return keys


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
