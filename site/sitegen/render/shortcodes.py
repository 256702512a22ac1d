"""Hugo shortcodes and Jekyll Liquid tags in Markdown bodies, for sites moved here.

Markdown written for Hugo or Jekyll carries their template tags. Those with a
meaning without the original theme become plain Markdown or HTML before the
body is rendered (`rewrite`); every other one is a content problem at its line
(`scan`, run when the file is loaded), never template code on a page.

- Code: `{% highlight lang %}…{% endhighlight %}` and Hugo's `highlight`
  become fenced code (the same Pygments path); `{% raw %}` keeps its text as
  written; in code blocks and spans tags are text, but `{% raw %}` markers
  and Hugo's `{{</* x */>}}` escapes are removed as the generators would.
- Links: Hugo `ref`/`relref`, Jekyll `link`/`post_url` name another file;
  `scan` reports the targets and the loader resolves them to this site's URLs
  (`values["ref:<target>"]`). `{{ site.baseurl }}`, `{{ site.url }}` and
  `{{ "/x" | relative_url }}` give site-absolute paths (the engine adds any
  sub-path); `site.title`, `site.description`, `page.title` their values
  (`values["liquid:<name>"]`).
- Embeds: `youtube`, `vimeo`, `x`/`tweet`, `gist`, `instagram` become facades
  that load nothing from a third party (`render.embeds`); `figure` becomes a
  Markdown image, so it goes through the image pipeline with its caption.
- `{% comment %}` is dropped. `{% include %}` needs the original theme: a problem.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import embeds

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.S | re.M)
_TOKEN = re.compile(
    r"(?P<tick>`+)"
    r"|(?P<esc>\{\{[<%]\s*/\*(?P<escbody>.*?)\*/\s*[>%]\}\})"
    r"|\{\{(?P<open>[<%])\s*(?P<sc>.*?)\s*[>%]\}\}"
    r"|\{%-?\s*(?P<tag>.*?)\s*-?%\}"
    r"|\{\{-?\s*(?P<out>.*?)\s*-?\}\}",
    re.S,
)
_RAW_MARK = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_ESCAPED = re.compile(r"\{\{([<%])\s*/\*\s*(.*?)\s*\*/\s*([>%])\}\}", re.S)
# Liquid variables with a value here (`values["liquid:<name>"]`).
LIQUID_VALUES = frozenset({"site.title", "site.description", "page.title"})
_URL_FILTER = re.compile(r"""^(['"])(.*?)\1\s*\|\s*(?:relative_url|absolute_url)\s*$""")


def has_tags(text: str) -> bool:
    """Cheap test: might the body hold a shortcode or a Liquid tag?"""
    return "{{" in text or "{%" in text


@dataclass
class Found:
    """What `scan` found: link targets to resolve and problems, by line."""

    refs: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def scan(body: str, first_line: int = 1) -> Found:
    """Find the link targets and the tags that have no meaning here, with their lines."""
    found = Found()
    _Rewriter(body, first_line, {}, found).run()
    return found


def rewrite(body: str, values: Mapping[str, str]) -> str:
    """Return the body with every known tag turned into Markdown or HTML."""
    return _Rewriter(body, 1, values, None).run()


def unescape_code(text: str) -> str:
    """Code as the generators show it: raw markers gone, `{{</* x */>}}` → `{{< x >}}`."""
    text = _RAW_MARK.sub("", text)
    return _ESCAPED.sub(lambda m: f"{{{{{m.group(1)} {m.group(2)} {m.group(3)}}}}}", text)


def _args(text: str) -> tuple[list[str], dict[str, str]]:
    """Split `a "b c" key="d"` into positional and named arguments."""
    try:
        words = shlex.split(text.replace("`", '"'))
    except ValueError:
        words = text.split()
    positional, named = [], {}
    for word in words:
        key, eq, value = word.partition("=")
        if eq and re.fullmatch(r"[A-Za-z_][\w-]*", key):
            named[key] = value
        else:
            positional.append(word)
    return positional, named


class _Rewriter:
    def __init__(
        self, body: str, first_line: int, values: Mapping[str, str], found: Found | None
    ) -> None:
        self.body, self.first_line, self.values, self.found = body, first_line, values, found
        self.unknown: set[str] = set()

    def line(self, pos: int) -> int:
        return self.first_line + self.body.count("\n", 0, pos)

    def problem(self, pos: int, message: str) -> str:
        if self.found is not None:
            self.found.problems.append((self.line(pos), message))
        return ""

    def run(self) -> str:
        out, pos, size = [], 0, len(self.body)
        while pos < size:
            fence = _FENCE.search(self.body, pos)
            stop = fence.start() if fence else size
            text, pos = self.prose(pos, stop)
            out.append(text)
            if pos > stop:  # a {% raw %} held the fence: it was taken as written
                continue
            if fence is None:
                break
            out.append(unescape_code(fence.group(0)))
            pos = fence.end()
        return "".join(out)

    def prose(self, start: int, end: int) -> tuple[str, int]:
        """Rewrite the tags in body[start:end]; a {% raw %} may end beyond `end`."""
        body, out, pos = self.body, [], start
        while pos < end:
            m = _TOKEN.search(body, pos, end)
            if not m:
                break
            out.append(body[pos : m.start()])
            text, pos = self.token(m, end)
            out.append(text)
        if pos < end:
            out.append(body[pos:end])
            pos = end
        return "".join(out), pos

    def token(self, m: re.Match, end: int) -> tuple[str, int]:
        if m.group("tick"):
            tick = re.compile(r"(?<!`)" + m.group("tick") + r"(?!`)")
            close = tick.search(self.body, m.end(), end)
            if close is None:
                return m.group(0), m.end()
            return unescape_code(self.body[m.start() : close.end()]), close.end()
        if m.group("esc") is not None:  # shown as written: as code, where it belongs
            return "`" + unescape_code(m.group(0)) + "`", m.end()
        if m.group("sc") is not None:
            return self.shortcode(m, end)
        if m.group("tag") is not None:
            return self.liquid_tag(m, end)
        return self.liquid_output(m), m.end()

    def until(self, pattern: str, m: re.Match, end: int, what: str) -> tuple[int, int] | None:
        closing = re.compile(pattern).search(self.body, m.end(), end)
        if closing is None:
            self.problem(m.start(), f"{what} is never closed")
            return None
        return closing.start(), closing.end()

    def fenced(self, lang: str, tag: re.Match, stop: int, after: int) -> str:
        """Fenced code for a highlight block; on its own lines as written, lines kept."""
        code = unescape_code(self.body[tag.end() : stop]).strip("\n")
        before = "" if tag.start() == 0 or self.body[tag.start() - 1] == "\n" else "\n"
        end = "" if after >= len(self.body) or self.body[after] == "\n" else "\n"
        return f"{before}```{lang}\n{code}\n```{end}"

    # ---- Hugo ------------------------------------------------------------------------

    def shortcode(self, m: re.Match, end: int) -> tuple[str, int]:
        inner = m.group("sc").rstrip("/").strip()
        name, _, rest = inner.partition(" ")
        shown = f"{{{{{m.group('open')} {name} {m.group('open').replace('<', '>')}}}}}"
        if name.startswith("/"):
            if name[1:] in self.unknown:  # its opening tag was reported already
                return "", m.end()
            return self.problem(m.start(), f"shortcode {shown} closes nothing"), m.end()
        positional, named = _args(rest)
        if name == "highlight":
            span = self.until(r"\{\{[<%]\s*/highlight\s*[>%]\}\}", m, end, f"shortcode {shown}")
            if span is None:
                return "", m.end()
            lang = positional[0] if positional else named.get("lang", "")
            return self.fenced(lang, m, span[0], span[1]), span[1]
        handler = _HUGO.get(name)
        if handler is None:
            self.unknown.add(name)
            message = f"shortcode {shown} has no meaning outside its Hugo theme: "
            message += "replace it with Markdown or HTML"
            return self.problem(m.start(), message), m.end()
        return handler(self, m.start(), positional, named), m.end()

    def ref(self, pos: int, target: str, shown: str) -> str:
        if not target:
            return self.problem(pos, f"{shown} names no page")
        if self.found is not None:
            self.found.refs.append((self.line(pos), target))
        return self.values.get(f"ref:{target}", "")

    # ---- Jekyll ----------------------------------------------------------------------

    def liquid_tag(self, m: re.Match, end: int) -> tuple[str, int]:
        name, _, rest = m.group("tag").partition(" ")
        rest = rest.strip()
        if name == "raw":  # may hold a whole fenced block: Jekyll's way to show template code
            span = self.until(r"\{%-?\s*endraw\s*-?%\}", m, len(self.body), "{% raw %}")
            return ("", m.end()) if span is None else (self.body[m.end() : span[0]], span[1])
        if name == "comment":
            span = self.until(r"\{%-?\s*endcomment\s*-?%\}", m, end, "{% comment %}")
            if span is None:
                return "", m.end()
            return "\n" * self.body.count("\n", m.start(), span[1]), span[1]
        if name == "highlight":
            span = self.until(r"\{%-?\s*endhighlight\s*-?%\}", m, end, "{% highlight %}")
            if span is None:
                return "", m.end()
            lang = rest.split()[0] if rest else ""
            return self.fenced(lang, m, span[0], span[1]), span[1]
        if name in ("link", "post_url"):
            return self.ref(m.start(), rest.strip("'\""), f"{{% {name} %}}"), m.end()
        if name == "include":
            message = f"{{% include {rest.split()[0] if rest else ''} %}} needs the original "
            message += "Jekyll theme: replace it with Markdown or HTML"
            return self.problem(m.start(), message), m.end()
        if name.startswith("end") and name[3:] in self.unknown:  # reported at its opening
            return "", m.end()
        self.unknown.add(name)
        message = f"Liquid tag {{% {name} %}} is not run here: replace it with Markdown or HTML"
        return self.problem(m.start(), message), m.end()

    def liquid_output(self, m: re.Match) -> str:
        expr = " ".join(m.group("out").split())
        if expr in ("site.baseurl", "site.url"):
            return ""
        if expr in LIQUID_VALUES:
            return self.values.get(f"liquid:{expr}", "")
        url = _URL_FILTER.match(expr)
        if url:
            return url.group(2)
        message = f"Liquid output {{{{ {expr} }}}} is not run here: write the value itself"
        return self.problem(m.start(), message)


def _video(render: Callable[[str, str], str]) -> Callable[..., str]:
    def handle(rw: _Rewriter, pos: int, positional: list[str], named: dict[str, str]) -> str:
        video = named.get("id") or (positional[0] if positional else "")
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", video):
            return rw.problem(pos, f"video shortcode needs an id (got {video!r})")
        return render(video, named.get("title", ""))

    return handle


def _figure(rw: _Rewriter, pos: int, positional: list[str], named: dict[str, str]) -> str:
    src = named.get("src", "")
    caption = named.get("caption") or named.get("title") or ""
    alt = named.get("alt") or caption
    if not src:
        return rw.problem(pos, "figure shortcode needs src=")
    image = f'![{alt}](<{src}> "{caption}")' if caption else f"![{alt}](<{src}>)"
    return f"[{image}](<{named['link']}>)" if named.get("link") else image


def _x(rw: _Rewriter, pos: int, positional: list[str], named: dict[str, str]) -> str:
    user = named.get("user", "i")
    post = named.get("id") or (positional[-1] if positional else "")
    if not post:
        return rw.problem(pos, "x shortcode needs id=")
    return embeds.x_post(user, post)


def _gist(rw: _Rewriter, pos: int, positional: list[str], named: dict[str, str]) -> str:
    if len(positional) < 2:
        return rw.problem(pos, "gist shortcode needs a user and an id")
    return embeds.gist(positional[0], positional[1], positional[2] if len(positional) > 2 else "")


def _instagram(rw: _Rewriter, pos: int, positional: list[str], named: dict[str, str]) -> str:
    post = named.get("id") or (positional[0] if positional else "")
    return embeds.instagram(post) if post else rw.problem(pos, "instagram shortcode needs an id")


def _ref(rw: _Rewriter, pos: int, positional: list[str], named: dict[str, str]) -> str:
    target = named.get("path") or (positional[0] if positional else "")
    return rw.ref(pos, target, "shortcode {{< ref >}}")


_HUGO: dict[str, Callable[[_Rewriter, int, list[str], dict[str, str]], str]] = {
    "youtube": _video(embeds.youtube),
    "vimeo": _video(embeds.vimeo),
    "figure": _figure,
    "x": _x,
    "tweet": _x,
    "gist": _gist,
    "instagram": _instagram,
    "ref": _ref,
    "relref": _ref,
}
