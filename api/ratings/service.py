"""Rating a recipe: the one function that keeps "one rating per visitor" and the aggregates.

Views call :func:`rate`, and so do reviews (a comment with stars, in
``api.comments``): ``rate(services, slug, visitor, stars)``. It reads the
visitor's current stars, then writes with a condition that they are still
those; when another request got there first the condition fails and it reads
again, so parallel ratings on any number of Lambda instances all count once.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime
from typing import Any

from ..errors import InvalidFields, NotFound, ServiceUnavailable
from ..events.store import Refused
from . import keys, store

ATTEMPTS = 12


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_recipe(services: Any, slug: str) -> None:
    """Raise NotFound unless the recipe exists and takes ratings."""
    if not store.rates(services.table, slug):
        raise NotFound(f"No recipe '{slug}' takes ratings here.", code="not_found")


def rate(
    services: Any, slug: str, visitor: str, stars: int, *, checked: bool = False
) -> dict[str, Any]:
    """Store ``visitor``'s ``stars`` (1-5) for ``slug``, replacing any earlier rating.

    Returns ``{"rating", "previous" (None if first), "summary"}``. Raises
    NotFound for a recipe that does not take ratings (skip the read with
    ``checked=True`` when the caller has just checked), InvalidFields for stars
    out of range, ServiceUnavailable if the races never settle.
    """
    if isinstance(stars, bool) or not isinstance(stars, int) or stars not in keys.STARS:
        raise InvalidFields(fields={"rating": "Must be a whole number from 1 to 5."})
    table = services.table
    if not checked:
        check_recipe(services, slug)
    for attempt in range(ATTEMPTS):
        previous = store.read_rating(table, slug, visitor)
        try:
            if previous is None:
                store.add(table, slug, visitor, stars, _now())
            elif previous != stars:
                store.change(table, slug, visitor, previous, stars, _now())
            break
        except Refused:
            # Someone (the same visitor, in another tab) changed it meanwhile: read again.
            time.sleep(random.uniform(0, 0.002 * 2 ** min(attempt, 6)))
    else:
        raise ServiceUnavailable("Too many ratings at once: try again.", retry_after=1)
    return {
        "rating": stars,
        "previous": previous,
        "summary": store.summary(store.read_stats(table, slug)),
    }


def show(services: Any, slug: str, visitor: str | None) -> dict[str, Any]:
    """Return a recipe's summary and, if a visitor is given, their own stars."""
    check_recipe(services, slug)
    table = services.table
    mine = store.read_rating(table, slug, visitor) if visitor else None
    return {"summary": store.summary(store.read_stats(table, slug)), "mine": mine}
