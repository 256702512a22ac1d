"""Converters for the recipe fields the engine has no type for: labels, diets, times,
servings, nutrition, ingredients and steps (see `sitegen.content.schema.Field`).

Each takes `(value, source, name)`, returns the clean value, raises `Invalid` for a
bad value, and reports a bad entry of a list at that entry's own line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...content.schema import Invalid, Source, to_image, to_tags
from ...text import slugify, suggest
from .durations import DurationError, parse_minutes
from .ingredients import Ingredient, IngredientError, from_mapping, parse_line
from .model import DIETS, DIFFICULTIES, NUTRITION, Label

STEP_KEYS = ("text", "image", "section")


class FromBody(list):
    """Entries read from a plain recipe's Markdown body: (group or section, line, text)."""


def label_of(facet: str) -> Callable[[Any, Source, str], Label]:
    """Return the converter of a one-value label field (cuisine, course)."""

    def convert(value: Any, src: Source, name: str) -> Label:
        values = to_tags(value, src, name)
        if len(values) > 1:
            raise Invalid(f"give one {facet}, not {len(values)}")
        if not values:
            raise Invalid(f"expected a {facet} like 'Italian', got {value!r}")
        return Label(values[0], slugify(values[0]), facet)

    return convert


def to_diets(value: Any, src: Source, name: str) -> list[Label]:
    """Accept diet names (vegan, gluten free…); report each unknown one at its line."""
    found = []
    for i, text in enumerate(to_tags(value, src, name)):
        key = slugify(text)
        if key not in DIETS:
            meant = suggest(key, DIETS, cutoff=0.6)
            hint = f"did you mean '{meant}'? " if meant else ""
            src.entry_error(name, i, f"unknown diet {text!r}; {hint}use one of {', '.join(DIETS)}")
            continue
        found.append(Label(key, key, "diet"))
    return found


def to_difficulty(value: Any, src: Source, name: str) -> str:
    """Accept easy, medium or hard, in any case."""
    text = str(value).strip().lower()
    if text not in DIFFICULTIES:
        raise Invalid(f"must be one of {', '.join(DIFFICULTIES)}, not {text!r}")
    return text


def to_minutes(value: Any, src: Source, name: str) -> int:
    """Accept 45, '1h 20m', '1 hour 20 minutes' or PT1H20M."""
    try:
        return parse_minutes(value)
    except DurationError as err:
        raise Invalid(str(err)) from None


def to_servings(value: Any, src: Source, name: str) -> tuple[int, str]:
    """Accept 4 or '4 people': (number of servings, the text as written)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value, ""
    match = re.match(r"\s*(\d+)\b", str(value))
    if isinstance(value, str) and match and int(match.group(1)) > 0:
        return int(match.group(1)), value.strip()
    raise Invalid(f"must be a whole number of servings like 4, not {value!r}")


def to_nutrition(value: Any, src: Source, name: str) -> dict[str, str]:
    """Accept {calories: 320 kcal, protein: 18 g, ...}; report keys schema.org lacks."""
    if not isinstance(value, dict):
        raise Invalid(f"must be a mapping of {', '.join(NUTRITION)}")
    unknown = sorted(str(k) for k in set(value) - set(NUTRITION))
    if unknown:
        src.error(name, f"unknown key {unknown[0]!r}; use {', '.join(NUTRITION)}")
    return {k: str(v) for k, v in value.items() if k in NUTRITION and v not in (None, "")}


def to_ingredients(value: Any, src: Source, name: str) -> list[Ingredient]:
    """Accept lines ('200 g flour'), {quantity, unit, item} or groups of either.

    Lines from a plain recipe's body are read leniently: a line that cannot be
    parsed keeps its text. Lines in front matter must parse.
    """
    if isinstance(value, FromBody):
        return [parse_line(text, group=group, strict=False) for group, _line, text in value if text]
    entries: list[tuple[int, str, Any]] = []  # (entry index for its line, group, entry)
    if isinstance(value, dict):
        # {"For the dough": [...], "For the filling": [...]}: entries share their group's line.
        for g, (group, items) in enumerate(value.items()):
            if not isinstance(items, list):
                src.entry_error(name, g, f"group {group!r} must be a list")
                continue
            entries += [(g, str(group), item) for item in items]
    elif isinstance(value, list):
        entries = [(i, "", item) for i, item in enumerate(value)]
    else:
        raise Invalid("must be a list of lines or of {quantity, unit, item}")
    found: list[Ingredient] = []
    for index, group, item in entries:
        try:
            if isinstance(item, dict):
                found.append(from_mapping(item, group))
            elif isinstance(item, str | int | float) and not isinstance(item, bool):
                found.append(parse_line(str(item), group=group, strict=True))
            else:
                raise IngredientError(f"{item!r} is neither a line nor a mapping")
        except IngredientError as err:
            src.entry_error(name, index, str(err))
    return found


def to_steps(value: Any, src: Source, name: str) -> list[tuple[str, str, Any]]:
    """Accept steps as text or {text, image, section}: (markdown, section, image)."""
    if isinstance(value, FromBody):
        return [(text, section, None) for section, _line, text in value]
    if not isinstance(value, list):
        raise Invalid("must be a list of steps")
    steps = []
    for i, item in enumerate(value):
        image = None
        if isinstance(item, dict):
            unknown = sorted(str(k) for k in set(item) - set(STEP_KEYS))
            if unknown or not item.get("text"):
                problem = f"unknown field {unknown[0]!r}" if unknown else "each step needs 'text'"
                src.entry_error(name, i, f"{problem}; use {', '.join(STEP_KEYS)}")
                continue
            if item.get("image") is not None:
                try:
                    image = to_image(item["image"], src, name)
                except Invalid as exc:
                    src.entry_error(name, i, f"step {i + 1}: {exc}")
                    continue
            text, section = str(item["text"]), str(item.get("section") or "")
        elif isinstance(item, str) and item.strip():
            text, section = item, ""
        else:
            src.entry_error(name, i, f"step {i + 1} is empty")
            continue
        steps.append((text, section, image))
    return steps
