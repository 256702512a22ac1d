"""Bank import: preview every row as new, duplicate, changed or possible duplicate; confirm.

A preview reads the account's stored transactions around the file's dates and
classes each row (:func:`classify`, pure):

- ``duplicate``: a transaction has the row's import id (FITID, the bank's
  reference, or the CSV row hash) with the same date, amount and bank text; or
  a transaction with no import id (typed by the owner) has the same amount and
  payee within :data:`WINDOW` days. Skipped unless the owner says otherwise.
- ``changed``: a transaction has the row's import id, but the bank now says
  another amount, date or text. Confirming updates it in place (its category,
  notes and splits stay) instead of adding a second one (Firefly importer #2237).
- ``possible_duplicate``: same amount within the window, but the payee is only
  similar, or the candidate came from another import, or there are several.
  Never merged silently (Actual #2668): the owner must decide, row by row.
- ``new``: nothing like it; the owner's rules propose category and payee.

Confirming (``imports_confirm``) writes each imported row with an id derived
from the account and the import id, so the same file confirmed twice (or two
confirms racing) cannot add a row twice: the second write finds the id taken.

``IMPORT#<id>`` / ``META`` holds the preview (TTL two days), its rows in
chunks ``ROWS#<n>`` of JSON text (an item holds at most 400 KB).
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import date, timedelta
from typing import Any

from ..storage import Table
from . import accounts, amounts, keys, rules, store
from .csvbank import BankRow

WINDOW = 3  # days either side for a match without an import id
CHUNK_BYTES = 300_000  # rows per stored item: DynamoDB takes 400 KB
WRITERS = 4  # chunks written at once
TTL = 2 * 24 * 3600
BANKS = "MONEY#BANKS"  # GSI1 listing of the saved mappings
DECISIONS = {
    "new": ("import", "skip"),
    "duplicate": ("skip", "import"),
    "changed": ("update", "skip"),
    "possible_duplicate": ("import", "skip"),
}
DEFAULTS = {"new": "import", "duplicate": "skip", "changed": "update"}


def import_pk(preview: str) -> str:
    """Return the partition of a preview."""
    return f"IMPORT#{preview}"


def txn_id(account: str, import_id: str) -> str:
    """Return the id an imported row gets: the same for the same account and import id."""
    return "i" + hashlib.sha256(f"{account}|{import_id}".encode()).hexdigest()[:23]


def _similar(a: str, b: str) -> bool:
    a, b = rules.normal(a), rules.normal(b)
    if not a or not b:
        return False
    first_a, first_b = a.split()[0], b.split()[0]
    return a in b or b in a or (len(first_a) >= 3 and first_a == first_b)


def _same_payee(row: BankRow, txn: dict[str, Any]) -> bool:
    mine = {rules.normal(row.payee), rules.normal(row.raw_payee)}
    theirs = {rules.normal(txn.get("payee")), rules.normal(txn.get("raw_payee"))}
    return bool((mine & theirs) - {""})


def _changes(row: BankRow, txn: dict[str, Any]) -> dict[str, list[str]]:
    ccy = txn["currency"]
    out: dict[str, list[str]] = {}
    if amounts.exact(txn["amount"], ccy) != row.amount:
        out["amount"] = [amounts.text(txn["amount"], ccy), amounts.text(row.amount, ccy)]
    if txn["date"] != row.date.isoformat():
        out["date"] = [txn["date"], row.date.isoformat()]
    if (txn.get("raw_payee") or "") != row.raw_payee:
        out["raw_payee"] = [txn.get("raw_payee") or "", row.raw_payee]
    return out


def classify(
    rows: list[BankRow], existing: list[dict[str, Any]], rule_list: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Class each row against the account's stored transactions (pure; see the module doc)."""
    by_import = {t["import_id"]: t for t in existing if t.get("import_id")}
    in_file = {r.import_id for r in rows}
    taken: set[str] = set()  # a stored transaction answers for one row at most
    seen: dict[str, int] = {}
    out = []
    for index, row in enumerate(rows):
        entry: dict[str, Any] = {
            "index": index,
            "line": row.line,
            "date": row.date.isoformat(),
            "amount": row.amount,
            "raw_payee": row.raw_payee,
            "payee": row.payee,
            "notes": row.notes,
            "import_id": row.import_id,
            "match": "",
            "changes": {},
            "similar": [],
        }
        known = by_import.get(row.import_id)
        if row.import_id in seen:
            entry.update(status="duplicate", reason=f"same import id as row {seen[row.import_id]}")
        elif known is not None:
            taken.add(known["id"])
            changes = _changes(row, known)
            status = "changed" if changes else "duplicate"
            entry.update(status=status, match=known["id"], changes=changes, reason="import id")
        else:
            _fuzzy(entry, row, existing, in_file, taken)
        seen.setdefault(row.import_id, index)
        if entry["status"] in ("new", "possible_duplicate"):
            fields = {"payee": row.payee, "raw_payee": row.raw_payee, "notes": row.notes}
            proposed = rules.apply(rule_list, fields)
            entry["category"] = proposed.get("category", "")
            entry["payee"] = proposed.get("payee", row.payee)
        entry["decision"] = DEFAULTS.get(entry["status"], "")
        out.append(entry)
    return out


