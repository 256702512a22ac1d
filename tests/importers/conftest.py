"""Import the fixture sites (small copies of real Hugo and Jekyll sites) and build them.

Each import and build runs once per session: the tests read what a visitor would
get from the built folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitegen.commands.build import build_site
from sitegen.importers import import_site
from sitegen.importers.model import Report

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Imported:
    """One fixture site imported and built."""

    report: Report
    content: Path
    build: Path

    def page(self, path: str) -> BeautifulSoup:
        """The built page at a site path, parsed."""
        file = self.build / path.strip("/")
        file = file / "index.html" if path.endswith("/") else file
        return BeautifulSoup(file.read_text("utf-8"), "html.parser")

    def redirect(self, path: str) -> str:
        """Where the redirect page at an old address sends visitors (its refresh target)."""
        soup = self.page(path)
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh is not None, f"{path} is not a redirect page"
        canonical = soup.find("link", rel="canonical")["href"]
        target = refresh["content"].split("url=", 1)[1]
        assert canonical.endswith(target)
        return target

    def front_matter(self, rel: str) -> str:
        """The written file's front matter, as text."""
        return (self.content / rel).read_text("utf-8").split("\n---\n", 1)[0]


def _imported(factory: pytest.TempPathFactory, generator: str, fixture: str) -> Imported:
    root = factory.mktemp(fixture)
    report = import_site(generator, FIXTURES / fixture, root / "content")
    build_site(root / "content", root / "build", cache_dir=root / "cache", jobs=1, post_build=False)
    return Imported(report, root / "content", root / "build")


@pytest.fixture(scope="session")
def hugo_basic(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """gohugoio/hugoBasicExample, shortened, with a page bundle and a static folder."""
    return _imported(tmp_path_factory, "hugo", "hugo-basic")


@pytest.fixture(scope="session")
def hugo_recipes(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """A Hugo recipe collection: YAML config, permalinks, bundles in category folders."""
    return _imported(tmp_path_factory, "hugo", "hugo-recipes")


@pytest.fixture(scope="session")
def hugo_based_cooking(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """LukeSmithxyz/based.cooking, five of its 349 recipes: every recipe at the top level."""
    return _imported(tmp_path_factory, "hugo", "hugo-based-cooking")


@pytest.fixture(scope="session")
def jekyll_minima(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """jekyll/minima's example site, with drafts, a collection and redirect_from."""
    return _imported(tmp_path_factory, "jekyll", "jekyll-minima")
