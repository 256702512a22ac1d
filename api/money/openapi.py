"""The money endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from typing import Any

from . import keys
from .fields import TAG
from .openapi_schemas import (
    ACCOUNT,
    ACCOUNT_IN,
    BUDGET_IN,
    CATEGORY,
    CCY,
    CONVERT,
    GOAL_IN,
    ID,
    MONTH,
    PERIOD,
    QUERY_VERSION,
    RANGE,
    RATE_IN,
    REPORT,
    TEXT,
    TRANSFER_IN,
    TXN,
    TXN_IN,
    _needs,
    _param,
)


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
