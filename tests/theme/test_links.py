"""Every link, image and asset a visitor's browser asks for exists in the build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

BASE = "https://ada-lindqvist.dev"


def _urls(soup: BeautifulSoup) -> list[str]:
    urls = []
    for tag in soup.find_all(href=True):
        urls.append(tag["href"])
    for tag in soup.find_all(src=True):
        urls.append(tag["src"])
    for tag in soup.find_all(srcset=True):
        urls += [part.strip().split(" ")[0] for part in tag["srcset"].split(",") if part.strip()]
    for tag in soup.find_all("form", action=True):
        urls.append(tag["action"])
    return urls


def _internal_path(url: str, base: str = BASE, prefix: str = "") -> str | None:
    """The site path a URL points at, or None when it leaves the site."""
    if url.startswith(base + "/"):
        url = url[len(base) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if prefix:
        assert parts.path.startswith(prefix + "/"), f"{url} ignores the sub-path {prefix}"
        return unquote(parts.path[len(prefix) :])
    return unquote(parts.path)


def test_every_internal_link_image_and_asset_resolves(
    site_dir: Path, html_pages: list[Path], built_file
) -> None:
    broken = set()
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for url in _urls(soup):
            target = _internal_path(url)
            if target is not None and not built_file(target).is_file():
                broken.add(f"{path.relative_to(site_dir)} -> {url}")
    assert not broken, "broken links:\n" + "\n".join(sorted(broken))


def test_in_page_anchors_point_at_existing_ids(site_dir: Path, html_pages: list[Path]) -> None:
    broken = []
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select('a[href^="#"]'):
            fragment = unquote(a["href"][1:])
            if fragment and soup.find(id=fragment) is None:
                broken.append(f"{path.relative_to(site_dir)} -> #{fragment}")
    assert not broken, "anchors to nowhere:\n" + "\n".join(broken)


def test_every_nav_item_is_a_built_page(page, built_file, content_dir: Path) -> None:
    nav = page("/").find("nav", attrs={"aria-label": "Main"})
    items = [a["href"] for a in nav.find_all("a")]
    settings = yaml.safe_load((content_dir / "site.yml").read_text(encoding="utf-8"))
    assert items == [item["url"] for item in settings["nav"]]
    assert {"/projects/", "/blog/", "/about/", "/contact/"} <= set(items)
    for href in items:
        assert built_file(href).is_file(), href


def test_current_page_and_section_are_marked_in_the_nav(page) -> None:
    def marked(url: str) -> list[tuple[str, str]]:
        nav = page(url).find("nav", attrs={"aria-label": "Main"})
        return [(a["href"], a["aria-current"]) for a in nav.find_all(attrs={"aria-current": True})]

    assert marked("/uses/") == [("/uses/", "page")]
    assert marked("/blog/") == [("/blog/", "page")]
    assert marked("/blog/rust-budget-cli/") == [("/blog/", "true")]
    assert marked("/projects/tidewatch/") == [("/projects/", "true")]
    assert marked("/") == []


def test_a_site_served_from_a_sub_path_links_inside_it(subpath_dir: Path) -> None:
    broken = set()
    for path in sorted(subpath_dir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for url in _urls(soup):
            target = _internal_path(url, base="https://example.org", prefix="/ada")
            if target is None:
                continue
            rel = target.lstrip("/")
            file = subpath_dir / rel
            if target.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.add(f"{path.relative_to(subpath_dir)} -> {url}")
    assert not broken, "broken links under /ada/:\n" + "\n".join(sorted(broken))
