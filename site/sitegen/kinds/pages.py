"""Free pages: `content/pages/*.md`, served at /<slug>/ (about, uses, now…)."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, render_template

from ..models import Page
from ..registry import Kind, UrlSpec
from ..schema import Field, Schema
from ..state import current_content

SCHEMA = Schema(
    fields=[
        Field("title", required=True, doc="the page's title", example="{title}"),
        Field("description", doc="one sentence for search engines and link previews", example=""),
        Field("draft", "bool", default=False, doc="true keeps it out of the build", example=True),
    ],
    aliases={"summary": "description"},
)


def make(record: Any) -> Page:
    """Build a Page from a validated file."""
    v = record.values
    page = Page()
    page.slug = record.slug
    page.path = f"/{record.slug}/"
    page.source = record.src.path
    page.body = record.body
    page.params = record.params
    page.title = v["title"]
    page.description = v["description"] or ""
    page.draft = v["draft"]
    page.digest = record.digest
    return page


def urls(content: Any) -> list[UrlSpec]:
    """One URL per page."""
    pages = [UrlSpec("page", {"slug": p.slug}, (p.digest,)) for p in content.items["pages"]]
    return [UrlSpec("page", None), *pages]


def routes(app: Flask) -> None:
    """Add the view of free pages."""

    @app.route("/<slug>/")
    def page(slug: str) -> str:
        """Show one page."""
        found = current_content().find("pages", slug)
        if found is None:
            abort(404)
        return render_template("page.html", page=found)


KIND = Kind(
    name="pages",
    singular="page",
    schema=SCHEMA,
    make=make,
    routes=routes,
    urls=urls,
    new_body="What this page is about.\n",
    reserved=(
        "contact",
        "static",
        "media",
        "images",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ),
)
