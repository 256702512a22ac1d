"""Addresses and names as the old generators make them: slugs, dates, permalink patterns."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Any

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def as_date(value: Any) -> dt.date | None:
    """Read a front-matter date (a date, a datetime, or text starting YYYY-MM-DD)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value or "").strip())
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def urlize(text: str) -> str:
    """A path segment as Hugo makes one: lower case, spaces as hyphens, no punctuation."""
    text = re.sub(r"[^\w\s./-]", "", str(text).strip().lower())
    return re.sub(r"[\s_]+", "-", text).strip("-") or "untitled"


def titleize(name: str) -> str:
    """A title from a file name, as Jekyll makes one: `my-first-post` -> `My First Post`."""
    return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_\s]+", name) if w) or name


def clean_path(path: str) -> str:
    """Collapse `//`, `.` and `..` in a site path; keep a trailing slash (a folder)."""
    folder = path.endswith("/")
    path = posixpath.normpath("/" + path.lstrip("/"))
    return "/" if path == "/" else path + ("/" if folder else "")


def folder_path(path: str) -> str:
    """A page address as a folder (`/x` -> `/x/`) unless it names a .html file."""
    path = clean_path(path)
    if path.endswith("/") or path.lower().endswith((".html", ".htm")):
        return path
    return path + "/"


def parent_of(url: str) -> str:
    """The folder a page's relative links start from: `/a/b/` -> `/a/b/`, `/a/b.html` -> `/a/`."""
    return url if url.endswith("/") else posixpath.dirname(url) + "/"


def expand(pattern: str, values: dict[str, str]) -> str:
    """Fill `:name` placeholders, longest names first (`:slugorfilename` before `:slug`)."""
    for name in sorted(values, key=len, reverse=True):
        pattern = pattern.replace(":" + name, values[name])
    return clean_path(pattern)


def date_values(when: dt.date | None) -> dict[str, str]:
    """Placeholders both generators share for a page's date."""
    if when is None:
        return {}
    return {
        "year": f"{when.year:04d}",
        "month": f"{when.month:02d}",
        "day": f"{when.day:02d}",
        "i_month": str(when.month),
        "i_day": str(when.day),
        "short_year": f"{when.year % 100:02d}",
        "y_day": f"{when.timetuple().tm_yday:03d}",
        "yearday": str(when.timetuple().tm_yday),
        "monthname": when.strftime("%B").lower(),
        "weekday": str((when.weekday() + 1) % 7),
        "weekdayname": when.strftime("%A").lower(),
    }
