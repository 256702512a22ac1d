"""Where cooks put an ingredient's amount, read into one order: amount, item, note.

`ingredients.parse_line` reads lines that start with their amount ('200 g flour,
sifted'). Recipes written by hand put it elsewhere too; `to_front` moves it to
the front so the same reading applies:

- in parentheses after the item: 'Egg (3)', 'Rice (50 grams)', 'Garlic (4-8 large
  cloves)', 'Oat flakes (270 g - 800 ml)'
- after the item: 'Oil 2 tbsp', 'Butter, melted 2 tbsp', 'Star anise, 2', 'Eggs: 5',
  'Spaghetti: 320 g | 11 oz'
- 'Juice of 2 limes', 'Zest of 1 lemon': the fruit is what is bought ('2 limes, juiced')
- 'Pinch of nutmeg': one pinch

`tidy` first undoes what is only writing: Markdown emphasis, a closing full stop,
'1-1/2' and '2 and 1/4' (mixed numbers), '30g to 70g', '2x 400 g'. A line is only
moved when everything around its amount reads as an item and a note; anything
else stays as written, which is better than a wrong amount.
"""

from __future__ import annotations

import re

from .quantity import QUANTITY, spell_mixed
from .units import lookup_unit

# Words that say an amount is approximate ('~70g', 'about 2 cups').
APPROX = r"(?:~|≈|\babout\b|\baround\b|\bapprox\.?|\bapproximately\b|\broughly\b|\bcirca\b)\s*"
# Words that may sit between an amount and its item: '2 large', '4-8 large cloves'.
SIZES = frozenset(
    {"large", "small", "medium", "big", "medium-sized", "sized", "heaped", "heaping",
     "level", "scant", "generous", "whole", "x"}
)  # fmt: skip
_CONTAINERS = (
    r"cans?|tins?|jars?|packets?|packages?|pkgs?|packs?|bottles?|bags?|box(?:es)?|cartons?"
    r"|envelopes?|sachets?|tubs?"
)
_NUM = r"\d+(?:\.\d+)?"
# Where a note in sentences starts: 'cheese. Gouda works best'.
SENTENCE_RE = re.compile(r"(?<=[a-z]{3})\. (?=[A-Z])")

