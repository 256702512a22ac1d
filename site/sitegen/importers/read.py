"""Read the old site's files: front matter in YAML (`---`), TOML (`+++`) or JSON, and configs.

Hugo writes front matter in any of the three; Frostfolio's parser reads YAML
only, so an import writes every page's front matter back as YAML. Config files
are TOML (`hugo.toml`, `config.toml`, read with the standard library's
tomllib), YAML (`_config.yml`, `hugo.yaml`) or JSON.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_DELIMITED = {
    "---": re.compile(
        r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
    ),
    "+++": re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n(.*?)(?:^|\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.S),
}


class ReadError(ValueError):
    """A file the import cannot read; `line` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Text:
    """A page's front matter and body."""

    meta: dict[str, Any]
    body: str
    body_line: int
    has_front_matter: bool
    repaired: str = ""  # what was read leniently, as Hugo's YAML reader would


# `title:<tab>"x"`: Go's YAML reader takes a tab after the colon, PyYAML does not.
_TAB_AFTER_KEY = re.compile(r"^(\s*[^\s:#'\"-][^:\n]*:)\t+", re.M)


def split(text: str) -> Text:
    """Split front matter (YAML, TOML or JSON) from the body; raise ReadError if unreadable."""
    for opener, pattern in _DELIMITED.items():
        match = pattern.match(text)
        if match:
            front, repaired = match.group(1), ""
            try:
                meta = _yaml(front) if opener == "---" else _toml(front)
            except ReadError:
                if opener != "---" or not _TAB_AFTER_KEY.search(front):
                    raise
                meta, repaired = _yaml(_TAB_AFTER_KEY.sub(r"\1 ", front)), "has tabs after keys"
            body_line = text.count("\n", 0, match.end()) + 1
            return Text(meta, text[match.end() :], body_line, True, repaired)
    if text.lstrip("\ufeff").startswith("{"):
        start = text.index("{")
        try:
            meta, end = json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise ReadError(f"front matter is not valid JSON: {exc.msg}", exc.lineno) from None
        if isinstance(meta, dict):
            end += len(text[end:]) - len(text[end:].lstrip("\r\n"))
            return Text(meta, text[end:], text.count("\n", 0, end) + 1, True)
    return Text({}, text, 1, False)


def _yaml(front: str, first: int = 2) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(front) if front.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first if mark is not None else first
        problem = getattr(exc, "problem", exc)
        raise ReadError(f"front matter is not valid YAML: {problem}", line) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ReadError("front matter must be key: value pairs", first)
    return meta


def _toml(front: str, first: int = 2) -> dict[str, Any]:
    try:
        return tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) + first - 1 if found else first
        raise ReadError(f"front matter is not valid TOML: {exc}", line) from None


def read_config(file: Path) -> dict[str, Any]:
    """Read a TOML, YAML or JSON config file into a dict; raise ReadError if unreadable."""
    text = file.read_text("utf-8")
    if file.suffix == ".toml":
        return _toml(text, first=1)
    if file.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(f"not valid JSON: {exc.msg}", exc.lineno) from None
        return data if isinstance(data, dict) else {}
    return _yaml(text, first=1)


def read_page(file: Path) -> Text:
    """Read one content file; raise ReadError when it is not UTF-8 or its front matter is bad."""
    try:
        return split(file.read_text("utf-8"))
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text ({exc.reason})") from None
