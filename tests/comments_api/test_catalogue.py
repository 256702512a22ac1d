"""The build's comment threads synced into the table (`python -m api.comments sync`)."""

from __future__ import annotations

import json

from api.comments import keys, store
from api.comments.__main__ import main

from .conftest import sync_threads, thread_entry


def test_sync_creates_updates_and_removes_threads(table):
    report = sync_threads(table, thread_entry(), thread_entry("recipes", "pancakes"))
    assert sorted(report.created) == ["posts/hello", "recipes/pancakes"] and report.ok
    meta = store.get_thread(table, "recipes/pancakes")
    assert meta["ratings"] is True and meta["url"] == "/recipes/pancakes/"
    assert meta["comments"] == "open" and meta["moderation"] == "none"

    report = sync_threads(
        table, thread_entry(comments="closed"), thread_entry("recipes", "pancakes")
    )
    assert report.updated == ["posts/hello"] and report.unchanged == ["recipes/pancakes"]
    assert store.get_thread(table, "posts/hello")["comments"] == "closed"

    report = sync_threads(table, thread_entry("recipes", "pancakes"))
    assert report.removed == ["posts/hello"]
    assert store.get_thread(table, "posts/hello")["removed_at"]
    report = sync_threads(table, thread_entry(), thread_entry("recipes", "pancakes"))
    assert report.updated == ["posts/hello"]
    assert "removed_at" not in store.get_thread(table, "posts/hello")


def test_sync_reports_bad_entries_by_thread_and_keeps_them(table):
    sync_threads(table, thread_entry())
    report = sync_threads(
        table,
        thread_entry(moderation="sometimes"),
        thread_entry("posts", "two", closes_at="yesterday"),
        thread_entry("Bad Kind", "x"),
    )
    assert not report.ok
    assert any("posts/hello" in p and "moderation" in p for p in report.problems)
    assert any("posts/two" in p and "closes_at" in p for p in report.problems)
    assert report.removed == []  # a malformed entry is not a removal
    assert store.get_thread(table, "posts/hello")["moderation"] == "none"


def test_closes_at_is_stored_as_utc(table):
    sync_threads(table, thread_entry(closes_at="2027-01-05T18:30:00+01:00"))
    assert store.get_thread(table, "posts/hello")["closes_at"] == "2027-01-05T17:30:00Z"


def test_command_line_syncs_a_file_with_dry_run(table, tmp_path, capsys):
    feed = tmp_path / "threads.json"
    feed.write_text(json.dumps({"version": 1, "threads": [thread_entry()]}))
    settings = table._settings
    where = ["--table", table.name, "--endpoint", settings.dynamodb_endpoint]
    where += ["--region", settings.region]
    assert main(["sync", str(feed), *where, "--dry-run"]) == 0
    assert "(dry run) posts/hello: new" in capsys.readouterr().out
    assert store.get_thread(table, "posts/hello") is None
    assert main(["sync", str(feed), *where]) == 0
    assert store.get_thread(table, "posts/hello")["title"] == "Hello"
    feed.write_text('{"threads": []}')
    assert main(["sync", str(feed), *where]) == 1
    assert "version" in capsys.readouterr().err
    assert keys.thread_pk("posts/hello") == "THREAD#posts/hello"
