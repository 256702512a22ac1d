"""Recipe pages bake the API's ratings in, readable without JavaScript, and stay in step.

The build reads ``/ratings/summary`` from a live API (moto behind the local
server): the summary shows on the page and in JSON-LD only when there are
ratings; a new rating re-renders the pages that show it on the next
incremental build; an unreachable API keeps the last good copy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitegen.commands.build import build_site

from ..nu import assert_valid_html
from ..recipes.conftest import make_content
from .conftest import rate

RATED, UNRATED = "shakshuka", "guacamole"


def page(out: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((out / "recipes" / slug / "index.html").read_text("utf-8"), "html.parser")


def jsonld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.html")}


@pytest.fixture
def site(tmp_path, live_api):
    app, url, stop = live_api
    content = make_content(tmp_path)
    yml = content / "site.yml"
    yml.write_text(yml.read_text("utf-8") + f"api_url: {url}\n", encoding="utf-8")
    return app, content, tmp_path / "build", tmp_path / "cache", stop


def test_pages_show_baked_ratings_and_rebuild_when_they_change(site):
    app, content, out, cache, stop = site
    rate(app, RATED, 5, "visitor-aaaaaaaaaaaa")
    rate(app, RATED, 4, "visitor-bbbbbbbbbbbb")
    build_site(content, out, cache_dir=cache, progress=False, post_build=False)

    rated = page(out, RATED)
    assert rated.find(id="rating").find(class_="rating-summary").get_text() == (
        "Rated 4.5 out of 5 from 2 ratings."
    )
    assert jsonld(rated)["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.50",
        "ratingCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    unrated = page(out, UNRATED)
    assert unrated.find(class_="rating-summary").get_text() == "No ratings yet."
    assert "aggregateRating" not in jsonld(unrated)
    index = BeautifulSoup((out / "recipes" / "index.html").read_text("utf-8"), "html.parser")
    card = index.find("li", attrs={"data-slug": RATED})
    assert card["data-loved"] and "Rated 4.5 out of 5 from 2 ratings" in card.get_text()
    assert index.find(attrs={"data-slug": UNRATED})["data-loved"] == ""
    assert index.find(attrs={"data-recipe-sort": True}).has_attr("hidden")  # no JS: title order

    # A third rating: the next incremental build re-renders the pages that show it.
    before = snapshot(out)
    rate(app, RATED, 1, "visitor-cccccccccccc")
    report = build_site(content, out, cache_dir=cache, progress=False, post_build=False)
    after = snapshot(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert f"recipes/{RATED}/index.html" in changed and "recipes/index.html" in changed
    assert f"recipes/{UNRATED}/index.html" not in changed
    assert 0 < report.rendered < len(after)
    assert "3.3 out of 5 from 3 ratings" in page(out, RATED).get_text()

    # The API goes away: the build still succeeds, with the last good copy.
    stop()
    build_site(content, out, cache_dir=cache, progress=False, post_build=False)
    assert snapshot(out) == after


def test_rating_form_works_without_javascript_and_is_valid_html(site):
    app, content, out, cache, _stop = site
    build_site(content, out, cache_dir=cache, progress=False, post_build=False)
    soup = page(out, RATED)
    form = soup.find("form", attrs={"data-rating-form": True})
    assert form["method"] == "post" and form["action"].endswith(f"/recipes/{RATED}/rating")
    fieldset = form.find("fieldset")
    assert fieldset.find("legend").get_text() == "Rate this recipe"
    radios = fieldset.find_all("input", type="radio")
    assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5"]
    assert {r["name"] for r in radios} == {"rating"} and all(r.has_attr("required") for r in radios)
    labels = [fieldset.find("label", attrs={"for": r["id"]}).get_text() for r in radios]
    assert labels == ["★1 star", "★2 stars", "★3 stars", "★4 stars", "★5 stars"]
    assert form.find(attrs={"role": "status"})["aria-live"] == "polite"
    assert soup.find(class_="rating-thanks").has_attr("hidden")  # shown at #rating by CSS
    assert soup.find(class_="rating-line").a["href"] == "#rating-title"
    assert form.find("button", type="submit")
    assert not soup.find_all("script", src=False, type=lambda t: t != "application/ld+json")
    assert_valid_html(out / "recipes" / RATED / "index.html", out / "recipes" / "index.html")


def test_without_an_api_pages_have_no_form_and_no_rating(tmp_path):
    content = make_content(tmp_path)
    out = tmp_path / "build"
    build_site(content, out, cache_dir=tmp_path / "cache", progress=False, post_build=False)
    soup = page(out, RATED)
    assert soup.find(id="rating") is None and soup.find(class_="rating-line") is None
    assert "aggregateRating" not in jsonld(soup)
