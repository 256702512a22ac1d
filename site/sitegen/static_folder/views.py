"""Serve a file of `content/static/` at its own path."""

from __future__ import annotations

from flask import Response, request, send_from_directory

from ..web.exact import fall_through
from ..web.state import current_content
from . import FOLDER, GROUP


def static_file() -> Response:
    """Send the file as it is (a file deleted while previewing answers as the site would)."""
    folder = current_content().root / FOLDER
    rel = request.path.lstrip("/")
    if not (folder / rel).is_file():
        return fall_through(GROUP)
    return send_from_directory(folder, rel)
