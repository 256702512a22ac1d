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

from . import amounts, layouts
from .notes import DESCRIPTORS, split_note
from .quantity import (
    HINT,
    NUMBERISH_RE,
    QUANTITY,
    QUANTITY_RE,
    QuantityError,
    format_quantity,
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
    # Where the line's Markdown link pointed ('[garam masala](/garam-masala)'); the
    # text above is without the link syntax, which would otherwise show as written.
    link: str = field(default="", compare=False)

    @property
    def words(self) -> str:
        """The line as written, Markdown links reduced to their words (shown when unread)."""
        return _LINK_RE.sub(lambda m: m.group(1), self.text) if "](" in self.text else self.text

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
_WORDS = r"half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
_WORD_RE = re.compile(
    rf"(?P<word>{_WORDS})(?:\s+(?:or|to)\s+(?P<top>{_WORDS}))?\s+(?P<rest>.+)", re.IGNORECASE
)
# '1/4 of an onion', '½ an onion', '3/4 of a cup of water'.
_ARTICLE_RE = re.compile(r"^(?:of\s+(?:an?\s+|the\s+)?|an?\s+)", re.IGNORECASE)
_MEASURE_RE = re.compile(r"\s*(heaped|heaping|level|scant|rounded|generous)\s+", re.I)
_GLUED_RE = re.compile(rf"^({QUANTITY})([A-Za-z]+\.?)(?=[\s,()/|+]|$)")
# After a count, a size: '1 15 oz can', '2 x 400 g tins', '1 2-inch piece'.
_SIZED_COUNT_RE = re.compile(rf"\s+(?:[x×]\s*)?(?:{QUANTITY})\s*-?\s*(?P<unit>[A-Za-z]+)\b")
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
    """Name an item for matching: lower case, singular, without descriptors or sizes.

    '15 oz can diced tomatoes' and '[garam masala](/garam-masala)' match 'tomato'
    and 'garam masala': measures, a leading container and link targets are left out.
    """
    item = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]", " ", item.lower())
    item = re.sub(r"\(.*?\)", " ", item)
    # 'salt for the water', 'oil for frying': what it is for does not change what it is.
    item = re.sub(r"\s+for\s+.*$", "", item)
    words = [w for w in re.findall(r"[a-zà-ÿ][a-zà-ÿ'\-]*", item) if not _measure_word(w)]
    while len(words) > 1 and (words[0] in DESCRIPTORS or lookup_unit(words[0])):
        words = words[1:]  # 'can diced tomatoes', 'head of garlic'
    kept = [singular(w) for w in words if w not in DESCRIPTORS]
    return " ".join(kept) or " ".join(singular(w) for w in words)


def _measure_word(word: str) -> bool:
    unit = lookup_unit(word) if len(word) > 1 else None
    return unit is not None and unit.base is not None


def _take_unit(rest: str) -> tuple[Unit | None, str]:
    # Two-word units first ("fl oz", "fluid ounces"), then one word ("cups", "g.").
    words = rest.split()
    for size in (2, 1):
        if len(words) > size:
            unit = lookup_unit(" ".join(words[:size]))
            remainder = re.sub(r"^of\s+(?:an?\s+)?", "", " ".join(words[size:]), flags=re.I)
            # '1 clove (spice)', '2 cloves': the word is the item, not its unit.
            if unit and not re.fullmatch(r"\([^()]*\)", remainder):
                return unit, remainder
    return None, rest


_LINK_RE = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def parse_line(text: str, group: str = "", strict: bool = True) -> Ingredient:
    """Parse one ingredient line (see `_parse_line`), reading Markdown links as text.

    A link that is the whole item ('1 tsp [garam masala](/garam-masala)') is kept as
    `link`, so the name is a link on the page; other links keep only their words.
    The line as written stays in `text`.
    """
    link = _LINK_RE.search(str(text))
    if link is None:
        return _parse_line(text, group, strict)
    plain = " ".join(_LINK_RE.sub(lambda m: m.group(1), str(text)).split())
    parsed = _parse_line(plain, group, strict)
    whole = parsed.item.strip().lower() == link.group(1).strip().lower()
    return replace(parsed, text=" ".join(str(text).split()), link=link.group(2) if whole else "")


