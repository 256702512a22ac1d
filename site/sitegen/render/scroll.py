"""Wide tables and code blocks scroll sideways on their own, reachable by keyboard.

A box that scrolls must take focus, or keyboard users cannot scroll it, and a focused
box needs a name for screen readers (axe: "scrollable-region-focusable"). Markdown
gives tables and code blocks neither, so `scroll_regions` adds them to rendered HTML:

- each `<table>` is wrapped in `<div class="table-scroll" role="region" tabindex="0"
  aria-label="Table: <its column headings>">`;
- each `<pre>` gets `tabindex="0" role="region" aria-label="Code sample <n>"`.

It is a template filter (`{{ post.html|scroll_regions }}`), pure and idempotent.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_PRE = re.compile(r"<pre\b([^>]*)>", re.I)
_WRAPPED = 'class="table-scroll"'
# Enough headings to tell tables apart without reading the whole row out.
MAX_HEADINGS = 4


def table_label(table: str) -> str:
    """Name a table by its first column headings: "Table: Screen, Saved"."""
    headings = [
        " ".join(html.unescape(_TAG.sub("", cell)).split()) for cell in _HEADING.findall(table)
    ]
    headings = [h for h in headings if h][:MAX_HEADINGS]
    return "Table: " + ", ".join(headings) if headings else "Table"


def scroll_regions(body: str) -> Markup:
    """Make every table and code block in `body` a focusable, named scrolling region."""
    text = str(body)
    if _WRAPPED not in text:
        text = _TABLE.sub(_wrap_table, text)
    count = len(_PRE.findall(text))
    numbers = iter(range(1, count + 1))

    def name_pre(match: re.Match[str]) -> str:
        attrs = match.group(1)
        if "tabindex=" in attrs:
            return match.group(0)
        label = "Code sample" + (f" {next(numbers)}" if count > 1 else "")
        return f'<pre{attrs} tabindex="0" role="region" aria-label="{label}">'

    return Markup(_PRE.sub(name_pre, text))


def _wrap_table(match: re.Match[str]) -> str:
    label = html.escape(table_label(match.group(0)), quote=True)
    return f'<div {_WRAPPED} role="region" tabindex="0" aria-label="{label}">{match.group(0)}</div>'
