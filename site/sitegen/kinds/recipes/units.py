"""Cooking units: the names cooks write, one canonical symbol each, and safe conversions.

Only mass-to-mass and volume-to-volume conversions are offered: turning a cup of flour
into grams needs the ingredient's density, which a recipe does not state, so the
metric/imperial toggle leaves such lines as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Unit:
    """A unit of measure as shown on a recipe page."""

    symbol: str
    singular: str
    plural: str
    dimension: str  # "mass", "volume" or "count"
    # Size in the dimension's base unit (grams or millilitres); None for counts.
    base: Fraction | None = None
    system: str = ""  # "metric", "us" or "" for units used everywhere

    def label(self, quantity: Fraction | None, quantity_max: Fraction | None = None) -> str:
        """Name the unit as a cook would read it after this quantity."""
        if self.symbol in ABBREVIATED:
            return self.symbol
        top = quantity_max if quantity_max is not None else quantity
        return self.singular if top is not None and top <= 1 else self.plural


def _u(symbol: str, singular: str, plural: str, dimension: str, base: str | None = None,
       system: str = "") -> Unit:  # fmt: skip
    return Unit(symbol, singular, plural, dimension, Fraction(base) if base else None, system)


# US customary volumes (the measures American recipes use); 1 US cup = 236.5882365 ml.
_TSP = "4.92892159375"
UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in [
        _u("mg", "mg", "mg", "mass", "0.001", "metric"),
        _u("g", "g", "g", "mass", "1", "metric"),
        _u("kg", "kg", "kg", "mass", "1000", "metric"),
        _u("oz", "oz", "oz", "mass", "28.349523125", "us"),
        _u("lb", "lb", "lb", "mass", "453.59237", "us"),
        _u("ml", "ml", "ml", "volume", "1", "metric"),
        _u("cl", "cl", "cl", "volume", "10", "metric"),
        _u("dl", "dl", "dl", "volume", "100", "metric"),
        _u("l", "l", "l", "volume", "1000", "metric"),
        _u("tsp", "tsp", "tsp", "volume", _TSP),
        _u("tbsp", "tbsp", "tbsp", "volume", str(Fraction(_TSP) * 3)),
        _u("fl oz", "fl oz", "fl oz", "volume", str(Fraction(_TSP) * 6), "us"),
        _u("cup", "cup", "cups", "volume", str(Fraction(_TSP) * 48), "us"),
        _u("pint", "pint", "pints", "volume", str(Fraction(_TSP) * 96), "us"),
        _u("quart", "quart", "quarts", "volume", str(Fraction(_TSP) * 192), "us"),
        _u("gallon", "gallon", "gallons", "volume", str(Fraction(_TSP) * 768), "us"),
        _u("pinch", "pinch", "pinches", "count"),
        _u("dash", "dash", "dashes", "count"),
        _u("drop", "drop", "drops", "count"),
        _u("splash", "splash", "splashes", "count"),
        _u("handful", "handful", "handfuls", "count"),
        _u("clove", "clove", "cloves", "count"),
        _u("can", "can", "cans", "count"),
        _u("jar", "jar", "jars", "count"),
        _u("packet", "packet", "packets", "count"),
        _u("slice", "slice", "slices", "count"),
        _u("piece", "piece", "pieces", "count"),
        _u("bunch", "bunch", "bunches", "count"),
        _u("sprig", "sprig", "sprigs", "count"),
        _u("stalk", "stalk", "stalks", "count"),
        _u("stick", "stick", "sticks", "count"),
        _u("sheet", "sheet", "sheets", "count"),
        _u("leaf", "leaf", "leaves", "count"),
        _u("head", "head", "heads", "count"),
        _u("knob", "knob", "knobs", "count"),
        _u("cube", "cube", "cubes", "count"),
        _u("fillet", "fillet", "fillets", "count"),
        # Lengths measure ginger, cinnamon or cucumber; they scale but never convert.
        _u("cm", "cm", "cm", "length"),
        _u("inch", "inch", "inches", "length"),
    ]
}

# Symbols shown as-is whatever the quantity ("2 g", not "2 gs").
ABBREVIATED = {"mg", "g", "kg", "oz", "lb", "ml", "cl", "dl", "l", "tsp", "tbsp", "fl oz", "cm"}

_ALIASES: dict[str, str] = {
    "milligram": "mg", "milligrams": "mg",
    "gram": "g", "grams": "g", "gramme": "g", "grammes": "g", "gr": "g", "gm": "g", "gms": "g",
    "gramm": "g", "gramms": "g", "grs": "g",
    "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "ounce": "oz", "ounces": "oz",
    "pound": "lb", "pounds": "lb", "lbs": "lb",
    "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml",
    "centilitre": "cl", "centiliter": "cl", "decilitre": "dl", "deciliter": "dl",
    "litre": "l", "litres": "l", "liter": "l", "liters": "l", "ltr": "l", "lt": "l",
    "teaspoon": "tsp", "teaspoons": "tsp", "tsps": "tsp",
    "tablespoon": "tbsp", "tablespoons": "tbsp", "tbsps": "tbsp", "tbs": "tbsp", "tbl": "tbsp",
    "tb": "tbsp", "tblsp": "tbsp", "tblsps": "tbsp", "table spoon": "tbsp",
    "table spoons": "tbsp", "tea spoon": "tsp", "tea spoons": "tsp",
    "fluid ounce": "fl oz", "fluid ounces": "fl oz", "fl. oz": "fl oz", "floz": "fl oz",
    "cups": "cup", "c": "cup",
    "pints": "pint", "pt": "pint", "quarts": "quart", "qt": "quart", "gallons": "gallon",
    "gal": "gallon",
    "pinches": "pinch", "dashes": "dash", "drops": "drop", "splashes": "splash",
    "handfuls": "handful", "cloves": "clove", "cans": "can", "tin": "can", "tins": "can",
    "jars": "jar", "packets": "packet", "pack": "packet", "packs": "packet",
    "package": "packet", "packages": "packet", "pkg": "packet", "pkgs": "packet",
    "slices": "slice", "pieces": "piece",
    "bunches": "bunch", "sprigs": "sprig", "stalks": "stalk", "sticks": "stick",
    "sheets": "sheet", "leaves": "leaf", "heads": "head", "knobs": "knob", "cubes": "cube",
    "fillets": "fillet", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm",
    "centimeters": "cm", "inches": "inch",
}  # fmt: skip
# Letter case tells these apart in American recipes: 3T is tablespoons, 1t teaspoons.
_CASED = {"T": "tbsp", "Tb": "tbsp", "TB": "tbsp", "t": "tsp"}


def lookup_unit(name: str) -> Unit | None:
    """Return the unit a cook means by `name` ("Tablespoons", "g.", "litre"), or None."""
    written = name.strip().rstrip(".")
    if written in _CASED:
        return UNITS[_CASED[written]]
    key = written.lower()
    key = " ".join(key.split())
    if key in UNITS:
        return UNITS[key]
    symbol = _ALIASES.get(key)
    return UNITS[symbol] if symbol else None


def known_units() -> str:
    """List the canonical unit symbols, for error messages."""
    return ", ".join(UNITS)
