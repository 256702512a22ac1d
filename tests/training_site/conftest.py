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
TRACK = [[[51.5 + 0.0004 * i, -0.12 + 0.0006 * (i % 25)] for i in range(200)]]

# The API's `GET /training/public` answer (api/training/public.py), saved as a build keeps it.
SUMMARY = {
    "ok": True,
    "generated_for": "2026-12-07",
    "totals": {
        "2026": {
            "all": {
                "workouts": 182,
                "distance_m": 1834250,
                "duration_s": 512340,
                "ascent_m": 12840,
            },
            "sports": {
                "run": {
                    "workouts": 120,
                    "distance_m": 1201000,
                    "duration_s": 380000,
                    "ascent_m": 9000,
                }
            },
        },
        "2025": {
            "all": {"workouts": 150, "distance_m": 1500000, "duration_s": 450000, "ascent_m": 9000},
            "sports": {},
        },
    },
    "records": {
        "sports": {"run": {"fastest_5k": {"value": 1294, "workout": "w1", "day": "2026-05-03"}}},
        "lifts": {
            "squat": {
                "name": "Squat",
                "e1rm_kg": "142.5",
                "weight_kg": "120",
                "reps": 6,
                "workout": "w9",
                "day": "2026-09-14",
            }
        },
    },
    "goals": [
        {
            "id": "g1",
            "kind": "distance",
            "name": "Run 1,000 km this year",
            "period": "year",
            "sport": "run",
            "target": 1000000,
            "created_at": "2026-01-01T00:00:00Z",
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
            "kind": "count",
            "name": "",
            "period": "week",
            "target": 4,
            "created_at": "2026-01-01T00:00:00Z",
            "progress": {"done": 1, "target": 4, "left": 3, "reached": False},
        },
    ],
    "workouts": [
        {
            "id": "w2",
            "sport": "swim",
            "title": "Lake swim",
            "day": "2026-07-01",
            "duration_s": 1800,
            "distance_m": 1500,
            "ascent_m": 0,
            "track": [],
        },
        {
            "id": "w1",
            "sport": "run",
            "title": "Park run",
            "day": "2026-05-03",
            "duration_s": 1294,
            "distance_m": 5012,
            "ascent_m": 21,
            "track": TRACK,
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
