"""The view of free pages: /<slug>/."""

from __future__ import annotations

from flask import Blueprint, render_template

from ...web.state import item_or_404


def blueprint() -> Blueprint:
    """Build the pages blueprint (endpoint `pages.page`)."""
    bp = Blueprint("pages", __name__, template_folder="templates")

    @bp.route("/<slug>/")
    def page(slug: str) -> str:
        """Show one page."""
        return render_template("page.html", page=item_or_404("pages", slug))

    return bp
