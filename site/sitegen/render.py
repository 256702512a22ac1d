"""Markdown to HTML: one reused Markdown instance per process, results cached by content hash.

Rendering is the most expensive step of a build, so:
- each process keeps one `markdown.Markdown` and calls `reset()` between documents
  (building the extension pipeline costs more than converting a short post);
- results are cached in memory and, when `configure(cache_dir=...)` was called, on
  disk under `<cache_dir>/md/`, keyed by a hash of the text, the URL prefix and
  `RENDER_VERSION`, so a rebuild renders only what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Bump when the Markdown settings change so cached HTML is not reused.
RENDER_VERSION = "3"
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
_cache_dir: Path | None = None


def configure(cache_dir: Path | None) -> None:
    """Keep rendered HTML on disk under `cache_dir` (None: memory only)."""
    global _cache_dir
    _cache_dir = Path(cache_dir) / "md" if cache_dir else None


def _prefix_extension() -> Any:
    """An extension prefixing site-absolute links and image sources with the sub-path."""
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

        from .smartpunct import SmartPunctuation

        prefix = _prefix_extension()
        body = markdown.Markdown(
            extensions=[
                *EXTENSIONS,
                "codehilite",
                "toc",
                prefix,
                SmartPunctuation(),
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
            extensions=["attr_list", sprefix, SmartPunctuation()], output_format="html"
        )
        _state.update(pid=os.getpid(), body=body, prefix=prefix, summary=summary, sprefix=sprefix)
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


def render_body(text: str, prefix: str = "") -> Rendered:
    """Render a Markdown body (cached); `prefix` is the site's sub-path, e.g. `/blog-site`."""
    key = _key("body", prefix, text)
    hit = _memory.get(key)
    if hit is not None:
        return hit
    path = _cache_dir / key[:2] / f"{key}.json" if _cache_dir else None
    if path is not None and path.is_file():
        data = json.loads(path.read_text("utf-8"))
        result = Rendered(data["html"], data["toc"], prefix)
    else:
        st = _instances()
        md = st["body"]
        st["prefix"].processor.prefix = prefix
        html = md.reset().convert(text)
        result = Rendered(html, _toc_html(md.toc_tokens), prefix)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"html": result.html, "toc": result.toc}), "utf-8")
            tmp.replace(path)
    _memory[key] = result
    return result


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


_BLOCK_SKIP = re.compile(r"^\s*(#|```|~~~|<|!\[|\||>|[-*+] |\d+\. |\[\^)")


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


_MD_SYNTAX = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`~]+|<[^>]+>|\{[:#.][^}]*\}")


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


_RULE = re.compile(r"^(?P<selector>[^{]+?)\s*\{(?P<declarations>[^}]*)\}")


def _style_rules(style: str, selector: str) -> dict[str, tuple[str, ...]]:
    """Pygments' highlighting rules for `style`: selector -> normalised declarations."""
    from pygments.formatters import HtmlFormatter

    rules: dict[str, tuple[str, ...]] = {}
    for line in HtmlFormatter(style=style).get_style_defs(selector).splitlines():
        match = _RULE.match(line)
        # No line numbers are rendered, and `pre { line-height }` would restyle every
        # <pre> on the site: keep only the highlighting rules.
        if not match or "linenos" in line or line.startswith("pre "):
            continue
        if match["selector"].strip() == f"{selector} .w":  # whitespace is not wrapped
            continue
        declarations = []
        for declaration in match["declarations"].split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations.append(f"{name.strip()}:{value.strip()}")
        rules[match["selector"].strip()] = tuple(declarations)
    return rules


def _colour(declarations: tuple[str, ...]) -> str | None:
    for declaration in declarations:
        if declaration.startswith("color:"):
            return declaration.removeprefix("color:").lower()
    return None


def _drop_base_colour(
    rules: dict[str, tuple[str, ...]], base: str, must_override: set[str]
) -> dict[str, tuple[str, ...]]:
    """Drop `color` declarations that repeat the block's text colour (spans inherit it).

    A selector in `must_override` keeps its colour: another block colours it too
    and this one has to win in its scheme.
    """
    base_colour = _colour(rules.get(base, ()))
    kept = {}
    for selector, declarations in rules.items():
        if selector != base and selector not in must_override and base_colour is not None:
            declarations = tuple(d for d in declarations if _colour((d,)) != base_colour)
        if declarations:
            kept[selector] = declarations
    return kept


def _merged(rules: dict[str, tuple[str, ...]], scope: str) -> str:
    """One rule per distinct declaration block, first-seen order: `.highlight :is(.c,.ch){...}`.

    Safe to reorder: every highlighted span carries exactly one token class, so no
    two of these rules style the same element; `:is()` keeps the specificity.
    """
    groups: dict[tuple[str, ...], list[str]] = {}
    for selector, declarations in rules.items():
        groups.setdefault(declarations, []).append(selector)
    lines = []
    for declarations, selectors in groups.items():
        tokens = [s.removeprefix(f"{scope} ") for s in selectors]
        if len(selectors) > 1 and all(s.startswith(f"{scope} ") for s in selectors):
            selector = f"{scope} :is({','.join(tokens)})"
        else:
            selector = ",".join(selectors)
        lines.append(f"{selector}{{{';'.join(declarations)}}}")
    return "\n".join(lines)


def pygments_css(light: str = "default", dark: str = "monokai") -> str:
    """Highlighting CSS for light and dark schemes (`prefers-color-scheme`), without repeats."""
    sel = f".{HIGHLIGHT_CLASS}"
    light_rules, dark_rules = _style_rules(light, sel), _style_rules(dark, sel)
    # Light rules still apply in the dark scheme unless a dark rule overrides them, so a
    # light colour may go only where dark sets one, and a dark one only where light sets none.
    light_rules = _drop_base_colour(
        light_rules,
        sel,
        {s for s in light_rules if _colour(dark_rules.get(s, ())) is None},
    )
    dark_rules = _drop_base_colour(
        dark_rules, sel, {s for s in dark_rules if _colour(light_rules.get(s, ()))}
    )
    # A dark rule that only repeats the light one (`.ge{font-style:italic}`) changes nothing.
    dark_rules = {s: d for s, d in dark_rules.items() if not set(d) <= set(light_rules.get(s, ()))}
    return (
        f"/* Code highlighting (Pygments: {light} / {dark}) */\n{_merged(light_rules, sel)}\n"
        f"@media (prefers-color-scheme: dark) {{\n{_merged(dark_rules, sel)}\n}}\n"
    )
