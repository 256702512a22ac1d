"""The build-time recipe index (`/recipes/index.json`) that the browser searches.

"What can I make" and the suggestions on the recipe index run in the visitor's
browser over this file: no server is asked anything. It carries the matching rules
(descriptor words, staples) so that the browser agrees with `discover`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from .discover import needed
from .ingredients import DESCRIPTORS, STAPLES
from .model import Recipe

VERSION = 1


def index_data(recipes: Sequence[Recipe], url_of: Callable[[Recipe], str]) -> dict:
    """Describe every recipe for matching in the browser."""
    return {
        "version": VERSION,
        "descriptors": sorted(DESCRIPTORS),
        "staples": sorted(STAPLES),
        "recipes": [
            {
                "slug": r.slug,
                "title": r.title,
                "url": url_of(r),
                "summary": r.summary,
                "cuisine": r.cuisine.slug if r.cuisine else "",
                "course": r.course.slug if r.course else "",
                "diet": [d.slug for d in r.diets],
                "minutes": r.total_minutes,
                "ingredients": [{"key": k, "name": n} for k, n in needed(r)],
                "related": list(r.similar),
            }
            for r in recipes
        ],
    }


def common_keys(recipes: Iterable[Recipe], limit: int = 24) -> list[str]:
    """Pick the ingredients most recipes use, for quick ticking; ties by name."""
    counts = Counter(key for r in recipes for key, _ in needed(r))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return sorted(key for key, _ in ranked[:limit])


def all_keys(recipes: Iterable[Recipe]) -> list[str]:
    """List every ingredient name the recipes use (for typing suggestions)."""
    return sorted({key for r in recipes for key, _ in needed(r)})
