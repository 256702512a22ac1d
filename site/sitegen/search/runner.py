"""Run Pagefind over one shard: a staging copy of its pages, tagged with their kind.

Pagefind reads a folder of HTML files, so each page of the shard is copied to a
temporary folder with its `kind` filter added (the files in the build are not
touched) and its `<head>` left out but for the title (Pagefind reads none of
it; less to write and parse). The Pagefind binary shipped in the `pagefind`
wheel is run on it directly, without the Python wrapper's start-up.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

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
SCRATCH_PREFIXES = ("frostfolio-search-", "frostfolio-shard-")
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.I | re.S)
_BODY = re.compile(r"<body\b", re.I)
_BODY_END = re.compile(r"</body", re.I)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


def tag_kind(html: str, kind: str) -> str:
    """Add the `kind` filter to a page's HTML."""
    marker = f'<span data-pagefind-filter="kind:{kind}" hidden></span>'
    # Not `html.lower()`: a copy of the page, and "İ" lowers to two characters.
    at = max(html.rfind("</body"), html.rfind("</BODY"))
    if at < 0:
        found = list(_BODY_END.finditer(html))
        at = found[-1].start() if found else -1
    if at < 0:
        return html + marker
    return html[:at] + marker + html[at:]


def staged_page(html: str, kind: str) -> str:
    """Return what Pagefind reads of a page: `<html>` tag, title and body, tagged `kind`."""
    body = _BODY.search(html)
    if body is None:  # not a whole document: index it as it is
        return tag_kind(html, kind)
    opening = _HTML_TAG.search(html, 0, body.start())
    title = _TITLE.search(html, 0, body.start())
    head = (
        "<!doctype html>\n"
        + (opening.group(0) if opening else "<html>")
        + '<head><meta charset="utf-8">'
        + (title.group(0) if title else "")
        + "</head>\n"
    )
    return head + tag_kind(html[body.start() :], kind)


def scratch() -> str | None:
    """A folder for short-lived files: memory (/dev/shm) where there is one.

    Staging a shard and Pagefind's output are a few hundred small files, written,
    read once and deleted; on a virtual disk creating each costs a millisecond
    or more, in memory a few microseconds.
    """
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def sweep_scratch(older_than: float = 3600) -> None:
    """Delete scratch folders of search runs that were killed (memory is not freed otherwise)."""
    folder = scratch()
    if folder is None:
        return
    now = time.time()
    for entry in os.scandir(folder):
        if entry.name.startswith(SCRATCH_PREFIXES) and entry.is_dir(follow_symlinks=False):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                    shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                pass


def index_pages(pages: Sequence[tuple[Path | str, str, str]], output: Path) -> None:
    """Index (file, url, kind) pages into a new Pagefind bundle at `output`."""
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIXES[0], dir=scratch()) as tmp:
        staging = Path(tmp) / "site"
        for path, url, kind in pages:
            target = staging / url.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            html = Path(path).read_text("utf-8")
            target.write_text(staged_page(html, kind), encoding="utf-8")
        config = {"site": str(staging), "output_path": str(output), "exclude_selectors": EXCLUDE}
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        run_pagefind(Path(tmp))


def run_pagefind(cwd: Path) -> None:
    """Run Pagefind in `cwd`, which holds its `pagefind.json`; raise SearchIndexError."""
    command = [binary(), "--silent"]
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


def binary() -> str:
    """Path of the Pagefind binary: PAGEFIND_BINARY_PATH, else the one in the wheel."""
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return os.environ["PAGEFIND_BINARY_PATH"]
    try:  # the `pagefind[extended]` wheel's binary (the one the project installs)
        from pagefind_bin_extended import get_executable
    except ImportError:
        try:
            from pagefind_bin import get_executable
        except ImportError:
            raise SearchIndexError(
                "search index: Pagefind is not installed (pip install 'pagefind[extended]')"
            ) from None
    return str(get_executable())
