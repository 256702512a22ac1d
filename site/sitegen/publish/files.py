"""The files of a build as S3 will hold them: key, hashes, Content-Type, Cache-Control.

Pure functions of the build folder; nothing here talks to AWS.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

IMMUTABLE = "public, max-age=31536000, immutable"
"""Fingerprinted files never change under their name: browsers and the CDN keep them a year."""

REVALIDATE = "public, max-age=0, must-revalidate"
"""Pages, feeds, sitemaps and the search entry point: always ask whether they changed."""

SHORT = "public, max-age=3600"
"""Other unfingerprinted assets (original images, plain scripts): an hour in browsers.
CloudFront still serves the new copy at once, because changed paths are invalidated."""

# Explicit types, because `mimetypes` depends on the machine's /etc/mime.types.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml; charset=utf-8",
    ".xsl": "application/xslt+xml",
    ".txt": "text/plain; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    # Pagefind's index files are gzip data its script inflates itself: they must not
    # carry Content-Encoding, or browsers would inflate them first.
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
FEED_TYPES = {b"<feed": "application/atom+xml; charset=utf-8", b"<rss": "application/rss+xml"}

# `site.2c5688dd.css`: the build's fingerprint, a hex hash before the extension.
_FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.[A-Za-z0-9]+$")
# Pagefind names its index chunks after their content hash.
_PAGEFIND_HASHED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
# Pages, feeds and indexes that must be re-checked on every visit.
_REVALIDATE_SUFFIXES = (".html", ".htm", ".xml", ".json", ".txt", ".webmanifest", ".ics")
_REVALIDATE_NAMES = {"pagefind.js", "pagefind-entry.json"}

PART_SIZE = 8 * 1024 * 1024
"""Multipart part size of our uploads (boto3's default), used to predict ETags."""


def content_type(key: str, head: bytes = b"") -> str:
    """Return the Content-Type for `key`; `head` (first bytes) tells feeds from other XML."""
    suffix = Path(key).suffix.lower()
    if suffix == ".xml":
        start = head.lstrip()
        if start.startswith(b"<?xml"):
            start = start[start.find(b"?>") + 2 :].lstrip()
        for marker, kind in FEED_TYPES.items():
            if start.startswith(marker):
                return kind
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(key)
    return guessed or "application/octet-stream"


def is_fingerprinted(key: str) -> bool:
    """Tell whether the file's name changes whenever its content does."""
    name = key.rsplit("/", 1)[-1]
    return (
        key.startswith("media/")  # resized images are named after their content hash
        or name.endswith(_PAGEFIND_HASHED)
        or bool(_FINGERPRINT.search(name))
    )


def cache_control(key: str) -> str:
    """Return the Cache-Control header for `key`."""
    name = key.rsplit("/", 1)[-1]
    if name in _REVALIDATE_NAMES:
        return REVALIDATE
    if is_fingerprinted(key):
        return IMMUTABLE
    if name.lower().endswith(_REVALIDATE_SUFFIXES):
        return REVALIDATE
    return SHORT


def md5_parts(path: Path, part_size: int = PART_SIZE) -> tuple[str, list[bytes]]:
    """Return the file's hex MD5 and the MD5 digest of each `part_size` part."""
    whole = hashlib.md5(usedforsecurity=False)
    parts: list[bytes] = []
    with path.open("rb") as f:
        while chunk := f.read(part_size):
            whole.update(chunk)
            parts.append(hashlib.md5(chunk, usedforsecurity=False).digest())
    return whole.hexdigest(), parts


def multipart_etag(path: Path, part_size: int) -> str:
    """Return the ETag S3 gives `path` when uploaded in parts of `part_size` bytes."""
    _, parts = md5_parts(path, part_size)
    combined = hashlib.md5(b"".join(parts), usedforsecurity=False).hexdigest()
    return f"{combined}-{len(parts)}"


@dataclass(frozen=True)
class LocalFile:
    """One file of the build, as it will be stored."""

    key: str
    path: Path
    size: int
    md5: str
    content_type: str
    cache_control: str

    @property
    def is_page(self) -> bool:
        """Tell whether the file is HTML, uploaded after the assets it references."""
        return self.content_type.startswith("text/html")


def describe(root: Path, path: Path) -> LocalFile:
    """Return the LocalFile for `path` inside the build folder `root`."""
    key = path.relative_to(root).as_posix()
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as f:
        head = f.read(512)
        digest.update(head)
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return LocalFile(
        key=key,
        path=path,
        size=path.stat().st_size,
        md5=digest.hexdigest(),
        content_type=content_type(key, head),
        cache_control=cache_control(key),
    )


def is_published(key: str) -> bool:
    """Tell whether a key belongs on the site (dotfiles are build bookkeeping)."""
    return not any(part.startswith(".") for part in key.split("/"))


def scan(root: Path | str) -> dict[str, LocalFile]:
    """Describe every published file under the build folder `root`, by key."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such build folder (run `make build` first)")
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and is_published(path.relative_to(root).as_posix()):
            info = describe(root, path)
            files[info.key] = info
    return files
