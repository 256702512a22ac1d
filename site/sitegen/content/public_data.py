"""Public data the build reads from the API: a short timeout and the last good copy.

Ratings (and, for comments, the approved comments) change after the build; the
build bakes a snapshot into the pages so they read right without JavaScript.
The API may be down, slow or not deployed yet: then the build goes on with the
copy saved by the last build that reached it (or without), and says so once.
``SITEGEN_OFFLINE=1`` skips the network and uses that copy only.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("sitegen.public_data")
MAX_BYTES = 8 * 1024 * 1024  # far above any summary; a runaway answer is cut off
# URLs this process asked the API for: a build that did may differ next time with
# no file changed, so it leaves no "up to date" stamp (commands.uptodate).
reached: list[str] = []


def offline() -> bool:
    """Tell whether the build must not reach the network (``SITEGEN_OFFLINE=1``)."""
    return os.environ.get("SITEGEN_OFFLINE", "").strip().lower() in ("1", "true", "yes")


def api_root(api_url: str, base_url: str) -> str | None:
    """Return the API's absolute URL: ``api_url`` itself, or a site path on ``base_url``."""
    if not api_url:
        return None
    if urlsplit(api_url).scheme in ("http", "https"):
        return api_url.rstrip("/")
    if api_url.startswith("/") and not api_url.startswith("//"):
        parts = urlsplit(base_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}{api_url.rstrip('/')}"
    return None


def _saved(path: Path) -> Any | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _save(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: a build killed mid-write leaves the old copy.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(f.name, path)


def fetch_public(
    api_base: str, path: str, *, cache_dir: Path, name: str, timeout: float = 2.0
) -> Any | None:
    """GET ``<api_base><path>``; save and return it, else return the last saved copy (or None).

    Never raises: any failure (network, status, JSON, disk) is one warning in the log.
    """
    copy = Path(cache_dir) / "public" / f"{name}.json"
    if offline() or not api_base:
        return _saved(copy)
    url = f"{api_base.rstrip('/')}{path}"
    reached.append(url)
    try:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("the API URL must start with http:// or https://")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            raw = response.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError(f"answer larger than {MAX_BYTES} bytes")
        data = json.loads(raw.decode("utf-8"))
    except Exception as exc:  # the build must go on whatever the API did
        saved = _saved(copy)
        log.warning(
            "could not read %s (%s: %s); using %s",
            url,
            type(exc).__name__,
            exc,
            "the copy from the last build" if saved is not None else "no data",
        )
        return saved
    try:
        _save(copy, data)
    except OSError as exc:
        log.warning("could not keep a copy of %s in %s: %s", url, copy, exc)
    return data
