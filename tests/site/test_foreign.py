"""Posts written for Jekyll or Hugo build without edits."""

from __future__ import annotations

import datetime as dt

from sitegen.content.loader import load_content

from .test_validation import PNG

JEKYLL = """\
---
layout: post
title:  "Welcome to Jekyll!"
date:   2023-05-01 14:30:00 +0200
categories: jekyll update
tags: ruby, static
image: /images/dot.png
image_alt: A single dot
published: true
---
You'll find this post in your `_posts` directory.
"""

HUGO = """\
---
title: "Hugo post"
date: 2023-06-01T08:00:00-05:00
lastmod: 2023-06-03
description: "Short description from Hugo"
tags: ["go", "hugo"]
categories: ["notes"]
draft: false
cover:
  image: /images/dot.png
  alt: A dot
toc: true
---
Body.
"""


def test_jekyll_and_hugo_posts_load(write, tmp_path):
    content = write(
        {
            "posts/2023-05-01-welcome-to-jekyll.md": JEKYLL,
            "posts/hugo-post.md": HUGO,
            "images/dot.png": PNG,
        }
    )
    posts = {p.slug: p for p in load_content(content, cache_dir=tmp_path / "c").items["posts"]}
    jekyll, hugo = posts["welcome-to-jekyll"], posts["hugo-post"]
    assert jekyll.date == dt.date(2023, 5, 1)
    assert jekyll.datetime.utcoffset() == dt.timedelta(hours=2)
    assert [t.name for t in jekyll.tags] == ["ruby", "static", "jekyll", "update"]
    assert jekyll.cover.alt == "A single dot"
    assert jekyll.params == {"layout": "post"}
    assert hugo.updated == dt.date(2023, 6, 3)
    assert hugo.summary == "Short description from Hugo"
    assert [t.name for t in hugo.tags] == ["go", "hugo", "notes"]
    assert hugo.cover.alt == "A dot"
    assert hugo.params == {"toc": True}


def test_date_from_jekyll_file_name(write, tmp_path):
    content = write({"posts/2022-02-03-from-name.md": "---\ntitle: From the name\n---\nHi.\n"})
    (item,) = load_content(content, cache_dir=tmp_path / "c").items["posts"]
    assert (item.slug, item.date) == ("from-name", dt.date(2022, 2, 3))


def test_unpublished_jekyll_post_is_a_draft(write, tmp_path):
    content = write({"posts/x.md": "---\ntitle: X\ndate: 2020-01-01\npublished: false\n---\nHi.\n"})
    assert load_content(content, cache_dir=tmp_path / "c").items["posts"] == []


def test_slug_key_overrides_file_name(write, tmp_path):
    content = write(
        {"posts/x.md": "---\ntitle: X\ndate: 2020-01-01\nslug: better-name\n---\nHi.\n"}
    )
    (item,) = load_content(content, cache_dir=tmp_path / "c").items["posts"]
    assert item.path == "/blog/better-name/"


def test_a_folder_of_posts_without_site_settings_builds(write, build, tmp_path):
    content = write({"posts/2023-05-01-welcome-to-jekyll.md": JEKYLL, "images/dot.png": PNG})
    report = build(content)
    page = (tmp_path / "build/blog/welcome-to-jekyll/index.html").read_text()
    assert "Welcome to Jekyll!" in page
    assert "You&rsquo;ll find this post" in page
    assert report.html_pages >= 5


def test_a_bare_folder_of_markdown_files_builds_as_posts(tmp_path, build):
    loose = tmp_path / "exported"
    loose.mkdir()
    (loose / "first.md").write_text("---\ntitle: First\ndate: 2021-01-01\n---\nOne.\n")
    (loose / "2021-02-02-second.md").write_text("---\ntitle: Second\n---\nTwo.\n")
    build(loose)
    assert (tmp_path / "build/blog/first/index.html").is_file()
    assert (tmp_path / "build/blog/second/index.html").is_file()
