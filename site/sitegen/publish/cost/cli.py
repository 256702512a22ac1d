"""`python -m sitegen.publish cost`: print a month's AWS bill, line by line, and what can be cut.

python -m sitegen.publish cost                     # the busy month of docs/cost.md
python -m sitegen.publish cost --preset idle       # nobody visits; the jobs still run
python -m sitegen.publish cost --traffic my.yml    # your own month (see traffic.py)
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from . import model, traffic

MEASURED = Path("docs/cost-measured.json")


def parser() -> argparse.ArgumentParser:
    """Return the command's argument parser."""
    cmd = argparse.ArgumentParser(prog="python -m sitegen.publish cost", description=__doc__)
    cmd.add_argument("--preset", choices=sorted(traffic.PRESETS), default="busy")
    cmd.add_argument("--traffic", type=Path, help="JSON or YAML file changing the preset's figures")
    cmd.add_argument("--measured", type=Path, default=MEASURED, help="the load run's figures")
    cmd.add_argument("--settings", type=Path, default=Path("zappa_settings.json"))
    cmd.add_argument("--stage", default="prod", help="Zappa stage (memory, schedules, keep-warm)")
    cmd.add_argument("--stack", type=Path, default=Path("docs/aws/stack.yaml"))
    return cmd


def _amount(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.6f}".rstrip("0")


def render(month: traffic.Traffic, setup: traffic.Setup, measured: dict) -> list[str]:
    """Return the printed bill: every line, the totals, the notes and the cuts."""
    bill = model.bill(month, setup, measured)
    rows = [
        (
            line.price.service,
            line.price.unit + (f" ({line.note})" if line.note else ""),
            _amount(line.units),
            f"${line.price.usd} / {line.price.per:,}",
            model.dollars(line.cost, "0.0001"),
        )
        for line in bill.lines
    ]
    heads = ("service", "what", "units", "price", "cost")
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(5)]

    def row(cells: tuple[str, ...]) -> str:
        left = [f"{c:<{w}}" for c, w in zip(cells[:2], widths, strict=False)]
        right = [f"{c:>{w}}" for c, w in zip(cells[2:], widths[2:], strict=True)]
        return "  ".join(left + right)

    width = sum(widths) + 8
    out = [
        f"Month: {month.page_views:,} page views, {month.contact_posts:,} contact posts, "
        f"{month.rsvps:,} RSVPs, {month.ratings:,} ratings, {month.comments:,} comments, "
        f"{month.owner_sessions:,} owner sessions, {month.deploys:,} deploys",
        f"Lambda {setup.memory_mb} MB, {len(setup.jobs)} scheduled jobs, keep-warm "
        f"{setup.keep_warm or 'off'}; measured {measured.get('measured_at', '?')}",
        "",
        row(heads),
        *[row(r) for r in rows],
        "",
        f"{'Total at list prices':<{width - 10}}{model.dollars(bill.total):>10}",
        f"{'Total after the always-free tiers':<{width - 10}}"
        f"{model.dollars(bill.after_free_tier()):>10}",
    ]
    out += [f"note: {n}" for n in bill.notes]
    out += ["", "What a setting changes (same month, list prices):"]
    for cut in model.cuts(month, setup, measured):
        sign = "saves" if cut.saves >= 0 else "adds"
        out.append(
            f"  {cut.what:<40} {model.dollars(cut.total):>10}  "
            f"({sign} {model.dollars(abs(cut.saves), '0.0001')} a month)"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the bill of the chosen month."""
    args = parser().parse_args(argv)
    try:
        month = traffic.load(args.preset, args.traffic)
        setup = traffic.read_setup(args.settings, args.stage, args.stack)
        measured = model.read_measured(args.measured)
    except FileNotFoundError as exc:
        hint = " (run `make cost-measure` first)" if exc.filename == str(args.measured) else ""
        print(f"error: {exc.filename}: not found{hint}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(render(month, setup, measured)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
