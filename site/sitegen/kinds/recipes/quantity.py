"""Quantities as cooks write them: 2, 0.5, 1/2, 1 1/2, ½, 1½, ranges like 2-3 or 2 or 3.

Mixed numbers are also read as American recipe sites write them: '1-1/2' and
'2 and 1/4' are 1 ½ and 2 ¼ (a range from 1 down to ½ would make no sense).

Quantities are kept as exact `Fraction`s so that scaling 1/3 cup by 3 gives 1 cup,
not 0.9999 cups.
"""

from __future__ import annotations

import re
from fractions import Fraction

VULGAR = {
    "½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5",
    "⅗": "3/5", "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8",
    "⅞": "7/8",
}  # fmt: skip
_GLYPH = {Fraction(v): k for k, v in VULGAR.items()}

_AMOUNT = r"(?:\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d+)?|\.\d+)"
_RANGE_SEP = r"\s*(?:-|–|—|to|\bor\b)\s*"
QUANTITY_RE = re.compile(rf"(?P<low>{_AMOUNT})(?:{_RANGE_SEP}(?P<high>{_AMOUNT}))?")
QUANTITY = rf"{_AMOUNT}(?:{_RANGE_SEP}{_AMOUNT})?"  # the same, to build other patterns with
# Anything that starts like a number: used to tell "a bad quantity" from "no quantity".
NUMBERISH_RE = re.compile(r"[\d.][\d./⁄\s\-–—]*(?:to\s*[\d./⁄]+)?")
HINT = "write a number like 2, 0.5, 1/2, 1 1/2 or ½, or a range like 2-3"


class QuantityError(ValueError):
    """A quantity that cannot be read; the message says what to write instead."""


_GLYPH_RE = re.compile(rf"(?:(\d)\s*)?([{''.join(VULGAR)}])")


def normalize_glyphs(text: str) -> str:
    """Spell unicode fractions out: '1½' -> '1 1/2', '⅓' -> '1/3'."""
    text = text.replace("⁄", "/")
    return _GLYPH_RE.sub(lambda m: (f"{m[1]} " if m[1] else "") + VULGAR[m[2]], text)


# '1-1/2' and '2 and 1/4': a whole number joined to a proper fraction (not '1/2-3/4').
_JOINED_RE = re.compile(r"(?<![\d/.])(\d+)(?:\s*[-–]\s*|\s+(?:and|&)\s+)(\d+)/(\d+)(?![\d/])")
_AND_A_HALF_RE = re.compile(r"(?<![\d/.])(\d+)\s+and\s+a\s+half\b", re.IGNORECASE)


def spell_mixed(text: str) -> str:
    """Spell unicode fractions and joined mixed numbers out: '1-1/2' -> '1 1/2'."""
    text = _AND_A_HALF_RE.sub(r"\1 1/2", normalize_glyphs(text))

    def joined(match: re.Match[str]) -> str:
        whole, num, den = match.groups()
        if int(den) and int(num) < int(den):
            return f"{whole} {num}/{den}"
        return match[0]

    return _JOINED_RE.sub(joined, text)


def parse_amount(text: str) -> Fraction:
    """Read one amount ('1 1/2', '0.5', '½') as an exact fraction."""
    spelled = " ".join(normalize_glyphs(text).split())
    if not re.fullmatch(_AMOUNT, spelled):
        raise QuantityError(f"bad quantity {text.strip()!r}: {HINT}")
    whole, _, frac = spelled.rpartition(" ") if "/" in spelled else ("", "", spelled)
    try:
        value = Fraction(frac)
    except ZeroDivisionError:
        raise QuantityError(f"bad quantity {text.strip()!r}: division by zero") from None
    if whole:
        value += int(whole)
    return value


def parse_quantity(text: str) -> tuple[Fraction, Fraction | None]:
    """Read a quantity or range; return (low, high), high None unless it is a range."""
    if isinstance(text, bool):
        raise QuantityError(f"bad quantity {text!r}: {HINT}")
    if isinstance(text, int | float | Fraction):
        text = str(text)
    spelled = " ".join(spell_mixed(str(text)).split())
    match = QUANTITY_RE.fullmatch(spelled)
    if not match:
        raise QuantityError(f"bad quantity {str(text).strip()!r}: {HINT}")
    low = parse_amount(match["low"])
    high = parse_amount(match["high"]) if match["high"] else None
    if low <= 0 and high is None:
        raise QuantityError(f"bad quantity {str(text).strip()!r}: must be more than zero")
    if high is not None and high <= low:
        raise QuantityError(
            f"bad range {str(text).strip()!r}: the second number must be the larger one"
        )
    return low, high


def format_amount(value: Fraction, decimal: bool = False) -> str:
    """Show an amount as a cook reads it: '1 ½', '⅔', '250', '1.25' when decimal."""
    if decimal or value.denominator not in (2, 3, 4, 8):
        if value.denominator == 1:
            return str(value.numerator)
        # Decimal units (g, ml) read best rounded: 2 places below 10, whole above 100.
        places = 0 if value >= 100 else 1 if value >= 10 else 2
        text = f"{float(value):.{places}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    whole, rest = divmod(value.numerator, value.denominator)
    glyph = _GLYPH[Fraction(rest, value.denominator)]
    return f"{whole} {glyph}" if whole else glyph


def format_quantity(low: Fraction | None, high: Fraction | None, decimal: bool = False) -> str:
    """Show a quantity or range ('2–3'); empty when there is none."""
    if low is None:
        return ""
    text = format_amount(low, decimal)
    return f"{text}–{format_amount(high, decimal)}" if high is not None else text
