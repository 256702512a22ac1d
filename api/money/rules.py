"""Rules: when a payee or the notes match, set the category or the payee.

``RULE#<id>`` / ``META`` (GSI1 ``MONEY#RULES`` / ``<created>#<id>``): ``field``
(``payee`` or ``notes``), ``op`` (``is``, ``contains``, ``starts_with``),
``value``, and what to set (``set_category``, ``set_payee``). Matching ignores
case and runs of spaces; a payee rule looks at the cleaned payee and at the
bank's raw text, so "contains REWE" finds "REWE Markt GmbH 4711". Rules apply
in the order they were made; the first rule that sets a field wins it.

Learning: each time the owner moves a payee's transaction to another category,
``MONEY#RECAT`` / ``<payee key>#<category>`` counts it. The second time for the same
payee and category, and with no rule for that payee yet, a rule is offered
(``suggested_rule``) — never made without the owner.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..errors import ApiError
from ..storage import ConditionFailed, Table
from ..validation import Field
from . import keys, store
from .fields import Problems, body_object, version

INDEX = "MONEY#RULES"
FIELDS = ("payee", "notes")
OPS = ("is", "contains", "starts_with")
VALUE = Field(max_length=200, single_line=True, description="The text to look for.")
PAYEE = Field(required=False, max_length=200, single_line=True, description="Payee to set.")
SUGGEST_AFTER = 2
RECAT = "MONEY#RECAT"  # sort key <payee key>#<category>: how often the owner moved it
_SPACES = re.compile(r"\s+")


class VersionConflict(ApiError):
    """Saved meanwhile by another device: reload and edit again."""

    status, code = 409, "version_conflict"
    message = "Someone saved a newer version first: reload it, apply your change and resend."


def normal(text: Any) -> str:
    """Return text as rules compare it: lower case, single spaces, trimmed."""
    return _SPACES.sub(" ", str(text or "")).strip().casefold()


def rule_pk(rule: str) -> str:
    """Return the partition of a rule."""
    return f"RULE#{rule}"


def matches(rule: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Tell whether a rule matches a transaction's payee (or raw payee) or notes."""
    wanted = normal(rule["value"])
    if rule["field"] == "payee":
        texts = [fields.get("payee"), fields.get("raw_payee")]
    else:
        texts = [fields.get("notes")]
    for text in filter(None, map(normal, texts)):
        if rule["op"] == "is" and text == wanted:
            return True
        if rule["op"] == "contains" and wanted in text:
            return True
        if rule["op"] == "starts_with" and text.startswith(wanted):
            return True
    return False


def apply(rules: list[dict[str, Any]], fields: dict[str, Any]) -> dict[str, Any]:
    """Return the changes the rules make to a transaction (category, payee), first rule first."""
    changes: dict[str, Any] = {}
    for rule in rules:
        if not matches(rule, fields):
            continue
        if rule.get("set_category") and "category" not in changes:
            changes["category"] = rule["set_category"]
        if rule.get("set_payee") and "payee" not in changes:
            changes["payee"] = rule["set_payee"]
    return changes


def every(table: Table) -> list[dict[str, Any]]:
    """Return every rule, oldest first."""
    return store.index(table, INDEX)


