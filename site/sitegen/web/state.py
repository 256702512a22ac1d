"""The loaded content behind an app: loaded once for a build, reloaded on change in preview."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from flask import abort, current_app

from ..content.loader import load_content
from ..content.problems import ContentError
from ..content.record import Content
from ..registry import Registry
from ..render.assets import Assets


def tree_signature(root: Path) -> tuple:
    """Cheap fingerprint of a folder tree: every file's path, size and mtime."""
    sig = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            try:
                st = os.stat(os.path.join(dirpath, name))
            except FileNotFoundError:
                continue
            sig.append((dirpath, name, st.st_size, st.st_mtime_ns))
    return tuple(sig)


class SiteState:
    """Holds the Content for an app; in preview, reloads it when a file changes."""

    def __init__(
        self,
        root: Path,
        *,
        preview: bool,
        cache_dir: Path,
        watch: bool,
        registry: Registry,
        assets: Assets,
    ) -> None:
        self.root = root
        self.preview = preview
        self.cache_dir = cache_dir
        self.watch = watch
        self.registry = registry
        self.assets = assets
        self._content: Content | None = None
        self._error: ContentError | None = None
        self._signature: tuple | None = None
        self._lock = threading.Lock()
        self.after_load = lambda content: None  # extra checks and overrides, set by the app
        self.blueprints: dict[str, str] = {}  # kind name -> its blueprint's name

    def content(self) -> Content:
        """Return the current content, raising ContentError if it does not validate."""
        with self._lock:
            if self.watch:
                sig = tree_signature(self.root)
                if sig != self._signature:
                    self._signature = sig
                    self._content, self._error = None, None
            if self._content is None and self._error is None:
                try:
                    content = load_content(
                        self.root,
                        preview=self.preview,
                        cache_dir=self.cache_dir,
                        registry=self.registry,
                    )
                    self.after_load(content)
                    self._content = content
                except ContentError as exc:
                    self._error = self._with_site_checks(exc)
            if self._error is not None:
                raise self._error
            assert self._content is not None
            return self._content

    def _with_site_checks(self, exc: ContentError) -> ContentError:
        """Add the problems of the checks that need every page (links, clashes)."""
        if exc.partial is None:
            return exc
        try:
            self.after_load(exc.partial)
        except ContentError as more:
            return ContentError(exc.problems + more.problems)
        return ContentError(exc.problems)


def current_state() -> SiteState:
    """Return the state of the app handling the current request."""
    return current_app.extensions["sitegen"]


def current_content() -> Content:
    """Return the content of the app handling the current request."""
    return current_state().content()


def item_or_404(kind: str, slug: str) -> Any:
    """Return the item of `kind` with `slug`, or answer 404 (a view of one item)."""
    found = current_content().find(kind, slug)
    if found is None:
        abort(404)
    return found
