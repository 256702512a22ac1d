"""Which pages site search finds, and under which kind."""

import pytest
from sitegen.recipes.search import kind_of, tag_kind


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/recipes/shakshuka/", "recipe"),
        ("/blog/flask-static-sites/", "post"),
        ("/projects/tidewatch/", "project"),
        ("/events/harvest-supper/", "event"),
        ("/about/", "page"),
        ("/uses/", "page"),
        # Lists and tools are not results: the items they list are.
        ("/", None),
        ("/recipes/", None),
        ("/recipes/diet/vegan/", None),
        ("/recipes/what-can-i-make/", None),
        ("/blog/", None),
        ("/blog/page/2/", None),
        ("/projects/tags/python/", None),
        ("/tags/design/", None),
        ("/search/", None),
        ("/contact/", None),
        ("/404.html", None),
    ],
)
def test_kind_of(url, kind):
    assert kind_of(url) == kind


def test_tag_kind_marks_the_page_without_changing_the_rest():
    html = "<html><body><main><h1>Soup</h1></main></body></html>"
    tagged = tag_kind(html, "recipe")
    assert tagged == html.replace(
        "</body>", '<span data-pagefind-filter="kind:recipe" hidden></span></body>'
    )
