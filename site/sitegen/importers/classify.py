"""Which kind each old page becomes, and its slug: sections become posts, pages or recipes.

A section (a Jekyll collection, Hugo's `content/<section>/`, or the top-level
pages) whose pages mostly look like recipes (ingredients in front matter, or
"Ingredients" and "Directions" headings) becomes recipes; blog posts and
sections of dated pages become posts; top-level pages and undated sections
become pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..kinds.recipes.plain import heading_kind
from .model import Page, Report
from .paths import as_date, urlize

_HEADING = re.compile(r"^(?:#{1,6}\s+(.+?)\s*#*|\*\*(.+?)\*\*:?)\s*$", re.M)
RECIPE_KEYS = ("ingredients", "recipeIngredient", "recipe_ingredients")


def looks_like_recipe(page: Page) -> bool:
    """Ingredients in front matter, or ingredient and step headings in the body."""
    if any(page.meta.get(key) for key in RECIPE_KEYS):
        return True
    found = {heading_kind(m.group(1) or m.group(2)) for m in _HEADING.finditer(page.body)}
    return {"ingredients", "steps"} <= found


def _dated(page: Page) -> bool:
    return bool(as_date(page.meta.get("date")) or page.date)


def assign_kinds(pages: list[Page], report: Report) -> None:
    """Give every page its kind, group by group."""
    groups: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        groups[page.group].append(page)
    for group, members in groups.items():
        recipes = [p for p in members if looks_like_recipe(p)]
        if recipes and 2 * len(recipes) >= len(members):  # top-level pages too (based.cooking)
            for page in members:
                stray = "pages" if not group or not _dated(page) else "posts"
                page.kind = "recipes" if page in recipes else stray
            strays = [p.shown for p in members if p.kind != "recipes"]
            if strays:
                report.note(
                    f"{', '.join(strays[:3])}{' …' if len(strays) > 3 else ''}: beside recipes, "
                    "but no ingredients and steps: imported as posts or pages"
                )
        elif group in ("posts", "drafts") or (
            group and 2 * sum(map(_dated, members)) > len(members)
        ):
            for page in members:
                page.kind = "posts"
        else:
            for page in members:
                page.kind = "pages"


def assign_slugs(pages: Iterable[Page], reserved: set[str], report: Report) -> None:
    """Give every page a slug unique in its kind: its `slug:` or name, then its group's name."""
    taken: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        wanted = urlize(page.meta["slug"]) if page.meta.get("slug") else urlize(page.name)
        slug = wanted
        if page.kind == "pages" and f"/{slug}/" in reserved:
            slug = f"{wanted}-page"
            report.note(
                f"{page.shown}: /{wanted}/ is a page of Frostfolio itself; imported as /{slug}/"
            )
        if slug in taken[page.kind] and page.group:
            slug = f"{urlize(page.group)}-{wanted}"
        n = 2
        base = slug
        while slug in taken[page.kind]:
            slug, n = f"{base}-{n}", n + 1
        if slug != wanted and not slug.endswith("-page"):
            report.note(f"{page.shown}: another page is called {wanted!r}; imported as {slug!r}")
        taken[page.kind].add(slug)
        page.slug = slug
