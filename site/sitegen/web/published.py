"""Every URL the site publishes: the engine's own pages and files plus each kind's pages."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

from flask import current_app, has_request_context, request

from ..content.problems import Problem
from ..content.record import Content
from ..registry import UrlProblems, UrlSpec
from ..urls import site_url
from .state import current_content, current_state

# Endpoints of the engine that may legitimately have nothing to publish.
OPTIONAL = ("images", "media", "static")


def abs_url(url: str) -> str:
    """Make a path or `url_for` result absolute, with the site's base URL."""
    if "://" in url:
        return url
    root = request.script_root if has_request_context() else ""
    if root and (url == root or url.startswith(root + "/")):
        url = url[len(root) :] or "/"
    base = current_content().site.base_url.rstrip("/")
    return base + url


def core_urls(content: Content, home_deps: tuple[str, ...]) -> list[UrlSpec]:
    """Pages and files the site publishes besides the kinds' own pages."""
    specs = [
        UrlSpec("home", {}, home_deps),
        UrlSpec("contact", {}),
        UrlSpec("contact_thanks", {}, sitemap=False),
        UrlSpec("not_found", {}, sitemap=False),
        UrlSpec("sitemap", {}, (content.digest,), sitemap=False),
        UrlSpec("robots", {}, sitemap=False),
    ]
    assets = current_state().assets
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
    specs += [UrlSpec(e, None) for e in OPTIONAL]
    return specs


def all_specs(content: Content) -> list[UrlSpec]:
    """Every URL the site publishes, with what each page shows."""
    specs = content.extras.get("_specs")
    if specs is None:
        from .home import home_deps

        specs = core_urls(content, home_deps(content))
        registry = current_state().registry
        problems: list[Problem] = []
        parts = [k for k in registry.kinds.values() if content.items.get(k.name)]
        for part in [*parts, *registry.features.values()]:  # a kind with no items: no pages
            try:
                specs.extend(part.urls(content))
            except UrlProblems as exc:  # e.g. an old address that is no path: with the clashes
                specs.extend(exc.specs)
                problems += exc.problems
        content.extras["_specs"] = specs
        content.extras["_url_problems"] = problems
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


def clashes(content: Content) -> list[Problem]:
    """Report pages that would be written where another page or file goes.

    Two pages at one URL (a page `contact.md` beside the contact form), or a page
    whose folder is another page's file (`feed.xml.md` → `/feed.xml/` beside the
    feed `/feed.xml`), cannot both be published; the one from a content file is named.
    """
    files: dict[str, tuple[str, UrlSpec]] = {}
    folders: dict[str, tuple[str, UrlSpec]] = {}  # every folder some file is written in
    resolved = page_urls(content)
    problems = list(content.extras.get("_url_problems", ()))
    for url, spec in resolved:
        path = unquote(url).lstrip("/")
        path += "index.html" if path.endswith("/") or not path else ""
        parents = _parents(path)
        other = files.get(path) or folders.get(path)
        other = other or next((files[p] for p in parents if p in files), None)
        if other is not None:
            problems.append(_clash((url, spec), other))
            continue
        files[path] = (url, spec)
        for parent in parents:
            folders.setdefault(parent, (url, spec))
    return problems


def _parents(path: str) -> list[str]:
    parts = []
    parent = posixpath.dirname(path)
    while parent:
        parts.append(parent)
        parent = posixpath.dirname(parent)
    return parts


def _clash(page: tuple[str, UrlSpec], other: tuple[str, UrlSpec]) -> Problem:
    (url, mine), (_, theirs) = (page, other) if page[1].source else (other, page)
    where = f"the page of {theirs.source}" if theirs.source else "a page of the site itself"
    field = mine.source_field
    fix = {"slug": "rename the file or set another slug", None: "rename or remove the file"}
    advice = fix.get(field, f"change it in {field}")
    return Problem(mine.source or url, mine.line, field, f"{url} clashes with {where}; {advice}")


def error_page(problems: list[Any], status: int = 500) -> tuple[str, int]:
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
