"""Money log benchmark: reports over 10 years of data (25,000 transactions) on DynamoDB Local.

    make bench BENCH=money

Loads the transactions with their aggregates (the items the store's one
transaction would have written, computed by ``store`` itself and batch-written
for speed), budgets with rollover for the last 12 months and the year, and two
goals; then times, in process (Flask's test client, so app time including the
DynamoDB Local round trips, not HTTP), the median of several runs of:

- a month's spending report and the money home summary (target < 100 ms);
- a year's spending report, income vs expense for 12 months, net worth over
  10 years, the drill-down of a month's category;
- logging one transaction through the API (the write with its aggregates).

Environment: BENCH_TXNS (25000), BENCH_YEARS (10), BENCH_RUNS (9).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests import dynamodb_local  # noqa: E402  (the repo root is not on the path of a script)

TXNS = int(os.environ.get("BENCH_TXNS", "25000"))
YEARS = int(os.environ.get("BENCH_YEARS", "10"))
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
TOKEN = "bench-owner-token"
TARGET_MS = 100


def _batch_write(table, items: list[dict]) -> None:
    def write(chunk: list[dict]) -> None:
        requests = [{"PutRequest": {"Item": table.dump(i)}} for i in chunk]
        while requests:
            out = table.client.batch_write_item(RequestItems={table.name: requests})
            requests = out.get("UnprocessedItems", {}).get(table.name, [])

    chunks = [items[i : i + 25] for i in range(0, len(items), 25)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, chunks))


def load(client, headers, table) -> dict:
    """Create accounts and categories through the API, then batch-load the history."""
    from api.money import keys, store
    from api.money.periods import next_month

    rng = random.Random(14)

    def post(path: str, body: dict) -> dict:
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    accounts = [
        post("/money/accounts", {"name": n, "type": t, "currency": c, "opening_balance": o})[
            "account"
        ]
        for n, t, c, o in (
            ("Checking", "checking", "EUR", "1500.00"),
            ("Savings", "savings", "EUR", "8000.00"),
            ("Wallet", "cash", "EUR", "80.00"),
            ("Card", "credit_card", "EUR", "0.00"),
            ("US account", "checking", "USD", "500.00"),
        )
    ]
    names = "Groceries Rent Transport Eating out Utilities Health Clothes Gifts Travel Books"
    categories = [
        post("/money/categories", {"name": n, "group": "Living"})["category"] for n in names.split()
    ] + [post("/money/categories", {"name": "Salary", "kind": "income"})["category"]]
    this_month = datetime.now(UTC).date().isoformat()[:7]
    months = [next_month(this_month, -i) for i in range(YEARS * 12 - 1, -1, -1)]
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    items = []
    for n in range(TXNS):
        month = months[n * len(months) // TXNS]
        account = rng.choice(accounts)
        ccy = account["currency"]
        salary = n % 40 == 0
        cents = rng.randint(200_000, 400_000) if salary else -rng.randint(100, 20_000)
        category = categories[-1] if salary else rng.choice(categories[:-1])
        item = {
            "id": keys.new_id(),
            "date": f"{month}-{rng.randint(1, 28):02d}",
            "account": account["id"],
            "currency": ccy,
            "amount": Decimal(cents).scaleb(-2),
            "payee": f"Payee {rng.randint(1, 300)}",
            "raw_payee": "",
            "category": category["id"],
            "splits": [],
            "notes": "",
            "tags": [],
            "transfer_id": "",
            "counterpart": "",
            "import_id": "",
            "version": 1,
            "created_at": stamp,
            "updated_at": stamp,
        }
        if n % 25 == 1:  # some splits
            half = (item["amount"] / 2).quantize(Decimal("0.01"))
            item["category"] = ""
            item["splits"] = [
                {"category": categories[0]["id"], "amount": half, "notes": ""},
                {"category": categories[1]["id"], "amount": item["amount"] - half, "notes": ""},
            ]
        items.append(store.keyed(item))
    agg, bal, acct = store._deltas([], items)
    rows = [store._pointer(i) for i in items] + items
    for (month, account, category), (total, count, inflow, outflow) in agg.items():
        rows.append(
            {
                "pk": keys.agg_pk(month),
                "sk": keys.agg_sk(account, category),
                "month": month,
                "account": account,
                "category": category,
                "sum": total,
                "count": count,
                "inflow": inflow,
                "outflow": outflow,
            }
        )
    for (account, month), (total, count) in bal.items():
        rows.append(
            {
                "pk": keys.balance_pk(account),
                "sk": month,
                "month": month,
                "account": account,
                "sum": total,
                "count": count,
            }
        )
    started = time.perf_counter()
    _batch_write(table, rows)
    for account, total in acct.items():
        table.update(
            keys.account_pk(account), keys.META, "ADD #b :s", {":s": total}, names={"#b": "balance"}
        )
    loaded = time.perf_counter() - started
    year = this_month[:4]
    for category in categories[:10]:
        for i in range(12):
            body = {"amount": "300.00", "currency": "EUR", "rollover": True}
            client.put(
                f"/money/budgets/{next_month(this_month, -i)}/{category['id']}",
                json=body,
                headers=headers,
            )
    client.put(
        f"/money/budgets/{year}/{categories[8]['id']}",
        json={"amount": "2000.00", "currency": "EUR"},
        headers=headers,
    )
    by = f"{int(year) + 1}-12-31"
    post(
        "/money/goals",
        {"name": "House", "target": "50000.00", "by": by, "account": accounts[1]["id"]},
    )
    post(
        "/money/goals",
        {
            "name": "Trip",
            "target": "3000.00",
            "by": by,
            "currency": "EUR",
            "category": categories[8]["id"],
            "start": next_month(this_month, -6),
        },
    )
    print(
        f"loaded {len(items):,} transactions over {len(months)} months "
        f"({len(agg):,} AGG, {len(bal):,} AGGBAL items) in {loaded:.1f} s"
    )
    return {
        "accounts": accounts,
        "categories": categories,
        "month": this_month,
        "year": year,
        "first": months[0],
    }


CALLS = [0]


def count_calls(table) -> None:
    """Count the DynamoDB calls each request makes (a figure the machine's load cannot move)."""
    call = table.call

    def counted(operation, **kwargs):
        CALLS[0] += 1
        return call(operation, **kwargs)

    table.call = counted


def timed(client, headers, method: str, path: str, body=None) -> tuple[float, int]:
    CALLS[0] = 0
    started = time.perf_counter()
    response = client.open(path, method=method, json=body, headers=headers)
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 201), (path, response.get_data(as_text=True)[:300])
    return elapsed * 1000, len(response.get_data())


