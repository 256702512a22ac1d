"""The event catalogue reaches the table: new, changed, capacity moved, removed; on both stores."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from api.events import audit, catalog, keys
from api.events.__main__ import main

from .test_events_support import (
    EVENT_ID,
    by_status,
    catalogue,
    event,
    meta,
    notifications,
    reserve,
    sync,
)


def test_a_new_event_is_stored_with_its_facts_and_empty_counters(table):
    report = sync(table, event(), event("quiz", capacity=None, waitlist="off"))
    assert sorted(report.created) == ["board-games", "quiz"]
    stored = meta(table)
    assert stored["title"] == "Board games night"
    assert stored["location"]["lat"] == Decimal("59.91")  # exact, never a float
    assert (stored["capacity"], stored["seats_left"], stored["confirmed"], stored["waiting"]) == (
        20,
        20,
        0,
        0,
    )
    assert stored["sequence"] == 0
    unlimited = meta(table, "quiz")
    assert "capacity" not in unlimited and "seats_left" not in unlimited
    assert sync(table, event(), event("quiz", capacity=None, waitlist="off")).unchanged == [
        "board-games",
        "quiz",
    ]


def test_time_place_or_status_changes_bump_the_sequence_and_queue_a_notice(table):
    first = event()
    sync(table, first)
    sync(table, dict(first, title="Board games & snacks"))
    assert meta(table)["sequence"] == 0  # a new title is not news for a calendar
    later = (datetime.fromisoformat(first["start"]) + timedelta(hours=1)).isoformat()
    report = sync(table, dict(first, title="Board games & snacks", start=later))
    assert report.updated == [EVENT_ID]
    assert meta(table)["sequence"] == 1
    sync(table, dict(first, title="Board games & snacks", start=later, status="cancelled"))
    assert meta(table)["sequence"] == 2
    notices = [n for n in notifications(table) if n["kind"] == "event_changed"]
    assert [(n["changed"], n["sequence"]) for n in notices] == [(["start"], 1), (["status"], 2)]


def test_raising_capacity_moves_the_waitlist_up_in_order(table):
    sync(table, event(capacity=2))
    reserve(table, "a@example.org", 2)
    waiting = [reserve(table, f"w{i}@example.org", p) for i, p in enumerate([2, 3, 1])]
    assert [w["status"] for w in waiting] == ["waitlisted"] * 3
    report = sync(table, event(capacity=5))
    # Three seats: the party of 2 first, then the 3 does not fit, the 1 does.
    assert report.moved_up == {EVENT_ID: 2}
    assert sorted(r["email"] for r in by_status(table, "confirmed")) == [
        "a@example.org",
        "w0@example.org",
        "w2@example.org",
    ]
    assert [r["email"] for r in by_status(table, "waitlisted")] == ["w1@example.org"]
    assert meta(table)["seats_left"] == 0
    assert audit.audit(table, EVENT_ID) == []


def test_lowering_capacity_below_confirmed_seats_names_the_event_and_writes_nothing_for_it(table):
    sync(table, event(capacity=10), event("quiz", capacity=10))
    reserve(table, "a@example.org", 4)
    reserve(table, "b@example.org", 3)
    before = meta(table)
    report = catalog.sync(
        table,
        catalogue(event(capacity=6, title="Renamed"), event("quiz", capacity=4)),
        datetime.now(UTC),
    )
    assert report.problems == [
        "board-games: capacity 6 is below the 7 seats already confirmed; keep it at 7 or more, "
        "or cancel RSVPs first (nothing was changed for this event)"
    ]
    assert meta(table) == before  # not even the title
    assert meta(table, "quiz")["capacity"] == 4  # the other event was synced
    assert sync(table, event(capacity=7)).updated == [EVENT_ID]
    assert meta(table)["seats_left"] == 0


def test_a_removed_event_keeps_its_rsvps_and_can_come_back(table):
    sync(table, event(), event("quiz"))
    reserve(table, "a@example.org", 2)
    report = sync(table, event("quiz"))
    assert report.removed == [EVENT_ID]
    assert meta(table)["removed_at"]
    assert [r["email"] for r in by_status(table, "confirmed")] == ["a@example.org"]
    assert sync(table, event("quiz")).removed == []  # already marked
    report = sync(table, event(), event("quiz"))
    assert report.updated == [EVENT_ID]
    assert "removed_at" not in meta(table)
    assert meta(table)["confirmed"] == 2


def test_limit_can_be_lifted_and_set_again(table):
    sync(table, event(capacity=2))
    reserve(table, "a@example.org", 2)
    waiting = reserve(table, "b@example.org", 1)
    assert waiting["status"] == "waitlisted"
    sync(table, event(capacity=None))
    assert sorted(r["email"] for r in by_status(table, "confirmed")) == [
        "a@example.org",
        "b@example.org",
    ]
    assert meta(table)["confirmed"] == 3 and meta(table)["waiting"] == 0
    sync(table, event(capacity=5))
    assert meta(table)["seats_left"] == 2
    assert audit.audit(table, EVENT_ID) == []


def test_every_catalogue_problem_is_reported_with_its_event(table):
    bad = catalogue(
        event(capacity=-1, max_party=0),
        event("quiz", start="tomorrow", status="maybe"),
        event("quiz"),
        event("talk", questions=[{"id": "x", "type": "choice"}, {"id": "x"}]),
    )
    report = catalog.sync(table, bad, datetime.now(UTC))
    assert report.problems == [
        "events[0] (board-games): capacity: must be a whole number of seats or null, got -1",
        "events[0] (board-games): max_party: must be a whole number from 1 to 50",
        "events[1] (quiz): start: must be an ISO 8601 time with an offset, got 'tomorrow'",
        "events[1] (quiz): status: must be one of scheduled, cancelled, postponed, "
        "moved_online, got 'maybe'",
        "events[3] (talk): questions[0].choices: a choice question needs a list of texts",
        "events[3] (talk): questions[1].id: must be unique, letters, digits, - or _, got 'x'",
    ]
    assert report.created == ["quiz"]  # the valid copy of quiz
    assert report.removed == []  # events with problems are never taken for removed
    with pytest.raises(catalog.CatalogueError):
        catalog.sync(table, {"events": []}, datetime.now(UTC))


def test_the_command_line_syncs_a_file_and_exits_1_on_a_problem(table, tmp_path, capsys):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue(event(capacity=3))))
    args = [
        "sync",
        str(path),
        "--table",
        table.name,
        "--endpoint",
        table._settings.dynamodb_endpoint,
    ]
    assert main(args) == 0
    assert "board-games: new" in capsys.readouterr().out
    reserve(table, "a@example.org", 3)
    path.write_text(json.dumps(catalogue(event(capacity=2))))
    assert main([*args, "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "board-games: capacity 2 is below the 3 seats already confirmed" in err
    assert main(args) == 1
    assert meta(table)["capacity"] == 3
    path.write_text("{not json")
    assert main(args) == 1
    assert "cannot read the catalogue" in capsys.readouterr().err


def test_capacity_can_drop_to_exactly_the_seats_held(table):
    sync(table, event(capacity=4, waitlist="off"))
    reserve(table, "a@example.org", 2)
    report = catalog.sync(table, catalogue(event(capacity=2, waitlist="off")), datetime.now(UTC))
    assert report.ok and meta(table)["seats_left"] == 0
    assert [r["status"] for r in by_status(table, keys.CONFIRMED)] == [keys.CONFIRMED]


def test_make_deploy_syncs_the_builds_catalogue_before_publishing(table, tmp_path, monkeypatch):
    import argparse

    from sitegen.publish.__main__ import sync_api_feeds

    build = tmp_path / "build"
    args = argparse.Namespace(build=str(build), stage="prod", dry_run=False)
    config = {"aws_environment_variables": {"FROSTFOLIO_TABLE_NAME": table.name}}
    assert sync_api_feeds(args, config) == 0  # a build without events: nothing to do
    (build / "events").mkdir(parents=True)
    (build / "events" / "catalogue.json").write_text(json.dumps(catalogue(event(capacity=2))))
    monkeypatch.setenv("FROSTFOLIO_DYNAMODB_ENDPOINT", table._settings.dynamodb_endpoint)
    assert sync_api_feeds(argparse.Namespace(**{**vars(args), "dry_run": True}), config) == 0
    assert meta(table) is None  # a dry run writes nothing
    assert sync_api_feeds(args, config) == 0
    assert meta(table)["capacity"] == 2
    reserve(table, "a@example.org", 2)
    (build / "events" / "catalogue.json").write_text(json.dumps(catalogue(event(capacity=1))))
    assert sync_api_feeds(args, config) == 1  # the deploy stops before publishing
