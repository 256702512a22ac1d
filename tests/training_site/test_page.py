"""The achievements page built from a saved public summary (no network): what it shows,
the maps as inline SVG, share images of the right size, valid HTML5, the navigation and
sitemap, nothing published without data, and pages built again when the summary changes."""

from __future__ import annotations

import io
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image
from sitegen.commands.build import build_site

from ..nu import assert_valid_html
from .conftest import SITE, summary, write


def build(content: Path, cache: Path, out: Path):
    return build_site(content, out, cache_dir=cache, progress=False)


def page(out: Path, path: str) -> BeautifulSoup:
    """A built page, its no-break spaces (between figures and units) read as spaces."""
    html = (out / path / "index.html").read_text("utf-8")
    return BeautifulSoup(html.replace("&nbsp;", " ").replace("\xa0", " "), "html.parser")


def test_the_page_shows_years_records_goals_and_workouts_with_a_map(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build(content, snapshot(summary()), out)
    soup = page(out, "training")
    main = soup.find("main")
    assert main.h1.get_text(strip=True) == "Training"
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in main.select("tbody tr")
    ]
    assert rows[0] == ["2026", "182", "1,834 km", "142 h", "12,840 m"]
    assert rows[1][0] == "2025"
    records = {
        tr.th.get_text(strip=True): tr.select("td")[0].get_text()
        for tr in main.select(".training-records tbody tr")
    }
    assert records == {"Run: fastest 5 km": "21:34", "Squat: estimated 1RM": "142.5 kg"}
    goal = main.select_one("#goal-g1")
    assert "Run 1,000 km this year" in goal.get_text() and "1,201 km" in goal.get_text()
    assert main.select_one("#goal-g2") is None  # not reached: not an achievement
    # Newest first: the swim (no GPS, no map), then the run with its map.
    workouts = main.select(".training-workout")
    assert [w["id"] for w in workouts] == ["workout-w2", "workout-w1"]
    assert workouts[0].find("svg") is None
    svg = workouts[1].find("svg")
    assert svg["role"] == "img" and svg["viewbox"] == "0 0 400 260"
    assert len(svg.find_all("polyline")) == 1
    title = svg.find("title")
    assert svg["aria-labelledby"] == title["id"]
    assert title.get_text() == "Map of the route, 5.0 km: run from the round mark to the square one"
    points = svg.polyline["points"].split()
    assert 2 <= len(points) <= 120
    assert all(0 <= int(v) <= 400 for p in points for v in p.split(","))
    assert not soup.find_all("script", src=lambda s: s and "training" in s)  # no script needed
    # In the navigation of every page, and in the sitemap with each achievement's page.
    nav = [a["href"] for a in page(out, "").select("nav.site-nav a")]
    assert "/training/" in nav
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "https://example.test/training/</loc>" in sitemap
    assert "https://example.test/training/workout-w1/</loc>" in sitemap
    assert ".png" not in sitemap


def test_each_achievement_has_a_page_whose_share_image_is_1200_by_630(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build(content, snapshot(summary()), out)
    slugs = ["record-run-fastest-5k", "record-lift-squat", "goal-g1", "workout-w1", "workout-w2"]
    for slug in slugs:
        soup = page(out, f"training/{slug}")
        og = soup.find("meta", property="og:image")["content"]
        assert og == f"https://example.test/training/share/{slug}.png"
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        image = Image.open(io.BytesIO((out / "training" / "share" / f"{slug}.png").read_bytes()))
        assert (image.format, image.size) == ("PNG", (1200, 630))
    run = page(out, "training/workout-w1")
    assert run.h1.get_text() == "Park run" and run.find("svg", role="img")
    index = page(out, "training").find("meta", property="og:image")["content"]
    assert index == "https://example.test/training/share/year.png"
    with Image.open(out / "training" / "share" / "year.png") as year:
        assert year.size == (1200, 630)


def test_the_pages_are_valid_html5(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build(content, snapshot(summary()), out)
    assert_valid_html(out / "training")


def test_without_any_data_there_is_no_page_no_link_and_no_sitemap_entry(
    content, snapshot, tmp_path
):
    out = tmp_path / "out"
    build(content, snapshot(None), out)  # an API URL that was never reached
    assert not (out / "training").exists()
    assert "/training/" not in [a["href"] for a in page(out, "").select("nav.site-nav a")]
    assert "/training/" not in (out / "sitemap.xml").read_text("utf-8")
    # No api_url at all: the same, even with an old copy in the cache.
    write(content / "site.yml", SITE.replace("api_url: https://api.example.test\n", ""))
    out2 = tmp_path / "out2"
    build(content, snapshot(summary()), out2)
    assert not (out2 / "training").exists()
    # An answer with nothing public is no data either.
    write(content / "site.yml", SITE)
    out3 = tmp_path / "out3"
    build(
        content,
        snapshot(
            {
                "ok": True,
                "years": [],
                "records": [],
                "goals": [],
                "workouts": [],
            }
        ),
        out3,
    )
    assert not (out3 / "training").exists()


def test_an_incremental_build_renders_the_page_again_when_the_summary_changes(
    content, snapshot, tmp_path
):
    out = tmp_path / "out"
    first = summary()
    cache = snapshot(first)
    build(content, cache, out)
    again = build(content, cache, out)
    assert again.rendered == 0
    changed = summary()
    changed["records"][0]["value"] = 1250  # a faster 5 km
    build_report = build(content, snapshot(changed), out)
    assert 0 < build_report.rendered < build_report.files
    soup = page(out, "training")
    assert soup.select(".training-records td")[0].get_text() == "20:50"
    assert "20:50" in page(out, "training/record-run-fastest-5k").h1.parent.get_text()
    # Other pages of the site were not rendered again.
    assert build_report.rendered <= 4  # index, the record's page, its share image (+ year card)


def test_the_first_public_achievement_adds_the_link_to_every_page(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build(content, snapshot(None), out)
    assert "/training/" not in page(out, "blog/hello").decode()
    build(content, snapshot(summary()), out)
    assert 'href="/training/"' in page(out, "blog/hello").decode()


def test_the_largest_summary_the_api_sends_stays_within_the_30_kb_page_budget(
    content, snapshot, tmp_path
):
    """20 public workouts (the API's most) with 2,000-point tracks, 12 records, 5 goals,
    5 years: the page and its styles under 30 KB, as an article page."""
    import math

    data = summary()
    loop = [
        [51.5 + 0.012 * (1 - math.cos(i / 318)), -0.12 + 0.018 * math.sin(i / 318)]
        for i in range(2000)
    ]
    data["workouts"] = [
        {**data["workouts"][1], "id": f"w{n:015d}", "segments": [loop], "track": loop}
        for n in range(20)
    ]
    record = data["records"][0]
    data["records"] = [{**record, "id": f"run:r{n}"} for n in range(12)]
    goal = data["goals"][0]
    data["goals"] = [{**goal, "id": f"g{n}"} for n in range(5)]
    data["years"] = [{**data["years"][0], "year": 2026 - n} for n in range(5)]
    out = tmp_path / "out"
    build(content, snapshot(data), out)
    for path in (
        out / "training" / "index.html",
        out / "training" / "workout-w000000000000003" / "index.html",
    ):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        styles = [
            out / link["href"].lstrip("/") for link in soup.find_all("link", rel="stylesheet")
        ]
        weight = path.stat().st_size + sum(f.stat().st_size for f in styles)
        assert weight < 30 * 1024, f"{path.relative_to(out)}: {weight} bytes"
        assert not soup.find_all("script", src=lambda s: s and "training" in s)
