"""Where the money log lives in the one table.

``ACCOUNT#<id>`` / ``META``            an account (GSI1 ``MONEY#ACCOUNTS`` / ``<id>``) with
                                       its running ``balance`` (sum of its transactions)
``TXN#<yyyy-mm>`` / ``<date>#<id>``    a transaction (amount, splits, transfer_id, version)
``TXNID#<id>`` / ``META``              pointer: the month and sort key of transaction ``id``
``AGG#<yyyy-mm>`` / ``<account>#<category>``  sum, count, inflow, outflow of the month's lines
``AGGBAL#<account>`` / ``<yyyy-mm>``   sum and count of the account's lines in that month
``CATEGORY#<id>`` / ``META``           a category in a group (GSI1 ``MONEY#CATEGORIES``)
``BUDGET#<yyyy-mm>`` or ``BUDGET#<yyyy>`` / ``<category>``  a budget for that period
                                       (GSI1 ``MONEY#BUDGETS#<yyyy>`` / ``<period>#<category>``)
``GOAL#<id>`` / ``META``               a savings goal (GSI1 ``MONEY#GOALS``)
``FXRATE#<from>`` / ``<to>``           an exchange rate the owner entered

Every transaction write changes the TXN item, its pointer, the AGG items of its
lines, the AGGBAL item and the account's balance in one transaction, so the
aggregates always equal a sum over the stored transactions.
"""

from __future__ import annotations

import re
import secrets

META = "META"
# Exactly the ids made here: new_id()'s 16 characters, or "r"/"i" and 23 hex digits for a
# recurring or an imported transaction (its id derived from its source, so a retry finds it).
# Nothing else: a longer segment ("<id>x") is no id and matches no route.
ID_PATTERN = "(?:[a-z0-9]{16}|[ir][0-9a-f]{23})"
MAX_VERSION = 10**12 - 1  # a version is counted up by one per edit
ID_EXAMPLE = "k3v9q2x7m4p8r6t1"
YEAR_PATTERN = "(?:19|20|21)[0-9]{2}"  # 1900 to 2199, as dates are
MONTH_PATTERN = f"{YEAR_PATTERN}-(?:0[1-9]|1[0-2])"
PERIOD_PATTERN = f"{MONTH_PATTERN}|{YEAR_PATTERN}"
CURRENCY_PATTERN = "[A-Z]{3}"

ACCOUNT_INDEX = "MONEY#ACCOUNTS"
CATEGORY_INDEX = "MONEY#CATEGORIES"
GOAL_INDEX = "MONEY#GOALS"
BUDGET_INDEX = "MONEY#BUDGETS"  # + "#<yyyy>": a year's budgets

# Aggregate "categories" that are not categories: a line without one, a transfer leg.
UNCATEGORISED = "_none"
TRANSFER = "_transfer"

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_ID = re.compile(ID_PATTERN)


def new_id() -> str:
    """Return a fresh random id (16 lowercase letters and digits)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(16))


def is_id(value: object) -> bool:
    """Tell whether ``value`` is a well-formed id."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def account_pk(account: str) -> str:
    """Return the partition of an account."""
    return f"ACCOUNT#{account}"


def txn_pk(month: str) -> str:
    """Return the partition of a month's transactions (``yyyy-mm``)."""
    return f"TXN#{month}"


def txn_sk(date: str, txn: str) -> str:
    """Return the sort key of a transaction: its date, then its id."""
    return f"{date}#{txn}"


def txnid_pk(txn: str) -> str:
    """Return the partition of the pointer to a transaction."""
    return f"TXNID#{txn}"


def agg_pk(month: str) -> str:
    """Return the partition of a month's aggregates."""
    return f"AGG#{month}"


def agg_sk(account: str, category: str) -> str:
    """Return the sort key of one account's lines of one category in a month."""
    return f"{account}#{category}"


def balance_pk(account: str) -> str:
    """Return the partition of an account's monthly sums."""
    return f"AGGBAL#{account}"


def category_pk(category: str) -> str:
    """Return the partition of a category."""
    return f"CATEGORY#{category}"


def budget_pk(period: str) -> str:
    """Return the partition of the budgets of a month (``yyyy-mm``) or a year (``yyyy``)."""
    return f"BUDGET#{period}"


def goal_pk(goal: str) -> str:
    """Return the partition of a goal."""
    return f"GOAL#{goal}"


def fxrate_pk(currency: str) -> str:
    """Return the partition of the rates from ``currency``."""
    return f"FXRATE#{currency}"


def month_of(date: str) -> str:
    """Return the ``yyyy-mm`` of an ISO date."""
    return date[:7]
