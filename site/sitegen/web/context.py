"""What every template sees, and the checks that need every page known (links, clashes)."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for

from ..content.links import check_links
from ..content.problems import ContentError
from ..content.record import Content
from ..content.siteconfig import NavLink, default_nav
from ..render.scroll import scroll_regions
from .published import abs_url, clashes, error_page, known_paths
from .state import SiteState


def install(app: Flask, state: SiteState) -> None:
    """Check loaded content against the app's pages; give templates their globals."""

    def after_load(content: Content) -> None:
        site = content.site
        if app.config["BASE_URL"]:
            site.base_url = str(app.config["BASE_URL"]).rstrip("/") + "/"
        if app.config["API_URL"] is not None:
            site.api_url = str(app.config["API_URL"]).rstrip("/")
        extra = registry.feature_nav(content)  # after the overrides: they may read the API
        if extra and not site.nav_given:
            offered = [*registry.nav_entries(content.present()), *extra]
            links = sorted(offered, key=lambda n: n.weight)
            site.nav = default_nav([(n.title, n.path) for n in links])
        with app.test_request_context():
            problems = clashes(content) + check_links(content, known_paths(content))
        if problems:
            raise ContentError(problems)

    state.after_load = after_load

    @app.errorhandler(ContentError)
    def content_problems(exc: ContentError) -> tuple[str, int]:
        return error_page(exc.problems)

    registry = state.registry
    # Rendered bodies pass through it: tables and code blocks that scroll take focus.
    app.add_template_filter(scroll_regions)

    @app.context_processor
    def globals_() -> dict[str, Any]:
        content = state.content()
        present = content.present()
        entries = [*registry.nav_entries(present), *registry.feature_nav(content)]
        kind_links = [NavLink(n.title, n.path) for n in sorted(entries, key=lambda n: n.weight)]
        feeds = [k.feed for name, k in registry.kinds.items() if k.feed and name in present]
        return {
            "site": content.site,
            "preview": state.preview,
            "canonical_url": abs_url(request.script_root + request.path),
            "abs_url": abs_url,
            "asset": asset,
            "asset_exists": lambda path: path in state.assets.catalog(),
            "has_search": "search" in registry.features,
            "kind_links": kind_links,  # each kind's main page, e.g. for a 404 page
            "feeds": [url_for(endpoint) for endpoint in feeds],
            "page_parts": lambda: page_parts(content, request.path),
        }

    def page_parts(content: Content, path: str) -> list[tuple[Any, dict[str, Any]]]:
        """The blocks features add to the page of the item at `path`, with their variables."""
        parts = registry.page_parts()
        if not parts:
            return []
        index = content.extras.get("_by_path")
        if index is None:
            index = content.extras["_by_path"] = {i.path: i for i in content.all_items()}
        item = index.get(path)
        if item is None:
            return []
        found = [(part, part.context(content, item)) for part in parts]
        return [(part, values) for part, values in found if values is not None]

    def asset(path: str) -> str:
        try:
            return url_for("static", filename=state.assets.fingerprinted(path.lstrip("/")))
        except KeyError:
            roots = ", ".join(str(r) for r in state.assets.roots)
            raise LookupError(f"asset({path!r}): no such file in {roots}") from None
