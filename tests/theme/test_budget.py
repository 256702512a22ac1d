"""Weight and validity budgets: small article pages, nothing blocking, valid HTML5."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from ..nu import assert_valid_html
from .conftest import CONTENT, build

ARTICLE_BUDGET = 30 * 1024  # bytes of HTML, CSS and JS, uncompressed, before images


@pytest.fixture(scope="session")
def comments_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site as deployed with its API (`api_url: /api`): every post takes comments.

    A real site sets `api_url`, and then each post carries the comments block (a form
    that posts without JavaScript), `css/comments.css` and the comments loader.
    """
    content = tmp_path_factory.mktemp("content-with-comments") / "content"
    # Recipes are weighed nowhere here; leaving them out keeps this build quick.
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("recipes"))
    settings = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    settings["api_url"] = "/api"
    (content / "site.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        # The build would fetch the approved comments from that API: use the (empty) saved copy.
        env.setenv("SITEGEN_OFFLINE", "1")
        return build(
            content,
            tmp_path_factory.mktemp("site-with-comments"),
            tmp_path_factory.mktemp("site-with-comments-cache"),
        )


def _posts(site_dir: Path) -> list[Path]:
    posts = sorted(p for p in (site_dir / "blog").glob("*/index.html") if p.parent.name != "page")
    assert len(posts) >= 3, "the example site should have posts to weigh"
    return posts


def _article_files(site_dir: Path, html_path: Path) -> list[Path]:
    """An article page plus every stylesheet and script it links."""
    files = [html_path]
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    for link in soup.find_all("link", rel="stylesheet"):
        files.append(site_dir / link["href"].lstrip("/"))
    for script in soup.find_all("script", src=True):
        files.append(site_dir / script["src"].lstrip("/"))
    return files


def _over_budget(site_dir: Path) -> str:
    """The posts at or over the article budget, each with its parts' sizes."""
    over = []
    for post in _posts(site_dir):
        files = _article_files(site_dir, post)
        raw = sum(f.stat().st_size for f in files)
        if raw >= ARTICLE_BUDGET:
            parts = ", ".join(f"{f.name} {f.stat().st_size}" for f in files)
            over.append(f"{post.parent.name}: {raw} bytes ({parts})")
    return "\n".join(over)


def test_every_post_is_under_30_kb_uncompressed_before_images(site_dir: Path) -> None:
    over = _over_budget(site_dir)
    assert not over, "over the 30 KB article budget:\n" + over


def test_with_an_api_every_post_carries_the_comments_block(comments_site_dir: Path) -> None:
    """What the budget below weighs: the form, its styles and the deferred loader."""
    for post in _posts(comments_site_dir):
        soup = BeautifulSoup(post.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one("section#comments form#comment-form[method=post]"), post
        styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assert any("/css/comments." in href for href in styles), post
        [loader] = soup.find_all("script", src=True)
        assert "/js/comments-loader." in loader["src"] and loader.has_attr("defer"), post


@pytest.mark.xfail(
    strict=True,
    reason="2 of 10 posts are 0.5-0.7 KB over (31.2 and 31.4 KB) with the comments block "
    "on; the rest needs a leaner head or code styles only where there is code "
    "(docs/benchmarks.md, Page weight)",
)
def test_with_comments_every_post_is_under_30_kb(comments_site_dir: Path) -> None:
    over = _over_budget(comments_site_dir)
    assert not over, "over the 30 KB article budget with comments on:\n" + over


def test_posts_do_not_download_recipe_styles(site_dir: Path) -> None:
    post = site_dir / "blog" / "flask-static-sites" / "index.html"
    recipe = site_dir / "recipes" / "shakshuka" / "index.html"
    post_css = [f.name for f in _article_files(site_dir, post) if f.suffix == ".css"]
    recipe_css = [f.name for f in _article_files(site_dir, recipe) if f.suffix == ".css"]
    assert [n.split(".")[0] for n in post_css] == ["site"]
    assert [n.split(".")[0] for n in recipe_css] == ["site", "recipes"]


def test_no_render_blocking_scripts(site_dir: Path, html_pages: list[Path]) -> None:
    blocking = []
    for path in html_pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script", src=True):
            if not (script.has_attr("defer") or script.has_attr("async")):
                blocking.append(f"{path.relative_to(site_dir)}: {script['src']}")
    assert not blocking, "\n".join(blocking)


def test_every_page_is_valid_html5(site_dir: Path) -> None:
    assert_valid_html(site_dir)
