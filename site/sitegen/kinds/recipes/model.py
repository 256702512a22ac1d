"""The recipe as templates and the search index see it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...content.items import Image, Item
from ...urls import site_url
from .durations import human_duration
from .ingredients import Ingredient, is_staple

# Diet labels a recipe may carry, and the schema.org RestrictedDiet each one maps to
# (None where schema.org has no such diet: the label still shows and filters).
DIETS: dict[str, str | None] = {
    "vegetarian": "VegetarianDiet",
    "vegan": "VeganDiet",
    "gluten-free": "GlutenFreeDiet",
    "dairy-free": None,
    "nut-free": None,
    "egg-free": None,
    "low-carb": None,
    "low-fat": "LowFatDiet",
    "low-calorie": "LowCalorieDiet",
    "low-salt": "LowSaltDiet",
    "low-lactose": "LowLactoseDiet",
    "pescatarian": None,
    "halal": "HalalDiet",
    "kosher": "KosherDiet",
    "diabetic": "DiabeticDiet",
}
DIFFICULTIES = ("easy", "medium", "hard")
# Nutrition keys and the schema.org NutritionInformation property each one fills.
NUTRITION = {
    "calories": "calories",
    "fat": "fatContent",
    "saturated_fat": "saturatedFatContent",
    "unsaturated_fat": "unsaturatedFatContent",
    "trans_fat": "transFatContent",
    "carbohydrates": "carbohydrateContent",
    "sugar": "sugarContent",
    "fiber": "fiberContent",
    "protein": "proteinContent",
    "sodium": "sodiumContent",
    "cholesterol": "cholesterolContent",
    "serving_size": "servingSize",
}


@dataclass(frozen=True)
class Label:
    """A cuisine, course or diet value with its filter page."""

    name: str
    slug: str
    facet: str  # "cuisine", "course" or "diet"

    @property
    def url(self) -> str:
        """Return the filter page's URL."""
        return site_url(f"/recipes/{self.facet}/{self.slug}/")


Render = Callable[[str], str]


_BLOCK = re.compile(r"<(?:p|figure|ul|ol|div|pre|table|blockquote|h[1-6])[\s>]")


def inline_html(rendered: str) -> str:
    """Unwrap a single rendered paragraph so a step reads as inline text."""
    rendered = rendered.strip()
    inner = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
    return inner.group(1) if inner and "<p>" not in inner.group(1) else rendered


@dataclass(frozen=True)
class Step:
    """One numbered step of the method."""

    markdown: str
    text: str  # plain text, for JSON-LD
    image: Image | None = None
    section: str = ""
    render: Render = field(default=str, repr=False, compare=False)

    @property
    def html(self) -> str:
        """Render the step (at request time, so links honour the site's sub-path)."""
        return inline_html(self.render(self.markdown))

    @property
    def block(self) -> bool:
        """Whether the step holds blocks (a captioned figure, a list), not a line of text."""
        return _BLOCK.search(self.html) is not None


@dataclass(frozen=True)
class IngredientGroup:
    """Ingredients under one heading ('For the sauce'); the name is empty for the main list."""

    name: str
    items: tuple[Ingredient, ...]


class Recipe(Item):
    """A recipe, structured or read from plain Markdown."""

    kind = "recipes"
    ingredients: tuple[Ingredient, ...] = ()
    steps: tuple[Step, ...] = ()
    summary: str = ""
    summary_from_intro: bool = False  # the summary is the intro's first paragraph
    updated: dt.date | None = None
    author: str = ""
    cover: Image | None = None
    gallery: tuple[Image, ...] = ()
    cuisine: Label | None = None
    course: Label | None = None
    diets: tuple[Label, ...] = ()
    tags: tuple[str, ...] = ()
    servings: int | None = None
    yield_text: str = ""
    prep_minutes: int | None = None
    cook_minutes: int | None = None
    total_minutes: int | None = None
    difficulty: str = ""
    equipment: tuple[str, ...] = ()
    nutrition: dict[str, str] = {}  # replaced per recipe, never mutated
    intro_markdown: str = ""
    notes_markdown: str = ""
    structured: bool = True  # ingredients and steps came from the front matter
    related: list[Recipe] = []  # shown on the page; set by `finish`
    similar: list[str] = []  # slugs, best first, for suggestions
    rating: Any = None  # ratings.Rating from the API's summary, or None; set by `finish`
    render: Render = str

    @property
    def intro_html(self) -> str:
        """Render the introduction (the body before the ingredients)."""
        return self.render(self.intro_markdown) if self.intro_markdown else ""

    @property
    def notes_html(self) -> str:
        """Render the notes."""
        return self.render(self.notes_markdown) if self.notes_markdown else ""

    @property
    def groups(self) -> list[IngredientGroup]:
        """Group the ingredients in the order their groups first appear."""
        order: dict[str, list[Ingredient]] = {}
        for item in self.ingredients:
            order.setdefault(item.group, []).append(item)
        return [IngredientGroup(name, tuple(items)) for name, items in order.items()]

    @property
    def labels(self) -> list[Label]:
        """List cuisine, course and diets, for badges and filters."""
        return [x for x in (self.cuisine, self.course) if x] + list(self.diets)

    @property
    def times(self) -> list[tuple[str, str]]:
        """List the times to show: ('Prep', '15 min'), ..."""
        pairs = [
            ("Prep", self.prep_minutes),
            ("Cook", self.cook_minutes),
            ("Total", self.total_minutes),
        ]
        return [(name, human_duration(m)) for name, m in pairs if m is not None]

    @cached_property
    def keys(self) -> set[str]:
        """Name every ingredient for matching, without pantry staples."""
        return {i.key for i in self.ingredients if i.key and not is_staple(i.key)}
