"""What every item shares, and the Image and Tag objects templates receive (docs/theming.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..render.markdown import Rendered, render_body
from ..urls import site_url


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
    """What every content item carries; a kind's item class adds its own fields.

    `Record.item` sets the first group; the engine sets the second after `make`.
    """

    kind: str = ""
    slug: str
    path: str  # site path of the item's page, e.g. /blog/x/ (without the sub-path)
    source: str  # file shown to authors, e.g. content/posts/x.md
    body: str  # the Markdown below the front matter
    params: dict[str, Any]  # front-matter keys the schema does not know
    digest: str  # changes whenever anything that the item's pages show changes
    title: str = ""
    date: dt.date | None = None
    datetime: dt.datetime | None = None
    draft: bool = False
    future: bool = False  # dated after the build's day
    # Set by the engine: the file's hash and path, image variants it uses, the
    # site links in its body (checked once every page is known).
    file_digest: str = ""
    file_path: str = ""
    media: list[str] = []  # replaced per item, never mutated
    body_links: list[tuple[int, str]] = []
    # Files its Hugo shortcodes / Jekyll tags link to, by line; their URLs once resolved.
    uses_tags: bool = False
    tag_refs: list[tuple[int, str]] = []
    tag_values: dict[str, str] = {}
    image_stamps: list[tuple] = []
    # The body's local Markdown images by src: responsive Image, or the path it is published at.
    body_images: dict[str, Image | str] = {}
    # Clean values of the fields features add to every kind (`comments: false`).
    feature_fields: dict[str, Any] = {}
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
            from .frontmatter import body_of

            with open(self.__dict__["file_path"], encoding="utf-8") as fh:
                self.body = body_of(fh.read())
            return self.body
        raise AttributeError(name)

    def _render(self) -> Rendered:
        prefix = site_url("/")[:-1]
        if self._rendered is None or self._rendered.prefix != prefix:
            values = self.__dict__.get("tag_values")
            self._rendered = render_body(self.body, prefix, self.body_images, values)
        return self._rendered

    @property
    def html(self) -> str:
        """The body as HTML."""
        return Markup(self._render().html)

    @property
    def toc(self) -> str:
        """Table of contents as an HTML list; empty with fewer than two headings."""
        return Markup(self._render().toc)
