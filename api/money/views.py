"""Money endpoints for accounts, categories, transactions and transfers (owner only).

Every write takes an ``Idempotency-Key`` (``api.idempotency``); every edit and
delete names the ``version`` it was based on (a stale one is 409 with the
current item). The other route modules join the same blueprint on import.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from ..body import read_body
from ..errors import InvalidFields
from ..idempotency import idempotent
from ..services import current
from ..validation import validate_query
from .blueprint import bp, missing
from .fields import VERSION_QUERY

__all__ = ["bp"]


def _version() -> int:
    """Return ``?version=N`` of a delete: ASCII digits only, in range (not "²" or "５")."""
    return validate_query(request.args, VERSION_QUERY)["version"]


@bp.get("/money/accounts")
def list_accounts() -> Response:
    """List every account with its balance."""
    from . import accounts

    found = accounts.every(current().table)
    return jsonify(ok=True, accounts=[accounts.public(a) for a in found])


@bp.post("/money/accounts")
@idempotent
def create_account() -> tuple[Response, int]:
    """Open an account (name, type, currency, opening balance)."""
    from . import accounts

    item = accounts.create(current().table, read_body()[0])
    return jsonify(ok=True, account=accounts.public(item)), 201


@bp.get("/money/accounts/<money_id:account>")
def show_account(account: str) -> Response:
    """Show one account."""
    from . import accounts

    item = accounts.get(current().table, account)
    if item is None:
        raise missing("account", account)
    return jsonify(ok=True, account=accounts.public(item))


@bp.patch("/money/accounts/<money_id:account>")
@idempotent
def edit_account(account: str) -> Response:
    """Rename an account, change its type or opening balance (with its version)."""
    from . import accounts

    item = accounts.edit(current().table, account, read_body()[0])
    if item is None:
        raise missing("account", account)
    return jsonify(ok=True, account=accounts.public(item))


@bp.delete("/money/accounts/<money_id:account>")
@idempotent
def delete_account(account: str) -> Response:
    """Delete an account that holds no transactions (``?version=N``)."""
    from . import accounts

    table, expected = current().table, _version()
    if accounts.has_transactions(table, account):
        raise InvalidFields(
            "Delete or move its transactions first.",
            fields={"account": "This account still has transactions."},
            code="account_in_use",
        )
    if not accounts.delete(table, account, expected):
        raise missing("account", account)
    return jsonify(ok=True, deleted=account)


@bp.get("/money/categories")
def list_categories() -> Response:
    """List every category, by group then name."""
    from . import categories

    found = categories.every(current().table)
    return jsonify(ok=True, categories=[categories.public(c) for c in found])


@bp.post("/money/categories")
@idempotent
def create_category() -> tuple[Response, int]:
    """Add a category (name, group, kind)."""
    from . import categories

    item = categories.create(current().table, read_body()[0])
    return jsonify(ok=True, category=categories.public(item)), 201


@bp.patch("/money/categories/<money_id:category>")
@idempotent
def edit_category(category: str) -> Response:
    """Rename a category or move it to another group (with its version)."""
    from . import categories

    item = categories.edit(current().table, category, read_body()[0])
    if item is None:
        raise missing("category", category)
    return jsonify(ok=True, category=categories.public(item))


@bp.delete("/money/categories/<money_id:category>")
@idempotent
def delete_category(category: str) -> Response:
    """Delete a category (``?version=N``); its lines keep the id."""
    from . import categories

    if not categories.delete(current().table, category, _version()):
        raise missing("category", category)
    return jsonify(ok=True, deleted=category)


@bp.post("/money/transactions")
@idempotent
def create_transaction() -> tuple[Response, int]:
    """Log a transaction (with splits if given)."""
    from . import transactions

    item = transactions.create(current().table, read_body()[0])
    return jsonify(ok=True, transaction=transactions.public(item)), 201


@bp.get("/money/transactions/<money_id:txn>")
def show_transaction(txn: str) -> Response:
    """Show one transaction."""
    from . import transactions

    try:
        item = transactions.get(current().table, txn)
    except transactions.NotFound:
        raise missing("transaction", txn) from None
    return jsonify(ok=True, transaction=transactions.public(item))


@bp.patch("/money/transactions/<money_id:txn>")
@idempotent
def edit_transaction(txn: str) -> Response:
    """Change a transaction (or a transfer, through either leg) at its version."""
    from . import transactions

    try:
        items = transactions.edit(current().table, txn, read_body()[0])
    except transactions.NotFound:
        raise missing("transaction", txn) from None
    mine = next(i for i in items if i["id"] == txn)
    return jsonify(
        ok=True,
        transaction=transactions.public(mine),
        transactions=[transactions.public(i) for i in items],
    )


@bp.delete("/money/transactions/<money_id:txn>")
@idempotent
def delete_transaction(txn: str) -> Response:
    """Delete a transaction at ``?version=N`` (a transfer's two legs together)."""
    from . import transactions

    try:
        deleted = transactions.delete(current().table, txn, _version())
    except transactions.NotFound:
        raise missing("transaction", txn) from None
    return jsonify(ok=True, deleted=deleted)


@bp.post("/money/transfers")
@idempotent
def create_transfer() -> tuple[Response, int]:
    """Move money between two accounts (both amounts when their currencies differ)."""
    from . import transactions

    items = transactions.create_transfer(current().table, read_body()[0])
    return jsonify(ok=True, transactions=[transactions.public(i) for i in items]), 201


from . import plan_views, report_views  # noqa: E402,F401  (their routes join bp)
