"""Months and years: the periods reports, budgets and goals are counted in."""

from __future__ import annotations

import calendar
from datetime import date as Date


def months_of(period: str) -> list[str]:
    """Return the ``yyyy-mm`` months of a month or a year (``yyyy``)."""
    if len(period) == 4:
        return [f"{period}-{m:02d}" for m in range(1, 13)]
    return [period]


def next_month(month: str, step: int = 1) -> str:
    """Return the month ``step`` months after ``month`` (before, if negative)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Return every month from ``first`` to ``last`` inclusive (empty if reversed)."""
    out, month = [], first
    while month <= last:
        out.append(month)
        month = next_month(month)
    return out


def previous(period: str) -> str:
    """Return the period before ``period`` (the month before, or the year before)."""
    return f"{int(period) - 1:04d}" if len(period) == 4 else next_month(period, -1)


def bounds(period: str) -> tuple[Date, Date]:
    """Return the first and last day of a month or a year."""
    year = int(period[:4])
    if len(period) == 4:
        return Date(year, 1, 1), Date(year, 12, 31)
    month = int(period[5:7])
    return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])


def days_left(period: str, today: Date) -> int:
    """Return the days of ``period`` from ``today`` on (all of a future one, 0 of a past one)."""
    first, last = bounds(period)
    if today > last:
        return 0
    return (last - max(first, today)).days + 1


def months_between(first: str, last: str) -> int:
    """Return how many months ``first`` to ``last`` spans, inclusive (0 if reversed)."""
    a = int(first[:4]) * 12 + int(first[5:7])
    b = int(last[:4]) * 12 + int(last[5:7])
    return max(0, b - a + 1)
