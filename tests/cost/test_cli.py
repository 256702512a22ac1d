"""`python -m sitegen.publish cost` prints every line of the bill, the totals and the cuts."""

from __future__ import annotations

import subprocess
import sys

from sitegen.publish.__main__ import main
from sitegen.publish.cost import model, traffic
from sitegen.publish.cost.prices import PRICES

from .conftest import ROOT


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["cost", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_every_line_and_both_totals_are_printed(capsys, measured_file):
    code, out, _ = _run(capsys, "--measured", str(measured_file), "--stack",
                        str(ROOT / "docs/aws/stack.yaml"), "--settings",
                        str(ROOT / "zappa_settings.json"))  # fmt: skip
    assert code == 0
    for price in PRICES.values():
        if price.unit != "HTTP API requests":  # an alternative, not a line
            assert price.unit[:30] in out
    setup = traffic.read_setup(
        ROOT / "zappa_settings.json", "prod", ROOT / "docs" / "aws" / "stack.yaml"
    )
    bill = model.bill(traffic.PRESETS["busy"], setup, model.read_measured(measured_file))
    assert "Total at list prices" in out and model.dollars(bill.total) in out
    assert model.dollars(bill.after_free_tier()) in out
    assert "keep-warm off" in out and "saves" in out


def test_the_idle_preset_and_a_missing_measured_file(capsys, measured_file, tmp_path):
    code, out, _ = _run(capsys, "--preset", "idle", "--measured", str(measured_file))
    assert code == 0 and "Month: 0 page views" in out
    code, _, err = _run(capsys, "--measured", str(tmp_path / "nope.json"))
    assert code == 1 and "make cost-measure" in err


def test_make_cost_reads_the_committed_measured_file():
    result = subprocess.run(
        [sys.executable, "-m", "sitegen.publish", "cost", "--preset", "idle"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Total at list prices" in result.stdout
