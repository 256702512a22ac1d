"""Images written in Markdown bodies: found without rendering, resolved to files, checked.

`![alt](src "caption")` and reference images (`![alt][ref]`, `![ref]` with
`[ref]: src`) are found in a body's prose (code blanked out, see `links.prose_of`).
Every image needs alt text. A local one must be a file in the content folder:
`/images/x.jpg` from the content folder (or its `static/` folder, published at the
site's root), `images/x.jpg` or `../images/x.jpg` from the Markdown file's folder,
then from the content folder (how Hugo and Jekyll authors write them). Raster
files (JPEG, PNG, WebP) go through the same pipeline as covers (`render.images`);
other files (SVG, GIF, which may be animated) are published as they are from
`content/images/` or `content/static/`. Remote images are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .schema import ImageRef

if TYPE_CHECKING:
    from .items import Image
    from .record import Record

RASTER = (".jpg", ".jpeg", ".png", ".webp")
# Files published as they are at the site's root (Hugo's static/; sitegen.static_folder).
STATIC = "static"
# Alt text: anything but brackets (one level of nested [..] allowed), never a blank line.
_ALT = r"(?P<alt>(?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*)"
_INLINE = re.compile(r"(?<!\\)!\[" + _ALT + r"\]\((?P<inside>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_REFERENCE = re.compile(r"(?<!\\)!\[" + _ALT + r"\](?:[ ]?\[(?P<ref>[^\]\n]*)\])?(?!\()")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]\n^][^\]\n]*)\]:[ \t]*(?P<src><[^>\n]*>|\S+)", re.M)
_TITLE = re.compile(r"""^(?P<src>.*?)\s+(?:"[^"]*"|'[^']*')$""", re.S)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


@dataclass(frozen=True)
class BodyImage:
    """One image in a body: where it is, its source as the rendered `<img>` has it, its alt."""

    line: int
    src: str
    alt: str


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def _clean(src: str) -> str:
    src = src.strip()
    if src.startswith("<") and src.endswith(">"):
        src = src[1:-1]
    return _ESCAPED.sub(r"\1", src.strip())


def find_images(prose: str, body_line: int) -> list[BodyImage]:
    """Return every Markdown image in `prose` (the body, code blanked), in order."""
    if "![" not in prose:
        return []
    found: list[tuple[int, str, str]] = []
    for match in _INLINE.finditer(prose):
        inside = match.group("inside").strip()
        if not inside.startswith("<"):
            titled = _TITLE.match(inside)
            inside = titled.group("src") if titled else inside
        else:
            inside = inside[: inside.find(">") + 1] if ">" in inside else inside
        found.append((match.start(), _clean(inside), match.group("alt")))
    defined = {_label(m.group("ref")): _clean(m.group("src")) for m in _DEFINITION.finditer(prose)}
    if defined:
        for match in _REFERENCE.finditer(prose):
            ref = match.group("ref") or match.group("alt")
            src = defined.get(_label(ref))
            if src is not None:
                found.append((match.start(), src, match.group("alt")))
    found.sort()
    return [BodyImage(body_line + prose.count("\n", 0, at), src, alt) for at, src, alt in found]


def candidates(src: str, folder: Path, root: Path) -> list[Path]:
    """Files `src` may mean, in the order they are tried."""
    path = unquote(src.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        static = root / STATIC
        return [root / path.lstrip("/")] + ([static / path.lstrip("/")] if static.is_dir() else [])
    return [folder / path, root / path]


def _inside(path: Path, root: Path) -> Path | None:
    resolved = path.resolve()
    return resolved if resolved.is_relative_to(root) and resolved.is_file() else None


def body_images(record: Record, prose: str) -> dict[str, Image | str]:
    """Check the body's images; return how each local one is published, by its `src`.

    The value is the responsive Image (variants made, counted in the item's digest so
    pages showing it are rebuilt when the file changes), or for a file published as
    it is, its site path under /images/ when the body names it otherwise.
    """
    published: dict[str, Image | str] = {}
    root = record.loader.root
    for image in find_images(prose, record.body_line):
        src = image.src
        if not image.alt.strip():
            record.error(
                None, f"image {src} has no alt text: write ![what it shows]({src})", image.line
            )
        if not src or _REMOTE.match(src) or src in published:
            continue
        tried = candidates(src, record.file.parent, root)
        file = next((f for f in (_inside(p, root) for p in tried) if f), None)
        if file is None:
            looked = " or ".join(dict.fromkeys(record.loader.shown(p.resolve()) for p in tried))
            record.error(None, f"image not found: {src} (looked for {looked})", image.line)
            continue
        if file.suffix.lower() in RASTER:
            try:
                published[src] = record.image(ImageRef(src, file, image.alt.strip()))
            except (OSError, ValueError) as exc:  # not an image Pillow can read
                record.error(None, f"image {src} cannot be read: {exc}", image.line)
            continue
        images, static = root / "images", root / STATIC
        if file.is_relative_to(images):
            path = "/images/" + file.relative_to(images).as_posix()
        elif file.is_relative_to(static):
            path = "/" + file.relative_to(static).as_posix()
        else:
            where = record.loader.shown(file)
            record.error(
                None, f"image {src} is not published: move {where} into content/images/", image.line
            )
            continue
        if path != src:
            published[src] = path
    return published
