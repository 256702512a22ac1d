"""What a visitor gets on each page of the example site: titles, headings, metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BASE = "https://ada-lindqvist.dev"
SITE = "Ada Lindqvist"

# URL, <title>, <h1>: one row per kind of page in the theme.
PAGES = [
    ("/", SITE, "Ada Lindqvist"),
    ("/projects/", f"Projects · {SITE}", "Projects"),
    ("/projects/tags/web-app/", f"Projects tagged “web app” · {SITE}", "Projects: web app"),
    ("/projects/tidewatch/", f"Tidewatch · {SITE}", "Tidewatch"),
    ("/blog/", f"Blog · {SITE}", "Blog"),
    ("/blog/page/2/", f"Blog · page 2 of 3 · {SITE}", "Blog"),
    (
        "/blog/colour-system-dark-mode/",
        f"Designing a colour system that survives dark mode · {SITE}",
        "Designing a colour system that survives dark mode",
    ),
    ("/tags/", f"Tags · {SITE}", "Tags"),
    ("/tags/css/", f"Posts tagged “css” · {SITE}", "#css"),
    ("/about/", f"About · {SITE}", "About"),
    ("/uses/", f"Uses · {SITE}", "Uses"),
    ("/now/", f"Now · {SITE}", "Now"),
    ("/contact/", f"Contact · {SITE}", "Contact"),
    ("/contact/thanks/", f"Message sent · {SITE}", "Thank you"),
    ("/404.html", f"Page not found · {SITE}", "Page not found"),
]


@pytest.mark.parametrize(("url", "title", "h1"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_its_title_and_one_heading(page, url: str, title: str, h1: str) -> None:
    soup = page(url)
    assert soup.title.get_text(strip=True) == title
    headings = soup.find_all("h1")
    assert [h.get_text(" ", strip=True) for h in headings] == [h1]


def _meta(soup: BeautifulSoup, **attrs: str) -> str:
    tag = soup.find("meta", attrs=attrs)
    return (tag.get("content") or "").strip() if tag else ""


def test_every_page_has_the_head_a_browser_and_a_share_card_need(
    site_dir: Path, html_pages: list[Path]
) -> None:
    problems = []
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rel = path.relative_to(site_dir).as_posix()
        html = soup.find("html")
        canonical = soup.find("link", rel="canonical")
        checks = {
            "lang": bool(html and html.get("lang")),
            "viewport": "width=device-width" in _meta(soup, name="viewport"),
            "title": bool(soup.title and soup.title.get_text(strip=True)),
            "description": len(_meta(soup, name="description")) >= 20,
            "canonical": bool(canonical and canonical["href"].startswith(BASE + "/")),
            "og:title": bool(_meta(soup, property="og:title")),
            "og:url": _meta(soup, property="og:url").startswith(BASE + "/"),
            "twitter:card": bool(_meta(soup, name="twitter:card")),
        }
        problems += [f"{rel}: missing or empty {name}" for name, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems)


def test_canonical_url_names_the_page_itself(page) -> None:
    for url, _, _ in PAGES:
        if url == "/404.html":
            continue  # served for every unknown URL; its canonical is its own file
        assert page(url).find("link", rel="canonical")["href"] == BASE + url


def test_every_page_has_landmarks_and_a_working_skip_link(
    site_dir: Path, html_pages: list[Path]
) -> None:
    problems = []
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rel = path.relative_to(site_dir).as_posix()
        for landmark in ("header", "nav", "main", "footer"):
            if soup.find(landmark) is None:
                problems.append(f"{rel}: no <{landmark}>")
        skip = soup.find("a", class_="skip-link")
        if skip is None or soup.find(id=skip["href"].lstrip("#")) is None:
            problems.append(f"{rel}: skip link missing or pointing nowhere")
    assert not problems, "\n".join(problems)


def test_every_image_has_alt_text(site_dir: Path, html_pages: list[Path]) -> None:
    missing = []
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for img in soup.find_all("img"):
            if not (img.get("alt") or "").strip():
                missing.append(f"{path.relative_to(site_dir)}: {img.get('src')}")
    assert not missing, "images without alt text:\n" + "\n".join(missing)


def _jsonld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_structured_data_parses_on_every_page(site_dir: Path, html_pages: list[Path]) -> None:
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for data in _jsonld(soup):  # json.loads raises on anything broken
            assert data.get("@context") == "https://schema.org", path
            assert data.get("@type"), path


def test_home_describes_the_author_as_a_person(page) -> None:
    (person,) = [d for d in _jsonld(page("/")) if d["@type"] == "Person"]
    assert person["name"] == "Ada Lindqvist"
    assert person["url"] == BASE + "/"
    assert "https://github.com/adalindqvist" in person["sameAs"]
    assert person["image"].startswith(BASE + "/")


def test_post_describes_itself_as_a_blog_posting(page) -> None:
    soup = page("/blog/flask-static-sites/")
    (article,) = [d for d in _jsonld(soup) if d["@type"] == "BlogPosting"]
    assert article["headline"] == soup.h1.get_text(strip=True)
    assert article["datePublished"] == "2026-09-12"
    assert article["dateModified"] == "2026-10-02"
    assert article["author"]["name"] == "Ada Lindqvist"
    assert article["url"] == BASE + "/blog/flask-static-sites/"
    assert _meta(soup, property="og:type") == "article"
    assert _meta(soup, property="og:image").startswith(BASE + "/")


def test_home_shows_hero_work_skills_testimonials_and_writing(page) -> None:
    soup = page("/")
    main = soup.find("main")
    sections = [h.get_text(strip=True) for h in main.find_all("h2")]
    assert sections == ["Selected work", "Skills", "Kind words", "Latest writing"]
    featured = [a.get_text(strip=True) for a in main.select(".project-card-title a")]
    assert featured == ["Tidewatch", "Nordlys design system", "Pocket Herbarium"]
    assert main.find(string="10 years") is not None  # years of interaction design
    bars = main.select(".skill-bar")
    assert bars and all(b.get("aria-label", "").startswith("Level ") for b in bars)
    quotes = main.select(".testimonial blockquote")
    assert len(quotes) == 3 and all(q.get_text(strip=True) for q in quotes)
    assert len(main.select(".post-card")) == 5


def test_post_page_shows_dates_reading_time_toc_tags_and_neighbours(page) -> None:
    soup = page("/blog/flask-static-sites/")
    meta = soup.find("article").find(class_="meta").get_text(" ", strip=True)
    assert "12 September 2026" in meta and "Updated 2 October 2026" in meta
    assert "min read" in meta
    toc = soup.find("nav", attrs={"aria-label": "Table of contents"})
    assert toc is not None
    for link in toc.find_all("a"):
        assert soup.find(id=link["href"].lstrip("#")) is not None, link["href"]
    tags = [a.get_text(strip=True) for a in soup.select(".tag-list a")]
    assert tags == ["#python", "#web", "#static sites"]
    older = soup.find("a", rel="prev")
    newer = soup.find("a", rel="next")
    assert older["href"] == "/blog/rust-budget-cli/"
    assert newer["href"] == "/blog/design-system-forty-teams/"


def test_project_page_shows_cover_gallery_and_links(page) -> None:
    soup = page("/projects/tidewatch/")
    main = soup.find("main")
    assert main.select_one(".cover img")["alt"].startswith("Tidewatch dashboard")
    captions = [c.get_text(strip=True) for c in main.select(".gallery figcaption")]
    assert len(captions) == 2 and captions[0].startswith("Wind and gusts")
    hrefs = {a["href"] for a in main.select(".actions a")}
    assert {"https://tidewatch.app", "https://github.com/adalindqvist/tidewatch"} <= hrefs


def test_projects_page_filters_by_tag_without_javascript(page) -> None:
    soup = page("/projects/")
    filters = soup.find("nav", attrs={"aria-label": "Filter projects by tag"})
    links = {a.find(string=True).strip(): a["href"] for a in filters.find_all("a")}
    assert links["web app"] == "/projects/tags/web-app/"
    tagged = page("/projects/tags/web-app/")
    titles = {a.get_text(strip=True) for a in tagged.select(".project-card-title a")}
    assert titles == {"Tidewatch", "Västra bike map", "Pairing", "Harbour café kiosk"}
    current = tagged.find("nav", attrs={"aria-label": "Filter projects by tag"}).find(
        attrs={"aria-current": "page"}
    )
    assert current["href"] == "/projects/tags/web-app/"


def test_print_and_dark_styles_ship_in_the_one_stylesheet(page, site_dir: Path) -> None:
    # A post links the site's stylesheet alone; the home page adds the lists' bundle.
    post = page("/blog/accessible-forms/").find_all("link", rel="stylesheet")
    home = page("/").find_all("link", rel="stylesheet")
    assert len(post) == 1 and home[0]["href"] == post[0]["href"]
    assert [s["href"].split("/")[-1].split(".")[0] for s in home] == ["site", "lists"]
    css = (site_dir / post[0]["href"].lstrip("/")).read_text(encoding="utf-8")
    assert "@media print" in css
    assert "prefers-color-scheme:dark" in css.replace(" ", "")  # minified or not


def test_heading_levels_never_skip(site_dir: Path, html_pages: list[Path]) -> None:
    skips = []
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                skips.append(f"{path.relative_to(site_dir)}: h{before} then h{after}")
                break
    assert not skips, "screen-reader outlines jump a level:\n" + "\n".join(skips)
