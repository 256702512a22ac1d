"""What the comments block costs an article: a few kilobytes of HTML and CSS and a small
loader; the comments script (and DOMPurify, only for threads with comments) come when
the reader reaches the comments."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sitegen.commands.build import build_site

from .conftest import comment

BLOCK_BUDGET = 6 * 1024  # bytes the block adds to a post: its HTML, stylesheet and loader


def test_the_comments_block_adds_under_6_kb_to_a_post(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build_site(content, out, cache_dir=snapshot({}), progress=False)
    page = out / "blog" / "hello" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert [s.split("/")[-1].split(".")[0] for s in scripts] == ["comments-loader"]
    assert all(s.has_attr("defer") for s in soup.find_all("script", src=True))
    styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    extra = [out / p.lstrip("/") for p in scripts + styles if "comments" in p]
    block = len(str(soup.find("section", id="comments")).encode())
    weight = block + sum(f.stat().st_size for f in extra)
    assert weight < BLOCK_BUDGET, f"{block} bytes of HTML + {[f.stat().st_size for f in extra]}"
    # DOMPurify and the comments script are named for the loader, not linked.
    section = soup.find("section", id="comments")
    assert section["data-purify"].startswith("/static/vendor/purify.")
    assert section["data-script"].startswith("/static/js/comments.")


def test_dompurify_keeps_its_licence_header(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build_site(
        content, out, cache_dir=snapshot({"posts/hello": [comment(1, "Hi.")]}), progress=False
    )
    [purify] = (out / "static" / "vendor").glob("purify.min.*.js")
    assert purify.read_text("utf-8").startswith("/*! @license DOMPurify 3.5.0")
