"""Markdown images as responsive pictures, like covers (see `picture` in _macros.html).

The loader resolves each local image of a body to its variants
(`content.body_images`); rendering gets that map by `src` and turns each such
`<img>` into `<picture>`: a WebP `<source>` and the `<img>` with the fallback
variants, `width`/`height` for the aspect ratio, `sizes` for the prose column,
`decoding="async"` and `loading="lazy"` (unless it is in the body's first block,
which may be on the first screen). An image alone in its paragraph with a title,
`![alt](x.jpg "Caption")`, becomes `<figure>` with that `<figcaption>`. Paths
stay site paths (`/media/...`): the sub-path prefix is added after this step.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as etree

if TYPE_CHECKING:  # content.items imports render.markdown, which imports this module
    from ..content.items import Image, Variant

# The prose column: `.wrap.narrow` is min(100% - 2.5rem, var(--narrow) = 44rem).
COLUMN_REM = 44
GUTTER_REM = 2.5
PRIORITY = 6  # after attr_list (8: `{: width="200" }` is on the <img>), before the prefix (1)


def sizes_for(width: int) -> str:
    """How wide an image drawn at most `width` CSS pixels is in the prose column."""
    narrow = f"calc(100vw - {GUTTER_REM}rem)"
    if width >= COLUMN_REM * 16:
        return f"(min-width: {COLUMN_REM + GUTTER_REM}rem) {COLUMN_REM}rem, {narrow}"
    return f"(min-width: {width + round(GUTTER_REM * 16)}px) {width}px, {narrow}"


def srcset(variants: list[Variant]) -> str:
    """Variants as an HTML srcset of site paths."""
    return ", ".join(f"{v.path} {v.width}w" for v in variants)


def images_key(images: Mapping[str, Image | str] | None) -> str:
    """A stable text for `images`: part of the rendered HTML's cache key."""
    if not images:
        return ""
    return json.dumps(
        {
            src: target
            if isinstance(target, str)
            else [target.width, target.height, [v.path for v in target.variants + target.webp]]
            for src, target in images.items()
        },
        sort_keys=True,
    )


def _size(img: Any, image: Image) -> tuple[int, int]:
    """Width and height to draw: as the author set them (`{: width="200" }`), else intrinsic."""

    def number(name: str) -> int | None:
        value = (img.get(name) or "").strip().removesuffix("px")
        return int(value) if value.isdigit() and int(value) > 0 else None

    width, height = number("width"), number("height")
    if width and not height:
        height = round(width * image.height / image.width)
    elif height and not width:
        width = round(height * image.width / image.height)
    return width or image.width, height or image.height


def to_picture(img: Any, image: Image, eager: bool) -> Any:
    """Return a `<picture>` element holding `img`, rewritten to use the variants."""
    width, height = _size(img, image)
    sizes = sizes_for(width)
    kept = {k: v for k, v in img.attrib.items() if k not in ("src", "alt", "width", "height")}
    alt = img.get("alt", "")
    img.attrib.clear()
    img.attrib.update(
        src=image.variants[-1].path,
        srcset=srcset(image.variants),
        sizes=sizes,
        alt=alt,
        width=str(width),
        height=str(height),
        **kept,
    )
    if not eager:
        img.set("loading", "lazy")
    img.set("decoding", "async")
    picture = etree.Element("picture", {"class": "body-image"})
    etree.SubElement(
        picture, "source", {"type": "image/webp", "srcset": srcset(image.webp), "sizes": sizes}
    )
    picture.append(img)
    picture.tail, img.tail = img.tail, None
    return picture


def _alone(parent: Any, img: Any) -> bool:
    return (
        parent.tag == "p"
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (img.tail or "").strip()
    )


def rewrite(root: Any, images: Mapping[str, Image | str]) -> None:
    """Turn every `<img>` whose src is in `images` into a picture (or point it at its file)."""
    found = [
        (parent, index, child)
        for parent in root.iter()
        for index, child in enumerate(parent)
        if child.tag == "img" and child.get("src") in images
    ]
    first = {id(e) for e in root[0].iter()} if len(root) else set()
    for parent, index, img in found:
        target = images[img.get("src")]
        if isinstance(target, str):
            img.set("src", target)
            continue
        title = img.get("title", "").strip()
        figure = bool(title) and _alone(parent, img)
        if figure:
            del img.attrib["title"]
        parent[index] = to_picture(img, target, eager=id(img) in first)
        if figure:
            parent.tag, parent.text = "figure", None
            etree.SubElement(parent, "figcaption").text = title


def extension() -> Any:
    """A Markdown extension applying `rewrite` with the map set on `.processor.images`."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class BodyImages(Treeprocessor):
        images: Mapping[str, Image | str] = {}

        def run(self, root: Any) -> None:
            if self.images:
                rewrite(root, self.images)

    class BodyImagesExtension(Extension):
        processor: BodyImages

        def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - Markdown's API
            self.processor = BodyImages(md)
            md.treeprocessors.register(self.processor, "sitegen_body_images", PRIORITY)

    return BodyImagesExtension()
