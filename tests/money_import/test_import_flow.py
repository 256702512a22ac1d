"""Preview, confirm, re-import: nothing twice, changes update, near misses asked about."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .conftest import GERMAN, Owner, fixture

pytestmark = pytest.mark.dynamodb_local


def statuses(preview: dict) -> list[str]:
    return [r["status"] for r in preview["rows"]]


def test_the_same_bank_csv_imported_twice_adds_nothing(owner_api: Owner) -> None:
    account = owner_api.account()
    first = owner_api.preview(account, fixture("de_bank.csv"), bank="sparkasse", mapping=GERMAN)
    assert statuses(first) == ["new"] * 5
    assert first["counts"]["new"] == 5
    done = owner_api.confirm(first["id"])
    assert done["result"]["imported"] == 5
    stored = sorted(owner_api.transactions(), key=lambda t: t["date"])
    assert len(stored) == 5
    assert {t["amount"] for t in stored} == {
        Decimal("-45.67"),
        Decimal("-1234.50"),
        Decimal("3250.00"),
        Decimal("-3.20"),
    }
    power = next(t for t in stored if t["amount"] == Decimal("-1234.50"))
    assert power["raw_payee"] == "Stadtwerke München"
    assert power["notes"] == "Abschlag Strom"

    # Again, by the saved mapping of this bank: every row is a duplicate, nothing is added.
    again = owner_api.preview(account, fixture("de_bank.csv"), bank="sparkasse")
    assert statuses(again) == ["duplicate"] * 5
    assert owner_api.confirm(again["id"])["result"]["imported"] == 0
    assert len(owner_api.transactions()) == 5
    # Even a confirm forced to import every duplicate cannot double them.
    forced = owner_api.preview(account, fixture("de_bank.csv"), bank="sparkasse")
    result = owner_api.confirm(forced["id"], {str(i): "import" for i in range(5)})["result"]
    assert result["imported"] == 0 and result["already"] == 5
    assert len(owner_api.transactions()) == 5
    # The account's balance counted each row once.
    balance = owner_api.ok("GET", f"/money/accounts/{account}")["account"]["balance"]
    assert balance == "1963.43"


def test_a_confirm_sent_twice_imports_once(owner_api: Owner) -> None:
    account = owner_api.account()
    preview = owner_api.preview(account, fixture("de_bank.csv"), mapping=GERMAN)
    owner_api.confirm(preview["id"])
    second = owner_api.confirm(preview["id"])["result"]
    assert second["imported"] == 0 and second["already"] == 5
    assert len(owner_api.transactions()) == 5


def test_ofx_reimport_updates_a_changed_row_instead_of_adding_it(owner_api: Owner) -> None:
    account = owner_api.account("Checking", "USD")
    first = owner_api.preview(account, fixture("bank.qfx"))
    assert statuses(first) == ["new"] * 4
    assert first["source"]["format"] == "ofx"
    owner_api.confirm(first["id"])
    before = {t["import_id"]: t for t in owner_api.transactions()}
    assert before["ofx:000123456789:2026110301"]["raw_payee"] == "WHOLE FOODS MKT #10234"

    # The bank corrected one amount and one date; FITIDs are the same.
    changed = (
        fixture("bank.qfx")
        .replace(b"<TRNAMT>-42.17", b"<TRNAMT>-42.71")
        .replace(b"20261128120000", b"20261127120000")
    )
    again = owner_api.preview(account, changed)
    assert statuses(again) == ["changed", "duplicate", "duplicate", "changed"]
    assert again["rows"][0]["changes"] == {"amount": ["-42.17", "-42.71"]}
    assert again["rows"][3]["changes"] == {"date": ["2026-11-28", "2026-11-27"]}
    result = owner_api.confirm(again["id"])["result"]
    assert result["updated"] == 2 and result["imported"] == 0
    after = {t["import_id"]: t for t in owner_api.transactions()}
    assert len(after) == 4
    food = after["ofx:000123456789:2026110301"]
    assert food["id"] == before["ofx:000123456789:2026110301"]["id"]
    assert food["amount"] == Decimal("-42.71") and food["version"] == 2
    assert after["ofx:000123456789:2026112801"]["date"] == "2026-11-27"


def test_a_typed_entry_is_a_duplicate_and_a_near_miss_is_asked(owner_api: Owner) -> None:
    account = owner_api.account()
    typed = owner_api.txn(account, "-45.67", "2026-11-02", payee="REWE Markt GmbH")
    near = owner_api.txn(account, "-3.20", "2026-11-21", payee="Bäckerei")
    unrelated = owner_api.txn(account, "3250.00", "2026-11-15", payee="Lottery win")
    preview = owner_api.preview(account, fixture("de_bank.csv"), mapping=GERMAN)
    rows = preview["rows"]
    assert rows[0]["status"] == "duplicate" and rows[0]["match"] == typed["id"]
    assert rows[0]["raw_payee"] == "REWE Markt GmbH"
    # Two rolls for 3.20 and a typed "Bäckerei" 3.20: similar, never merged silently.
    assert rows[3]["status"] == "possible_duplicate"
    assert rows[3]["similar"] == [near["id"]]
    assert rows[4]["status"] == "possible_duplicate"
    # The same amount from an unrelated payee is a new row, not a duplicate.
    assert rows[2]["status"] == "new" and unrelated["id"] not in rows[2]["similar"]

    status, body = owner_api.call("POST", f"/money/imports/{preview['id']}/confirm", {})
    assert status == 422
    assert set(body["fields"]) == {"rows[3]", "rows[4]"}
    done = owner_api.confirm(preview["id"], {"3": "skip", "4": "import"})["result"]
    assert done["imported"] == 3 and done["skipped"] == 2
    assert len(owner_api.transactions()) == 3 + 3


def test_three_bank_layouts_import_exact_amounts(owner_api: Owner) -> None:
    account = owner_api.account("Current", "GBP")
    uk = {
        "date": "Date",
        "payee": "Description",
        "money_in": "Paid in",
        "money_out": "Paid out",
        "date_format": "%d/%m/%Y",
        "thousands": ",",
    }
    preview = owner_api.preview(account, fixture("uk_bank.csv"), mapping=uk, bank="uk-bank")
    assert [r["amount"] for r in preview["rows"]] == ["-23.45", "2400.00", "-1100.00", "12.99"]
    assert preview["rows"][0]["payee"] == "Tesco Stores"
    us_account = owner_api.account("Card", "USD")
    us = {
        "date": "Transaction Date",
        "payee": "Description",
        "amount": "Amount",
        "notes": "Memo",
        "date_format": "%m/%d/%Y",
        "thousands": ",",
    }
    preview = owner_api.preview(us_account, fixture("us_bank.csv"), mapping=us)
    assert [r["amount"] for r in preview["rows"]] == ["-5.75", "-1299.99", "4100.00", "-60.10"]
    banks = owner_api.ok("GET", "/money/imports/banks")["banks"]
    assert [b["name"] for b in banks] == ["uk-bank"]


def test_bad_requests_name_the_field(owner_api: Owner) -> None:
    account = owner_api.account()
    status, body = owner_api.call(
        "POST", "/money/imports", {"account": account, "content_base64": "!!"}
    )
    assert status == 422 and "content_base64" in body["fields"]
    status, body = owner_api.call(
        "POST",
        "/money/imports",
        {"account": account, "content_base64": "YQ==", "mapping": {"date": "Date"}},
    )
    assert status == 422 and "mapping.payee" in body["fields"]
    bad = dict(GERMAN, amount="Betrag")
    status, body = owner_api.call(
        "POST",
        "/money/imports",
        {"account": account, "content_base64": "QQ==", "mapping": bad, "format": "csv"},
    )
    assert status == 422
    status, _ = owner_api.call("GET", "/money/imports/abcdefgh12345678")
    assert status == 404


def test_two_confirms_at_once_import_each_row_once(owner_api: Owner) -> None:
    from concurrent.futures import ThreadPoolExecutor

    account = owner_api.account()
    lines = ["Date,Payee,Amount"]
    lines += [f"2026-11-{1 + n % 28:02d},Shop {n % 7},-{n + 1}.25" for n in range(120)]
    mapping = {"date": "Date", "payee": "Payee", "amount": "Amount"}
    preview = owner_api.preview(account, "\n".join(lines).encode(), mapping=mapping)
    path = f"/money/imports/{preview['id']}/confirm"

    def confirm(_: int) -> dict:
        response = owner_api.app.test_client().post(
            path, json={"decisions": {}}, headers=owner_api.headers
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()["result"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(confirm, range(2)))
    assert sum(r["imported"] for r in results) == 120
    assert sum(r["already"] for r in results) == 120
    stored = owner_api.transactions()
    assert len(stored) == 120
    balance = owner_api.ok("GET", f"/money/accounts/{account}")["account"]["balance"]
    assert balance == str(-sum(n + 1 for n in range(120)) - 30) + ".00"


def test_a_large_file_goes_as_the_body_itself(owner_api: Owner) -> None:
    import base64
    import json

    account = owner_api.account()
    lines = ["Date;Payee;Amount"]
    lines += [f"{1 + n % 28:02d}.11.2026;Laden {n};-{n},50" for n in range(3000)]
    data = "\n".join(lines).encode("cp1252")
    assert len(data) > 64 * 1024
    mapping = {"date": "Date", "payee": "Payee", "amount": "Amount", "date_format": "%d.%m.%Y"}
    mapping["decimal"] = ","
    as_json = {"account": account, "content_base64": base64.b64encode(data).decode()}
    status, body = owner_api.call("POST", "/money/imports", {**as_json, "mapping": mapping})
    assert status == 413 and body["error"] == "payload_too_large"
    query = {"account": account, "bank": "big-bank", "mapping": json.dumps(mapping)}
    response = owner_api.client.post(
        "/money/imports",
        query_string=query,
        data=data,
        content_type="text/csv",
        headers=owner_api.headers,
    )
    assert response.status_code == 201, response.get_json()
    preview = response.get_json()["preview"]
    assert preview["counts"]["new"] == 3000
    assert preview["rows"][2999]["amount"] == "-2999.50"
    # The bank's mapping was saved: the next file needs only the bank's name.
    response = owner_api.client.post(
        "/money/imports",
        query_string={"account": account, "bank": "big-bank"},
        data=data,
        content_type="application/octet-stream",
        headers=owner_api.headers,
    )
    assert response.status_code == 201
    status = owner_api.client.post(
        "/money/imports",
        query_string={"account": account, "nope": "1"},
        data=data,
        content_type="text/csv",
        headers=owner_api.headers,
    ).status_code
    assert status == 422
