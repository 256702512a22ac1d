"""Site search: index the frozen HTML with Pagefind after every build.

Pagefind reads the final pages, so the index always matches what visitors see. Each
page is tagged with a `kind` filter (post, project, recipe, event, page) worked out
from its URL, added to a staging copy of the page that `python -m pagefind` reads:
the files in the build are not touched. Listing pages (indexes, tags, filters) are
left out so that a search finds the item itself, not every list it appears on.
Result URLs are site-relative; the search page gives Pagefind's UI the site's
sub-path as its base URL.

The whole site is re-indexed whenever any page changed (Pagefind has no partial
update); a fingerprint of every page lets an unchanged rebuild skip the work.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OUTPUT = "pagefind"
FINGERPRINT = ".frostfolio-fingerprint"
# First URL segment -> kind; item pages are one level below it.
SECTIONS = {"blog": "post", "projects": "project", "recipes": "recipe", "events": "event"}
# Listing pages below a section, never indexed.
LISTINGS = {"page", "tags", "cuisine", "course", "diet", "what-can-i-make", "feed"}
# Top-level pages that are tools, not content.
SKIP_TOP = {"search", "tags", "404", "contact"}
# Top-level folders of files, not pages.
ASSET_DIRS = {OUTPUT, "static", "media", "images"}
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


def kind_of(url: str) -> str | None:
    """Name the kind of content at a site path, or None for pages search leaves out."""
    parts = [p for p in url.strip("/").split("/") if p]
    if parts and parts[-1] == "index.html":
        parts = parts[:-1]
    if not parts or parts[-1].endswith(".html") or parts[-1].endswith(".xml"):
        return None
    if parts[0] in SECTIONS:
        if len(parts) == 2 and parts[1] not in LISTINGS:
            return SECTIONS[parts[0]]
        return None
    if len(parts) == 1 and parts[0] not in SKIP_TOP:
        return "page"
    return None


def pages_to_index(build_dir: Path) -> list[tuple[Path, str, str]]:
    """List (file, url, kind) for every page that search should find."""
    found = []
    for dirpath, dirnames, filenames in os.walk(build_dir):
        rel = Path(dirpath).relative_to(build_dir).as_posix()
        if rel == ".":
            # Assets and the search bundle hold no pages: do not walk thousands of files.
            dirnames[:] = [d for d in dirnames if d not in ASSET_DIRS]
        dirnames.sort()
        if "index.html" not in filenames:
            continue
        url = "/" if rel == "." else f"/{rel}/"
        kind = kind_of(url)
        if kind:
            found.append((Path(dirpath) / "index.html", url, kind))
    return found


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


def build_search_index(build_dir: Path, force: bool = False) -> SearchStats:
    """Index the frozen site in `build_dir` into `build_dir/pagefind/`."""
    started = time.perf_counter()
    build_dir = Path(build_dir).resolve()
    pages = pages_to_index(build_dir)
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


def main(argv: list[str] | None = None) -> int:
    """Index a built site: `python -m sitegen.recipes.search BUILD_DIR`."""
    args = sys.argv[1:] if argv is None else argv
    folders = [a for a in args if not a.startswith("--")]
    build_dir = Path(folders[0] if folders else "build")
    if not build_dir.is_dir():
        print(f"search index: {build_dir} is not a folder; run `make build` first", file=sys.stderr)
        return 2
    try:
        stats = build_search_index(build_dir, force="--force" in args)
    except SearchIndexError as err:
        print(err, file=sys.stderr)
        return 1
    print(json.dumps({"pages": stats.pages, "seconds": round(stats.seconds, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
