"""Plan the new site from the old one: redirects, navigation, every item's file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..text import slugify
from .addresses import Addresses
from .model import KIND_INDEXES, Page, Report
from .oldsite import OldSite
from .paths import urlize

TAG_PAGES = {"tags": "/tags/{slug}/", "categories": "/tags/{slug}/"}  # posts merge categories


class Redirects:
    """Old addresses, each kept once and never where a page of the new site is."""

    def __init__(self, taken: set[str], report: Report) -> None:
        self.taken = taken
        self.claimed: dict[str, str] = {}
        self.report = report

    def keep(self, old: str, new: str, what: str, whose: str) -> bool:
        """Keep `old` as a redirect to `new` unless it is `new`, a page, or kept already."""
        if old == new or old in self.claimed:
            return False
        if old in self.taken or old.rstrip("/") in self.taken:
            self.report.note(
                f"{whose}: old address {old} is a page of the new site: not redirected"
            )
            return False
        self.claimed[old] = new
        self.report.redirects[what] += 1
        return True


def page_aliases(page: Page, redirects: Redirects) -> list[str]:
    """The old addresses to write under the page's `aliases:`."""
    kept = []
    if (
        page.old_url
        and not page.draft
        and redirects.keep(page.old_url, page.url, "old page addresses", page.shown)
    ):
        kept.append(page.old_url)
    for alias in page.aliases:
        if redirects.keep(alias, page.url, "aliases", page.shown):
            kept.append(alias)
    return kept


def group_indexes(pages: Iterable[Page]) -> dict[str, str]:
    """The new list page of each old section whose pages became posts or recipes."""
    kinds: dict[str, dict[str, int]] = {}
    for page in pages:
        kinds.setdefault(page.group, {}).setdefault(page.kind, 0)
        kinds[page.group][page.kind] += 1
    indexes = {}
    for group, counts in kinds.items():
        kind = max(counts, key=lambda k: counts[k])
        if group and kind in KIND_INDEXES:
            indexes[group] = KIND_INDEXES[kind]
    return indexes


def list_redirects(site: OldSite, indexes: dict[str, str], redirects: Redirects) -> dict[str, str]:
    """site.yml `redirects:` for old list pages: sections, and term pages of tags and categories."""
    found: dict[str, str] = {}
    for group, paths in site.lists.items():
        for path in paths:
            if group in indexes and redirects.keep(path, indexes[group], "list pages", "site.yml"):
                found[path] = indexes[group]
    terms: dict[str, set[str]] = {}
    for page in site.pages:
        if page.kind != "posts":
            continue
        for taxonomy in site.taxonomies:
            terms.setdefault(taxonomy, set()).update(_names(page.meta.get(taxonomy)))
    for taxonomy, names in terms.items():
        if taxonomy not in TAG_PAGES:
            if names:
                redirects.report.note(
                    f"taxonomy {taxonomy!r} is not carried over: only tags and categories "
                    "(as tags) are; its values stay in each post's front matter"
                )
            continue
        if names and redirects.keep(f"/{taxonomy}/", "/tags/", "list pages", "site.yml"):
            found[f"/{taxonomy}/"] = "/tags/"
        for name in sorted(names):
            old, new = (
                f"/{taxonomy}/{urlize(name)}/",
                TAG_PAGES[taxonomy].format(slug=slugify(name)),
            )
            if redirects.keep(old, new, "list pages", "site.yml"):
                found[old] = new
    return found


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value] if isinstance(value, list) else []


def nav(site: OldSite, addresses: Addresses) -> list[tuple[str, str]]:
    """The old main menu with new addresses; pages that put themselves in it included."""
    entries = []
    for title, url in site.settings.nav:
        if url.startswith("file:"):  # Jekyll's header_pages name files
            page = addresses.page_named(url[len("file:") :])
            if page is not None:
                entries.append((title or str(page.meta.get("title") or page.name), page.url))
            continue
        page = addresses.page_named(url) if not url.startswith(("http:", "https:")) else None
        path = addresses.site_path(url)
        new = page.url if page else (addresses.lookup(path) if path else None)
        entries.append((title, new or url))
    mine = []
    for page in site.pages:
        menu = page.meta.get("menu")
        entry = menu.get("main") if isinstance(menu, dict) else None
        if menu == "main" or (isinstance(menu, list) and "main" in menu) or isinstance(entry, dict):
            entry = entry if isinstance(entry, dict) else {}
            title = entry.get("name") or page.meta.get("title") or page.name
            mine.append((entry.get("weight") or 0, str(title), page.url))
    entries += [(title, url) for _w, title, url in sorted(mine, key=lambda e: e[0])]
    return list(dict.fromkeys(entries))
