"""Frostfolio's static-site generator: content in, frozen site out.

`create_app(config)` builds the Flask app that renders `content/`; `sitegen.build`
freezes it; `sitegen.serve` previews it. Settings (all optional):

- `CONTENT_DIR`: the content folder (default `content`).
- `PREVIEW`: show drafts and future items, marked; reload content on change.
- `API_URL`, `BASE_URL`: override `api_url` / `base_url` from site.yml.
- `CACHE_DIR`: rendered Markdown and image variants (default: `$SITEGEN_CACHE_DIR`,
  else `.cache/sitegen` beside the content folder).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, request

from .errors import ContentError


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the site app for a content folder."""
    from . import assets, render, views
    from .links import check_links
    from .registry import FEATURES, kinds
    from .state import SiteState

    app = Flask(__name__, static_folder=None)
    app.config.setdefault("CONTENT_DIR", "content")
    app.config.setdefault("PREVIEW", False)
    app.config.setdefault("API_URL", None)
    app.config.setdefault("BASE_URL", None)
    app.config.setdefault("CACHE_DIR", None)
    app.config.setdefault("TEMPLATE_DIR", None)  # searched before the theme's templates
    app.config.update(config or {})
    root = Path(app.config["CONTENT_DIR"]).resolve()
    cache_dir = Path(
        app.config["CACHE_DIR"]
        or os.environ.get("SITEGEN_CACHE_DIR")
        or root.parent / ".cache" / "sitegen"
    ).resolve()
    preview = bool(app.config["PREVIEW"])
    render.configure(cache_dir)
    if app.config["TEMPLATE_DIR"]:
        from jinja2 import ChoiceLoader, FileSystemLoader

        app.jinja_loader = ChoiceLoader(
            [FileSystemLoader(str(app.config["TEMPLATE_DIR"])), app.jinja_loader]
        )
    # Compiled templates are kept between builds: compiling the theme costs more than
    # rendering the few pages a one-file edit needs. Jinja checks each source's checksum.
    from jinja2 import FileSystemBytecodeCache

    (cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir / "jinja"))
    if preview:
        app.config["TEMPLATES_AUTO_RELOAD"] = True
        app.jinja_env.auto_reload = True

    state = SiteState(root, preview=preview, cache_dir=cache_dir, watch=preview)

    def after_load(content: Any) -> None:
        site = content.site
        if app.config["BASE_URL"]:
            site.base_url = str(app.config["BASE_URL"]).rstrip("/") + "/"
        if app.config["API_URL"] is not None:
            site.api_url = str(app.config["API_URL"]).rstrip("/")
        with app.test_request_context():
            problems = check_links(content, views.known_paths(content))
        if problems:
            raise ContentError(problems)

    state.after_load = after_load
    app.extensions["sitegen"] = state

    views.routes(app)
    for kind in kinds().values():
        if kind.routes:
            kind.routes(app)
        if kind.blueprint:
            bp = kind.blueprint()
            app.register_blueprint(bp)
            state.blueprints[kind.name] = bp.name

    @app.errorhandler(ContentError)
    def content_problems(exc: ContentError) -> tuple[str, int]:
        return views.error_page(exc.problems)

    @app.context_processor
    def globals_() -> dict[str, Any]:
        content = state.content()
        return {
            "site": content.site,
            "preview": preview,
            "canonical_url": views.abs_url(request.script_root + request.path),
            "abs_url": views.abs_url,
            "asset": asset,
            "asset_exists": lambda path: path in assets.catalog(),
            "has_search": "search" in FEATURES,
        }

    def asset(path: str) -> str:
        from flask import url_for

        try:
            return url_for("static", filename=assets.fingerprinted(path.lstrip("/")))
        except KeyError:
            raise LookupError(f"asset({path!r}): no such file in {assets.STATIC}") from None

    return app
