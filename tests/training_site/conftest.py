"""A small site with an API URL, and the API's public training summary given as the
snapshot the build keeps in its cache (no network)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

API = "https://api.example.test"
SITE = f"title: Test site\nbase_url: https://example.test/\napi_url: {API}\nauthor: {{name: Ada}}\n"

# Two laps of a park, as the API sends a public workout's track: segments of [lat, lon].
SEGMENT = [[51.5 + 0.0004 * i, -0.12 + 0.0006 * (i % 25)] for i in range(200)]

# The API's `GET /training/public` answer (docs/training.md), saved as a build keeps it.
SUMMARY = {
    "ok": True,
    "generated_for": "2026-12-07",
    "years": [
        {
            "year": 2026,
            "workouts": 182,
            "distance_m": 1834250,
            "duration_s": 512340,
            "ascent_m": 12840,
            "by_type": {
                "run": {
                    "workouts": 120,
                    "distance_m": 1201000,
                    "duration_s": 380000,
                    "ascent_m": 9000,
                }
            },
        },
        {
            "year": 2025,
            "workouts": 150,
            "distance_m": 1500000,
            "duration_s": 450000,
            "ascent_m": 9000,
            "by_type": {},
        },
    ],
    "records": [
        {
            "id": "run:fastest_5k",
            "kind": "fastest_5k",
            "label": "Fastest 5 km",
            "sport": "run",
            "value": 1294,
            "unit": "s",
            "date": "2026-05-03",
            "workout": "w1",
        },
        {
            "id": "lift:squat",
            "kind": "e1rm",
            "label": "Squat: estimated 1RM",
            "sport": "strength",
            "value": "142.5",
            "unit": "kg",
            "date": "2026-09-14",
            "workout": "w9",
        },
    ],
    "goals": [
        {
            "id": "g1",
            "title": "Run 1,000 km this year",
            "kind": "distance",
            "target": 1000000,
            "unit": "m",
            "reached": True,
            "period": "year",
            "sport": "run",
            "progress": {
                "period_start": "2026-01-01",
                "period_end": "2026-12-31",
                "done": 1201000,
                "target": 1000000,
                "left": 0,
                "reached": True,
                "weeks_left": 4,
                "per_week": 0,
            },
        },
        {
            "id": "g2",
            "title": "Count goal",
            "kind": "count",
            "target": 4,
            "unit": "workouts",
            "reached": False,
            "period": "week",
            "progress": {"done": 1, "target": 4, "left": 3, "reached": False},
        },
    ],
    "workouts": [
        {
            "id": "w2",
            "sport": "swim",
            "title": "Lake swim",
            "date": "2026-07-01",
            "duration_s": 1800,
            "distance_m": 1500,
            "ascent_m": 0,
            "segments": [],
            "track": [],
        },
        {
            "id": "w1",
            "sport": "run",
            "title": "Park run",
            "date": "2026-05-03",
            "duration_s": 1294,
            "distance_m": 5012,
            "ascent_m": 21,
            "segments": [SEGMENT],
            "track": SEGMENT,
        },
    ],
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def summary() -> dict:
    """A fresh copy of the sample summary, to change in a test."""
    return copy.deepcopy(SUMMARY)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A post and a project, with an API URL."""
    root = tmp_path / "content"
    write(root / "site.yml", SITE)
    write(root / "posts" / "hello.md", "---\ntitle: Hello\ndate: 2026-11-01\n---\nHi.\n")
    write(root / "projects" / "kiln.md", "---\ntitle: Kiln\nsummary: A kiln.\n---\nHot.\n")
    return root


@pytest.fixture
def snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write the API's `GET /training/public` answer where the build keeps its last copy."""
    monkeypatch.setenv("SITEGEN_OFFLINE", "1")
    cache = tmp_path / "cache"

    def save(data: dict | None) -> Path:
        path = cache / "public" / "training.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(json.dumps(data), encoding="utf-8")
        return cache

    return save
