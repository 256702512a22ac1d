"""Which posts visitors can find: drafts and scheduled posts stay out; pages paginate."""

from __future__ import annotations

from pathlib import Path

import frontmatter

CONTENT = Path(__file__).resolve().parents[2] / "content"
DRAFT = "/blog/variable-fonts-notes/"
SCHEDULED = "/blog/year-two-freelancing/"


def _published_newest_first() -> list[str]:
    posts = []
    for path in CONTENT.joinpath("posts").glob("*.md"):
        post = frontmatter.load(path)
        if path.stem not in ("variable-fonts-notes", "year-two-freelancing"):
            posts.append((str(post["date"]), f"/blog/{path.stem}/"))
    return [url for _, url in sorted(posts, reverse=True)]


def test_example_site_has_a_draft_and_a_scheduled_post_to_hide() -> None:
    draft = frontmatter.load(CONTENT / "posts/variable-fonts-notes.md")
    scheduled = frontmatter.load(CONTENT / "posts/year-two-freelancing.md")
    assert draft["draft"] is True
    assert str(scheduled["date"]) > "2027"
    assert len(_published_newest_first()) == 10


def test_drafts_and_future_posts_are_not_built_or_linked(
    site_dir: Path, html_pages: list[Path]
) -> None:
    assert not (site_dir / DRAFT.strip("/")).exists()
    assert not (site_dir / SCHEDULED.strip("/")).exists()
    for path in html_pages:
        html = path.read_text(encoding="utf-8")
        assert DRAFT not in html and SCHEDULED not in html, path
        assert "Notes on variable fonts" not in html, path
    feed = (site_dir / "feed.xml").read_text(encoding="utf-8")
    assert "variable-fonts-notes" not in feed and "year-two-freelancing" not in feed


def test_blog_pages_list_every_published_post_once_newest_first(page) -> None:
    seen, url = [], "/blog/"
    pages = 0
    while url:
        soup = page(url)
        pages += 1
        seen += [a["href"] for a in soup.select(".post-card-title a")]
        nxt = soup.find("link", rel="next")
        url = nxt["href"] if nxt else None
    assert seen == _published_newest_first()
    assert pages == 3  # 10 posts, 4 per page


def test_pagination_links_point_both_ways(page) -> None:
    first, middle, last = page("/blog/"), page("/blog/page/2/"), page("/blog/page/3/")
    assert first.find("link", rel="prev") is None
    assert first.find("link", rel="next")["href"] == "/blog/page/2/"
    assert middle.find("link", rel="prev")["href"] == "/blog/"
    assert middle.find("link", rel="next")["href"] == "/blog/page/3/"
    assert last.find("link", rel="prev")["href"] == "/blog/page/2/"
    assert last.find("link", rel="next") is None
    nav = middle.find("nav", attrs={"aria-label": "Blog pages"})
    assert nav.find("a", rel="prev").get_text(" ", strip=True) == "← Newer posts"
    assert nav.find("a", rel="next").get_text(" ", strip=True) == "Older posts →"
    assert "Page 2 of 3" in nav.get_text(" ", strip=True)


def test_tag_page_lists_exactly_the_posts_with_that_tag(page) -> None:
    expected = sorted(
        f"/blog/{p.stem}/"
        for p in CONTENT.joinpath("posts").glob("*.md")
        if "css" in frontmatter.load(p).get("tags", []) and p.stem != "variable-fonts-notes"
    )
    shown = sorted(a["href"] for a in page("/tags/css/").select(".post-card-title a"))
    assert shown == expected
    tags_index = page("/tags/")
    assert tags_index.find("a", href="/tags/css/") is not None


def test_preview_shows_drafts_and_scheduled_posts_marked(preview_dir: Path) -> None:
    draft = (preview_dir / DRAFT.strip("/") / "index.html").read_text(encoding="utf-8")
    scheduled = (preview_dir / SCHEDULED.strip("/") / "index.html").read_text(encoding="utf-8")
    assert 'class="badge badge-warn">Draft<' in draft
    assert 'class="badge badge-warn">Scheduled<' in scheduled
    assert "Preview: drafts and future posts are shown and marked." in draft
    assert '<meta name="robots" content="noindex">' in draft  # previews never get indexed
