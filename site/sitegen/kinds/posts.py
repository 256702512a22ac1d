"""Blog posts: `content/posts/*.md`, pages /blog/, /blog/page/<n>/, /blog/<slug>/, /tags/."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from itertools import combinations
from pathlib import Path
from typing import Any

from flask import Flask, abort, render_template

from ..models import Post
from ..registry import Kind, UrlSpec
from ..render import count_words, first_paragraph, plain_text, reading_time, render_summary
from ..schema import Field, Schema
from ..state import current_content
from ..urls import site_url
from .common import collect_tags, digest_of

PER_PAGE = 10
RELATED = 3

SCHEMA = Schema(
    fields=[
        Field("title", required=True, doc="the post's title", example="{title}"),
        Field(
            "date",
            "datetime",
            required=True,
            doc="YYYY-MM-DD, or a date-time with offset",
            example="{today}",
        ),
        Field("updated", "datetime", doc="date of the last significant edit"),
        Field("tags", "tags", default=[], doc="list, or a comma-separated string", example=[]),
        Field(
            "summary",
            doc="plain text for lists and feeds; default: the first paragraph",
            example="",
        ),
        Field("draft", "bool", default=False, doc="true keeps it out of the build", example=True),
        Field("cover", "image", doc="{src: /images/..., alt: ...}"),
    ],
    aliases={
        "categories": "tags",
        "category": "tags",
        "tag": "tags",
        "keywords": "tags",
        "lastmod": "updated",
        "last_modified_at": "updated",
        "modified": "updated",
        "description": "summary",
        "excerpt": "summary",
        "published": "draft",
        "image": "cover",
        "image_alt": "cover",
        "cover_alt": "cover",
        "featured_image": "cover",
        "images": "cover",
    },
)


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


def normalize_foreign(meta: dict, record: Any = None) -> dict:
    """Accept Jekyll and Hugo forms: categories, lastmod, excerpt, image, published…"""
    meta = dict(meta)
    extra_tags = [t for key in ("categories", "category") for t in _categories(meta.get(key))]
    extra_tags += [t for key in ("tag", "keywords") for t in _as_list(meta.get(key))]
    if extra_tags:
        meta["tags"] = _as_list(meta.get("tags")) + extra_tags
    for key in ("lastmod", "last_modified_at", "modified"):
        if meta.get(key) and not meta.get("updated"):
            meta["updated"] = meta[key]
    for key in ("description", "excerpt"):
        if meta.get(key) and not meta.get("summary"):
            meta["summary"] = meta[key]
    if meta.get("published") is False and "draft" not in meta:
        meta["draft"] = True
    cover = meta.get("cover")
    alt = meta.get("image_alt") or meta.get("cover_alt")
    if isinstance(cover, dict) and "image" in cover and "src" not in cover:
        # Hugo PaperMod: cover: {image, alt, caption}
        cover = {
            "src": cover.get("image"),
            **{k: v for k, v in cover.items() if k in ("alt", "caption")},
        }
    if cover is None:
        for key in ("image", "featured_image", "images"):
            value = meta.get(key)
            if isinstance(value, list):
                value = value[0] if value else None
            if value:
                cover = value
                break
    if isinstance(cover, str):
        cover = {"src": cover}
    if isinstance(cover, dict) and alt and not cover.get("alt"):
        cover = {**cover, "alt": alt}
    if cover is not None:
        meta["cover"] = cover
    return meta


def make(record: Any) -> Post:
    """Build a Post from a validated file."""
    v = record.values
    post = Post()
    post.slug = record.slug
    post.path = f"/blog/{record.slug}/"
    post.source = record.src.path
    post.body = record.body
    post.params = record.params
    post.title = v["title"]
    when: dt.datetime = v["date"]
    post.datetime = when
    post.date = when.date()
    post.updated = v["updated"].date() if v["updated"] else None
    post.tag_names = v["tags"]
    post.draft = v["draft"]
    post.future = post.date > record.loader.today
    post.summary_source = v["summary"] or first_paragraph(record.body)
    post.summary = plain_text(post.summary_source)
    prefix = record.loader.prefix
    post.summary_made = (prefix, render_summary(post.summary_source, prefix))
    post.cover = record.image(v["cover"])
    post.words = count_words(record.body)
    post.reading_time = reading_time(post.words)
    post.related = []
    post.digest = record.digest
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


def per_page(content: Any) -> int:
    """Posts per blog page (site.yml `posts_per_page`, default 10)."""
    value = content.site.params.get("posts_per_page", PER_PAGE)
    return value if isinstance(value, int) and value > 0 else PER_PAGE


def urls(content: Any) -> list[UrlSpec]:
    """Every blog page with the posts each one shows."""
    posts: list[Post] = content.items["posts"]
    n = per_page(content)
    pages = max(1, -(-len(posts) // n))
    specs = [UrlSpec("blog", {}, (str(pages), *(p.digest for p in posts[:n])))]
    for page in range(2, pages + 1):
        shown = posts[(page - 1) * n : page * n]
        specs.append(UrlSpec("blog_page", {"page": page}, (str(pages), *(p.digest for p in shown))))
    if pages < 2:
        specs.append(UrlSpec("blog_page", None))
    for post in posts:
        deps = [post.digest]
        deps += [p.digest if p else "-" for p in (post.prev, post.next)]
        deps += [p.digest for p in post.related]
        deps += [f"{t.slug}:{t.count}" for t in post.tags]
        specs.append(UrlSpec("post", {"slug": post.slug}, tuple(deps), post.updated or post.date))
    tags = content.extras.get("post_tags", {})
    specs.append(UrlSpec("tags", {}, (digest_of([(t.name, t.count) for t in tags.values()]),)))
    specs += [UrlSpec(e, None) for e in ("post", "tag")]
    for tag in tags.values():
        specs.append(UrlSpec("tag", {"slug": tag.slug}, tuple([p.digest for p in tag.items])))
    return specs


def routes(app: Flask) -> None:
    """Add the views of the blog and its tags."""

    def listing(page: int) -> str:
        content = current_content()
        posts = content.items["posts"]
        n = per_page(content)
        pages = max(1, -(-len(posts) // n))
        if page < 1 or page > pages:
            abort(404)

        def page_url(k: int) -> str:
            return site_url("/blog/" if k == 1 else f"/blog/page/{k}/")

        pagination = {
            "page": page,
            "pages": pages,
            "total": len(posts),
            "prev_url": page_url(page - 1) if page > 1 else None,
            "next_url": page_url(page + 1) if page < pages else None,
        }
        shown = posts[(page - 1) * n : page * n]
        return render_template("blog/index.html", posts=shown, pagination=pagination)

    @app.route("/blog/")
    def blog() -> str:
        """Show the newest posts."""
        return listing(1)

    @app.route("/blog/page/<int:page>/")
    def blog_page(page: int) -> str:
        """Show older posts, one page at a time."""
        if page == 1:
            abort(404)  # page 1 lives at /blog/ only
        return listing(page)

    @app.route("/blog/<slug>/")
    def post(slug: str) -> str:
        """Show one post."""
        found = current_content().find("posts", slug)
        if found is None:
            abort(404)
        return render_template("blog/post.html", post=found)

    @app.route("/tags/")
    def tags() -> str:
        """List every post tag."""
        return render_template(
            "tags/index.html", tags=list(current_content().extras["post_tags"].values())
        )

    @app.route("/tags/<slug>/")
    def tag(slug: str) -> str:
        """Show the posts with one tag."""
        found = current_content().extras["post_tags"].get(slug)
        if found is None:
            abort(404)
        return render_template("tags/tag.html", tag=found, posts=found.items)


KIND = Kind(
    name="posts",
    singular="post",
    schema=SCHEMA,
    make=make,
    finish=finish,
    routes=routes,
    urls=urls,
    normalize=normalize_foreign,
    new_body="The paragraph you want in lists and feeds.\n\n## A heading\n\nMore text.\n",
    reserved=("blog", "tags"),
)
