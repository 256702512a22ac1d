"""Read a recipe file into a `Recipe`, collecting every problem as (line, field, message).

A file with `ingredients` (or `steps`) in its front matter is structured; otherwise the
Markdown body's "Ingredients" and "Directions" sections are read (see `plain`). Only
title, ingredients and steps are required. Keys this schema does not know are kept in
`params` so that recipes written for other generators build unchanged, except a key
that looks like a misspelt field ('ingredents'), which is reported.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from typing import Any

import yaml

from . import plain
from .fields import Getter, Issue
from .ingredients import Ingredient, IngredientError, from_mapping, parse_line
from .model import DIETS, DIFFICULTIES, Label, Recipe, Step, slugify

Render = Callable[[str], str]

ALIASES = {
    "description": "summary", "image": "cover", "directions": "steps", "instructions": "steps",
    "method": "steps", "prepTime": "prep_time", "prep": "prep_time", "cookTime": "cook_time",
    "cook": "cook_time", "totalTime": "total_time", "total": "total_time", "diets": "diet",
    "yields": "yield", "recipeYield": "yield", "category": "course", "categories": "course",
    "lastmod": "updated",
}  # fmt: skip
FIELDS = {
    "title", "summary", "cover", "gallery", "author", "date", "updated", "cuisine", "course",
    "diet", "tags", "servings", "yield", "prep_time", "cook_time", "total_time", "difficulty",
    "equipment", "ingredients", "steps", "notes", "nutrition", "draft", "slug",
}  # fmt: skip


class FrontMatterError(ValueError):
    """Front matter that is YAML but not a mapping."""


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster
_FRONT = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|$)", re.S)


class FieldLines:
    """Find the file line of a front-matter field or list entry, from YAML node marks.

    The YAML is composed only when a line is first asked for: a recipe without
    problems never pays for it.
    """

    def __init__(self, front: str, offset: int) -> None:
        self.front = front
        self.offset = offset  # file line of the front matter's first line
        self._nodes: dict[str, yaml.Node] | None = None

    def _load(self) -> dict[str, yaml.Node]:
        nodes: dict[str, yaml.Node] = {}
        try:
            root = yaml.compose(self.front, Loader=_LOADER) if self.front.strip() else None
        except yaml.YAMLError:
            root = None
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                nodes[str(key.value)] = value
                nodes[f"{key.value}:key"] = key
        return nodes

    def __call__(self, name: str, index: int | None = None) -> int:
        """Return the line of `name` (or of its `index`-th list entry)."""
        if self._nodes is None:
            self._nodes = self._load()
        node = self._nodes.get(f"{name}:key")
        if node is None:
            return max(self.offset - 1, 1)
        value = self._nodes[name]
        if index is not None and isinstance(value, yaml.SequenceNode | yaml.MappingNode):
            entries = value.value
            if index < len(entries):
                entry = entries[index]
                node = entry[0] if isinstance(entry, tuple) else entry
        return node.start_mark.line + self.offset


def field_lines(text: str) -> FieldLines:
    """Return the line finder for a whole file's front matter."""
    match = _FRONT.match(text)
    return FieldLines((match.group(1) or "") if match else "", 2)


