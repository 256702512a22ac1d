"""Bank import, rules and recurring transactions in the OpenAPI document.

``openapi_paths()`` is joined by ``api.openapi.build_spec`` like the other groups.
"""

from __future__ import annotations

from typing import Any

from . import keys

ID = {"type": "string", "pattern": f"^{keys.ID_PATTERN}$"}
DATE = {"type": "string", "format": "date"}
AMOUNT = {
    "type": "string",
    "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$",
    "example": "-12.30",
    "description": "Exact money as a string in the account's currency (numbers are refused).",
}
MAPPING = {
    "type": "object",
    "required": ["date", "payee"],
    "additionalProperties": False,
    "description": "How the bank writes its CSV; columns are named by their header text.",
    "properties": {
        "date": {"type": "string", "description": "Column of the booking date."},
        "payee": {"type": "string", "description": "Column of the payee or description."},
        "date_format": {"type": "string", "default": "%Y-%m-%d", "example": "%d.%m.%Y"},
        "amount": {"type": "string", "description": "One signed amount column, or:"},
        "money_in": {"type": "string", "description": "Column of money in (unsigned)."},
        "money_out": {"type": "string", "description": "Column of money out (unsigned)."},
        "notes": {"type": "string", "description": "Column of the purpose or memo."},
        "reference": {"type": "string", "description": "Column of the bank's own row id."},
        "decimal": {"enum": [".", ","], "default": "."},
        "thousands": {"enum": ["", ",", ".", " ", "'"], "default": ""},
        "flip_sign": {"type": "boolean", "default": False},
        "encoding": {"enum": ["auto", "utf-8", "latin-1", "cp1252"], "default": "auto"},
        "delimiter": {
            "enum": ["", ",", ";", "\t", "|"],
            "default": "",
            "description": "'': detect",
        },
        "skip_lines": {"type": "integer", "minimum": 0, "maximum": 50, "default": 0},
    },
}
ROW = {
    "type": "object",
    "description": (
        "index, line, date, amount, raw_payee (the bank's text), payee (cleaned, or a "
        "rule's), notes, category (a rule's), import_id, status (new, duplicate, changed, "
        "possible_duplicate), reason, match (the stored transaction), changes "
        "({field: [stored, bank]}), similar (ids), decision (the default; '' = the owner decides)."
    ),
}
PREVIEW = {
    "type": "object",
    "description": "id, account, currency, source (format, bank, problems by line), state "
    "(previewed, confirmed), counts by status, rows, and result once confirmed.",
    "properties": {"rows": {"type": "array", "items": ROW}},
}
RULE_IN = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "field": {"enum": ["payee", "notes"]},
        "op": {"enum": ["is", "contains", "starts_with"]},
        "value": {"type": "string", "minLength": 1, "maxLength": 200},
        "set_category": {"type": "string", "description": "A category id ('' for none)."},
        "set_payee": {"type": "string", "maxLength": 200},
    },
}
RECURRING_IN = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "account": ID,
        "amount": AMOUNT,
        "payee": {"type": "string", "maxLength": 200},
        "category": {"type": "string"},
        "notes": {"type": "string", "maxLength": 2000},
        "every": {"enum": ["month", "week", "year"]},
        "day": {"type": "integer", "minimum": 1, "maximum": 31, "description": "month, year"},
        "weekday": {"type": "integer", "minimum": 0, "maximum": 6, "description": "0 = Monday"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12, "description": "year"},
        "start": DATE,
        "end": {"type": "string", "description": "A date, or '' for none."},
        "active": {"type": "boolean"},
    },
}
_PATH = {
    "preview": "A preview's id, as the preview answered.",
    "rule": "A rule's id.",
    "ident": "A recurring transaction's id.",
}


def _param(name: str) -> dict[str, Any]:
    if name == "bank":
        schema = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,39}$"}
        return {"name": name, "in": "path", "required": True, "schema": schema, "example": "ing"}
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": f"^{keys.ID_PATTERN}$"},
        "example": keys.ID_EXAMPLE,
        "description": _PATH[name],
    }


