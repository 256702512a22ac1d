"""Links in the old pages rewritten to the new site's addresses.

Markdown links and images, reference definitions, `href`/`src` in HTML (and in
shortcodes such as `figure`), Hugo's `ref`/`relref`, Jekyll's `post_url` and
`link`, and `{{ site.baseurl }}` prefixes. Code (fenced, inline, `highlight`,
`{% raw %}`) is left exactly as written: links there are examples.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable

from .addresses import Addresses
from .model import Page, Report, Rewrite
from .paths import parent_of

_PROTECTED = re.compile(
    r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[ \t]*$|\Z)"
    r"|\{%-?\s*(?P<block>highlight|raw|comment)\b.*?\{%-?\s*end(?P=block)\s*-?%\}"
    r"|\{\{[<%]\s*highlight\b.*?\{\{[<%]\s*/highlight\s*[>%]\}\}"
    r"|<pre\b.*?</pre>"
    r"|(?P<tick>`+)[^`].*?(?P=tick)",
    re.S | re.M,
)
_BASEURL = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}(?=\s*(?:/|\{\{|\{%|\"|'|\)))")
_FILTER = re.compile(r"""\{\{-?\s*(['"])(.*?)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}""")
_JEKYLL = re.compile(r"\{%-?\s*(?P<tag>post_url|link)\s+(?P<arg>\S+?)\s*-?%\}")
_HUGO_REF = re.compile(r"\{\{(?P<o>[<%])\s*(?:rel)?ref\s+(?P<args>.+?)\s*[>%]\}\}", re.S)
_TARGET = re.compile(
    r"(?P<md>\]\(\s*<?)(?P<mdt>[^)\s>]+)"
    r"|(?P<def>^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?)(?P<deft>[^\s>]+)"
    r"|(?P<attr>\b(?:href|src)\s*=\s*)(?P<q>[\"'])(?P<attrt>[^\"'\n]*)(?P=q)",
    re.M,
)
# `{% raw %}` wrapped around whole fenced blocks: code is never run here, so only the fences stay.
_RAW_FENCES = re.compile(
    r"^[ \t]*\{%-?\s*raw\s*-?%\}[ \t]*\n"
    r"(?P<code>(?:[ \t]*\n|^ {0,3}(?P<f>`{3,}|~{3,})[^\n]*\n.*?^ {0,3}(?P=f)[ \t]*\n)+)"
    r"[ \t]*\{%-?\s*endraw\s*-?%\}[ \t]*$",
    re.S | re.M,
)
_DONE = "\x00"  # marks an address already made new (a resolved post_url), never looked up again
_SKIP = ("#", "mailto:", "tel:", "data:", "javascript:", "{{", "{%")


def segments(body: str) -> list[tuple[int, str, bool]]:
    """Split a body into (offset, text, is_code) parts, code left as written."""
    parts, at = [], 0
    for match in _PROTECTED.finditer(body):
        parts.append((at, body[at : match.start()], False))
        parts.append((match.start(), match.group(0), True))
        at = match.end()
    parts.append((at, body[at:], False))
    return [p for p in parts if p[1]]


class LinkRewriter:
    """Rewrite one page's links at a time, recording each change in the report."""

    def __init__(self, addresses: Addresses, report: Report) -> None:
        self.addresses = addresses
        self.report = report
        self.guessed = False  # the last address was the one page of its name

    def body(self, page: Page) -> str:
        """Return the page's body with its links pointing at the new site."""
        out = []
        for offset, text, code in segments(self._unwrap_raw(page)):
            if code:
                out.append(text)
                continue
            first = page.line_of(offset)
            text = self._tags(page, text, _lines(first, text))
            text = _TARGET.sub(lambda m, t=text, f=first: self._target(page, m, _lines(f, t)), text)
            out.append(text.replace(_DONE, ""))
        return "".join(out)

    def _unwrap_raw(self, page: Page) -> str:
        """Drop `{% raw %}` markers around fenced code, keeping every line where it was."""

        def unwrap(m: re.Match) -> str:
            self._record(page, page.line_of(m.start()), "{% raw %} around code", "the code alone")
            return "\n" + m.group("code")  # the markers' lines stay, empty

        return _RAW_FENCES.sub(unwrap, page.body)

    def _record(self, page: Page, line: int, old: str, new: str, guessed: bool = False) -> None:
        self.report.rewrites.append(Rewrite(f"{page.shown}:{line}", old, new, guessed))

    def _tags(self, page: Page, text: str, line: Callable[[int], int]) -> str:
        text = _BASEURL.sub("", text)
        text = _FILTER.sub(lambda m: m.group(2), text)

        def jekyll(m: re.Match) -> str:
            arg = m.group("arg")
            found = self.addresses.page_named(arg)
            if found is None:
                static = "/" + arg.strip("/")
                if m.group("tag") == "link" and static in self.addresses.files:
                    return _DONE + static + _DONE
                return m.group(0)  # the engine reports what matches nothing
            self._record(page, line(m.start()), m.group(0), found.url)
            return _DONE + found.url + _DONE

        def hugo(m: re.Match) -> str:
            try:
                words = shlex.split(m.group("args"))
            except ValueError:
                return m.group(0)
            named = dict(w.split("=", 1) for w in words if "=" in w)
            positional = [w for w in words if "=" not in w]
            target = named.get("path") or (positional[0] if positional else "")
            path, _, anchor = target.partition("#")
            found = self.addresses.page_named(path, page) if path else page
            if found is None:
                return m.group(0)
            new = found.url + (f"#{anchor}" if anchor else "")
            self._record(page, line(m.start()), m.group(0), new)
            return _DONE + new + _DONE

        return _HUGO_REF.sub(hugo, _JEKYLL.sub(jekyll, text))

    def _target(self, page: Page, m: re.Match, line: Callable[[int], int]) -> str:
        name = "mdt" if m.group("md") else "deft" if m.group("def") is not None else "attrt"
        target = m.group(name)
        new, self.guessed = None, False
        if _DONE not in target and not target.startswith(_SKIP):
            new = self.new(page, target, line(m.start()))
        if new is None or new == target:
            return m.group(0)
        self._record(page, line(m.start()), target, new, self.guessed)
        start, end = m.span(name)
        whole = m.group(0)
        return whole[: start - m.start()] + new + whole[end - m.start() :]

    def new(self, page: Page, target: str, line: int | None = None) -> str | None:
        """The new address for a link target of `page`, or None to leave it as written."""
        cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
        path, suffix = target[:cut], target[cut:]
        site_path = self.addresses.site_path(path) if path else None
        if site_path is None:
            return None
        if site_path.endswith((".md", ".markdown")):
            found = self.addresses.page_named(site_path, page)
            return found.url + suffix if found else None
        relative = not site_path.startswith("/")
        if relative:
            site_path = posixpath.join(parent_of(page.old_url or page.url), site_path)
        new = self.addresses.lookup(site_path)
        if new is None and relative:  # `pix/x.webp` meant from the root, as it often is
            new = self.addresses.lookup("/" + path.lstrip("./"))
        extension = posixpath.splitext(site_path.rstrip("/"))[1].lower()
        if new is None and extension in ("", ".html", ".htm"):
            guess = self.addresses.by_name(site_path)  # `/pasta` for /recipes/pasta/
            new = guess.url if guess is not None else None
            self.guessed = guess is not None
        if new is None:
            if relative and extension in ("", ".html", ".htm"):
                message = f"link {target}: no page of the old site is at {site_path}"
                self.report.problem(page.shown, line, message)
            return None
        return new + suffix


def _lines(first: int, text: str) -> Callable[[int], int]:
    """The source line of a position in a part of a body that starts on line `first`."""
    return lambda pos: first + text.count("\n", 0, pos)
