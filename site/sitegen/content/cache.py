"""Items of unchanged files, kept between loads and builds.

Reading and validating 4,000 files takes seconds; checking that they did not
change takes 50 ms. Items are kept in memory (preview reloads) and pickled in the
cache folder (the next build), keyed by cache folder, kind and file, stamped with
the file's mtime and size, the day (future posts) and the preview flag.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .record import Loader

# Items of unchanged files from the last load (this process, or the last build via
# the cache): reading and validating 4,000 files takes seconds, checking them 50 ms.
# Keyed by (cache folder, kind, file): items point at image variants in their cache.
reuse: dict[tuple[str, str, str], tuple[tuple, bool, Any]] = {}
restored: set[str] = set()


def code_digest() -> str:
    """Hash of the generator's own code: cached results are void when it changes."""
    h = hashlib.sha1()
    root = Path(__file__).parents[1]
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in ("publish", "commands"):
            continue  # commands (the dev server, deployment) do not shape pages
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def reuse_file(loader: Loader) -> Path:
    return (
        loader.cache_dir
        / "items"
        / (hashlib.sha1(str(loader.root).encode()).hexdigest()[:16] + ".pickle")
    )


def restore(loader: Loader) -> None:
    key = str(reuse_file(loader))
    if key in restored:
        return
    restored.add(key)
    path = reuse_file(loader)
    try:
        with path.open("rb") as fh:
            data = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return
    if data.get("code") == code_digest():
        reuse.update(data["items"])


def persist(loader: Loader) -> None:
    prefix = str(loader.root) + os.sep
    cache = str(loader.cache_dir)
    items = {k: v for k, v in reuse.items() if k[0] == cache and k[2].startswith(prefix)}
    path = reuse_file(loader)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(
                {"code": code_digest(), "items": items}, fh, protocol=pickle.HIGHEST_PROTOCOL
            )
        tmp.replace(path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass  # only a cache: the next build reads the files again


def unchanged(stamps: list[tuple]) -> bool:
    for name, mtime, size in stamps:
        try:
            st = os.stat(name)
        except OSError:
            return False
        if (st.st_mtime_ns, st.st_size) != (mtime, size):
            return False
    return True


def reusable(kind: str, file: Path, loader: Loader) -> bool:
    """Tell whether the item of `kind` read from `file` last time can be used as is."""
    cached = reuse.get((str(loader.cache_dir), kind, str(file)))
    if not cached or cached[1] != loader.preview:
        return False
    st = os.stat(file)
    return cached[0] == (st.st_mtime_ns, st.st_size, loader.today)
