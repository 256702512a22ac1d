"""Testimonials: `content/testimonials/*.md`; the body is the quote. Shown on the home page."""

from __future__ import annotations

from typing import Any

from ...content.items import Image, Item
from ...content.record import Record
from ...content.schema import Field, Schema
from ...registry import HomeSection, Kind


class Testimonial(Item):
    """A quote from someone the author worked with; the body is the quote."""

    kind = "testimonials"
    name: str
    role: str
    company: str
    link: str
    avatar: Image | None
    order: int

    @property
    def quote(self) -> str:
        """The quote as HTML."""
        return self.html


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
    # Every other name is read here and removed, so validation sees one field each.
    for other, ours in (("author", "name"), ("url", "link"), ("title", "role")):
        value = meta.pop(other, None)
        if value and not meta.get(ours):
            meta[ours] = value
    return meta


def make(record: Record) -> Testimonial | None:
    """Build a Testimonial from a validated file."""
    v = record.values
    if not record.body.strip():
        record.error(None, "the quote is missing: write it below the front matter")
        return None
    return record.item(
        Testimonial,
        "/",
        name=v["name"],
        role=v["role"] or "",
        company=v["company"] or "",
        link=v["link"] or "",
        avatar=record.image(v["avatar"]),
        order=v["order"],
    )


def finish(items: list[Testimonial], content: Any) -> None:
    """Sort by `order`, then file name."""
    items.sort(key=lambda t: (t.order, t.slug))


def _home(content: Any) -> dict[str, Any]:
    return {"testimonials": content.items["testimonials"]}


KIND = Kind(
    name="testimonials",
    singular="testimonial",
    schema=SCHEMA,
    make=make,
    finish=finish,
    blueprint="sitegen.kinds.testimonials.views",
    normalize=normalize,
    new_body="What they said about working with you.\n",
    home=HomeSection("testimonials/_home.html", _home, weight=30),
)
