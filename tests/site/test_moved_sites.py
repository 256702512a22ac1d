"""Sites laid out for Hugo and Jekyll load as their authors wrote them, every problem at once."""

from __future__ import annotations

import pytest
from sitegen.cli import main
from sitegen.content.problems import ContentError

from .conftest import post

SITE = "title: T\nbase_url: https://example.org/\n"
RECIPE = "---\ntitle: Toast\n---\n## Ingredients\n\n- 2 slices bread\n\n## Method\n\n1. Toast.\n"


def test_recipes_without_cuisine_course_or_diet_build_and_check_agrees(write, build, capsys):
    content = write({"site.yml": SITE, "recipes/toast.md": RECIPE})
    assert main(["check", "--content", str(content)]) == 0
    build(content, template_dir=None)  # no facet pages, and no "Nothing frozen" error


def test_every_problem_of_every_file_comes_in_the_first_run(write, build):
    content = write(
        {
            "site.yml": SITE,
            "posts/a.md": post("A", extra="colour: blue\ntitel: x\n"),
            "posts/b.md": post("B", body="See [x](/blog/nowhere/) and [a](/blog/a/)."),
            "posts/c.md": post("C", date="not a date"),
        }
    )
    with pytest.raises(ContentError) as caught:
        build(content)
    shown = "\n".join(map(str, caught.value.problems))
    assert "content/posts/a.md" in shown and "titel" in shown  # a field problem
    assert "content/posts/c.md" in shown  # another file's problem
    assert "content/posts/b.md:5: broken link: /blog/nowhere/" in shown  # and the links, at once
    assert "/blog/a/" not in shown  # a's page has problems of its own: its link is not blamed


def test_a_missing_file_is_named_as_a_file_with_where_it_was_looked_for(write, build):
    content = write({"site.yml": SITE, "posts/a.md": post("A", body="[pic](/pix/x.webp)")})
    with pytest.raises(ContentError) as caught:
        build(content)
    assert [str(p) for p in caught.value.problems] == [
        "content/posts/a.md:5: missing file: /pix/x.webp (looked for content/static/pix/x.webp)"
    ]


def test_a_link_in_another_scheme_suggests_the_page_with_that_slug(write, build):
    content = write(
        {
            "site.yml": SITE,
            "recipes/pasta.md": RECIPE.replace("Toast", "Pasta"),
            "recipes/soup.md": RECIPE.replace("Toast", "Soup") + "\nServe with [pasta](/pasta).\n",
        }
    )
    with pytest.raises(ContentError) as caught:
        build(content)
    (problem,) = caught.value.problems
    assert str(problem).endswith(
        "broken link: /pasta is not a page of this site (did you mean /recipes/pasta/?)"
    )


def test_a_broken_draft_does_not_stop_a_production_build(write, build, tmp_path, capsys):
    content = write(
        {
            "site.yml": SITE,
            "posts/ok.md": post("Ok"),
            "posts/wip.md": post("Wip", extra="draft: true\n", body="![a](/images/gone.jpg)"),
        }
    )
    report = build(content)
    assert report.warnings == (
        "content/posts/wip.md:6: image not found: /images/gone.jpg "
        "(looked for content/images/gone.jpg)",
    )
    assert report.summary().startswith("warning: content/posts/wip.md:6: image not found")
    with pytest.raises(ContentError):  # the preview shows drafts, so there it is a problem
        build(content, out="preview", preview=True)


def test_page_bundles_translations_and_language_fields(write, build, tmp_path):
    from PIL import Image

    content = write(
        {
            "site.yml": SITE,
            "posts/trip/index.md": post("Trip", body="![The coast](coast.jpg)"),
            "posts/trip/index.fr.md": post("Voyage"),
            "posts/hello.md": post("Hello", extra="FRtags: [bonjour]\n"),
            "posts/hello.fr.md": post("Bonjour"),
            "posts/node.js.md": post("Node"),
            "posts/_index.md": "---\ntitle: Blog\n---\nAll my posts.\n",
        }
    )
    Image.new("RGB", (800, 600), "teal").save(content / "posts" / "trip" / "coast.jpg")
    report = build(content, template_dir=None)
    out = tmp_path / "build"
    trip = (out / "blog/trip/index.html").read_text()
    assert 'alt="The coast"' in trip and "srcset=" in trip  # the bundle's image, resized
    assert (out / "blog/hello/index.html").is_file()
    assert (out / "blog/node.js/index.html").is_file()  # not a translation: nothing beside it
    assert not (out / "blog/hello.fr").exists() and not (out / "blog/_index").exists()
    assert sorted(report.warnings) == [
        "content/posts/_index.md: Hugo's section page: the kind's list page is made here, "
        "this text is not shown",
        "content/posts/hello.fr.md: a translation (fr): the site publishes one language; left out",
        "content/posts/trip/index.fr.md: a translation (fr): the site publishes one language; "
        "left out",
    ]
