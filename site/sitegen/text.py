"""Small text helpers every stage shares: slugs for URLs, "did you mean" suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """Make a URL-safe slug: `C++ & Rust` -> `c-rust`, accents folded."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "untitled"


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.8) -> str | None:
    """Return the choice `word` is most likely a misspelling of, or None."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None
