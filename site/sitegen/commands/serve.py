"""Live preview: drafts and future items shown and marked, content reloaded on change.

Each request first checks the content folder's file sizes and times; when one
changed, the content is loaded again (unchanged files are reused, so this stays
fast on large sites). Templates reload on change too. Content problems are shown
in the page instead of stopping the server.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask


def preview_app(content_dir: Path | str, api_url: str | None = None, **config: object) -> Flask:
    """Create the preview app (what `run_preview` serves), e.g. for tests or other servers."""
    from .. import create_app

    return create_app({"CONTENT_DIR": content_dir, "PREVIEW": True, "API_URL": api_url, **config})


def run_preview(
    content_dir: Path | str,
    host: str = "127.0.0.1",
    port: int = 5000,
    api_url: str | None = None,
) -> None:
    """Serve the live preview until interrupted (blocking)."""
    from werkzeug.serving import run_simple

    app = preview_app(content_dir, api_url)
    try:
        content = app.extensions["sitegen"].content()
        print(f"Previewing {len(content.all_items())} items from {content_dir}")
    except Exception as exc:  # shown in the browser too; the server still starts
        print(exc)
    print(f"Preview on http://{host}:{port}/ (drafts shown; Ctrl+C to stop)")
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)
