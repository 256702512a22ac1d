"""`content/site.yml`: the site's title, author, URLs, social links, skills, navigation,
home page sections and the site's own kinds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..text import suggest
from ..urls import site_url
from .frontmatter import parse_yaml
from .schema import Invalid, Source, check_image, to_int, to_number, to_str, to_url

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
    "home",
    "kinds",
)
# Home page sections that belong to the site rather than to a kind.
SITE_SECTIONS = ("skills",)
SKILLS_WEIGHT = 20  # after a portfolio's highlights, before quotes and writing


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
    nav_given: bool = False  # site.yml has `nav:`; else the kinds with items fill it
    home: list[str] = field(default_factory=list)  # home page sections, in order
    kinds: list[str] = field(default_factory=list)  # the site's own kind modules
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """Sub-path the site is served from, without trailing slash ('' at a domain root)."""
        return urlsplit(self.base_url).path.rstrip("/")

    @property
    def api_base(self) -> str:
        """The API's address as the browser needs it: a site path (`/api`) honours the sub-path."""
        return site_url(self.api_url) if self.api_url else ""


CONTACT = NavLink("Contact", "/contact/")


def default_nav(entries: Sequence[tuple[str, str]]) -> list[NavLink]:
    """The navigation without `nav:`: the kinds' (title, path) links, then Contact."""
    return [NavLink(title, path) for title, path in entries] + [CONTACT]


def default_home(offers: Mapping[str, int]) -> list[str]:
    """The home page's sections without `home:`: offered ones (name -> weight) and skills."""
    weighted = [*((weight, name) for name, weight in offers.items()), (SKILLS_WEIGHT, "skills")]
    return [name for _weight, name in sorted(weighted, key=lambda pair: pair[0])]


def _read(path: Path) -> tuple[str, dict[str, Any], Any, tuple[int, str] | None]:
    text = path.read_text("utf-8")
    meta, lines, error = parse_yaml(text, first=1)
    return text, meta, lines, error


def load_site(
    path: Path, src: Source, image: Callable, digest: Any, home: Mapping[str, int] | None = None
) -> Site:
    """Read site.yml (all defaults when absent), reporting problems into `src`.

    `home` names the home page sections the kinds offer, with their weights.
    """
    home = home or {}
    site = Site(nav=default_nav(()), home=default_home(home))
    if not path.is_file():
        return site
    text, meta, src.lines, error = _read(path)
    digest.update(text.encode())
    if error:
        line, message = error
        src.error(None, message, line)
        return site

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
    site.nav_given = "nav" in meta
    if not site.nav_given:
        site.nav = default_nav(())  # the kinds' links are added once items are known
    site.skills = _skills(meta.get("skills"), src)
    if meta.get("home") is not None:
        site.home = _home(meta["home"], src, home)
    site.kinds = [str(n) for n in meta.get("kinds") or []]  # read by `site_registry`
    for key, value in meta.items():
        if key in KNOWN:
            continue
        meant = suggest(str(key), KNOWN)
        if meant:
            src.error(str(key), f"unknown setting, did you mean {meant!r}?")
        else:
            site.params[str(key)] = value
    return site


def _home(raw: Any, src: Source, offers: Mapping[str, int]) -> list[str]:
    """Check `home: [projects, skills, posts]` against the sections on offer."""
    offered = [*offers, *SITE_SECTIONS]
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        src.error("home", f"expected a list of sections like [{', '.join(offered)}], got {raw!r}")
        return []
    for i, name in enumerate(raw):
        if name not in offered:
            meant = suggest(name, offered)
            hint = f"did you mean {meant!r}? " if meant else ""
            src.entry_error(
                "home", i, f"no section {name!r}; {hint}choose from {', '.join(offered)}"
            )
    return [name for name in raw if name in offered]


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
