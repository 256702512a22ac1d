"""Export, restore into an empty table, export again: the same file, every kind, every type."""

from __future__ import annotations

import json
import time

import pytest

from api.backup.__main__ import main
from api.backup.kinds import EXCLUDED

from .conftest import FULL_EVENT, OTHER_KINDS, fill, new_table, services_of

pytestmark = pytest.mark.dynamodb_local


def backup(table, path, *more: str) -> int:
    """Run the command line against a table of DynamoDB Local."""
    endpoint = table._settings.dynamodb_endpoint
    return main([*more[:1], str(path), "--table", table.name, "--endpoint", endpoint, *more[1:]])


def scan_all(table) -> list[dict]:
    pages = table.client.get_paginator("scan").paginate(TableName=table.name)
    return [table.load(item) for page in pages for item in page["Items"]]


@pytest.fixture
def filled(local_app):
    fill(local_app)
    return services_of(local_app).table


def test_export_restore_export_gives_the_same_file_for_every_item_type(
    filled, dynamodb_local_url, moto_url, tmp_path, capsys
):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert backup(filled, first, "export") == 0
    empty = new_table(dynamodb_local_url, moto_url)
    assert backup(empty, first, "restore") == 0
    assert backup(empty, second, "export") == 0

    one, two = first.read_bytes().split(b"\n", 1), second.read_bytes().split(b"\n", 1)
    assert one[1] == two[1]  # every item line, byte for byte
    head_one, head_two = json.loads(one[0]), json.loads(two[0])
    assert head_one.pop("table") == filled.name and head_two.pop("table") == empty.name
    head_one.pop("exported_at"), head_two.pop("exported_at")
    assert head_one == head_two

    # Every kind the API writes is there, and the other features' kinds too.
    counts = head_one["counts"]
    for kind in (
        "CONTACT",
        "INBOX/STATS",
        "NOTIFY",
        "EVENT/META",
        "EVENT/RSVP",
        "EVENT/WAIT",
        "MAIL",
        "JOBRUN/LAST",
        "DEPLOY/LAST",
        "RECIPE/STATS",
        "RECIPE/RATING",
        "THREAD/META",
        "THREAD/C",
        "COMMENT/META",
        "COMMENT/VOTE",
        "COMMENTS/STATS",
        "THREAD/DUP",
        "SUB/THREAD",
        "TXN",
    ):
        assert counts.get(kind), (kind, counts)
    assert head_one["items"] == sum(counts.values()) == len(one[1].splitlines())
    assert set(head_one["excluded"]) == set(EXCLUDED)

    # The restored table holds exactly what was exported, values and types alike.
    original = {
        (i["pk"], i["sk"]): i for i in scan_all(filled) if i["pk"].split("#")[0] not in EXCLUDED
    }
    restored = {(i["pk"], i["sk"]): i for i in scan_all(empty)}
    assert restored == original
    txn = restored["TXN#2026-12", "2026-12-01#t1"]
    assert txn == next(i for i in OTHER_KINDS if i["pk"] == "TXN#2026-12")
    assert str(txn["amount"]) == "-12.3400000000000000000000000000000001"


def test_sessions_sign_in_links_limits_and_errors_are_never_exported(filled, tmp_path):
    path = tmp_path / "backup.jsonl"
    assert backup(filled, path, "export") == 0
    text = path.read_text()
    stored = scan_all(filled)
    secrets = [i for i in stored if i["pk"].split("#")[0] in EXCLUDED]
    assert {i["pk"].split("#")[0] for i in secrets} == {"SESSION", "SIGNIN", "RATE", "ERROR"}
    for item in secrets:
        assert item["pk"] not in text  # the session and link hashes above all
    for pk in ("SESSION#", "SIGNIN#", "RATE#", "ERROR#", '"SESSIONS"'):
        assert pk not in text
    # Everything else is there, sorted by (pk, sk).
    lines = [json.loads(line) for line in text.splitlines()[1:]]
    keys = [(i["pk"]["S"], i["sk"]["S"]) for i in lines]
    assert keys == sorted(keys)
    assert len(lines) == len(stored) - len(secrets)
    assert f"EVENT#{FULL_EVENT}" in {pk for pk, _ in keys}


def test_numbers_sets_and_binary_are_written_as_dynamodb_holds_them(filled, tmp_path):
    path = tmp_path / "backup.jsonl"
    assert backup(filled, path, "export") == 0
    line = next(x for x in path.read_text().splitlines() if '"TXN#2026-12"' in x)
    item = json.loads(line)
    assert item["amount"] == {"N": "-12.3400000000000000000000000000000001"}
    assert item["splits"] == {"NS": ["-2", "1.5", "10"]}
    assert item["tags"] == {"SS": ["food", "\u00e9t\u00e9"]}
    assert item["receipt"] == {"B": "AP9iaW5hcnkK"}
    assert item["nothing"] == {"NULL": True}
    assert line.isascii()


def test_a_thousand_items_go_out_and_back_in_seconds(
    local_app, dynamodb_local_url, moto_url, tmp_path, capsys
):
    table = services_of(local_app).table
    items = [
        {"pk": f"CONTACT#2026-{n % 12 + 1:02d}", "sk": f"{n:06d}#x", "n": n} for n in range(1000)
    ]
    for start in range(0, len(items), 25):
        table.call(
            "batch_write_item",
            RequestItems={
                table.name: [
                    {"PutRequest": {"Item": table.dump(i)}} for i in items[start : start + 25]
                ]
            },
        )
    path = tmp_path / "big.jsonl"
    started = time.perf_counter()
    assert backup(table, path, "export") == 0
    exported = time.perf_counter() - started
    empty = new_table(dynamodb_local_url, moto_url)
    started = time.perf_counter()
    assert backup(empty, path, "restore") == 0
    restored = time.perf_counter() - started
    assert len(scan_all(empty)) == 1000
    print(f"\n1000 items: export {exported:.2f} s, restore {restored:.2f} s")  # for the report
    assert exported < 30 and restored < 60


def test_export_to_standard_output_is_the_same_file(filled, tmp_path, capsys):
    path = tmp_path / "file.jsonl"
    assert backup(filled, path, "export") == 0
    capsys.readouterr()
    assert backup(filled, "-", "export") == 0
    out, err = capsys.readouterr()
    assert out.split("\n", 1)[1] == path.read_text().split("\n", 1)[1]
    assert "items written" in err  # the report goes to stderr, the file to stdout
