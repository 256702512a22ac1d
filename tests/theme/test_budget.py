"""Weight and validity budgets: small article pages, nothing blocking, valid HTML5."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ..nu import assert_valid_html

ARTICLE_BUDGET = 30 * 1024  # bytes of HTML, CSS and JS, uncompressed, before images


def _article_files(site_dir: Path, html_path: Path) -> list[Path]:
    """An article page plus every stylesheet and script it links."""
    files = [html_path]
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    for link in soup.find_all("link", rel="stylesheet"):
        files.append(site_dir / link["href"].lstrip("/"))
    for script in soup.find_all("script", src=True):
        files.append(site_dir / script["src"].lstrip("/"))
    return files


def test_every_post_is_under_30_kb_uncompressed_before_images(site_dir: Path) -> None:
    posts = sorted(p for p in (site_dir / "blog").glob("*/index.html") if p.parent.name != "page")
    assert len(posts) >= 3, "the example site should have posts to weigh"
    over = []
    for post in posts:
        files = _article_files(site_dir, post)
        raw = sum(f.stat().st_size for f in files)
        if raw >= ARTICLE_BUDGET:
            parts = ", ".join(f"{f.name} {f.stat().st_size}" for f in files)
            over.append(f"{post.parent.name}: {raw} bytes ({parts})")
    assert not over, "over the 30 KB article budget:\n" + "\n".join(over)


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
