"""A small site with an API URL, and the API's public training summary given as the
snapshot the build keeps in its cache (no network)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

API = "https://api.example.test"
SITE = f"title: Test site\nbase_url: https://example.test/\napi_url: {API}\nauthor: {{name: Ada}}\n"

# Two laps of a park near (but not at) a privacy zone, as the API sends a public workout.
TRACK = [[51.5000 + 0.0004 * i, -0.1200 + 0.0006 * (i % 25)] for i in range(200)]

SUMMARY = {
    "ok": True,
    "generated": "2026-12-07T04:00:00Z",
    "years": [
        {
            "year": 2026,
            "workouts": 182,
            "distance_m": 1834250.5,
            "duration_s": 512340,
            "ascent_m": 12840,
            "by_type": {"run": {"workouts": 120, "distance_m": 1201000, "duration_s": 380000}},
        },
        {
            "year": 2025,
            "workouts": 150,
            "distance_m": 1500000,
            "duration_s": 450000,
            "ascent_m": 9000,
        },
    ],
    "records": [
        {
            "id": "run-5k",
            "type": "run",
            "kind": "fastest_5k",
            "label": "Fastest 5 km",
            "value": 1294,
            "unit": "s",
            "date": "2026-05-03",
            "workout_id": "w1",
        },
        {
            "id": "squat-1rm",
            "type": "strength",
            "kind": "one_rep_max",
            "label": "Squat, estimated 1RM",
            "value": 142.5,
            "unit": "kg",
            "date": "2026-09-14",
        },
    ],
    "goals": [
        {
            "id": "g1",
            "title": "Run 1,000 km in 2026",
            "kind": "distance",
            "target": 1000000,
            "unit": "m",
            "reached": True,
            "reached_on": "2026-10-30",
        },
    ],
    "workouts": [
        {
            "id": "w1",
            "type": "run",
            "title": "Park run",
            "start": "2026-05-03T08:00:00Z",
            "duration_s": 1294,
            "distance_m": 5012,
            "ascent_m": 21,
            "track": TRACK,
        },
        {
            "id": "w2",
            "type": "swim",
            "title": "Lake swim",
            "start": "2026-07-01T07:00:00Z",
            "duration_s": 1800,
            "distance_m": 1500,
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
