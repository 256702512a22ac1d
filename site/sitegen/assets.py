"""Static assets: bundled stylesheets, fingerprinted file names.

`css/site.css` is not a file: it is every `static/css/*.css` in file-name order
followed by the generated Pygments rules. A section's styles live in a subfolder
and make their own bundle, linked only by that section's pages:
`static/css/recipes/*.css` becomes `css/recipes.css`. Any asset can be asked for as
`name.<hex8>.ext` (the first 8 hex digits of its SHA-256), which is what
`asset()` links to in templates, so deployed assets can be cached forever.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from .render import pygments_css

STATIC = Path(__file__).parent / "static"
BUNDLE = "css/site.css"
_FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})(?P<ext>\.[A-Za-z0-9]+)$")


def static_signature(root: Path = STATIC) -> tuple:
    """Cheap fingerprint of the static folder (paths, sizes, mtimes)."""
    if not root.is_dir():
        return ()
    return tuple(
        sorted(
            (str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
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
def _catalog(signature: tuple, root: Path = STATIC) -> tuple[dict[str, bytes], frozenset[str]]:
    files: dict[str, bytes] = {}
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    parts: dict[str, list[str]] = {BUNDLE: []}
    for rel, data in sorted(files.items()):
        bundle = _bundle_of(rel)
        if bundle is not None:
            parts.setdefault(bundle, []).append(data.decode("utf-8"))
    files = {rel: data for rel, data in files.items() if _bundle_of(rel) is None}
    parts[BUNDLE].append(pygments_css())  # code can appear on any page
    for bundle, texts in parts.items():
        files[bundle] = minify_css("\n".join(texts)).encode()
    return files, frozenset(parts)


_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([{};,>])\s*")


_BLOCK = re.compile(r"\{[^{}\"']*\}")  # innermost declaration blocks without strings
_ZERO = re.compile(r"(?<![\w.])0\.(\d)")


def _tight(block: re.Match) -> str:
    # Only inside declarations: in a selector, `a :focus` and `a:focus` differ.
    return _ZERO.sub(r".\1", re.sub(r":\s+", ":", block.group(0)))


def minify_css(css: str) -> str:
    """Drop comments and layout whitespace, tighten declarations; leave everything else."""
    css = _SPACE.sub(" ", _COMMENT.sub("", css))
    css = _AROUND.sub(r"\1", css).replace(";}", "}")
    return _BLOCK.sub(_tight, css).strip() + "\n"


_pinned: list[tuple] = []


def pin() -> None:
    """Stop watching static/ for changes (a build reads it once, not once per page)."""
    _pinned[:] = [static_signature()]


def catalog() -> dict[str, bytes]:
    """Every published asset by path relative to static/ (the bundles included)."""
    return _catalog(_pinned[0] if _pinned else static_signature())[0]


def bundles() -> frozenset[str]:
    """The stylesheet bundles (`css/site.css`, `css/recipes.css`, ...)."""
    return _catalog(_pinned[0] if _pinned else static_signature())[1]


def fingerprinted(rel: str) -> str:
    """Return `css/site.3f2a9c1e.css` for `css/site.css` (KeyError if no such asset)."""
    data = catalog()[rel]
    digest = hashlib.sha256(data).hexdigest()[:8]
    stem, dot, ext = rel.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot else f"{rel}.{digest}"


def lookup(name: str) -> bytes | None:
    """Find an asset by plain or fingerprinted name; None if missing or the hash is stale."""
    files = catalog()
    if name in files:
        return files[name]
    match = _FINGERPRINTED.match(name)
    if match:
        rel = match["stem"] + match["ext"]
        if rel in files and fingerprinted(rel) == name:
            return files[rel]
    return None


def published() -> list[str]:
    """Every asset name a build writes: fingerprinted, plus plain names for direct links."""
    names = []
    for rel in sorted(catalog()):
        names.append(fingerprinted(rel))
        # A bundle changes whenever a part does: only its fingerprinted name is published.
        if rel not in bundles():
            names.append(rel)
    return names
