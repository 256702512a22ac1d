"""Markdown to HTML: one reused Markdown instance per process, results cached by content hash.

Rendering is the most expensive step of a build, so:
- each process keeps one `markdown.Markdown` and calls `reset()` between documents
  (building the extension pipeline costs more than converting a short post);
- results are cached in memory and, when `configure(cache_dir=...)` was called, on
  disk in `<cache_dir>/md.sqlite3` (`body_cache`), keyed by a hash of the text, the URL prefix, the
  body's images (their variant names change with their bytes) and `RENDER_VERSION`,
  so a rebuild renders only what changed.

Local images are turned into responsive pictures by `inline_images`.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .body_cache import BodyCache
from .inline_images import images_key
from .shortcodes import has_tags, rewrite

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..content.items import Image

# Bump when the Markdown settings change so cached HTML is not reused.
RENDER_VERSION = "4"
HIGHLIGHT_CLASS = "highlight"
EXTENSIONS = ["fenced_code", "tables", "footnotes", "attr_list", "md_in_html"]


@dataclass(frozen=True)
class Rendered:
    """A rendered body: HTML, table of contents, and the URL prefix it was made for."""

    html: str
    toc: str
    prefix: str


_state: dict = {"pid": None}
_memory: dict[str, Rendered] = {}
_disk: BodyCache | None = None


def configure(cache_dir: Path | None) -> None:
    """Keep rendered HTML on disk in `cache_dir` (None: memory only)."""
    global _disk
    if _disk is not None:
        _disk.close()
    _disk = BodyCache(Path(cache_dir)) if cache_dir else None


def _prefix_extension() -> Any:
    """An extension prefixing site-absolute links, image sources and srcsets with the sub-path."""
    # Imported here, not at module level: a no-change rebuild never renders and
    # should not pay for importing Markdown and Pygments.
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class PrefixLinks(Treeprocessor):
        prefix = ""

        def run(self, root: Any) -> None:
            if not self.prefix:
                return
            for el in root.iter():
                for attr in ("href", "src"):
                    value = el.get(attr)
                    if value and value.startswith("/") and not value.startswith("//"):
                        el.set(attr, self.prefix + value)
                srcset = el.get("srcset")
                if srcset:
                    el.set("srcset", ", ".join(map(self._prefixed, srcset.split(", "))))

        def _prefixed(self, candidate: str) -> str:
            local = candidate.startswith("/") and not candidate.startswith("//")
            return self.prefix + candidate if local else candidate

    class PrefixExtension(Extension):
        processor: PrefixLinks

        def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - Markdown's API
            self.processor = PrefixLinks(md)
            md.treeprocessors.register(self.processor, "sitegen_prefix", 1)

    return PrefixExtension()


def _fast_highlighting() -> Any:
    """Return a formatter class that builds its style table once, and cache lexers.

    codehilite makes a new formatter and looks up the lexer for every code block;
    building the formatter's style table alone took a third of a post's render time.
    """
    from functools import lru_cache

    import markdown.extensions.codehilite as codehilite
    from pygments.formatters.html import HtmlFormatter
    from pygments.token import Whitespace

    class CachedStyleFormatter(HtmlFormatter):
        _tables: dict = {}

        def _create_stylesheet(self) -> None:
            key = (self.style, self.classprefix)
            if key not in self._tables:
                super()._create_stylesheet()
                self._tables[key] = (self.ttype2class, self.class2style)
            self.ttype2class, self.class2style = self._tables[key]

        def _get_css_classes(self, ttype: Any) -> str:
            # Whitespace has no visible colour: leave it unwrapped (a code-heavy post
            # carried 1.6 KB of `<span class="w"> </span>`).
            if ttype in Whitespace:
                return ""
            return super()._get_css_classes(ttype)

    lookup = codehilite.get_lexer_by_name

    @lru_cache(maxsize=64)
    def cached_lexer(name: str, **options: Any) -> Any:
        return lookup(name, **options)

    def get_lexer_by_name(name: str, **options: Any) -> Any:
        try:
            return cached_lexer(name, **options)
        except TypeError:  # unhashable option values: no cache
            return lookup(name, **options)

    codehilite.get_lexer_by_name = get_lexer_by_name
    return CachedStyleFormatter


def _instances() -> dict:
    # After a fork each worker builds its own instances (they are not safe to share).
    if _state["pid"] != os.getpid():
        import markdown

        from .brackets import extension as fast_brackets
        from .inline_images import extension as body_images_extension
        from .quick_inline import extension as quick_inline
        from .smartpunct import SmartPunctuation

        prefix = _prefix_extension()
        images = body_images_extension()
        body = markdown.Markdown(
            extensions=[
                *EXTENSIONS,
                "codehilite",
                "toc",
                images,
                prefix,
                SmartPunctuation(),
                fast_brackets(),  # last: it speeds up every link pattern registered before
                quick_inline(),
            ],
            extension_configs={
                "codehilite": {
                    "css_class": HIGHLIGHT_CLASS,
                    "guess_lang": False,
                    "pygments_formatter": _fast_highlighting(),
                },
                "toc": {"permalink": "#", "permalink_title": "Link to this section"},
            },
            output_format="html",
        )
        sprefix = _prefix_extension()
        summary = markdown.Markdown(
            extensions=["attr_list", sprefix, SmartPunctuation(), fast_brackets(), quick_inline()],
            output_format="html",
        )
        _state.update(
            pid=os.getpid(),
            body=body,
            prefix=prefix,
            images=images,
            summary=summary,
            sprefix=sprefix,
        )
    return _state


def _key(*parts: str) -> str:
    h = hashlib.sha1(RENDER_VERSION.encode())
    for part in parts:
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def _toc_html(tokens: list[dict]) -> str:
    def count(ts: list[dict]) -> int:
        return sum(1 + count(t["children"]) for t in ts)

    if count(tokens) < 2:
        return ""

    def ul(ts: list[dict]) -> str:
        items = "".join(
            f'<li><a href="#{t["id"]}">{t["name"]}</a>'
            f"{ul(t['children']) if t['children'] else ''}</li>"
            for t in ts
        )
        return f"<ul>{items}</ul>"

    return ul(tokens)


def render_body(
    text: str,
    prefix: str = "",
    images: Mapping[str, Image | str] | None = None,
    values: Mapping[str, str] | None = None,
) -> Rendered:
    """Render a Markdown body (cached); `prefix` is the site's sub-path, e.g. `/blog-site`.

    `images` maps the `src` of each local image to its variants (or its published path),
    as `content.body_images` found them. Hugo shortcodes and Jekyll Liquid tags are
    rewritten first (`shortcodes`), with `values` giving the URLs of the files they
    name and the site's and page's titles.
    """
    if has_tags(text):
        text = rewrite(text, values or {})
    key = _key("body", prefix, text, images_key(images))
    hit = _memory.get(key)
    if hit is not None:
        return hit
    kept = _disk.get(key) if _disk is not None else None
    if kept is not None:
        result = Rendered(kept[0], kept[1], prefix)
    else:
        st = _instances()
        md = st["body"]
        st["prefix"].processor.prefix = prefix
        st["images"].processor.images = images or {}
        html = md.reset().convert(text)
        result = Rendered(html, _toc_html(md.toc_tokens), prefix)
        if _disk is not None:
            _disk.put(key, result.html, result.toc)
    _memory[key] = result
    return result


def flush_cache() -> None:
    """Write the bodies rendered since the last flush to the disk cache (see `body_cache`)."""
    if _disk is not None:
        _disk.flush()


atexit.register(flush_cache)  # a build's own process ends with os._exit: it flushes itself


def render_summary(text: str, prefix: str = "") -> str:
    """Render a short summary: inline Markdown and smart quotes only."""
    key = _key("summary", prefix, text)
    hit = _memory.get(key)
    if hit is None:
        st = _instances()
        st["sprefix"].processor.prefix = prefix
        hit = Rendered(st["summary"].reset().convert(text), "", prefix)
        _memory[key] = hit
    return hit.html


_BLOCK_SKIP = re.compile(r"^\s*(#|```|~~~|<|!\[|\||>|[-*+] |\d+\. |\[\^|\{\{|\{%)")


def first_paragraph(text: str) -> str:
    """Return the body's first prose paragraph as Markdown source (the default summary)."""
    in_fence = False
    for block in re.split(r"\n\s*\n", text.strip()):
        stripped = block.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = stripped.count("```") % 2 == 1 or stripped.count("~~~") % 2 == 1
            continue
        if in_fence:
            if "```" in stripped or "~~~" in stripped:
                in_fence = False
            continue
        if stripped and not _BLOCK_SKIP.match(stripped):
            return " ".join(line.strip() for line in stripped.splitlines())
    return ""


_MD_SYNTAX = re.compile(
    r"!?\[([^\]]*)\]\([^)]*\)|[*_`~]+|<[^>]+>|\{[:#.][^}]*\}|\{\{.*?\}\}|\{%.*?%\}"
)


def plain_text(markdown_text: str) -> str:
    """Strip inline Markdown and HTML from a snippet: links keep their text."""
    return " ".join(_MD_SYNTAX.sub(lambda m: m.group(1) or "", markdown_text).split())


def count_words(markdown_text: str) -> int:
    """Count words a reader reads (code blocks count too: they are read, slowly)."""
    # Whitespace-separated tokens: close enough for reading time, and 5x faster than a regex.
    return len(markdown_text.split())


def reading_time(words: int, wpm: int = 230) -> int:
    """Minutes to read `words` words, at least one."""
    return max(1, round(words / wpm))
