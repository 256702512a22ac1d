"""Real ingredient lines from Hugo recipe sites are read the way a cook reads them.

`corpus/sampled.txt` is a random sample of two public recipe sites' ingredient lines;
`corpus/forms.txt` holds the forms of issue 10 and the lines whose reading it changed.
Each line is listed with the reading it must get, or 'raw' where keeping its text is
right. Every line must read exactly so (a wrong amount is worse than none), and of the
lines with a number at least 95% must get an amount (about 90% did before issue 10).
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from sitegen.kinds.recipes.ingredients import Ingredient, parse_line

CORPUS = Path(__file__).parent / "corpus"
NUMBER = re.compile(r"\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")


def corpus(name: str) -> list[tuple[str, str]]:
    """Read a corpus file: (line as written, expected reading) for each entry."""
    entries = []
    for row in (CORPUS / name).read_text("utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            line, _, expected = row.rpartition(" → ")
            entries.append((line, expected))
    return entries


SAMPLED = corpus("sampled.txt")
FORMS = corpus("forms.txt")


def _amount(value: Fraction) -> str:
    whole, rest = divmod(value.numerator, value.denominator)
    if not rest:
        return str(whole)
    fraction = f"{rest}/{value.denominator}"
    return f"{whole} {fraction}" if whole else fraction


def reading(got: Ingredient) -> str:
    """Write a parse the way the corpus does."""
    if got.quantity is None:
        return "raw"
    quantity = _amount(got.quantity)
    if got.quantity_max is not None:
        quantity += f"-{_amount(got.quantity_max)}"
    parts = [quantity, got.unit.symbol if got.unit else "-", got.item]
    return " | ".join(parts + ([got.note] if got.note else []))


@pytest.mark.parametrize(
    ("line", "expected"),
    [pytest.param(line, want, id=f"sampled:{line[:40]}") for line, want in SAMPLED]
    + [pytest.param(line, want, id=f"forms:{line[:40]}") for line, want in FORMS],
)
def test_each_line_reads_as_expected(line, expected):
    got = parse_line(line, strict=False)
    assert reading(got) == expected
    assert got.text == " ".join(line.split())  # the author's words are kept as written


def parse_rate(entries: list[tuple[str, str]]) -> tuple[int, int]:
    """Count the lines with a number, and those of them that get an amount."""
    numbered = [line for line, _ in entries if NUMBER.search(line)]
    read = [line for line in numbered if parse_line(line, strict=False).quantity is not None]
    return len(read), len(numbered)


@pytest.mark.parametrize(
    ("entries", "least"),
    [
        pytest.param(SAMPLED, 280, id="sampled"),
        pytest.param(SAMPLED + FORMS, 600, id="sampled and chosen forms"),
    ],
)
def test_at_least_95_percent_of_lines_with_a_number_get_an_amount(entries, least):
    read, numbered = parse_rate(entries)
    assert numbered >= least  # the corpus did not shrink
    assert read / numbered >= 0.95, f"{read} of {numbered} lines with a number read"


def test_the_issue_forms_are_in_the_corpus():
    lines = {line for line, _ in FORMS}
    for form in ("2 and 1/4 teaspoons Active Dry Yeast", "Garlic (4-8 large cloves)",
                 "Butter, melted 2 tbsp", "1 15 oz can diced tomatoes", "~70g of cheese",
                 "Pinch of nutmeg", "3T neutral oil", "1t curry powder", "300-400g potatoes",
                 "Egg (3)", "Rice (50 grams)"):  # fmt: skip
        assert form in lines
