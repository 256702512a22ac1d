"""Money endpoints for bank import, saved bank mappings, rules and recurring transactions.

Owner only: the routes join the money blueprint (``blueprint.bp``), which
guards every request. Writes take an ``Idempotency-Key``. A bank file travels
base64-encoded in JSON (``content_base64``, within the API's usual body limit:
a month's statement), or as the request body itself (``text/csv``,
``application/octet-stream``, OFX types; its fields in the query string) up to
:data:`IMPORT_MAX_BYTES`: a year's file, without base64's third more.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Response, current_app, g, jsonify, request

from ..body import read_body
from ..errors import InvalidFields
from ..idempotency import idempotent
from ..routing import id_converter, use_converter
from ..services import current
from . import accounts, amounts, imports, imports_confirm, imports_fields, keys, recurring, rules
from .blueprint import bp, missing

log = logging.getLogger("api.money.imports")
IMPORT_MAX_BYTES = 5 * 1024 * 1024  # a year of a busy account is ~1 MB of CSV; Lambda takes 6 MB
BankName = id_converter("bank_name", imports_fields.BANK_PATTERN, imports_fields.BANK_EXAMPLE)
use_converter(bp, "bank_name", BankName)
# Previews, rules and recurring definitions have ids of exactly 16 characters (keys.new_id):
# anything longer matches no route (404), before any body is read.
KEY_PATTERN = "[a-z0-9]{16}"
MoneyKey = id_converter("money_key", KEY_PATTERN, keys.ID_EXAMPLE)
use_converter(bp, "money_key", MoneyKey)


def large_body(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let a file sent as the body itself be up to IMPORT_MAX_BYTES (JSON keeps the usual limit).

    Set before the idempotency check, which reads the body to hash it.
    """

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if request.mimetype in imports_fields.FILE_TYPES:
            request.max_content_length = IMPORT_MAX_BYTES
        return view(*args, **kwargs)

    return wrapped


def _file_request(json_reader: Callable[[Any], Any], upload: Callable[..., Any]) -> Any:
    """Read a request that holds a file: JSON with base64, or the file itself as the body."""
    if request.mimetype in imports_fields.FILE_TYPES:
        return upload(request.args, request.get_data(cache=True))
    data = read_body()[0]
    if request.args and isinstance(data, dict):
        # The query string may carry the fields the body leaves out (as for a file body).
        data = {**imports_fields.query_fields(request.args), **data}
    return json_reader(data)


def _rows(table: Any, clean: dict[str, Any], account: dict[str, Any]) -> Any:
    """Read the file as CSV or OFX; return (rows, source description)."""
    from . import csvbank, ofx

    places, raw = amounts.exponent(account["currency"]), clean["content"]
    kind = clean["format"] or ("ofx" if ofx.looks_like_ofx(raw) else "csv")
    if kind == "ofx":
        try:
            statements = ofx.parse(raw, places)
        except ofx.OfxError as exc:
            raise InvalidFields(fields={"content_base64": str(exc)}) from None
        wanted = clean["ofx_account"]
        chosen = [s for s in statements if not wanted or s.account == wanted]
        if len(chosen) != 1:
            names = ", ".join(s.account for s in statements)
            message = f"Choose one of the file's accounts: {names}."
            raise InvalidFields(fields={"ofx_account": message})
        stmt = chosen[0]
        if stmt.currency and stmt.currency != account["currency"]:
            message = f"The statement is in {stmt.currency}; the account is {account['currency']}."
            raise InvalidFields(fields={"account": message})
        return stmt.rows, {"format": "ofx", "bank_account": stmt.account, "problems": []}
    bank, mapping = clean["bank"], clean["mapping"]
    if mapping is None and bank and (saved := imports.saved_mapping(table, bank)):
        mapping = csvbank.Mapping.from_item(saved)
    if mapping is None:
        message = "Send a column mapping, or a bank with a saved one."
        raise InvalidFields(fields={"mapping": message})
    try:
        parsed = csvbank.parse(raw, mapping, places)
    except csvbank.MappingError as exc:
        raise InvalidFields(fields={f"mapping.{k}": v for k, v in exc.fields.items()}) from None
    if bank and clean["save_mapping"] and clean["mapping"] is not None:
        imports.save_mapping(table, bank, mapping)
    return parsed.rows, {"format": "csv", "bank": bank, "problems": parsed.problems[:100]}


