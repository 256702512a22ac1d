"""A recipe step that holds a captioned photo is a block, not a paragraph (valid HTML)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from PIL import Image
from sitegen.commands.build import build_site

from .conftest import SITE_YML

BREAD = """\
---
title: Flatbread
---
## Ingredients

- 300 g flour

## Method

1. Knead the dough.
2. ![Dough rolled thin on a floured board](/images/dough.jpg "Roll it thin")
"""


def test_a_step_with_a_captioned_photo_is_not_wrapped_in_a_paragraph(tmp_path):
    content = tmp_path / "content"
    (content / "recipes").mkdir(parents=True)
    (content / "images").mkdir()
    Image.new("RGB", (900, 600), "wheat").save(content / "images" / "dough.jpg")
    (content / "site.yml").write_text(SITE_YML)
    (content / "recipes" / "flatbread.md").write_text(BREAD)
    out = tmp_path / "build"
    build_site(content, out, cache_dir=tmp_path / "cache", progress=False, post_build=False)
    html = (out / "recipes/flatbread/index.html").read_text()
    assert "<p><figure" not in html
    steps = BeautifulSoup(html, "html.parser").select(".step")
    assert steps[0].p.get_text() == "Knead the dough."
    figure = steps[1].select_one(".step-body > figure")
    assert figure.figcaption.get_text() == "Roll it thin"
