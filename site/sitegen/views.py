"""Views that belong to no content kind: home, contact, 404, feed, sitemap, robots, files."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Flask, Response, abort, current_app, render_template, send_from_directory, url_for

from . import assets, feeds
from .content import Content
from .images import media_dir
from .registry import UrlSpec, kinds
from .state import current_content
from .urls import site_url

LATEST = 5
FEATURED_FALLBACK = 3


def routes(app: Flask) -> None:
    """Add the views that belong to no kind (endpoints: home, contact, feed…)."""
    for rule, view in (
        ("/", home),
        ("/contact/", contact),
        ("/contact/thanks/", contact_thanks),
        ("/404.html", not_found),
        ("/feed.xml", feed),
        ("/sitemap.xml", sitemap),
        ("/robots.txt", robots),
        ("/static/<path:filename>", static),
        ("/images/<path:filename>", images),
        ("/media/<path:filename>", media),
    ):
        app.add_url_rule(rule, view_func=view)


def home_context(content: Content) -> dict:
    """What the home page shows: featured projects, latest posts, testimonials."""
    projects = content.items.get("projects", [])
    featured = [p for p in projects if p.featured] or projects[:FEATURED_FALLBACK]
    return {
        "featured_projects": featured,
        "latest_posts": content.items.get("posts", [])[:LATEST],
        "testimonials": content.items.get("testimonials", []),
    }


def home() -> str:
    """Show the hero, featured projects, skills, testimonials and latest posts."""
    return render_template("home.html", **home_context(current_content()))


def contact() -> str:
    """Show the contact form, email and social links."""
    return render_template("contact.html")


def contact_thanks() -> str:
    """Thank a visitor whose message was sent without JavaScript."""
    return render_template("contact_thanks.html")


def not_found() -> str:
    """Render the page hosts serve for unknown URLs."""
    return render_template("404.html")


def _file(data: bytes, name: str) -> Response:
    # The type a static host will guess from the extension: keeps preview and build alike.
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response(data, mimetype=mime)


def feed() -> Response:
    """Serve the Atom feed of the newest posts."""
    content = current_content()
    body = feeds.atom_feed(content, abs_url, lambda post: post.html)
    return _file(body, "feed.xml")


def sitemap() -> Response:
    """List every page for search engines."""
    content = current_content()
    entries = [(abs_url(url), spec.lastmod) for url, spec in page_urls(content) if spec.sitemap]
    return _file(feeds.sitemap(entries), "sitemap.xml")


def robots() -> Response:
    """Allow crawling and point at the sitemap."""
    return _file(feeds.robots(abs_url(url_for("sitemap"))), "robots.txt")


def static(filename: str) -> Response:
    """Serve an asset by plain or fingerprinted name (the CSS bundle included)."""
    data = assets.lookup(filename)
    if data is None:
        abort(404)
    return _file(data, filename)


def images(filename: str) -> Response:
    """Serve a file from content/images/ as-is."""
    return send_from_directory(current_content().root / "images", filename)


def media(filename: str) -> Response:
    """Serve a resized image variant."""
    return send_from_directory(media_dir(current_app.extensions["sitegen"].cache_dir), filename)


def abs_url(url: str) -> str:
    """Make a path or `url_for` result absolute, with the site's base URL."""
    if "://" in url:
        return url
    from flask import has_request_context, request

    root = request.script_root if has_request_context() else ""
    if root and (url == root or url.startswith(root + "/")):
        url = url[len(root) :] or "/"
    base = current_content().site.base_url.rstrip("/")
    return base + url


def core_urls(content: Content) -> list[UrlSpec]:
    """Pages and files the site publishes besides the kinds' own pages."""
    home = home_context(content)
    home_deps = tuple(i.digest for group in home.values() for i in group)
    posts = content.items.get("posts", [])
    specs = [
        UrlSpec("home", {}, home_deps),
        UrlSpec("contact", {}),
        UrlSpec("contact_thanks", {}, sitemap=False),
        UrlSpec("not_found", {}, sitemap=False),
        UrlSpec("feed", {}, tuple(p.digest for p in posts[: feeds.FEED_SIZE]), sitemap=False),
        UrlSpec("sitemap", {}, (content.digest,), sitemap=False),
        UrlSpec("robots", {}, sitemap=False),
    ]
    specs += [UrlSpec("static", {"filename": name}, sitemap=False) for name in assets.published()]
    images = content.root / "images"
    if images.is_dir():
        for path in sorted(
            p for p in images.rglob("*") if p.is_file() and not p.name.startswith(".")
        ):
            rel = path.relative_to(images).as_posix()
            specs.append(
                UrlSpec("images", {"filename": rel}, (str(path.stat().st_size),), sitemap=False)
            )
    for name in sorted(content.extras.get("media", ())):
        specs.append(UrlSpec("media", {"filename": name}, sitemap=False))
    # Endpoints that may legitimately have nothing to publish.
    specs += [UrlSpec(e, None) for e in ("images", "media", "static")]
    return specs


def all_specs(content: Content) -> list[UrlSpec]:
    """Every URL the site publishes, with what each page shows."""
    specs = content.extras.get("_specs")
    if specs is None:
        specs = core_urls(content)
        for kind in kinds().values():
            specs.extend(kind.urls(content))
        content.extras["_specs"] = specs
    return specs


def page_urls(content: Content) -> list[tuple[str, UrlSpec]]:
    """Resolve every spec to its URL (needs a request context)."""
    cache = content.extras.get("_page_urls")
    if cache is not None and cache[0] == site_url("/"):
        return cache[1]
    # The URL map's builder directly: flask.url_for costs 4x more per call, which
    # shows at thousands of pages.
    build = current_app.url_map.bind("localhost", script_name=site_url("/")).build
    resolved = [
        (build(s.endpoint, s.values), s) for s in all_specs(content) if s.values is not None
    ]
    content.extras["_page_urls"] = (site_url("/"), resolved)
    return resolved


def known_paths(content: Content) -> set[str]:
    """Site paths (without sub-path) that a Markdown link may point at."""
    root = site_url("/")[:-1]
    return {url[len(root) :] for url, _ in page_urls(content)}


def error_page(problems: list, status: int = 500) -> tuple[str, int]:
    """Show content problems in the browser during preview instead of crashing."""
    from markupsafe import escape

    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)
    html = (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width'><title>Content problems</title>"
        "<body style='font:16px/1.5 system-ui;max-width:60rem;margin:2rem auto;padding:0 1rem'>"
        "<h1>Content problems</h1>"
        "<p>Fix these and save; this page reloads on the next request.</p>"
        f"<ul>{items}</ul></body></html>"
    )
    return html, status


def template_dir() -> Path:
    """Folder of the site's Jinja templates."""
    return Path(__file__).parent / "templates"