def _fuzzy(
    entry: dict[str, Any],
    row: BankRow,
    existing: list[dict[str, Any]],
    in_file: set[str],
    taken: set[str],
) -> None:
    near = [
        t
        for t in existing
        if t["id"] not in taken
        and t.get("import_id", "") not in in_file - {""}
        and amounts.exact(t["amount"], t["currency"]) == row.amount
        and abs((date.fromisoformat(t["date"]) - row.date).days) <= WINDOW
    ]
    same = [t for t in near if _same_payee(row, t)]
    similar = [t for t in near if t not in same and _similar(row.payee, t.get("payee") or "")]
    if len(same) == 1 and not same[0].get("import_id"):
        taken.add(same[0]["id"])
        entry.update(status="duplicate", match=same[0]["id"], reason="same amount and payee")
    elif same or similar:
        entry.update(
            status="possible_duplicate",
            similar=[t["id"] for t in same + similar],
            reason="same amount within 3 days; the payee or the source differs",
        )
    else:
        entry.update(status="new", reason="")


def existing_near(table: Table, account: str, rows: list[BankRow]) -> list[dict[str, Any]]:
    """Return the account's transactions in the months around the rows' dates."""
    if not rows:
        return []
    first = min(r.date for r in rows) - timedelta(days=31)
    last = max(r.date for r in rows) + timedelta(days=31)
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    read = store.partitions(table, [keys.txn_pk(m) for m in months])
    return [t for pk in sorted(read) for t in read[pk] if t["account"] == account]


def preview(
    table: Table, account: dict[str, Any], rows: list[BankRow], source: dict[str, Any]
) -> dict[str, Any]:
    """Class the rows, store the preview and return it (``rows`` included)."""
    classified = classify(rows, existing_near(table, account["id"], rows), rules.every(table))
    ident = keys.new_id()
    counts: dict[str, int] = dict.fromkeys(DECISIONS, 0)
    for entry in classified:
        counts[entry["status"]] += 1
    meta = {
        "pk": import_pk(ident),
        "sk": keys.META,
        "id": ident,
        "account": account["id"],
        "currency": account["currency"],
        "source": source,
        "counts": counts,
        "rows_total": len(classified),
        "state": "previewed",
        "created_at": accounts.now(),
        "expires_at": int(time.time()) + TTL,
    }
    chunks = [
        {"pk": meta["pk"], "sk": f"ROWS#{n:04d}", "rows": text, "expires_at": meta["expires_at"]}
        for n, text in enumerate(_packed(classified))
    ]
    _put_all(table, chunks)
    table.put_new(meta)  # last: a preview is readable only once all its rows are stored
    return {**meta, "rows": classified}


