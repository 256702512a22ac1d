"""The money feature's blueprint: no pages of its own, only its static files.

The site's asset folders are those of the registered blueprints, so this empty one
is what puts `static/js/owner/money*.js` and `static/css/owner/70-money.css` into
the dashboard.
"""

from __future__ import annotations

from flask import Blueprint


def blueprint() -> Blueprint:
    """Build the (route-less) blueprint whose `static/` folder the dashboard uses."""
    return Blueprint("money", __name__, static_folder=None)
