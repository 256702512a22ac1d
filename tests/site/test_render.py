"""Markdown helpers: smart punctuation and the default summary."""

from __future__ import annotations

from sitegen.render import first_paragraph, plain_text
from sitegen.smartpunct import smarten


def test_smart_punctuation_leaves_code_and_attributes_alone():
    html = '<p>"Hi" -- it\'s <a title="x">"x"</a>...</p><pre><code>"raw" -- x</code></pre>'
    assert smarten(html) == (
        '<p>&ldquo;Hi&rdquo; &ndash; it&rsquo;s <a title="x">&ldquo;x&rdquo;</a>&hellip;</p>'
        '<pre><code>"raw" -- x</code></pre>'
    )


def test_default_summary_is_the_first_prose_paragraph():
    body = (
        "# T\n\n```\ncode\n```\n\n![A cat](/i/cat.jpg)\n\nThe *real* [start](/x/)\nof it.\n\nMore."
    )
    assert plain_text(first_paragraph(body)) == "The real start of it."
