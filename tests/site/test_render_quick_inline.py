"""Inline Markdown: skipping the patterns a text cannot match changes no page."""

from __future__ import annotations

import random
import re

import markdown
import pytest
from markdown.treeprocessors import InlineProcessor
from sitegen.render.markdown import _instances, render_body
from sitegen.render.quick_inline import NEEDS, extension

EXTENSIONS = ["fenced_code", "tables", "footnotes", "attr_list", "md_in_html", "toc"]

# Pieces that start, end or break every inline pattern: code spans, escapes,
# links and images, footnotes, autolinks, raw HTML, entities, line breaks, emphasis.
PIECES = [
    *"`\\[]()!<>&;*_^#@:/ ",
    "a",
    "word",
    "  \n",
    "\n",
    "http://x.org/a",
    "me@x.org",
    "&amp;",
    "&#35;",
    "<b>",
    "</b>",
    "<!-- c -->",
    "**",
    "__",
    "[^1]",
    "\n\n[^1]: note\n",
    "[r]",
    "\n\n[r]: /ref/\n",
    "](/u/)",
    "![",
    "``",
]

TRICKY = [
    "Plain prose, with no mark-up at all, over a few clauses; and a semicolon.",
    "A `code span`, a ``double `tick` span``, an escaped \\` tick and \\\\` after.",
    "Snake_case_words and 2*3*4 and *one* **two** ***three*** _a_ __b__ ___c___.",
    "A [link](/a/ 'T'), ![an image](/i.png), <https://x.org/>, <me@x.org> and [r].\n\n[r]: /r/",
    'Raw <span class="x">HTML</span>, a <!-- comment -->, &amp; &copy; &#169; & alone.',
    "A hard  \nline break, a footnote[^n] and *emphasis with a [link](/l/) inside*.\n\n[^n]: Note.",
    "- a list with `code`\n- and **bold _nested_ text**\n\n> a quote with <em>html</em>",
]


def _pair(*extra):
    stock = markdown.Markdown(extensions=[*EXTENSIONS, *extra], output_format="html")
    quick = markdown.Markdown(extensions=[*EXTENSIONS, *extra, extension()], output_format="html")
    assert type(quick.treeprocessors["inline"]) is not InlineProcessor
    return stock, quick


@pytest.mark.parametrize("text", TRICKY)
def test_pages_render_as_with_every_pattern_tried(text):
    stock, quick = _pair()
    assert quick.convert(text) == stock.convert(text)


def test_random_mark_up_soup_renders_as_with_every_pattern_tried():
    stock, quick = _pair()
    rng = random.Random(16)
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert quick.reset().convert(text) == stock.reset().convert(text), text


def test_no_pattern_matches_a_text_without_the_strings_it_needs():
    rng = random.Random(61)
    for regex, needs in NEEDS.items():
        compiled = re.compile(regex, re.DOTALL | re.UNICODE)
        for _ in range(300):
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
            if not any(s in text for s in needs):
                assert compiled.search(text) is None, (regex, text)


def test_every_pattern_of_the_site_renderer_is_skipped_when_hopeless():
    # A Python-Markdown that writes a pattern otherwise still renders right (the
    # pattern is always tried), but loses the speed-up: this says which to add.
    render_body("*warm* up")
    for name in ("body", "summary"):
        md = _instances()[name]
        assert type(md.treeprocessors["inline"]).__module__ == "sitegen.render.quick_inline"
        unknown = [
            p.compiled_re.pattern for p in md.inlinePatterns if p.compiled_re.pattern not in NEEDS
        ]
        assert unknown == [], name