@bp.post("/money/imports")
@large_body
@idempotent
def preview_import() -> tuple[Response, int]:
    """Read a bank file (CSV or OFX/QFX) and preview every row as new, duplicate or changed."""
    clean = _file_request(imports_fields.preview_request, imports_fields.upload_request)
    table = current().table
    account = accounts.get(table, clean["account"])
    if account is None:
        raise InvalidFields(fields={"account": "No such account."})
    rows, source = _rows(table, clean, account)
    if not rows:
        fields = {"content_base64": "No rows could be read.", **_problem_fields(source)}
        raise InvalidFields(fields=fields)
    meta = imports.preview(table, account, rows, source)
    return jsonify(ok=True, preview=imports.public(meta)), 201


def _problem_fields(source: dict[str, Any]) -> dict[str, str]:
    return {f"line {p['line']}": p["message"] for p in source.get("problems", [])[:20]}


@bp.get("/money/imports/<money_key:preview>")
def show_import(preview: str) -> Response:
    """Show a preview (or a confirmed import) with every row."""
    meta = imports.load(current().table, preview)
    if meta is None:
        raise missing("import preview", preview)
    return jsonify(ok=True, preview=imports.public(meta))


@bp.post("/money/imports/<money_key:preview>/confirm")
@idempotent
def confirm_import(preview: str) -> Response:
    """Import the previewed rows as decided (defaults: new in, duplicates out, changes in)."""
    given = imports_fields.decisions_request(read_body()[0])
    services = current()
    meta = imports.load(services.table, preview)
    if meta is None:
        raise missing("import preview", preview)
    decisions, problems = imports.decide(meta, given)
    if problems:
        raise InvalidFields(fields=problems)
    result = imports_confirm.confirm(services.table, meta, decisions)
    try:  # the alerts are a side effect: the import stands even if SES is down
        from . import alerts

        today = datetime.now(UTC).date()
        days = [r["date"] for r in meta["rows"]]
        alerts.check_dates(services.table, services.ses, services.settings, days, today)
    except Exception as exc:
        log.warning("budget alerts after import %s: %s", preview, exc)
    meta = imports.load(services.table, preview) or meta
    return jsonify(ok=True, result=result, preview=imports.public(meta))


@bp.get("/money/imports/banks")
def list_banks() -> Response:
    """List the saved column mappings, one per bank."""
    from . import csvbank

    found = imports.saved_mappings(current().table)
    banks = [{"name": i["name"], "mapping": csvbank.Mapping.from_item(i).to_item()} for i in found]
    return jsonify(ok=True, banks=banks)


@bp.put("/money/imports/banks/<bank_name:bank>")
@idempotent
def save_bank(bank: str) -> Response:
    """Save a bank's column mapping (replacing any)."""
    mapping = imports_fields.bank_request(read_body()[0])
    imports.save_mapping(current().table, bank, mapping)
    return jsonify(ok=True, bank={"name": bank, "mapping": mapping.to_item()})


@bp.delete("/money/imports/banks/<bank_name:bank>")
@idempotent
def delete_bank(bank: str) -> Response:
    """Forget a bank's saved mapping."""
    if current().table.delete(imports.bank_pk(bank), "META") is None:
        raise missing("saved bank mapping", bank)
    return jsonify(ok=True, deleted=bank)


@bp.before_request
def _remember_before_edit() -> None:
    """Keep a transaction as it was before an edit, to see whether its category moved."""
    if request.endpoint == "money.edit_transaction" and request.view_args:
        from . import store

        g.money_before_edit = store.get(current().table, request.view_args["txn"])


@bp.after_request
def _offer_rule(response: Response) -> Response:
    """Add ``suggested_rule`` to an edit's answer: a rule, once a payee moved twice alike."""
    old = g.pop("money_before_edit", None)
    if request.endpoint != "money.edit_transaction" or response.status_code != 200:
        return response
    data = response.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("transaction"), dict):
        return response
    new, offer = data["transaction"], None
    replayed = response.headers.get("Idempotent-Replayed")
    if old is not None and not replayed and not (new.get("transfer_id") or new.get("splits")):
        try:
            offer = rules.note_recategorised(current().table, old, new)
        except Exception as exc:  # the edit is stored; an offer is a nicety
            log.warning("rule suggestion after editing %s: %s", new.get("id"), exc)
    data["suggested_rule"] = offer
    response.set_data(current_app.json.dumps(data))
    return response


