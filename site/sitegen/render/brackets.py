"""Find the `]` closing a link's `[` by visiting brackets only, not every character.

Python-Markdown's link and image patterns ask `getText(data, index)` for the text
between `[` and its closing `]`. Python-Markdown 3.11 answers by walking every
character of the paragraph in Python, once for each link, because every handled
link changes the paragraph's text: a tenth of a blog post's render time went there
(docs/benchmarks.md, issue 16's fourth round). This
extension answers the same question from the positions of the brackets alone,
found by a regular expression, so a paragraph costs its brackets, not its length.
Like upstream it stays linear on unclosed brackets (`[[[[...`).
"""

from __future__ import annotations

import re
from types import MethodType
from typing import Any

_BRACKET = re.compile(r"[\[\]]")
_UNKNOWN = -1  # an index that follows no `[` of the text


def bracket_ends(data: str) -> dict[int, int | None]:
    """For the index after each `[` of `data`, the index after the `]` that closes it.

    An unclosed `[` maps to None. A `]` closes the nearest `[` still open; a `]` with
    none open closes nothing.
    """
    ends: dict[int, int | None] = {}
    waiting: list[int] = []
    for match in _BRACKET.finditer(data):
        at = match.start()
        if data[at] == "[":
            waiting.append(at + 1)
        elif waiting:
            ends[waiting.pop()] = at + 1
    ends.update(dict.fromkeys(waiting))
    return ends


def _scan(data: str, index: int) -> int | None:
    """The index after the `]` that brings the count of open brackets, one at `index`, to 0."""
    depth = 1
    for match in _BRACKET.finditer(data, index):
        depth += 1 if data[match.start()] == "[" else -1
        if depth == 0:
            return match.end()
    return None


def _get_text(self: Any, data: str, index: int) -> tuple[str, int, bool]:
    """`LinkInlineProcessor.getText`: the text up to the closing `]`, the index after it, found."""
    if self._sitegen_brackets[0] is not data:
        self._sitegen_brackets = (data, bracket_ends(data))
    end = self._sitegen_brackets[1].get(index, _UNKNOWN)
    if end == _UNKNOWN:
        end = _scan(data, index)
    if end is None:
        return data[index:], len(data), False
    return data[index : end - 1], end, True


def extension() -> Any:
    """A Markdown extension giving every link and image pattern the bracket lookup above."""
    from markdown.extensions import Extension
    from markdown.inlinepatterns import LinkInlineProcessor

    class FastBrackets(Extension):
        def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - Markdown's API
            for processor in md.inlinePatterns:
                if isinstance(processor, LinkInlineProcessor):
                    processor._sitegen_brackets = (None, {})
                    processor.getText = MethodType(_get_text, processor)

    return FastBrackets()
