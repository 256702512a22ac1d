"""Front matter for the new site: what Frostfolio reads, the rest kept as params.

Keys that only meant something to the old generator's templates or build
(`layout`, `url`, `permalink`, `menu`…) are dropped; dates and titles the old
generator made up (a Jekyll post's title from its file name) are written out;
bundle files named in front matter point at where they are now published;
covers get alt text; a key Frostfolio would read as a misspelt field
(`images` beside a recipe's `image`) is kept under another name.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from ..registry import Kind
from ..text import suggest
from .addresses import Addresses, resource_url
from .model import Page, Report
from .paths import as_date, titleize

DROPPED = (
    "layout", "type", "url", "permalink", "aliases", "redirect_from", "slug", "menu",
    "headless", "outputs", "cascade", "_build", "build", "sitemap", "translationKey",
    "translationkey", "publishdate", "publishDate", "expirydate", "expiryDate", "published",
    "draft",
)  # fmt: skip
_COVER_KEYS = ("cover", "image", "images", "featured_image", "image_alt", "cover_alt")


def front_matter(
    page: Page,
    generator: str,
    kind: Kind,
    addresses: Addresses,
    aliases: list[str],
    report: Report,
) -> dict[str, Any]:
    """The page's front matter as the new site's kind reads it."""
    meta = {k: v for k, v in page.meta.items() if k not in DROPPED}
    title = str(meta.pop("title", "") or "").strip()
    if not title:
        title = titleize(page.name)
        if generator == "hugo":
            report.note(f"{page.shown}: no title; given {title!r} from its file name")
    out: dict[str, Any] = {"title": title}
    when = page.meta.get("date") or page.date
    when = when or page.meta.get("publishdate") or page.meta.get("publishDate")
    meta.pop("date", None)
    if page.kind == "posts" and not as_date(when):
        when = dt.date.fromtimestamp(page.file.stat().st_mtime).isoformat()
        report.note(f"{page.shown}: no date; given the file's date, {when}")
    if when:
        out["date"] = when
    if page.draft:
        out["draft"] = True
    out.update(_resources(meta, page, addresses))
    _lists_as_text(out, kind, page, report)
    _covers(out, kind, page, report)
    _misreadable(out, kind, page, generator, report)
    if aliases:
        out["aliases"] = aliases
    return out


def _resources(value: Any, page: Page, addresses: Addresses) -> Any:
    """Point strings naming a bundle file (`cover.jpg`) or a copied file at their new path."""
    if isinstance(value, dict):
        return {k: _resources(v, page, addresses) for k, v in value.items()}
    if isinstance(value, list):
        return [_resources(v, page, addresses) for v in value]
    if not isinstance(value, str) or "\n" in value or not value.strip():
        return value
    text = value.strip().removeprefix("./")
    if page.bundle is not None:
        for file in page.resources:
            rel = file.relative_to(page.bundle).as_posix()
            if text == rel:
                return resource_url(page, rel)
    if not text.startswith(("/", "http:", "https:")) and "/" + text in addresses.files:
        return "/" + text
    return value


def _lists_as_text(out: dict[str, Any], kind: Kind, page: Page, report: Report) -> None:
    """Join a list where the kind reads text (`author: [Lis, Handleys]`)."""
    for key, value in out.items():
        field = kind.schema.by_name.get(kind.schema.aliases.get(key, key))
        text_field = field is not None and field.type == "str" and field.convert is None
        if text_field and isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[key] = ", ".join(value)
            report.note(f"{page.shown}: {key} is a list; written as one line of text")


def _covers(out: dict[str, Any], kind: Kind, page: Page, report: Report) -> None:
    """Give a cover without alt text the page's title (Frostfolio requires alt text)."""
    if kind.normalize is None or "cover" not in kind.schema.by_name:
        return
    normalized = kind.normalize(dict(out), _record(page))
    cover = normalized.get("cover")
    if isinstance(cover, str):
        cover = {"src": cover}
    if not isinstance(cover, dict) or not cover.get("src") or cover.get("alt"):
        return
    for key in _COVER_KEYS:
        out.pop(key, None)
    out["cover"] = {**cover, "alt": out["title"]}
    report.note("covers without alt text were given the page's title: describe what they show")


def _misreadable(
    out: dict[str, Any], kind: Kind, page: Page, generator: str, report: Report
) -> None:
    known = [*kind.schema.by_name, *kind.schema.aliases]
    normalized = kind.normalize(dict(out), _record(page)) if kind.normalize else out
    for key in list(out):
        if key not in normalized or key in known:
            continue
        meant = suggest(str(key), known)
        if meant and meant != key:
            renamed = f"{generator}_{key}"
            out[renamed] = out.pop(key)
            report.note(
                f"front matter {key!r} is kept as {renamed!r}: Frostfolio would read it "
                f"as a misspelt {meant!r}"
            )


def _record(page: Page) -> Any:
    # What a kind's `normalize` reads of a file besides its front matter.
    return SimpleNamespace(body=page.body, body_line=page.body_line)