def openapi_paths() -> dict[str, Any]:
    """Describe the import, rule and recurring endpoints for /openapi.json."""
    from ..idempotency import IDEMPOTENCY_PARAMETER
    from ..openapi import OWNER, errors, json_body, ok, success

    obj = {"type": "object"}
    read = errors(401, 429, 503)
    one = errors(401, 404, 429, 503)
    write = errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503)
    idem = [IDEMPOTENCY_PARAMETER]

    def op(summary: str, response: dict, errs: dict, **more: Any) -> dict[str, Any]:
        return {"summary": summary, "security": OWNER, "responses": {**response, **errs}, **more}

    def done(**props: Any) -> dict[str, Any]:
        return {"200": ok(success(**props))}

    def made(**props: Any) -> dict[str, Any]:
        return {"201": ok(success(**props), "Stored.")}

    upload = {
        "type": "object",
        "required": ["account", "content_base64"],
        "additionalProperties": False,
        "properties": {
            "account": ID,
            "content_base64": {"type": "string", "description": "The bank file, base64."},
            "format": {"enum": ["", "csv", "ofx"], "description": "Left out: detected."},
            "bank": {"type": "string", "description": "Use (or save) this bank's mapping."},
            "mapping": MAPPING,
            "save_mapping": {"type": "boolean", "default": True},
            "ofx_account": {"type": "string", "description": "Which statement of the file."},
        },
    }
    decisions = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "decisions": {
                "type": "object",
                "description": "Row index to import, skip or update; others take the default.",
                "additionalProperties": {"enum": ["import", "skip", "update"]},
            }
        },
    }
    counts = {"type": "object", "additionalProperties": {"type": "integer"}}
    return {
        "/money/imports": {
            "post": op(
                "Read a bank file (CSV through a mapping, or OFX/QFX) and preview every row "
                "as new, duplicate, changed or possible duplicate; nothing is imported yet.",
                made(preview=PREVIEW),
                write,
                parameters=idem,
                requestBody=json_body(upload),
            )
        },
        "/money/imports/{preview}": {
            "parameters": [_param("preview")],
            "get": op("Show a preview (kept two days) with every row.", done(preview=PREVIEW), one),
        },
        "/money/imports/{preview}/confirm": {
            "parameters": [_param("preview")],
            "post": op(
                "Import as decided: each row once however often this is sent; a changed "
                "row updates its transaction. 422 names each possible duplicate left undecided.",
                done(result=counts, preview=PREVIEW),
                write,
                parameters=idem,
                requestBody=json_body(decisions),
            ),
        },
        "/money/imports/restore": {
            "post": op(
                "Read the money log's own CSV export back (ids kept: twice adds nothing).",
                done(restored={"type": "integer"}, already={"type": "integer"}),
                write,
                parameters=idem,
                requestBody=json_body(
                    {
                        "type": "object",
                        "required": ["content_base64"],
                        "additionalProperties": False,
                        "properties": {"content_base64": {"type": "string"}},
                    }
                ),
            )
        },
        "/money/imports/banks": {
            "get": op("List the saved column mappings, one per bank.", done(banks=obj), read)
        },
        "/money/imports/banks/{bank}": {
            "parameters": [_param("bank")],
            "put": op(
                "Save a bank's column mapping.",
                done(bank=obj),
                write,
                parameters=idem,
                requestBody=json_body(MAPPING),
            ),
            "delete": op("Forget a bank's mapping.", done(deleted=obj), write, parameters=idem),
        },
        "/money/rules": {
            "get": op("List the rules in the order they apply.", done(rules=obj), read),
            "post": op(
                "Make a rule: when payee or notes is / contains / starts with a text, "
                "set the category and/or the payee (imports and new entries).",
                made(rule=obj),
                write,
                parameters=idem,
                requestBody=json_body({**RULE_IN, "required": ["field", "op", "value"]}),
            ),
        },
        "/money/rules/suggestions": {
            "get": op(
                "List the rules worth offering: payees moved to one category twice or more.",
                done(suggestions={"type": "array", "items": RULE_IN}),
                read,
            )
        },
        "/money/rules/{rule}": {
            "parameters": [_param("rule")],
            "patch": op(
                "Change a rule.",
                done(rule=obj),
                write,
                parameters=idem,
                requestBody=json_body(RULE_IN),
            ),
            "delete": op("Delete a rule.", done(deleted=obj), write, parameters=idem),
        },
        "/money/recurring": {
            "get": op("List the recurring transactions.", done(recurring=obj), read),
            "post": op(
                "Define a recurring transaction; the hourly job makes each period's once.",
                made(recurring=obj),
                write,
                parameters=idem,
                requestBody=json_body(
                    {**RECURRING_IN, "required": ["account", "amount", "every", "start"]}
                ),
            ),
        },
        "/money/recurring/run": {
            "post": op(
                "Make what is due now, as the job does (each period once).",
                done(made={"type": "integer"}, already={"type": "integer"}),
                write,
                parameters=idem,
            )
        },
        "/money/recurring/{ident}": {
            "parameters": [_param("ident")],
            "get": op("Show a recurring transaction.", done(recurring=obj), one),
            "patch": op(
                "Change or pause (active: false) a recurring transaction.",
                done(recurring=obj),
                write,
                parameters=idem,
                requestBody=json_body(RECURRING_IN),
            ),
            "delete": op(
                "Delete a recurring transaction (what it made stays).",
                done(deleted=obj),
                write,
                parameters=idem,
            ),
        },
    }
