"""Responsive image variants with Pillow, cached by content hash.

An image named in front matter (cover, gallery, avatar) is resized to a few widths,
each saved as WebP plus a fallback (JPEG, or PNG when the source has transparency).
Variant files are named `<stem>-<hash8>-<width>.<ext>` after the source's content
hash, so an unchanged image is never processed twice and a changed one gets new
names (safe to cache forever).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..content.items import Image, Variant
from ..content.schema import ImageRef
from ..text import slugify

WIDTHS = (480, 960, 1600)
MEDIA_PATH = "/media/"
_meta_memory: dict[str, dict] = {}


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def media_dir(cache_dir: Path) -> Path:
    """Folder holding every variant (served at /media/)."""
    return Path(cache_dir) / "media"


def image_for(ref: ImageRef, cache_dir: Path) -> Image:
    """Return the Image for `ref`, creating its variants unless they already exist."""
    digest = file_hash(ref.file)
    stem = f"{slugify(ref.file.stem)}-{digest[:8]}"
    out = media_dir(cache_dir)
    meta_file = out / f"{stem}.json"
    # Keyed by the metadata file, not the stem: another cache folder (another build in
    # this process) does not have the variants yet.
    meta = _meta_memory.get(str(meta_file))
    if meta is None and meta_file.is_file():
        meta = json.loads(meta_file.read_text("utf-8"))
    if meta is None:
        meta = _make_variants(ref.file, stem, out)
        tmp = meta_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(meta), "utf-8")
        tmp.replace(meta_file)
    _meta_memory[str(meta_file)] = meta

    def variants(items: list) -> list[Variant]:
        return [Variant(MEDIA_PATH + n, w, h, m) for n, w, h, m in items]

    return Image(
        alt=ref.alt,
        width=meta["width"],
        height=meta["height"],
        type=meta["type"],
        variants=variants(meta["fallback"]),
        webp=variants(meta["webp"]),
        caption=ref.caption,
    )


def _make_variants(file: Path, stem: str, out: Path) -> dict:
    from PIL import Image as PILImage
    from PIL import ImageOps

    out.mkdir(parents=True, exist_ok=True)
    with PILImage.open(file) as opened:
        # Honour camera rotation so portrait photos are not shown sideways.
        img = ImageOps.exif_transpose(opened)
        img.load()
    alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    img = img.convert("RGBA" if alpha else "RGB")
    fmt, ext, mime = ("PNG", "png", "image/png") if alpha else ("JPEG", "jpg", "image/jpeg")
    widths = sorted({w for w in WIDTHS if w < img.width} | {min(img.width, WIDTHS[-1])})
    fallback, webp = [], []
    for width in widths:
        height = round(img.height * width / img.width)
        resized = img if width == img.width else img.resize((width, height), PILImage.LANCZOS)
        name = f"{stem}-{width}.{ext}"
        if fmt == "JPEG":
            resized.save(out / name, fmt, quality=82, optimize=True, progressive=True)
        else:
            resized.save(out / name, fmt, optimize=True)
        fallback.append((name, width, height, mime))
        wname = f"{stem}-{width}.webp"
        resized.save(out / wname, "WEBP", quality=80, method=4)
        webp.append((wname, width, height, "image/webp"))
    return {
        "width": fallback[-1][1],
        "height": fallback[-1][2],
        "type": mime,
        "fallback": fallback,
        "webp": webp,
    }
