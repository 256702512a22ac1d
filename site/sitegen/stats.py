"""Stats taken a moment ago, handed to the next reader instead of a second `stat`.

A build stats its files more than once: the up-to-date check walks the content
folder before the loader reads it, and the build checks that each page's file
is there before a post-build step (search) looks at the same files. On a
virtual disk each `stat` of 4,000 costs a few microseconds that show in a
one-post rebuild. Inside `known_stats(...)`, `stat(path)` answers once from
those stats, then from the disk. Like any stat, they may be older than the
file: a change made in between is seen by the next build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISREG

_known: dict[str, os.stat_result] = {}


@contextmanager
def known_stats(stats: dict[str, os.stat_result]) -> Iterator[None]:
    """Let `stat` answer from `stats` (by path) inside the block."""
    _known.update(stats)
    try:
        yield
    finally:
        _known.clear()


def stat(path: str | Path) -> os.stat_result:
    """`os.stat(path)`, or the stat taken of it a moment ago (`known_stats`), once."""
    found = _known.pop(str(path), None)
    return found if found is not None else os.stat(path)


def regular_files(paths: Iterable[str]) -> dict[str, os.stat_result]:
    """The stat of each of `paths` that is a regular file (`os.path.isfile`), by path."""
    found = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        if S_ISREG(st.st_mode):
            found[path] = st
    return found
