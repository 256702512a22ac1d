"""Skip the inline patterns a text cannot match, without running them.

Python-Markdown's inline step tries every inline pattern (fifteen in a post's
body) on every run of text, one after the other, each a Python call and a
regular-expression search, though most runs of prose hold none of the
characters the patterns need: no backtick, bracket, `<`, `&`, `*` or `_`.
This extension gives the inline step a table of those characters per pattern
(each pattern's regular expression cannot match a text without one of its
strings), and the step passes over a pattern whose strings are absent,
exactly as it would after finding no match. A pattern it does not know (an
extension's own, or one a new Python-Markdown writes differently) is always run.
(docs/benchmarks.md, issue 16's fifth round: a fifth of Markdown's time.)
"""

from __future__ import annotations

from typing import Any

# Python-Markdown 3.11's inline patterns, by regular expression: a text holding none of
# the strings given cannot match it. A pattern written otherwise is not in the table.
NEEDS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code spans
    r"\\(.)": ("\\",),  # backslash escapes
    r"\[\^([^\]]*)\]": ("[^",),  # footnote references
    r"(?<!\!)\[": ("[",),  # links, references
    r"\!\[": ("![",),  # images
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # autolinks
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # e-mail autolinks
    "  \\n": ("  \n",),  # hard line breaks
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # entities
    r"\*|_": ("*", "_"),  # emphasis
    # raw inline HTML: a tag, comment, processing instruction or CDATA, all after `<`
    (
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'"""
        r"""|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]"""
        r"""|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""
    ): ("<",),
}


def extension() -> Any:
    """A Markdown extension replacing the inline step with one that skips hopeless patterns."""
    from markdown import util
    from markdown.extensions import Extension
    from markdown.treeprocessors import InlineProcessor

    class QuickInlineProcessor(InlineProcessor):
        def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
            self._sitegen_needs = [
                NEEDS.get(getattr(getattr(p, "compiled_re", None), "pattern", None))
                for p in self.inlinePatterns
            ]
            return super().run(tree, ancestors)

        # Upstream's `__handleInline`, but for the `needs` test before each pattern.
        def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
            if not isinstance(data, util.AtomicString):
                apply = self._InlineProcessor__applyPattern
                table = self._sitegen_needs
                patterns = self.inlinePatterns
                start = 0
                count = len(patterns)
                while patternIndex < count:
                    wanted = table[patternIndex]
                    if (
                        wanted is not None
                        and wanted[0] not in data
                        and (len(wanted) == 1 or not any(s in data for s in wanted[1:]))
                    ):
                        patternIndex, start = patternIndex + 1, 0  # as after no match
                        continue
                    data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                    if not matched:
                        patternIndex += 1
            return data

    class QuickInline(Extension):
        def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - Markdown's API
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)

    return QuickInline()
