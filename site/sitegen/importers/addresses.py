"""Where every old address, file name and copied file of the old site is on the new one."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from urllib.parse import unquote, urlsplit

from .model import Page
from .oldsite import OldSite
from .paths import clean_path, parent_of


def resource_url(page: Page, rel: str) -> str:
    """Where a bundle's file is published: beside the page, as Hugo did."""
    return page.url + rel


class Addresses:
    """Old site paths and file names, mapped to the new site's addresses."""

    def __init__(self, site: OldSite, indexes: dict[str, str], base_url: str) -> None:
        self.urls: dict[str, str] = {}
        self.keys: dict[str, Page | None] = {}  # None: more than one page has that name
        self.names: dict[str, list[Page]] = defaultdict(list)
        self.files: set[str] = set()
        base = urlsplit(base_url)
        self.host, self.base_path = base.netloc, base.path.rstrip("/")
        for page in site.pages:
            self.names[page.slug].append(page)
            if page.name != page.slug:
                self.names[page.name].append(page)
            for key in page.keys:
                key = key.strip("/")
                self.keys[key] = None if self.keys.get(key, page) is not page else page
            for old in filter(None, [page.old_url, *page.aliases]):
                self._add(old, page.url)
            folder = parent_of(page.old_url or page.url)
            for file in page.resources:
                rel = file.relative_to(page.bundle).as_posix() if page.bundle else file.name
                self.urls[folder + rel] = resource_url(page, rel)
        self.urls.update({"/index.html": "/", **site.moved})
        for group, paths in site.lists.items():
            for path in paths:
                if group in indexes:
                    self._add(path, indexes[group])
        for folder, served in site.static:
            for file in folder.rglob("*"):
                if file.is_file():
                    self.files.add(clean_path(served + "/" + file.relative_to(folder).as_posix()))
        self.files |= {clean_path(path) for _file, path in site.files}

    def _add(self, old: str, new: str) -> None:
        self.urls.setdefault(old, new)
        if old.endswith("/") and old != "/":
            self.urls.setdefault(old[:-1], new)
            self.urls.setdefault(old + "index.html", new)
        elif old.endswith(".html"):
            self.urls.setdefault(old[: -len(".html")], new)

    def page_named(self, key: str, page: Page | None = None) -> Page | None:
        """The page a file reference names (`posts/x.md`, `2020-01-02-x`), if exactly one."""
        key = unquote(key).strip().strip("/")
        tries = [key, key.rsplit(".", 1)[0] if key.endswith((".md", ".markdown")) else key]
        if page is not None and page.folder:
            tries += [posixpath.normpath(f"{page.folder}/{t}") for t in list(tries)]
        tries += [t[1:] for t in tries if t.startswith("_")]  # Jekyll's `_posts/x.md`
        for attempt in tries:
            if self.keys.get(attempt) is not None:
                return self.keys[attempt]
        return None

    def site_path(self, target: str) -> str | None:
        """A link as a path of the old site (its own full URLs included), or None if external."""
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https", "") or parts.netloc != self.host:
                return None
            path = parts.path or "/"
        else:
            path = parts.path
        if self.base_path and (path == self.base_path or path.startswith(self.base_path + "/")):
            path = path[len(self.base_path) :] or "/"
        return unquote(path)

    def lookup(self, path: str) -> str | None:
        """The new address of an old site path: a page, a list page or a copied file."""
        path = clean_path(path)
        tries = [path, path.lower()]
        last = posixpath.basename(path.rstrip("/"))
        if not path.endswith("/") and "." not in last:
            tries += [path + "/", path + ".html"]
        if path.endswith((".html", ".htm")):  # /pasta.html for the page at /pasta/
            tries.append(path.rsplit(".", 1)[0] + "/")
        for attempt in tries:
            if attempt in self.urls:
                return self.urls[attempt]
            if attempt in self.files:
                return attempt
        return None

    def by_name(self, path: str) -> Page | None:
        """The one page whose name is the path's last part (`/pasta` for /recipes/pasta/)."""
        last = posixpath.basename(path.rstrip("/"))
        for suffix in (".html", ".htm"):
            last = last.removesuffix(suffix)
        found = {id(p): p for p in self.names.get(last, [])}
        return next(iter(found.values())) if len(found) == 1 else None
