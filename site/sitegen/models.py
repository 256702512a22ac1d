"""What templates receive: Image, Tag, Post, Project, Page, Testimonial (docs/theming.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .render import Rendered, render_body
from .urls import site_url


@dataclass(eq=False)
class Variant:
    """One resized copy of an image."""

    path: str  # site path under /media/
    width: int
    height: int
    mime: str


@dataclass(eq=False)
class Image:
    """A picture with responsive variants (fallback format plus WebP)."""

    alt: str
    width: int
    height: int
    type: str
    variants: list[Variant]
    webp: list[Variant]
    caption: str = ""

    @property
    def src(self) -> str:
        """URL of the largest fallback variant."""
        return site_url(self.variants[-1].path)

    @property
    def srcset(self) -> str:
        """Fallback-format variants as an HTML srcset."""
        return ", ".join(f"{site_url(v.path)} {v.width}w" for v in self.variants)

    @property
    def webp_srcset(self) -> str:
        """WebP variants as an HTML srcset."""
        return ", ".join(f"{site_url(v.path)} {v.width}w" for v in self.webp)


@dataclass(eq=False)
class Tag:
    """A tag and the items carrying it."""

    name: str
    slug: str
    path: str
    count: int = 0
    items: list = field(default_factory=list)

    @property
    def url(self) -> str:
        """URL of the tag's page."""
        return site_url(self.path)


class Item:
    """Common ground of every content item: slug, path, body, digest, draft state."""

    kind: str = ""
    slug: str
    path: str
    source: str  # file shown to authors, e.g. content/posts/x.md
    body: str
    digest: str  # changes whenever anything that the item's pages show changes
    params: dict[str, Any]
    draft: bool = False
    future: bool = False
    _rendered: Rendered | None = None

    @property
    def url(self) -> str:
        """URL of the item's page."""
        return site_url(self.path)

    def __getstate__(self) -> dict:
        # Cached between loads without the rendered HTML (it has its own cache) and
        # without links to other items (prev/next, related, tags): `finish` rebuilds
        # them, and following prev/next chains would recurse through every post.
        return {
            k: v
            for k, v in self.__dict__.items()
            if k not in ("_rendered", "body")
            and not isinstance(v, Item | Tag)
            and not (isinstance(v, list) and v and isinstance(v[0], Item | Tag))
        }

    def __getattr__(self, name: str) -> Any:
        if name == "body" and "file_path" in self.__dict__:
            # Not kept in the load cache: read again from the file when a page needs it.
            from .source import body_of

            with open(self.__dict__["file_path"], encoding="utf-8") as fh:
                self.body = body_of(fh.read())
            return self.body
        raise AttributeError(name)

    def _render(self) -> Rendered:
        prefix = site_url("/")[:-1]
        if self._rendered is None or self._rendered.prefix != prefix:
            self._rendered = render_body(self.body, prefix)
        return self._rendered

    @property
    def html(self) -> str:
        """The body as HTML."""
        return Markup(self._render().html)

    @property
    def toc(self) -> str:
        """Table of contents as an HTML list; empty with fewer than two headings."""
        return Markup(self._render().toc)


class Post(Item):
    """A blog post."""

    kind = "posts"
    title: str
    date: dt.date
    datetime: dt.datetime
    updated: dt.date | None
    tags: list[Tag]
    summary: str
    summary_source: str
    cover: Image | None
    words: int
    reading_time: int
    prev: Post | None = None
    next: Post | None = None
    related: list[Post]

    @property
    def summary_html(self) -> str:
        """The summary as HTML (inline Markdown allowed)."""
        from .render import render_summary

        prefix = site_url("/")[:-1]
        made = self.__dict__.get("summary_made")  # rendered while loading, on every core
        if made is not None and made[0] == prefix:
            return Markup(made[1])
        return Markup(render_summary(self.summary_source, prefix))


class Project(Item):
    """A portfolio project."""

    kind = "projects"
    title: str
    summary: str
    date: dt.date | None
    tags: list[Tag]
    cover: Image | None
    gallery: list[Image]
    links: list
    featured: bool
    order: int


class Page(Item):
    """A free-standing page such as /about/."""

    kind = "pages"
    title: str
    description: str


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
