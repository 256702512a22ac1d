"""Ingredient names agree with their quantity: '1 bay leaf', '2 bay leaves', '½ onion'."""

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitegen.kinds.recipes import plurals
from sitegen.kinds.recipes.ingredients import from_mapping, parse_line
from sitegen.kinds.recipes.plurals import item_forms, with_forms


@pytest.mark.parametrize(
    ("line", "one", "many"),
    [
        ("1 bay leaf", "bay leaf", "bay leaves"),
        ("2 onions, finely chopped", "onion", "onions"),
        ("1/2 small white onion", "small white onion", "small white onions"),
        ("3 very ripe bananas", "very ripe banana", "very ripe bananas"),
        ("2-3 eggs", "egg", "eggs"),
        ("1 tomato", "tomato", "tomatoes"),
        ("1 1/2 bay leaf", "bay leaf", "bay leaves"),  # the author's singular, after 1 ½
        # A unit heading the item is what is counted.
        ("1 small bunch coriander, chopped", "small bunch coriander", "small bunches coriander"),
        # A parenthesis is the author's aside, left as written.
        ("2 onions (about 300 g)", "onion (about 300 g)", "onions (about 300 g)"),
    ],
)
def test_counted_items_get_both_forms(line, one, many):
    assert item_forms(parse_line(line)) == (one, many)


@pytest.mark.parametrize(
    "line", ["2 cups flour", "4 cloves garlic", "1 handful coriander leaves", "250 g red lentils"]
)
def test_a_unit_is_counted_and_the_item_kept_as_written(line):
    ingredient = parse_line(line)
    assert item_forms(ingredient) == (ingredient.item, ingredient.item)


@pytest.mark.parametrize("line", ["1 eggs", "1 hummus"])
def test_a_plural_looking_name_after_one_is_kept_not_mangled(line):
    ingredient = parse_line(line)
    assert item_forms(ingredient) == (ingredient.item, ingredient.item)  # no 'eggss'


@pytest.mark.parametrize(
    ("line", "one", "many"),
    [("2 garlic", "garlic", "garlic"), ("2 hummus", "hummus", "hummus"),
     ("1 fresh spinach", "fresh spinach", "fresh spinach"),
     ("2 red chillies", "red chilli", "red chillies"),
     ("1 green chilli", "green chilli", "green chillies"),
     ("1 red pepper", "red pepper", "red peppers")],
)  # fmt: skip
def test_kitchen_nouns_that_are_not_counted_and_cooks_plurals(line, one, many):
    assert item_forms(parse_line(line)) == (one, many)  # not '2 garlics', '1 hummu', 'chillis'


@pytest.mark.parametrize(
    ("quantity", "name", "shown"),
    [("1", "bay leaf", "1 bay leaf"), ("1 1/2", "bay leaves", "1 ½ bay leaves"),
     ("1/4", "bay leaf", "¼ bay leaf"), ("1/2-1", "bay leaf", "½–1 bay leaf"),
     ("1-2", "bay leaves", "1–2 bay leaves")],
)  # fmt: skip
def test_the_name_follows_the_quantity(quantity, name, shown):
    (ingredient,) = with_forms([from_mapping({"quantity": quantity, "item": "bay leaf"})], None)
    assert ingredient.name == name
    assert ingredient.display() == shown  # also what JSON-LD lists


def test_inflect_is_asked_once_then_its_answers_come_from_the_cache(tmp_path, monkeypatch):
    lines = [parse_line("2 onions"), parse_line("1 bay leaf")]
    monkeypatch.setattr(plurals, "_answers", {})
    monkeypatch.setattr(plurals, "_loaded", set())
    first = with_forms(lines, tmp_path)
    assert [(i.one, i.many) for i in first] == [("onion", "onions"), ("bay leaf", "bay leaves")]
    # A later build (a new process) finds the answers without importing inflect.
    monkeypatch.setattr(plurals, "_answers", {})
    monkeypatch.setattr(plurals, "_loaded", set())
    monkeypatch.setattr(plurals, "_engine", None)
    monkeypatch.setitem(sys.modules, "inflect", None)  # importing it would fail
    assert [(i.one, i.many) for i in with_forms(lines, tmp_path)] == [
        ("onion", "onions"),
        ("bay leaf", "bay leaves"),
    ]


def _lines(out: Path, slug: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup((out / "recipes" / slug / "index.html").read_text("utf-8"), "html.parser")
    return {li.get_text(" ", strip=True): li for li in soup.select(".ingredient-list li")}


def test_recipe_pages_name_each_item_for_its_quantity_without_javascript(built_site):
    lines = _lines(built_site, "chana-masala")
    bay = lines["1 bay leaf"].select_one("[data-one]")
    assert (bay["data-one"], bay["data-many"]) == ("bay leaf", "bay leaves")
    onions = lines["2 onions , finely chopped"].select_one("[data-one]")
    assert (onions["data-one"], onions["data-many"], onions.get_text()) == (
        "onion",
        "onions",
        "onions",
    )
    # Units are counted, not the item: no forms for the page to choose from.
    assert lines["4 cloves garlic , grated"].select_one("[data-one]") is None
    assert lines["3 tbsp vegetable oil"].select_one("[data-one]") is None
    guacamole = _lines(built_site, "guacamole")
    assert "½ small white onion , finely chopped" in guacamole
    assert "1 small bunch coriander , chopped" in guacamole
