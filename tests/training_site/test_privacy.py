"""End to end: the real API on a real local store, with a private workout and a privacy
zone in the table, serves `GET /training/public` over HTTP; the site is built from it.
No built file holds anything of the private workout, and no point drawn on a public map
falls inside the zone."""

from __future__ import annotations

import json
import math
import threading
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from sitegen.commands.build import build_site
from sitegen.training.maps import fit

from api.devserver import serve
from api.training import fields, store

from ..api.conftest import OWNER_TOKEN, build_app, moto_url  # noqa: F401  (fixture by name)
from .conftest import write

HOME = (51.5000, -0.1200)  # the owner's home: a 400 m zone
RADIUS = 400
SECRET = "Clinic visit, do not share"


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine (written here again: the check must not trust the code it checks)."""
    r = 6_371_000.0
    a = (
        math.sin(math.radians(lat2 - lat1) / 2) ** 2
        + math.cos(math.radians(lat1))
        * math.cos(math.radians(lat2))
        * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.asin(math.sqrt(a))


def run_from_home(points: int = 300) -> list[list[Decimal]]:
    """A run that starts at the front door, goes 3 km north-east and comes back home."""
    out = []
    for i in range(points):
        t = i / (points - 1)
        away = 1 - abs(2 * t - 1)  # 0 at home, 1 at the far end
        lat = HOME[0] + 0.02 * away + 0.001 * math.sin(9 * t)
        lon = HOME[1] + 0.03 * away
        out.append([Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")])
    return out


@pytest.fixture
def api_server(moto_url: str):  # noqa: F811
    """The API app on a fresh moto table, served over HTTP on a free local port."""
    app = build_app(moto_url, owner_auth_limit=10**6)
    server = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_the_built_pages_hold_no_private_workout_and_no_point_in_a_zone(
    api_server, tmp_path, monkeypatch
):
    monkeypatch.delenv("SITEGEN_OFFLINE", raising=False)
    app, url = api_server
    client = app.test_client()
    owner = {"Authorization": f"Bearer {OWNER_TOKEN}"}
    zone = {"name": "Home", "lat": HOME[0], "lon": HOME[1], "radius_m": RADIUS}
    settings = {
        "version": 0,
        "privacy_zones": [zone],
        "public_records": ["run:longest_distance", "run:fastest_5k"],
    }
    answer = client.put("/training/settings", json=settings, headers=owner)
    assert answer.status_code == 200, answer.get_json()
    table = app.extensions["frostfolio"].table
    public = store.create(
        table,
        fields.clean_workout(
            {
                "sport": "run",
                "title": "Out and back",
                "start": "2026-11-29T08:00:00+00:00",
                "duration_s": 2700,
                "distance_m": 7400,
                "visibility": "public",
            }
        ),
        track=run_from_home(),
    )
    far = [[Decimal("48.8566") + Decimal(i) / 10000, Decimal("2.3522")] for i in range(50)]
    private = store.create(
        table,
        fields.clean_workout(
            {
                "sport": "run",
                "title": SECRET,
                "start": "2026-11-30T18:00:00+00:00",
                "duration_s": 3900,
                "distance_m": 12000,  # longer than the public run: it would be the record
                "notes": "Private note about the clinic.",
                "avg_hr": 171,
            }
        ),
        track=far,
    )

    content = tmp_path / "content"
    site = f"title: Test site\nbase_url: https://example.test/\napi_url: {url}\n"
    write(content / "site.yml", site + "author: {name: Ada}\n")
    write(content / "posts" / "hello.md", "---\ntitle: Hello\ndate: 2026-11-01\n---\nHi.\n")
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    build_site(content, out, cache_dir=cache, progress=False)

    index = BeautifulSoup((out / "training" / "index.html").read_text("utf-8"), "html.parser")
    # An id may start or end with "-" (they are URL-safe tokens): its page's slug does not.
    slug = f"workout-{public['id'].strip('-')}"
    assert [li["id"] for li in index.select(".training-workout")] == [slug]
    # The public run is the longest distance record, not the private 12 km.
    records = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True)
        for tr in index.select(".training-records tbody tr")
    }
    assert records["Run: longest distance"] == "7.4\xa0km"

    # Nothing of the private workout anywhere in the build: title, notes, id, its places.
    built = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json")]
    for path in built:
        text = path.read_text("utf-8")
        for secret in (SECRET, "clinic", private["id"], "48.85", "171"):
            assert secret not in text, f"{path.relative_to(out)} holds {secret!r}"
    assert not list(out.rglob(f"*{private['id']}*"))

    # Every point of every public map is outside the zone. The page draws what the API
    # sent (saved by the build); map the zone into the picture the same way and measure.
    saved = json.loads((cache / "public" / "training.json").read_text("utf-8"))
    [sent] = saved["workouts"]
    assert len(sent["segments"]) >= 1
    for segment in sent["segments"]:
        for lat, lon in segment:
            assert metres(lat, lon, *HOME) > RADIUS
    for page in (
        out / "training" / "index.html",
        out / "training" / f"workout-{public['id']}" / "index.html",
    ):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        [svg] = soup.select("svg.training-map")
        width, height = (int(v) for v in svg["viewbox"].split()[2:])
        where = fit(sent["segments"], width, height)
        cx, cy = where.xy(*HOME)
        r = RADIUS * where.metres()
        drawn = [
            tuple(int(v) for v in pair.split(","))
            for line in svg.find_all("polyline")
            for pair in line["points"].split()
        ]
        assert drawn
        closest = min(math.hypot(x - cx, y - cy) for x, y in drawn)
        assert closest > r - 1, f"{page}: a point {closest:.1f} units from home, zone {r:.1f}"
