"""Making a Recipe from a validated file, and what recipes share: related ones, facets."""

from __future__ import annotations

import html
import re
from functools import partial
from typing import Any

from flask import has_request_context, request

from ...content.record import Record
from ...render.markdown import render_body
from ...text import slugify
from . import plain
from .discover import facet_values, related_all
from .facts import Fact
from .model import DIETS, Label, Recipe, Step
from .plurals import with_forms
from .ratings import apply_ratings

FACETS = ("cuisine", "course", "diet")
RELATED = 3
SIMILAR = 6  # kept for suggestions in the browser


def render(text: str, images: dict | None = None) -> str:
    """Render a recipe's Markdown; at request time, so links honour the site's sub-path.

    `images` are the body's local images (`record.body_images`), drawn as responsive pictures.
    """
    prefix = request.script_root if has_request_context() else ""
    return render_body(text, prefix, images).html


def make(record: Record) -> Recipe | None:
    """Build a Recipe from a validated file (plain bodies were read by `normalize`)."""
    v = record.values
    if not v["ingredients"] or not v["steps"]:
        for name in ("ingredients", "steps"):
            if not v[name]:
                record.error(name, f"{name} is empty: give at least one", record.line(name))
        return None
    # A partial, not a closure: recipes are pickled into the load cache.
    draw = partial(render, images=record.body_images) if record.body_images else render
    sections = plain.split_sections(record.body, record.body_line)
    title = record.values["title"]
    # A 'Servings: 4' line is shown by the page's own servings and times, not twice.
    intro_md = sections.intro_markdown(partial(_shown, v))
    if intro_md.startswith("# ") and intro_md[2:].split("\n", 1)[0].strip() == title:
        intro_md = intro_md.split("\n", 1)[1].strip() if "\n" in intro_md else ""
    summary = v["summary"] or _first_paragraph(draw(intro_md) if intro_md else "")
    prep, cook, total = v["prep_time"], v["cook_time"], v["total_time"]
    if total is None and (prep is not None or cook is not None):
        total = (prep or 0) + (cook or 0)
    servings, yield_text = _servings(v["servings"], v["yield"] or "")
    steps = [
        Step(text, _plain(text), record.image(image), section, draw)
        for text, section, image in v["steps"]
    ]
    when = v["updated"]
    return record.item(
        Recipe,
        f"/recipes/{record.slug}/",
        ingredients=tuple(with_forms(v["ingredients"], record.loader.cache_dir)),
        steps=tuple(steps),
        summary=summary,
        summary_from_intro=not v["summary"],
        updated=when.date() if when else None,
        author=v["author"] or "",
        cover=record.image(v["cover"]),
        gallery=tuple(record.image(ref) for ref in v["gallery"]),
        cuisine=v["cuisine"],
        course=v["course"],
        diets=tuple(_with_tag_diets(v["diet"], v["tags"])),
        tags=tuple(v["tags"]),
        servings=servings,
        yield_text=yield_text,
        prep_minutes=prep,
        cook_minutes=cook,
        total_minutes=total,
        difficulty=v["difficulty"] or "",
        equipment=tuple(v["equipment"]),
        nutrition=v["nutrition"],
        intro_markdown=intro_md,
        notes_markdown=v["notes"] or "\n".join(sections.notes).strip(),
        structured=record.line("ingredients") is not None,
        render=draw,
    )


def _shown(values: dict[str, Any], fact: Fact) -> bool:
    """Tell whether the page shows this fact of the intro in its own place."""
    value = values[fact.field]
    if fact.field == "servings" and value is not None:
        return fact.value == value[0]  # '4-6 (a crowd)' says more than the page's '4'
    return value == fact.value


def _servings(value: tuple[int, str] | None, yield_text: str) -> tuple[int | None, str]:
    if value is None:
        match = re.match(r"\s*(\d+)", yield_text)
        return (int(match.group(1)) if match else None), yield_text
    number, written = value
    return number, yield_text or written or f"{number} servings"


def _with_tag_diets(diets: list[Label], tags: list[str]) -> list[Label]:
    # Plain-Markdown recipes carry diets as tags ("vegan"); count them as diet labels.
    known = {d.slug for d in diets}
    extra = [slugify(t) for t in tags if slugify(t) in DIETS and slugify(t) not in known]
    return diets + [Label(d, d, "diet") for d in dict.fromkeys(extra)]


def _first_paragraph(rendered: str) -> str:
    match = re.search(r"<p>(.*?)</p>", rendered, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def _plain(markdown_text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", render(markdown_text)))
    return " ".join(text.split())


def finish(recipes: list[Recipe], content: Any) -> None:
    """Sort by title, pick related recipes, group by cuisine, course and diet; read ratings."""
    recipes.sort(key=lambda r: (r.title.lower(), r.slug))
    apply_ratings(recipes, content)
    best = related_all(recipes, SIMILAR)
    for recipe in recipes:
        similar = best[id(recipe)]
        recipe.related = similar[:RELATED]
        recipe.similar = [r.slug for r in similar]
    content.extras["recipe_facets"] = {facet: facet_values(recipes, facet) for facet in FACETS}
