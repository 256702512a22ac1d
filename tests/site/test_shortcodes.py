"""Markdown written for Hugo and Jekyll: shortcodes and Liquid tags render or are named."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitegen.content.problems import ContentError

from ..nu import assert_valid_html
from .leaks import template_leaks

SITE = "title: Moved here\nbase_url: https://example.org/\n"

# As Hugo sites write them: positional and named arguments, both delimiters, escapes.
HUGO_POST = """\
---
title: Field notes
date: 2024-03-01
---
The talk from last spring:

{{< youtube id="w7Ft2ymGmfc" title="Design systems at scale" >}}

{{< vimeo 146022717 >}}

{{< figure src="/images/kiln.jpg" alt="A brick kiln" caption="The kiln, fired" >}}

{{< highlight go "linenos=table,hl_lines=2" >}}
package main
func main() { println("<b>not markup</b>") }
{{< /highlight >}}

Read [the setup]({{< ref "setup.md" >}}) and [its tools]({{< relref "posts/setup.md#tools" >}}).

{{% x user="SanDiegoZoo" id="1453110110599868418" %}}

{{< gist spf13 7896402 >}}

{{< instagram BWNjjyYFxVx >}}

To embed a video, write `{{</* youtube ID */>}}`.
"""

SETUP_POST = """\
---
title: Setup
date: 2024-02-01
---
## Tools

A list.
"""

# As Jekyll blogs write them: highlight blocks, raw around template code, links by file.
JEKYLL_POST = """\
---
title: Liquid in practice
---
Welcome to {{ site.title }}. Start at [the about page]({{ site.baseurl }}/about/)
or [the archive]({{ "/blog/" | relative_url }}).

{% highlight ruby linenos %}
def greet(name) = "Hello, #{name}"
{% endhighlight %}

```liquid
{% raw %}{% for post in site.posts %}{{ post.title }}{% endfor %}{% endraw %}
```

{% raw %}
```html
<title>{{ page.title }} · {{ site.title }}</title>
```
{% endraw %}

Previously: [the first post]({% post_url 2020-01-02-first %}) and
[its file]({% link _posts/2020-01-02-first.md %}).
{% comment %}
Draft note, not for readers.
{% endcomment %}
"""

FIRST_POST = "---\ntitle: First\n---\nHello.\n"
ABOUT = "---\ntitle: About\n---\nAbout me.\n"


@pytest.fixture
def moved_site(write, build, tmp_path) -> Path:
    from PIL import Image

    content = write(
        {
            "site.yml": SITE,
            "posts/field-notes.md": HUGO_POST,
            "posts/setup.md": SETUP_POST,
            "posts/2020-03-04-liquid.md": JEKYLL_POST,
            "posts/2020-01-02-first.md": FIRST_POST,
            "pages/about.md": ABOUT,
        }
    )
    (content / "images").mkdir()
    Image.new("RGB", (1200, 800), "sienna").save(content / "images" / "kiln.jpg")
    build(content, template_dir=None)
    return tmp_path / "build"


def _article(build: Path, url: str) -> BeautifulSoup:
    page = build / url.strip("/") / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".prose")


def test_hugo_shortcodes_render_without_the_theme(moved_site):
    prose = _article(moved_site, "/blog/field-notes/")
    videos = prose.select("a.embed-video")
    assert [a["href"] for a in videos] == [
        "https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc?autoplay=1",
        "https://player.vimeo.com/video/146022717?dnt=1&autoplay=1",
    ]
    assert "Design systems at scale" in videos[0].get_text()
    assert not prose.select("iframe, script")  # nothing loads from a third party
    figure = prose.select_one("figure")
    assert figure.figcaption.get_text() == "The kiln, fired"
    assert figure.img["alt"] == "A brick kiln" and figure.img["width"]  # the image pipeline
    code = prose.select_one(".highlight pre")
    assert 'println("<b>not markup</b>")' in code.get_text()  # code, not live HTML
    assert not prose.select("b")
    links = {a.get_text(): a["href"] for a in prose.select("p a:not(.embed)")}
    assert links["the setup"] == "/blog/setup/"
    assert links["its tools"] == "/blog/setup/#tools"
    social = [a["href"] for a in prose.select("a.embed-social, a.embed-code")]
    assert social == [
        "https://x.com/SanDiegoZoo/status/1453110110599868418",
        "https://gist.github.com/spf13/7896402",
        "https://www.instagram.com/p/BWNjjyYFxVx/",
    ]
    assert prose.select_one("p code").get_text() == "{{< youtube ID >}}"


def test_jekyll_liquid_renders_and_raw_code_stays_code(moved_site):
    prose = _article(moved_site, "/blog/liquid/")
    assert prose.p.get_text().startswith("Welcome to Moved here.")
    links = {a.get_text(): a["href"] for a in prose.select("a")}
    assert links["the about page"] == "/about/"
    assert links["the archive"] == "/blog/"
    assert links["the first post"] == links["its file"] == "/blog/first/"
    blocks = [pre.get_text() for pre in prose.select("pre")]
    assert blocks[0].startswith('def greet(name) = "Hello, #{name}"')
    assert blocks[1].strip() == "{% for post in site.posts %}{{ post.title }}{% endfor %}"
    # {% raw %} around a whole fenced block, as Jekyll authors show template code
    assert blocks[2].strip() == "<title>{{ page.title }} · {{ site.title }}</title>"
    assert "Draft note" not in str(prose)
    assert "endhighlight" not in str(prose)  # no `<p _ endhighlight>` from attr_list


def test_no_template_code_leaks_onto_any_page(moved_site):
    assert template_leaks(moved_site) == []


def test_tags_without_a_meaning_here_are_problems_at_their_lines(write, build):
    content = write(
        {
            "site.yml": SITE,
            "posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nIntro.\n\n"
            "{{< notice warning >}}Careful{{< /notice >}}\n"
            "{% include footer.html year=2024 %}\n"
            "{{ page.author }}\n"
            '[gone]({{< ref "missing.md" >}})\n'
            "{% if site.comments %}x{% endif %}\n",
        }
    )
    with pytest.raises(ContentError) as caught:
        build(content)
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        "content/posts/a.md:7: shortcode {{< notice >}} has no meaning outside its Hugo theme: "
        "replace it with Markdown or HTML",
        "content/posts/a.md:8: {% include footer.html %} needs the original Jekyll theme: "
        "replace it with Markdown or HTML",
        "content/posts/a.md:9: Liquid output {{ page.author }} is not run here: "
        "write the value itself",
        "content/posts/a.md:10: link to 'missing.md': no published page comes from such a file",
        "content/posts/a.md:11: Liquid tag {% if %} is not run here: replace it with Markdown "
        "or HTML",
    ]


def test_moved_pages_are_valid_html5(moved_site):
    pages = [moved_site / "blog" / slug / "index.html" for slug in ("field-notes", "liquid")]
    assert_valid_html(*pages)


def test_the_example_site_shows_no_template_code(example_site):
    out, _ = example_site
    assert template_leaks(out) == []
