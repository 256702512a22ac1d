"""Blog posts: `content/posts/*.md`, pages /blog/, /blog/page/<n>/, /blog/<slug>/, /tags/."""

from __future__ import annotations

from typing import Any

from ...content.schema import Field, Schema
from ...registry import HomeSection, Kind, NavEntry, UrlSpec
from ..common import digest_of
from .feed import FEED_SIZE
from .load import Post, finish, make, normalize

LATEST = 5  # posts on the home page
PER_PAGE = 10

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


def per_page(content: Any) -> int:
    """Posts per blog page (site.yml `posts_per_page`, default 10)."""
    value = content.site.params.get("posts_per_page", PER_PAGE)
    return value if isinstance(value, int) and value > 0 else PER_PAGE


def urls(content: Any) -> list[UrlSpec]:
    """Every blog page with the posts each one shows, the tags, the feed."""
    posts: list[Post] = content.items["posts"]
    n = per_page(content)
    pages = max(1, -(-len(posts) // n))
    # Lists, tags and neighbours show a post's card: `card`, not the whole `digest`.
    specs = [UrlSpec("posts.index", {}, (str(pages), *(p.card for p in posts[:n])))]
    for page in range(2, pages + 1):
        shown = posts[(page - 1) * n : page * n]
        deps = (str(pages), *(p.card for p in shown))
        specs.append(UrlSpec("posts.page", {"page": page}, deps))
    if pages < 2:
        specs.append(UrlSpec("posts.page", None))
    for post in posts:
        deps = [post.digest]
        deps += [p.card if p else "-" for p in (post.prev, post.next)]
        deps += [p.card for p in post.related]
        deps += [f"{t.slug}:{t.count}" for t in post.tags]
        when = post.updated or post.date
        specs.append(
            UrlSpec(
                "posts.post",
                {"slug": post.slug},
                tuple(deps),
                when,
                search="post",
                source=post.source,
            )
        )
    tags = content.extras.get("post_tags", {})
    specs.append(
        UrlSpec("posts.tags", {}, (digest_of([(t.name, t.count) for t in tags.values()]),))
    )
    specs += [UrlSpec(e, None) for e in ("posts.post", "posts.tag")]
    for tag in tags.values():
        specs.append(UrlSpec("posts.tag", {"slug": tag.slug}, tuple([p.card for p in tag.items])))
    feed = tuple(p.digest for p in posts[:FEED_SIZE])
    specs.append(UrlSpec("posts.feed", {}, feed, sitemap=False))
    return specs


def _home(content: Any) -> dict[str, Any]:
    return {"latest_posts": content.items["posts"][:LATEST]}


KIND = Kind(
    name="posts",
    singular="post",
    schema=SCHEMA,
    make=make,
    finish=finish,
    blueprint="sitegen.kinds.posts.views",
    urls=urls,
    normalize=normalize,
    new_body="The paragraph you want in lists and feeds.\n\n## A heading\n\nMore text.\n",
    home=HomeSection("blog/_home.html", _home, weight=40),
    nav=NavEntry("Blog", "/blog/", weight=20),
    feed="posts.feed",
    loose_files=True,
    traits=frozenset({"comments"}),  # posts take comments unless site.yml says otherwise
)

__all__ = ["KIND", "Post"]
