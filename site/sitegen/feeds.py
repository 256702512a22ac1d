"""Atom feed, sitemap and robots.txt, generated in Python (not templates)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from .content import Content

FEED_SIZE = 20


def _aware(when: dt.datetime | dt.date) -> dt.datetime:
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def atom_feed(content: Content, abs_url: callable, html_of: callable) -> bytes:
    """Return the Atom feed of the newest posts, with full content."""
    from feedgen.feed import FeedGenerator

    site = content.site
    posts = content.items.get("posts", [])[:FEED_SIZE]
    fg = FeedGenerator()
    fg.id(abs_url("/"))
    fg.title(site.title)
    if site.tagline or site.description:
        fg.subtitle(site.tagline or site.description)
    fg.link(href=abs_url("/"), rel="alternate")
    fg.link(href=abs_url("/feed.xml"), rel="self")
    fg.language(site.language)
    if site.author.get("name"):
        fg.author(
            {
                "name": site.author["name"],
                **({"email": site.author["email"]} if site.author.get("email") else {}),
            }
        )
    newest = max(
        (_aware(p.updated or p.datetime) for p in posts), default=_aware(dt.date(2000, 1, 1))
    )
    # Set explicitly: feedgen would otherwise stamp the build time and break reproducibility.
    fg.updated(newest)
    for post in posts:
        entry = fg.add_entry(order="append")
        entry.id(abs_url(post.path))
        entry.title(post.title)
        entry.link(href=abs_url(post.path), rel="alternate")
        entry.published(_aware(post.datetime))
        entry.updated(_aware(post.updated or post.datetime))
        if post.summary:
            entry.summary(post.summary)
        entry.content(html_of(post), type="html")
        for tag in post.tags:
            entry.category(term=tag.slug, label=tag.name)
    return fg.atom_str(pretty=True)


def sitemap(urls: list[tuple[str, dt.date | None]]) -> bytes:
    """Return a sitemap listing `(absolute URL, last modified)` pairs."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for loc, lastmod in urls:
        mod = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(loc)}</loc>{mod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode()


def robots(sitemap_url: str) -> bytes:
    """Return robots.txt allowing everything and naming the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