_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")
_STAR_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_UNDERSCORE_RE = re.compile(r"(?<![\w/])_(?=\S)(.+?)(?<=\S)_(?![\w/])")
_TIMES_RE = re.compile(r"^(\d+)\s*[x×]\s*(?=\d)")
# '1 1/4 oz (7g) packet' is one packet of 1/4 oz, not 1 1/4 oz of packet.
# '4 ¼ inch thick steaks' are four steaks.
_SIZED_RE = re.compile(
    rf"^(\d+)\s+(\d+/\d+\s*(?:(?:oz|ounces?|g|grams?|ml|lbs?)\.?\s*(?:\([^()]*\)\s*)?"
    rf"(?:{_CONTAINERS})|(?:-\s*)?(?:inch|inches|in\.|cm)\s+(?:thick|wide|long))\b)",
    re.IGNORECASE,
)
_SPAN_RE = re.compile(rf"(?<![\d/.])({_NUM})\s*([A-Za-z]+)\s*(?:to|-|–)\s*({_NUM})\s*\2\b")
# '2 (3 1/2) pound chickens': two chickens of 3 1/2 pounds each.
_EACH_WEIGHS_RE = re.compile(
    rf"^(\d+)\s*\(({QUANTITY})\)\s*(pounds?|lbs?|ounces?|oz|kg|kilos?|g|grams?)\b", re.I
)
_OR_MORE_RE = re.compile(rf"^({QUANTITY})\s*\(or\s+({QUANTITY})\)")  # '1 (or 2) cloves'
# '3 - inch piece', '2-pound chicken': the amount, written as an adjective.
_HYPHEN_UNIT_RE = re.compile(
    r"^(\d+(?:\.\d+)?)\s*-\s*(inch(?:es)?|cm|pounds?|lbs?|ounces?|oz)\b", re.IGNORECASE
)
_SLASHED_RE = re.compile(rf"^({QUANTITY}\s*[A-Za-z]+\.?)/(?=\s*[~≈]?\s*\d)")
_FROM_RE = re.compile(r"^from\s+(?=\d)", re.IGNORECASE)
_OPTIONAL_RE = re.compile(r"^\(optional\)\s*", re.IGNORECASE)
_APPROX_RE = re.compile(rf"^{APPROX}(?=[\d.])", re.IGNORECASE)
_OF_RE = re.compile(
    r"^(?P<what>zest and juice|juice and zest|juice|zest)\s+(?:of|from)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DONE = {"juice": "juiced", "zest": "zested"}
_UNIT_OF_RE = re.compile(r"^(?P<unit>[A-Za-z]+)\s+of\s+\D+$")
_AMOUNT_WORDS = rf"(?:{APPROX})?{QUANTITY}(?:\s?[A-Za-z][A-Za-z.\-]*)*?"
_ALT = rf"\s*(?:\||/|\bor\b|[-–])\s*(?:{APPROX})?{QUANTITY}\s?[A-Za-z]+\.?"
_INSIDE_RE = re.compile(
    rf"^(?P<amount>{_AMOUNT_WORDS})(?P<alt>{_ALT})?(?P<so>\s+or so)?$", re.IGNORECASE
)
_TRAIL_RE = re.compile(
    rf"^(?P<head>[^\d~≈]+?)\s*[,:]?\s+(?P<amount>{_AMOUNT_WORDS})"
    rf"(?P<alt>{_ALT}|\s*\((?:{APPROX})?{QUANTITY}\s?[A-Za-z]+\.?\))?(?P<plus>\+)?"
    rf"(?P<tail>\s*,.*|\s*\([^()]*\))?$",
    re.IGNORECASE,
)
# A head that starts like this already says how much ('A large glass of wine (250 ml)').
_COUNTED = {"a", "an", "some", "enough", "up", "half", "one", "about", "around", "approx"}
# A number after these names the item, not its amount ('Flour type 550').
_NAMING = {"type", "no", "no.", "number", "mark", "size", "grade", "gas", "#"}


def tidy(line: str) -> str:
    """Undo what is only writing: emphasis, mixed numbers, '30g to 70g', a final stop."""
    line = spell_mixed(line)
    line = _EMPHASIS_RE.sub(r"\2", line)
    line = _STAR_RE.sub(r"\1", line)
    line = _UNDERSCORE_RE.sub(r"\1", line)
    line = _FROM_RE.sub("", line)
    line = re.sub(r"(?<=[A-Za-z])\+(?=\s)", " +", line)  # '30g+ butter': at least 30 g
    line = _SLASHED_RE.sub(r"\1 / ", line)  # '1lbs./500g', '3 tablespoons/~44 ml'
    line = _EACH_WEIGHS_RE.sub(r"\1 x \2 \3", line)
    line = _OR_MORE_RE.sub(r"\1-\2", line)
    line = _HYPHEN_UNIT_RE.sub(r"\1 \2", line)
    line = _SPAN_RE.sub(r"\1-\3 \2", line)
    line = _TIMES_RE.sub(r"\1 x ", line)
    line = _SIZED_RE.sub(r"\1 x \2", line)
    last = re.search(r"([A-Za-z]+|\))\.$", line)
    if last and (last[1] == ")" or len(last[1]) > 3) and last[1] != "etc":
        line = line[:-1]
    return " ".join(line.split())


def lead(line: str) -> tuple[str, list[str]]:
    """Take '(optional)' and '~' or 'about' off the front of a line, as notes."""
    notes = []
    optional = _OPTIONAL_RE.match(line)
    if optional:
        line, notes = line[optional.end() :], ["optional"]
    approx = _APPROX_RE.match(line)
    if approx:
        line = line[approx.end() :]
        notes.insert(0, "approximately")
    return line, notes


def to_front(line: str) -> str | None:
    """Rewrite a line whose amount is not at its front as 'amount item, note'; else None."""
    if re.match(rf"^(?:{APPROX})?[\d.]", line, re.IGNORECASE):
        return None
    of = _OF_RE.match(line)
    if of:
        what = of["what"].lower()
        done = " and ".join(_DONE[w] for w in re.findall(r"juice|zest", what))
        return f"{of['rest']}, {done}"
    unit_of = _UNIT_OF_RE.match(line)
    if unit_of:
        unit = lookup_unit(unit_of["unit"])
        if unit and unit.dimension == "count" and unit_of["unit"].lower() == unit.singular:
            return f"a {line}"
    return _from_parentheses(line) or _from_the_end(line)


def _from_parentheses(line: str) -> str | None:
    # 'Chocolate (70 g) (optional)': the last group that is an amount, after the item.
    spans = _trailing_groups(line)
    for start, end in spans:
        inside = _INSIDE_RE.match(line[start + 1 : end - 1].strip())
        if not inside:
            continue
        head, after = line[:start].strip(), line[end:].strip()
        amount = _amount_words(inside["amount"], head)
        if amount is None or not _head_ok(head):
            return None
        approx = "~" if inside["so"] else ""
        return " ".join(p for p in (approx + amount + (inside["alt"] or ""), head, after) if p)
    return None


def _from_the_end(line: str) -> str | None:
    # 'Butter, melted 2 tbsp', 'Eggs: 5', 'Spaghetti: 320 g | 11 oz', 'Oil 2 tbsp (or ghee)'.
    match = _TRAIL_RE.match(line)
    if not match or not _head_ok(match["head"]):
        return None
    amount = _amount_words(match["amount"], match["head"])
    if amount is None:
        return None
    tail = (match["tail"] or "").strip().lstrip(",").strip()
    if tail.startswith("("):
        tail = tail[1:-1].strip()
    notes = ", ".join(n for n in ("or more" if match["plus"] else "", tail) if n)
    front = f"{amount}{match['alt'] or ''} {match['head'].strip()}"
    return f"{front}, {notes}" if notes else front


def _amount_words(amount: str, head: str) -> str | None:
    """Check the words after a number are a unit or sizes; None when they are not."""
    number = re.match(rf"(?:{APPROX})?{QUANTITY}", amount, re.IGNORECASE)
    assert number is not None
    words = amount[number.end() :].split()
    units = [w for w in words if lookup_unit(w)]
    if len(units) > 1 or any(w.lower() not in SIZES and not lookup_unit(w) for w in words):
        return None
    if words and words[-1].lower() == "x":
        words = words[:-1]
    last = head.split()[-1].lower() if head.split() else ""
    if units and lookup_unit(last) == lookup_unit(units[0]):
        words.remove(units[0])  # 'Cinnamon sticks (3-5 sticks)' -> '3-5 Cinnamon sticks'
    return " ".join([number.group().strip(), *words])


def _head_ok(head: str) -> bool:
    """Tell whether the text before an amount reads as an item (and maybe a short note)."""
    head = head.strip().rstrip(",:").strip()
    words = head.split()
    if not words or re.search(r"\d", head) or len(head) > 70 or ". " in head:
        return False
    if not (head[0].isalpha() or head[0] == "["):
        return False
    if words[0].lower() in _COUNTED or words[-1].lower() in _NAMING:
        return False
    if head.count("(") != head.count(")") or head.count("[") != head.count("]"):
        return False
    parts = split_top(head)
    return len(parts) == 1 or (len(parts) == 2 and len(parts[1].split()) <= 2)


def _trailing_groups(line: str) -> list[tuple[int, int]]:
    """Find the parenthesised groups a line ends with, last first."""
    spans, end = [], len(line.rstrip())
    while end > 0 and line[end - 1] == ")":
        depth, start = 0, end - 1
        while start >= 0:
            depth += {")": 1, "(": -1}.get(line[start], 0)
            if depth == 0:
                break
            start -= 1
        if start < 0:
            break
        spans.append((start, end))
        end = len(line[:start].rstrip())
    return spans


def split_top(text: str, seps: str = ",") -> list[str]:
    """Split at `seps` outside parentheses and brackets: 'a (b, c), d' -> ['a (b, c)', ' d']."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
