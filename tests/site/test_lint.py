"""`make lint` passes: ruff's checks and its formatting (Markdown examples included)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUFF = Path(sys.executable).with_name("ruff")


@pytest.mark.parametrize(
    "command",
    [["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]],
    ids=["check", "format"],
)
def test_make_lint_passes(command: list[str]) -> None:
    run = subprocess.run(
        [str(RUFF), *command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
