"""The API on the site's own origin: ``/api/contact`` is the same app as ``/contact``.

The site's CloudFront distribution sends ``/api/*`` to API Gateway with the
path unchanged (its OriginPath adds only the Zappa stage), so the app sees
``/api/contact`` there, and ``/contact`` on its own execute-api URL. One WSGI
middleware serves both: it moves ``/api`` from ``PATH_INFO`` to ``SCRIPT_NAME``,
so routing, the URL map and every route's tests stay as they are, and
``url_for`` and redirects build ``/api/...`` URLs for a request that came that way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PREFIX = "/api"


class SitePrefix:
    """Serve ``app`` both at its root and under ``prefix``."""

    def __init__(self, app: Any, prefix: str = PREFIX) -> None:
        self.app = app
        self.prefix = prefix

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """Strip the prefix from the path (a whole segment only) and record it as the root."""
        path = environ.get("PATH_INFO", "")
        if path == self.prefix or path.startswith(self.prefix + "/"):
            environ["PATH_INFO"] = path[len(self.prefix) :]
            # Replaced, not appended: behind CloudFront the Host is execute-api's,
            # so Zappa sets SCRIPT_NAME to its stage (/prod), which the visitor's
            # URL does not have. On the site's origin /api is the API's whole root.
            environ["SCRIPT_NAME"] = self.prefix
        return self.app(environ, start_response)
