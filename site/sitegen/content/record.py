"""The state of a load: one validated file (`Record`, what a kind's `make` turns into an
item), the load in progress (`Loader`) and what it produced (`Content`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..render.images import image_for
from .items import Image, Item
from .problems import Problem
from .schema import ImageRef, Source
from .siteconfig import Site

I = TypeVar("I", bound=Item)  # noqa: E741 - the usual name for a type variable


@dataclass
class Record:
    """One content file after validation, handed to `Kind.make`."""

    file: Path
    slug: str
    values: dict[str, Any]  # clean values of the schema's fields
    params: dict[str, Any]  # every other front-matter key, as written
    body: str
    body_line: int
    digest: str
    src: Source
    loader: Loader
    image_digests: list[str] = field(default_factory=list)
    image_stamps: list[tuple] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    # The body's local Markdown images, set before `make` (see content.body_images).
    body_images: dict[str, Image | str] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        """The build's date: items dated later are left out of a production build."""
        return self.loader.today

    def item(self, cls: type[I], path: str, **attributes: Any) -> I:
        """Start an item of `cls` at site path `path` with what every item carries.

        Sets slug, path, source, body, params and digest, and from the schema's
        values (when it has those fields) title, date and datetime, draft and
        future (dated after today). `attributes` are set last.
        """
        item = cls()
        item.slug = self.slug
        item.path = path
        item.source = self.src.path
        item.body = self.body
        item.params = self.params
        item.digest = self.digest
        values = self.values
        item.title = values.get("title") or ""
        when = values.get("date")
        if isinstance(when, dt.datetime):
            item.datetime, item.date = when, when.date()
        else:
            item.datetime, item.date = None, when
        item.draft = bool(values.get("draft"))
        item.future = item.date is not None and item.date > self.today
        for name, value in attributes.items():
            setattr(item, name, value)
        return item

    def image(self, ref: ImageRef | None) -> Image | None:
        """Return the responsive Image for a validated reference."""
        image = self.loader.image(ref)
        if image is not None:
            assert ref is not None
            # The page shows variant names, which change with the image's bytes.
            self.image_digests.append(image.variants[-1].path)
            self.media.extend(v.path for v in image.variants + image.webp)
            st = os.stat(ref.file)
            self.image_stamps.append((str(ref.file), st.st_mtime_ns, st.st_size))
        return image

    def error(self, field_name: str | None, message: str, line: int | None = None) -> None:
        """Report a problem in this file (at the field's line unless `line` is given)."""
        self.src.error(field_name, message, line)

    def line(self, name: str, index: int | None = None) -> int | None:
        """Return the line of front-matter field `name` (or of its `index`-th entry)."""
        return self.src.lines(name, index)


@dataclass
class Content:
    """Everything loaded from a content folder."""

    root: Path
    site: Site
    preview: bool
    items: dict[str, list] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # per-kind aggregates (tags…)
    digest: str = ""  # changes when anything in the content folder changes
    site_digest: str = ""  # changes when site.yml changes
    cache_dir: Path | None = None  # where kinds may keep results between builds

    def find(self, kind: str, slug: str) -> Any:
        """Return the item of `kind` with `slug`, or None."""
        index = self.extras.get(f"_by_slug_{kind}")
        if index is None:
            index = self.extras[f"_by_slug_{kind}"] = {i.slug: i for i in self.items.get(kind, [])}
        return index.get(slug)

    def present(self) -> set[str]:
        """Name the kinds that have items."""
        return {name for name, items in self.items.items() if items}

    def all_items(self) -> list:
        """Return every item of every kind."""
        return [item for items in self.items.values() for item in items]


@dataclass
class Loader:
    """State of one load: where to find things, today's date, problems so far."""

    root: Path
    cache_dir: Path
    preview: bool
    today: dt.date
    shown_root: Path  # paths in messages are relative to this (the content folder's parent)
    problems: list[Problem] = field(default_factory=list)
    media: set[str] = field(default_factory=set)  # variant file names in use
    # (file, line, target) of links by file name in files not published for their problems,
    # checked with the rest so every problem is reported at once (content/refs.py).
    orphan_refs: list[tuple[str, int, str]] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # slugs of files left out for problems
    warnings: list[Problem] = field(default_factory=list)  # problems of drafts left out

    fresh: int = 0  # files read this time (not reused from the last load)
    prefix: str = ""  # the site's sub-path per site.yml, for HTML made while loading
    language: str = "en"  # the site's language: `x.en.md` is `x`, `x.fr.md` is left out

    def shown(self, path: Path) -> str:
        """Return the path as an author would type it, e.g. content/posts/x.md."""
        text, root = str(path), str(self.shown_root) + os.sep
        return text[len(root) :] if text.startswith(root) else text

    def image(self, ref: ImageRef | None) -> Image | None:
        """Create (or reuse) the variants of an image."""
        if not ref:
            return None
        image = image_for(ref, self.cache_dir)
        self.media.update(v.path.rsplit("/", 1)[-1] for v in image.variants + image.webp)
        return image
