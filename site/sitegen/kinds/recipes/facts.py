"""Facts a plain recipe states in its introduction: '⏲️ Prep time: 10 min', 'Servings: 4'.

Hugo recipe collections list them as bullets before the ingredients (based.cooking's
archetype writes '- ⏲️ Prep time:', '- 🍳 Cook time:', '- 🍽️ Servings:'). `read_fact`
turns such a line into a value of the schema's field when the value reads cleanly,
so the servings scaler and the JSON-LD times work; a line whose value does not
('Servings: depends', 'Cook time: 10-15 min') is left in the introduction as written.
Servings are taken as `servings:` in front matter takes them ('4-6' serves 4); a line
that says more than its number stays in the introduction too (see `load.make`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .durations import DurationError, parse_minutes

LABELS = {
    "prep time": "prep_time", "preparation time": "prep_time", "prep": "prep_time",
    "cook time": "cook_time", "cooking time": "cook_time", "bake time": "cook_time",
    "baking time": "cook_time", "total time": "total_time", "servings": "servings",
    "serving": "servings", "serves": "servings", "portions": "servings", "yield": "yield",
    "yields": "yield",
}  # fmt: skip
_LABEL = "|".join(sorted(LABELS, key=len, reverse=True))
# An optional bullet, emoji and emphasis, the label, an optional colon, the value.
_FACT_RE = re.compile(
    rf"^\s*(?:[-*+]\s+)?[^\w\s]*\s*(?P<label>{_LABEL})\s*(?::\s*|\s+(?=\d))(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
_PEOPLE = ("people", "persons", "portions", "servings")
_APPROX_RE = re.compile(r"^(?:~|≈|about\b|approx\.?|around\b)\s*", re.IGNORECASE)
# '4', '4 people', '4-6', '6+', '1 (2 wraps)': as `servings:` in front matter takes them.
_SERVINGS_RE = re.compile(
    r"(?P<n>\d+)(?P<more>(?:\s*[-–]\s*\d+|\+)?(?:\s+[^\W\d]+)?(?:\s*\([^()]*\))?)"
)


@dataclass(frozen=True)
class Fact:
    """A field's value read from a line of the introduction."""

    field: str  # the schema field: prep_time, cook_time, total_time, servings or yield
    value: int | str
    line: int  # the file line it was read from


def read_fact(text: str, line: int = 0) -> Fact | None:
    """Read '- ⏲️ Prep time: 10 min' as Fact('prep_time', 10); None for anything else."""
    plain = " ".join(re.sub(r"(\*\*|__)", "", text).split())
    match = _FACT_RE.match(plain)
    if not match:
        return None
    field = LABELS[match["label"].lower()]
    value = match["value"].strip().removesuffix(".")
    if field == "yield":
        return Fact(field, value, line) if len(value) <= 60 else None
    if field == "servings":
        servings = _SERVINGS_RE.fullmatch(value)
        if not servings or int(servings["n"]) == 0:
            return None
        # '4 people' is 4; '4-6' or '8 bowls' fills the field and says more than its number.
        plain_number = servings["more"].strip().lower() in ("", *_PEOPLE)
        return Fact(field, int(servings["n"]) if plain_number else value, line)
    try:
        return Fact(field, parse_minutes(_APPROX_RE.sub("", value)), line)
    except DurationError:
        return None
