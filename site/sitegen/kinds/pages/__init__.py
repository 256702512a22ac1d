"""Free pages: `content/pages/*.md`, served at /<slug>/ (about, uses, now…)."""

from __future__ import annotations

from typing import Any

from ...content.items import Item
from ...content.record import Record
from ...content.schema import Field, Schema
from ...registry import Kind, UrlSpec

SCHEMA = Schema(
    fields=[
        Field("title", required=True, doc="the page's title", example="{title}"),
        Field("description", doc="one sentence for search engines and link previews", example=""),
        Field("draft", "bool", default=False, doc="true keeps it out of the build", example=True),
    ],
    aliases={"summary": "description"},
)


class Page(Item):
    """A free-standing page such as /about/."""

    kind = "pages"
    description: str


def make(record: Record) -> Page:
    """Build a Page from a validated file."""
    return record.item(Page, f"/{record.slug}/", description=record.values["description"] or "")


def urls(content: Any) -> list[UrlSpec]:
    """One URL per page."""
    pages = [
        UrlSpec("pages.page", {"slug": p.slug}, (p.digest,), search="page", source=p.source)
        for p in content.items["pages"]
    ]
    return [UrlSpec("pages.page", None), *pages]


KIND = Kind(
    name="pages",
    singular="page",
    schema=SCHEMA,
    make=make,
    blueprint="sitegen.kinds.pages.views",
    urls=urls,
    new_body="What this page is about.\n",
)
