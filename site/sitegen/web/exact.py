"""Pages at exact paths no route pattern covers: old URLs kept as redirects, files copied as is.

Their paths are only known once content is loaded (`/2020/01/02/title.html`,
`/favicon.ico`), and a catch-all `/<path:p>` rule cannot serve them: Werkzeug
answers `/about.html` with a redirect to `/about.html/` because `/<slug>/`
matches it with a slash added. So each path gets its own static rule, added when
a feature lists its pages, with its own endpoint (`group:path`), which keeps
building its URL a dictionary lookup on sites with thousands of such paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, request
from werkzeug.routing import Map, Rule


def exact_endpoint(group: str, path: str, view: Callable[[], Any]) -> str | None:
    """Route site path `path` to `view`; return its endpoint, or None if no rule can hold it.

    Needs an app context. Rules are never removed: in the preview, a path dropped
    from the content answers as if its rule did not exist (see `fall_through`).
    """
    if not path.startswith("/") or "<" in path or ">" in path:
        return None  # Werkzeug reads `<name>` in a rule as a variable
    endpoint = f"{group}:{path}"
    app = current_app
    if endpoint not in app.view_functions:
        app.view_functions[endpoint] = view
        app.url_map.add(Rule(path, endpoint=endpoint, methods=["GET"]))
    return endpoint


def fall_through(group: str) -> Any:
    """Answer the request as the site's other rules would (a rule of `group` gone stale)."""
    app = current_app
    rules = [r.empty() for r in app.url_map.iter_rules() if not r.endpoint.startswith(group + ":")]
    adapter = Map(rules, converters=app.url_map.converters).bind_to_environ(request.environ)
    endpoint, args = adapter.match()  # raises NotFound, as the app would
    return app.view_functions[endpoint](**args)
