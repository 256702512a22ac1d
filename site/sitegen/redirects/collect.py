"""Which old paths redirect where: items' `aliases:`/`redirect_from:` and site.yml's `redirects:`.

Pure (no Flask): reads the loaded content and, for the line of each entry, the
front matter of the files that have any.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.problems import Problem

ITEM_KEYS = ("aliases", "redirect_from")  # Hugo's, then Jekyll's (jekyll-redirect-from)
SITE_KEY = "redirects"
PAGE_SUFFIXES = (".html", ".htm")  # a file path a static host serves as HTML


@dataclass(frozen=True)
class Redirect:
    """One old path and where it now lives, with the file and line that asked for it."""

    path: str  # site path without the sub-path: /old/ or /2020/01/02/old.html
    target: str  # site path (/blog/new/) or a URL on another site
    title: str  # what the visitor is sent to
    source: str  # as shown to authors: content/posts/new.md
    line: int | None
    field: str


def old_path(raw: Any, here: str, base_url: str) -> str:
    """Normalise one old URL to a site path; raise ValueError saying what is wrong.

    A relative path is relative to the folder of the page it belongs to (`here`),
    as Hugo reads aliases; a folder path gets its trailing slash.
    """
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError(f"expected a path like /old/url/, got {raw!r}")
    parts = urlsplit(raw.strip())
    if (parts.scheme or parts.netloc) and parts.netloc != urlsplit(base_url).netloc:
        raise ValueError(f"{raw.strip()} is not on this site; write a path like /old/url/")
    path = parts.path
    if not path.startswith("/"):
        path = posixpath.join(here, path)
    folder = path.endswith("/")
    path = posixpath.normpath(path)
    if path in (".", "/"):
        raise ValueError(f"{raw.strip()!r} is the home page, which is a page of its own")
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in PAGE_SUFFIXES and not folder:
        return path
    if suffix and not folder:
        raise ValueError(
            f"{path} is not a page address (a folder/ or a .html file): only the host "
            "can redirect it"
        )
    return path.rstrip("/") + "/"


def item_redirects(item: Any, base_url: str) -> tuple[list[Redirect], list[Problem]]:
    """Every old path one item lists, resolved against its own URL's folder."""
    redirects: list[Redirect] = []
    problems: list[Problem] = []
    params = getattr(item, "params", None) or {}
    keys = [key for key in ITEM_KEYS if params.get(key)]
    if not keys:
        return redirects, problems
    lines = _front_matter(getattr(item, "file_path", ""))
    here = posixpath.dirname(item.path.rstrip("/")) + "/"
    for key in keys:
        raw = params[key]
        entries = raw if isinstance(raw, list) else [raw]
        for index, entry in enumerate(entries):
            line = entry_line(lines, key, index if isinstance(raw, list) else None)
            try:
                path = old_path(entry, here, base_url)
            except ValueError as exc:
                problems.append(Problem(item.source, line, key, str(exc)))
                continue
            if path != item.path:  # the page's own address needs no redirect
                redirects.append(Redirect(path, item.path, item.title, item.source, line, key))
    return redirects, problems


def site_redirects(site: Any, file: Path, shown: str) -> tuple[list[Redirect], list[Problem]]:
    """`redirects: {/old/: /new/}` in site.yml: old paths that were no item's (a section's list)."""
    raw = site.params.get(SITE_KEY)
    if raw is None:
        return [], []
    lines = file.read_text("utf-8").splitlines() if file.is_file() else []
    if not isinstance(raw, dict):
        message = f"expected old paths mapped to new ones (/old/: /new/), got {raw!r}"
        return [], [Problem(shown, entry_line(lines, SITE_KEY, None), SITE_KEY, message)]
    redirects, problems = [], []
    for index, (old, new) in enumerate(raw.items()):
        line = entry_line(lines, SITE_KEY, index)
        try:
            path = old_path(old, "/", site.base_url)
            target = _target(new)
        except ValueError as exc:
            problems.append(Problem(shown, line, SITE_KEY, str(exc)))
            continue
        redirects.append(Redirect(path, target, target, shown, line, SITE_KEY))
    return redirects, problems


def _target(raw: Any) -> str:
    if isinstance(raw, str) and (raw.startswith("/") or re.match(r"https?://", raw)):
        return raw.strip()
    raise ValueError(f"expected the new path (/new/) or a URL, got {raw!r}")


_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def _front_matter(file: str) -> list[str]:
    try:
        text = Path(file).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return []
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    return lines[:end]


def entry_line(lines: list[str], key: str, index: int | None) -> int | None:
    """The 1-based line of top-level `key`, or of its `index`-th entry in block style.

    Entries are the lines at the first indentation under the key (`- /old/` or
    `/old/: /new/`); written inline (`[a, b]`), an entry is on the key's line.
    """
    keys = ((i, _KEY.match(line)) for i, line in enumerate(lines))
    start = next((i for i, m in keys if m and m[1] == key), None)
    if start is None:
        return None
    indent, seen = None, -1
    for i in range(start + 1, len(lines) if index is not None else start):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip())
        if width == 0 and not line.startswith("- "):
            break  # the next top-level key
        indent = width if indent is None else indent
        if width == indent:
            seen += 1
            if seen == index:
                return i + 1
    return start + 1
