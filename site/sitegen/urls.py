"""Site paths to URLs: every URL honours the base URL's sub-path."""

from __future__ import annotations

from flask import has_request_context, request


def site_url(path: str) -> str:
    """Prefix a site path like `/blog/x/` with the sub-path the site is served from."""
    if has_request_context() and path.startswith("/"):
        return request.script_root + path
    return path
