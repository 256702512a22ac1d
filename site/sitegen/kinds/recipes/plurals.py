"""An ingredient's name in the form its quantity asks for: '1 onion', '2 onions'.

The servings scaler changes quantities in the browser, so each counted item carries
both forms, worked out here at build time, and the page picks one: more than 1 takes
the plural, 1 or less the singular ('1 ½ bay leaves', '¼ bay leaf', '½ onion').

- A line with a unit counts the unit, not the item: '2 cups flour', '4 cloves garlic'
  keep the item as written (the unit's own singular and plural follow the number).
- 'small bunch coriander': a unit word after descriptors is what is counted.
- Otherwise the item is counted, and inflect gives its other form ('1 ½ bay leaf'
  still gets 'bay leaves'). After 1 or less, a name that already reads as a plural
  ('1 eggs', or is it '1 hummus'?) is left as written rather than mangled.
- A parenthesis stays as written: '2 onions (about 300 g)' -> '1 onion (about 300 g)'.

inflect's answers are kept in the cache folder: importing inflect takes a second or
more (typeguard instruments it as it loads, jaraco/inflect#212), so a build imports
it only for names no earlier build has asked about.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .ingredients import DESCRIPTORS, Ingredient
from .units import ABBREVIATED, lookup_unit

_engine: Any = None
_answers: dict[str, str | bool] = {}  # "s:onions" -> "onion", "p:onion" -> "onions"
_loaded: set[str] = set()  # memo files read by this process


def _ask(question: str, words: str) -> str | bool:
    """inflect's singular_noun ("s") or plural_noun ("p") of `words`, remembered."""
    key = f"{question}:{words}"
    if key not in _answers:
        global _engine
        if _engine is None:
            import inflect

            _engine = inflect.engine()
        ask = _engine.singular_noun if question == "s" else _engine.plural_noun
        _answers[key] = ask(words)
    return _answers[key]


# Kitchen nouns that are not counted ('2 garlic' stays '2 garlic', '1 hummus' is not
# '1 hummu'), and the cook's plurals where inflect's differ.
_MASS_WORDS = """asparagus basil bread broccoli broth butter buttermilk cheese chocolate cocoa
    coriander couscous cream cumin dill feta flour garlic ginger honey hummus ice jam juice
    kale ketchup lettuce mayonnaise milk mint molasses mozzarella mustard nutmeg oats oil
    oregano paprika parmesan parsley pasta quinoa rice rosemary saffron sage salt
    spaghetti spinach stock sugar tahini thyme tofu turmeric vanilla vinegar water yeast
    yogurt yoghurt"""
MASS = frozenset(_MASS_WORDS.split())
IRREGULAR = {"chilli": "chillies", "chili": "chilies"}


def _pair(words: str, plural_written: bool) -> tuple[str, str]:
    """Return (singular, plural) of `words`, as far as inflect can tell."""
    *lead, last = words.split()
    if last.lower() in MASS:
        return words, words
    for one, many in IRREGULAR.items():
        if last.lower() in (one, many):
            return " ".join([*lead, one]), " ".join([*lead, many])
    single = _ask("s", words)  # False when `words` is not a plural
    if single and plural_written:
        return str(single), words  # '3 tomatoes'
    if single and single != words and _ask("p", str(single)) == words:
        return words, words  # '1 eggs' or '1 hummus': 'eggss' would be worse than as written
    return words, str(_ask("p", words) or words)  # '1 tomato', '1 ½ bay leaf'


def _counted_word(words: list[str]) -> int | None:
    """Index of a unit word that heads the item ('small bunch coriander'), if any."""
    for i, word in enumerate(words[:-1]):
        if word.lower() in DESCRIPTORS:
            continue
        unit = lookup_unit(word)
        return i if unit is not None and unit.symbol not in ABBREVIATED else None
    return None


def item_forms(ingredient: Ingredient) -> tuple[str, str]:
    """Return the item's (singular, plural) names; both as written when it is not counted."""
    item, quantity = ingredient.item, ingredient.quantity
    if ingredient.unit is not None or quantity is None:
        return item, item
    top = ingredient.quantity_max if ingredient.quantity_max is not None else quantity
    head, paren, tail = item.partition("(")
    tail = f" {paren}{tail}" if paren else ""
    words = head.split()
    if not words:
        return item, item
    lead = _counted_word(words)
    if lead is None:
        one, many = _pair(" ".join(words), top > 1)
    else:
        one, many = (
            " ".join([*words[:lead], form, *words[lead + 1 :]])
            for form in _pair(words[lead], top > 1)
        )
    return one + tail, many + tail


@cache
def _memo_name() -> str:
    # inflect's answers may change with its version: each version keeps its own memo.
    return f"inflect-{version('inflect')}.json"


def with_forms(ingredients: Iterable[Ingredient], cache_dir: Path | None) -> list[Ingredient]:
    """Give each ingredient its singular and plural names, asking inflect only for new ones."""
    memo = Path(cache_dir) / "plurals" / _memo_name() if cache_dir else None
    if memo is not None and str(memo) not in _loaded:
        _loaded.add(str(memo))
        # No memo yet, or a broken one: inflect answers again.
        with contextlib.suppress(OSError, ValueError, TypeError):
            _answers.update(json.loads(memo.read_text("utf-8")))
    known = len(_answers)
    named = []
    for ingredient in ingredients:
        one, many = item_forms(ingredient)
        named.append(replace(ingredient, one=one, many=many))
    if memo is not None and len(_answers) > known:
        with contextlib.suppress(OSError):  # only a cache
            memo.parent.mkdir(parents=True, exist_ok=True)
            tmp = memo.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(_answers, ensure_ascii=False, sort_keys=True), "utf-8")
            tmp.replace(memo)
    return named
