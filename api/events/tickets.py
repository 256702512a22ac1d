"""Tickets: the signed code of an RSVP that the door scans (a QR code) or types.

A code is ``<event id>.<16 characters>``: the event, then 8 characters naming
the RSVP (the first 40 bits of its key, the hash of the address) and 8 of a
signature over the event id and the *whole* key (HMAC-SHA256 under the form
secret, with a salt of its own, as itsdangerous derives it; cut to 40 bits),
in Crockford's base32, which has no I, L, O or U to misread. The QR code holds
the whole code; the 16 characters, printed as ``ABCD-EFGH-JKMN-PQRS``
(:func:`display_code`), are what someone types at a door whose browser cannot
scan: at the check-in of one event the event id is known.

Forging one means guessing 40 bits through the owner's own check-in endpoint,
and a ticket names its event: it checks nobody in at another. A manage link
or a form token cannot pass for a ticket (different salts), nor the reverse.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import re
from typing import Any

from itsdangerous import Signer

from . import keys

TICKET_SALT = "frostfolio-events:ticket"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
KEY_CHARS = MAC_CHARS = 8  # 40 bits each
SHORT_LENGTH = KEY_CHARS + MAC_CHARS
# What a person may type: the 16 characters, grouped as they like, any case.
_TYPED = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = re.compile(r"[\s\-_]+")
_SHORT = re.compile(f"[{ALPHABET}]{{{SHORT_LENGTH}}}")
_ID = re.compile(keys.ID_PATTERN)


def _base32(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big") >> (len(data) * 8 - length * 5)
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(length)))


def _mac(secret: str, event_id: str, rsvp_key: str) -> str:
    signer = Signer(secret, salt=TICKET_SALT, digest_method=hashlib.sha256)
    raw = signer.algorithm.get_signature(signer.derive_key(), f"{event_id}.{rsvp_key}".encode())
    return _base32(raw[:5], MAC_CHARS)


def _secret(settings: Any) -> str:
    secret = getattr(settings, "form_secret", "")
    if not secret:
        raise ValueError("tickets need FROSTFOLIO_FORM_SECRET")
    return secret


def key_part(rsvp_key: str) -> str:
    """Return the 8 characters of a code that name the RSVP (a hex key's first 40 bits)."""
    return _base32(bytes.fromhex(rsvp_key[:10]), KEY_CHARS)


def key_prefix(short: str) -> str:
    """Return the hex key prefix (10 digits) that a code's first 8 characters stand for."""
    number = 0
    for char in short[:KEY_CHARS]:
        number = number * 32 + ALPHABET.index(char)
    return f"{number:010x}"


def ticket_code(settings: Any, event_id: str, rsvp_key: str) -> str:
    """Return the ticket code of an RSVP (its key: the 32-hex hash of the address)."""
    short = key_part(rsvp_key) + _mac(_secret(settings), event_id, rsvp_key)
    return f"{event_id}.{short}"


def display_code(code: str) -> str:
    """Return the part of a code a person types, in groups of four: ``ABCD-EFGH-JKMN-PQRS``."""
    short = code.rpartition(".")[2]
    return "-".join(short[i : i + 4] for i in range(0, len(short), 4))


def normalize(typed: str) -> str | None:
    """Return the 16 characters of a typed short code (any case and grouping), or None."""
    short = _SEPARATORS.sub("", typed).upper()
    short = "".join(_TYPED.get(char, char) for char in short)
    return short if _SHORT.fullmatch(short) else None


def read_ticket(settings: Any, code: str, event_id: str | None = None) -> tuple[str, str] | None:
    """Return (event id, key prefix) of a code, or None if it is not a ticket's shape.

    ``code`` is a whole code (scanned), which names its own event (the caller
    compares it with the door's), or, with ``event_id``, the typed 16
    characters. Nothing is verified here (``settings`` is taken for symmetry
    with :func:`ticket_code`). The key prefix is the first 10 hex digits of the RSVP's key:
    :func:`matches` then checks the signature against each RSVP it could be.
    """
    text = code.strip()
    named, dot, short = text.rpartition(".")
    if dot:
        if not _ID.fullmatch(named):
            return None
        event_id = named
    elif event_id is None:
        return None
    clean = normalize(short)
    if clean is None:
        return None
    return event_id, key_prefix(clean)


def matches(settings: Any, event_id: str, rsvp_key: str, code: str) -> bool:
    """Tell whether ``code`` (whole or typed) is this RSVP's ticket, in constant time."""
    short = normalize(code.strip().rpartition(".")[2])
    if short is None:
        return False
    expected = key_part(rsvp_key) + _mac(_secret(settings), event_id, rsvp_key)
    return hmac.compare_digest(short, expected)


def _qr(code: str) -> Any:
    import segno  # only the ticket email and the check-in page need it

    return segno.make(code, error="m", micro=False)


def qr_png(code: str, scale: int = 8) -> bytes:
    """Return the code as a QR code in a PNG (black on white, a quiet zone of 4)."""
    out = io.BytesIO()
    _qr(code).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_svg(code: str, scale: int = 8) -> str:
    """Return the code as a QR code in SVG, for HTML email or a page (no XML declaration)."""
    out = io.BytesIO()
    _qr(code).save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
        title=f"Ticket {display_code(code)}",
    )
    return out.getvalue().decode()
