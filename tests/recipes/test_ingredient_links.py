"""An ingredient written as a Markdown link (Hugo recipe sites link to other recipes)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sitegen.commands.build import build_site
from sitegen.kinds.recipes.ingredients import parse_line

from .conftest import SITE_YML

CURRY = """\
---
title: Curry
---
## Ingredients

- 1 tsp [garam masala](/recipes/garam-masala/)
- [Pickled onions](/recipes/pickled-onions/), to serve

## Method

1. Cook.
"""
SPICE = (
    "---\ntitle: Garam masala\n---\n## Ingredients\n\n- 2 tbsp cumin\n\n## Method\n\n1. Grind.\n"
)
ONIONS = (
    "---\ntitle: Pickled onions\n---\n## Ingredients\n\n- 2 onions\n\n## Method\n\n1. Pickle.\n"
)


def test_the_link_is_kept_apart_from_the_name():
    line = parse_line("1 tsp [garam masala](/recipes/garam-masala/)")
    assert (line.item, line.link) == ("garam masala", "/recipes/garam-masala/")
    assert line.text == "1 tsp [garam masala](/recipes/garam-masala/)"  # as written
    part = parse_line("400 g pizza dough (from [our dough](/recipes/dough/))")
    assert (part.item, part.link) == ("pizza dough (from our dough)", "")  # words only


def test_a_linked_ingredient_is_a_link_not_markdown_on_the_page(tmp_path):
    content = tmp_path / "content"
    (content / "recipes").mkdir(parents=True)
    (content / "site.yml").write_text(
        SITE_YML.replace("https://cook.example/", "https://x.example/sub/")
    )
    for name, text in {"curry": CURRY, "garam-masala": SPICE, "pickled-onions": ONIONS}.items():
        (content / "recipes" / f"{name}.md").write_text(text)
    out = tmp_path / "build"
    build_site(content, out, cache_dir=tmp_path / "cache", progress=False, post_build=False)
    page = BeautifulSoup((out / "recipes/curry/index.html").read_text(), "html.parser")
    items = page.select(".ingredient-list li")
    assert [li.get_text(" ", strip=True) for li in items] == [
        "1 tsp garam masala",
        "Pickled onions, to serve",
    ]
    assert [a["href"] for a in page.select(".ingredient-list a")] == [
        "/sub/recipes/garam-masala/",  # the link was the whole item
        "/sub/recipes/pickled-onions/",
    ]
