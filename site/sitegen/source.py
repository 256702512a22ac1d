"""Read one Markdown file: split front matter from body, note the line of each field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_FM = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_KEY = re.compile(r"^([^\s#:'\"-][^:]*?)\s*:(?:\s|$)")


@dataclass
class Parsed:
    """Front matter, body and where things are in the file."""

    meta: dict[str, Any]
    body: str
    body_line: int  # line number of the body's first line
    lines: dict[str, int]  # top-level key -> line number in the file
    error: tuple[int, str] | None = None  # (line, message) when the front matter is unreadable


def body_of(text: str) -> str:
    """Return only the body (no YAML parsing): for re-reading a file already validated."""
    match = _FM.match(text)
    return text[match.end() :] if match else text


def parse(text: str) -> Parsed:
    """Split `text` into front matter and body; never raise on bad YAML."""
    match = _FM.match(text)
    if not match:
        return Parsed({}, text, 1, {})
    fm = match.group(1)
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    lines = {}
    for i, line in enumerate(fm.splitlines()):
        key = _KEY.match(line)
        if key:
            lines.setdefault(key.group(1).strip(), i + 2)
    import frontmatter  # here: a rebuild that reads no file never needs YAML
    import yaml

    try:
        meta = frontmatter.YAMLHandler().load(fm) if fm.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return Parsed(
            {}, body, body_line, lines, (line, f"front matter is not valid YAML: {problem}")
        )
    if not isinstance(meta, dict):
        return Parsed({}, body, body_line, lines, (2, "front matter must be key: value pairs"))
    return Parsed(meta, body, body_line, lines)
