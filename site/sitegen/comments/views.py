"""The feed of threads the API syncs from (`/comments/threads.json`); the block's templates."""

from __future__ import annotations

from flask import Blueprint, Response

from ..web.state import current_content
from .threads import feed, to_json


def blueprint() -> Blueprint:
    """Serve the threads feed; lend the comments block its templates and assets."""
    bp = Blueprint("comments", __name__, template_folder="templates", static_folder=None)

    @bp.route("/comments/threads.json")
    def threads_json() -> Response:
        """Serve every page that takes comments or ratings (docs/comments.md)."""
        return Response(to_json(feed(current_content())), mimetype="application/json")

    return bp
