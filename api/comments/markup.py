"""Visitors' text as a small, inert HTML subset: ``render(text)``.

Comments are stored verbatim; this turns a text into the HTML shown for it
(stored beside it at write time, and baked into pages by the site build).
Two layers, each enough on its own for what it covers:

1. Python-Markdown with no extensions and its raw-HTML handling removed: a
   ``<script>`` typed in a comment is text (escaped on output), never markup.
2. ``nh3`` (the Rust ammonia sanitiser) keeps only ``p br em strong code pre a
   blockquote``, only ``href`` on links, only http, https and mailto URLs
   (``javascript:`` and ``data:`` links lose their ``href``, entity-encoded or
   not), and sets ``rel="nofollow ugc noopener"`` on every link. A link left
   without an address is unwrapped to its text (HTML allows no ``<a rel>`` alone).

Both libraries are imported on first use: the API's cold start never pays for them.
"""

from __future__ import annotations

import re
import threading
from typing import Any

TAGS = {"p", "br", "em", "strong", "code", "pre", "a", "blockquote"}
ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "*": set()}  # no title, lang
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_local = threading.local()
# What nh3 leaves of a link whose address it refused: its text and `rel`, no `href`.
_DEAD_LINK = re.compile(r'<a rel="[^"<>]*">(.*?)</a>', re.S)
# What counts as a link in a visitor's text: bare URLs too (spam rarely uses Markdown),
# and Markdown or HTML link targets that are not such URLs (relative, other schemes).
_URL = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>()\[\]\"']+")
_TARGETS = re.compile(r"(?im)\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*)|<a\s[^>]*?href=\S*")


def _markdown() -> Any:
    # A Markdown instance keeps state between conversions: one per thread, reset each time.
    md = getattr(_local, "md", None)
    if md is None:
        import markdown

        md = markdown.Markdown(extensions=[], output_format="html")
        md.preprocessors.deregister("html_block")  # raw HTML blocks stay text
        md.inlinePatterns.deregister("html")  # and so do inline tags
        _local.md = md
    md.reset()
    return md


def render(text: str) -> str:
    """Return the sanitised HTML of a visitor's Markdown text."""
    import nh3

    html = _markdown().convert(text)
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _DEAD_LINK.sub(r"\1", clean)


def link_count(text: str) -> int:
    """Count the links a text holds, written as Markdown, HTML or bare URLs."""
    urls = len(_URL.findall(text))
    others = sum(1 for m in _TARGETS.finditer(text) if not _URL.search(m.group(0)))
    return urls + others
