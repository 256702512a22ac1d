"""Read one Markdown file: split front matter from body, know the line of every field.

This is the one front-matter parser: every kind's files and `site.yml` go through
it. Top-level keys get their line from a quick scan; the line of an entry inside a
list or mapping (the third ingredient, the second gallery image) is found from the
YAML node marks, composed only when a problem has to be reported there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_FM = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_KEY = re.compile(r"^([^\s#:'\"-][^:]*?)\s*:(?:\s|$)")


class Lines:
    """Line numbers of front-matter fields in their file."""

    def __init__(self, front: str = "", first: int = 2) -> None:
        self.front = front
        self.first = first  # file line of the front matter's first line
        self.top: dict[str, int] = {}
        for i, line in enumerate(front.splitlines()):
            key = _KEY.match(line)
            if key:
                self.top.setdefault(key.group(1).strip(), i + first)
        self._nodes: dict[str, Any] | None = None

    def get(self, name: str) -> int | None:
        """Return the line of top-level key `name`, or None."""
        return self.top.get(name)

    def __call__(self, name: str, index: int | None = None) -> int | None:
        """Return the line of `name`, or of its `index`-th list entry or mapping key."""
        if index is None:
            return self.top.get(name)
        node = self._composed().get(name)
        if node is not None and hasattr(node, "value") and isinstance(node.value, list):
            entries = node.value
            if 0 <= index < len(entries):
                entry = entries[index]
                entry = entry[0] if isinstance(entry, tuple) else entry
                return entry.start_mark.line + self.first
        return self.top.get(name)

    def _composed(self) -> dict[str, Any]:
        if self._nodes is None:
            import yaml

            self._nodes = {}
            try:
                root = yaml.compose(self.front, Loader=yaml.SafeLoader) if self.front else None
            except yaml.YAMLError:
                root = None
            if isinstance(root, yaml.MappingNode):
                for key, value in root.value:
                    self._nodes.setdefault(str(key.value), value)
        return self._nodes


@dataclass
class Parsed:
    """Front matter, body and where things are in the file."""

    meta: dict[str, Any]
    body: str
    body_line: int  # line number of the body's first line
    lines: Lines = field(default_factory=Lines)
    error: tuple[int, str] | None = None  # (line, message) when the front matter is unreadable


def body_of(text: str) -> str:
    """Return only the body (no YAML parsing): for re-reading a file already validated."""
    match = _FM.match(text)
    return text[match.end() :] if match else text


def parse(text: str) -> Parsed:
    """Split `text` into front matter and body; never raise on bad YAML."""
    match = _FM.match(text)
    if not match:
        return Parsed({}, text, 1)
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    meta, lines, error = parse_yaml(match.group(1), first=2)
    return Parsed(meta, body, body_line, lines, error)


def parse_yaml(front: str, first: int = 1) -> tuple[dict[str, Any], Lines, tuple[int, str] | None]:
    """Read YAML key: value pairs whose first line is line `first` of their file."""
    lines = Lines(front, first)
    import frontmatter  # here: a rebuild that reads no file never needs YAML
    import yaml

    try:
        meta = frontmatter.YAMLHandler().load(front) if front.strip() else {}
    except yaml.YAMLError as exc:
        # Where the broken construct began reads better than where parsing gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + first if mark is not None else first
        problem = getattr(exc, "problem", None) or str(exc)
        return {}, lines, (line, f"front matter is not valid YAML: {problem}")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, lines, (first, "front matter must be key: value pairs")
    return meta, lines, None
