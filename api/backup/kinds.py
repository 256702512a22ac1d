"""What goes into a backup: every item, but for the kinds declared here.

An item's *type* is the start of its partition key, before the first ``#``
(``CONTACT``, ``EVENT``, ``RECIPE``, ``THREAD``, ``COMMENT``…), then, when
its sort key starts with a word in capitals, that word (``EVENT/RSVP``,
``EVENT/META``, ``INBOX/STATS``). Counts are given per type, and ``--only``
takes types or their first part (``--only RECIPE,THREAD,COMMENT``).

Left out, by partition-key prefix, and why. Anything not named here is
exported: a new kind of item is in the backup from its first day.
"""

from __future__ import annotations

import re

EXCLUDED: dict[str, str] = {
    "SESSION": (
        "signed-in devices: each holds the hash of a device's cookie, a secret that "
        "signs the device in; a restored table starts signed out"
    ),
    "SIGNIN": "one-time sign-in links: a secret each, valid for 15 minutes",
    "RATE": "rate-limit and wrong-token windows: counters that expire within the hour",
    "ERROR": "the health page's recent server errors: kept 14 days, about this deployment",
    "IDEM": "idempotency keys: the answers to owner writes, kept two days to answer repeats",
}
_WORD = re.compile("[A-Z][A-Z0-9_]*")
_TYPE = re.compile("[A-Z][A-Z0-9_]*(/[A-Z][A-Z0-9_]*)?")


def pk_prefix(pk: str) -> str:
    """Return the part of a partition key before its first ``#``."""
    return pk.split("#", 1)[0]


def item_type(pk: str, sk: str) -> str:
    """Return the type an item is counted and selected by (``EVENT/RSVP``, ``CONTACT``)."""
    head = sk.split("#", 1)[0]
    if _WORD.fullmatch(head):
        return f"{pk_prefix(pk)}/{head}"
    return pk_prefix(pk)


def excluded(pk: str) -> bool:
    """Tell whether items of this partition are never exported nor restored."""
    return pk_prefix(pk) in EXCLUDED


def parse_only(text: str | None) -> tuple[str, ...]:
    """Read ``--only``: comma-separated types (``RECIPE,THREAD`` or ``EVENT/RSVP``)."""
    if not text:
        return ()
    wanted = tuple(sorted({part.strip().upper() for part in text.split(",") if part.strip()}))
    wrong = [part for part in wanted if not _TYPE.fullmatch(part)]
    if wrong:
        raise ValueError(
            f"--only takes item types such as RECIPE or EVENT/RSVP, not {', '.join(wrong)}"
        )
    return wanted


def selected(kind: str, only: tuple[str, ...]) -> bool:
    """Tell whether an item of type ``kind`` is wanted under ``--only`` (empty: all)."""
    return not only or any(kind == want or kind.startswith(want + "/") for want in only)
