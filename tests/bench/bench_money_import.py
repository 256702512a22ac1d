"""Bank import benchmark: rows per second for a 5,000-row CSV against DynamoDB Local.

    make bench BENCH=money_import

The app runs in process (Flask's test client, so no HTTP server in the way) on
AWS's DynamoDB Local. A generated US-style CSV (one signed amount column,
5,000 rows over two years, 40 payees) goes through the owner's steps:

- **parse**: ``csvbank.parse`` alone (no I/O);
- **preview**: ``POST /money/imports`` (the file as the body, ``text/csv``) on an
  empty account: read, class every
  row against the stored transactions, store the preview;
- **confirm**: ``POST /money/imports/<id>/confirm``: write every row with its
  aggregates (as many rows per TransactWriteItems as its 100 writes hold, four at once);
- **re-import**: the same file again, preview and confirm: every row a
  duplicate, nothing written.

Printed: seconds and rows per second for each, and the transactions stored
afterwards (must equal the rows). Environment: BENCH_IMPORT_ROWS (5000).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests import dynamodb_local  # noqa: E402  (the repo root is not on the path of a script)

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
TOKEN = "bench-owner-token"
MAPPING = {"date": "Date", "payee": "Description", "amount": "Amount", "date_format": "%m/%d/%Y"}


def csv_file(rows: int) -> bytes:
    rng = random.Random(14)
    payees = [f"SHOP {n:02d} STORE #{rng.randint(1000, 9999)}" for n in range(40)]
    start = date(2025, 1, 1)
    lines = ["Date,Description,Amount"]
    for n in range(rows):
        day = start + timedelta(days=n * 730 // rows)
        cents = rng.randint(-25000, 4000) or 1
        lines.append(f"{day:%m/%d/%Y},{rng.choice(payees)},{cents / 100:.2f}")
    return ("\n".join(lines) + "\n").encode()


def main() -> int:
    from api import create_app
    from api.money import csvbank, store
    from api.security import hash_token
    from api.services import Services
    from api.settings import load_settings
    from api.tables import create_table

    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    proc, url = dynamodb_local.start()
    try:
        env = {
            "FROSTFOLIO_TABLE_NAME": f"bench-{uuid.uuid4().hex[:8]}",
            "FROSTFOLIO_DYNAMODB_ENDPOINT": url,
            "FROSTFOLIO_REGION": "us-east-1",
            "FROSTFOLIO_OWNER_TOKEN_SHA256": hash_token(TOKEN),
        }
        settings = load_settings(environ=env)
        create_table(settings)
        app = create_app({"TESTING": True, "SERVICES": Services(settings)})
        client = app.test_client()
        headers = {"Authorization": f"Bearer {TOKEN}"}

        def call(path: str, body: dict) -> dict:
            response = client.post(path, json=body, headers=headers)
            assert response.status_code in (200, 201), response.get_json()
            return response.get_json()

        def upload(query: dict, data: bytes) -> dict:
            response = client.post(
                "/money/imports",
                query_string=query,
                data=data,
                content_type="text/csv",
                headers=headers,
            )
            assert response.status_code == 201, response.get_json()
            return response.get_json()

        account = call("/money/accounts", {"name": "Bench", "type": "checking", "currency": "USD"})[
            "account"
        ]["id"]
        data = csv_file(ROWS)
        query = {"account": account, "mapping": json.dumps(MAPPING)}
        print(f"file: {ROWS} rows, {len(data) / 1024:.0f} KB")

        results = []
        started = time.perf_counter()
        parsed = csvbank.parse(data, csvbank.Mapping(**MAPPING))
        results.append(("parse", time.perf_counter() - started, len(parsed.rows)))
        for label in ("first import", "re-import"):
            started = time.perf_counter()
            preview = upload(query, data)["preview"]
            results.append((f"{label}: preview", time.perf_counter() - started, ROWS))
            started = time.perf_counter()
            done = call(f"/money/imports/{preview['id']}/confirm", {})["result"]
            results.append((f"{label}: confirm", time.perf_counter() - started, ROWS))
            print(f"{label}: counts {preview['counts']}, result {done}")
        stored = sum(
            1
            for y in (2025, 2026, 2027)
            for m in range(1, 13)
            for t in store.month(app.extensions["frostfolio"].table, f"{y}-{m:02d}")
            if t["account"] == account
        )
        print(f"\n{'step':<24}{'seconds':>9}{'rows/s':>10}")
        for step, seconds, rows in results:
            print(f"{step:<24}{seconds:>9.2f}{rows / seconds:>10.0f}")
        print(f"\ntransactions stored: {stored} (rows: {ROWS})")
        print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
        return 0 if stored == ROWS else 1
    finally:
        dynamodb_local.stop(proc)


if __name__ == "__main__":
    sys.exit(main())
