"""The old site's settings as `site.yml`: title, address, author, menus, params."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..content.siteconfig import KNOWN
from ..text import suggest
from .model import Report

# site.yml keys a redirect page reads (sitegen.redirects) or the engine reads from params.
RESERVED_PARAMS = ("redirects", "posts_per_page")


@dataclass
class Settings:
    """What a generator's config says that Frostfolio has a place for."""

    title: str = ""
    tagline: str = ""
    base_url: str = ""
    language: str = ""
    description: str = ""
    author: Any = None  # a name, or {name, email, …}
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, URL as written)
    social: list[dict[str, str]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)  # the site's own values
    posts_per_page: int | None = None


def site_yml(
    settings: Settings, generator: str, new_url: Callable[[str], str], report: Report
) -> dict[str, Any]:
    """Return site.yml's contents; `new_url` maps an old address (a menu's) to the new one."""
    data: dict[str, Any] = {}
    params = dict(settings.params)
    description = settings.description or _text(params.pop("description", None))
    author = settings.author or params.pop("author", None)
    tagline = settings.tagline or _text(params.pop("tagline", None))
    for key, value in (
        ("title", settings.title),
        ("tagline", tagline),
        ("description", description),
        ("language", settings.language),
        ("base_url", _base_url(settings.base_url, report)),
        ("author", _author(author, report)),
    ):
        if value:
            data[key] = value
    if settings.social:
        data["social"] = settings.social
    if settings.nav:
        data["nav"] = [{"title": title, "url": new_url(url)} for title, url in settings.nav]
    if settings.posts_per_page:
        data["posts_per_page"] = settings.posts_per_page
    for key, value in params.items():
        key = str(key)
        if key in KNOWN or key in RESERVED_PARAMS or suggest(key, KNOWN):
            renamed = f"{generator}_{key}"
            report.note(f"site.yml: param {key!r} kept as {renamed!r} (site.yml reads {key!r})")
            key = renamed
        data[key] = value
    report.settings = [k for k in data if k in KNOWN or k == "posts_per_page"]
    params_kept = len(data) - len(report.settings)
    if params_kept:
        report.settings.append(f"{params_kept} param{'s' if params_kept != 1 else ''}")
    return data


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _base_url(url: str, report: Report) -> str:
    url = (url or "").strip()
    if not url.startswith(("http://", "https://")):
        if url not in ("", "/"):
            report.note(f"base URL {url!r} is not a full address: set base_url in site.yml")
        return ""
    return url.rstrip("/") + "/"


def _author(raw: Any, report: Report) -> Any:
    if isinstance(raw, str):
        return raw.strip()
    if not isinstance(raw, dict):
        return None
    author = {k: str(raw[k]).strip() for k in ("name", "email", "bio") if raw.get(k)}
    dropped = sorted(set(raw) - {"name", "email", "bio"})
    if dropped:
        report.note(f"site.yml: author's {', '.join(dropped)} not carried over")
    return author or None