def apply_stored(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Return ``fields`` with the stored rules applied to what the owner left blank."""
    changes = apply(every(table), fields)
    out = dict(fields)
    for name, value in changes.items():
        if not out.get(name) or name == "payee" and out.get(name) == out.get("raw_payee"):
            out[name] = value
    return out


def public(item: dict[str, Any]) -> dict[str, Any]:
    """Describe a rule for clients."""
    return {
        k: item.get(k, "")
        for k in ("id", "field", "op", "value", "set_category", "set_payee", "created_at")
    } | {"version": int(item.get("version", 1))}


def check(table: Table, data: Any, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return a rule's cleaned fields from a request body, or raise every problem."""
    data = body_object(data)
    p = Problems()
    allowed = {"field", "op", "value", "set_category", "set_payee"}
    p.unknown(data, allowed if old is None else allowed | {"version"})
    if old is None:
        p.required(data, "field", "op", "value")
    clean: dict[str, Any] = {}
    if old is not None:
        clean["version"] = version(data, p)
    for name, allowed in (("field", FIELDS), ("op", OPS)):
        if name in data:
            if data[name] in allowed:
                clean[name] = data[name]
            else:
                p.add(name, f"Must be one of {', '.join(allowed)}.")
    if (value := p.text(data, "value", VALUE)) is not None:
        clean["value"] = value
    if (payee := p.text(data, "set_payee", PAYEE)) is not None:
        clean["set_payee"] = payee
    if "set_category" in data:
        known = {c["id"] for c in store.index(table, keys.CATEGORY_INDEX)}
        category = p.ident(data, "set_category", known)
        if category is not None:
            clean["set_category"] = category
    merged = {**(old or {}), **clean}
    sets = old is None or {"set_category", "set_payee"} & set(data)
    if not p.fields and sets and not (merged.get("set_category") or merged.get("set_payee")):
        p.add("set_category", "Say what the rule sets: set_category, set_payee or both.")
    p.raise_any()
    return clean


def create(table: Table, data: Any) -> dict[str, Any]:
    """Store a new rule from a request body."""
    clean = check(table, data)
    rule, stamp = keys.new_id(), datetime.now(UTC).isoformat(timespec="seconds")
    item = {
        "pk": rule_pk(rule),
        "sk": keys.META,
        "gsi1pk": INDEX,
        "gsi1sk": f"{stamp}#{rule}",
        "id": rule,
        "set_category": "",
        "set_payee": "",
        **clean,
        "version": 1,
        "created_at": stamp,
    }
    table.put_new(item)
    return item


def edit(table: Table, rule: str, data: Any) -> dict[str, Any] | None:
    """Change a rule (None if there is none)."""
    old = table.get(rule_pk(rule), keys.META) if keys.is_id(rule) else None
    clean = check(table, data, old or {})  # a bad body is 422 even for a rule that is gone
    if old is None:
        return None
    return save_version(table, old, clean)


def save_version(table: Table, old: dict[str, Any], clean: dict[str, Any]) -> dict[str, Any]:
    """Write ``old`` changed by ``clean`` if still at the ``version`` the edit was based on."""
    expected = clean.pop("version")
    if expected != int(old.get("version", 1)):
        raise VersionConflict()
    item = {**old, **clean, "version": expected + 1}
    try:
        table.call(
            "put_item",
            TableName=table.name,
            Item=table.dump(item),
            ConditionExpression="#v = :v",
            ExpressionAttributeNames={"#v": "version"},
            ExpressionAttributeValues=table.dump({":v": expected}),
        )
    except ConditionFailed as exc:
        raise VersionConflict() from exc
    return item


def delete(table: Table, rule: str) -> bool:
    """Delete a rule; False if there was none."""
    return keys.is_id(rule) and table.delete(rule_pk(rule), keys.META) is not None


def _payee_key(payee: str) -> str:
    return normal(payee)[:200]


def note_recategorised(
    table: Table, old: dict[str, Any], new: dict[str, Any]
) -> dict[str, Any] | None:
    """Count an edit that moved a payee to another category; return a rule to offer, if due.

    Call it after an edit is stored, with the transaction as it was and as it is.
    """
    payee = new.get("payee") or new.get("raw_payee") or ""
    category = new.get("category") or ""
    if not payee or not category or category == (old.get("category") or ""):
        return None
    key = _payee_key(payee)
    counted = table.update(
        RECAT,
        f"{key}#{category}",
        "SET #payee = :p, #category = :c ADD #count :one",
        {":p": payee, ":c": category, ":one": 1},
        names={"#payee": "payee", "#category": "category", "#count": "count"},
    )
    if int(counted["count"]) < SUGGEST_AFTER:
        return None
    return suggestion(table, payee, category)


def suggestion(table: Table, payee: str, category: str) -> dict[str, Any] | None:
    """Return the rule to offer for a payee and category, or None if a rule covers it."""
    fields = {"payee": payee, "raw_payee": payee}
    for rule in every(table):
        if rule.get("set_category") and matches(rule, fields):
            return None
    return {"field": "payee", "op": "is", "value": payee, "set_category": category}


def suggestions(table: Table) -> list[dict[str, Any]]:
    """Return every rule worth offering now (payees moved to one category at least twice)."""
    rules, offers = every(table), []
    for item in store.partition(table, RECAT):  # one small item per payee and category moved
        if int(item.get("count", 0)) < SUGGEST_AFTER:
            continue
        fields = {"payee": item["payee"], "raw_payee": item["payee"]}
        if not any(r.get("set_category") and matches(r, fields) for r in rules):
            offer = {"field": "payee", "op": "is", "value": item["payee"]}
            offers.append({**offer, "set_category": item["category"]})
    return offers
