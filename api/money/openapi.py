"""The money endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from typing import Any

from . import amounts, keys
from .fields import GROUP, IMPORT_ID, NAME, NOTES, PAYEE, RAW_PAYEE, TAG, VERSION_QUERY

MONEY = {
    "type": "string",
    "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$",
    "description": "An exact amount as a string, in the currency's minor units "
    '("-12.30"; "1500" in JPY). JSON numbers are refused.',
    "example": "-12.30",
}
ID = {"type": "string", "pattern": f"^{keys.ID_PATTERN}$", "example": keys.ID_EXAMPLE}
# An id that may be left blank ("": none), as a transaction's category or a goal's link.
OPT_ID = {**ID, "pattern": f"^(?:{keys.ID_PATTERN})?$", "description": "An id, or blank for none."}
# A budget is zero or more: no minus sign.
NOT_NEGATIVE = {**MONEY, "pattern": "^[0-9]{1,15}(\\.[0-9]{1,4})?$", "example": "250.00"}
CCY = {
    "type": "string",
    "pattern": f"^{keys.CURRENCY_PATTERN}$",
    "enum": sorted(amounts.CURRENCIES),
    "example": "EUR",
    "description": "ISO 4217 code.",
}
DATE = {
    "type": "string",
    "format": "date",
    "pattern": f"^{keys.YEAR_PATTERN}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$",
    "description": "yyyy-mm-dd, 1900 to 2199.",
    "example": "2026-11-03",
}


def _choice(*values: str) -> dict[str, Any]:
    """Return a text field taking one of ``values`` (the pattern says no other text will do)."""
    return {"type": "string", "enum": list(values), "pattern": f"^(?:{'|'.join(values)})$"}


TEXT = {"type": "string"}
VERSION = {"type": "integer", "minimum": 1, "description": "The version read; a stale one is 409."}
SPLIT = {
    "type": "object",
    "required": ["amount"],
    "properties": {"category": OPT_ID, "amount": MONEY, "notes": NOTES.json_schema()},
}
ACCOUNT_IN = {
    "type": "object",
    "properties": {
        "name": NAME.json_schema(),
        "type": _choice("checking", "savings", "cash", "credit_card"),
        "currency": CCY,
        "opening_balance": MONEY,
        "version": VERSION,
    },
}
ACCOUNT = {
    "type": "object",
    "properties": {
        **ACCOUNT_IN["properties"],
        "id": ID,
        "balance": {**MONEY, "description": "Opening balance plus every transaction."},
    },
}
CATEGORY = {
    "type": "object",
    "properties": {
        "id": ID,
        "name": NAME.json_schema(),
        "group": GROUP.json_schema(),
        "kind": _choice("expense", "income"),
        "version": VERSION,
    },
}
TXN_IN = {
    "type": "object",
    "properties": {
        "date": DATE,
        "account": ID,
        "amount": {**MONEY, "description": "Negative is money out. " + MONEY["description"]},
        "payee": PAYEE.json_schema(),
        "raw_payee": RAW_PAYEE.json_schema(),
        "category": OPT_ID,
        "splits": {
            "type": "array",
            "items": SPLIT,
            "maxItems": 30,
            "not": {"minItems": 1, "maxItems": 1},
            "description": "2 to 30 lines adding up to the amount exactly; or empty.",
        },
        "notes": NOTES.json_schema(),
        "tags": {"type": "array", "items": TAG.json_schema(), "maxItems": 20},
        "import_id": IMPORT_ID.json_schema(),
        "version": VERSION,
    },
}
TXN = {
    "type": "object",
    "properties": {
        **TXN_IN["properties"],
        "id": ID,
        "currency": CCY,
        "transfer_id": TEXT,
        "counterpart": {"type": "string", "description": "The other leg of a transfer."},
    },
}
TRANSFER_IN = {
    "type": "object",
    "required": ["date", "from_account", "to_account", "amount"],
    "properties": {
        "date": DATE,
        "from_account": ID,
        "to_account": ID,
        "amount": {**MONEY, "description": "What leaves from_account (more than zero)."},
        "to_amount": {**MONEY, "description": "What arrives; required across currencies."},
        "payee": PAYEE.json_schema(),
        "notes": NOTES.json_schema(),
        "tags": {"type": "array", "items": TAG.json_schema(), "maxItems": 20},
    },
}
BUDGET_IN = {
    "type": "object",
    "required": ["amount", "currency"],
    "properties": {"amount": NOT_NEGATIVE, "currency": CCY, "rollover": {"type": "boolean"}},
}
GOAL_IN = {
    "type": "object",
    "properties": {
        "name": NAME.json_schema(),
        "target": MONEY,
        "currency": CCY,
        "by": DATE,
        "account": OPT_ID,
        "category": OPT_ID,
        "start": {"type": "string", "pattern": f"^{keys.MONTH_PATTERN}$"},
        "version": VERSION,
    },
}
RATE_IN = {
    "type": "object",
    "required": ["rate"],
    "properties": {
        "rate": {"type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,12})?$", "example": "1.0850"}
    },
}
REPORT = {"type": "object", "description": "See docs/money.md, section Reports."}


def _param(name: str, schema: dict, where: str = "path", text: str = "") -> dict[str, Any]:
    param = {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": text,
    }
    if "example" in schema:  # as every path parameter of the document has it (tests fill ids)
        param["example"] = schema["example"]
    return param


PERIOD = _param(
    "period",
    {"type": "string", "pattern": f"^(?:{keys.PERIOD_PATTERN})$", "example": "2026-03"},
    text="A month (YYYY-MM) or a year (YYYY).",
)
QUERY_VERSION = {
    **_param("version", VERSION_QUERY["version"].json_schema(), "query", "The version read."),
    "required": True,
}
MONTH = {"type": "string", "pattern": f"^{keys.MONTH_PATTERN}$"}
CONVERT = _param("convert", CCY, "query", "Also total in this currency with the entered rates.")
RANGE = [
    _param("from", MONTH, "query", "First month (yyyy-mm), before 'to'."),
    _param("to", MONTH, "query", "Last month (yyyy-mm)."),
]


def _needs(schema: dict[str, Any], *names: str) -> dict[str, Any]:
    """Return a request body schema: these fields required, no others taken.

    ``version`` is taken by edits only (those that require it).
    """
    properties = dict(schema["properties"])
    if "version" not in names:
        properties.pop("version", None)
    properties.pop("id", None)
    return {
        "type": "object",
        "properties": properties,
        "required": list(names),
        "additionalProperties": False,
    }


def openapi_paths() -> dict[str, Any]:
    """Describe the money endpoints for /openapi.json."""
    from ..idempotency import IDEMPOTENCY_PARAMETER
    from ..openapi import OWNER, errors, json_body, ok, success

    def op(
        summary: str,
        answer: dict[str, Any],
        *,
        body: dict | None = None,
        params: list | None = None,
        status: str = "200",
        conflict: bool = False,
        write: bool = False,
    ) -> dict[str, Any]:
        write = write or body is not None or status == "201" or conflict
        codes = [400, 401, 404, 422, 429, 503] + ([403, 409, 413, 415] if write else [])
        out: dict[str, Any] = {
            "summary": summary,
            "tags": ["Money"],
            "security": OWNER,
            "parameters": [*(params or []), *([IDEMPOTENCY_PARAMETER] if write else [])],
            "responses": {status: ok(success(**answer)), **errors(*codes)},
        }
        if conflict:
            out["responses"]["409"]["description"] = (
                "Stale version (version_conflict): nothing was changed; the error body also "
                "holds current, the item as it is now, to redo the change on."
            )
        if body is not None:
            out["requestBody"] = json_body(body)
        return out

    one = {"type": "array", "items": TXN}

    def ident(name: str) -> list[dict[str, Any]]:
        return [_param(name, ID)]

    return {
        "/money/accounts": {
            "get": op("List accounts.", {"accounts": {"type": "array", "items": ACCOUNT}}),
            "post": op(
                "Open an account.",
                {"account": ACCOUNT},
                body=_needs(ACCOUNT_IN, "name", "type", "currency"),
                status="201",
            ),
        },
        "/money/accounts/{account}": {
            "get": op("Show an account.", {"account": ACCOUNT}, params=ident("account")),
            "patch": op(
                "Edit an account.",
                {"account": ACCOUNT},
                body=_needs(ACCOUNT_IN, "version"),
                params=ident("account"),
                conflict=True,
            ),
            "delete": op(
                "Delete an account without transactions.",
                {"deleted": ID},
                params=[*ident("account"), QUERY_VERSION],
                conflict=True,
            ),
        },
        "/money/categories": {
            "get": op("List categories.", {"categories": {"type": "array", "items": CATEGORY}}),
            "post": op(
                "Add a category.",
                {"category": CATEGORY},
                body=_needs(CATEGORY, "name"),
                status="201",
            ),
        },
        "/money/categories/{category}": {
            "patch": op(
                "Edit a category.",
                {"category": CATEGORY},
                body=_needs(CATEGORY, "version"),
                params=ident("category"),
                conflict=True,
            ),
            "delete": op(
                "Delete a category.",
                {"deleted": ID},
                params=[*ident("category"), QUERY_VERSION],
                conflict=True,
            ),
        },
        "/money/transactions": {
            "get": op(
                "List the transactions behind a figure, with their matching lines' totals.",
                {"transactions": one, "totals": {"type": "object"}},
                params=[
                    _param("month", MONTH, "query", "yyyy-mm (default: this month)."),
                    _param(
                        "year",
                        {"type": "string", "pattern": f"^{keys.YEAR_PATTERN}$"},
                        "query",
                        "Or a whole year (yyyy), instead of month.",
                    ),
                    _param("account", ID, "query"),
                    _param(
                        "category",
                        {"type": "string", "pattern": f"^(?:{keys.ID_PATTERN}|_none|_transfer)$"},
                        "query",
                        "id, _none or _transfer.",
                    ),
                    _param(
                        "flow",
                        {"type": "string", "enum": ["in", "out"]},
                        "query",
                        "in: income, out: expense.",
                    ),
                    _param("tag", {**TAG.json_schema(), "minLength": 0}, "query", "Only this tag."),
                ],
            ),
            "post": op(
                "Log a transaction (with splits).",
                {"transaction": TXN},
                body=_needs(TXN_IN, "date", "account", "amount"),
                status="201",
            ),
        },
        "/money/transactions/{txn}": {
            "get": op("Show a transaction.", {"transaction": TXN}, params=ident("txn")),
            "patch": op(
                "Edit a transaction (a transfer through either leg).",
                {"transaction": TXN, "transactions": one},
                body=_needs(TXN_IN, "version"),
                params=ident("txn"),
                conflict=True,
            ),
            "delete": op(
                "Delete a transaction (both legs of a transfer).",
                {"deleted": {"type": "array", "items": ID}},
                params=[*ident("txn"), QUERY_VERSION],
                conflict=True,
            ),
        },
        "/money/transfers": {
            "post": op(
                "Move money between accounts.",
                {"transactions": one},
                body={**TRANSFER_IN, "additionalProperties": False},
                status="201",
            ),
        },
        "/money/budgets/{period}": {
            "get": op(
                "Budget vs actual for a month or year, with rollover and days left.",
                {"period": TEXT, "budgets": {"type": "array", "items": REPORT}},
                params=[PERIOD],
            ),
        },
        "/money/budgets/{period}/{category}": {
            "put": op(
                "Set a category's budget.",
                {"budget": REPORT},
                body={**BUDGET_IN, "additionalProperties": False},
                params=[PERIOD, _param("category", ID)],
            ),
            "delete": op(
                "Remove a budget.",
                {"deleted": REPORT},
                params=[PERIOD, _param("category", ID)],
                write=True,
            ),
        },
        "/money/goals": {
            "get": op("List goals with progress.", {"goals": {"type": "array", "items": REPORT}}),
            "post": op(
                "Set a goal.",
                {"goal": REPORT},
                body=_needs(GOAL_IN, "name", "target", "by"),
                status="201",
            ),
        },
        "/money/goals/{goal}": {
            "get": op("Show a goal with progress.", {"goal": REPORT}, params=ident("goal")),
            "patch": op(
                "Edit a goal.",
                {"goal": REPORT},
                body=_needs(GOAL_IN, "version"),
                params=ident("goal"),
                conflict=True,
            ),
            "delete": op(
                "Delete a goal.",
                {"deleted": ID},
                params=[*ident("goal"), QUERY_VERSION],
                conflict=True,
            ),
        },
        "/money/rates": {
            "get": op("List the exchange rates entered.", {"rates": {"type": "array"}}),
        },
        "/money/rates/{source}/{target}": {
            "put": op(
                "Enter how many `to` one `from` buys.",
                {"rate": REPORT},
                body={**RATE_IN, "additionalProperties": False},
                params=[_param("source", CCY), _param("target", {**CCY, "example": "SEK"})],
            ),
            "delete": op(
                "Remove a rate.",
                {"deleted": REPORT},
                params=[_param("source", CCY), _param("target", {**CCY, "example": "SEK"})],
                write=True,
            ),
        },
        "/money/summary": {
            "get": op(
                "The money home: balances, this month, budgets, goals.", {}, params=[CONVERT]
            ),
        },
        "/money/reports/spending/{period}": {
            "get": op(
                "Spending and income by category (aggregates only).",
                {"currencies": {"type": "array"}},
                params=[PERIOD, CONVERT],
            ),
        },
        "/money/reports/income-expense": {
            "get": op(
                "Income, expense and net per month.",
                {"months": {"type": "array"}},
                params=[*RANGE, CONVERT],
            ),
        },
        "/money/reports/net-worth": {
            "get": op(
                "Balances per account at each month's end, totals per currency.",
                {"accounts": {"type": "array"}, "months": {"type": "array"}},
                params=[*RANGE, CONVERT],
            ),
        },
        "/money/export.csv": {
            "get": {
                "summary": "Download transactions as CSV, one row per line (exact amounts).",
                "tags": ["Money"],
                "security": OWNER,
                "parameters": RANGE,
                "responses": {
                    "200": {
                        "description": "CSV file.",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **errors(400, 401, 422, 429, 503),
                },
            }
        },
    }


COMPONENTS: dict[str, Any] = {}
