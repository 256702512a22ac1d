"""`content/site.yml`: the site's title, author, URLs, social links, skills and navigation."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .schema import Invalid, Source, check_image, to_int, to_number, to_str, to_url
from .source import parse
from .urls import site_url

DEFAULT_BASE_URL = "http://localhost:5000/"
KNOWN = (
    "title",
    "tagline",
    "description",
    "language",
    "base_url",
    "api_url",
    "author",
    "social",
    "skills",
    "nav",
)


@dataclass
class NavLink:
    """A navigation entry; `url` honours the site's sub-path for site paths."""

    title: str
    href: str

    @property
    def url(self) -> str:
        """Link target as the browser needs it."""
        return site_url(self.href)


@dataclass
class Site:
    """Site settings as templates see them (`site`)."""

    title: str = "My site"
    tagline: str = ""
    description: str = ""
    language: str = "en"
    base_url: str = DEFAULT_BASE_URL
    api_url: str = ""
    author: dict[str, Any] = field(
        default_factory=lambda: {"name": "", "bio": "", "email": "", "avatar": None}
    )
    social: list[dict[str, str]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    nav: list[NavLink] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """Sub-path the site is served from, without trailing slash ('' at a domain root)."""
        return urlsplit(self.base_url).path.rstrip("/")


DEFAULT_NAV = [
    NavLink("Projects", "/projects/"),
    NavLink("Blog", "/blog/"),
    NavLink("Contact", "/contact/"),
]


def load_site(path: Path, src: Source, image: Callable, digest: Any) -> Site:
    """Read site.yml (all defaults when absent), reporting problems into `src`."""
    site = Site(nav=list(DEFAULT_NAV))
    if not path.is_file():
        return site
    text = path.read_text("utf-8")
    digest.update(text.encode())
    parsed = parse(f"---\n{text}\n---\n")
    src.lines = {k: v - 1 for k, v in parsed.lines.items()}
    if parsed.error:
        line, message = parsed.error
        src.error(None, message, line - 1)
        return site
    meta = parsed.meta

    def get(name: str, conv: Callable, default: Any) -> Any:
        if meta.get(name) in (None, ""):
            return default
        try:
            return conv(meta[name], src, name)
        except Invalid as exc:
            src.error(name, str(exc))
            return default

    site.title = get("title", to_str, site.title)
    site.tagline = get("tagline", to_str, "")
    site.description = get("description", to_str, site.tagline)
    site.language = get("language", to_str, "en")
    site.base_url = get("base_url", to_url, DEFAULT_BASE_URL)
    if not site.base_url.startswith("http"):
        src.error(
            "base_url", f"expected an absolute URL like https://example.com/, got {site.base_url!r}"
        )
    site.base_url = site.base_url.rstrip("/") + "/"
    site.api_url = get("api_url", to_url, "").rstrip("/")
    site.author = _author(meta.get("author"), src, image)
    site.social = _pairs(meta.get("social"), src, "social", ("name", "url"))
    site.nav = [
        NavLink(p["title"], p["url"]) for p in _pairs(meta.get("nav"), src, "nav", ("title", "url"))
    ]
    if "nav" not in meta:
        site.nav = list(DEFAULT_NAV)
    site.skills = _skills(meta.get("skills"), src)
    for key, value in meta.items():
        if key in KNOWN:
            continue
        close = difflib.get_close_matches(str(key), KNOWN, n=1, cutoff=0.8)
        if close:
            src.error(str(key), f"unknown setting, did you mean {close[0]!r}?")
        else:
            site.params[str(key)] = value
    return site


def _author(raw: Any, src: Source, image: Callable) -> dict[str, Any]:
    author = {"name": "", "bio": "", "email": "", "avatar": None}
    if raw is None:
        return author
    if isinstance(raw, str):
        author["name"] = raw
        return author
    if not isinstance(raw, dict):
        src.error("author", f"expected name, bio, email and avatar, got {raw!r}")
        return author
    for key in ("name", "bio", "email"):
        if raw.get(key) is not None:
            author[key] = str(raw[key]).strip()
    ref = check_image(raw.get("avatar"), src, "author.avatar")
    author["avatar"] = image(ref) if ref else None
    for key in raw:
        if key not in author:
            author[key] = raw[key]
    return author


def _pairs(raw: Any, src: Source, name: str, keys: tuple[str, str]) -> list[dict[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        src.error(name, f"expected a list of {{{keys[0]}, {keys[1]}}}, got {raw!r}")
        return []
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not item.get(keys[0]) or not item.get(keys[1]):
            src.error(f"{name}[{i}]", f"expected {keys[0]}: ... and {keys[1]}: ..., got {item!r}")
            continue
        try:
            url = to_url(item[keys[1]], src, name)
        except Invalid as exc:
            src.error(f"{name}[{i}].{keys[1]}", str(exc))
            continue
        out.append({**{k: v for k, v in item.items()}, keys[0]: str(item[keys[0]]), keys[1]: url})
    return out


def _skills(raw: Any, src: Source) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        src.error("skills", "expected a list of groups: - name: ..., items: [...]")
        return []
    groups = []
    for g, group in enumerate(raw):
        if not isinstance(group, dict) or not group.get("name"):
            src.error(f"skills[{g}]", "each group needs a name and items")
            continue
        items = []
        for i, item in enumerate(group.get("items") or []):
            where = f"skills[{g}].items[{i}]"
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not item.get("name"):
                src.error(where, f"expected name, level (0-100) and years, got {item!r}")
                continue
            level = years = None
            try:
                if item.get("level") is not None:
                    level = to_int(item["level"], src, where)
                    if not 0 <= level <= 100:
                        raise Invalid(f"level: expected 0 to 100, got {level}")
                if item.get("years") is not None:
                    years = to_number(item["years"], src, where)
            except Invalid as exc:
                src.error(where, str(exc))
            items.append({"name": str(item["name"]), "level": level, "years": years})
        groups.append({"name": str(group["name"]), "items": items})
    return groups
