"""A small site for the comments block: posts, a recipe, a project; the API's approved
comments given as the snapshot the build keeps in its cache (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

API = "https://api.example.test"
SITE = f"title: Test site\nbase_url: https://example.test/\napi_url: {API}\nauthor: {{name: Ada}}\n"

RECIPE = """---
title: Plain pancakes
summary: Thin pancakes for a Sunday.
servings: 4
ingredients:
  - {quantity: 2, item: eggs}
  - {quantity: 300, unit: ml, item: milk}
steps:
  - Whisk everything together.
  - Fry thin pancakes in butter.
---
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def post(title: str, date: str = "2026-11-01", extra: str = "", body: str = "Some words.") -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsummary: About {title}.\n{extra}---\n{body}\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Two posts, a recipe and a project, with an API URL (so pages take comments)."""
    root = tmp_path / "content"
    write(root / "site.yml", SITE)
    write(root / "posts" / "hello.md", post("Hello"))
    write(root / "posts" / "quiet.md", post("Quiet", extra="comments: false\n"))
    write(root / "recipes" / "pancakes.md", RECIPE)
    write(root / "projects" / "kiln.md", "---\ntitle: Kiln\nsummary: A kiln.\n---\nHot.\n")
    return root


@pytest.fixture
def snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write the API's `GET /comments/public` answer where the build keeps its last copy."""
    monkeypatch.setenv("SITEGEN_OFFLINE", "1")
    cache = tmp_path / "cache"

    def save(threads: dict[str, list[dict]]) -> Path:
        path = cache / "public" / "comments.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"ok": True, "threads": threads}), encoding="utf-8")
        return cache

    save({})
    return save


def cid(n: int) -> str:
    """The n-th comment id (the API's ids are 16 URL-safe characters)."""
    return f"c{n:015d}"


def comment(n: int, text: str, *, parent: int | None = None, name: str = "Grace", **more):
    """The n-th approved comment as the API lists it, posted n minutes after 10:00."""
    from api.comments.markup import render

    found = {"id": cid(n), "parent": cid(parent) if parent else None, "name": name}
    found |= {"author": False, "created": f"2026-11-02T10:{n:02d}:00Z", "text": text}
    found |= {"html": render(text), "votes": 0, "status": "approved"}
    return found | more
