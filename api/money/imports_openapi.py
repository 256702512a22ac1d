"""Bank import, rules and recurring transactions in the OpenAPI document.

``openapi_paths()`` is joined by ``api.openapi.build_spec`` like the other groups.
"""

from __future__ import annotations

from typing import Any

from . import keys

DATE_PATTERN = "[0-9]{4}-[0-9]{2}-[0-9]{2}"


def _enum(*allowed: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(allowed), "pattern": f"^({'|'.join(allowed)})$"}


def _schemas() -> dict[str, Any]:
    """Build the request schemas from the fields the checks use."""
    from . import fields, rules
    from .imports_fields import id_schema

    amount = {
        "type": "string",
        "pattern": "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$",
        "example": "-12.30",
        "description": "Exact money as a string in the account's currency (numbers are refused).",
    }
    rule_in = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "field": _enum(*rules.FIELDS),
            "op": _enum(*rules.OPS),
            "value": rules.VALUE.json_schema(),
            "set_category": {**id_schema(blank=True), "description": "A category ('': none)."},
            "set_payee": rules.PAYEE.json_schema(),
        },
    }
    recurring_in = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "account": id_schema(),
            "amount": amount,
            "payee": fields.PAYEE.json_schema(),
            "category": id_schema(blank=True),
            "notes": fields.NOTES.json_schema(),
            "every": _enum("month", "week", "year"),
            "day": {"type": "integer", "minimum": 1, "maximum": 31, "description": "month, year"},
            "weekday": {"type": "integer", "minimum": 0, "maximum": 6, "description": "0: Monday"},
            "month": {"type": "integer", "minimum": 1, "maximum": 12, "description": "yearly"},
            "start": {"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"},
            "end": {"type": "string", "pattern": f"^(|{DATE_PATTERN})$", "description": "'': none"},
            "active": {"type": "boolean"},
        },
    }
    return {"rule_in": rule_in, "recurring_in": recurring_in}


def _with_file(body: dict[str, Any]) -> dict[str, Any]:
    """Let the file also come as the body itself (up to 5 MB; JSON keeps the usual limit)."""
    from .imports_fields import FILE_TYPES

    binary = {"schema": {"type": "string", "format": "binary"}}
    body["content"].update({media: binary for media in FILE_TYPES})
    body["description"] = (
        "JSON with the file base64-encoded (within the API's usual body limit), or the "
        "file itself as the body (text/csv, application/octet-stream, OFX types; up to "
        "5 MB) with the other fields in the query string."
    )
    return body


def _upload_query(upload: dict[str, Any]) -> list[dict[str, Any]]:
    """The query parameters of a file sent as the body (the JSON fields but the file)."""
    out = []
    for name in ("account", "format", "bank", "ofx_account", "save_mapping", "mapping"):
        schema = dict(upload["properties"][name])
        if name == "save_mapping":
            schema = {"type": "string", "enum": ["true", "false"], "pattern": "^(true|false)$"}
        elif name == "mapping":
            schema = {"type": "string", "description": "The column mapping as JSON text."}
        out.append({"name": name, "in": "query", "required": False, "schema": schema})
    return out


def _versioned(schema: dict[str, Any]) -> dict[str, Any]:
    """An edit's body: the fields to change and the version they were read at (409 if stale)."""
    version = {"type": "integer", "minimum": 1, "description": "The version you read."}
    return {
        **schema,
        "required": ["version"],
        "properties": {**schema["properties"], "version": version},
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
_PATH = {
    "preview": "A preview's id, as the preview answered.",
    "rule": "A rule's id.",
    "ident": "A recurring transaction's id.",
}


def _param(name: str) -> dict[str, Any]:
    if name == "bank":
        from .imports_fields import BANK_EXAMPLE, BANK_PATTERN

        schema = {"type": "string", "pattern": f"^{BANK_PATTERN}$"}
        example = BANK_EXAMPLE
        return {"name": name, "in": "path", "required": True, "schema": schema, "example": example}
    from ..openapi import path_param

    return path_param(name, "[a-z0-9]{16}", keys.ID_EXAMPLE, _PATH[name])


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

    many, text = {"type": "array", "items": obj}, {"type": "string"}

    def done(**props: Any) -> dict[str, Any]:
        return {"200": ok(success(**props))}

    def made(**props: Any) -> dict[str, Any]:
        return {"201": ok(success(**props), "Stored.")}

    from .imports_fields import CONTENT, mapping_schema, preview_schema

    upload, mapping = preview_schema(), mapping_schema()
    made_ = _schemas()
    rule_in, recurring_in = made_["rule_in"], made_["recurring_in"]
    decisions = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "decisions": {
                "type": "object",
                "description": "Row index to import, skip or update; others take the default.",
                "additionalProperties": {"type": "string", "enum": ["import", "skip", "update"]},
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
                parameters=[*idem, *_upload_query(upload)],
                requestBody=_with_file(json_body(upload)),
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
                requestBody=_with_file(
                    json_body(
                        {
                            "type": "object",
                            "required": ["content_base64"],
                            "additionalProperties": False,
                            "properties": {"content_base64": CONTENT.json_schema()},
                        }
                    )
                ),
            )
        },
        "/money/imports/banks": {
            "get": op("List the saved column mappings, one per bank.", done(banks=many), read)
        },
        "/money/imports/banks/{bank}": {
            "parameters": [_param("bank")],
            "put": op(
                "Save a bank's column mapping.",
                done(bank=obj),
                write,
                parameters=idem,
                requestBody=json_body(mapping),
            ),
            "delete": op("Forget a bank's mapping.", done(deleted=text), write, parameters=idem),
        },
        "/money/rules": {
            "get": op("List the rules in the order they apply.", done(rules=many), read),
            "post": op(
                "Make a rule: when payee or notes is / contains / starts with a text, "
                "set the category and/or the payee (imports and new entries).",
                made(rule=obj),
                write,
                parameters=idem,
                requestBody=json_body({**rule_in, "required": ["field", "op", "value"]}),
            ),
        },
        "/money/rules/suggestions": {
            "get": op(
                "List the rules worth offering: payees moved to one category twice or more.",
                done(suggestions={"type": "array", "items": rule_in}),
                read,
            )
        },
        "/money/rules/{rule}": {
            "parameters": [_param("rule")],
            "patch": op(
                "Change a rule at the version read (409 version_conflict if it changed).",
                done(rule=obj),
                write,
                parameters=idem,
                requestBody=json_body(_versioned(rule_in)),
            ),
            "delete": op("Delete a rule.", done(deleted=text), write, parameters=idem),
        },
        "/money/recurring": {
            "get": op("List the recurring transactions.", done(recurring=many), read),
            "post": op(
                "Define a recurring transaction; the hourly job makes each period's once.",
                made(recurring=obj),
                write,
                parameters=idem,
                requestBody=json_body(
                    {**recurring_in, "required": ["account", "amount", "every", "start"]}
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
                "Change or pause (active: false) a recurring transaction, at the version read.",
                done(recurring=obj),
                write,
                parameters=idem,
                requestBody=json_body(_versioned(recurring_in)),
            ),
            "delete": op(
                "Delete a recurring transaction (what it made stays).",
                done(deleted=text),
                write,
                parameters=idem,
            ),
        },
    }
