"""Ratings baked into recipe pages: read once per load from the API's public summary.

``apply_ratings`` runs in the recipes' ``finish`` step. Each recipe gets its
``rating`` (or None) and a digest that includes it, so an incremental build
re-renders exactly the pages whose ratings changed (the recipe, the index and
filter pages showing its card). A preview skips the network (the page's script
shows live numbers) and uses the last build's copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ...content.public_data import api_root, fetch_public

SUMMARY_PATH = "/ratings/summary"
# "Most loved" ranks by a damped average: as if every recipe also had PRIOR_COUNT
# ratings of PRIOR_MEAN, so one 5-star rating does not beat fifty that average 4.8.
PRIOR_MEAN, PRIOR_COUNT = 3, 2


@dataclass(frozen=True)
class Rating:
    """A recipe's ratings as the build saw them."""

    count: int
    sum: int
    histogram: tuple[int, int, int, int, int]

    @property
    def average(self) -> str:
        """The average to 2 places, as the API and JSON-LD give it ("4.25")."""
        value = Decimal(self.sum) / self.count
        return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    @property
    def shown(self) -> str:
        """The average to 1 place, as pages show it ("4.3"), rounded from the exact ratio."""
        value = Decimal(self.sum * 10) / self.count
        return str(value.quantize(Decimal(1), rounding=ROUND_HALF_UP) / 10)

    @property
    def text(self) -> str:
        """Say it in words: "4.3 out of 5 from 12 ratings"."""
        noun = "rating" if self.count == 1 else "ratings"
        return f"{self.shown} out of 5 from {self.count} {noun}"

    @property
    def loved(self) -> str:
        """The "most loved" score, higher first (a damped average; see PRIOR_*)."""
        score = Decimal(self.sum + PRIOR_MEAN * PRIOR_COUNT) / (self.count + PRIOR_COUNT)
        return str(score.quantize(Decimal("0.0001")))


def parse_summary(data: Any) -> dict[str, Rating]:
    """Read ``GET /ratings/summary`` into Ratings by slug; anything malformed is left out."""
    recipes = data.get("recipes") if isinstance(data, dict) else None
    if not isinstance(recipes, dict):
        return {}
    found = {}
    for slug, summary in recipes.items():
        try:
            count, total = summary["count"], summary["sum"]
            histogram = tuple(summary["histogram"][str(n)] for n in range(1, 6))
            numbers = (count, total, *histogram)
            if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
                continue
        except (KeyError, TypeError, AttributeError):
            continue
        if count > 0 and isinstance(slug, str):
            found[slug] = Rating(count, total, histogram)  # type: ignore[arg-type]
    return found


def fetch_ratings(content: Any) -> dict[str, Rating]:
    """Read every recipe's rating from the API (or the last saved copy)."""
    site = content.site
    root = None if content.preview else api_root(site.api_url, site.base_url)
    data = fetch_public(root or "", SUMMARY_PATH, cache_dir=content.cache_dir, name="ratings")
    return parse_summary(data)


def apply_ratings(recipes: list, content: Any) -> None:
    """Give each recipe its ``rating`` and fold it into the recipe's digest."""
    ratings = fetch_ratings(content) if recipes else {}
    for recipe in recipes:
        # Items are reused between loads: keep the file's own digest to fold from.
        base = recipe.__dict__.setdefault("digest_before_rating", recipe.digest)
        rating = ratings.get(recipe.slug)
        recipe.rating = rating
        if rating is None:
            recipe.digest = base
        else:
            mixed = f"{base}\0{rating.count}\0{rating.sum}\0{rating.histogram}"
            recipe.digest = hashlib.sha1(mixed.encode()).hexdigest()
