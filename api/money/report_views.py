"""Money report endpoints: home summary, spending, income vs expense, net worth,
the transactions behind a figure, and the CSV export (owner only)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, jsonify, request

from ..csvfile import download
from ..errors import InvalidFields
from ..services import current
from ..validation import Field, validate_query
from . import keys
from .blueprint import bp
from .periods import month_range, months_of, next_month

CONVERT = Field(
    required=False,
    pattern=keys.CURRENCY_PATTERN,
    pattern_message="Must be an ISO 4217 code such as EUR.",
    description="Also give totals converted into this currency with the rates entered.",
)
MONTH = {"pattern": keys.MONTH_PATTERN, "pattern_message": "Must be a month as yyyy-mm."}
RANGE_QUERY = {
    "from": Field(required=False, description="First month (yyyy-mm).", **MONTH),
    "to": Field(required=False, description="Last month (yyyy-mm); default this month.", **MONTH),
    "convert": CONVERT,
}
CONVERT_QUERY = {"convert": CONVERT}
DRILL_QUERY = {
    "month": Field(required=False, description="The month (yyyy-mm); default this month.", **MONTH),
    "year": Field(required=False, pattern=keys.YEAR_PATTERN, description="Or a whole year."),
    "account": Field(required=False, pattern=keys.ID_PATTERN, description="Only this account."),
    "category": Field(
        required=False,
        pattern=f"{keys.ID_PATTERN}|{keys.UNCATEGORISED}|{keys.TRANSFER}",
        description="Only lines of this category (_none: uncategorised, _transfer).",
    ),
    "flow": Field(required=False, pattern="in|out", description="in: income, out: expense."),
    "tag": Field(required=False, max_length=40, single_line=True, description="Only this tag."),
}
EXPORT_QUERY = {k: RANGE_QUERY[k] for k in ("from", "to")}
MAX_MONTHS = 240


def _convert(query: dict) -> str | None:
    """Return ``?convert=``'s currency (None if not given): an ISO 4217 code, not any 3 letters."""
    from .amounts import is_currency

    code = query["convert"] or None
    if code is not None and not is_currency(code):
        raise InvalidFields(fields={"convert": "Must be an ISO 4217 code such as EUR."})
    return code


def _this_month() -> str:
    return datetime.now(UTC).date().isoformat()[:7]


def _range(query: dict, default_months: int) -> tuple[str, str]:
    last = query["to"] or _this_month()
    first = query["from"] or next_month(last, 1 - default_months)
    if first > last or len(month_range(first, last)) > MAX_MONTHS:
        raise InvalidFields(fields={"from": f"Must be before 'to', at most {MAX_MONTHS} months."})
    return first, last


@bp.get("/money/summary")
def home() -> Response:
    """Show the money home: balances, this month's income/expense, budgets and goals."""
    from . import summary

    query = validate_query(request.args, CONVERT_QUERY)
    today = datetime.now(UTC).date()
    return jsonify(ok=True, **summary.home(current().table, today, _convert(query)))


@bp.get("/money/reports/spending/<money_period:period>")
def spending(period: str) -> Response:
    """Spending and income by category for a month or a year, per currency."""
    from . import reports

    query = validate_query(request.args, CONVERT_QUERY)
    report = reports.spending(current().table, period, _convert(query))
    return jsonify(ok=True, **report)


@bp.get("/money/reports/income-expense")
def income_expense() -> Response:
    """Income, expense and net per month (default: the last 12 months)."""
    from . import reports

    query = validate_query(request.args, RANGE_QUERY)
    first, last = _range(query, 12)
    report = reports.income_expense(current().table, first, last, _convert(query))
    return jsonify(ok=True, **report)


@bp.get("/money/reports/net-worth")
def net_worth() -> Response:
    """Each account's balance at the end of each month, and the totals (default: 12 months)."""
    from . import reports

    query = validate_query(request.args, RANGE_QUERY)
    first, last = _range(query, 12)
    report = reports.net_worth(current().table, first, last, _convert(query))
    return jsonify(ok=True, **report)


@bp.get("/money/transactions")
def drill_down() -> Response:
    """List the transactions of a month (or year) behind a figure, with the lines' total."""
    from . import listing, transactions

    query = validate_query(request.args, DRILL_QUERY)
    if query["month"] and query["year"]:
        raise InvalidFields(fields={"month": "Give a month (yyyy-mm) or a year (yyyy), not both."})
    months = months_of(query["month"] or query["year"] or _this_month())
    want = {k: query[k] for k in ("account", "category", "flow", "tag") if query[k]}
    found = listing.matching(current().table, months, want)
    return jsonify(
        ok=True,
        transactions=[transactions.public(t) for t in found["transactions"]],
        totals=found["totals"],
    )


@bp.get("/money/export.csv")
def export() -> Response:
    """Download the transactions as CSV, one row per line (a split gives several rows)."""
    from . import listing

    query = validate_query(request.args, EXPORT_QUERY)
    table = current().table
    months = listing.months_with_lines(table)  # only these are read, whatever the range
    first = query["from"] or (months[0] if months else _this_month())
    last = query["to"] or (months[-1] if months else _this_month())
    rows = listing.csv_rows(table, first, last, months) if first <= last else iter(())
    return download(listing.to_csv(rows), "transactions")
