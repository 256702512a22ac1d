"""Ingredient lines are read the way a cook wrote them, and bad ones are named clearly."""

from fractions import Fraction as F

import pytest
from sitegen.kinds.recipes.ingredients import IngredientError, from_mapping, item_key, parse_line
from sitegen.kinds.recipes.quantity import format_quantity

# line, quantity, quantity_max, unit symbol, item, note
CASES = [
    ("200 g flour, sifted", F(200), None, "g", "flour", "sifted"),
    ("200g butter", F(200), None, "g", "butter", ""),
    ("1 kg potatoes, peeled", F(1), None, "kg", "potatoes", "peeled"),
    ("1/2 cup milk", F(1, 2), None, "cup", "milk", ""),
    ("1 1/2 cups milk", F(3, 2), None, "cup", "milk", ""),
    ("½ tsp salt", F(1, 2), None, "tsp", "salt", ""),
    ("1½ cups stock", F(3, 2), None, "cup", "stock", ""),
    ("1 ½ Tablespoons honey", F(3, 2), None, "tbsp", "honey", ""),
    ("¾ cup sugar", F(3, 4), None, "cup", "sugar", ""),
    ("2-3 cloves garlic, crushed", F(2), F(3), "clove", "garlic", "crushed"),
    ("2–3 tbsp olive oil", F(2), F(3), "tbsp", "olive oil", ""),
    ("2 to 3 tbsp honey", F(2), F(3), "tbsp", "honey", ""),
    ("0.5 l water", F(1, 2), None, "l", "water", ""),
    ("1.25 litres stock", F(5, 4), None, "l", "stock", ""),
    ("250 ml milk", F(250), None, "ml", "milk", ""),
    ("8 oz cream cheese, softened", F(8), None, "oz", "cream cheese", "softened"),
    ("1 lb ground beef", F(1), None, "lb", "ground beef", ""),
    ("3 fluid ounces cream", F(3), None, "fl oz", "cream", ""),
    ("a pinch of salt", F(1), None, "pinch", "salt", ""),
    ("2 cups of flour", F(2), None, "cup", "flour", ""),
    ("3 eggs", F(3), None, None, "eggs", ""),
    ("2 large eggs", F(2), None, None, "large eggs", ""),
    ("two onions, diced", F(2), None, None, "onions", "diced"),
    ("1 can (400 g) chickpeas, drained", F(1), None, "can", "chickpeas", "400 g, drained"),
    ("1 bunch coriander", F(1), None, "bunch", "coriander", ""),
    ("black pepper, to taste", None, None, None, "black pepper", ""),
    ("salt to taste", None, None, None, "salt", ""),
    ("Eggs: 5", F(5), None, None, "Eggs", ""),
    ("Spaghetti: 320 g | 11 oz", F(320), None, "g", "Spaghetti", ""),
    ("a little olive oil", None, None, None, "a little olive oil", ""),
]


@pytest.mark.parametrize(("line", "qty", "qty_max", "unit", "item", "note"), CASES)
def test_parse_line(line, qty, qty_max, unit, item, note):
    got = parse_line(line, strict=False)
    assert got.quantity == qty
    assert got.quantity_max == qty_max
    assert (got.unit.symbol if got.unit else None) == unit
    assert got.item == item
    assert got.text == line  # the author's text is always kept
    if qty is not None:
        assert got.note == note


@pytest.mark.parametrize(
    "line",
    ["salt to taste", "a little olive oil", "1 cup + 2 tbsp butter", "120 g beef per person"],
)
def test_unreadable_quantity_keeps_the_line_as_written(line):
    got = parse_line(line, strict=False)
    assert not got.scalable
    assert got.display() == line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1//2 cup sugar", "bad quantity '1//2' in '1//2 cup sugar'"),
        ("1/0 cup sugar", "division by zero"),
        ("3-2 eggs", "the second number must be the larger one"),
        ("1.5.2 kg rice", "bad quantity '1.5.2'"),
        ("0 eggs", "must be more than zero"),
        ("200 g", "has a quantity but no ingredient name"),
    ],
)
def test_strict_lines_report_bad_quantities(line, message):
    with pytest.raises(IngredientError) as err:
        parse_line(line, strict=True)
    assert message in str(err.value)


def test_lenient_lines_keep_bad_quantities_as_text():
    got = parse_line("1//2 cup sugar", strict=False)
    assert got.quantity is None
    assert got.display() == "1//2 cup sugar"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("1 1/2 cups milk", "1 ½ cups milk"),
        ("1 cup milk", "1 cup milk"),
        ("2-3 cloves garlic", "2–3 cloves garlic"),
        ("0.5 l water", "0.5 l water"),
        ("1/3 cup oil", "⅓ cup oil"),
        ("1 tablespoon soy sauce", "1 tbsp soy sauce"),
    ],
)
def test_display_uses_nice_fractions_and_canonical_units(line, shown):
    assert parse_line(line).display() == shown


def test_structured_mapping():
    got = from_mapping(
        {"quantity": "1 1/2", "unit": "cups", "item": "milk", "note": "warm", "group": "Dough"}
    )
    assert (got.quantity, got.unit.symbol, got.item, got.note, got.group) == (
        F(3, 2),
        "cup",
        "milk",
        "warm",
        "Dough",
    )
    assert from_mapping({"quantity": 2, "item": "eggs"}).quantity == 2
    assert from_mapping({"quantity": 0.5, "unit": "kg", "item": "rice"}).quantity == F(1, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": 2, "unit": "glug", "item": "oil"}, "unknown unit 'glug'; use one of mg, g"),
        ({"quantity": "1//2", "unit": "cup", "item": "sugar"}, "bad quantity '1//2'"),
        ({"quantity": 2, "unit": "cup"}, "'item' is required"),
        ({"unit": "cup", "item": "flour"}, "needs a 'quantity'"),
        ({"item": "flour", "amount": 2}, "unknown field 'amount'"),
    ],
)
def test_structured_mapping_errors(data, message):
    with pytest.raises(IngredientError) as err:
        from_mapping(data)
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ("Tomatoes", "tomato"),
        ("cherry tomatoes", "cherry tomato"),
        ("large eggs", "egg"),
        ("extra virgin olive oil", "olive oil"),
        ("freshly ground black pepper", "black pepper"),
        ("fresh coriander (cilantro)", "coriander"),
        ("berries", "berry"),
        ("basil leaves", "basil leaf"),
        ("salt for the water", "salt"),
    ],
)
def test_item_key_for_matching(item, key):
    assert item_key(item) == key


def test_format_quantity():
    assert format_quantity(F(3, 2), None) == "1 ½"
    assert format_quantity(F(2, 3), None) == "⅔"
    assert format_quantity(F(2), F(3)) == "2–3"
    assert format_quantity(F(1234, 10), None, decimal=True) == "123"
    assert format_quantity(None, None) == ""
