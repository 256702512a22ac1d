"""Typed reading of recipe front-matter fields, recording a problem for each bad one."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

from .durations import DurationError, parse_minutes
from .model import DIETS, NUTRITION, Label, Picture, slugify

Issue = tuple[int, str, str]  # (line, field, message)
Lines = Callable[..., int]


class Getter:
    """Read typed fields from front matter, recording a problem for each bad one."""

    def __init__(self, data: dict[str, tuple[str, Any]], lines: Lines, issues: list[Issue]):
        self.data, self.lines, self.issues = data, lines, issues

    def _bad(self, name: str, message: str, index: int | None = None) -> None:
        key = self.data[name][0] if name in self.data else name
        self.issues.append((self.lines(key, index), key, message))

    def raw(self, name: str) -> Any:
        return self.data[name][1] if name in self.data else None

    def text(self, name: str) -> str:
        value = self.raw(name)
        if value is None:
            return ""
        if isinstance(value, dict | list):
            self._bad(name, "must be text")
            return ""
        return str(value).strip()

    def flag(self, name: str) -> bool:
        value = self.raw(name)
        if value is None or isinstance(value, bool):
            return bool(value)
        self._bad(name, f"must be true or false, not {value!r}")
        return False

    def date(self, name: str) -> dt.date | None:
        value = self.raw(name)
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            self._bad(name, f"must be a date like 2024-05-31, not {value!r}")
            return None

    def strings(self, name: str) -> list[str]:
        value = self.raw(name)
        if value is None:
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return [str(v).strip() for v in value if str(v).strip()]
        self._bad(name, "must be a list of words or a comma-separated line")
        return []

    def label(self, name: str) -> Label | None:
        values = self.strings(name)
        if len(values) > 1:
            self._bad(name, f"give one {name}, not {len(values)}")
        return Label(values[0], slugify(values[0]), name) if values else None

    def diets(self) -> list[Label]:
        found = []
        for i, value in enumerate(self.strings("diet")):
            key = slugify(value)
            if key not in DIETS:
                close = difflib.get_close_matches(key, DIETS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self._bad("diet", f"unknown diet {value!r}; {hint}use one of {', '.join(DIETS)}", i)
                continue
            found.append(Label(key, key, "diet"))
        return found

    def choice(self, name: str, options: tuple[str, ...]) -> str:
        value = self.text(name).lower()
        if value and value not in options:
            self._bad(name, f"must be one of {', '.join(options)}, not {value!r}")
            return ""
        return value

    def minutes(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None or value == "":
            return None
        try:
            return parse_minutes(value)
        except DurationError as err:
            self._bad(name, str(err))
            return None

    def servings(self) -> tuple[int | None, str]:
        value, yield_text = self.raw("servings"), self.text("yield")
        if value is None:
            match = re.match(r"\s*(\d+)", yield_text)
            return (int(match.group(1)) if match else None), yield_text
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value, yield_text or f"{value} servings"
        match = re.match(r"\s*(\d+)\b", str(value))
        if isinstance(value, str) and match and int(match.group(1)) > 0:
            return int(match.group(1)), yield_text or value.strip()
        self._bad("servings", f"must be a whole number of servings like 4, not {value!r}")
        return None, yield_text

    def picture_from(
        self, value: Any, name: str, title: str, index: int | None = None
    ) -> Picture | None:
        field = name.split("[")[0].split(".")[0]
        if isinstance(value, str) and value.strip():
            return Picture(value.strip(), title)
        if isinstance(value, dict) and value.get("src"):
            if not str(value.get("alt") or "").strip():
                self._bad(field, f"{name}: 'alt' is required: describe the picture", index)
                return None
            return Picture(str(value["src"]), str(value["alt"]), str(value.get("caption") or ""))
        self._bad(field, f"{name}: give an image path or {{src, alt}}", index)
        return None

    def picture(self, name: str, title: str) -> Picture | None:
        value = self.raw(name)
        return None if value in (None, "") else self.picture_from(value, name, title)

    def pictures(self, name: str, title: str) -> list[Picture]:
        value = self.raw(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self._bad(name, "must be a list of images")
            return []
        found = [self.picture_from(v, f"{name}[{i + 1}]", title, i) for i, v in enumerate(value)]
        return [p for p in found if p]

    def nutrition(self) -> dict[str, str]:
        value = self.raw("nutrition")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self._bad("nutrition", f"must be a mapping of {', '.join(NUTRITION)}")
            return {}
        unknown = sorted(set(value) - set(NUTRITION))
        if unknown:
            self._bad("nutrition", f"unknown key {unknown[0]!r}; use {', '.join(NUTRITION)}")
        return {k: str(v) for k, v in value.items() if k in NUTRITION and v not in (None, "")}
