"""The search page: Pagefind's UI in the browser, a plain form without JavaScript."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..urls import site_url
from .index import OUTPUT


def blueprint() -> Blueprint:
    """Build the search blueprint (endpoint `search.page`)."""
    bp = Blueprint("search", __name__, template_folder="templates", static_folder=None)

    @bp.route("/search/")
    def page() -> str:
        """Search the whole site (Pagefind, in the browser)."""
        bundle, base = site_url(f"/{OUTPUT}/"), site_url("/")
        return render_template("search.html", query="", search_bundle=bundle, search_base=base)

    return bp
