"""Tables and code blocks in rendered bodies become focusable, named scrolling regions."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sitegen.render.scroll import scroll_regions

TABLE = (
    "<table><thead><tr><th>Screen</th><th>With <code>srcset</code> &amp; WebP</th></tr>"
    "</thead><tbody><tr><td>Phone</td><td>9 KB</td></tr></tbody></table>"
)


def test_a_table_is_wrapped_in_a_region_named_by_its_headings() -> None:
    soup = BeautifulSoup(scroll_regions(f"<p>Before</p>{TABLE}"), "html.parser")
    box = soup.find("table").parent
    assert box.name == "div" and box["class"] == ["table-scroll"]
    assert box["role"] == "region" and box["tabindex"] == "0"
    assert box["aria-label"] == "Table: Screen, With srcset & WebP"


def test_code_blocks_take_focus_and_are_numbered_when_there_are_several() -> None:
    one = BeautifulSoup(scroll_regions("<pre><code>x</code></pre>"), "html.parser").pre
    assert (one["tabindex"], one["role"], one["aria-label"]) == ("0", "region", "Code sample")
    html = scroll_regions('<div class="highlight"><pre><span></span>a</pre></div><pre>b</pre>')
    labels = [pre["aria-label"] for pre in BeautifulSoup(html, "html.parser").find_all("pre")]
    assert labels == ["Code sample 1", "Code sample 2"]


def test_running_twice_changes_nothing_and_plain_prose_is_left_alone() -> None:
    once = scroll_regions(f"{TABLE}<pre>x</pre>")
    assert scroll_regions(once) == once
    prose = "<p>No tables <em>here</em>.</p>"
    assert scroll_regions(prose) == prose
