"""Fixtures for the events kind: sample content loaded or built once, and problem reports."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from .sample import SITE_YML, TODAY, build, write_site


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample events built into a folder, as a visitor's browser receives them."""
    return build(tmp_path_factory.mktemp("events-site"))


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., object]:
    """Load event files {name: text} (default: the samples) as a build would; return Content."""

    def _load(files: dict[str, str] | None = None, today: dt.date = TODAY, site: str = SITE_YML):
        from sitegen.content.loader import load_content

        content = write_site(tmp_path, files, site)
        return load_content(content, cache_dir=tmp_path / "cache", today=today)

    return _load


@pytest.fixture
def problems(load: Callable[..., object]) -> Callable[[str], list[str]]:
    """Load one event file (front matter and body as text) and return its problems as text."""

    def _problems(text: str) -> list[str]:
        from sitegen.content.problems import ContentError

        try:
            load({"bad.md": textwrap.dedent(text)})
        except ContentError as exc:
            return [str(p) for p in exc.problems]
        return []

    return _problems
