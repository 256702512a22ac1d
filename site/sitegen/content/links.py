"""Links in Markdown bodies: found without rendering, checked against the site's pages."""

from __future__ import annotations

import re
from typing import Any

from .problems import Problem

_LINK = re.compile(r"\]\(\s*<?(/[^)\s>]*)|(?:href|src)\s*=\s*[\"'](/[^\"']*)")


_CODE = re.compile(
    r"^ {0,3}(```+|~~~+)[^\n]*\n.*?^ {0,3}\1[ \t]*$|`[^`\n]+`|^(?: {4}|\t)[^\n]*$", re.S | re.M
)


def may_link(body: str) -> bool:
    """Cheap test for site links (`in` is 50x faster than a regex)."""
    return any(s in body for s in ("](/", "](<", "( /", '="/', "='/", '= "/'))


def prose_of(body: str) -> str:
    """Blank out code (fenced, indented, inline), keeping line numbers: links there are examples."""
    if "`" not in body and "~~~" not in body and "    " not in body and "\t" not in body:
        return body
    return _CODE.sub(lambda m: "\n" * m.group(0).count("\n"), body)


def body_links(prose: str, body_line: int) -> list[tuple[int, str]]:
    """Return (line, target) for every site-absolute link or image source."""
    links: list[tuple[int, str]] = []
    if "/" not in prose:
        return links
    for match in _LINK.finditer(prose):
        target = match.group(1) or match.group(2)
        if target.startswith("//"):
            continue
        line = body_line + prose.count("\n", 0, match.start())
        links.append((line, target))
    return links


def check_links(content: Any, known: set[str]) -> list[Problem]:
    """Report every site-absolute link in a body that points at no page or file."""
    problems = []
    images = content.root / "images"
    failed = set(content.extras.get("failed_slugs", ()))  # pages of files with problems
    by_slug: dict[str, list[str]] = {}
    for url in known:
        if url.endswith("/"):
            by_slug.setdefault(url.rstrip("/").rsplit("/", 1)[-1], []).append(url)
    for item in content.all_items():
        for line, target in getattr(item, "body_links", ()):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not path or path in known:
                continue
            if path.startswith("/images/") and (images / path[len("/images/") :]).is_file():
                continue
            slug = path.rstrip("/").rsplit("/", 1)[-1]
            if slug in failed:
                continue  # the page it names has problems of its own, reported already
            problems.append(Problem(item.source, line, None, _broken(target, path, known, by_slug)))
    return problems


def _broken(target: str, path: str, known: set[str], by_slug: dict[str, list[str]]) -> str:
    """Say why a link is broken, and what was probably meant."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and not last.endswith((".html", ".htm")):
        # A file, not a page: /pix/x.webp (Hugo's static/) or a bundle's image.
        places = f"content/static{path}"
        if path.startswith("/images/"):
            places = f"content{path} and {places}"
        return f"missing file: {target} (looked for {places})"
    if not path.endswith("/") and path + "/" in known:
        return f"broken link: {target} is not a page of this site (did you mean {path}/?)"
    candidates = by_slug.get(last.removesuffix(".html"), [])
    if len(candidates) == 1:
        return f"broken link: {target} is not a page of this site (did you mean {candidates[0]}?)"
    return f"broken link: {target} is not a page of this site"
