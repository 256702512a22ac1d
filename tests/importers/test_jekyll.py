"""A Jekyll blog moved here with one command builds, and its old addresses keep working."""

from __future__ import annotations

import pytest
import yaml

from .conftest import Imported
from .test_hugo import links


def test_imports_with_no_problems_and_counts_each_kind(jekyll_minima: Imported) -> None:
    report = jekyll_minima.report
    assert report.problems == []
    assert dict(report.counts) == {"posts": 6, "pages": 1, "recipes": 1}
    assert report.drafts == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # permalink: date, with categories from front matter and from blog/_posts/
        ("/jekyll/update/2016/05/20/welcome-to-jekyll.html", "/blog/welcome-to-jekyll/"),
        ("/2016/05/19/codeblocks-ahoy.html", "/blog/codeblocks-ahoy/"),
        ("/howto/2016/05/21/liquid-in-code.html", "/blog/liquid-in-code/"),
        ("/blog/2017/01/02/a-blog-category.html", "/blog/a-blog-category/"),
        # redirect_from, as a list and as one address
        ("/welcome/", "/blog/welcome-to-jekyll/"),
        ("/2016/05/20/hello.html", "/blog/welcome-to-jekyll/"),
        ("/about-me/", "/about/"),
        # a collection with its own permalink
        ("/cook/shakshuka/", "/recipes/shakshuka/"),
    ],
)
def test_old_addresses_are_redirects_to_the_new_ones(jekyll_minima: Imported, old, new) -> None:
    assert jekyll_minima.redirect(old) == new


def test_titles_and_dates_come_from_file_names(jekyll_minima: Imported) -> None:
    meta = yaml.safe_load(jekyll_minima.front_matter("posts/codeblocks-ahoy.md")[4:])
    assert meta["title"] == "Codeblocks Ahoy"
    assert str(meta["date"]) == "2016-05-19"
    assert meta["comments"] is True  # front matter defaults of _config.yml
    page = jekyll_minima.page("/blog/codeblocks-ahoy/")
    assert page.find("h1").get_text(strip=True) == "Codeblocks Ahoy"


def test_drafts_stay_drafts(jekyll_minima: Imported) -> None:
    assert "draft: true" in jekyll_minima.front_matter("posts/unfinished-thoughts.md")
    assert not (jekyll_minima.build / "blog/unfinished-thoughts").exists()


def test_liquid_links_and_baseurl_are_rewritten(jekyll_minima: Imported) -> None:
    assert "/blog/codeblocks-ahoy/" in links(jekyll_minima, "/blog/welcome-to-jekyll/")  # post_url
    example = links(jekyll_minima, "/blog/my-example-post/")
    assert "/about/" in example  # {% link about.md %}
    assert "/blog/welcome-to-jekyll/" in example  # the old address, written out
    assert "/recipes/shakshuka/" in example
    logo = jekyll_minima.page("/blog/welcome-to-jekyll/").select_one(".prose picture img")
    assert logo["alt"] == "The Jekyll logo"  # {{ site.baseurl }}/assets/… found in assets/


def test_template_code_in_raw_stays_code(jekyll_minima: Imported) -> None:
    code = jekyll_minima.page("/blog/liquid-in-code/").select_one("pre").get_text()
    assert "{% for post in site.posts %}" in code
    assert "{{ post.url | relative_url }}" in code
    assert any(r.old == "{% raw %} around code" for r in jekyll_minima.report.rewrites)


def test_highlight_blocks_are_code(jekyll_minima: Imported) -> None:
    code = jekyll_minima.page("/blog/codeblocks-ahoy/").select("pre")
    assert any("def print_hi(name)" in block.get_text() for block in code)


def test_config_becomes_site_yml(jekyll_minima: Imported) -> None:
    site = yaml.safe_load((jekyll_minima.content / "site.yml").read_text("utf-8"))
    assert site["title"] == "Your awesome title"
    assert site["base_url"] == "https://jekyll-user.example/"
    assert site["language"] == "en-GB"
    assert site["author"] == {"name": "GitHub User", "email": "your-email@domain.com"}
    assert site["nav"] == [{"title": "About", "url": "/about/"}]  # header_pages
    assert site["social"][0]["url"] == "https://github.com/jekyll/minima"
    assert site["google_analytics_note"] == "kept as a param"
    assert "plugins" not in site and "theme" not in site


def test_files_without_front_matter_are_published_as_they_are(jekyll_minima: Imported) -> None:
    assert (jekyll_minima.build / "assets/images/jekyll-logo.png").is_file()
    assert (jekyll_minima.build / "CNAME").is_file()
    assert not (jekyll_minima.content / "static/Gemfile").exists()


def test_what_is_not_carried_over_is_said(jekyll_minima: Imported) -> None:
    notes = "\n".join(jekyll_minima.report.notes)
    assert "404.html, assets/css/style.scss" in notes  # made by the theme's templates
    assert "index.md: a page made by the theme's 'home' layout" in notes
    assert "plugins" in notes and "theme" in notes
