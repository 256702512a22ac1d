"""Markdown helpers: smart punctuation and the default summary."""

from __future__ import annotations

from sitegen.render.markdown import first_paragraph, plain_text
from sitegen.render.smartpunct import smarten


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


def test_highlighting_css_has_light_and_dark_rules_only():
    from sitegen.render.highlight import pygments_css

    css = pygments_css()
    assert ".highlight :is(.k," in css and "@media (prefers-color-scheme: dark)" in css
    assert "linenos" not in css and "\npre " not in css


def test_highlighting_css_states_each_style_once():
    import re

    from sitegen.render.highlight import pygments_css

    css = pygments_css()
    light, _, dark = css.partition("@media (prefers-color-scheme: dark)")
    for block in (light, dark):
        bodies = re.findall(r"\{([^{}]*)\}", block)
        assert len(bodies) == len(set(bodies)), "identical rules should be merged"
    assert ".highlight :is(.c,.ch," in light  # comments share one rule
    # Dark names are the dark text colour already: no rule repeats it for `.n`.
    assert ".n," not in dark and ".n)" not in dark and ".highlight .n{" not in dark
    # A keyword is green in light, blue in dark: the dark rule must stay.
    assert re.search(r":is\([^)]*\.k[,)][^{]*\{color:#66D9EF", dark)


def test_whitespace_in_code_is_not_wrapped_in_spans():
    from sitegen.render.markdown import render_body

    html = render_body("```python\nif x  and  y:\n    pass\n```\n").html
    assert '<span class="k">if</span>' in html
    assert 'class="w"' not in html
