"""Restoring: only into an empty table, whole files only, dry runs, --only, retries."""

from __future__ import annotations

import json

import pytest

from api.backup import restore
from api.backup.jsonl import BackupError

from .conftest import fill, new_table, services_of
from .test_roundtrip import backup, scan_all

pytestmark = pytest.mark.dynamodb_local


@pytest.fixture
def exported(local_app, tmp_path):
    """A backup of a table holding every kind, and that table."""
    fill(local_app)
    table = services_of(local_app).table
    path = tmp_path / "backup.jsonl"
    assert backup(table, path, "export") == 0
    return path, table


def counts_of(path) -> dict[str, int]:
    return json.loads(path.read_text().split("\n", 1)[0])["counts"]


def test_restore_refuses_a_table_that_is_not_empty_unless_forced(exported, capsys):
    path, table = exported
    before = scan_all(table)
    assert backup(table, path, "restore") == 1
    assert "is not empty" in capsys.readouterr().err
    assert scan_all(table) == before
    assert backup(table, path, "restore", "--force") == 0
    assert len(scan_all(table)) == len(before)  # the same keys, written over


def test_dry_runs_count_per_item_type_and_write_nothing(
    exported, dynamodb_local_url, moto_url, tmp_path, capsys
):
    path, table = exported
    capsys.readouterr()
    assert backup(table, tmp_path / "none.jsonl", "export", "--dry-run") == 0
    said = capsys.readouterr().out
    assert not (tmp_path / "none.jsonl").exists()
    for kind, count in counts_of(path).items():
        assert f"  {kind:<24} {count:>8}\n" in said
    assert "dry run" in said and "left out: " in said

    empty = new_table(dynamodb_local_url, moto_url)
    assert backup(empty, path, "restore", "--dry-run") == 0
    said = capsys.readouterr().out
    assert scan_all(empty) == []
    for kind, count in counts_of(path).items():
        assert f"  {kind:<24} {count:>8}\n" in said
    assert f"{sum(counts_of(path).values())} items\n" in said


def test_only_takes_the_kinds_asked_for(exported, dynamodb_local_url, moto_url, tmp_path):
    path, table = exported
    part = tmp_path / "reviews.jsonl"
    assert backup(table, part, "export", "--only", "RECIPE,THREAD,COMMENT") == 0
    assert set(counts_of(part)) == {
        "RECIPE/STATS",
        "RECIPE/RATING",
        "THREAD/META",
        "THREAD/C",
        "THREAD/DUP",
        "COMMENT/META",
        "COMMENT/VOTE",
    }
    header = json.loads(part.read_text().split("\n", 1)[0])
    assert header["only"] == ["COMMENT", "RECIPE", "THREAD"]
    # And from a whole backup, restore only the events' RSVPs.
    empty = new_table(dynamodb_local_url, moto_url)
    assert backup(empty, path, "restore", "--only", "event/rsvp") == 0
    restored = scan_all(empty)
    assert restored and {(i["pk"].split("#")[0], i["sk"].split("#")[0]) for i in restored} == {
        ("EVENT", "RSVP")
    }


def test_a_cut_or_damaged_file_writes_nothing(
    exported, dynamodb_local_url, moto_url, tmp_path, capsys
):
    path, _ = exported
    lines = path.read_text().splitlines(keepends=True)
    cases = {
        "cut.jsonl": ("".join(lines[:-3]), "incomplete"),
        "bad.jsonl": ("".join(lines[:5]) + '{"pk": {"S": "X"}}\n' + "".join(lines[5:]), "sk"),
        "nan.jsonl": ("".join(lines) + '{"pk":{"S":"A"},"sk":{"S":"B"},"n":{"N":"NaN"}}\n', "line"),
        "empty.jsonl": ("", "not a Frostfolio backup"),
        "v2.jsonl": (lines[0].replace('"version":1', '"version":2') + "".join(lines[1:]), "2"),
    }
    empty = new_table(dynamodb_local_url, moto_url)
    for name, (text, said) in cases.items():
        (tmp_path / name).write_text(text)
        capsys.readouterr()
        assert backup(empty, tmp_path / name, "restore") == 1, name
        assert said in capsys.readouterr().err, name
    assert scan_all(empty) == []


def test_a_missing_table_is_named_with_how_to_create_it(exported, capsys):
    path, table = exported
    endpoint = table._settings.dynamodb_endpoint
    from api.backup.__main__ import main

    assert main(["restore", str(path), "--table", "nope", "--endpoint", endpoint]) == 1
    assert "python -m api.tables create --table nope" in capsys.readouterr().err


class FlakyClient:
    """A DynamoDB client that leaves some of each batch unprocessed, a few times."""

    def __init__(self, refusals: int, partial: bool = True) -> None:
        self.refusals, self.partial = refusals, partial
        self.written: list[dict] = []

    def batch_write_item(self, RequestItems):  # noqa: N803 - botocore's name
        ((name, requests),) = RequestItems.items()
        if self.refusals:
            self.refusals -= 1
            done = 1 if self.partial else 0
            self.written += [r["PutRequest"]["Item"] for r in requests[:done]]
            return {"UnprocessedItems": {name: requests[done:]}}
        self.written += [r["PutRequest"]["Item"] for r in requests]
        return {"UnprocessedItems": {}}


def _table(client):
    from api.settings import load_settings
    from api.storage import Table

    return Table(load_settings(environ={}, overrides={"table_name": "t"}), client=client)


def test_unprocessed_items_are_sent_again_until_written():
    client, waits = FlakyClient(refusals=3), []
    items = [{"pk": {"S": f"A#{n}"}, "sk": {"S": "META"}} for n in range(60)]
    assert restore.write(_table(client), items, sleep=waits.append) == 60
    assert sorted(i["pk"]["S"] for i in client.written) == sorted(i["pk"]["S"] for i in items)
    assert waits == [0.05, 0.1, 0.2]


def test_a_table_that_keeps_refusing_fails_loudly():
    client = FlakyClient(refusals=10**6, partial=False)
    items = [{"pk": {"S": f"A#{n}"}, "sk": {"S": "META"}} for n in range(5)]
    with pytest.raises(BackupError, match="kept refusing"):
        restore.write(_table(client), items, sleep=lambda s: None)
