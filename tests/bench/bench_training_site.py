"""The achievements page's build with five years of workouts.

    make bench BENCH=training_site

Generates five years of training (BENCH_TRAINING_PER_YEAR workouts a year, default
300: runs, rides, swims, strength; a third public, the newest public ones with a
2,000-point track) and turns it into the API's public summary with the API's own
`api.training.public.summary` (privacy zone cut included), saved where the build keeps
its last copy. Then, on a small site: a cold full build, an unchanged rebuild, a
rebuild after the summary changed (one more public run), and the achievements page
alone rendered 20 times; with the page's weight (HTML + its CSS) and the number of
share images.
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
PER_YEAR = int(os.environ.get("BENCH_TRAINING_PER_YEAR", "300"))
YEARS = 5
TODAY = date(2026, 12, 7)
HOME = (51.5, -0.12)


def track(rng: random.Random, points: int = 2000) -> list[list[Decimal]]:
    """A loop from home: a jittered circle of about 8 km."""
    out = []
    for i in range(points):
        a = 2 * math.pi * i / points
        lat = HOME[0] + 0.012 * (1 - math.cos(a)) + rng.uniform(-2e-5, 2e-5)
        lon = HOME[1] + 0.018 * math.sin(a) + rng.uniform(-2e-5, 2e-5)
        out.append([Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")])
    return out


def workouts(rng: random.Random) -> list[dict]:
    """Five years of workouts as the API stores them (the fields the summary reads)."""
    found = []
    start = TODAY - timedelta(days=365 * YEARS)
    for n in range(PER_YEAR * YEARS):
        day = start + timedelta(days=int(n * 365 * YEARS / (PER_YEAR * YEARS)))
        sport = rng.choice(["run", "run", "run", "ride", "swim", "strength"])
        duration = rng.randint(1200, 7200)
        speed = {"run": 3.0, "ride": 7.5, "swim": 0.9, "strength": 0}[sport]
        distance = int(duration * speed * rng.uniform(0.85, 1.15))
        km = distance // 1000
        splits = [Decimal(round(1000 / speed * rng.uniform(0.9, 1.1), 1)) for _ in range(km)]
        exercises = []
        if sport == "strength":
            exercises = [
                {"name": name, "sets": [{"reps": 5, "weight_kg": Decimal(60 + rng.randint(0, 60))}]}
                for name in ("Squat", "Bench press", "Deadlift")
            ]
        found.append(
            {
                "id": f"w{n:015d}",
                "sport": sport,
                "title": f"{sport.capitalize()} {n}",
                "day": day.isoformat(),
                "start_utc": f"{day.isoformat()}T07:00:00Z",
                "duration_s": duration,
                "distance_m": distance if sport != "strength" else 0,
                "ascent_m": rng.randint(0, 400) if sport in ("run", "ride") else 0,
                "splits": splits if sport == "run" else [],
                "exercises": exercises,
                "visibility": "public" if n % 3 == 0 else "private",
                "has_track": sport in ("run", "ride"),
            }
        )
    return found


def public_summary(rng: random.Random, extra: int = 0) -> dict:
    from api.training import public

    listed = workouts(rng)
    for i in range(extra):
        listed.append({**listed[-3], "id": f"x{i:015d}", "visibility": "public"})
    goals = [
        {
            "id": f"g{i:015d}",
            "kind": "distance",
            "name": f"{1000 + 100 * i} km this year",
            "period": "year",
            "target": 100_000 * (i + 1),
            "public": True,
            "version": 1,
            "created_at": "2026-01-01T00:00:00Z",
        }
        for i in range(5)
    ]
    names = ["fastest_1k", "fastest_5k", "fastest_10k", "longest_distance", "longest_duration"]
    settings = {
        "privacy_zones": [{"name": "Home", "lat": HOME[0], "lon": HOME[1], "radius_m": 300}],
        "public_records": [f"{s}:{n}" for s in ("run", "ride", "swim") for n in names]
        + ["lift:squat", "lift:bench press", "lift:deadlift"],
    }
    # Each track from its workout's id: the same workout draws the same line in every run.
    tracks = {w: track(random.Random(w)) for w in public.wanted_tracks(listed)}
    data = public.summary(listed, goals, settings, tracks, TODAY)
    return json.loads(json.dumps(data, default=str))


def main() -> int:
    from sitegen import create_app
    from sitegen.commands.build import build_site

    os.environ["SITEGEN_OFFLINE"] = "1"
    rng = random.Random(15)
    t0 = time.perf_counter()
    summary = public_summary(rng)
    made = time.perf_counter() - t0
    raw = json.dumps(summary)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = root / "content"
        (content / "posts").mkdir(parents=True)
        (content / "site.yml").write_text(
            "title: Bench\nbase_url: https://bench.example/\napi_url: https://api.bench.example\n"
            "author: {name: Bench}\n",
            "utf-8",
        )
        (content / "posts" / "hello.md").write_text(
            "---\ntitle: Hello\ndate: 2026-01-01\n---\nHi.\n"
        )
        cache = root / "cache"
        (cache / "public").mkdir(parents=True)
        snapshot = cache / "public" / "training.json"
        snapshot.write_text(raw, "utf-8")
        out = root / "out"
        rows = []
        cold = build_site(content, out, cache_dir=cache, progress=False)
        rows.append(("cold full build", cold.seconds, cold.rendered))
        same = build_site(content, out, cache_dir=cache, progress=False)
        rows.append(("unchanged rebuild", same.seconds, same.rendered))
        snapshot.write_text(json.dumps(public_summary(random.Random(15), extra=1)), "utf-8")
        changed = build_site(content, out, cache_dir=cache, progress=False)
        rows.append(("rebuild, summary changed", changed.seconds, changed.rendered))
        app = create_app({"CONTENT_DIR": content, "CACHE_DIR": cache})
        client = app.test_client()
        client.get("/training/")
        times = []
        for _ in range(20):
            t = time.perf_counter()
            page = client.get("/training/")
            times.append(time.perf_counter() - t)
        assert page.status_code == 200
        html = (out / "training" / "index.html").read_bytes()
        css = sum(
            p.stat().st_size
            for p in (out / "static" / "css").glob("*.css")
            if p.name.split(".")[0] in ("site", "training")
        )
        images = list((out / "training" / "share").glob("*.png"))
    print(
        f"{YEARS} years, {PER_YEAR * YEARS} workouts ({PER_YEAR * YEARS // 3} public);"
        f" summary {len(raw) / 1024:.0f} KB made in {made:.2f} s by api.training.public"
    )
    print(f"{'step':<28}{'seconds':>9}{'files rendered':>16}")
    for name, seconds, rendered in rows:
        print(f"{name:<28}{seconds:>9.2f}{rendered:>16}")
    print(f"/training/ alone: median {statistics.median(times) * 1000:.1f} ms over 20 renders")
    print(
        f"/training/ weighs {len(html) / 1024:.1f} KB of HTML + {css / 1024:.1f} KB of CSS;"
        f" {len(images)} share images (1200×630 PNG)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
