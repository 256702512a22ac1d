"""Every training endpoint under one blueprint (one line in ``api.create_app``).

All are owner-only except ``GET /training/public``; file imports
(``files/views.py``) join when present.
"""

from __future__ import annotations

from importlib.util import find_spec

from flask import Blueprint

from . import gear_views, log_views, public_views, report_views, views

bp = Blueprint("training", __name__)
for child in (views, gear_views, log_views, report_views, public_views):
    bp.register_blueprint(child.bp)
if find_spec(f"{__package__}.files.views") is not None:
    from .files import views as file_views

    bp.register_blueprint(file_views.bp)
