"""Which pages site search finds, and under which kind: each kind says so for its pages."""

from pathlib import Path

import pytest
from sitegen import create_app
from sitegen.search.index import tag_kind
from sitegen.web.published import page_urls

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    """Map every URL of the example site to the kind search files it under (or None)."""
    cache = tmp_path_factory.mktemp("search-rules")
    app = create_app({"CONTENT_DIR": REPO / "content", "CACHE_DIR": cache})
    content = app.extensions["sitegen"].content()
    with app.test_request_context():
        return {url: spec.search for url, spec in page_urls(content)}


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/recipes/shakshuka/", "recipe"),
        ("/blog/flask-static-sites/", "post"),
        ("/projects/tidewatch/", "project"),
        ("/about/", "page"),
        ("/uses/", "page"),
        # Lists and tools are not results: the items they list are.
        ("/", None),
        ("/recipes/", None),
        ("/recipes/diet/vegan/", None),
        ("/recipes/what-can-i-make/", None),
        ("/blog/", None),
        ("/blog/page/2/", None),
        ("/projects/tags/css/", None),
        ("/tags/design/", None),
        ("/search/", None),
        ("/contact/", None),
        ("/404.html", None),
    ],
)
def test_pages_search_finds(searchable, url, kind):
    assert url in searchable
    assert searchable[url] == kind


def test_tag_kind_marks_the_page_without_changing_the_rest():
    html = "<html><body><main><h1>Soup</h1></main></body></html>"
    tagged = tag_kind(html, "recipe")
    assert tagged == html.replace(
        "</body>", '<span data-pagefind-filter="kind:recipe" hidden></span></body>'
    )
