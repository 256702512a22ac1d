"""The view of free pages: /<slug>/."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from ...web.state import current_content


def blueprint() -> Blueprint:
    """Build the pages blueprint (endpoint `pages.page`)."""
    bp = Blueprint("pages", __name__, template_folder="templates")

    @bp.route("/<slug>/")
    def page(slug: str) -> str:
        """Show one page."""
        found = current_content().find("pages", slug)
        if found is None:
            abort(404)
        return render_template("page.html", page=found)

    return bp
