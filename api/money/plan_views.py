"""Money endpoints for budgets, goals and exchange rates (owner only, on the money blueprint)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, jsonify

from ..body import read_body
from ..errors import InvalidFields, NotFound
from ..idempotency import idempotent
from ..services import current
from .blueprint import bp, missing
from .views import _version


def _today():  # noqa: ANN202  (a date)
    return datetime.now(UTC).date()


@bp.get("/money/budgets/<money_period:period>")
def budget_figures(period: str) -> Response:
    """Show budget vs actual for a month or a year: carried in, spent, left, days left."""
    from . import budgets

    found = budgets.figures(current().table, period, _today())
    return jsonify(ok=True, period=period, budgets=found)


@bp.put("/money/budgets/<money_period:period>/<money_id:category>")
@idempotent
def set_budget(period: str, category: str) -> Response:
    """Set a category's budget for a month or a year (amount, currency, rollover)."""
    from . import budgets

    item = budgets.put(current().table, period, category, read_body()[0])
    return jsonify(ok=True, budget=budgets.public(item))


@bp.delete("/money/budgets/<money_period:period>/<money_id:category>")
@idempotent
def delete_budget(period: str, category: str) -> Response:
    """Remove a category's budget for a period."""
    from . import budgets

    if not budgets.delete(current().table, period, category):
        raise NotFound(f"No budget for {category!r} in {period}.")
    return jsonify(ok=True, deleted={"period": period, "category": category})


@bp.get("/money/goals")
def list_goals() -> Response:
    """List every goal with its progress and the monthly amount still needed."""
    from . import goals

    table, today = current().table, _today()
    return jsonify(ok=True, goals=[goals.progress(table, g, today) for g in goals.every(table)])


@bp.post("/money/goals")
@idempotent
def create_goal() -> tuple[Response, int]:
    """Set a goal: an amount by a date, linked to an account or a category."""
    from . import goals

    table, today = current().table, _today()
    item = goals.create(table, read_body()[0], today)
    return jsonify(ok=True, goal=goals.progress(table, item, today)), 201


@bp.get("/money/goals/<money_id:goal>")
def show_goal(goal: str) -> Response:
    """Show one goal with its progress."""
    from . import goals

    table = current().table
    item = goals.get(table, goal)
    if item is None:
        raise missing("goal", goal)
    return jsonify(ok=True, goal=goals.progress(table, item, _today()))


@bp.patch("/money/goals/<money_id:goal>")
@idempotent
def edit_goal(goal: str) -> Response:
    """Change a goal at its version."""
    from . import goals

    table = current().table
    item = goals.edit(table, goal, read_body()[0])
    if item is None:
        raise missing("goal", goal)
    return jsonify(ok=True, goal=goals.progress(table, item, _today()))


@bp.delete("/money/goals/<money_id:goal>")
@idempotent
def delete_goal(goal: str) -> Response:
    """Delete a goal (``?version=N``)."""
    from . import goals

    if not goals.delete(current().table, goal, _version()):
        raise missing("goal", goal)
    return jsonify(ok=True, deleted=goal)


@bp.get("/money/rates")
def list_rates() -> Response:
    """List the exchange rates entered."""
    from . import fxrates

    return jsonify(ok=True, rates=fxrates.listing(current().table))


def _pair(source: str, target: str) -> None:
    from . import amounts

    problems = {
        name: "Must be an ISO 4217 code such as EUR."
        for name, code in (("from", source), ("to", target))
        if not amounts.is_currency(code)
    }
    if source == target:
        problems["to"] = "Must differ from the first currency."
    if problems:
        raise InvalidFields(fields=problems)


@bp.put("/money/rates/<currency:source>/<currency:target>")
@idempotent
def set_rate(source: str, target: str) -> Response:
    """Enter how many ``target`` one ``source`` buys (``{"rate": "1.0850"}``)."""
    from . import amounts, fxrates

    _pair(source, target)
    data = read_body()[0]
    extra = set(data) - {"rate"}
    try:
        rate = amounts.parse_rate(data.get("rate"))
    except amounts.AmountError as exc:
        raise InvalidFields(fields={"rate": str(exc)}) from None
    if extra:
        raise InvalidFields(fields={str(k)[:64]: "Unknown field." for k in extra})
    item = fxrates.put(current().table, source, target, rate)
    return jsonify(ok=True, rate=fxrates.public(item))


@bp.delete("/money/rates/<currency:source>/<currency:target>")
@idempotent
def delete_rate(source: str, target: str) -> Response:
    """Remove an exchange rate."""
    from . import fxrates

    if not fxrates.delete(current().table, source, target):
        raise NotFound(f"No rate from {source} to {target}.")
    return jsonify(ok=True, deleted={"from": source, "to": target})
