"""Sitemap and robots.txt, generated in Python (not templates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape


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


def robots(sitemap_url: str, private: Sequence[str] = ()) -> bytes:
    """Return robots.txt allowing everything but `private` paths, naming the sitemap."""
    rules = "".join(f"Disallow: {path}\n" for path in private)
    return f"User-agent: *\n{rules}Allow: /\n\nSitemap: {sitemap_url}\n".encode()
