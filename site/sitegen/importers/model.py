"""What an import reads and plans: the pages of the old site, and what it tells the author."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Where each built-in kind publishes an item (see each kind's `make`).
KIND_URLS = {"posts": "/blog/{slug}/", "pages": "/{slug}/", "recipes": "/recipes/{slug}/"}
KIND_INDEXES = {"posts": "/blog/", "recipes": "/recipes/"}


@dataclass
class Page:
    """One Markdown page of the old site, and where it goes in the new one."""

    file: Path
    shown: str  # as the report names it: <source>/content/post/x.md
    meta: dict[str, Any]
    body: str
    body_line: int  # line of the body's first line in the source file
    group: str  # Hugo section, Jekyll "posts", "drafts" or collection; "" for top-level pages
    name: str  # file stem or bundle folder (Jekyll posts: without the date)
    folder: str = ""  # the page's folder in the old site's content, e.g. post/2020
    date: str | None = None  # from a Jekyll post's file name
    bundle: Path | None = None  # a Hugo leaf bundle's folder: its other files go with the page
    resources: list[Path] = field(default_factory=list)
    old_url: str | None = None  # where the old site published it (None: never, e.g. a draft)
    aliases: list[str] = field(default_factory=list)  # other old addresses of it
    keys: set[str] = field(default_factory=set)  # how other pages name it (ref, post_url, link)
    kind: str = ""
    slug: str = ""
    draft: bool = False

    @property
    def url(self) -> str:
        """Its address on the new site."""
        return KIND_URLS[self.kind].format(slug=self.slug)

    @property
    def dest(self) -> str:
        """Its file in the new content folder."""
        return f"{self.kind}/{self.slug}.md"

    def line_of(self, offset: int) -> int:
        """The source line of a position in the body."""
        return self.body_line + self.body.count("\n", 0, offset)


@dataclass
class Rewrite:
    """One link changed to the new site's address."""

    where: str  # path:line in the old site
    old: str
    new: str
    guessed: bool = False  # no old address matched: the one page of that name


@dataclass
class Report:
    """What an import did, and what needs a person."""

    generator: str
    source: Path
    dest: Path
    counts: Counter = field(default_factory=Counter)  # items per kind
    drafts: int = 0
    rewrites: list[Rewrite] = field(default_factory=list)
    redirects: Counter = field(default_factory=Counter)  # "old addresses", "aliases", "lists"
    copied: Counter = field(default_factory=Counter)  # files copied, by origin
    settings: list[str] = field(default_factory=list)  # what site.yml got
    notes: list[str] = field(default_factory=list)  # not carried over, done for the author
    problems: list[str] = field(default_factory=list)  # path:line: message

    def note(self, message: str) -> None:
        """Record something not carried over, or done on the author's behalf."""
        if message not in self.notes:
            self.notes.append(message)

    def problem(self, where: str, line: int | None, message: str) -> None:
        """Record something a person must fix, as `path:line: message`."""
        self.problems.append(f"{where}:{line}: {message}" if line else f"{where}: {message}")
