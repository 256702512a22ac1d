"""Ingredient lines: '200 g flour, sifted' -> quantity 200, unit g, item flour, note sifted.

Two entry points: `parse_line` for the compact line syntax (strict in structured
recipes, lenient in plain-Markdown ones, where an unreadable line keeps its text), and
`from_mapping` for the structured form `{quantity, unit, item, note, group}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from .quantity import (
    HINT,
    NUMBERISH_RE,
    QUANTITY_RE,
    QuantityError,
    format_quantity,
    normalize_glyphs,
    parse_quantity,
)
from .units import ABBREVIATED, Unit, known_units, lookup_unit

# Things every kitchen has: never counted as missing, never used for similarity.
STAPLES = frozenset(
    {
        "salt", "sea salt", "kosher salt", "flaky salt", "pepper", "black pepper",
        "salt and pepper", "salt and black pepper", "water", "ice", "oil", "olive oil",
        "vegetable oil", "neutral oil", "sunflower oil", "cooking oil",
    }
)  # fmt: skip


def is_staple(key: str) -> bool:
    """Tell whether an ingredient is a pantry staple nobody needs to buy."""
    return key in STAPLES


class IngredientError(ValueError):
    """An ingredient that cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class Ingredient:
    """One ingredient line of a recipe, parsed as far as it can be."""

    text: str  # the line as the author wrote it
    item: str
    quantity: Fraction | None = None
    quantity_max: Fraction | None = None  # the top of a range ("2-3")
    unit: Unit | None = None
    note: str = ""
    group: str = ""
    key: str = field(default="", compare=False)  # the item's name for matching
    # The item's name after a quantity of 1 or less, and after more: set by
    # `plurals.with_forms` when a recipe is made; empty means the item as written.
    one: str = field(default="", compare=False)
    many: str = field(default="", compare=False)

    @property
    def name(self) -> str:
        """Name the item as it reads after its quantity ('1 onion', '2 onions')."""
        top = self.quantity_max if self.quantity_max is not None else self.quantity
        plural = top is not None and top > 1  # 1 or less reads as one: '½ onion'
        return (self.many if plural else self.one) or self.item

    @property
    def amount(self) -> str:
        """Show quantity and unit ('1 ½ cups', '200 g'); empty when there is none."""
        # Metric amounts read as decimals (0.5 l); kitchen measures as fractions (½ cup).
        decimal = self.unit is not None and self.unit.system == "metric"
        qty = format_quantity(self.quantity, self.quantity_max, decimal=decimal)
        unit = self.unit.label(self.quantity, self.quantity_max) if self.unit else ""
        return " ".join(part for part in (qty, unit) if part)

    @property
    def scalable(self) -> bool:
        """Tell whether the servings scaler can change this line."""
        return self.quantity is not None

    def display(self) -> str:
        """Render the line as plain text, the way it reads on the page."""
        if self.quantity is None:
            return self.text
        rest = f"{self.name}, {self.note}" if self.note else self.name
        return f"{self.amount} {rest}".strip()


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "half a": Fraction(1, 2),
    "half an": Fraction(1, 2),
}  # fmt: skip
_WORD_RE = re.compile(
    r"(?P<word>half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_TASTE_RE = re.compile(r"[,(]?\s*\b(to taste|as needed|optional|for serving)\)?\s*$", re.I)
# Words that describe an ingredient but do not change what it is, ignored when matching.
DESCRIPTORS = {
    "fresh", "freshly", "large", "small", "medium", "ripe", "chopped", "finely", "roughly",
    "diced", "sliced", "minced", "grated", "ground", "whole", "dried", "good", "quality",
    "extra", "virgin", "raw", "cold", "warm", "hot", "boiling", "softened", "melted",
    "unsalted", "salted", "plain", "organic", "peeled", "crushed", "about", "heaped", "level",
    "a", "an", "little", "very", "of", "the", "some", "few", "free-range", "baby", "thinly",
    "thick", "thin", "cooked",
}  # fmt: skip


_IRREGULAR = {"leaves": "leaf", "halves": "half", "loaves": "loaf", "knives": "knife"}


def singular(word: str) -> str:
    """Reduce a plural to its singular for matching ('tomatoes' -> 'tomato')."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, repl in (("ies", "y"), ("oes", "o"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + repl
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def item_key(item: str) -> str:
    """Name an item for matching: lower case, singular, without descriptors."""
    item = re.sub(r"\(.*?\)", " ", item.lower())
    # 'salt for the water', 'oil for frying': what it is for does not change what it is.
    item = re.sub(r"\s+for\s+.*$", "", item)
    words = re.findall(r"[a-zà-ÿ][a-zà-ÿ'\-]*", item)
    kept = [singular(w) for w in words if w not in DESCRIPTORS]
    return " ".join(kept) or " ".join(singular(w) for w in words)


def _split_note(rest: str) -> tuple[str, str]:
    rest = rest.strip()
    match = _TASTE_RE.search(rest)
    note = ""
    if match and match.start() > 0:
        note = match.group(1).lower()
        rest = rest[: match.start()].strip().rstrip(",")
    item, sep, more = rest.partition(",")
    if sep:
        note = ", ".join(p for p in (more.strip(), note) if p)
    # A leading parenthetical ('(400 g) chickpeas') describes the package: keep it as a note.
    paren = re.match(r"\((?P<inside>[^)]*)\)\s*(?P<item>.+)", item)
    if paren:
        item = paren["item"]
        note = ", ".join(p for p in (paren["inside"].strip(), note) if p)
    return item.strip(), note


def _take_unit(rest: str) -> tuple[Unit | None, str]:
    # Two-word units first ("fl oz", "fluid ounces"), then one word ("cups", "g.").
    words = rest.split()
    for size in (2, 1):
        if len(words) > size:
            unit = lookup_unit(" ".join(words[:size]))
            if unit:
                remainder = " ".join(words[size:])
                return unit, re.sub(r"^of\s+", "", remainder, flags=re.I)
    return None, rest


def parse_line(text: str, group: str = "", strict: bool = True) -> Ingredient:
    """Parse one compact ingredient line; in strict mode a bad quantity is an error."""
    original = " ".join(str(text).split())
    if not original:
        raise IngredientError("empty ingredient line")
    spelled = normalize_glyphs(original)
    # '200g flour': a unit written against the number reads as '200 g flour'.
    spelled = re.sub(r"^([\d./]+)([a-zA-Z]+\.?)(?=\s)", _unglue, spelled)
    match = QUANTITY_RE.match(spelled)
    quantity = quantity_max = None
    rest = spelled
    numberish = NUMBERISH_RE.match(spelled)
    if match and (match.end() == len(spelled) or not spelled[match.end()].isalnum()):
        # '1//2 cup' matches '1' as a quantity; the run of number-like characters tells.
        claimed = numberish.group().strip() if numberish else ""
        if len(claimed) > len(match.group().strip()) and claimed[-1] not in "-–—":
            return _bad(original, claimed, group, strict)
        try:
            quantity, quantity_max = parse_quantity(match.group())
        except QuantityError as err:
            if strict:
                raise _in_line(err, original) from None
            return _kept(original, group)
        rest = spelled[match.end() :]
    elif numberish:
        return _bad(original, numberish.group().strip() or original, group, strict)
    else:
        word = _WORD_RE.fullmatch(spelled)
        if word:
            number = word["word"].lower()
            # 'a pinch of salt' is one pinch; 'a little oil' has no quantity to scale.
            if not number.startswith(("a", "half")) or _take_unit(word["rest"])[0]:
                quantity = Fraction(_NUMBER_WORDS[number])
                rest = word["rest"]
    if quantity is None:
        return _kept(original, group)
    unit, rest = _take_unit(rest.strip())
    item, note = _split_note(rest)
    bare = lookup_unit(item) if unit is None else None
    if not item or (bare and bare.symbol in ABBREVIATED):
        if strict:
            raise IngredientError(f"{original!r} has a quantity but no ingredient name")
        return _kept(original, group)
    return Ingredient(original, item, quantity, quantity_max, unit, note, group, item_key(item))


def _in_line(err: QuantityError, original: str) -> IngredientError:
    head, _, reason = str(err).partition(": ")
    return IngredientError(f"{head} in {original!r}: {reason}")


def _unglue(match: re.Match[str]) -> str:
    unit = lookup_unit(match[2])
    return f"{match[1]} {match[2]}" if unit else match[0]


def _bad(original: str, claimed: str, group: str, strict: bool) -> Ingredient:
    if strict:
        try:
            parse_quantity(claimed)
        except QuantityError as err:
            raise _in_line(err, original) from None
        raise IngredientError(f"bad quantity {claimed!r} in {original!r}: {HINT}")
    return _kept(original, group)


def _kept(original: str, group: str) -> Ingredient:
    """Keep an unreadable line's text; still find its item name for matching."""
    head = original
    # 'Eggs: 5' and 'Spaghetti: 320 g | 11 oz' name the item before the colon.
    if ":" in head:
        head = head.split(":", 1)[0]
    item, note = _split_note(head)
    return Ingredient(original, item or original, group=group, note="", key=item_key(item))


_FIELDS = {"quantity", "unit", "item", "note", "group"}


def from_mapping(data: dict[str, Any], group: str = "") -> Ingredient:
    """Build an ingredient from the structured form; raise with the field at fault."""
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise IngredientError(f"unknown field {unknown[0]!r}; use {', '.join(sorted(_FIELDS))}")
    item = str(data.get("item") or "").strip()
    if not item:
        raise IngredientError("'item' is required: name the ingredient")
    quantity = quantity_max = None
    if data.get("quantity") not in (None, ""):
        try:
            quantity, quantity_max = parse_quantity(data["quantity"])
        except QuantityError as err:
            raise IngredientError(str(err)) from None
    unit = None
    if data.get("unit") not in (None, ""):
        unit = lookup_unit(str(data["unit"]))
        if unit is None:
            raise IngredientError(f"unknown unit {data['unit']!r}; use one of {known_units()}")
        if quantity is None:
            raise IngredientError(f"unit {data['unit']!r} needs a 'quantity'")
    note = str(data.get("note") or "").strip()
    group = str(data.get("group") or group).strip()
    ingredient = Ingredient(item, item, quantity, quantity_max, unit, note, group, item_key(item))
    return replace(ingredient, text=ingredient.display())