def main() -> int:
    from api import create_app
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
        services = Services(settings)
        app = create_app({"TESTING": True, "SERVICES": services})
        client = app.test_client()
        headers = {"Authorization": f"Bearer {TOKEN}"}
        data = load(client, headers, services.table)
        count_calls(services.table)
        baseline = []
        for _ in range(RUNS):
            started = time.perf_counter()
            services.table.get("BENCH", "NONE")
            baseline.append((time.perf_counter() - started) * 1000)
        month, year = data["month"], data["year"]
        food = data["categories"][0]["id"]
        checking = data["accounts"][0]["id"]
        cases = [
            ("month spending report", "GET", f"/money/reports/spending/{month}", True),
            ("money home summary", "GET", "/money/summary?convert=USD", True),
            ("year spending report", "GET", f"/money/reports/spending/{year}", False),
            ("income vs expense, 12 months", "GET", "/money/reports/income-expense", False),
            (
                f"net worth, {YEARS * 12} months",
                "GET",
                f"/money/reports/net-worth?from={data['first']}&to={month}",
                False,
            ),
            ("budgets of the month", "GET", f"/money/budgets/{month}", False),
            (
                "drill-down: month x category",
                "GET",
                f"/money/transactions?month={month}&category={food}",
                False,
            ),
        ]
        rows = []
        ok = True
        for label, method, path, target in cases:
            timed(client, headers, method, path)  # warm: first boto3 use of each call
            runs = [timed(client, headers, method, path) for _ in range(RUNS)]
            median = statistics.median(ms for ms, _ in runs)
            rows.append((label, median, max(ms for ms, _ in runs), CALLS[0], target))
            ok = ok and (not target or median < TARGET_MS)
        writes = []
        for i in range(RUNS):
            body = {
                "date": f"{month}-01",
                "account": checking,
                "amount": f"-{i + 1}.25",
                "category": food,
                "payee": "Bench",
            }
            writes.append(timed(client, headers, "POST", "/money/transactions", body)[0])
        rows.append(
            (
                "log a transaction (write + aggregates)",
                statistics.median(writes),
                max(writes),
                CALLS[0],
                False,
            )
        )
    finally:
        dynamodb_local.stop(proc)
    print(f"\none GetItem round trip: median {statistics.median(baseline):.1f} ms")
    print(f"\n{'request':<40}{'median ms':>10}{'max ms':>9}{'calls':>7}  target")
    for label, median, worst, size, target in rows:
        mark = ("ok" if median < TARGET_MS else "OVER") if target else ""
        print(f"{label:<40}{median:>10.1f}{worst:>9.1f}{size:>7}  {mark}")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
