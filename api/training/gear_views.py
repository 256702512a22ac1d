"""Owner endpoints for equipment: list with totals, add, change, retire, delete."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from ..auth import require_owner
from ..body import read_body
from ..idempotency import idempotent
from ..routing import id_converter, use_converter
from ..services import current
from ..validation import validate
from . import keys

bp = Blueprint("gear", __name__)
GearId = id_converter("gear_id", keys.ID_PATTERN, keys.ID_EXAMPLE)
use_converter(bp, "gear_id", GearId)
bp.before_request(require_owner)


@bp.get("/training/gear")
def list_gear() -> Response:
    """List the gear with its running totals (retired last)."""
    from . import gear

    return jsonify(ok=True, gear=[gear.public(g) for g in gear.every(current().table)])


@bp.post("/training/gear")
@idempotent
def create_gear() -> tuple[Response, int]:
    """Add a piece of gear (totals start at zero)."""
    from . import gear
    from .fields import without_nulls

    # The document gives no field of gear a null.
    fields = without_nulls(read_body()[0], lambda data: validate(data, gear.GEAR_FIELDS))
    item = gear.create(current().table, fields)
    return jsonify(ok=True, gear=gear.public(item)), 201


@bp.get("/training/gear/<gear_id:gear_id>")
def get_gear(gear_id: str) -> Response:
    """Show one piece of gear with its totals."""
    from . import gear

    item = gear.get(current().table, gear_id)
    if item is None:
        raise gear.missing(gear_id)
    return jsonify(ok=True, gear=gear.public(item))


@bp.patch("/training/gear/<gear_id:gear_id>")
@idempotent
def edit_gear(gear_id: str) -> Response:
    """Rename, retire or annotate gear (its totals follow its workouts only)."""
    from . import gear
    from .fields import without_nulls

    data = read_body()[0]
    # A null name would otherwise be stored as a blank one.
    fields = without_nulls(data, lambda sent: validate(sent, gear.EDIT_FIELDS))
    changes = {k: v for k, v in fields.items() if k in data}
    return jsonify(ok=True, gear=gear.public(gear.edit(current().table, gear_id, changes)))


@bp.delete("/training/gear/<gear_id:gear_id>")
@idempotent
def delete_gear(gear_id: str) -> Response:
    """Delete gear no workout names (409 gear_in_use otherwise: retire it)."""
    from . import gear

    gear.remove(current().table, gear_id)
    return jsonify(ok=True, deleted=gear_id)
