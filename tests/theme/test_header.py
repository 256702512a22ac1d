"""The header every page shares: home link, main navigation and, when built, site search."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def test_header_links_home_from_every_page(page) -> None:
    for url in ("/", "/blog/", "/projects/tidewatch/", "/404.html"):
        brand = page(url).find("header").find("a", rel="home")
        assert brand["href"] == "/" and brand.get_text(strip=True).endswith("Ada Lindqvist")


def test_search_form_appears_exactly_when_the_site_has_search(
    site_dir: Path, html_pages: list[Path]
) -> None:
    has_search = (site_dir / "search" / "index.html").is_file()
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        form = soup.find("header").find("form", role="search")
        if not has_search:
            assert form is None, path
            continue
        assert form is not None, path
        assert form["method"] == "get"
        assert form["action"] == "/search/"
        query = form.find("input", attrs={"name": "q"})
        label = form.find("label", attrs={"for": query["id"]})
        assert label is not None and label.get_text(strip=True), path
