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
    from sitegen.build import build_site

    root = tmp_path_factory.mktemp("recipes-site")
    content = make_content(root)
    out = root / "build"
    build_site(content, out, cache_dir=root / "cache", progress=False)
    return out
