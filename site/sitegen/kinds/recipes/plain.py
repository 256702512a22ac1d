"""Plain-Markdown recipes: the sections cooks write by hand, read into a structure.

A recipe written for Hugo or Jekyll recipe collections keeps only title, date, tags
and author in front matter, then a bullet list under an "Ingredients" heading
(sub-headings or bold lines such as "For the sauce" make groups) and a numbered list
under "Directions", "Method", "Steps" or "Instructions". `split_sections` finds those
parts; everything else (the introduction, "Notes") stays Markdown. Lines of the
introduction such as '- 🍽️ Servings: 4' are also read as facts (see `facts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .facts import Fact, read_fact

INGREDIENT_HEADINGS = {
    "ingredients", "ingredient", "ingredient list", "what you need", "you will need",
    "you'll need", "shopping list",
}  # fmt: skip
STEP_HEADINGS = {
    "directions", "direction", "method", "steps", "instructions", "preparation",
    "how to make it", "procedure", "to make",
}  # fmt: skip
NOTE_HEADINGS = {"notes", "note", "tips", "cook's notes", "variations"}

_ATX_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RE = re.compile(r"^(=+|-+)\s*$")
_BOLD_RE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_BULLET_RE = re.compile(r"^(\s*)[-*+]\s+(?:\[[ xX]\]\s+)?(.*)$")
_NUMBER_RE = re.compile(r"^(\s*)\d+[.)]\s+(.*)$")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


@dataclass
class PlainRecipe:
    """What a plain-Markdown body holds, each part with the file line it started on."""

    intro: list[str] = field(default_factory=list)
    # (group, line number, text) for every bullet under the ingredients heading.
    ingredients: list[tuple[str, int, str]] = field(default_factory=list)
    # (section, line number, markdown) for every step under the directions heading.
    steps: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ingredients_line: int | None = None
    steps_line: int | None = None
    # Lines of the intro that state a field ('Servings: 4'), by their index in `intro`.
    facts: dict[int, Fact] = field(default_factory=dict)

    def intro_markdown(self, shown: Callable[[Fact], bool] = lambda fact: False) -> str:
        """Join the intro, leaving out the fact lines that `shown` says the page shows."""
        return "\n".join(
            line
            for i, line in enumerate(self.intro)
            if i not in self.facts or not shown(self.facts[i])
        ).strip()


def heading_kind(text: str) -> str:
    """Classify a heading: 'ingredients', 'steps', 'notes' or '' for anything else."""
    key = re.sub(r"\(.*?\)|[*_:#.]", "", text).strip().lower()
    # "Ingredients for 4", "Method (30 minutes)": the first word says what follows.
    first = key.split()[0] if key else ""
    if key in INGREDIENT_HEADINGS or first == "ingredients":
        return "ingredients"
    if key in STEP_HEADINGS or first in ("directions", "method", "instructions", "steps"):
        return "steps"
    if key in NOTE_HEADINGS:
        return "notes"
    return ""


def _headings(lines: list[str]) -> dict[int, tuple[int, str]]:
    """Find headings: index -> (level, text); setext underlines are marked level 0."""
    found: dict[int, tuple[int, str]] = {}
    fenced = False
    for i, raw in enumerate(lines):
        if _FENCE_RE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            continue
        atx = _ATX_RE.match(raw)
        if atx:
            found[i] = (len(atx.group(1)), atx.group(2).strip())
        elif (
            i + 1 < len(lines)
            and raw.strip()
            and _SETEXT_RE.match(lines[i + 1])
            and not _BULLET_RE.match(raw)
            and (i == 0 or not lines[i - 1].strip())
        ):
            found[i] = (1 if lines[i + 1].startswith("=") else 2, raw.strip())
            found[i + 1] = (0, "")
    return found


def split_sections(body: str, first_line: int = 1) -> PlainRecipe:
    """Split a Markdown body into intro, ingredient groups, steps and notes."""
    lines = body.splitlines()
    headings = _headings(lines)
    recipe = PlainRecipe()
    section, level, group = "intro", 0, ""
    step_open = False
    for i, raw in enumerate(lines):
        number = first_line + i
        heading = headings.get(i)
        if heading is None and not _BULLET_RE.match(raw) and heading_kind(raw):
            # '**Ingredients**' or 'Method:' on a line of its own works as a heading.
            heading = (7, raw.strip())
        if heading is None:
            if section == "ingredients":
                group = _ingredient_line(recipe, raw, number, group)
            elif section == "steps":
                step_open = _step_line(recipe, raw, number, group, step_open)
            else:
                if section == "intro":
                    fact = read_fact(raw, number)
                    if fact is not None:
                        recipe.facts[len(recipe.intro)] = fact
                _target(recipe, section).append(raw)
            continue
        h_level, text = heading
        if h_level == 0:  # a setext underline, kept with its heading when that is shown
            if section in ("intro", "notes") and heading_kind(lines[i - 1]) != "ingredients":
                _target(recipe, section).append(raw)
            continue
        kind = heading_kind(text)
        if kind:
            section, level, group, step_open = kind, h_level, "", False
            if kind == "ingredients" and recipe.ingredients_line is None:
                recipe.ingredients_line = number
            elif kind == "steps" and recipe.steps_line is None:
                recipe.steps_line = number
            elif kind == "notes":
                recipe.notes.append(raw)
        elif section in ("ingredients", "steps") and h_level > level:
            group, step_open = text.strip(" :*_"), False
        else:
            section, level, group = ("notes" if recipe.ingredients_line else "intro"), h_level, ""
            _target(recipe, section).append(raw)
    return recipe


def _target(recipe: PlainRecipe, section: str) -> list[str]:
    return recipe.notes if section == "notes" else recipe.intro


def _ingredient_line(recipe: PlainRecipe, raw: str, number: int, group: str) -> str:
    bullet = _BULLET_RE.match(raw) or _NUMBER_RE.match(raw)
    if bullet:
        recipe.ingredients.append((group, number, bullet.group(2).strip()))
        return group
    bold = _BOLD_RE.match(raw)
    if bold:
        return bold.group(1).strip(" :")
    text = raw.strip()
    if text.endswith(":") and len(text) < 60:
        return text.rstrip(":").strip()
    if text and raw.startswith((" ", "\t")) and recipe.ingredients:
        # An indented line continues the bullet above it.
        g, n, prev = recipe.ingredients[-1]
        recipe.ingredients[-1] = (g, n, f"{prev} {text}")
    return group


def _step_line(recipe: PlainRecipe, raw: str, number: int, section: str, is_open: bool) -> bool:
    item = _NUMBER_RE.match(raw) or _BULLET_RE.match(raw)
    text = raw.strip()
    if item:
        recipe.steps.append((section, number, item.group(2).strip()))
        return True
    if not text:
        return False
    bold = _BOLD_RE.match(raw)
    if bold and not is_open:
        return False
    if recipe.steps and (is_open or raw.startswith((" ", "\t"))):
        s, n, prev = recipe.steps[-1]
        recipe.steps[-1] = (s, n, f"{prev}\n{text}" if text.startswith("!") else f"{prev} {text}")
        return True
    # A paragraph under "Directions" with no list is a step of its own.
    recipe.steps.append((section, number, text))
    return True
