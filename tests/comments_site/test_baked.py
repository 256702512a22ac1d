"""Approved comments baked into the built pages: threaded three deep, the owner's replies
marked, names shown and emails never, every hostile text inert, valid HTML5, and a page
rendered again by an incremental build when its comments change."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitegen.commands.build import build_site

from ..nu import assert_valid_html
from .conftest import SITE, cid, comment, write

HOSTILE = [
    "<script>document.body.dataset.owned = 1</script>",
    '<img src=x onerror="document.body.dataset.owned = 1">',
    "[click me](javascript:document.body.dataset.owned=1)",
    "[mixed case](JaVaScRiPt:alert(1)) and [entity](&#106;avascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">raw link</a> <svg onload=alert(1)>',
    '![pic](x" onerror="alert(1))',
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)> and <iframe src=//evil.example>",
    "`<b>code</b>` and a [fine link](https://example.org/a?b=1)",
]


def build(content: Path, cache: Path, out: Path):
    return build_site(content, out, cache_dir=cache, progress=False)


def section(out: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((out / page / "index.html").read_text("utf-8"), "html.parser")
    found = soup.find("section", id="comments")
    assert found is not None, f"{page}: no comments section"
    return found


def assert_inert(part: BeautifulSoup) -> None:
    """Nothing a visitor wrote can run: no scripts, handlers, frames or foreign URLs."""
    scripts = part.find_all("script")
    assert all(
        s.get("src", "").startswith("/static/js/comments-loader.") and not s.string for s in scripts
    )
    for tag in part.find_all(True):
        assert tag.name not in ("img", "svg", "iframe", "object", "embed", "style")
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
    for body in part.select(".comment-body"):
        for link in body.find_all("a"):
            href = link.get("href")
            assert href is None or href.startswith(("https://", "http://", "mailto:")), link
            assert link.get("rel") == ["nofollow", "ugc", "noopener"]


def test_a_post_shows_its_thread_three_deep_with_the_authors_reply_marked(
    content, snapshot, tmp_path
):
    thread = [
        comment(1, "First! *Lovely* post.", name="Grace", email="grace@example.org"),
        comment(2, "Agreed.", parent=1, name="Alan"),
        comment(3, "Thank you both.", parent=2, name="Ada", author=True, votes=3),
        comment(4, "A fourth level.", parent=3, name="Edsger"),
        comment(5, "Another thought.", name="Barbara", votes=1),
    ]
    out = tmp_path / "out"
    build(content, snapshot({"posts/hello": thread}), out)
    part = section(out, "blog/hello")
    assert part.h2.get_text(" ", strip=True) == "Comments (5)"
    top = part.select(".comment-list[data-comments-list] > li")
    assert [li["id"] for li in top] == [f"comment-{cid(1)}", f"comment-{cid(5)}"]
    first = part.find(id=f"comment-{cid(1)}")
    assert (
        first.select_one(".comment-body").decode_contents() == "<p>First! <em>Lovely</em> post.</p>"
    )
    # Alan answers Grace, Ada answers Alan; Edsger's answer to Ada is shown beside hers.
    depth3 = first.select("li li li")
    assert [li["id"] for li in depth3] == [f"comment-{cid(3)}", f"comment-{cid(4)}"]
    assert not first.select("li li li li")
    assert "in reply to Ada" in depth3[1].select_one(".comment-head").get_text(" ", strip=True)
    ada = part.find(id=f"comment-{cid(3)}")
    assert ada.select_one(".comment-author").get_text() == "Author"
    assert "3 upvotes" in ada.select_one("[data-votes]").get_text()
    assert part.find(id=f"comment-{cid(5)}").select_one("[data-votes]").get_text() == "1 upvote"
    assert len(part.select(".comment-author")) == 1
    assert "grace@example.org" not in (out / "blog" / "hello" / "index.html").read_text("utf-8")
    # The post that said `comments: false` has no block; other kinds' lists none either.
    assert (
        BeautifulSoup(
            (out / "blog" / "quiet" / "index.html").read_text("utf-8"), "html.parser"
        ).find(id="comments")
        is None
    )
    assert_valid_html(out / "blog" / "hello" / "index.html")


def test_hostile_comments_and_reviews_are_inert_in_the_built_page(content, snapshot, tmp_path):
    write(content / "site.yml", SITE + "comments:\n  enabled_for: [posts, recipes]\n")
    names = ['<b onmouseover="alert(1)">Mallory</b>', "Eve"]
    post = [comment(n + 1, text, name=names[n % 2]) for n, text in enumerate(HOSTILE)]
    review = [
        comment(n + 1, text, name="Mallory", rating=n % 5 + 1) for n, text in enumerate(HOSTILE)
    ]
    out = tmp_path / "out"
    build(content, snapshot({"posts/hello": post, "recipes/pancakes": review}), out)
    hello = section(out, "blog/hello")
    assert_inert(hello)
    text = hello.get_text(" ")
    assert "<script>document.body.dataset.owned = 1</script>" in text  # shown as typed
    assert '<b onmouseover="alert(1)">Mallory</b>' in text
    fine = hello.find("a", string="fine link")
    assert fine["href"] == "https://example.org/a?b=1"
    reviews = section(out, "recipes/pancakes")
    assert reviews.h2.get_text(" ", strip=True) == f"Reviews ({len(HOSTILE)})"
    assert_inert(reviews)
    stars = reviews.select_one(".comment-rating .visually-hidden").get_text()
    assert stars == "Rated 1 out of 5"
    assert reviews.select("input[name=rating]")  # the review form has the rating radio group
    assert_valid_html(
        out / "blog" / "hello" / "index.html", out / "recipes" / "pancakes" / "index.html"
    )


def test_the_form_posts_without_javascript_and_labels_every_field(content, snapshot, tmp_path):
    out = tmp_path / "out"
    build(content, snapshot({}), out)
    part = section(out, "blog/hello")
    form = part.find("form", id="comment-form")
    assert form["method"] == "post"
    assert form["action"] == "https://api.example.test/threads/posts/hello/comments"
    for field in form.find_all(["input", "textarea"]):
        if field.get("type") != "hidden":
            assert form.find("label", attrs={"for": field["id"]}), field
    assert {i["name"] for i in form.find_all("input", type="hidden")} == {"parent", "token"}
    trap = form.find("input", attrs={"name": "website"})
    assert trap["tabindex"] == "-1" and trap.find_parent(attrs={"aria-hidden": "true"})
    notify = form.find("label", attrs={"for": "comment-notify"}).get_text()
    assert notify == "Email me replies — we'll ask you to confirm"
    assert part.find(id="comment-pending")  # the note a post waiting for approval lands on
    assert part.find(attrs={"data-comments-empty": True}).get_text() == "No comments yet."
    assert_valid_html(out / "blog" / "hello" / "index.html")


def test_without_an_api_and_comments_a_page_has_no_block(content, snapshot, tmp_path):
    write(content / "site.yml", SITE.replace("api_url: https://api.example.test\n", ""))
    out = tmp_path / "out"
    build(content, snapshot({}), out)
    page = (out / "blog" / "hello" / "index.html").read_text("utf-8")
    assert 'id="comments"' not in page and "comments.css" not in page


def test_an_incremental_build_renders_again_the_pages_whose_comments_changed(
    content, snapshot, tmp_path
):
    out = tmp_path / "out"
    cache = snapshot({"posts/hello": [comment(1, "One.")]})
    build(content, cache, out)
    assert build(content, cache, out).rendered == 0
    snapshot({"posts/hello": [comment(1, "One."), comment(2, "Two.", parent=1)]})
    report = build(content, cache, out)
    assert report.rendered == 1  # only /blog/hello/
    assert "Two." in section(out, "blog/hello").get_text()
    snapshot({"posts/hello": [comment(1, "One, edited.")]})
    assert build(content, cache, out).rendered == 1
    assert "One, edited." in section(out, "blog/hello").get_text()


@pytest.mark.parametrize("page", ["blog/hello", "recipes/pancakes"])
def test_pages_link_the_comments_styles_only_where_the_block_is(content, snapshot, tmp_path, page):
    out = tmp_path / "out"
    build(content, snapshot({}), out)
    html = (out / page / "index.html").read_text("utf-8")
    assert ("css/comments." in html) == (page == "blog/hello")
    assert "purify" not in BeautifulSoup(html, "html.parser").find_all("script").__repr__()
