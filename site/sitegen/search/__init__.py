"""Site-wide search: a Pagefind index built after every build, and the /search/ page.

Kinds take part by naming their item pages' kind in `UrlSpec.search`; the search
module never names a kind. The index lives in `pagefind/` of the output folder:
one Pagefind index, made from shards of the site that are indexed again only
when one of their pages changed (`index`, `shards`, `reading`, `bundle`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..registry import Feature, PostBuildStep, UrlSpec
from .index import OUTPUT, build_search_index


def _index(out: Path, content: Any, pages: list) -> None:
    build_search_index(out, pages)


def _urls(content: Any) -> list[UrlSpec]:
    return [UrlSpec("search.page", {}, sitemap=False)]


FEATURE = Feature(
    name="search",
    blueprint="sitegen.search.views",
    urls=_urls,
    post_build=PostBuildStep(
        "search",
        _index,
        owns=(f"{OUTPUT}/*", f"{OUTPUT}/**"),
        # Its pages' fragments and word-index chunks (half of a site's files) and what
        # it keeps: a deleted one is put back by a full build (`--full`) only.
        derived=(f"{OUTPUT}/fragment", f"{OUTPUT}/index", f"{OUTPUT}/.shards"),
    ),
)
