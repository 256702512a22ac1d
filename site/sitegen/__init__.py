"""Frostfolio's static-site generator: content in, frozen site out.

The pipeline, one package per stage: `content` reads and validates the Markdown
files into items (no Flask), `render` turns Markdown, images and stylesheets into
what pages need, `web` is the Flask app that shows the items, `commands` freeze
it (`build`), preview it (`serve`) and start new files (`new`). Kinds of content
(`kinds`) and features (`search`) plug in through `sitegen.registry`.

`create_app(config)` builds the Flask app that renders `content/`. Settings (all
optional):

- `CONTENT_DIR`: the content folder (default `content`).
- `PREVIEW`: show drafts and future items, marked; reload content on change.
- `API_URL`, `BASE_URL`: override `api_url` / `base_url` from site.yml.
- `CACHE_DIR`: rendered Markdown and image variants (default: `$SITEGEN_CACHE_DIR`,
  else `.cache/sitegen` beside the content folder).
- `TEMPLATE_DIR`: templates searched before the theme's (a site's own theme).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by create_app: `python -m sitegen build` may need no Flask
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the site app for a content folder."""
    from flask import Flask

    from .registry import make_blueprint, site_registry
    from .render import markdown
    from .render.assets import STATIC, Assets
    from .web import context, views
    from .web.state import SiteState

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
    markdown.configure(cache_dir)
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

    registry = site_registry(root) if root.is_dir() else _builtin_registry()
    blueprints = [
        (name, make_blueprint(source))
        for name, source in [
            *((k.name, k.blueprint) for k in registry.kinds.values()),
            *((f.name, f.blueprint) for f in registry.features.values()),
        ]
        if source is not None
    ]
    static_roots = [STATIC] + [
        Path(bp.root_path) / "static"
        for _name, bp in blueprints
        if (Path(bp.root_path) / "static").is_dir()
    ]
    state = SiteState(
        root,
        preview=preview,
        cache_dir=cache_dir,
        watch=preview,
        registry=registry,
        assets=Assets(tuple(static_roots)),
    )
    app.extensions["sitegen"] = state
    if preview:
        app.wsgi_app = _load_before_routing(app, state)  # type: ignore[method-assign]
    views.routes(app)
    for name, bp in blueprints:
        app.register_blueprint(bp)
        state.blueprints[name] = bp.name
    context.install(app, state)
    return app


def _load_before_routing(app: Flask, state: Any) -> Any:
    """Reload changed content before a request is routed, not half-way through it.

    Some paths get their rules only when content is loaded (old addresses kept as
    redirects, files of content/static/: `web.exact`), so a path added while
    previewing must be known before the request is matched.
    """
    from .content.problems import ContentError

    inner = app.wsgi_app

    def wsgi_app(environ: Any, start_response: Any) -> Any:
        # Problems are shown by the page the request is routed to.
        with app.app_context(), contextlib.suppress(ContentError):
            state.content()
        return inner(environ, start_response)

    return wsgi_app


def _builtin_registry() -> Any:
    # A missing content folder is reported when content is first loaded.
    from .registry import load_registry

    return load_registry()
