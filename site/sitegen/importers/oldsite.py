"""An old site as read: its settings, pages, list pages and the files to copy as they are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Page
from .settings import Settings


@dataclass
class OldSite:
    """What a generator's reader found."""

    settings: Settings = field(default_factory=Settings)
    pages: list[Page] = field(default_factory=list)
    # Folders published as they are: (folder, path under the site's root it was served at).
    static: list[tuple[Path, str]] = field(default_factory=list)
    # Single files published as they are: (file, the site path it was served at).
    files: list[tuple[Path, str]] = field(default_factory=list)
    # A group's (section's) old list page addresses, its own and its aliases.
    lists: dict[str, list[str]] = field(default_factory=dict)
    # Taxonomies whose term pages the old site published (/tags/x/, /categories/x/).
    taxonomies: list[str] = field(default_factory=list)
    # Other old addresses whose new one is known (its feed: /atom.xml -> /feed.xml).
    moved: dict[str, str] = field(default_factory=dict)
