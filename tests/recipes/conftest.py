"""Build the example recipes into a temporary site once, for tests that read the output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RECIPES = REPO / "content" / "recipes"
IMAGES = REPO / "content" / "images" / "recipes"
SITE_YML = """\
title: Test kitchen
base_url: https://cook.example/
author: {name: Ada Cook}
nav:
  - {title: Recipes, url: /recipes/}
"""


def make_content(root: Path) -> Path:
    """Copy the example recipes and their images into a fresh content folder."""
    content = root / "content"
    shutil.copytree(RECIPES, content / "recipes")
    shutil.copytree(IMAGES, content / "images" / "recipes")
    (content / "site.yml").write_text(SITE_YML, encoding="utf-8")
    return content


@pytest.fixture
def recipe_content(tmp_path: Path) -> Path:
    """A fresh content folder holding the example recipes."""
    return make_content(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example recipes (with search) once; return the output folder."""
    from sitegen.commands.build import build_site

    root = tmp_path_factory.mktemp("recipes-site")
    content = make_content(root)
    out = root / "build"
    build_site(content, out, cache_dir=root / "cache", progress=False)
    return out


def load_recipes(root: Path, files: dict[str, str], today: str = "2026-01-01") -> dict:
    """Load recipe files {name: text} from a fresh content folder; return recipes by slug.

    Raises ContentError listing every problem, as a build would.
    """
    import datetime as dt

    from sitegen.content.loader import load_content

    content = root / "content"
    (content / "recipes").mkdir(parents=True, exist_ok=True)
    (content / "site.yml").write_text(SITE_YML, encoding="utf-8")
    if not (content / "images").exists():
        shutil.copytree(IMAGES, content / "images" / "recipes")
    for name, text in files.items():
        (content / "recipes" / name).write_text(text, encoding="utf-8")
    loaded = load_content(
        content, cache_dir=root / "cache", preview=True, today=dt.date.fromisoformat(today)
    )
    return {r.slug: r for r in loaded.items["recipes"]}


def recipe_problems(root: Path, text: str, name: str = "dish.md") -> list:
    """Load one recipe file and return its problems as (line, field, message)."""
    from sitegen.content.problems import ContentError

    try:
        load_recipes(root, {name: text})
    except ContentError as exc:
        return [(p.line, p.field, p.message) for p in exc.problems]
    return []
