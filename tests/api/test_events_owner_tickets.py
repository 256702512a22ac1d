"""Tickets: a code the door scans or types, that names one RSVP of one event and no other."""

from __future__ import annotations

import re
import subprocess
import sys
from types import SimpleNamespace

import pytest

from api.events import keys, tickets

SETTINGS = SimpleNamespace(form_secret="ticket-secret")
KEY = keys.email_hash("ada@example.org")


def test_a_code_names_its_event_and_rsvp_and_is_short_to_type():
    code = tickets.ticket_code(SETTINGS, "board-games", KEY)
    assert code.startswith("board-games.") and len(code) == len("board-games.") + 16
    shown = tickets.display_code(code)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", shown)
    assert tickets.read_ticket(SETTINGS, code) == ("board-games", KEY[:10])
    # Typed at the door of that event: any case, any grouping, O for 0 and I or L for 1.
    typed = shown.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert tickets.read_ticket(SETTINGS, typed, "board-games") == ("board-games", KEY[:10])
    assert tickets.matches(SETTINGS, "board-games", KEY, code)
    assert tickets.matches(SETTINGS, "board-games", KEY, typed)


def test_a_code_is_bound_to_its_event_its_rsvp_and_the_secret():
    code = tickets.ticket_code(SETTINGS, "board-games", KEY)
    other = keys.email_hash("bob@example.org")
    assert not tickets.matches(SETTINGS, "board-games--2027-01-05", KEY, code)
    assert not tickets.matches(SETTINGS, "board-games", other, code)
    assert not tickets.matches(SimpleNamespace(form_secret="another"), "board-games", KEY, code)
    # One character changed, or a code of another shape: not a ticket.
    short = code[-16:]
    changed = short[:-1] + ("0" if short[-1] != "0" else "1")
    assert not tickets.matches(SETTINGS, "board-games", KEY, changed)
    assert tickets.read_ticket(SETTINGS, "board-games.TOO-SHORT") is None
    assert tickets.read_ticket(SETTINGS, short) is None  # no event given, none in the code
    assert tickets.read_ticket(SETTINGS, "../x." + short) is None
    # A whole code names its own event, whatever the door: the caller compares.
    assert tickets.read_ticket(SETTINGS, code, "meetup") == ("board-games", KEY[:10])


def test_a_ticket_is_not_a_manage_link():
    from api.events.tokens import MANAGE_SALT

    assert tickets.TICKET_SALT != MANAGE_SALT
    with pytest.raises(ValueError):
        tickets.ticket_code(SimpleNamespace(form_secret=""), "board-games", KEY)


def test_the_qr_code_reads_back_as_the_code():
    code = tickets.ticket_code(SETTINGS, "design-tokens-workshop-oslo", KEY)
    png = tickets.qr_png(code)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = tickets.qr_svg(code)
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert f"<title>Ticket {tickets.display_code(code)}</title>" in svg
    # The PNG's modules, read back with Pillow, are segno's matrix for this very code.
    import io

    import segno
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("1")
    matrix = segno.make(code, error="m", micro=False).matrix
    size = len(matrix)
    assert image.size == ((size + 8) * 8, (size + 8) * 8)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            assert (image.getpixel(((x + 4) * 8 + 4, (y + 4) * 8 + 4)) == 0) == bool(dark)


def test_the_api_imports_no_qr_library_until_a_code_is_drawn():
    script = "import api, api.events.tickets, sys; print('segno' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
