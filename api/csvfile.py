"""CSV downloads that spreadsheets open as text: every export goes through here.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR runs as a
formula in Excel, LibreOffice and Google Sheets; some also read the fullwidth
forms (``＝`` …) that way, and an importer that splits cells on line breaks
turns a formula after a newline into a cell of its own. Each such line start
gets a leading ``'``, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from flask import Response

_FORMULA_START = re.compile("(^|[\r\n])(?=[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20])")


def safe_cell(value: object) -> str:
    """Return a CSV cell that spreadsheets show as text, never run as a formula."""
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return _FORMULA_START.sub(r"\1'", text)


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """Render rows as CSV with a header row, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(col)) for col in columns])
    return out.getvalue()


def download(text: str, name: str) -> Response:
    """Answer with ``text`` as a dated CSV attachment, ``<name>-<yyyy-mm-dd>.csv``."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}-{stamp}.csv"'},
    )
