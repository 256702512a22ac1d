"""Where ratings live in the one table.

``RECIPE#<slug>`` / ``RATING#<visitor>``  one visitor's stars for a recipe (1-5)
``RECIPE#<slug>`` / ``STATS``             count, sum and histogram h1..h5 of its ratings
``THREAD#recipes/<slug>`` / ``META``      the recipe as synced from the build (``ratings``)

GSI1 lists every recipe's STATS (``RATINGS`` / ``<slug>``) for the public summary.
"""

from __future__ import annotations

SLUG_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,119}"
SLUG_EXAMPLE = "pancakes"
VISITOR_PATTERN = "[A-Za-z0-9_-]{16,64}"
STARS = (1, 2, 3, 4, 5)

STATS = "STATS"
RATING_PREFIX = "RATING#"
INDEX = "RATINGS"
META = "META"
# A visitor without JavaScript is the keyed hash of their address, marked as such.
ADDRESS_PREFIX = "addr-"


def recipe_pk(slug: str) -> str:
    """Return the partition of a recipe's ratings and their aggregate."""
    return f"RECIPE#{slug}"


def rating_sk(visitor: str) -> str:
    """Return the sort key of one visitor's rating."""
    return RATING_PREFIX + visitor


def thread_pk(slug: str) -> str:
    """Return the partition of the recipe's page (its META says it takes ratings)."""
    return f"THREAD#recipes/{slug}"


def bucket(stars: int) -> str:
    """Return the histogram attribute counting ratings of ``stars``."""
    return f"h{stars}"
