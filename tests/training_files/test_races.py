"""The same file sent several times at once is still one workout (DynamoDB Local)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from api.training import store
from api.training.files.service import import_file

from .conftest import upload

pytestmark = pytest.mark.dynamodb_local


def test_the_same_file_four_times_at_once_is_one_workout(local_table: Any) -> None:
    file = upload("laps.tcx")
    gate = threading.Barrier(4)

    def send(_: int) -> dict[str, Any]:
        gate.wait()  # all four past the hash look-up before any writes
        return import_file(local_table, file)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(send, range(4)))
    statuses = sorted(r["status"] for r in results)
    assert statuses == ["created", "duplicate", "duplicate", "duplicate"]
    (workout,) = store.every(local_table)
    assert workout["source_hash"] and workout["distance_m"] == 3000
