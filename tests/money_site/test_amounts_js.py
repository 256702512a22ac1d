"""The Money page's own handling of amounts (money-api.js), run in Node: what the owner types
becomes the API's plain decimal string, an expense's sign is text, and figures are shown
from the API's strings exactly, digit for digit, however many there are."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "site/sitegen/money/static/js/owner/money-api.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")


def run(expression: str) -> object:
    """Evaluate `expression` with FrostfolioMoney loaded as M; return its JSON value."""
    code = (
        "global.window = global;\n"
        + SCRIPT.read_text(encoding="utf-8")
        + "\nconst M = window.FrostfolioMoney;\n"
        + f"process.stdout.write(JSON.stringify({expression}));"
    )
    done = subprocess.run(["node", "-e", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("12.30", "12.30"),
        ("12,3", "12.3"),
        (" 4 ", "4"),
        ("1 234,50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("0.10", "0.10"),
        ("12.30.1", None),
        ("-5", None),  # the form's kind gives the sign, not the typed text
        ("1e3", None),
        ("abc", None),
        ("", None),
    ],
)
def test_typed_amounts_become_plain_decimal_strings(typed: str, sent: str | None) -> None:
    assert run(f"M.cleanAmount({json.dumps(typed)})") == sent


def test_signs_are_changed_as_text() -> None:
    assert run('["12.30", "-12.30", "0.00", "+1"].map(M.negate)') == [
        "-12.30",
        "12.30",
        "0.00",
        "-1",
    ]


def test_figures_are_shown_exactly_from_the_apis_strings() -> None:
    # Far past a double's 15-16 significant digits: a float would round the cents away.
    shown = run('M.money("123456789012345678.91", "EUR") + "|" + M.money("-0.10", "USD")')
    assert shown == "€123,456,789,012,345,678.91|-$0.10"
    assert run('M.money("5", "JPY")') == "¥5"
    assert run('M.money("1.005", "KWD")') == "KWD\u00a01.005"


def test_months_step_across_years() -> None:
    assert run(
        '[M.shiftMonth("2026-01", -1), M.shiftMonth("2026-12", 1), M.shiftMonth("2026-03", -14)]'
    ) == [
        "2025-12",
        "2027-01",
        "2025-01",
    ]
