"""Items of unchanged files, kept between loads and builds.

Reading and validating 4,000 files takes seconds; checking that they did not
change takes 50 ms. Items are kept in memory (preview reloads) and pickled in the
cache folder (the next build), keyed by cache folder, kind and file, stamped with
the file's mtime and size, the day (future posts) and the preview flag. They
are pickled in buckets by file, so an edit rewrites one small file.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .record import Loader

# Items of unchanged files from the last load (this process, or the last build via
# the cache): reading and validating 4,000 files takes seconds, checking them 50 ms.
# Keyed by (cache folder, kind, file): items point at image variants in their cache.
reuse: dict[tuple[str, str, str], tuple[tuple, bool, Any]] = {}
restored: set[str] = set()
fresh: set[tuple[str, str, str]] = set()  # keys stored since the last persist


@functools.cache
def code_digest() -> str:
    """Hash of the generator's own code: cached results are void when it changes."""
    h = hashlib.sha1()
    root = Path(__file__).parents[1]
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in ("publish", "commands"):
            continue  # commands (the dev server, deployment) do not shape pages
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


# Items are pickled in BUCKETS files by a hash of their file's path, so a build
# that read a few changed files rewrites a few small files, not all 4,000 items.
BUCKETS = 64


def reuse_folder(loader: Loader) -> Path:
    return loader.cache_dir / "items" / hashlib.sha1(str(loader.root).encode()).hexdigest()[:16]


def _bucket(file: str) -> int:
    return zlib.crc32(file.encode("utf-8", "surrogateescape")) % BUCKETS


def store(key: tuple[str, str, str], value: tuple) -> None:
    """Keep the item read from a file for the next load (persisted by `persist`)."""
    reuse[key] = value
    fresh.add(key)


def restore(loader: Loader) -> None:
    folder = reuse_folder(loader)
    if str(folder) in restored:
        return
    restored.add(str(folder))
    code = code_digest()
    try:
        files = sorted(folder.glob("*.pickle"))
    except OSError:
        return
    for path in files:
        try:
            with path.open("rb") as fh:
                data = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            continue  # that bucket's files are read again, and it is rewritten
        if data.get("code") == code:
            reuse.update(data["items"])


def persist(loader: Loader) -> None:
    """Write the buckets holding an item read afresh by this load."""
    prefix = str(loader.root) + os.sep
    cache = str(loader.cache_dir)
    changed = {_bucket(k[2]) for k in fresh if k[0] == cache and k[2].startswith(prefix)}
    if not changed:
        return
    buckets: dict[int, dict] = {b: {} for b in changed}
    for k, v in reuse.items():
        if k[0] == cache and k[2].startswith(prefix):
            bucket = buckets.get(_bucket(k[2]))
            if bucket is not None:
                bucket[k] = v
    folder = reuse_folder(loader)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for b, items in buckets.items():
            path = folder / f"{b:02d}.pickle"
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                data = {"code": code_digest(), "items": items}
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # only a cache: the next build reads the files again
    fresh.difference_update(k for k in list(fresh) if _bucket(k[2]) in changed)


def unchanged(stamps: list[tuple]) -> bool:
    for name, mtime, size in stamps:
        try:
            st = os.stat(name)
        except OSError:
            return False
        if (st.st_mtime_ns, st.st_size) != (mtime, size):
            return False
    return True


def reusable(kind: str, file: Path, loader: Loader, st: os.stat_result | None = None) -> bool:
    """Tell whether the item of `kind` read from `file` (its `st` if known) can be used as is."""
    cached = reuse.get((str(loader.cache_dir), kind, str(file)))
    if not cached or cached[1] != loader.preview:
        return False
    st = st or os.stat(file)
    return cached[0] == (st.st_mtime_ns, st.st_size, loader.today)
