"""The money log's one blueprint: owner-only, its id converters, its 409 with the current item.

Route modules (``views``, ``plan_views``, ``report_views``, and the import
views) add their routes to :data:`bp`; ``api/__init__.py`` registers it once
through ``api.money.views``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app

from ..auth import require_owner
from ..errors import NotFound, error_body
from ..routing import id_converter, use_converter
from . import keys
from .conflict import Conflict

bp = Blueprint("money", __name__)
bp.before_request(require_owner)
MoneyId = id_converter("money_id", keys.ID_PATTERN, keys.ID_EXAMPLE)
Period = id_converter("money_period", keys.PERIOD_PATTERN, "2026-11")
Currency = id_converter("currency", keys.CURRENCY_PATTERN, "EUR")
use_converter(bp, "money_id", MoneyId)
use_converter(bp, "money_period", Period)
use_converter(bp, "currency", Currency)


def _public(item: dict[str, Any]) -> dict[str, Any]:
    from . import accounts, budgets, categories, goals, transactions

    prefix = item["pk"].split("#", 1)[0] + "#"
    public = {
        "ACCOUNT#": accounts.public,
        "CATEGORY#": categories.public,
        "TXN#": transactions.public,
        "BUDGET#": budgets.public,
        "GOAL#": goals.public,
    }[prefix]
    return public(item)


@bp.errorhandler(Conflict)
def _conflict(exc: Conflict) -> Response:
    """Answer a stale version with 409, the one error shape, and the item as it is now."""
    if exc.current is None:
        return error_body(404, "not_found", "It was deleted meanwhile.")
    response = error_body(
        409,
        "version_conflict",
        "Someone saved a newer version first: here it is; apply your change to it and resend.",
    )
    body = response.get_json()
    body["current"] = _public(exc.current)
    response.set_data(current_app.json.dumps(body))
    return response


def missing(what: str, ident: str) -> NotFound:
    """Return the 404 for ``what`` with id ``ident``."""
    return NotFound(f"No {what} with id {ident!r}.")
