"""The ratings' writes and reads: each write is one transaction with its conditions.

A first rating puts the RATING item only if it does not exist and adds one to
the count, the sum and its histogram bucket of STATS. A re-rating changes the
RATING item only if it still holds the stars the caller read, and moves one
between buckets (and the difference into the sum). Either both items change
or neither, so STATS always equals the sum over the stored ratings; a lost
race fails a condition and the service reads again (never read, then write
without a condition).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .. import storage
from ..events.store import put, transact, update
from ..storage import GSI1, Table
from . import keys


def summary(stats: dict[str, Any] | None) -> dict[str, Any]:
    """Describe an aggregate for clients: count, sum, average (2 places) and histogram."""
    stats = stats or {}
    count, total = int(stats.get("count", 0)), int(stats.get("sum", 0))
    out: dict[str, Any] = {"count": count, "sum": total}
    if count:
        average = (Decimal(total) / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        out["average"] = str(average)
    out["histogram"] = {str(s): int(stats.get(keys.bucket(s), 0)) for s in keys.STARS}
    return out


def read_stats(table: Table, slug: str) -> dict[str, Any] | None:
    """Return the STATS item of a recipe (strongly consistent), or None."""
    return table.get(keys.recipe_pk(slug), keys.STATS)


def read_rating(table: Table, slug: str, visitor: str) -> int | None:
    """Return the stars ``visitor`` gave ``slug``, or None."""
    item = table.get(keys.recipe_pk(slug), keys.rating_sk(visitor))
    return int(item["stars"]) if item else None


def rates(table: Table, slug: str) -> bool:
    """Tell whether the recipe's page exists and takes ratings (its synced META)."""
    meta = table.get(keys.thread_pk(slug), keys.META)
    return bool(meta and meta.get("ratings") is True)


_COUNTS = {"#count": "count", "#sum": "sum"}


def add(table: Table, slug: str, visitor: str, stars: int, now: str) -> None:
    """Store a first rating and count it (Refused if the visitor has one already)."""
    pk = keys.recipe_pk(slug)
    item = {
        "pk": pk,
        "sk": keys.rating_sk(visitor),
        "slug": slug,
        "visitor": visitor,
        "stars": stars,
        "created_at": now,
        "updated_at": now,
    }
    b = keys.bucket(stars)
    # ADD creates a missing counter at zero: the first rating makes STATS.
    stats = storage.update(
        pk,
        keys.STATS,
        "SET #gsi1pk = :index, #gsi1sk = :slug, #slug = :slug "
        f"ADD #count :one, #sum :stars, #{b} :one",
        {":index": keys.INDEX, ":slug": slug, ":one": 1, ":stars": stars},
        names={"#gsi1pk": "gsi1pk", "#gsi1sk": "gsi1sk", "#slug": "slug", **_COUNTS, f"#{b}": b},
    )
    transact(table, [put(item, when=["attribute_not_exists(#pk)"]), stats])


def change(table: Table, slug: str, visitor: str, old: int, new: int, now: str) -> None:
    """Replace a visitor's ``old`` stars by ``new`` (Refused if they are no longer ``old``)."""
    pk = keys.recipe_pk(slug)
    rating = update(
        pk,
        keys.rating_sk(visitor),
        sets=["#stars = :new", "#updated_at = :now"],
        when=["#stars = :old"],
        values={":new": new, ":old": old, ":now": now},
    )
    b_old, b_new = keys.bucket(old), keys.bucket(new)
    stats = storage.update(
        pk,
        keys.STATS,
        f"ADD #{b_old} :minus, #{b_new} :one, #sum :delta",
        {":minus": -1, ":one": 1, ":delta": new - old},
        names={f"#{b_old}": b_old, f"#{b_new}": b_new, "#sum": "sum", "#count": "count"},
        condition="attribute_exists(#count)",
    )
    transact(table, [rating, stats])


def every_summary(table: Table) -> dict[str, dict[str, Any]]:
    """Return the summary of every rated recipe by slug (GSI1, eventually consistent)."""
    found: dict[str, dict[str, Any]] = {}
    start = None
    while True:
        items, start = table.query("gsi1pk", keys.INDEX, index=GSI1, sort_key="gsi1sk", start=start)
        for item in items:
            found[item["slug"]] = summary(item)
        if not start:
            return found