def split_file(text: str) -> tuple[dict[str, Any], str, FieldLines, int]:
    """Split front matter from the body; return (meta, body, lines, body's first line)."""
    match = _FRONT.match(text)
    if not match:
        return {}, text, FieldLines("", 2), 1
    # Parsed here rather than by python-frontmatter so YAML error marks count from line 2.
    meta = yaml.load(match.group(1) or "", Loader=_LOADER) or {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of `key: value` lines")
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    return dict(meta), body, FieldLines(match.group(1) or "", 2), body_line


def parse_recipe(
    source: str, slug: str, text: str, render: Render
) -> tuple[Recipe | None, list[Issue]]:
    """Read one recipe file's text; return the recipe (None if unusable) and its problems."""
    try:
        meta, body, lines, body_line = split_file(text)
    except yaml.YAMLError as err:
        # The mark where the broken construct began reads better than where parsing gave up.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(err, "problem", None) or str(err)
        return None, [(line, "front matter", f"not valid YAML: {problem}")]
    except FrontMatterError as err:
        return None, [(2, "front matter", str(err))]
    return build_recipe(source, slug, meta, body, body_line, lines, render)


def _canonical(meta: dict[str, Any], lines: FieldLines, issues: list[Issue]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in meta.items():
        name = ALIASES.get(key, key)
        if name in FIELDS and name in data:
            issues.append((lines(key), key, f"repeats '{name}'; keep one of the two"))
            continue
        if name not in FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.85)
            if close:
                issues.append((lines(key), key, f"unknown field; did you mean '{close[0]}'?"))
            continue
        data[name] = (key, value)
    return data


def build_recipe(
    source: str,
    slug: str,
    meta: dict[str, Any],
    body: str,
    body_line: int,
    lines: FieldLines,
    render: Render,
) -> tuple[Recipe | None, list[Issue]]:
    """Validate front matter and body; return the recipe (None if unusable) and problems."""
    issues: list[Issue] = []
    data = _canonical(meta, lines, issues)
    params = {k: v for k, v in meta.items() if ALIASES.get(k, k) not in FIELDS}
    get = Getter(data, lines, issues)

    title = get.text("title")
    if not title:
        issues.append((lines("title"), "title", "required: give the recipe a title"))
    sections = plain.split_sections(body, body_line)

    if "ingredients" in data:
        ingredients = _structured_ingredients(get, issues)
    else:
        ingredients = _plain_ingredients(sections)
    if not ingredients and not any(field == "ingredients" for _, field, _ in issues):
        issues.append(
            (
                lines("ingredients") if "ingredients" in data else body_line,
                "ingredients",
                "required: list them under `ingredients:` in the front matter, or as a "
                "bullet list under an '## Ingredients' heading",
            )
        )
    steps = (
        _steps(get, sections, render, issues) if "steps" in data else _plain_steps(sections, render)
    )
    if not steps and not any(field == "steps" for _, field, _ in issues):
        issues.append(
            (
                lines("steps") if "steps" in data else body_line,
                "steps",
                "required: list them under `steps:` in the front matter, or as a numbered "
                "list under a '## Directions' (or Method, Steps, Instructions) heading",
            )
        )

    intro_md = "\n".join(sections.intro).strip()
    if intro_md.startswith("# ") and intro_md[2:].split("\n", 1)[0].strip() == title:
        intro_md = intro_md.split("\n", 1)[1].strip() if "\n" in intro_md else ""
    notes_md = get.text("notes") or "\n".join(sections.notes).strip()
    summary = get.text("summary")
    summary_from_intro = not summary
    if not summary:
        summary = _first_paragraph(render(intro_md) if intro_md else "")

    prep, cook, total = (get.minutes(k) for k in ("prep_time", "cook_time", "total_time"))
    if total is None and (prep is not None or cook is not None):
        total = (prep or 0) + (cook or 0)
    servings, yield_text = get.servings()

    recipe = Recipe(
        title=title,
        slug=get.text("slug") or slug,
        source=source,
        ingredients=tuple(ingredients),
        steps=tuple(steps),
        summary=summary,
        summary_from_intro=summary_from_intro,
        date=get.date("date"),
        updated=get.date("updated"),
        author=get.text("author"),
        cover=get.picture("cover", title),
        gallery=tuple(get.pictures("gallery", title)),
        cuisine=get.label("cuisine"),
        course=get.label("course"),
        diets=tuple(_with_tag_diets(get.diets(), get.strings("tags"))),
        tags=tuple(get.strings("tags")),
        servings=servings,
        yield_text=yield_text,
        prep_minutes=prep,
        cook_minutes=cook,
        total_minutes=total,
        difficulty=get.choice("difficulty", DIFFICULTIES),
        equipment=tuple(get.strings("equipment")),
        nutrition=get.nutrition(),
        intro_markdown=intro_md,
        notes_markdown=notes_md,
        render=render,
        draft=get.flag("draft"),
        structured="ingredients" in data,
        params=params,
    )
    issues.sort(key=lambda issue: issue[0])
    return (None if not title or not ingredients or not steps else recipe), issues


def _with_tag_diets(diets: list[Label], tags: list[str]) -> list[Label]:
    # Plain-Markdown recipes carry diets as tags ("vegan"); count them as diet labels.
    known = {d.slug for d in diets}
    extra = [slugify(t) for t in tags if slugify(t) in DIETS and slugify(t) not in known]
    return diets + [Label(d, d, "diet") for d in dict.fromkeys(extra)]


def _first_paragraph(rendered: str) -> str:
    match = re.search(r"<p>(.*?)</p>", rendered, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def _structured_ingredients(get: Getter, issues: list[Issue]) -> list[Ingredient]:
    key, raw = get.data["ingredients"]
    entries: list[tuple[int, str, Any]] = []
    if isinstance(raw, dict):
        # {"For the dough": [...], "For the filling": [...]}
        for g_index, (group, items) in enumerate(raw.items()):
            if not isinstance(items, list):
                issues.append((get.lines(key, g_index), key, f"group {group!r} must be a list"))
                continue
            entries += [(get.lines(key, g_index), str(group), item) for item in items]
    elif isinstance(raw, list):
        entries = [(get.lines(key, i), "", item) for i, item in enumerate(raw)]
    else:
        issues.append((get.lines(key), key, "must be a list of lines or of {quantity, unit, item}"))
    found: list[Ingredient] = []
    for line, group, item in entries:
        try:
            if isinstance(item, dict):
                found.append(from_mapping(item, group))
            elif isinstance(item, str | int | float):
                found.append(parse_line(str(item), group=group, strict=True))
            else:
                raise IngredientError(f"{item!r} is neither a line nor a mapping")
        except IngredientError as err:
            issues.append((line, "ingredients", str(err)))
    return found


def _plain_ingredients(sections: plain.PlainRecipe) -> list[Ingredient]:
    found = []
    for group, _line, text in sections.ingredients:
        if text:
            found.append(parse_line(text, group=group, strict=False))
    return found


def _plain(render: Render, markdown_text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", render(markdown_text)))
    return " ".join(text.split())


def _plain_steps(sections: plain.PlainRecipe, render: Render) -> list[Step]:
    steps = []
    for section, _line, text in sections.steps:
        steps.append(Step(text, _plain(render, text), section=section, render=render))
    return steps


def _steps(
    get: Getter, sections: plain.PlainRecipe, render: Render, issues: list[Issue]
) -> list[Step]:
    key, raw = get.data["steps"]
    if not isinstance(raw, list):
        issues.append((get.lines(key), key, "must be a list of steps"))
        return []
    steps = []
    for i, item in enumerate(raw):
        image = None
        if isinstance(item, dict):
            unknown = sorted(set(item) - {"text", "image", "section"})
            if unknown or not item.get("text"):
                message = f"unknown field {unknown[0]!r}" if unknown else "each step needs 'text'"
                issues.append((get.lines(key, i), "steps", f"{message}; use text, image, section"))
                continue
            if item.get("image") is not None:
                image = get.picture_from(item["image"], f"{key}[{i + 1}].image", "", i)
            text, section = str(item["text"]), str(item.get("section") or "")
        elif isinstance(item, str) and item.strip():
            text, section = item, ""
        else:
            issues.append((get.lines(key, i), "steps", f"step {i + 1} is empty"))
            continue
        steps.append(Step(text, _plain(render, text), image, section, render))
    return steps
