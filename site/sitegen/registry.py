"""The one place content kinds and post-build steps are registered.

A *kind* is a folder of Markdown files under `content/` (posts, projects, pages,
testimonials; recipes and events plug in the same way). It is described by a
`Kind`: its front-matter `Schema`, a `make` function turning one validated file into
an item object, an optional `finish` step over all items (sorting, prev/next, tags),
a Flask blueprint with its views, and a `urls` function listing every page the kind
publishes together with the items each page shows (so a rebuild re-renders a page
only when one of those items changed).

To add a kind, write a module that defines `KIND = Kind(...)` and add its import
path to `KIND_MODULES` below — that line is the only change needed outside the new
module. For a post-build step (e.g. a search index), call `add_post_build_step`
from that module; a step declares the output paths it owns so stale-file removal
leaves them alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import Schema

if TYPE_CHECKING:
    from flask import Blueprint, Flask

    from .content import Content, Record

# Modules defining `KIND`; order is load order (later kinds may use earlier ones).
KIND_MODULES = [
    "sitegen.kinds.pages",
    "sitegen.kinds.posts",
    "sitegen.kinds.projects",
    "sitegen.kinds.testimonials",
    "sitegen.recipes.kind",
]

# Optional features that templates can test: "search" makes `has_search` true.
FEATURES: set[str] = set()


@dataclass(frozen=True)
class UrlSpec:
    """A page to freeze: `url_for(endpoint, **values)` and the digests of what it shows.

    `values=None` declares an endpoint that has no page right now (e.g. blog page 2
    of a short blog), so the build does not report it as missing a URL generator.
    """

    endpoint: str
    values: dict[str, Any] | None
    deps: tuple[str, ...] = ()
    lastmod: Any = None  # date shown in the sitemap, when the page has one
    sitemap: bool = True  # False for pages that are not documents (feeds, files)


@dataclass
class Kind:
    """A content kind: schema, loader, views and the list of its URLs."""

    name: str  # folder under content/ and key in Content.items, e.g. "posts"
    singular: str  # as typed in `make new KIND=post`
    schema: Schema
    make: Callable[[Record], Any]  # validated file -> item (or None to skip)
    finish: Callable[[list, Content], None] | None = None
    blueprint: Callable[[], Blueprint] | None = None  # views, endpoints named "<bp>.<view>"
    routes: Callable[[Flask], None] | None = None  # or: add views to the app directly
    urls: Callable[[Content], Iterable[UrlSpec]] = lambda content: ()
    # Rewrite foreign front matter (Jekyll/Hugo forms) before validation.
    normalize: Callable[[dict, Record], dict] | None = None
    new_body: str = "Write here.\n"
    new_extra: Callable[[str], dict] | None = None  # extra front matter for `sitegen new`
    # Reserved top-level URL segments, so a page slug cannot shadow the kind's pages.
    reserved: tuple[str, ...] = ()
    # Paths like /blog/x/ in Markdown bodies that the kind publishes (link checks).
    extensions: list[str] = field(default_factory=lambda: ["md", "markdown"])


@dataclass(frozen=True)
class PostBuildStep:
    """Work done on the output folder after freezing (e.g. a search index)."""

    name: str
    run: Callable[[Path, Content], None]
    owns: tuple[str, ...] = ()  # glob patterns of output paths it writes, kept by cleanup


_post_build: list[PostBuildStep] = []
_kinds: dict[str, Kind] | None = None


def add_post_build_step(step: PostBuildStep) -> None:
    """Run `step` after every build (registration is idempotent by name)."""
    _post_build[:] = [s for s in _post_build if s.name != step.name] + [step]


def post_build_steps() -> list[PostBuildStep]:
    """Return the registered post-build steps in registration order."""
    kinds()  # importing kind modules registers their steps
    return list(_post_build)


def kinds() -> dict[str, Kind]:
    """Return every registered kind by name, importing kind modules on first use."""
    global _kinds
    if _kinds is None:
        found: dict[str, Kind] = {}
        for module_name in KIND_MODULES:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                # A kind still being written (its module absent) must not break the rest.
                if exc.name and module_name.startswith(exc.name):
                    continue
                raise
            kind = module.KIND
            found[kind.name] = kind
        _kinds = found
    return _kinds


def kind_by_singular(word: str) -> Kind | None:
    """Find a kind by `post`, `posts`, `project`…"""
    for kind in kinds().values():
        if word in (kind.singular, kind.name):
            return kind
    return None
