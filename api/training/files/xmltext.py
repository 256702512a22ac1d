"""Turn an uploaded XML file (GPX, TCX) into text, refusing what no such file needs.

GPX and TCX never carry a DTD, so any ``<!DOCTYPE`` or ``<!ENTITY`` is refused
before a parser sees the file: no entity expansion (billion laughs), no
external entities, whichever XML library gpxpy finds installed.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime

from .model import FileProblem

_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def xml_text(name: str, data: bytes) -> str:
    """Decode ``data`` by its BOM or XML declaration (UTF-8 by default), refusing DTDs."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        declared = _DECLARED.match(data[:200])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        text = data.decode(encoding)
    except LookupError:
        raise FileProblem(name, f"declares an unknown text encoding '{encoding}'") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(name, f"not valid {encoding} text at line {line}") from None
    if not text.strip():
        raise FileProblem(name, "the file is empty")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise FileProblem(name, "holds a DTD (<!DOCTYPE or <!ENTITY), which is refused for safety")
    return text


def syntax_problem(name: str, exc: BaseException) -> FileProblem:
    """Say where an XML parser (ElementTree's or lxml's) gave up."""
    position = getattr(exc, "position", None)
    line = position[0] if position else getattr(exc, "lineno", None)
    where = f" at line {line}" if line else ""
    return FileProblem(name, f"not valid XML{where}")


def parse_time(value: str | None) -> datetime | None:
    """Read an ISO 8601 timestamp as UTC (a time without a zone is taken as UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
