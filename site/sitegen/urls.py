"""Site paths to URLs: every URL honours the base URL's sub-path."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from flask import has_request_context, request


def site_url(path: str) -> str:
    """Prefix a site path like `/blog/x/` with the sub-path the site is served from."""
    if has_request_context() and path.startswith("/"):
        return request.script_root + path
    return path


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """Make a URL-safe slug: `C++ & Rust` -> `c-rust`, accents folded."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "untitled"