def _packed(rows: list[dict[str, Any]]) -> list[str]:
    """Pack rows as JSON arrays of at most CHUNK_BYTES each (amounts as exact strings).

    Stored as text, not as DynamoDB lists of maps: 5,000 rows of nested maps took
    seconds to write and read; the same rows as a few strings take milliseconds.
    """
    packs, current, size = [], [], 2
    for row in rows:
        text = json.dumps(row, default=str, ensure_ascii=False, separators=(",", ":"))
        if current and size + len(text.encode()) + 1 > CHUNK_BYTES:
            packs.append("[" + ",".join(current) + "]")
            current, size = [], 2
        current.append(text)
        size += len(text.encode()) + 1
    return [*packs, "[" + ",".join(current) + "]"] if current else packs


def _put_all(table: Table, items: list[dict[str, Any]]) -> None:
    if len(items) <= 1:
        for item in items:
            table.put_new(item)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(WRITERS, len(items))) as pool:
        list(pool.map(table.put_new, items))


def load(table: Table, ident: str) -> dict[str, Any] | None:
    """Return a stored preview with its rows, or None (unknown or expired)."""
    if not keys.is_id(ident):
        return None
    items = store.partition(table, import_pk(ident))
    meta = next((i for i in items if i["sk"] == keys.META), None)
    if meta is None or int(meta.get("expires_at", 0)) < time.time():
        return None
    rows = [r for i in items if i["sk"].startswith("ROWS#") for r in json.loads(i["rows"])]
    return {**meta, "rows": rows}


def public_row(entry: dict[str, Any], currency: str) -> dict[str, Any]:
    """Describe a preview row for clients (amount as a string)."""
    out = {k: v for k, v in entry.items() if k != "amount"}
    out["amount"] = amounts.text(entry["amount"], currency)
    out["index"], out["line"] = int(entry["index"]), int(entry["line"])
    return out


def public(meta: dict[str, Any]) -> dict[str, Any]:
    """Describe a preview for clients: its counts and every row."""
    ccy = meta["currency"]
    out = {k: meta.get(k) for k in ("id", "account", "currency", "source", "state", "created_at")}
    out["counts"] = {k: int(v) for k, v in meta["counts"].items()}
    out["rows"] = [public_row(r, ccy) for r in meta.get("rows", [])]
    if meta.get("result"):
        out["result"] = {k: int(v) for k, v in meta["result"].items()}
    return out


def decide(meta: dict[str, Any], given: Any) -> tuple[dict[int, str], dict[str, str]]:
    """Return each row's decision (given or default) and the problems, by ``rows[i]``."""
    problems: dict[str, str] = {}
    if not isinstance(given, dict):
        return {}, {"decisions": 'Must be an object like {"3": "skip"} (row index to decision).'}
    rows = meta["rows"]
    decisions = {int(r["index"]): r.get("decision", "") for r in rows}
    for key, value in given.items():
        index = int(key) if isinstance(key, str) and key.isascii() and key.isdigit() else -1
        if not 0 <= index < len(rows):
            problems[f"decisions.{str(key)[:12]}"] = "No row with this index."
            continue
        allowed = DECISIONS[rows[index]["status"]]
        if value not in allowed:
            problems[f"decisions.{index}"] = f"Must be one of {', '.join(allowed)}."
            continue
        decisions[index] = value
    for index, value in decisions.items():
        if not value and f"decisions.{index}" not in problems:
            problems[f"rows[{index}]"] = "A possible duplicate: decide import or skip."
    return decisions, problems


def bank_pk(name: str) -> str:
    """Return the partition of a bank's saved column mapping."""
    return f"BANKMAP#{name}"


def save_mapping(table: Table, name: str, mapping: Any) -> dict[str, Any]:
    """Save (or replace) the mapping of the bank called ``name``."""
    item = {"pk": bank_pk(name), "sk": keys.META, "gsi1pk": BANKS, "gsi1sk": name, "name": name}
    item.update(mapping.to_item(), saved_at=accounts.now())
    table.call("put_item", TableName=table.name, Item=table.dump(item))
    return item


def saved_mapping(table: Table, name: str) -> dict[str, Any] | None:
    """Return a bank's saved mapping item, or None."""
    return table.get(bank_pk(name), keys.META)


def saved_mappings(table: Table) -> list[dict[str, Any]]:
    """Return every bank's saved mapping, by name."""
    return store.index(table, BANKS)
