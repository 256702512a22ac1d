"""A Disqus export imported through the command line, as the owner runs it once (or twice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.comments import disqus, keys, service, store
from api.comments.__main__ import main

from ..api.test_events_mail_support import mails
from .conftest import services_of

EXPORT = Path(__file__).with_name("fixtures") / "disqus.xml"
ENGINES = "http://www.ada.example/2019/04/engines.html?utm_source=feed"
GONE = "https://ada.example/drafts/never-published/"


def run(app, *extra: str, file: Path = EXPORT) -> int:
    settings = services_of(app).settings
    argv = ["import-disqus", str(file), "--site-url", "https://ada.example"]
    argv += ["--table", settings.table_name, "--endpoint", settings.dynamodb_endpoint, *extra]
    return main(argv)


def thread_comments(app, thread: str) -> list[dict]:
    return store.in_thread(services_of(app).table, thread)


def did(dsq_id: str) -> str:
    return disqus.comment_id(dsq_id)


@pytest.fixture
def imported(app, capsys, monkeypatch):
    monkeypatch.setenv("FROSTFOLIO_FORM_SECRET", services_of(app).settings.form_secret)
    assert run(app, "--map", "/2019/04/engines.html=/blog/open/") == 0
    return capsys.readouterr()


def test_approved_posts_become_comments_with_names_dates_and_replies(app, imported):
    hello = {c["id"]: c for c in thread_comments(app, "posts/hello")}
    assert set(hello) == {did("3001"), did("3002"), did("3003")}  # spam and deleted left out
    first, answer, third = hello[did("3001")], hello[did("3002")], hello[did("3003")]
    assert first["name"] == "Grace Hopper" and first["created"] == "2019-03-02T08:15:30.000000Z"
    assert "parent" not in first
    assert answer["parent"] == first["id"] and third["parent"] == answer["id"]  # nesting kept
    assert answer["text"] == "Thank you, Grace!  \nGlad you liked it."
    assert first["text"] == (
        "Great first post! I **loved** the part about "
        "[the engine](https://en.wikipedia.org/wiki/Analytical_engine).\n\n"
        "Second paragraph & more."
    )
    assert '<a href="https://en.wikipedia.org/wiki/Analytical_engine"' in first["html"]
    assert all(
        c["status"] == keys.APPROVED and c["imported_from"] == "disqus" for c in hello.values()
    )
    # the address is kept (hashed as the API hashes it), never shown
    assert first["email"] == "grace@navy.example"
    assert first["email_hash"] == keys.email_hash("grace@navy.example", services_of(app).secret)
    assert "email" not in service.public(first) and "email" not in third
    # approved on Disqus: trusted here, so their next comment is shown at once
    assert store.is_trusted(services_of(app).table, first["email_hash"])
    shown = service.shown_comments(thread_comments(app, "posts/hello"))
    assert [c["name"] for c in shown] == ["Grace Hopper", "Ada", "Guest Reader"]


def test_a_moved_page_is_mapped_and_an_unknown_one_reported(app, imported):
    moved = thread_comments(app, "posts/open")
    assert sorted(c["name"] for c in moved) == ["Ada", "Charles Babbage", "Grace Hopper"]
    # two "Thanks!" replies on one page were two comments on Disqus: both kept
    assert [c["text"] for c in moved].count("Thanks!") == 2
    assert f"{ENGINES} -> posts/open" in imported.out
    assert f"{GONE}: no page of this site (1 comments left out" in imported.err
    assert (
        "disqus: 6 comments imported, 0 already there, 1 spam and 1 deleted skipped, "
        "2 pages matched, 1 comments on 1 unknown pages" in imported.out
    )
    assert store.counts(services_of(app).table)["approved"] == 6


def test_importing_again_adds_nothing_and_nobody_is_emailed(app, imported, capsys, moto_url):
    table = services_of(app).table
    before = {c["id"]: c for t in ("posts/hello", "posts/open") for c in thread_comments(app, t)}
    assert run(app, "--map", "/2019/04/engines.html=/blog/open/") == 0
    assert "0 comments imported, 6 already there" in capsys.readouterr().out
    after = {c["id"]: c for t in ("posts/hello", "posts/open") for c in thread_comments(app, t)}
    assert after == before
    assert store.counts(table)["approved"] == 6
    items, _ = table.query("pk", "NOTIFY#comments")
    assert items == []  # history sends no email
    assert mails(moto_url, "grace@navy.example") == []


def test_without_the_map_the_moved_page_is_unknown_and_a_dry_run_writes_nothing(app, capsys):
    assert run(app, "--dry-run") == 0
    out = capsys.readouterr()
    assert "(dry run) disqus: 3 comments imported" in out.out
    assert f"{ENGINES}: no page of this site (3 comments left out" in out.err
    assert thread_comments(app, "posts/hello") == []


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;">]><disqus xmlns="http://disqus.com">&b;</disqus>',
        b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><disqus/>',
        b"<rss><channel/></rss>",
        b"<disqus",
    ],
    ids=["entities", "external-dtd", "not-disqus", "broken"],
)
def test_a_hostile_or_wrong_file_is_refused_before_anything_is_written(app, tmp_path, capsys, xml):
    bad = tmp_path / "export.xml"
    bad.write_bytes(xml)
    assert run(app, file=bad) == 1
    assert str(bad) in capsys.readouterr().err
    assert thread_comments(app, "posts/hello") == []


@pytest.mark.parametrize(
    "link,site,maps,path",
    [
        ("https://ada.example/blog/hello/", "https://ada.example", [], "/blog/hello/"),
        ("http://www.ada.example/blog/hello?utm=x", "https://ada.example", [], "/blog/hello/"),
        ("https://ada.example/blog/hello/index.html", "https://ada.example", [], "/blog/hello/"),
        ("https://ada.example/ada/blog/hello/", "https://ada.example/ada/", [], "/blog/hello/"),
        ("https://old.example/posts/a/", "https://ada.example", ["/posts/=/blog/"], "/blog/a/"),
        (
            "https://x/2019/04/e.html",
            "https://ada.example",
            ["/2019/04/e.html=/blog/e/"],
            "/blog/e/",
        ),
    ],
)
def test_page_paths_and_maps(link, site, maps, path):
    assert disqus.page_path(link, site, disqus.parse_maps(maps)) == path


def test_a_bad_map_is_refused(app, capsys):
    assert run(app, "--map", "/no-equals-sign") == 1
    assert "expected OLD=NEW" in capsys.readouterr().err
