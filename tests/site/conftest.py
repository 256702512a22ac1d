"""Fixtures for the site engine: content folders in tmp_path, builds, the example site."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from sitegen.commands.build import BuildReport, build_site

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = Path(__file__).parent / "templates"  # minimal templates: engine tests need no theme


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """Build the repository's example content once, with the real theme."""
    root = tmp_path_factory.mktemp("example")
    report = build_site(REPO / "content", root / "build", cache_dir=root / "cache", jobs=1)
    return root / "build", report


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write `{relative path: text}` under tmp_path/content; return the content folder."""
    content = tmp_path / "content"

    def _write(files: dict[str, str | bytes]) -> Path:
        for rel, text in files.items():
            path = content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        content.mkdir(exist_ok=True)
        return content

    return _write


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., BuildReport]:
    """Build a content folder with the minimal test templates into tmp_path/<out>."""

    def _build(content: Path, out: str = "build", **options: object) -> BuildReport:
        options.setdefault("template_dir", TEMPLATES)
        options.setdefault("cache_dir", tmp_path / "cache")
        options.setdefault("jobs", 1)
        # Post-build steps (the search index) belong to their kinds' tests; keep these quick.
        options.setdefault("post_build", False)
        return build_site(content, tmp_path / out, **options)

    return _build


def post(
    title: str = "Hello", date: str = "2024-01-02", extra: str = "", body: str = "Body."
) -> str:
    """Text of a valid post file."""
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
