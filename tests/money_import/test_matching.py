"""Properties of the preview's matching (pure, no store): nothing twice, nothing merged."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from api.money import csvbank, imports

PAYEES = ["REWE Markt", "Bäckerei", "Shell 123", "Rent", "Coffee"]
row_values = st.tuples(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=-500, max_value=500).map(lambda c: Decimal(c).scaleb(-2)),
    st.sampled_from(PAYEES),
)


def bank_rows(values: list[tuple[int, Decimal, str]]) -> list[csvbank.BankRow]:
    seen: dict[tuple, int] = {}
    rows = []
    for n, (offset, amount, payee) in enumerate(values):
        day = date(2026, 11, 1) + timedelta(days=offset)
        key = (day, amount, payee)
        seen[key] = seen.get(key, -1) + 1
        ident = csvbank.import_id(day, amount, payee, seen[key])
        rows.append(csvbank.BankRow(n + 2, day, amount, payee, payee, "", ident))
    return rows


def stored(rows: list[csvbank.BankRow]) -> list[dict]:
    return [
        {
            "id": imports.txn_id("acct0001", r.import_id),
            "account": "acct0001",
            "currency": "EUR",
            "date": r.date.isoformat(),
            "amount": r.amount,
            "payee": r.payee,
            "raw_payee": r.raw_payee,
            "import_id": r.import_id,
        }
        for r in rows
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(row_values, max_size=40))
def test_a_file_against_its_own_import_is_all_duplicates_each_matched_once(values) -> None:
    rows = bank_rows(values)
    assert [e["status"] for e in imports.classify(rows, [], [])] == ["new"] * len(rows)
    again = imports.classify(rows, stored(rows), [])
    assert [e["status"] for e in again] == ["duplicate"] * len(rows)
    assert [e["match"] for e in again] == [imports.txn_id("acct0001", r.import_id) for r in rows]


@settings(max_examples=150, deadline=None)
@given(st.lists(row_values, min_size=1, max_size=30), st.lists(row_values, max_size=30))
def test_typed_entries_are_never_matched_twice_nor_to_another_amount(values, typed) -> None:
    rows = bank_rows(values)
    manual = [
        {**item, "id": f"manual{n:04d}", "import_id": ""}
        for n, item in enumerate(stored(bank_rows(typed)))
    ]
    by_id = {t["id"]: t for t in manual}
    result = imports.classify(rows, manual, [])
    matched = [e["match"] for e in result if e["match"]]
    assert len(matched) == len(set(matched))
    for entry, row in zip(result, rows, strict=True):
        assert entry["status"] in {"new", "duplicate", "possible_duplicate"}
        for ident in ([entry["match"]] if entry["match"] else []) + entry["similar"]:
            assert by_id[ident]["amount"] == row.amount
            assert abs(date.fromisoformat(by_id[ident]["date"]) - row.date) <= timedelta(days=3)
