"""Build the example site once and hand tests what a visitor would receive."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"


def build(content: Path, out: Path, cache: Path, **options: object) -> Path:
    """Freeze `content` into `out` with the project's own build."""
    from sitegen.commands.build import build_site

    build_site(content, out, progress=False, cache_dir=cache, **options)
    return out


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content, built as `make build` would build it."""
    return build(CONTENT, tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("site-cache"))


@pytest.fixture(scope="session")
def preview_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content in preview, with an API URL set so the contact form appears."""
    content = tmp_path_factory.mktemp("content-with-api") / "content"
    # Recipes are another kind's business; leaving them out keeps this build quick.
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("recipes"))
    settings = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    settings["api_url"] = "https://api.ada-lindqvist.dev"
    (content / "site.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        # That API is the example owner's, not one to reach from a test: ratings and
        # comments come from the (empty) saved copies instead.
        env.setenv("SITEGEN_OFFLINE", "1")
        return build(
            content,
            tmp_path_factory.mktemp("preview"),
            tmp_path_factory.mktemp("preview-cache"),
            preview=True,
        )


@pytest.fixture(scope="session")
def subpath_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built to be served from https://example.org/ada/."""
    return build(
        CONTENT,
        tmp_path_factory.mktemp("subpath"),
        tmp_path_factory.mktemp("subpath-cache"),
        base_url="https://example.org/ada/",
    )


def file_for(root: Path, url_path: str) -> Path:
    """Map a URL path such as /blog/ or /404.html to the file a static host serves."""
    rel = url_path.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    target = root / rel
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


@pytest.fixture(scope="session")
def built_file(site_dir: Path) -> Callable[[str], Path]:
    """The file in the build that a URL path is served from."""
    return lambda url_path: file_for(site_dir, url_path)


@pytest.fixture(scope="session")
def content_dir() -> Path:
    """The example content folder."""
    return CONTENT


@pytest.fixture(scope="session")
def page(site_dir: Path) -> Callable[[str], BeautifulSoup]:
    """Parse the built page at a URL path; fail with the path when it is missing."""
    cache: dict[str, BeautifulSoup] = {}

    def load(url_path: str) -> BeautifulSoup:
        if url_path not in cache:
            path = file_for(site_dir, url_path)
            assert path.is_file(), f"{url_path} was not built (expected {path})"
            cache[url_path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return cache[url_path]

    return load


@pytest.fixture(scope="session")
def html_pages(site_dir: Path) -> list[Path]:
    """Every public HTML page in the build: the site's documents.

    The owner's dashboard (/owner/) is an app shell with no share card, footer
    or site search, kept out of search engines; tests/site/test_owner_files.py
    and tests/browser/test_dashboard.py check it, and it is validated as HTML5
    with the rest.
    """
    pages = sorted(p for p in site_dir.rglob("*.html") if p.parts[len(site_dir.parts)] != "owner")
    assert pages, "the build produced no HTML"
    return pages
