"""Helpers shared by kinds: tag collections, digests of what a page shows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..content.items import Tag
from ..text import slugify


def collect_tags(items: Iterable, names_of: str, path_pattern: str) -> dict[str, Tag]:
    """Turn each item's tag names into shared Tag objects, grouped by slug, sorted by name."""
    tags: dict[str, Tag] = {}
    for item in items:
        objs = []
        for name in getattr(item, names_of):
            slug = slugify(name)
            tag = tags.get(slug)
            if tag is None:
                tag = tags[slug] = Tag(name=name, slug=slug, path=path_pattern.format(slug=slug))
            if tag not in objs:  # two names with one slug ("C++", "c") count once
                tag.items.append(item)
                objs.append(tag)
        item.tags = objs
    for tag in tags.values():
        tag.count = len(tag.items)
    return dict(sorted(tags.items(), key=lambda kv: kv[1].name.lower()))


def digest_of(*parts: object) -> str:
    """Hash any printable parts into a short digest (for page dependencies)."""
    h = hashlib.sha1()
    for part in parts:
        h.update(repr(part).encode())
    return h.hexdigest()[:16]
