"""The dashboard's files: the shell page, the manifest, the service worker, the icons."""

from __future__ import annotations

import hashlib
import json

from flask import Blueprint, Response, abort, render_template, url_for

from ..web.state import current_content, current_state
from .icons import SIZES, icon_png


def api_base() -> str:
    """The API's path on this origin ('/api'), or '' when the API lives elsewhere."""
    site = current_content().site
    return site.api_base if site.api_url.startswith("/") else ""


CORE_SCRIPTS = ("js/owner/core.js", "js/owner/queue.js", "js/owner/charts.js")
# Loaded by charts.js the first time a chart is drawn; the service worker keeps them
# then (not at install: the shell stays light for a phone that never opens a chart).
CHART_LIBRARIES = {
    "chart-lib": "vendor/chart.umd.min.js",
    "chart-matrix": "vendor/chartjs-chart-matrix.min.js",
}


def _scripts() -> list[str]:
    return [*CORE_SCRIPTS, *current_state().registry.dashboard_scripts()]


def blueprint() -> Blueprint:
    """Build the dashboard's blueprint (endpoints owner.shell, .manifest, .worker, .icon)."""
    bp = Blueprint("owner", __name__, template_folder="templates", static_folder=None)

    @bp.route("/owner/")
    def shell() -> str:
        """Show the dashboard's shell; the pages are drawn by its scripts."""
        return render_template(
            "owner/index.html",
            api_base=api_base(),
            scripts=_scripts(),
            chart_libraries=CHART_LIBRARIES,
        )

    @bp.route("/owner/manifest.json")
    def manifest() -> Response:
        """Describe the dashboard as an installable app."""
        site = current_content().site
        data = {
            "name": f"{site.title} dashboard",
            "short_name": "Dashboard",
            "start_url": url_for("owner.shell"),
            "scope": url_for("owner.shell"),
            "display": "standalone",
            "background_color": "#f7f8fa",
            "theme_color": "#1d5bd8",
            "icons": [
                {
                    "src": url_for("owner.icon", size=size),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in SIZES
            ],
        }
        return Response(json.dumps(data, indent=1), mimetype="application/json")

    @bp.route("/owner/sw.js")
    def worker() -> Response:
        """The service worker: keeps the shell so the dashboard opens offline."""
        assets = current_state().assets
        shell = [
            url_for("owner.shell"),
            url_for("owner.manifest"),
            *(url_for("owner.icon", size=size) for size in SIZES),
            *(
                url_for("static", filename=assets.fingerprinted(path))
                for path in ("css/owner.css", *_scripts())
            ),
        ]
        later = [
            url_for("static", filename=assets.fingerprinted(path))
            for path in CHART_LIBRARIES.values()
        ]
        version = hashlib.sha1(" ".join(shell).encode()).hexdigest()[:12]
        body = render_template(
            "owner/sw.js", shell=shell, later=later, api_base=api_base(), version=version
        )
        return Response(body, mimetype="text/javascript")

    @bp.route("/owner/icon-<int:size>.png")
    def icon(size: int) -> Response:
        """An app icon."""
        if size not in SIZES:
            abort(404)
        return Response(icon_png(size), mimetype="image/png")

    return bp
