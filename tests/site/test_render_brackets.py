"""Links and images: the bracket lookup gives what Python-Markdown's own gives."""

from __future__ import annotations

import random

import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor
from sitegen.render.brackets import bracket_ends, extension
from sitegen.render.markdown import render_body


def _processor(md: markdown.Markdown) -> LinkInlineProcessor:
    return md.inlinePatterns["link"]


def test_every_index_gets_upstreams_answer_on_random_bracket_soup():
    link = _processor(markdown.Markdown(extensions=[extension()]))
    upstream = _processor(markdown.Markdown())
    rng = random.Random(7)
    for _ in range(400):
        data = "".join(rng.choice("[[]]a b(") for _ in range(rng.randint(0, 40)))
        for index in range(len(data) + 1):  # after a `[` (the lookup) and anywhere else
            assert link.getText(data, index) == upstream.getText(data, index), (data, index)


def test_nested_unclosed_and_stray_brackets():
    assert bracket_ends("[a[b]c]") == {1: 7, 3: 5}
    assert bracket_ends("] [x") == {3: None}
    assert bracket_ends("[[]") == {2: 3, 1: None}


LINKY = [
    "See [the docs](/docs/) and [a [nested] label](https://example.com/a).",
    'An image ![a cat [sitting]](/i/cat.jpg "Cat") and a ref [here][r].\n\n[r]: /ref/',
    "Unclosed [bracket and [another](/x/) then ] stray ] ones [[[.",
    "Short [ref] and ![short img] and [empty]() and [](/y/).\n\n[ref]: /r/\n[short img]: /i.png",
    "[link with `code]` inside](/c/) and *[emph](/e/)* and [a](</b c> 'T').",
]


@pytest.mark.parametrize("text", LINKY)
def test_pages_render_as_without_the_lookup(text):
    plain = markdown.Markdown(extensions=["attr_list", "footnotes"], output_format="html")
    fast = markdown.Markdown(
        extensions=["attr_list", "footnotes", extension()], output_format="html"
    )
    assert fast.convert(text) == plain.convert(text)
    assert "<a" in render_body(text).html or "<img" in render_body(text).html


def test_the_site_renderer_uses_the_lookup():
    render_body("[warm](/up/)")
    from sitegen.render.markdown import _instances

    for name in ("body", "summary"):
        getter = _processor(_instances()[name]).getText
        assert getter.__func__.__module__ == "sitegen.render.brackets", name
