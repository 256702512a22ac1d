"""The owner's money log in the dashboard: a Feature with dashboard scripts only.

Nothing of the money log is ever built into the site: every figure comes from the
owner-only money API (docs/money.md, "In the dashboard") when the owner opens
`/owner/#/money`. The scripts, loaded after the dashboard's core, in this order:

- `money-api.js`: the API's paths, amounts shown from the API's exact strings with
  `Intl.NumberFormat`, months and dates; shared as `FrostfolioMoney`.
- `money-form.js`: the quick "log an expense or income" form (splits and transfers in
  its expanded part), sent through the dashboard's offline queue.
- `money-transactions.js`: a month's transactions, search, edit with version conflicts.
- `money-overview.js`: accounts with balances, budget vs actual bars, goals.
- `money-reports.js`: charts with drill-down, CSV export, the printable monthly report.
- `money-import.js`: bank file import (mapping, preview, per-row decisions) and rules.
- `money-setup.js`: accounts, categories, budgets and goals to add or set.
- `money.js`: the Money page, its sub-pages and the home card.

Styles, print stylesheet included, are in `static/css/owner/70-money.css`.
"""

from __future__ import annotations

from ..registry import Feature

SCRIPTS = (
    "js/owner/money-api.js",
    "js/owner/money-form.js",
    "js/owner/money-transactions.js",
    "js/owner/money-overview.js",
    "js/owner/money-reports.js",
    "js/owner/money-import.js",
    "js/owner/money-setup.js",
    "js/owner/money.js",
)

FEATURE = Feature(name="money", blueprint="sitegen.money.views", dashboard=SCRIPTS)
