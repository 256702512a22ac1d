"""Money endpoints for bank import, saved bank mappings, rules and recurring transactions.

Owner only: the routes join the money blueprint (``blueprint.bp``), which
guards every request. Writes take an ``Idempotency-Key``. A bank file travels
base64-encoded in JSON (``content_base64``), up to :data:`IMPORT_MAX_BYTES`.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Response, current_app, g, jsonify, request

from ..body import read_body
from ..errors import InvalidFields
from ..idempotency import idempotent
from ..routing import id_converter, use_converter
from ..services import current
from ..validation import Field
from . import accounts, amounts, imports, imports_confirm, recurring, rules
from .blueprint import bp, missing
from .fields import Problems, body_object

log = logging.getLogger("api.money.imports")
IMPORT_MAX_BYTES = 5 * 1024 * 1024  # a year of a busy account is ~1 MB of CSV; Lambda takes 6 MB
BANK_PATTERN = "[a-z0-9][a-z0-9-]{0,39}"
BankName = id_converter("bank_name", BANK_PATTERN, "my-bank")
use_converter(bp, "bank_name", BankName)
PREVIEW_FIELDS = {"account", "content_base64", "format", "bank", "mapping", "save_mapping"}
PREVIEW_FIELDS |= {"ofx_account"}
COLUMN = Field(required=False, max_length=100, single_line=True)
TEXT_OPTIONS = ("date", "payee", "date_format", "amount", "money_in", "money_out", "notes")
TEXT_OPTIONS += ("reference", "decimal", "thousands", "encoding", "delimiter")


def large_body(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let this view (and the idempotency check before it) read a bank file's size."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        request.max_content_length = IMPORT_MAX_BYTES
        return view(*args, **kwargs)

    return wrapped


def mapping_from(data: Any, prefix: str = "mapping") -> Any:
    """Return a csvbank.Mapping from a JSON object, or raise naming each bad field."""
    from . import csvbank

    p = Problems()
    if not isinstance(data, dict):
        raise InvalidFields(fields={prefix: "Must be an object: the column mapping."})
    p.unknown(data, set(csvbank.Mapping.__dataclass_fields__))
    values: dict[str, Any] = {}
    for name in TEXT_OPTIONS:
        if name in data:
            value = data[name]
            ok = isinstance(value, str) and len(value) <= 100 and "\n" not in value
            values[name] = value if ok else p.add(name, "Must be one line of text.")
    for name in ("flip_sign",):
        if name in data:
            ok = isinstance(data[name], bool)
            values[name] = data[name] if ok else p.add(name, "Must be true or false.")
    if "skip_lines" in data:
        ok = isinstance(data["skip_lines"], int) and not isinstance(data["skip_lines"], bool)
        values["skip_lines"] = data["skip_lines"] if ok else p.add("skip_lines", "Whole number.")
    p.required(data, "date", "payee")
    if not p.fields:
        mapping = csvbank.Mapping(**values)
        for name, message in mapping.problems().items():
            p.add(name, message)
    if p.fields:
        raise InvalidFields(fields={f"{prefix}.{k}": v for k, v in p.fields.items()})
    return mapping


def _file(data: dict[str, Any]) -> bytes:
    try:
        content = base64.b64decode(data.get("content_base64") or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        content = b""
    if not content:
        raise InvalidFields(fields={"content_base64": "Send the bank file, base64-encoded."})
    return content


def _rows(table: Any, data: dict[str, Any], account: dict[str, Any], content: bytes) -> Any:
    """Read the file as CSV or OFX; return (rows, source description)."""
    from . import csvbank, ofx

    places = amounts.exponent(account["currency"])
    kind = data.get("format") or ("ofx" if ofx.looks_like_ofx(content) else "csv")
    if kind == "ofx":
        try:
            statements = ofx.parse(content, places)
        except ofx.OfxError as exc:
            raise InvalidFields(fields={"content_base64": str(exc)}) from None
        wanted = data.get("ofx_account")
        chosen = [s for s in statements if not wanted or s.account == wanted]
        if len(chosen) != 1:
            names = ", ".join(s.account for s in statements)
            raise InvalidFields(
                fields={"ofx_account": f"Choose one of the file's accounts: {names}."}
            )
        stmt = chosen[0]
        if stmt.currency and stmt.currency != account["currency"]:
            message = f"The statement is in {stmt.currency}; the account is {account['currency']}."
            raise InvalidFields(fields={"account": message})
        return stmt.rows, {"format": "ofx", "bank_account": stmt.account, "problems": []}
    bank = data.get("bank") or ""
    if "mapping" in data:
        mapping = mapping_from(data["mapping"])
    elif bank and (saved := imports.saved_mapping(table, bank)):
        mapping = csvbank.Mapping.from_item(saved)
    else:
        raise InvalidFields(
            fields={"mapping": "Send a column mapping, or a bank with a saved one."}
        )
    try:
        parsed = csvbank.parse(content, mapping, places)
    except csvbank.MappingError as exc:
        raise InvalidFields(fields={f"mapping.{k}": v for k, v in exc.fields.items()}) from None
    if bank and data.get("save_mapping", True) and "mapping" in data:
        imports.save_mapping(table, bank, mapping)
    return parsed.rows, {"format": "csv", "bank": bank, "problems": parsed.problems[:100]}


@bp.post("/money/imports")
@large_body
@idempotent
def preview_import() -> tuple[Response, int]:
    """Read a bank file (CSV or OFX/QFX) and preview every row as new, duplicate or changed."""
    table = current().table
    data = body_object(read_body()[0])
    p = Problems()
    p.unknown(data, PREVIEW_FIELDS)
    p.required(data, "account", "content_base64")
    if data.get("format") not in (None, "", "csv", "ofx"):
        p.add("format", "Must be csv or ofx (or left out to detect it).")
    bank = data.get("bank")
    if bank not in (None, "") and not (isinstance(bank, str) and _is_bank(bank)):
        p.add("bank", "Must be a short name of lowercase letters, digits and dashes.")
    p.raise_any()
    account = accounts.get(table, data["account"]) if isinstance(data["account"], str) else None
    if account is None:
        raise InvalidFields(fields={"account": "No such account."})
    rows, source = _rows(table, data, account, _file(data))
    if not rows:
        fields = {"content_base64": "No rows could be read.", **_problem_fields(source)}
        raise InvalidFields(fields=fields)
    meta = imports.preview(table, account, rows, source)
    return jsonify(ok=True, preview=imports.public(meta)), 201


def _is_bank(name: str) -> bool:
    return re.fullmatch(BANK_PATTERN, name) is not None


def _problem_fields(source: dict[str, Any]) -> dict[str, str]:
    return {f"line {p['line']}": p["message"] for p in source.get("problems", [])[:20]}


@bp.get("/money/imports/<money_id:preview>")
def show_import(preview: str) -> Response:
    """Show a preview (or a confirmed import) with every row."""
    meta = imports.load(current().table, preview)
    if meta is None:
        raise missing("import preview", preview)
    return jsonify(ok=True, preview=imports.public(meta))


@bp.post("/money/imports/<money_id:preview>/confirm")
@idempotent
def confirm_import(preview: str) -> Response:
    """Import the previewed rows as decided (defaults: new in, duplicates out, changes in)."""
    services = current()
    meta = imports.load(services.table, preview)
    if meta is None:
        raise missing("import preview", preview)
    data = body_object(read_body()[0])
    unknown = {str(k)[:64]: "Unknown field." for k in data if k != "decisions"}
    decisions, problems = imports.decide(meta, data.get("decisions", {}))
    if unknown or problems:
        raise InvalidFields(fields={**unknown, **problems})
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
    mapping = mapping_from(read_body()[0], prefix="body")
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


@bp.patch("/money/rules/<money_id:rule>")
@idempotent
def edit_rule(rule: str) -> Response:
    """Change a rule."""
    item = rules.edit(current().table, rule, read_body()[0])
    if item is None:
        raise missing("rule", rule)
    return jsonify(ok=True, rule=rules.public(item))


@bp.delete("/money/rules/<money_id:rule>")
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


@bp.get("/money/recurring/<money_id:ident>")
def show_recurring(ident: str) -> Response:
    """Show one recurring transaction."""
    item = recurring.get(current().table, ident)
    if item is None:
        raise missing("recurring transaction", ident)
    return jsonify(ok=True, recurring=recurring.public(item))


@bp.patch("/money/recurring/<money_id:ident>")
@idempotent
def edit_recurring(ident: str) -> Response:
    """Change a recurring transaction (or pause it with active: false)."""
    item = recurring.edit(current().table, ident, read_body()[0])
    if item is None:
        raise missing("recurring transaction", ident)
    return jsonify(ok=True, recurring=recurring.public(item))


@bp.delete("/money/recurring/<money_id:ident>")
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


@bp.post("/money/imports/restore")
@large_body
@idempotent
def restore_export() -> Response:
    """Read the money log's own CSV export back (ids kept: twice adds nothing)."""
    from . import imports_export

    data = body_object(read_body()[0])
    unknown = {str(k)[:64]: "Unknown field." for k in data if k != "content_base64"}
    if unknown:
        raise InvalidFields(fields=unknown)
    try:
        counts = imports_export.restore(current().table, _file(data))
    except imports_export.ExportError as exc:
        raise InvalidFields(fields=exc.fields) from None
    return jsonify(ok=True, **counts)
