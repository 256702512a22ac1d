"""The extension point: content kinds and site features, and how a site registers them.

A *kind* is a folder of Markdown files under `content/` (posts, projects, recipes,
events…). It is one module or package that defines `KIND = Kind(...)`: its
front-matter `Schema`, how an item is made from a validated file (`make`, usually
starting from `record.item(...)`, the base every item shares), a `finish` step
over all its items, a Flask blueprint with its views and templates, the URLs it
publishes with what each page shows, and what it offers to the home page, the
navigation, feeds and search. A *feature* (`FEATURE = Feature(...)`, e.g. site
search) adds views and a post-build step without content of its own.

Registering one is one line: built-in kinds are listed in `sitegen.kinds.BUILTIN`;
a site adds its own in `site.yml` with `kinds: [my_kinds.trips]` (the folder that
holds the content folder is importable, so `trips.py` beside `content/` works).
No other module changes: the engine never names a kind. See docs/kinds.md.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .content.schema import Field, Schema, Source

if TYPE_CHECKING:
    from datetime import datetime

    from flask import Blueprint

    from .content.items import Item
    from .content.record import Content, Record

# Features of the engine itself, registered on every site.
FEATURE_MODULES = (
    "sitegen.search",
    "sitegen.owner",
    "sitegen.static_folder",
    "sitegen.redirects",
    "sitegen.comments",
    "sitegen.money",
    "sitegen.training",
)


@dataclass(frozen=True)
class UrlSpec:
    """A page to freeze: `url_for(endpoint, **values)` and the digests of what it shows.

    `values=None` declares an endpoint that has no page right now (e.g. blog page 2
    of a short blog), so the build does not report it as missing a URL generator.
    `search` names the page's kind in site search (e.g. "post"); listing pages
    leave it empty and are not indexed. `source` is the file the page comes from,
    named when its URL clashes with another page's; `line` and `source_field` say
    where in it the URL was asked for when that is not the file's name or `slug`
    (an old address under `aliases:`).
    """

    endpoint: str
    values: dict[str, Any] | None
    deps: tuple[str, ...] = ()
    lastmod: Any = None  # date shown in the sitemap, when the page has one
    sitemap: bool = True  # False for pages that are not documents (feeds, files)
    search: str | None = None
    source: str | None = None
    line: int | None = None
    source_field: str | None = "slug"  # None: the file itself (content/static/x)


class UrlProblems(Exception):
    """Raised by a `urls()` that found problems: the pages it could list, and the problems.

    They are reported with the other problems of URLs (clashes, broken links).
    """

    def __init__(self, specs: list[UrlSpec], problems: list) -> None:
        super().__init__(f"{len(problems)} problems")
        self.specs = specs
        self.problems = problems


@dataclass(frozen=True)
class HomeSection:
    """A section a kind offers to the home page, rendered from its own template.

    `context(content)` returns the template's variables; the items in them are what
    the home page depends on. `action` is an optional (label, path) button in the
    page's introduction, e.g. ("See my work", "/projects/"). `weight` orders the
    sections when `site.yml` has no `home:` list.
    """

    template: str
    context: Callable[[Content], dict[str, Any]]
    weight: int = 50
    action: tuple[str, str] | None = None


@dataclass(frozen=True)
class NavEntry:
    """A link a kind offers to the navigation used when `site.yml` has no `nav:`."""

    title: str
    path: str
    weight: int = 50


@dataclass(frozen=True)
class PostBuildStep:
    """Work done on the output folder after freezing (e.g. a search index).

    `run(out_dir, content, pages)` gets every published (url, UrlSpec) pair.
    """

    name: str
    run: Callable[[Path, Content, list[tuple[str, UrlSpec]]], None]
    owns: tuple[str, ...] = ()  # glob patterns of output paths it writes, kept by cleanup
    # Output folders it writes again only when the pages it reads change, never to
    # repair a file: the up-to-date stamp leaves them out (a build would not touch them).
    derived: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiFeed:
    """Facts a kind hands the API, such as the events' seats and times (docs/kinds.md).

    The build publishes them at `path` (a URL of the kind's own); `make dev` and
    `make deploy` then run the API package's command
    `python -m <api> sync FILE --table T [--endpoint URL] [--region R] [--dry-run]`.
    """

    path: str  # e.g. "/events/catalogue.json"
    build: Callable[[Content], Any]  # the document, from the loaded content
    api: str  # the API package that stores it, e.g. "api.events"


@dataclass(frozen=True)
class PagePart:
    """A block a feature adds to the pages of other kinds' items (comments under a post).

    `context(content, item)` returns the template's variables (seen as `part`) for
    an item's page, or None to leave that page alone. `template` is drawn after the
    page's main content, `head` (optional) inside `<head>` (a stylesheet). Pages are
    rendered again when what the part shows changes: `digests(content)` maps an
    item's site path to the digest of what the part shows on it (docs/kinds.md).
    """

    template: str
    context: Callable[[Content, Item], dict[str, Any] | None]
    head: str | None = None
    digests: Callable[[Content], dict[str, str]] | None = None


@dataclass(frozen=True)
class SiteSetting:
    """A block of `site.yml` a feature reads (`comments:`), checked with the file's lines.

    `read(raw, source, registry)` returns the clean value (raw is None when the key
    is absent) and reports problems with `source.error(name, message)`; the value
    replaces the raw one in `site.params[name]`.
    """

    name: str
    read: Callable[[Any, Source, Registry], Any]


@dataclass
class Kind:
    """A content kind: schema, how items are made, views, URLs and what it offers."""

    name: str  # folder under content/ and key in Content.items, e.g. "posts"
    singular: str  # as typed in `make new KIND=post`
    schema: Schema
    make: Callable[[Record], Item | None]  # validated file -> item (None: problems reported)
    finish: Callable[[list, Content], None] | None = None
    # Views and templates: a function returning a Blueprint, or the name of a module
    # whose `blueprint()` does, imported only when an app is made (loading needs no views).
    blueprint: Callable[[], Blueprint] | str | None = None
    urls: Callable[[Content], Iterable[UrlSpec]] = lambda content: ()
    # Rewrite foreign front matter (Jekyll/Hugo forms) before validation.
    normalize: Callable[[dict, Record], dict] | None = None
    new_body: str = "Write here.\n"
    new_extra: Callable[[str], dict] | None = None  # extra front matter for `sitegen new`
    extensions: list[str] = field(default_factory=lambda: ["md", "markdown"])
    home: HomeSection | None = None
    nav: NavEntry | None = None
    feed: str | None = None  # endpoint of an Atom feed, linked from every page
    # Read a folder of Markdown files with no kind folders (a blog exported from
    # elsewhere) as this kind.
    loose_files: bool = False
    # Scripts (asset paths) that add pages and home cards to the owner's dashboard
    # (docs/dashboard.md), e.g. ("js/owner/events.js",).
    dashboard: tuple[str, ...] = ()
    # What the API needs from this kind's content, synced on make dev and make deploy.
    api_feed: ApiFeed | None = None
    # Words features look for, so they never name a kind: "comments" (its pages take
    # comments unless site.yml says otherwise), "ratings" (they take 1-5 ratings, and
    # their comments are reviews with a rating).
    traits: frozenset[str] = frozenset()


@dataclass
class Feature:
    """Views and a post-build step that belong to no kind (site search)."""

    name: str
    blueprint: Callable[[], Blueprint] | str | None = None  # as for Kind
    post_build: PostBuildStep | None = None
    urls: Callable[[Content], Iterable[UrlSpec]] = lambda content: ()
    dashboard: tuple[str, ...] = ()  # as for Kind
    private: tuple[str, ...] = ()  # path prefixes robots.txt asks crawlers to leave alone
    api_feed: ApiFeed | None = None  # as for Kind (facts spanning kinds: comment threads)
    # Front-matter fields every kind accepts (`comments: false`), validated with the
    # kind's own; their clean values are in `item.feature_fields`.
    fields: tuple[Field, ...] = ()
    setting: SiteSetting | None = None  # a block of site.yml
    page_part: PagePart | None = None  # a block on other kinds' item pages
    # A link in the default navigation, or None when the feature has nothing to show
    # (the training achievements before any are public); asked once the content is loaded.
    nav: Callable[[Content], NavEntry | None] | None = None
    # The next instant the feature's pages change with no file changed (a comment
    # thread closing by age), or None: a build skipped as up to date is not after it.
    expires: Callable[[Content], datetime | None] | None = None


@dataclass
class Registry:
    """The kinds and features of one site, in registration order."""

    kinds: dict[str, Kind]
    features: dict[str, Feature]

    def post_build_steps(self) -> list[PostBuildStep]:
        """Return the post-build steps of every feature."""
        return [f.post_build for f in self.features.values() if f.post_build]

    def api_feeds(self) -> list[ApiFeed]:
        """What the kinds, then the features, hand the API (make dev, make deploy)."""
        offered = [*self.kinds.values(), *self.features.values()]
        return [part.api_feed for part in offered if part.api_feed]

    def page_parts(self) -> list[PagePart]:
        """The blocks features add to item pages, in registration order."""
        return [f.page_part for f in self.features.values() if f.page_part]

    def loading_kinds(self) -> dict[str, Kind]:
        """The kinds with the features' front-matter fields added to their schemas."""
        extra = [one for f in self.features.values() for one in f.fields]
        if not extra:
            return self.kinds
        cached = getattr(self, "_loading", None)
        if cached is None:
            cached = {
                name: replace(kind, schema=kind.schema.extended(extra))
                for name, kind in self.kinds.items()
            }
            self._loading = cached
        return cached

    def dashboard_scripts(self) -> list[str]:
        """Every script that adds to the owner's dashboard, kinds first."""
        offered = [*self.kinds.values(), *self.features.values()]
        return [script for part in offered for script in part.dashboard]

    def private_paths(self) -> list[str]:
        """Path prefixes that are not for search engines (the dashboard)."""
        return [path for feature in self.features.values() for path in feature.private]

    def feature_nav(self, content: Content) -> list[NavEntry]:
        """The navigation links features offer for this content (docs/kinds.md)."""
        offered = (f.nav(content) for f in self.features.values() if f.nav is not None)
        return [entry for entry in offered if entry is not None]

    def by_singular(self, word: str) -> Kind | None:
        """Find a kind by `post`, `posts`, `project`…"""
        for kind in self.kinds.values():
            if word in (kind.singular, kind.name):
                return kind
        return None

    def home_sections(self) -> dict[str, HomeSection]:
        """Every kind's home section by kind name, in default order."""
        offered = [
            (k.home.weight, i, k.name, k.home) for i, k in enumerate(self.kinds.values()) if k.home
        ]
        return {name: section for _w, _i, name, section in sorted(offered, key=lambda t: t[:2])}

    def nav_entries(self, present: Collection[str] | None = None) -> list[NavEntry]:
        """The navigation links of the kinds in `present` (default: all), lightest first."""
        offered = [
            k.nav for k in self.kinds.values() if k.nav and (present is None or k.name in present)
        ]
        return sorted(offered, key=lambda n: n.weight)


def make_blueprint(source: Callable[[], Blueprint] | str) -> Blueprint:
    """Return the Blueprint a kind or feature declares (importing its views module if named)."""
    if isinstance(source, str):
        return _import(source).blueprint()
    return source()


class RegistryError(LookupError):
    """A module named as a kind or feature cannot be imported or defines neither."""


def load_registry(extra: Sequence[str] = (), site_root: Path | None = None) -> Registry:
    """Import the built-in kinds, the engine's features and a site's `extra` kind modules."""
    from .kinds import BUILTIN

    if site_root is not None and extra and str(site_root) not in sys.path:
        sys.path.insert(0, str(site_root))  # a site's own kinds live beside its content
    kinds: dict[str, Kind] = {}
    features: dict[str, Feature] = {}
    for module_name in (*BUILTIN, *FEATURE_MODULES, *extra):
        module = _import(module_name)
        kind = getattr(module, "KIND", None)
        feature = getattr(module, "FEATURE", None)
        if not isinstance(kind, Kind) and not isinstance(feature, Feature):
            raise RegistryError(f"{module_name} defines neither KIND = Kind(...) nor FEATURE")
        if isinstance(kind, Kind):
            kinds[kind.name] = kind
        if isinstance(feature, Feature):
            features[feature.name] = feature
    return Registry(kinds, features)


def site_registry(root: Path) -> Registry:
    """The built-in kinds plus the ones `root/site.yml` registers under `kinds:`."""
    from .content.frontmatter import parse_yaml
    from .content.problems import ContentError, Problem

    path = root / "site.yml"
    shown = str(path.relative_to(root.parent))
    names: list[str] = []
    line = None
    if path.is_file():
        meta, lines, error = parse_yaml(path.read_text("utf-8"), first=1)
        raw = None if error else meta.get("kinds")
        line = lines("kinds")
        if raw is not None:
            if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
                problem = f"expected a list of module names, got {raw!r}"
                raise ContentError([Problem(shown, line, "kinds", problem)])
            names = [n.strip() for n in raw]
    try:
        return load_registry(names, root.parent)
    except RegistryError as exc:
        raise ContentError([Problem(shown, line, "kinds", str(exc))]) from None


def _import(module_name: str) -> Any:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise RegistryError(f"no module named {module_name!r}") from None
        raise
