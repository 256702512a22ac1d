"""Property: after any sequence of creates, edits, splits, transfers and deletes through the
HTTP API, every report figure equals a brute-force recount over the stored transactions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ..api.conftest import build_app
from . import recount
from .conftest import Owner

pytestmark = pytest.mark.dynamodb_local

MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02"]
ACCOUNTS = (("A", "EUR", "100.00"), ("B", "EUR", "0.00"), ("Y", "JPY", "5000"))
CATEGORIES = ("Food", "Rent", "Salary")

cents = st.integers(min_value=-50_000, max_value=50_000)
day = st.tuples(st.sampled_from(MONTHS), st.integers(min_value=1, max_value=28))
category = st.one_of(st.none(), st.integers(min_value=0, max_value=len(CATEGORIES) - 1))
pick = st.integers(min_value=0, max_value=10**6)  # which earlier transaction (modulo)
account = st.integers(min_value=0, max_value=len(ACCOUNTS) - 1)

operation = st.one_of(
    st.tuples(st.just("create"), account, day, cents, category),
    st.tuples(
        st.just("split"), account, day, st.lists(st.tuples(cents, category), min_size=2, max_size=4)
    ),
    st.tuples(
        st.just("transfer"), account, account, day, st.integers(1, 90_000), st.integers(1, 90_000)
    ),
    st.tuples(
        st.just("edit"), pick, st.one_of(st.none(), cents), category, st.one_of(st.none(), day)
    ),
    st.tuples(st.just("move"), pick, account),
    st.tuples(st.just("stale"), pick),
    st.tuples(st.just("delete"), pick),
)


def _amount(value: int, ccy: str) -> str:
    if ccy == "JPY":
        return str(value)
    return format(Decimal(value).scaleb(-2), "f")


class Run:
    """Apply operations through the API, keeping the ids and versions it returned."""

    def __init__(self, api: Owner) -> None:
        self.api = api
        self.accounts = [(api.account(n, c, opening_balance=o), c) for n, c, o in ACCOUNTS]
        self.categories = [api.category(n) for n in CATEGORIES]
        self.live: dict[str, dict[str, Any]] = {}  # id -> transaction as last returned

    def _date(self, when: tuple[str, int]) -> str:
        return f"{when[0]}-{when[1]:02d}"

    def _cat(self, index: int | None) -> str:
        return "" if index is None else self.categories[index]

    def _keep(self, items: list[dict]) -> None:
        for item in items:
            self.live[item["id"]] = item

    def _pick(self, n: int, plain: bool = False) -> dict | None:
        ids = sorted(i for i, t in self.live.items() if not (plain and t["transfer_id"]))
        return self.live[ids[n % len(ids)]] if ids else None

    def apply(self, op: tuple) -> None:
        kind, api = op[0], self.api
        if kind == "create":
            (acct, ccy), when, value, cat = self.accounts[op[1]], op[2], op[3], op[4]
            self._keep(
                [api.txn(acct, _amount(value, ccy), self._date(when), category=self._cat(cat))]
            )
        elif kind == "split":
            (acct, ccy), when, lines = self.accounts[op[1]], op[2], op[3]
            splits = [{"category": self._cat(c), "amount": _amount(v, ccy)} for v, c in lines]
            total = _amount(sum(v for v, _ in lines), ccy)
            self._keep([api.txn(acct, total, self._date(when), splits=splits)])
        elif kind == "transfer":
            (a, ca), (b, cb) = self.accounts[op[1]], self.accounts[op[2]]
            if a == b:
                return
            body = {"date": self._date(op[3]), "from_account": a, "to_account": b}
            body["amount"] = _amount(op[4], ca)
            if ca != cb:
                body["to_amount"] = _amount(op[5], cb)
            self._keep(api.ok("POST", "/money/transfers", body)["transactions"])
        elif kind == "edit":
            txn = self._pick(op[1])
            if txn is None:
                return
            body: dict[str, Any] = {"version": txn["version"]}
            if op[4] is not None:
                body["date"] = self._date(op[4])
            if op[2] is not None:
                body["amount"] = _amount(op[2], txn["currency"])  # signed: money in or out
                if txn["transfer_id"]:
                    other = self.live[txn["counterpart"]]
                    out, into = (txn, other) if txn["amount"].startswith("-") else (other, txn)
                    body["amount"] = _amount(abs(op[2]) or 1, out["currency"])
                    if out["currency"] != into["currency"]:
                        body["to_amount"] = _amount(abs(op[2]) or 1, into["currency"])
                elif txn["splits"]:
                    body["splits"] = []
            if not txn["transfer_id"] and op[3] is not None:
                body["category"] = self._cat(op[3])
                if txn["splits"] and "amount" not in body:
                    body["splits"] = []
            self._keep(api.ok("PATCH", f"/money/transactions/{txn['id']}", body)["transactions"])
        elif kind == "move":
            txn = self._pick(op[1], plain=True)
            target, ccy = self.accounts[op[2]]
            if txn is None or ccy != txn["currency"]:
                return
            body = {"version": txn["version"], "account": target}
            self._keep(api.ok("PATCH", f"/money/transactions/{txn['id']}", body)["transactions"])
        elif kind == "stale":
            txn = self._pick(op[1])
            if txn is None:
                return
            body = {"version": txn["version"] + 5, "notes": "stale"}
            status, answer = api.call("PATCH", f"/money/transactions/{txn['id']}", body)
            assert status == 409 and answer["current"]["version"] == txn["version"]
        elif kind == "delete":
            txn = self._pick(op[1])
            if txn is None:
                return
            path = f"/money/transactions/{txn['id']}?version={txn['version']}"
            for gone in api.ok("DELETE", path)["deleted"]:
                self.live.pop(gone)


def check_reports(run: Run) -> None:
    api, table = run.api, run.api.table
    items = recount.stored(table, MONTHS)
    assert sorted(i["id"] for i in items) == sorted(run.live)
    for period in [*MONTHS, "2025", "2026"]:
        report = api.ok("GET", f"/money/reports/spending/{period}")["currencies"]
        got = [
            {
                **{k: c[k] for k in ("currency", "income", "expense", "net")},
                "categories": {
                    x["category"]: (x["total"], x["inflow"], x["outflow"], x["count"])
                    for x in c["categories"]
                },
            }
            for c in report
        ]
        want = recount.spending(items, period)
        for c in want:  # a category whose lines cancel out is listed only if it has lines
            c["categories"] = {k: v for k, v in c["categories"].items() if v[3]}
        assert got == want, period
    flows = api.ok("GET", f"/money/reports/income-expense?from={MONTHS[0]}&to={MONTHS[-1]}")
    for entry in flows["months"]:
        want = {
            c["currency"]: {k: c[k] for k in ("income", "expense", "net")}
            for c in recount.spending(items, entry["month"])
        }
        assert entry["currencies"] == want, entry["month"]
    worth = api.ok("GET", f"/money/reports/net-worth?from={MONTHS[0]}&to={MONTHS[-1]}")
    accounts = {a["id"]: a for a in api.ok("GET", "/money/accounts")["accounts"]}
    want = recount.balances(items, accounts, MONTHS)
    got = {(a["id"], b["month"]): b["balance"] for a in worth["accounts"] for b in a["balances"]}
    assert got == want
    for acct in accounts.values():
        assert acct["balance"] == want[(acct["id"], MONTHS[-1])]
    # The transactions behind each category figure add up to it.
    food = run.categories[0]
    for month in MONTHS:
        behind = api.ok("GET", f"/money/transactions?month={month}&category={food}")["totals"]
        want_food = {
            c["currency"]: c["categories"][food][0]
            for c in recount.spending(items, month)
            if food in c["categories"]
        }
        assert behind == want_food


@settings(
    max_examples=30,
    deadline=None,
    # Shrinking replays whole API sequences against the store: minutes. The failing
    # sequence is printed as found.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_reports_equal_a_recount_of_the_stored_transactions(
    moto_url: str, dynamodb_local_url: str, operations: list[tuple]
) -> None:
    run = Run(Owner(build_app(moto_url, dynamodb_local_url)))
    for op in operations:
        run.apply(op)
    check_reports(run)
