"""Testimonials: `content/testimonials/*.md`; the body is the quote. Shown on the home page."""

from __future__ import annotations

from typing import Any

from ..models import Testimonial
from ..registry import Kind
from ..schema import Field, Schema

SCHEMA = Schema(
    fields=[
        Field("name", required=True, doc="who said it", example="{title}"),
        Field("role", doc="their job title", example=""),
        Field("company", doc="where they work", example=""),
        Field("link", "url", doc="their site or profile", example=""),
        Field("avatar", "image", doc="{src: /images/..., alt: ...}"),
        Field("order", "int", default=0, doc="lower comes first", example=0),
        Field("draft", "bool", default=False, doc="true keeps it out of the build", example=True),
    ],
    aliases={"author": "name", "title": "role", "url": "link"},
)


def normalize(meta: dict, record: Any = None) -> dict:
    """Accept `author:` for the name and `url:` for the link."""
    meta = dict(meta)
    if not meta.get("name") and meta.get("author"):
        meta["name"] = meta["author"]
    if not meta.get("link") and meta.get("url"):
        meta["link"] = meta["url"]
    if not meta.get("role") and meta.get("title"):
        meta["role"] = meta["title"]
    return meta


def make(record: Any) -> Testimonial:
    """Build a Testimonial from a validated file."""
    v = record.values
    if not record.body.strip():
        record.error(None, "the quote is missing: write it below the front matter")
        return None  # type: ignore[return-value]
    t = Testimonial()
    t.slug = record.slug
    t.path = "/"
    t.source = record.src.path
    t.body = record.body
    t.params = record.params
    t.name = v["name"]
    t.role = v["role"] or ""
    t.company = v["company"] or ""
    t.link = v["link"] or ""
    t.avatar = record.image(v["avatar"])
    t.order = v["order"]
    t.draft = v["draft"]
    t.digest = record.digest
    return t


def finish(items: list[Testimonial], content: Any) -> None:
    """Sort by `order`, then file name."""
    items.sort(key=lambda t: (t.order, t.slug))


KIND = Kind(
    name="testimonials",
    singular="testimonial",
    schema=SCHEMA,
    make=make,
    finish=finish,
    normalize=normalize,
    new_body="What they said about working with you.\n",
)
