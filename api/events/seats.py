"""The event's seat counters, changed only inside conditional transactions.

``META`` holds ``capacity`` (absent: no limit), ``confirmed`` (seats of
confirmed parties), ``offered`` (seats held for open waitlist offers),
``seats_left`` and ``waiting`` (parties in line). For a limited event

    confirmed + offered + seats_left == capacity  and  seats_left >= 0

DynamoDB conditions cannot add, so ``seats_left`` is kept as its own counter:
taking ``p`` seats is ``seats_left - p`` under the condition ``seats_left >= p``,
which is ``confirmed + offered + p <= capacity`` said without arithmetic.
``wl_seq`` numbers the line; ``rev`` changes whenever the catalogue changes the
event, so a write based on an older copy of its facts fails and is redone.
"""

from __future__ import annotations

from typing import Any

from . import keys, store


def limited(event: dict[str, Any]) -> bool:
    """Tell whether the event has a seat limit."""
    return event.get("capacity") is not None


def seats_left(event: dict[str, Any]) -> int | None:
    """Return the seats still free, or None without a limit."""
    return int(event.get("seats_left", 0)) if limited(event) else None


def fits(event: dict[str, Any], party: int) -> bool:
    """Tell whether ``party`` more seats are free now."""
    left = seats_left(event)
    return left is None or party <= left


def change(
    event_id: str,
    event: dict[str, Any],
    *,
    confirmed: int = 0,
    offered: int = 0,
    waiting: int = 0,
    sets: tuple[str, ...] = (),
    when: tuple[str, ...] = (),
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Move the counters by these amounts; seats taken need ``seats_left`` to cover them.

    The update also requires the limit to be as in ``event`` (limited or not),
    so the expression matches the item it meets.
    """
    parts, vals = list(sets), dict(values or {})
    for name, delta in (("confirmed", confirmed), ("offered", offered), ("waiting", waiting)):
        if delta:
            parts.append(f"#{name} = #{name} + :d_{name}")
            vals[f":d_{name}"] = delta
    conditions = ["attribute_exists(pk)", *when]
    taken = confirmed + offered
    if limited(event):
        conditions.append("attribute_exists(#capacity)")
        if taken:
            parts.append("#seats_left = #seats_left - :taken")
            vals[":taken"] = taken
        if taken > 0:
            conditions.append("#seats_left >= :taken")
    else:
        conditions.append("attribute_not_exists(#capacity)")
    return store.update(
        keys.event_pk(event_id), keys.META, sets=parts, when=conditions, values=vals
    )


def public(event: dict[str, Any]) -> dict[str, Any]:
    """Return the event's counts as the availability endpoint shows them."""
    return {
        "capacity": int(event["capacity"]) if limited(event) else None,
        "confirmed": int(event.get("confirmed", 0)),
        "seats_left": seats_left(event),
        "waitlist": int(event.get("waiting", 0)),
    }