def _parse_line(text: str, group: str = "", strict: bool = True) -> Ingredient:
    """Parse one ingredient line; in strict mode a bad quantity is an error.

    The amount may lead ('2 cups flour') or sit where `layouts` finds it ('Flour (2
    cups)'); `amounts` reads what follows it and `notes` splits name from note. A line
    whose amounts could not all stay right when scaled ('1 cup + 2 tbsp butter', '120 g
    beef per person') keeps its text.
    """
    original = " ".join(str(text).split())
    if not original:
        raise IngredientError("empty ingredient line")
    spelled = layouts.tidy(original)
    spelled, notes = layouts.lead(layouts.to_front(spelled) or spelled)
    # '200g flour', '300-400g', '3T oil': a unit written against the number.
    spelled = _GLUED_RE.sub(_unglue, spelled)
    read = _read_quantity(spelled, original, strict)
    if read is None:
        return _kept(original, group)
    quantity, quantity_max, rest, sized = read
    unit, more = None, []
    if sized:  # '1 15 oz can tomatoes', '2 x 400 g tins': a count of things of that size
        rest = re.sub(r"^\s*[x×]\s*", "", rest.strip())
    else:
        measure = _MEASURE_RE.match(rest)  # '2 heaped tbsp honey'; '2 heaped spoons' as is
        if measure and _take_unit(rest[measure.end() :])[0]:
            rest, more = rest[measure.end() :], [measure[1].lower()]
        unit, rest = _take_unit(_ARTICLE_RE.sub("", rest.strip()))
        rest, alternatives = amounts.after_unit(rest, unit, quantity)
        more += alternatives
    if amounts.two_amounts(rest) or rest.lstrip().startswith("%"):
        return _kept(original, group)
    item, note = split_note(rest)
    if unit is None and quantity_max is None:
        quantity, quantity_max = _slash_range(spelled, quantity, item)
    note = ", ".join(n for n in (*more, note, *notes) if n)
    bare = lookup_unit(item) if unit is None else None
    if not item or (bare and bare.symbol in ABBREVIATED):
        if strict:
            raise IngredientError(f"{original!r} has a quantity but no ingredient name")
        return _kept(original, group)
    return Ingredient(original, item, quantity, quantity_max, unit, note, group, item_key(item))


def _read_quantity(
    spelled: str, original: str, strict: bool
) -> tuple[Fraction, Fraction | None, str, bool] | None:
    """Read the leading quantity: (low, high, the rest, whether a size follows), or None."""
    match = QUANTITY_RE.match(spelled)
    numberish = NUMBERISH_RE.match(spelled)
    if match and (match.end() == len(spelled) or not spelled[match.end()].isalnum()):
        sized = _sized(spelled, match.end())
        # '1//2 cup' matches '1' as a quantity; the run of number-like characters tells.
        claimed = numberish.group().strip() if numberish else ""
        if not sized and len(claimed) > len(match.group().strip()) and claimed[-1] not in "-–—":
            return _bad(original, claimed, strict)
        try:
            low, high = parse_quantity(match.group())
        except QuantityError as err:
            if strict:
                raise _in_line(err, original) from None
            return None
        return low, high, spelled[match.end() :], sized
    if numberish:
        return _bad(original, numberish.group().strip() or original, strict)
    word = _WORD_RE.fullmatch(spelled)
    if word is None:
        return None
    number = word["word"].lower()
    # 'a pinch of salt' is one pinch; 'a little oil' has no quantity to scale.
    if number.startswith(("a", "half")) and not _take_unit(word["rest"])[0]:
        return None
    low = Fraction(_NUMBER_WORDS[number])
    top = _NUMBER_WORDS.get((word["top"] or "").lower())
    return low, (Fraction(top) if top and top > low else None), word["rest"], False


def _slash_range(spelled: str, quantity: Fraction, item: str) -> tuple[Fraction, Fraction | None]:
    """Read '5/6 bay leaves' and '2/3 cardamom pods' as ranges, as their authors meant.

    A cook's fractions have 2, 3, 4 or 8 below; '5/6' of a bay leaf, or '2/3' of
    cardamom pods (plural: 'pods', not 'pod'), is a range written with a slash.
    """
    slash = re.match(r"(\d+)/(\d+)\s", spelled)
    if slash:
        low, high = int(slash[1]), int(slash[2])
        plural = item.split()[-1].lower().endswith("s") if item.split() else False
        if low >= 2 and high == low + 1 and (high not in (2, 3, 4, 8) or plural and high == 3):
            return Fraction(low), Fraction(high)
    return quantity, None


def _sized(spelled: str, end: int) -> bool:
    size = _SIZED_COUNT_RE.match(spelled, end)
    unit = lookup_unit(size["unit"]) if size else None
    return unit is not None and unit.dimension in ("mass", "volume", "length")


def _in_line(err: QuantityError, original: str) -> IngredientError:
    head, _, reason = str(err).partition(": ")
    return IngredientError(f"{head} in {original!r}: {reason}")


def _unglue(match: re.Match[str]) -> str:
    unit = lookup_unit(match[2])
    return f"{match[1]} {match[2]}" if unit else match[0]


def _bad(original: str, claimed: str, strict: bool) -> None:
    """Raise for a quantity that cannot be read, in strict mode; else keep the line."""
    if strict:
        try:
            parse_quantity(claimed)
        except QuantityError as err:
            raise _in_line(err, original) from None
        raise IngredientError(f"bad quantity {claimed!r} in {original!r}: {HINT}")
    return None


def _kept(original: str, group: str) -> Ingredient:
    """Keep an unreadable line's text; still find its item name for matching."""
    head = layouts.tidy(original)
    # 'Eggs: 5' and 'Spaghetti: 320 g | 11 oz' name the item before the colon.
    if ":" in head:
        head = head.split(":", 1)[0]
    item, note = split_note(head)
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
