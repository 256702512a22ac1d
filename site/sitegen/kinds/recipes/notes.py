"""An ingredient's name and its note: 'onions, finely chopped' -> 'onions' + 'finely chopped'.

The note starts at the first comma, semicolon or new sentence outside parentheses
('Lemon wedge/juice (optional, also overpowering)' is one name). Two kinds of
comma do not start a note: one after words that only describe ('bone-in, skin-on
chicken thighs', 'fresh, non-UHT milk') and one in a list of choices ('bourbon,
brandy, or cognac').
"""

from __future__ import annotations

import re

from .layouts import SENTENCE_RE, split_top

# Words that describe an ingredient but do not change what it is, ignored when matching.
DESCRIPTORS = {
    "fresh", "freshly", "large", "small", "medium", "ripe", "chopped", "finely", "roughly",
    "diced", "sliced", "minced", "grated", "ground", "whole", "dried", "good", "quality",
    "extra", "virgin", "raw", "cold", "warm", "hot", "boiling", "softened", "melted",
    "unsalted", "salted", "plain", "organic", "peeled", "crushed", "about", "heaped", "level",
    "a", "an", "little", "very", "of", "the", "some", "few", "free-range", "baby", "thinly",
    "thick", "thin", "cooked",
}  # fmt: skip
_TASTE_RE = re.compile(
    r"[,(]?\s*\b((?:or\s+|(?:plus\s+)?more\s+)?(?:to taste|as needed|optional|for serving))"
    r"\)?\s*$",
    re.IGNORECASE,
)
# Three or more choices: 'bourbon, brandy, or cognac' (not 'onion, peeled, and sliced').
_CHOICES_RE = re.compile(r"^[^,()]+(?:,\s*[^,()]+){2,}$")
_LAST_RE = re.compile(r",\s*(?:or|and)\s+[^,()]+$")
# Words that only describe, before a comma: 'boneless, skinless chicken breasts'.
_DESCRIBING = DESCRIPTORS | {
    "boneless", "skinless", "skinnless", "dry", "uncooked", "frozen", "canned", "seedless",
    "pitted", "lean", "firm", "soft",
}  # fmt: skip
_LEADING_PAREN_RE = re.compile(r"\((?P<inside>[^)]*)\)\s*(?:of\s+)?(?P<item>.+)")


def balanced(text: str) -> bool:
    """Tell whether every parenthesis opened in `text` is closed."""
    return text.count("(") == text.count(")")


def split_note(rest: str) -> tuple[str, str]:
    """Split what follows an amount into the item's name and a note."""
    rest = rest.strip()
    match = _TASTE_RE.search(rest)
    note = ""
    # '(very optional)' is not '(optional)': the match must not close a parenthesis.
    if match and match.start() > 0 and balanced(rest[: match.start()]):
        note = match.group(1).lower()
        rest = rest[: match.start()].strip().rstrip(",")
    item = _name_part(rest)
    more = rest[len(item) :].lstrip(".,; ").strip()
    if more:
        note = ", ".join(p for p in (more, note) if p)
    # A leading parenthetical ('(400 g) chickpeas') describes the package: keep it as a note.
    paren = _LEADING_PAREN_RE.match(item)
    if paren:
        item = paren["item"]
        note = ", ".join(p for p in (paren["inside"].strip(), note) if p)
    return item.strip(), note


def _name_part(rest: str) -> str:
    parts = split_top(rest, ",;")
    item = parts[0]
    # 'bone-in, skin-on chicken thighs': the first part only describes what follows.
    while len(parts) > 1 and rest[len(item)] == "," and _describes(item):
        parts = parts[1:]
        item = rest[: len(item) + 1 + len(parts[0])]
    sentence = SENTENCE_RE.search(item)
    if sentence and balanced(item[: sentence.start()]):
        return item[: sentence.start()]
    after = rest[len(item) :]
    # 'bourbon, brandy, or cognac' names one item and its alternatives.
    choices = after.startswith(",") and _CHOICES_RE.match(rest) and _LAST_RE.search(rest)
    if choices and not re.search(r"\w(?:ed|ly)\b", after):
        return rest
    return item


def _describes(words: str) -> bool:
    split = words.lower().split()
    return 0 < len(split) <= 2 and all(w in _DESCRIBING or "-" in w for w in split)
