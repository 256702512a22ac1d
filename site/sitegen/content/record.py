"""One content file after validation: what a kind's `make` turns into an item."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .items import Image, Item
from .schema import ImageRef, Source

if TYPE_CHECKING:
    from ..registry import Kind
    from .loader import Loader

I = TypeVar("I", bound=Item)  # noqa: E741 - the usual name for a type variable


@dataclass
class Record:
    """One content file after validation, handed to `Kind.make`."""

    kind: Kind
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
