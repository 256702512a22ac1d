"""A Disqus XML export read into posts (``read``), their HTML turned into Markdown.

Parsed with the standard library's expat, refusing any DTD or entity
declaration (no entity expansion, no external entities): an export has none.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from . import keys

NS = "{http://disqus.com}"
DSQ_ID = "{http://disqus.com/disqus-internals}id"


class DisqusError(Exception):
    """The file cannot be read as a Disqus export."""


@dataclass
class Post:
    """One Disqus post, as the export says it."""

    dsq_id: str
    thread: str
    parent: str | None
    name: str
    email: str
    created: datetime
    message: str
    spam: bool
    deleted: bool


# -- reading the file ----------------------------------------------------
def _tree(data: bytes) -> Any:
    from xml.etree.ElementTree import TreeBuilder
    from xml.parsers import expat

    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def refuse(*_: Any) -> None:
        raise DisqusError("the file declares a DTD or entities, which an export never does")

    parser.StartElementHandler = lambda tag, attrs: builder.start(
        name(tag), {name(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise DisqusError(f"not well-formed XML: {exc}") from exc
    root = builder.close()
    if root.tag != f"{NS}disqus":
        raise DisqusError("not a Disqus export (its root element is not <disqus>)")
    return root


def _child(element: Any, *names: str) -> str:
    for name in names:
        element = element.find(NS + name) if element is not None else None
    return (element.text or "").strip() if element is not None and element.text else ""


def _ref(element: Any, name: str) -> str | None:
    found = element.find(NS + name)
    return found.get(DSQ_ID) if found is not None else None


def _time(value: str) -> datetime:
    return keys.parse_time(value.replace("Z", "+00:00"))


def read(data: bytes) -> tuple[dict[str, tuple[str, str]], list[Post]]:
    """Return the threads (dsq id -> (link, title)) and posts of an export, oldest first."""
    root = _tree(data)
    threads = {
        t.get(DSQ_ID): (_child(t, "link"), _child(t, "title"))
        for t in root.findall(NS + "thread")
        if t.get(DSQ_ID)
    }
    posts = []
    for p in root.findall(NS + "post"):
        where = f"post {p.get(DSQ_ID)!r}"
        try:
            posts.append(
                Post(
                    dsq_id=p.get(DSQ_ID) or "",
                    thread=_ref(p, "thread") or "",
                    parent=_ref(p, "parent"),
                    name=_child(p, "author", "name") or _child(p, "author", "username"),
                    email=_child(p, "author", "email"),
                    created=_time(_child(p, "createdAt")),
                    message=_child(p, "message"),
                    spam=_child(p, "isSpam") == "true",
                    deleted=_child(p, "isDeleted") == "true",
                )
            )
        except ValueError as exc:
            raise DisqusError(f"{where}: createdAt: {exc}") from exc
        if not posts[-1].dsq_id or posts[-1].thread not in threads:
            raise DisqusError(f"{where}: no dsq:id, or a thread the export does not list")
    posts.sort(key=lambda post: (post.created, post.dsq_id))
    return threads, posts


# -- Disqus' HTML to our Markdown ----------------------------------------
class _Markdown(HTMLParser):
    MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str] = []
        self.quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div"):
            self.out.append("\n\n")
        elif tag == "br":
            self.out.append("  \n")
        elif tag == "blockquote":
            self.out.append("\n\n")
            self.quote += 1
        elif tag in self.MARKS:
            self.out.append(self.MARKS[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if re.match(r"https?://", href) else "")
            self.out.append("[" if self.links[-1] else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "blockquote"):
            self.out.append("\n\n")
            self.quote -= tag == "blockquote"
        elif tag in self.MARKS:
            self.out.append(self.MARKS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            self.out.append(f"]({href})" if href else "")

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        self.out.append(f"\n> {text.strip()}" if self.quote and text.strip() else text)


def to_markdown(message: str) -> str:
    """Return the Markdown of a Disqus post's HTML (its text if it holds no markup)."""
    parser = _Markdown()
    parser.feed(message)
    parser.close()
    text = "".join(parser.out)
    paragraphs = (re.sub(r"[ \t]*\n\n?(?=> )", "\n", p).strip() for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p) or html.unescape(message).strip()
