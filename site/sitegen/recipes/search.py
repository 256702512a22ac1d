"""Site search: index the frozen HTML with Pagefind after every build.

Pagefind reads the final pages, so the index always matches what visitors see. Each
page is tagged with a `kind` filter (post, project, recipe, event, page) worked out
from its URL, added to the HTML handed to Pagefind in memory: the files in the build
are not touched. Listing pages (indexes, tags, filters) are left out so that a search
finds the item itself, not every list it appears on.

The whole site is re-indexed whenever any page changed (Pagefind has no partial
update); a fingerprint of every page lets an unchanged rebuild skip the work.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT = "pagefind"
FINGERPRINT = ".frostfolio-fingerprint"
# First URL segment -> kind; item pages are one level below it.
SECTIONS = {"blog": "post", "projects": "project", "recipes": "recipe", "events": "event"}
# Listing pages below a section, never indexed.
LISTINGS = {"page", "tags", "cuisine", "course", "diet", "what-can-i-make", "feed"}
# Top-level pages that are tools, not content.
SKIP_TOP = {"search", "tags", "404", "contact"}
# Page furniture that would make every page match every query.
EXCLUDE = ["header", "footer", "nav", "form", "[role=search]", ".skip-link", "script"]


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
    for path in sorted(build_dir.rglob("index.html")):
        rel = path.relative_to(build_dir).as_posix()
        if rel.startswith(f"{OUTPUT}/"):
            continue
        url = "/" + rel.removesuffix("index.html")
        kind = kind_of(url)
        if kind:
            found.append((path, url, kind))
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


def build_search_index(build_dir: Path, base_url: str = "/", force: bool = False) -> SearchStats:
    """Index the frozen site in `build_dir` into `build_dir/pagefind/`."""
    started = time.perf_counter()
    build_dir = Path(build_dir)
    pages = pages_to_index(build_dir)
    out = build_dir / OUTPUT
    stamp = out / FINGERPRINT
    fingerprint = _fingerprint(pages)
    if not force and stamp.exists() and stamp.read_text() == fingerprint:
        return SearchStats(len(pages), time.perf_counter() - started, skipped=True)
    prefix = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    # Pagefind only adds files: clear the old bundle so removed pages leave no fragments.
    shutil.rmtree(out, ignore_errors=True)
    try:
        # A thread of its own: the caller may already run an event loop (a test's browser).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index(pages, out, prefix)).result()
    except (OSError, AssertionError, RuntimeError) as err:
        raise SearchIndexError(f"search index: Pagefind failed: {err}") from err
    stamp.write_text(fingerprint)
    return SearchStats(len(pages), time.perf_counter() - started)


async def _index(pages: list[tuple[Path, str, str]], out: Path, prefix: str) -> None:
    config = IndexConfig(exclude_selectors=EXCLUDE, output_path=str(out.resolve()))
    async with PagefindIndex(config=config) as index:
        for path, url, kind in pages:
            html = tag_kind(path.read_text(encoding="utf-8"), kind)
            await index.add_html_file(content=html, url=prefix + url.lstrip("/"))


def main(argv: list[str] | None = None) -> int:
    """Index a built site: `python -m sitegen.recipes.search BUILD_DIR`."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    build_dir = Path(args[0] if args else "build")
    try:
        stats = build_search_index(build_dir, force="--force" in args)
    except SearchIndexError as err:
        print(err, file=sys.stderr)
        return 1
    print(json.dumps({"pages": stats.pages, "seconds": round(stats.seconds, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
