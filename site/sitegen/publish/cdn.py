"""CloudFront invalidation: one batch of the paths whose old copies may be cached."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

MAX_PATHS = 100
"""Above this many paths one wildcard is cheaper (AWS bills each path past 1,000 a month)."""


class InvalidationError(Exception):
    """CloudFront refused the invalidation; the message says why."""


def paths_for(key: str) -> list[str]:
    """Return the URL paths that serve `key`: `x/index.html` is also `/x/`."""
    path = "/" + quote(key, safe="/-_.~")
    if key == "index.html":
        return ["/", path]
    if key.endswith("/index.html"):
        return [path[: -len("index.html")], path]
    return [path]


def invalidation_paths(keys: Iterable[str], max_paths: int = MAX_PATHS) -> list[str]:
    """Return the sorted paths to invalidate for changed `keys`, or `/*` when too many."""
    paths = sorted({p for key in keys for p in paths_for(key)})
    if len(paths) > max_paths:
        return ["/*"]
    return paths


def invalidate(cloudfront: Any, distribution_id: str, paths: list[str]) -> str | None:
    """Create one invalidation for `paths`; return its id (None when nothing changed)."""
    if not paths:
        return None
    batch = {
        "Paths": {"Quantity": len(paths), "Items": paths},
        "CallerReference": f"frostfolio-{int(time.time())}-{uuid.uuid4().hex[:8]}",
    }
    try:
        result = cloudfront.create_invalidation(
            DistributionId=distribution_id, InvalidationBatch=batch
        )
    except Exception as exc:
        error = getattr(exc, "response", {}).get("Error", {})
        reason = f"{error.get('Code')}: {error.get('Message')}" if error else str(exc)
        raise InvalidationError(
            f"cannot invalidate {len(paths)} paths on distribution {distribution_id}: {reason}"
        ) from exc
    return result["Invalidation"]["Id"]
