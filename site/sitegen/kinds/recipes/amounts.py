"""What may follow an ingredient's amount: the same amount in other units, 'or more'.

'150 g (1/3 lb) bacon', 'Spaghetti: 320 g | 11 oz', '3 tablespoons/~44 ml oil',
'500 g or 1 lb chicken': a second amount in the same dimension that agrees with the
first (within a quarter) is dropped, since the page's metric/US toggle shows it and,
left in the note, it would stay unchanged when the servings change. Any other second
amount ('1 can (400 g)', '100 g / ½ cup butter') is kept as a note.

A line that still holds a second amount after its item ('1 cup + 2 tbsp butter',
'10 small or 5 big mushrooms', '120 g beef per person') cannot be scaled as one
amount; `two_amounts` tells, and such lines keep their text.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .layouts import APPROX, SENTENCE_RE
from .quantity import QUANTITY, QuantityError, parse_quantity
from .units import Unit, lookup_unit

_AMOUNT = rf"(?:{APPROX})?(?P<qty>{QUANTITY})\s?(?P<unit>[A-Za-z]+\.?)"
_ALT_RE = re.compile(rf"^\s*(?P<sep>\||/|\bor\b|[-–])\s*(?P<alt>{_AMOUNT})(?=[\s,(]|$)", re.I)
_PAREN_RE = re.compile(rf"^\s*\(\s*(?P<alt>{_AMOUNT})\s*\)", re.I)
_UNIT_ONLY_RE = re.compile(r"^\s*\(\s*(?P<unit>[A-Za-z][A-Za-z. ]*)\s*\)")
_MORE_RE = re.compile(r"^\s*(?P<what>\+(?!\s*\d)|or so\b|or more\b|or less\b)\s*(?:of\s+)?", re.I)
_MORE = {"+": "or more", "or so": "approximately", "or more": "or more", "or less": "or less"}
# '1/2 each green and red pepper' is an amount of several items.
_TWO_RE = re.compile(rf"(?:\bor\b|\+|\bplus\b|\band\b)\s*(?:{APPROX})?\d|\bper\b|^\s*each\b", re.I)
_RUN_ON_RE = re.compile(rf"\S+\s+\S+\s+{QUANTITY}\s?(?P<unit>[A-Za-z]+\.?)(?=\s)")
_CLOSE = (Fraction(3, 4), Fraction(4, 3))


def after_unit(rest: str, unit: Unit | None, quantity: Fraction) -> tuple[str, list[str]]:
    """Read what follows the amount; return the rest and the notes it gives."""
    notes: list[str] = []
    if unit is None:
        return rest, notes
    for _ in range(2):  # '600 grams (g) of potatoes', '1 qt (946 ml) / 4 cups milk'
        only = _UNIT_ONLY_RE.match(rest)
        if only and lookup_unit(only["unit"]) == unit:
            rest = rest[only.end() :]
            continue
        alt = _ALT_RE.match(rest) or _PAREN_RE.match(rest)
        other = lookup_unit(alt["unit"]) if alt else None
        if alt is None or other is None:
            break
        try:
            low, _high = parse_quantity(alt["qty"])
        except QuantityError:
            break
        rest = rest[alt.end() :]
        if not _agrees(quantity, unit, low, other):
            said = alt["alt"].strip()
            notes.append(f"or {said}" if alt.groupdict().get("sep") == "or" else said)
    more = _MORE_RE.match(rest)
    if more:
        notes.append(_MORE[more["what"].lower()])
        rest = rest[more.end() :]
    return re.sub(r"^\s*of\s+(?:an?\s+)?", "", rest), notes


def _agrees(quantity: Fraction, unit: Unit, other_quantity: Fraction, other: Unit) -> bool:
    """Tell whether two amounts say the same in different units of one dimension."""
    if unit.base is None or other.base is None or unit.dimension != other.dimension:
        return False
    if other_quantity <= 0:
        return False
    ratio = (quantity * unit.base) / (other_quantity * other.base)
    return _CLOSE[0] <= ratio <= _CLOSE[1]


def two_amounts(rest: str) -> bool:
    """Tell whether text after the amount holds another amount outside parentheses.

    Only the first sentence counts: what follows is the author's comment. A measure
    after two words of the name ('black pepper ½ cup olive oil') is a second line
    run into the first; one right after a word is a size ('bottle 700 ml wine').
    """
    rest = SENTENCE_RE.split(rest, maxsplit=1)[0]
    depth, outside = 0, []
    for char in rest:
        depth += {"(": 1, ")": -1}.get(char, 0)
        outside.append(char if depth == 0 and char != ")" else " ")
    text = "".join(outside)
    if _TWO_RE.search(text):
        return True
    name = text.split(",", 1)[0]
    return any(_measures(m["unit"]) for m in _RUN_ON_RE.finditer(name))


def _measures(word: str) -> bool:
    unit = lookup_unit(word)
    return unit is not None and unit.base is not None
