"""Site search: index the frozen HTML with Pagefind after every build.

Pagefind reads the final pages, so the index always matches what visitors see.
Which pages are indexed is up to the kinds: a page whose `UrlSpec.search` names its
kind ("post", "recipe"…) is indexed and tagged with that `kind` filter, added to a
staging copy of the page that `python -m pagefind` reads (the files in the build
are not touched). Listing pages (indexes, tags, filters) set no `search`, so a
search finds the item itself, not every list it appears on. Other filters
(cuisine, diet) come from `data-pagefind-filter` in the kinds' templates. Result
URLs are site-relative; the search page gives Pagefind's UI the site's sub-path
as its base URL.

The whole site is re-indexed whenever any page changed (Pagefind has no partial
update); a fingerprint of every page lets an unchanged rebuild skip the work.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTPUT = "pagefind"
FINGERPRINT = ".frostfolio-fingerprint"
# Page furniture that would make every page match every query.
EXCLUDE = [
    "header",
    "footer",
    "nav",
    "form",
    "[role=search]",
    ".skip-link",
    ".headerlink",
    "script",
]


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


@dataclass(frozen=True)
class SearchStats:
    """What one indexing run did."""

    pages: int
    seconds: float
    skipped: bool = False  # nothing changed since the last run


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


def _fingerprint(pages: list[tuple[Path, str, str]]) -> str:
    digest = hashlib.sha256()
    for path, url, kind in pages:
        digest.update(f"{url}\0{kind}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def tag_kind(html: str, kind: str) -> str:
    """Add the `kind` filter to a page's HTML."""
    marker = f'<span data-pagefind-filter="kind:{kind}" hidden></span>'
    at = html.lower().rfind("</body")
    if at < 0:
        return html + marker
    return html[:at] + marker + html[at:]


def build_search_index(
    build_dir: Path, published: Iterable[tuple[str, Any]], force: bool = False
) -> SearchStats:
    """Index the frozen site in `build_dir` into `build_dir/pagefind/`.

    `published` lists the site's (url, UrlSpec) pairs, as a build passes them to
    its post-build steps.
    """
    started = time.perf_counter()
    build_dir = Path(build_dir).resolve()
    pages = pages_to_index(build_dir, published)
    out = build_dir / OUTPUT
    stamp = out / FINGERPRINT
    fingerprint = _fingerprint(pages)
    if not force and stamp.exists() and stamp.read_text() == fingerprint:
        return SearchStats(len(pages), time.perf_counter() - started, skipped=True)
    # Pagefind only adds files: clear the old bundle so removed pages leave no fragments.
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="frostfolio-search-") as tmp:
        staging = Path(tmp) / "site"
        for path, url, kind in pages:
            target = staging / url.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(tag_kind(path.read_text(encoding="utf-8"), kind), encoding="utf-8")
        config = {"site": str(staging), "output_path": str(out), "exclude_selectors": EXCLUDE}
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        _run_pagefind(Path(tmp))
    stamp.write_text(fingerprint)
    return SearchStats(len(pages), time.perf_counter() - started)


def _run_pagefind(cwd: Path) -> None:
    # The CLI of the installed package (its binary ships in the wheel); it reads
    # pagefind.json from its working folder.
    command = [sys.executable, "-m", "pagefind", "--silent"]
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"search index: could not run Pagefind: {err}") from err
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError(
            "search index: Pagefind failed"
            + (f": {detail[-1]}" if detail else f" with exit code {done.returncode}")
        )
