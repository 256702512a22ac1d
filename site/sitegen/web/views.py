"""Views that belong to no content kind: home, contact, 404, sitemap, robots, files."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Flask, Response, abort, render_template, send_from_directory, url_for

from ..render.images import media_dir
from ..urls import site_url
from . import sitemap as sitemaps
from .home import render_home
from .published import abs_url, page_urls
from .state import current_content, current_state


def routes(app: Flask) -> None:
    """Add the views that belong to no kind (endpoints: home, contact, sitemap…)."""
    for rule, view in (
        ("/", home),
        ("/contact/", contact),
        ("/contact/thanks/", contact_thanks),
        ("/404.html", not_found),
        ("/sitemap.xml", sitemap),
        ("/robots.txt", robots),
        ("/static/<path:filename>", static),
        ("/images/<path:filename>", images),
        ("/media/<path:filename>", media),
    ):
        app.add_url_rule(rule, view_func=view)


def home() -> str:
    """Show the introduction and the sections site.yml lists under `home:`."""
    return render_home(current_content())


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


def sitemap() -> Response:
    """List every page for search engines."""
    content = current_content()
    entries = [(abs_url(url), spec.lastmod) for url, spec in page_urls(content) if spec.sitemap]
    return _file(sitemaps.sitemap(entries), "sitemap.xml")


def robots() -> Response:
    """Allow crawling (but of private pages) and point at the sitemap."""
    private = [site_url(path) for path in current_state().registry.private_paths()]
    return _file(sitemaps.robots(abs_url(url_for("sitemap")), private), "robots.txt")


def static(filename: str) -> Response:
    """Serve an asset by plain or fingerprinted name (the CSS bundles included)."""
    data = current_state().assets.lookup(filename)
    if data is None:
        abort(404)
    return _file(data, filename)


def images(filename: str) -> Response:
    """Serve a file from content/images/ as-is."""
    return send_from_directory(current_content().root / "images", filename)


def media(filename: str) -> Response:
    """Serve a resized image variant."""
    return send_from_directory(media_dir(current_state().cache_dir), filename)


def template_dir() -> Path:
    """Folder of the theme's Jinja templates."""
    return Path(__file__).parents[1] / "templates"
