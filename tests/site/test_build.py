"""What `make build` produces: pages, drafts left out, reproducible and incremental output."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from sitegen.content.problems import BuildError

from .conftest import TEMPLATES, post, tree

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "title: Test site\nbase_url: https://example.org/\n"


def blog(n: int) -> dict[str, str]:
    """`n` dated posts sharing a few tags, plus site settings."""
    files = {"site.yml": SITE}
    for i in range(n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        tags = ["alpha", "beta", "gamma"][: 1 + i % 3]
        body = f"Post number {i}.\n\n## Part\n\n```python\nprint({i})\n```\n"
        files[f"posts/post-{i:02d}.md"] = post(
            f"Post {i}", day.isoformat(), f"tags: {tags}\n", body
        )
    return files


def test_drafts_and_future_posts_are_left_out_of_the_build(write, build, tmp_path):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    content = write(
        {
            "site.yml": SITE,
            "posts/live.md": post("Live"),
            "posts/draft.md": post("Draft", extra="draft: true\n"),
            "posts/later.md": post("Later", future),
        }
    )
    build(content)
    out = tmp_path / "build"
    assert (out / "blog/live/index.html").is_file()
    assert not (out / "blog/draft").exists()
    assert not (out / "blog/later").exists()
    listing = (out / "blog/index.html").read_text()
    assert "Live" in listing and "Draft" not in listing and "Later" not in listing
    assert "Draft" not in (out / "feed.xml").read_text()


def test_preview_shows_drafts_and_future_posts_marked(write, build, tmp_path):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    content = write(
        {
            "posts/draft.md": post("Draft", extra="draft: true\n"),
            "posts/later.md": post("Later", future),
        }
    )
    build(content, "preview", preview=True)
    listing = (tmp_path / "preview/blog/index.html").read_text()
    assert 'class="draft"' in listing and 'class="future"' in listing
    assert (tmp_path / "preview/blog/draft/index.html").is_file()


def test_two_builds_are_byte_identical(write, build, tmp_path):
    content = write(blog(14))
    build(content, "one", cache_dir=tmp_path / "cache1")
    build(content, "two", cache_dir=tmp_path / "cache2", jobs=2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_incremental_build_matches_a_cold_build_and_rewrites_only_affected_pages(
    write, build, tmp_path
):
    content = write(blog(25))
    build(content, "inc")
    out = tmp_path / "inc"
    before = {p: os.stat(out / p).st_mtime_ns for p in tree(out)}
    edited = content / "posts/post-03.md"
    edited.write_text(edited.read_text() + "\nA new closing paragraph.\n")
    report = build(content, "inc")
    build(content, "cold", cache_dir=tmp_path / "fresh-cache", incremental=False)
    assert tree(out) == tree(tmp_path / "cold")
    rewritten = {p for p in tree(out) if os.stat(out / p).st_mtime_ns != before[p]}
    # Lists showing the post re-render but come out the same, so only its page is rewritten.
    assert rewritten == {"blog/post-03/index.html"}
    assert report.rendered < report.files / 2


def test_a_body_edit_renders_the_post_alone_and_a_new_title_every_list_showing_it(
    write, build, tmp_path
):
    content = write(blog(25))
    build(content, "inc")
    edited = content / "posts/post-03.md"
    edited.write_text(edited.read_text() + "\nA new closing paragraph.\n")
    body_only = build(content, "inc").rendered
    # The post's page, and what lists every post's digest (the sitemap, the comments' feed).
    assert body_only <= 3
    edited.write_text(edited.read_text().replace("title: Post 3\n", "title: Post three\n"))
    retitled = build(content, "inc").rendered
    build(content, "cold", cache_dir=tmp_path / "fresh-cache", incremental=False)
    assert tree(tmp_path / "inc") == tree(tmp_path / "cold")
    out = tmp_path / "inc"
    for page in ("tags/alpha", "blog/page/3", "blog/post-02", "blog/post-04"):
        assert "Post three" in (out / page / "index.html").read_text(), page
    assert retitled > body_only + 4


def test_no_change_rebuild_renders_nothing(write, build):
    content = write(blog(12))
    build(content)
    assert build(content).rendered == 0


def test_template_change_rebuilds_every_page(write, build, tmp_path):
    templates = tmp_path / "templates"
    for src in TEMPLATES.rglob("*.html"):
        dest = templates / src.relative_to(TEMPLATES)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(src.read_text())
    content = write(blog(5))
    build(content, template_dir=templates)
    base = templates / "base.html"
    base.write_text(base.read_text().replace("<main>", "<main class=changed>"))
    build(content, template_dir=templates)
    # Every page on base.html (the dashboard's shell has a layout of its own).
    pages = [p for p in tree(tmp_path / "build") if p.endswith(".html") and "owner/" not in p]
    assert pages
    assert all("<main class=changed>" in (tmp_path / "build" / p).read_text() for p in pages)


def test_removed_post_leaves_no_stale_files(write, build, tmp_path):
    content = write(blog(3))
    build(content)
    (content / "posts/post-01.md").unlink()
    (tmp_path / "build/stray.txt").write_text("left by hand")
    report = build(content)
    assert not (tmp_path / "build/blog/post-01").exists()
    assert not (tmp_path / "build/stray.txt").exists()
    assert report.removed == 2


def test_blog_pagination(write, build, tmp_path):
    content = write(blog(23))
    build(content)
    out = tmp_path / "build"
    assert "1/3 of 23" in (out / "blog/index.html").read_text()
    last = (out / "blog/page/3/index.html").read_text()
    assert "3/3 of 23" in last and 'rel="prev" href="/blog/page/2/"' in last
    assert not (out / "blog/page/4").exists() and not (out / "blog/page/1").exists()


def test_post_page_has_prev_next_related_toc_and_highlighting(write, build, tmp_path):
    content = write(blog(6))
    build(content)
    page = (tmp_path / "build/blog/post-03/index.html").read_text()
    assert 'rel="prev" href="/blog/post-02/"' in page
    assert 'rel="next" href="/blog/post-04/"' in page
    related = page.split('class="related"')[1]
    assert related.count("<li>") == 3 and "post-03" not in related
    assert '<span class="nb">print</span>' in page  # Pygments
    assert 'id="part"' in page and "headerlink" in page


def test_sub_path_base_url_prefixes_every_link_and_asset(write, build, tmp_path):
    body = "See [the first](/blog/post-00/).\n"
    files = blog(3) | {"posts/linker.md": post("Linker", "2024-02-01", "", body)}
    content = write(files)
    build(content, base_url="https://example.org/sub/path/")
    out = tmp_path / "build"
    page = (out / "blog/linker/index.html").read_text()
    assert 'href="/sub/path/blog/post-00/"' in page
    assert 'href="/sub/path/static/css/site.' in page
    assert '<link rel="canonical" href="https://example.org/sub/path/blog/linker/">' in page
    hrefs = [h.split('"')[0] for h in page.split('href="')[1:]]
    assert all(h.startswith(("/sub/path/", "https://", "#")) for h in hrefs), hrefs
    locs = [e.text for e in ElementTree.parse(out / "sitemap.xml").iter(f"{SM}loc")]
    assert all(loc.startswith("https://example.org/sub/path/") for loc in locs)


def test_feed_and_sitemap_parse_and_list_the_right_urls(write, build, tmp_path):
    content = write(blog(25) | {"pages/about.md": "---\ntitle: About\n---\nMe.\n"})
    build(content)
    out = tmp_path / "build"
    feed = ElementTree.parse(out / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    assert entries[0].find(f"{ATOM}id").text == "https://example.org/blog/post-24/"
    assert entries[0].find(f"{ATOM}content").text.startswith("<p>Post number 24.</p>")
    locs = {e.text for e in ElementTree.parse(out / "sitemap.xml").iter(f"{SM}loc")}
    assert {
        "https://example.org/",
        "https://example.org/about/",
        "https://example.org/blog/page/3/",
    } <= locs
    assert {f"https://example.org/blog/post-{i:02d}/" for i in range(25)} <= locs
    assert not any(loc.endswith((".xml", ".css", "404.html")) for loc in locs)
    assert "Sitemap: https://example.org/sitemap.xml" in (out / "robots.txt").read_text()


def test_a_failing_page_fails_the_build_and_names_it(write, build, tmp_path):
    templates = tmp_path / "broken"
    (templates / "blog").mkdir(parents=True)
    (templates / "blog/post.html").write_text("{{ post.no_such_thing() }}")
    content = write(blog(2))
    with pytest.raises(BuildError, match="/blog/post-0[01]/"):
        build(content, template_dir=templates)


def test_build_command_prints_a_one_line_summary(write, tmp_path):
    content = write(blog(3))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            "--content",
            str(content),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    (line,) = run.stdout.splitlines()
    assert line.startswith("Built ") and " pages and 0 images in " in line


def test_a_route_without_url_generator_fails_the_build(write, build, monkeypatch):
    from sitegen.web import views

    original = views.routes

    def with_extra_route(app):
        original(app)
        app.add_url_rule("/extra/<name>/", "extra", lambda name: name)

    monkeypatch.setattr(views, "routes", with_extra_route)
    content = write(blog(1))
    with pytest.raises(BuildError, match="Nothing frozen for endpoints extra"):
        build(content)
