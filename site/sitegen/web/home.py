"""The home page: an introduction, then the sections `site.yml` lists under `home:`.

Each kind offers a section (`Kind.home`: its template and what it shows); the
site itself offers `skills`. Without `home:` every offered section is shown,
ordered by weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import render_template
from markupsafe import Markup

from ..content.items import Item
from ..content.record import Content
from ..registry import HomeSection
from ..urls import site_url
from .state import current_state

SKILLS = HomeSection("_skills.html", lambda content: {"skills": content.site.skills}, weight=20)


@dataclass
class Section:
    """One section of the home page, ready to render."""

    name: str
    offer: HomeSection
    values: dict[str, Any]

    def items(self) -> list[Item]:
        """The items this section shows (the home page is rebuilt when one changes)."""
        found: list[Item] = []
        for value in self.values.values():
            if isinstance(value, list | tuple):
                found.extend(v for v in value if isinstance(v, Item))
        return found


def sections(content: Content) -> list[Section]:
    """The home page's sections in the order `site.yml` gives, with what each shows."""
    cached = content.extras.get("_home")
    if cached is not None:
        return cached
    offers = {"skills": SKILLS, **current_state().registry.home_sections()}
    chosen = []
    for name in content.site.home:
        values = offers[name].context(content) if name in offers else {}
        if any(values.values()):  # a section with nothing to show is left out
            chosen.append(Section(name, offers[name], values))
    content.extras["_home"] = chosen
    return chosen


def home_deps(content: Content) -> tuple[str, ...]:
    """Digests of every item the home page shows."""
    return tuple(item.digest for section in sections(content) for item in section.items())


def render_home(content: Content) -> str:
    """Render the home page: each section from its own template, inside home.html."""
    chosen = sections(content)
    # Every other section is shaded, whatever the order.
    rendered = [
        Markup(render_template(s.offer.template, alt=i % 2 == 1, **s.values))
        for i, s in enumerate(chosen)
    ]
    actions = [(s.offer.action[0], site_url(s.offer.action[1])) for s in chosen if s.offer.action]
    return render_template("home.html", sections=rendered, actions=actions)