@bp.get("/money/rules")
def list_rules() -> Response:
    """List the rules, in the order they apply."""
    return jsonify(ok=True, rules=[rules.public(r) for r in rules.every(current().table)])


@bp.get("/money/rules/suggestions")
def rule_suggestions() -> Response:
    """List the rules worth offering: payees the owner moved to one category twice or more."""
    return jsonify(ok=True, suggestions=rules.suggestions(current().table))


@bp.post("/money/rules")
@idempotent
def create_rule() -> tuple[Response, int]:
    """Make a rule (when payee or notes is / contains / starts with, set category or payee)."""
    item = rules.create(current().table, read_body()[0])
    return jsonify(ok=True, rule=rules.public(item)), 201


@bp.patch("/money/rules/<money_key:rule>")
@idempotent
def edit_rule(rule: str) -> Response:
    """Change a rule."""
    item = rules.edit(current().table, rule, read_body()[0])
    if item is None:
        raise missing("rule", rule)
    return jsonify(ok=True, rule=rules.public(item))


@bp.delete("/money/rules/<money_key:rule>")
@idempotent
def delete_rule(rule: str) -> Response:
    """Delete a rule (what it set stays set)."""
    if not rules.delete(current().table, rule):
        raise missing("rule", rule)
    return jsonify(ok=True, deleted=rule)


@bp.get("/money/recurring")
def list_recurring() -> Response:
    """List the recurring transactions."""
    found = recurring.every(current().table)
    return jsonify(ok=True, recurring=[recurring.public(r) for r in found])


@bp.post("/money/recurring")
@idempotent
def create_recurring() -> tuple[Response, int]:
    """Define a recurring transaction (monthly on day N, weekly on a weekday, yearly)."""
    item = recurring.create(current().table, read_body()[0])
    return jsonify(ok=True, recurring=recurring.public(item)), 201


@bp.get("/money/recurring/<money_key:ident>")
def show_recurring(ident: str) -> Response:
    """Show one recurring transaction."""
    item = recurring.get(current().table, ident)
    if item is None:
        raise missing("recurring transaction", ident)
    return jsonify(ok=True, recurring=recurring.public(item))


@bp.patch("/money/recurring/<money_key:ident>")
@idempotent
def edit_recurring(ident: str) -> Response:
    """Change a recurring transaction (or pause it with active: false)."""
    item = recurring.edit(current().table, ident, read_body()[0])
    if item is None:
        raise missing("recurring transaction", ident)
    return jsonify(ok=True, recurring=recurring.public(item))


@bp.delete("/money/recurring/<money_key:ident>")
@idempotent
def delete_recurring(ident: str) -> Response:
    """Delete a recurring transaction (those it made stay)."""
    if not recurring.delete(current().table, ident):
        raise missing("recurring transaction", ident)
    return jsonify(ok=True, deleted=ident)


@bp.post("/money/recurring/run")
@idempotent
def run_recurring() -> Response:
    """Make what is due now, as the scheduled job does (each period once)."""
    counts = recurring.run(current().table, datetime.now(UTC).date())
    return jsonify(ok=True, **counts)


def _restore_upload(args: Any, raw: bytes) -> bytes:
    if args:
        raise InvalidFields(fields={k[:64]: "Unknown parameter." for k in args})
    if not raw:
        raise InvalidFields(fields={"file": "Send the export as the request body."})
    return raw


@bp.post("/money/imports/restore")
@large_body
@idempotent
def restore_export() -> Response:
    """Read the money log's own CSV export back (ids kept: twice adds nothing)."""
    from . import imports_export

    raw = _file_request(imports_fields.restore_request, _restore_upload)
    try:
        counts = imports_export.restore(current().table, raw)
    except imports_export.ExportError as exc:
        raise InvalidFields(fields=exc.fields) from None
    return jsonify(ok=True, **counts)
