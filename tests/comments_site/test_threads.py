"""/comments/threads.json: every page that takes comments or ratings, with its settings
resolved from site.yml's `comments:` block and the page's own fields; bad settings are
reported as `path:line: field: message`, all at once."""
# ruff: noqa: E501 - expected messages are quoted whole, exactly as authors read them

from __future__ import annotations

import datetime as dt
import json

import pytest
from sitegen import create_app
from sitegen.content.problems import ContentError

from .conftest import SITE, post, write


def feed(content, tmp_path) -> dict:
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache"})
    response = app.test_client().get("/comments/threads.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return {f"{t['kind']}/{t['slug']}": t for t in json.loads(response.data)["threads"]}


def problems(content, tmp_path) -> list[str]:
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache"})
    with pytest.raises(ContentError) as info:
        app.extensions["sitegen"].content()
    return [str(p) for p in info.value.problems]


def test_posts_take_comments_by_default_and_every_recipe_takes_ratings(content, tmp_path):
    threads = feed(content, tmp_path)
    assert threads["posts/hello"] == {
        "kind": "posts",
        "slug": "hello",
        "url": "/blog/hello/",
        "title": "Hello",
        "date": "2026-11-01",
        "comments": "open",
        "moderation": "first",
        "closes_at": None,
        "ratings": False,
    }
    assert threads["posts/quiet"]["comments"] == "off"  # comments: false on the page
    recipe = threads["recipes/pancakes"]
    assert (recipe["ratings"], recipe["comments"], recipe["url"]) == (
        True,
        "off",
        "/recipes/pancakes/",
    )
    assert "projects/kiln" not in threads  # projects take comments only when turned on
    assert list(threads) == sorted(threads)  # stable order, readable in a diff


def test_site_settings_and_page_fields_decide_each_thread(content, tmp_path):
    settings = (
        "comments:\n  enabled_for: [posts, recipes]\n  moderation: all\n  close_after_days: 30\n"
    )
    write(content / "site.yml", SITE + settings)
    write(
        content / "posts" / "old.md",
        post("Old", "2020-01-01", "comments_close_after_days: 10\ncomments_moderation: none\n"),
    )
    write(content / "posts" / "fresh.md", post("Fresh", dt.date.today().isoformat()))
    write(content / "projects" / "kiln.md", "---\ntitle: Kiln\ncomments: true\n---\nHot.\n")
    threads = feed(content, tmp_path)
    old = threads["posts/old"]
    assert (old["comments"], old["moderation"], old["closes_at"]) == (
        "closed",
        "none",
        "2020-01-11T00:00:00Z",
    )
    fresh = threads["posts/fresh"]
    assert (fresh["comments"], fresh["moderation"]) == ("open", "all")
    closes = dt.date.today() + dt.timedelta(days=30)
    assert fresh["closes_at"] == f"{closes.isoformat()}T00:00:00Z"
    assert threads["recipes/pancakes"]["comments"] == "open"  # reviews turned on
    assert threads["projects/kiln"]["comments"] == "open"  # turned on by the page
    assert threads["projects/kiln"]["closes_at"] is None  # no date: never closes


def test_the_build_publishes_the_feed_for_the_api(content, tmp_path, snapshot):
    from sitegen.commands.build import build_site

    out = tmp_path / "out"
    build_site(content, out, cache_dir=snapshot({}), progress=False)
    document = json.loads((out / "comments" / "threads.json").read_text("utf-8"))
    assert document["version"] == 1
    assert {t["slug"] for t in document["threads"]} == {"hello", "quiet", "pancakes"}


def test_bad_settings_name_the_file_line_and_field(content, tmp_path):
    settings = (
        "comments:\n"
        "  enabled_for: [post, recipes]\n"
        "  moderation: sometimes\n"
        "  close_after_days: -2\n"
        "  close_after: 3\n"
    )
    write(content / "site.yml", SITE + settings)
    assert problems(content, tmp_path) == [
        "content/site.yml:6: comments.enabled_for: no kind 'post'; did you mean 'posts'? choose from pages, posts, projects, testimonials, recipes, events",
        "content/site.yml:7: comments.moderation: expected one of none, all, first, got 'sometimes'",
        "content/site.yml:8: comments.close_after_days: expected 0 (never) or a number of days, got -2",
        "content/site.yml:9: comments.close_after: unknown setting; did you mean 'close_after_days'? expected one of enabled_for, moderation, close_after_days",
    ]


def test_a_comments_setting_that_is_not_a_block_is_reported(content, tmp_path):
    write(content / "site.yml", SITE + "comments: yes\n")
    assert problems(content, tmp_path) == [
        "content/site.yml:5: comments: expected enabled_for, moderation, close_after_days, got True"
    ]


def test_bad_page_fields_name_the_file_line_and_field(content, tmp_path):
    fields = "comments: maybe\ncomments_moderation: later\ncomments_close_after_days: -1\n"
    write(content / "posts" / "hello.md", post("Hello", extra=fields))
    write(content / "projects" / "kiln.md", "---\ntitle: Kiln\ncoments: true\n---\nHot.\n")
    assert problems(content, tmp_path) == [
        "content/posts/hello.md:5: comments: expected true or false, got 'maybe'",
        "content/posts/hello.md:6: comments_moderation: expected one of none, all, first, got 'later'",
        "content/posts/hello.md:7: comments_close_after_days: expected 0 (never) or a number of days, got -1",
        "content/projects/kiln.md:3: coments: unknown field, did you mean 'comments'?",
    ]
