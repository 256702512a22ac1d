"""Static assets: bundled stylesheets, fingerprinted file names.

Assets come from the theme's `static/` folder and from the `static/` folder of
every kind and feature package that has one, merged into one tree (the theme's
file wins a clash). `css/site.css` is not a file: it is every `css/*.css` in
file-name order followed by the generated Pygments rules. A section's styles live
in a subfolder and make their own bundle, linked only by that section's pages:
`css/recipes/*.css` becomes `css/recipes.css`. Any asset can be asked for as
`name.<hex8>.ext` (the first 8 hex digits of its SHA-256), which is what
`asset()` links to in templates, so deployed assets can be cached forever.

Stylesheet bundles and scripts are published minified (rcssmin, rjsmin), by the
build and the preview alike, so what a preview runs is what visitors get; the
readable sources stay in the repository. Files named `*.min.js` or `*.min.css`
are taken as already minified.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin

from .highlight import pygments_css

STATIC = Path(__file__).parents[1] / "static"
BUNDLE = "css/site.css"
_FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})(?P<ext>\.[A-Za-z0-9]+)$")


def static_signature(roots: tuple[Path, ...] = (STATIC,)) -> tuple:
    """Cheap fingerprint of the static folders (paths, sizes, mtimes)."""
    return tuple(
        sorted(
            (str(p), p.stat().st_size, p.stat().st_mtime_ns)
            for root in roots
            if root.is_dir()
            for p in root.rglob("*")
            if p.is_file()
        )
    )


def _bundle_of(rel: str) -> str | None:
    """Name the bundle a stylesheet part belongs to (`css/recipes/x.css` → `css/recipes.css`)."""
    if not (rel.startswith("css/") and rel.endswith(".css")):
        return None
    depth = rel.count("/")
    if depth == 1:
        return BUNDLE
    if depth == 2:
        return rel.rpartition("/")[0] + ".css"
    return None


@lru_cache(maxsize=4)
def _catalog(signature: tuple, roots: tuple[Path, ...]) -> tuple[dict[str, bytes], frozenset[str]]:
    files: dict[str, bytes] = {}
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files.setdefault(path.relative_to(root).as_posix(), path.read_bytes())
    parts: dict[str, list[str]] = {BUNDLE: []}
    for rel, data in sorted(files.items()):
        bundle = _bundle_of(rel)
        if bundle is not None:
            parts.setdefault(bundle, []).append(data.decode("utf-8"))
    files = {rel: _minified(rel, data) for rel, data in files.items() if _bundle_of(rel) is None}
    parts[BUNDLE].append(pygments_css())  # code can appear on any page
    for bundle, texts in parts.items():
        files[bundle] = minify_css("\n".join(texts)).encode()
    return files, frozenset(parts)


def minify_css(css: str) -> str:
    """Drop comments and layout whitespace; keep `/*! ... */` notices."""
    return rcssmin.cssmin(css, keep_bang_comments=True).strip() + "\n"


def minify_js(js: str) -> str:
    """Drop comments and layout whitespace; keep `/*! ... */` notices; rename nothing."""
    return rjsmin.jsmin(js, keep_bang_comments=True).strip() + "\n"


def _minified(rel: str, data: bytes) -> bytes:
    if rel.endswith((".min.js", ".min.css")):
        return data
    if rel.endswith(".js"):
        return minify_js(data.decode("utf-8")).encode()
    if rel.endswith(".css"):
        return minify_css(data.decode("utf-8")).encode()
    return data


class Assets:
    """The published assets of one site: its theme's and its kinds' static folders."""

    def __init__(self, roots: tuple[Path, ...] = (STATIC,)) -> None:
        self.roots = roots
        self._pinned: tuple | None = None

    def pin(self) -> None:
        """Stop watching the folders for changes (a build reads them once, not per page)."""
        self._pinned = static_signature(self.roots)

    def _current(self) -> tuple[dict[str, bytes], frozenset[str]]:
        signature = self._pinned if self._pinned is not None else static_signature(self.roots)
        return _catalog(signature, self.roots)

    def catalog(self) -> dict[str, bytes]:
        """Every published asset by path relative to static/ (the bundles included)."""
        return self._current()[0]

    def bundles(self) -> frozenset[str]:
        """The stylesheet bundles (`css/site.css`, `css/recipes.css`, ...)."""
        return self._current()[1]

    def fingerprinted(self, rel: str) -> str:
        """Return `css/site.3f2a9c1e.css` for `css/site.css` (KeyError if no such asset)."""
        data = self.catalog()[rel]
        digest = hashlib.sha256(data).hexdigest()[:8]
        stem, dot, ext = rel.rpartition(".")
        return f"{stem}.{digest}.{ext}" if dot else f"{rel}.{digest}"

    def lookup(self, name: str) -> bytes | None:
        """Find an asset by plain or fingerprinted name; None if missing or the hash is stale."""
        files = self.catalog()
        if name in files:
            return files[name]
        match = _FINGERPRINTED.match(name)
        if match:
            rel = match["stem"] + match["ext"]
            if rel in files and self.fingerprinted(rel) == name:
                return files[rel]
        return None

    def published(self) -> list[str]:
        """Every asset name a build writes: fingerprinted, plus plain names for direct links."""
        names = []
        bundles = self.bundles()
        for rel in sorted(self.catalog()):
            names.append(self.fingerprinted(rel))
            # A bundle changes whenever a part does: only its fingerprinted name is published.
            if rel not in bundles:
                names.append(rel)
        return names
