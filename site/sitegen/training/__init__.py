"""Training achievements on the site and the training log in the dashboard: a Feature.

- `/training/`: what the owner marked public in the training log (docs/training.md,
  "On the site"): year totals, records, goals reached and selected workouts, each
  workout with its map drawn as an inline SVG line from the simplified track. Built
  from the API's `GET /training/public` (`summary`), read once per build with a
  short timeout and the last good copy kept; with no data at all the page is not
  published and not in the navigation.
- `/training/<kind>-<id>/`: one page per achievement (record, goal reached,
  workout) whose `og:image` is its share image `/training/share/<slug>.png`
  (1200×630, Pillow: `share`).
- The dashboard's Training page and home card (`js/owner/training*.js`).
"""

from __future__ import annotations

from typing import Any

from ..registry import Feature, NavEntry, UrlSpec
from .summary import summary

NAME = "training"


def _urls(content: Any) -> list[UrlSpec]:
    found = summary(content)
    if found is None:  # nothing public yet: no page, like a kind with no items
        return [
            UrlSpec("training.index", None),
            UrlSpec("training.achievement", None),
            UrlSpec("training.share", None),
            UrlSpec("training.share_year", None),
        ]
    deps = (found.digest,)
    specs = [UrlSpec("training.index", {}, deps)]
    if found.years:
        year = found.years[0]
        specs.append(UrlSpec("training.share_year", {}, (repr(year),), sitemap=False))
    else:
        specs.append(UrlSpec("training.share_year", None))
    for one in found.achievements:
        shown = (repr(one),)
        specs.append(UrlSpec("training.achievement", {"slug": one.slug}, shown, lastmod=one.date))
        specs.append(UrlSpec("training.share", {"slug": one.slug}, shown, sitemap=False))
    return specs


def _nav(content: Any) -> NavEntry | None:
    return NavEntry("Training", "/training/", weight=60) if summary(content) else None


FEATURE = Feature(
    name=NAME,
    blueprint="sitegen.training.views",
    urls=_urls,
    nav=_nav,
    dashboard=(
        "js/owner/training.js",
        "js/owner/training-log.js",
        "js/owner/training-import.js",
        "js/owner/training-stats.js",
        "js/owner/training-goals.js",
    ),
)
