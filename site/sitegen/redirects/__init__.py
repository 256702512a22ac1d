"""Old URLs keep working: a small page at each that sends visitors and search engines on.

An item lists the addresses it used to have under `aliases:` (Hugo) or
`redirect_from:` (Jekyll); `site.yml` maps other old paths, such as a section's
list page, under `redirects: {/old/list/: /new/list/}`. Each old path becomes a page
with `<link rel=canonical>` and a refresh to the new URL, listed in no sitemap
and not searched. An old path that is also a real page is a content problem at
its line (`web.published.clashes`); so is one that is no address of this site.
"""

from __future__ import annotations

from typing import Any

from ..content.problems import Problem
from ..registry import Feature, UrlProblems, UrlSpec
from ..web.exact import exact_endpoint
from .collect import Redirect, item_redirects, site_redirects

GROUP = "redirects"


def redirects(content: Any) -> tuple[list[Redirect], list[Problem]]:
    """Every redirect the content asks for, and every entry that is no address of this site."""
    found, problems = [], []
    site_file = content.root / "site.yml"
    shown = f"{content.root.name}/site.yml"
    listed, bad = site_redirects(content.site, site_file, shown)
    for item in content.all_items():
        mine, wrong = item_redirects(item, content.site.base_url)
        found += mine
        problems += wrong
    return found + listed, problems + bad  # items first: a clash names the site.yml entry


def _urls(content: Any) -> list[UrlSpec]:
    from .views import redirect_page

    specs = []
    by_path: dict[str, Redirect] = {}
    found, problems = redirects(content)
    for redirect in found:
        endpoint = exact_endpoint(GROUP, redirect.path, redirect_page)
        if endpoint is None:
            problems.append(_unroutable(redirect))
            continue
        by_path.setdefault(redirect.path, redirect)
        specs.append(
            UrlSpec(
                endpoint,
                {},
                (redirect.target, redirect.title),
                sitemap=False,
                source=redirect.source,
                line=redirect.line,
                source_field=redirect.field,
            )
        )
    content.extras[GROUP] = by_path
    if problems:
        raise UrlProblems(specs, problems)
    return specs


def _unroutable(redirect: Redirect) -> Problem:
    message = f"{redirect.path}: an address with < or > cannot be redirected"
    return Problem(redirect.source, redirect.line, redirect.field, message)


FEATURE = Feature(name=GROUP, blueprint="sitegen.redirects.views", urls=_urls)
