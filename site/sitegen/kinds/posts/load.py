"""Reading posts: Jekyll and Hugo front matter, the Post item, order, tags, related posts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from itertools import combinations
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ...content.items import Image, Item, Tag
from ...content.record import Record
from ...render.markdown import (
    count_words,
    first_paragraph,
    plain_text,
    reading_time,
    render_summary,
)
from ...urls import site_url
from ..common import collect_tags, digest_of

RELATED = 3


class Post(Item):
    """A blog post."""

    kind = "posts"
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
    # Digest of what other pages show of the post, where `digest` is its own page's: a
    # list shows its card (date, reading time, title, summary, tags, cover), a post links
    # it as related, older or newer (title, date). So an edit to the body that leaves
    # these alone renders the post's page again, not the lists and neighbours.
    card: str

    @property
    def summary_html(self) -> str:
        """The summary as HTML (inline Markdown allowed)."""
        prefix = site_url("/")[:-1]
        made = self.__dict__.get("summary_made")  # rendered while loading, on every core
        if made is not None and made[0] == prefix:
            return Markup(made[1])
        return Markup(render_summary(self.summary_source, prefix))


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in (s.strip() for s in value.split(",")) if v]
    return list(value) if isinstance(value, list) else [value]


def _categories(value: Any) -> list:
    # Jekyll separates categories with spaces: `categories: jekyll update` is two.
    if isinstance(value, str) and "," not in value:
        return value.split()
    return _as_list(value)


def normalize(meta: dict, record: Any = None) -> dict:
    """Accept Jekyll and Hugo forms: categories, lastmod, excerpt, image, published…"""
    meta = dict(meta)
    # Every other name is read here and removed, so validation sees one field each.
    extra_tags = [t for key in ("categories", "category") for t in _categories(meta.pop(key, None))]
    extra_tags += [t for key in ("tag", "keywords") for t in _as_list(meta.pop(key, None))]
    if extra_tags:
        meta["tags"] = _as_list(meta.get("tags")) + extra_tags
    for key in ("lastmod", "last_modified_at", "modified"):
        value = meta.pop(key, None)
        if value and not meta.get("updated"):
            meta["updated"] = value
    for key in ("description", "excerpt"):
        value = meta.pop(key, None)
        if value and not meta.get("summary"):
            meta["summary"] = value
    if meta.pop("published", None) is False and "draft" not in meta:
        meta["draft"] = True
    cover = meta.get("cover")
    alt = meta.pop("image_alt", None) or meta.pop("cover_alt", None)
    if isinstance(cover, dict) and "image" in cover and "src" not in cover:
        # Hugo PaperMod: cover: {image, alt, caption}
        cover = {
            "src": cover.get("image"),
            **{k: v for k, v in cover.items() if k in ("alt", "caption")},
        }
    for key in ("image", "featured_image", "images"):
        value = meta.pop(key, None)
        if isinstance(value, list):
            value = value[0] if value else None
        if value and cover is None:
            cover = value
    if isinstance(cover, str):
        cover = {"src": cover}
    if isinstance(cover, dict) and alt and not cover.get("alt"):
        cover = {**cover, "alt": alt}
    if cover is not None:
        meta["cover"] = cover
    return meta


def make(record: Record) -> Post:
    """Build a Post from a validated file."""
    v = record.values
    summary_source = v["summary"] or first_paragraph(record.body)
    prefix = record.loader.prefix
    words = count_words(record.body)
    post = record.item(
        Post,
        f"/blog/{record.slug}/",
        updated=v["updated"].date() if v["updated"] else None,
        tag_names=v["tags"],
        summary_source=summary_source,
        summary=plain_text(summary_source),
        summary_made=(prefix, render_summary(summary_source, prefix)),
        cover=record.image(v["cover"]),
        words=words,
        reading_time=reading_time(words),
        related=[],
    )
    shown = (post.title, post.date, post.reading_time, post.summary, post.tag_names, post.cover)
    post.card = digest_of(post.path, *shown, post.draft, post.future)  # kept in the load cache
    return post


def _sort_key(post: Post) -> tuple:
    when = post.datetime
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return (when, post.slug)


def finish(posts: list[Post], content: Any) -> None:
    """Sort newest first, link prev/next, gather tags, pick related posts."""
    posts.sort(key=_sort_key, reverse=True)
    for i, post in enumerate(posts):
        post.next = posts[i - 1] if i > 0 else None  # newer
        post.prev = posts[i + 1] if i + 1 < len(posts) else None  # older
    tags = collect_tags(posts, "tag_names", "/tags/{slug}/")
    content.extras["post_tags"] = tags
    _related_cached(posts, content.cache_dir)


def _related_cached(posts: list[Post], cache_dir: Any) -> None:
    # Related posts depend only on slugs, tags and order: reuse the last answer when
    # those are unchanged (a body edit), since computing them takes a while at 4,000 posts.
    h = hashlib.sha1()
    for p in posts:
        h.update(f"{p.slug}\0{'|'.join(t.slug for t in p.tags)}\n".encode())
    memo = Path(cache_dir) / "related" / f"{h.hexdigest()}.json" if cache_dir else None
    if memo is not None and memo.is_file():
        try:
            by_slug = {p.slug: p for p in posts}
            saved = json.loads(memo.read_text("utf-8"))
            for p in posts:
                p.related = [by_slug[s] for s in saved[p.slug]]
            return
        except (ValueError, KeyError):
            pass
    _related(posts)
    if memo is not None:
        memo.parent.mkdir(parents=True, exist_ok=True)
        for old in memo.parent.glob("*.json"):
            old.unlink()
        memo.write_text(json.dumps({p.slug: [r.slug for r in p.related] for p in posts}), "utf-8")


def _related(posts: list[Post]) -> None:
    # Posts sharing the most tags, newest first on ties. Intersect the tag sets of
    # ever smaller tag combinations instead of scoring every pair: a few set
    # intersections per post instead of thousands of comparisons.
    rank = {id(p): i for i, p in enumerate(posts)}  # 0 = newest
    members = {slug: {id(p) for p in tag.items} for slug, tag in _tag_sets(posts).items()}
    by_id = {id(p): p for p in posts}
    for post in posts:
        slugs = [t.slug for t in post.tags]
        chosen: list[int] = []
        taken = {id(post)}
        for size in range(len(slugs), 0, -1):
            found: set[int] = set()
            for combo in combinations(slugs, size):
                found |= set.intersection(*(members[s] for s in combo))
            fresh = sorted(found - taken, key=rank.__getitem__)
            chosen.extend(fresh[: RELATED - len(chosen)])
            taken.update(fresh)
            if len(chosen) >= RELATED:
                break
        post.related = [by_id[i] for i in chosen]


def _tag_sets(posts: list[Post]) -> dict:
    return {t.slug: t for p in posts for t in p.tags}
