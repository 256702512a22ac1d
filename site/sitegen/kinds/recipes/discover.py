"""Finding recipes: what each needs, which are alike, which share a cuisine, course or diet.

"What can I make" ranks recipes in the browser (static/js/recipes.js) over the JSON
index that `index_data` writes at build time from `needed` here and the staples in
`ingredients`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ingredients import is_staple

if TYPE_CHECKING:
    from .model import Label, Recipe


def needed(recipe: Recipe) -> list[tuple[str, str]]:
    """List (key, name) of ingredients a cook may lack: one per item, staples left out."""
    seen: dict[str, str] = {}
    for item in recipe.ingredients:
        if item.key and not is_staple(item.key):
            seen.setdefault(item.key, item.item)
    return list(seen.items())


@dataclass(frozen=True)
class _Features:
    heads: frozenset[str]  # head nouns of ingredients: 'cherry tomato' -> 'tomato'
    labels: frozenset[str]  # tags and diets
    cuisine: str
    course: str


def _features(recipe: Recipe) -> _Features:
    return _Features(
        frozenset(key.split()[-1] for key in recipe.keys),
        frozenset({t.lower() for t in recipe.tags} | {d.slug for d in recipe.diets}),
        recipe.cuisine.slug if recipe.cuisine else "",
        recipe.course.slug if recipe.course else "",
    )


def _score(a: _Features, b: _Features, heads: int, labels: int) -> float:
    # `heads` and `labels` are the sizes of the intersections, counted by the caller.
    score = 0.6 * heads / (len(a.heads) + len(b.heads) - heads) if heads else 0.0
    score += 0.25 * labels / (len(a.labels) + len(b.labels) - labels) if labels else 0.0
    score += 0.1 * (a.cuisine != "" and a.cuisine == b.cuisine)
    score += 0.05 * (a.course != "" and a.course == b.course)
    return score


def similarity(a: Recipe, b: Recipe) -> float:
    """Score two recipes' likeness: ingredients weigh most, then tags, cuisine and course."""
    fa, fb = _features(a), _features(b)
    return _score(fa, fb, len(fa.heads & fb.heads), len(fa.labels & fb.labels))


def related_all(recipes: Sequence[Recipe], limit: int = 3) -> dict[int, list[Recipe]]:
    """Pick related recipes for every recipe at once: id(recipe) -> best first.

    Only recipes sharing something are compared, found through inverted indexes, so
    a large collection costs far less than comparing every pair.
    """
    feats = [_features(r) for r in recipes]
    postings: dict[str, dict[str, list[int]]] = {
        name: defaultdict(list) for name in ("heads", "labels", "cuisine", "course")
    }
    for i, f in enumerate(feats):
        for head in f.heads:
            postings["heads"][head].append(i)
        for label in f.labels:
            postings["labels"][label].append(i)
        if f.cuisine:
            postings["cuisine"][f.cuisine].append(i)
        if f.course:
            postings["course"][f.course].append(i)
    result: dict[int, list[Recipe]] = {}
    for i, f in enumerate(feats):
        heads: Counter[int] = Counter(j for h in f.heads for j in postings["heads"][h])
        labels: Counter[int] = Counter(j for t in f.labels for j in postings["labels"][t])
        candidates = set(heads) | set(labels)
        candidates.update(
            postings["cuisine"].get(f.cuisine, ()), postings["course"].get(f.course, ())
        )
        candidates.discard(i)
        scored = [
            (-_score(f, feats[j], heads[j], labels[j]), recipes[j].title.lower(), j)
            for j in candidates
        ]
        scored.sort()
        result[id(recipes[i])] = [recipes[j] for score, _, j in scored[:limit] if score < 0]
    return result


def facet_values(recipes: Iterable[Recipe], facet: str) -> list[tuple[Label, list[Recipe]]]:
    """Group recipes by cuisine, course or diet: [(Label, recipes), ...] by label name."""
    groups: dict[str, tuple[Label, list[Recipe]]] = {}
    for recipe in recipes:
        labels = list(recipe.diets) if facet == "diet" else [getattr(recipe, facet)]
        for label in labels:
            if label is not None:
                groups.setdefault(label.slug, (label, []))[1].append(recipe)
    return [groups[k] for k in sorted(groups)]
