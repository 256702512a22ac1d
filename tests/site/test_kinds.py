"""A kind from outside the engine plugs in with one line of site.yml, and nothing else.

The engine (everything in `sitegen` outside the kind packages) never names a kind:
a new kind brings its schema, items, views, templates, URLs, search pages, home
section and navigation link itself.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sitegen import create_app
from sitegen.commands.build import build_site
from sitegen.content.problems import ContentError
from sitegen.registry import load_registry

from .conftest import post

SITEGEN = Path(__file__).resolve().parents[2] / "site" / "sitegen"

TRIPS = '''
"""Trips: content/trips/*.md, pages /trips/ and /trips/<slug>/."""

from sitegen.content.items import Item
from sitegen.content.schema import Field, Schema
from sitegen.registry import HomeSection, Kind, NavEntry, UrlSpec


class Trip(Item):
    country: str


SCHEMA = Schema([
    Field("title", required=True),
    Field("date", "datetime", required=True),
    Field("country", required=True, choices=("Norway", "Japan", "Chile")),
])


def make(record):
    return record.item(Trip, f"/trips/{record.slug}/", country=record.values["country"])


def finish(trips, content):
    trips.sort(key=lambda t: t.date, reverse=True)


def urls(content):
    trips = content.items["trips"]
    yield UrlSpec("trips.index", {}, tuple(t.digest for t in trips))
    yield UrlSpec("trips.trip", None)
    for t in trips:
        yield UrlSpec("trips.trip", {"slug": t.slug}, (t.digest,), t.date, search="trip",
                      source=t.source)


def blueprint():
    from flask import Blueprint, abort, render_template
    from sitegen.web.state import current_content

    bp = Blueprint("trips", __name__, template_folder="trip_templates")

    @bp.route("/trips/")
    def index():
        return render_template("trips/index.html", trips=current_content().items["trips"])

    @bp.route("/trips/<slug>/")
    def trip(slug):
        found = current_content().find("trips", slug)
        if found is None:
            abort(404)
        return render_template("trips/trip.html", trip=found)

    return bp


KIND = Kind(
    name="trips",
    singular="trip",
    schema=SCHEMA,
    make=make,
    finish=finish,
    blueprint=blueprint,
    urls=urls,
    home=HomeSection("trips/_home.html", lambda c: {"trips": c.items["trips"][:2]}, weight=5),
    nav=NavEntry("Trips", "/trips/", weight=5),
)
'''

TEMPLATES = {
    "trips/index.html": '{% extends "base.html" %}{% block content %}<h1>Trips</h1>'
    '{% for t in trips %}<a href="{{ t.url }}">{{ t.title }}</a>{% endfor %}{% endblock %}',
    "trips/trip.html": '{% extends "base.html" %}{% block title %}{{ trip.title }}{% endblock %}'
    "{% block content %}<article><h1>{{ trip.title }}</h1><p>{{ trip.country }}</p>"
    "{{ trip.html }}</article>{% endblock %}",
    "trips/_home.html": '<section class="trips"><h2>On the road</h2>'
    '{% for t in trips %}<a href="{{ t.url }}">{{ t.title }}</a>{% endfor %}</section>',
}


def trip(title: str, date: str, country: str, body: str = "Fjords and ferries.") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncountry: {country}\n---\n{body}\n"


@pytest.fixture
def trips_module(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Write a kind module beside the content folder; return its import name."""
    name = f"trips_{re.sub(r'[^a-z0-9]', '_', request.node.name.lower())}"
    package = tmp_path / name
    (package / "trip_templates" / "trips").mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(TRIPS), "utf-8")
    for rel, text in TEMPLATES.items():
        (package / "trip_templates" / rel).write_text(text, "utf-8")
    return name


def site_yml(module: str, extra: str = "") -> str:
    return f"title: Travels\nbase_url: https://travel.example/\nkinds: [{module}]\n{extra}"


def test_a_kind_from_outside_the_engine_builds_with_all_it_offers(write, tmp_path, trips_module):
    content = write(
        {
            "site.yml": site_yml(trips_module),
            "trips/lofoten.md": trip("Lofoten in winter", "2024-02-01", "Norway"),
            "trips/kyoto.md": trip("Kyoto by bike", "2024-05-01", "Japan"),
            "posts/hello.md": post("Hello"),
        }
    )
    out = tmp_path / "build"
    report = build_site(content, out, cache_dir=tmp_path / "cache", jobs=1)
    assert report.html_pages > 0
    page = BeautifulSoup((out / "trips/kyoto/index.html").read_text(), "html.parser")
    assert page.h1.text == "Kyoto by bike" and "Japan" in page.text
    assert page.find("link", rel="stylesheet")  # the theme's base.html wraps it
    listing = (out / "trips/index.html").read_text()
    assert listing.index("Kyoto") < listing.index("Lofoten")  # its own `finish` ordered them
    # The sitemap lists its pages with their dates.
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        u.find("s:loc", ns).text: u.find("s:lastmod", ns)
        for u in ElementTree.parse(out / "sitemap.xml").getroot()
    }
    assert urls["https://travel.example/trips/kyoto/"].text == "2024-05-01"
    assert "https://travel.example/trips/" in urls
    # Home: its section comes first by weight; its link leads the default navigation.
    home = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    section = home.find("section", class_="trips")
    assert [a.text for a in section.find_all("a")] == ["Kyoto by bike", "Lofoten in winter"]
    nav = [a.text for a in home.find("nav", class_="site-nav").find_all("a")]
    assert nav == ["Trips", "Blog", "Contact"]  # kinds with items, by weight
    # Search: its item pages are indexed as "trip", its listing is not.
    entry = (out / "pagefind" / "pagefind-entry.json").read_text()
    assert '"page_count":3' in entry  # two trips and one post
    filters = b"".join(p.read_bytes() for p in (out / "pagefind" / "filter").iterdir())
    assert filters  # the kind filter was written (trip, post)


def test_a_kind_from_outside_reports_problems_like_any_other(write, tmp_path, trips_module):
    content = write(
        {
            "site.yml": site_yml(trips_module),
            "trips/atlantis.md": trip("Atlantis", "2024-01-01", "Atlantis"),
        }
    )
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache"})
    with pytest.raises(ContentError) as info:
        app.extensions["sitegen"].content()
    assert [str(p) for p in info.value.problems] == [
        "content/trips/atlantis.md:4: country: expected one of Norway, Japan, Chile, got 'Atlantis'"
    ]


def test_site_chooses_home_sections_and_their_order(write, tmp_path, trips_module):
    content = write(
        {
            "site.yml": site_yml(trips_module, "home: [posts, trips]\n"),
            "trips/lofoten.md": trip("Lofoten in winter", "2024-02-01", "Norway"),
            "posts/hello.md": post("Hello"),
            "projects/p.md": "---\ntitle: Unseen project\nfeatured: true\n---\nx\n",
        }
    )
    out = tmp_path / "build"
    build_site(content, out, cache_dir=tmp_path / "cache", jobs=1, post_build=False)
    html = (out / "index.html").read_text()
    assert html.index("Latest writing") < html.index("On the road")
    assert "Unseen project" not in html  # not listed under home: not on the home page


def test_unknown_home_section_and_kind_module_are_named(write, tmp_path):
    content = write({"site.yml": "title: T\nhome: [posts, trps]\n"})
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache"})
    with pytest.raises(ContentError) as info:
        app.extensions["sitegen"].content()
    (problem,) = info.value.problems
    assert str(problem).startswith("content/site.yml:2: home: no section 'trps'; choose from ")
    (content / "site.yml").write_text("title: T\nkinds: [no_such_kinds]\n")
    with pytest.raises(ContentError) as info:
        create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache"})
    assert [str(p) for p in info.value.problems] == [
        "content/site.yml:2: kinds: no module named 'no_such_kinds'"
    ]


def _engine_modules() -> list[Path]:
    # The importers map Hugo and Jekyll content onto the built-in kinds by name, and the
    # cost model prices the API's traffic (RSVPs…): tools beside the engine, not part of it.
    outside = (SITEGEN / "kinds", SITEGEN / "importers", SITEGEN / "publish" / "cost")
    return [p for p in sorted(SITEGEN.rglob("*.py")) if not set(outside) & set(p.parents)]


def _names_of_kinds() -> set[str]:
    registry = load_registry()
    return {word for kind in registry.kinds.values() for word in (kind.name, kind.singular)}


def test_no_engine_module_names_a_kind():
    # Strings that name a kind ("posts", "recipes.search", "/blog/"), imports of a
    # kind's package, and attribute access like items.posts are all forbidden.
    kinds = _names_of_kinds()
    sections = {"blog", "tags"} | kinds  # first URL segments the built-in kinds publish
    found = []
    for path in _engine_modules():
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            where = f"{path.relative_to(SITEGEN)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docstrings:
                    continue
                text = node.value
                if path.name == "shortcodes.py" and text.startswith("page."):
                    continue  # Jekyll's Liquid variable for the current page, not a kind
                words = set(re.findall(r"[a-z]+", text))
                if (
                    text in kinds
                    or text.split(".")[0] in kinds & words
                    and "." in text
                    or any(f"/{s}/" in text for s in sections)
                ):
                    found.append(f"{where}: {text!r}")
            elif isinstance(node, ast.ImportFrom | ast.Import):
                names = [getattr(node, "module", None) or ""] + [a.name for a in node.names]
                if any(re.search(r"kinds\.(" + "|".join(kinds) + r")\b", n) for n in names):
                    found.append(f"{where}: imports {names}")
            elif isinstance(node, ast.Attribute) and node.attr in kinds:
                found.append(f"{where}: .{node.attr}")
    assert not found, "\n".join(found)


def test_no_engine_template_names_a_kind():
    kinds = _names_of_kinds() | {"blog", "tags"}
    pattern = re.compile(
        r"url_for\(\s*['\"](" + "|".join(kinds) + r")[.'\"]|items\.(" + "|".join(kinds) + r")\b"
    )
    found = [
        f"{path.name}: {match.group(0)}"
        for path in sorted((SITEGEN / "templates").rglob("*.html"))
        for match in pattern.finditer(path.read_text("utf-8"))
    ]
    assert not found, "\n".join(found)


def test_a_kind_with_no_items_publishes_nothing_and_is_not_linked(write, build, tmp_path):
    content = write({"site.yml": "title: Notes\n", "posts/hello.md": post("Hello")})
    build(content, template_dir=None)
    out = tmp_path / "build"
    assert (out / "blog/hello/index.html").is_file()
    for absent in ("projects", "recipes", "recipes/index.json"):
        assert not (out / absent).exists()
    home = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    assert [a.text for a in home.find("nav", class_="site-nav").find_all("a")] == [
        "Blog",
        "Contact",
    ]
    missing = BeautifulSoup((out / "404.html").read_text(), "html.parser")
    assert [a.text for a in missing.select(".actions a")] == ["Home page", "Blog"]
    assert home.find("link", rel="alternate")["href"] == "/feed.xml"
