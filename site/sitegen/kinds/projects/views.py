"""Views of the portfolio: the grid, one tag's projects, each project."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from ...web.state import current_content, item_or_404


def blueprint() -> Blueprint:
    """Build the portfolio's blueprint: projects.index, .tag, .project."""
    bp = Blueprint("projects", __name__, template_folder="templates")

    @bp.route("/projects/")
    def index() -> str:
        """Show every project."""
        content = current_content()
        tags = list(content.extras["project_tags"].values())
        return render_template(
            "projects/index.html", projects=content.items["projects"], tags=tags, current_tag=None
        )

    @bp.route("/projects/tags/<slug>/")
    def tag(slug: str) -> str:
        """Show the projects with one tag."""
        content = current_content()
        found = content.extras["project_tags"].get(slug)
        if found is None:
            abort(404)
        tags = list(content.extras["project_tags"].values())
        return render_template(
            "projects/index.html", projects=found.items, tags=tags, current_tag=found
        )

    @bp.route("/projects/<slug>/")
    def project(slug: str) -> str:
        """Show one project."""
        return render_template("projects/project.html", project=item_or_404("projects", slug))

    return bp
