"""A Hugo site moved here with one command builds, and its old addresses keep working."""

from __future__ import annotations

import pytest
import yaml

from .conftest import Imported


def test_imports_with_no_problems_and_counts_each_kind(hugo_basic: Imported) -> None:
    report = hugo_basic.report
    assert report.problems == []
    assert dict(report.counts) == {"posts": 5, "pages": 1}
    assert report.drafts == 1


def test_toml_front_matter_is_written_as_yaml(hugo_basic: Imported) -> None:
    about = (hugo_basic.content / "pages/about.md").read_text("utf-8")
    assert about.startswith("---\ntitle: About\n")
    assert "+++" not in about
    meta = yaml.safe_load(hugo_basic.front_matter("pages/about.md").removeprefix("---\n"))
    assert meta["description"].startswith("Hugo, the world's fastest")


def test_config_becomes_site_yml(hugo_basic: Imported) -> None:
    site = yaml.safe_load((hugo_basic.content / "site.yml").read_text("utf-8"))
    assert site["title"] == "Hugo Themes"
    assert site["base_url"] == "https://gohugo.example/"
    assert site["author"] == "Steve Francia"
    assert site["description"] == "Example site for the Hugo themes"
    assert site["posts_per_page"] == 3
    assert site["subtitle"] == "A place to try things"  # params are kept
    assert site["nav"] == [
        {"title": "About", "url": "/about/"},
        {"title": "Posts", "url": "/blog/"},
    ]
    nav = [a.get_text() for a in hugo_basic.page("/").select("header nav a")]
    assert "About" in nav and "Posts" in nav


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/post/rich-content/", "/blog/rich-content/"),  # Hugo's address of every page
        ("/post/my-bundle/", "/blog/my-bundle/"),  # a page bundle's
        ("/about-us/", "/about/"),  # relative aliases, from the page's folder
        ("/about-hugo/", "/about/"),
        ("/post/migrate-from-jekyl/", "/blog/markdown-syntax/"),
        ("/post/", "/blog/"),  # the section's list page and its aliases
        ("/articles/", "/blog/"),
        ("/categories/themes/", "/tags/themes/"),  # categories are tags here
    ],
)
def test_old_addresses_are_redirects_to_the_new_ones(hugo_basic: Imported, old, new) -> None:
    assert hugo_basic.redirect(old) == new


def test_redirects_are_in_no_sitemap(hugo_basic: Imported) -> None:
    sitemap = (hugo_basic.build / "sitemap.xml").read_text("utf-8")
    assert "/blog/rich-content/" in sitemap
    assert "/post/" not in sitemap and "/about-us/" not in sitemap


def test_an_alias_where_frostfolio_has_a_page_is_left_out_and_said(hugo_basic: Imported) -> None:
    contact = hugo_basic.page("/contact/")
    assert contact.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert any("/contact/ is a page of the new site" in n for n in hugo_basic.report.notes)


def test_drafts_stay_drafts(hugo_basic: Imported) -> None:
    assert "draft: true" in hugo_basic.front_matter("posts/draft-post.md")
    assert not (hugo_basic.build / "blog/draft-post").exists()


def links(imported: Imported, path: str) -> list[str]:
    return [a["href"] for a in imported.page(path).select("main a[href]")]


def test_internal_links_point_at_new_addresses(hugo_basic: Imported) -> None:
    about = links(hugo_basic, "/about/")
    assert "/blog/markdown-syntax/" in about
    assert "/feed.xml" in about  # Hugo's /index.xml
    syntax = links(hugo_basic, "/blog/markdown-syntax/")
    assert "/about/" in syntax  # written as a full address of the old site
    assert "/blog/rich-content/" in syntax  # a reference-style link
    assert "/blog/my-bundle/#the-photo" in syntax  # the fragment kept
    assert "/blog/rich-content/" in links(hugo_basic, "/blog/emoji-support/")  # ../rich-content/
    rich = links(hugo_basic, "/blog/rich-content/")
    assert "/blog/emoji-support/" in rich and "/blog/markdown-syntax/" in rich  # ref, relref


def test_links_in_code_stay_as_written(hugo_basic: Imported) -> None:
    code = "".join(c.get_text() for c in hugo_basic.page("/blog/markdown-syntax/").select("pre"))
    assert 'href="/post/rich-content/"' in code
    assert (
        "[x](/post/emoji-support/)" in (hugo_basic.content / "posts/markdown-syntax.md").read_text()
    )


def test_report_lists_every_rewritten_link_at_its_line(hugo_basic: Imported) -> None:
    rewrites = {(r.where, r.old, r.new) for r in hugo_basic.report.rewrites}
    assert (
        "hugo-basic/content/about.md:11",
        "/post/markdown-syntax/",
        "/blog/markdown-syntax/",
    ) in rewrites
    assert (
        "hugo-basic/content/post/rich-content.md:34",
        '{{< ref "emoji-support" >}}',
        "/blog/emoji-support/",
    ) in rewrites


def test_bundle_files_are_published_beside_the_page(hugo_basic: Imported) -> None:
    photo = hugo_basic.content / "static/blog/my-bundle/photo.jpg"
    assert photo.read_bytes() == (hugo_basic.build / "blog/my-bundle/photo.jpg").read_bytes()
    page = hugo_basic.page("/blog/my-bundle/")
    pictures = page.select(".prose picture img")
    assert [img["alt"] for img in pictures] == ["A red square, the bundle's photo", "A red square"]
    assert page.select_one(".prose figcaption").get_text() == "The same photo as a figure"
    assert "/blog/my-bundle/notes.txt" in links(hugo_basic, "/blog/my-bundle/")
    assert (hugo_basic.build / "blog/my-bundle/notes.txt").is_file()


def test_static_folder_is_published_as_it_is(hugo_basic: Imported) -> None:
    for rel in ("favicon.ico", "files/cheatsheet.pdf", "images/hugo-logo.png"):
        assert (hugo_basic.build / rel).is_file(), rel
    assert "/files/cheatsheet.pdf" in links(hugo_basic, "/about/")
    assert hugo_basic.page("/about/").select_one(".prose picture img")["alt"] == "The Hugo logo"


def test_what_is_not_carried_over_is_said(hugo_basic: Imported) -> None:
    notes = "\n".join(hugo_basic.report.notes)
    assert "archives.md: a page made by the theme's 'archives' layout" in notes
    assert "homepage/index.md: a headless bundle" in notes
    assert "taxonomy 'series' is not carried over" in notes
    assert "theme" in notes


def test_recipes_section_becomes_recipes(hugo_recipes: Imported) -> None:
    assert hugo_recipes.report.problems == []
    assert dict(hugo_recipes.report.counts) == {"recipes": 3, "posts": 1, "pages": 1}
    pasta = hugo_recipes.page("/recipes/pasta/")
    assert pasta.find("h1").get_text(strip=True) == "Pasta alla Norma"
    assert len(pasta.select(".ingredient")) == 6


def test_recipe_links_in_hugos_short_form_are_rewritten(hugo_recipes: Imported) -> None:
    assert "/recipes/focaccia/" in links(hugo_recipes, "/recipes/pasta/")  # written /focaccia
    guessed = [r for r in hugo_recipes.report.rewrites if r.guessed]
    assert [(r.old, r.new) for r in guessed] == [("/pasta", "/recipes/pasta/")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/pasta-alla-norma/", "/recipes/pasta/"),  # permalinks: recipes = /:slug/ (the title)
        ("/baked-french-toast/", "/recipes/baked-french-toast/"),
        ("/french-toast/", "/recipes/baked-french-toast/"),  # aliases
        ("/breakfast/toast.html", "/recipes/baked-french-toast/"),
        ("/kitchen-notes/", "/blog/kitchen-notes/"),  # not a recipe: a post
    ],
)
def test_permalink_addresses_redirect(hugo_recipes: Imported, old, new) -> None:
    assert hugo_recipes.redirect(old) == new


def test_json_front_matter_and_yaml_config(hugo_recipes: Imported) -> None:
    assert hugo_recipes.page("/about/").find("h1").get_text(strip=True) == "About"
    site = yaml.safe_load((hugo_recipes.content / "site.yml").read_text("utf-8"))
    assert site["nav"] == [
        {"title": "Recipes", "url": "/recipes/"},
        {"title": "About", "url": "/about/"},
    ]
    assert site["author"] == "Lis Handley" and site["language"] == "en-us"


def test_bundled_recipe_photo_and_static_images(hugo_recipes: Imported) -> None:
    toast = hugo_recipes.page("/recipes/baked-french-toast/")
    assert toast.select_one("figure figcaption").get_text() == "Out of the oven"
    assert (hugo_recipes.build / "recipes/baked-french-toast/toast.jpg").is_file()
    assert (hugo_recipes.build / "pix/pasta.webp").is_file()


def test_top_level_recipes_become_recipes(hugo_based_cooking: Imported) -> None:
    report = hugo_based_cooking.report
    assert report.problems == []
    assert dict(report.counts) == {"recipes": 5}
    assert hugo_based_cooking.redirect("/carbonara/") == "/recipes/carbonara/"
    carbonara = hugo_based_cooking.page("/recipes/carbonara/")
    assert carbonara.select_one("main picture img")["alt"] == "carbonara"  # /pix/carbonara.webp
    assert "/recipes/pasta/" in links(hugo_based_cooking, "/recipes/carbonara/")
    # Hugo published it at /pasta/: the link needed no guess.
    assert ("/pasta", "/recipes/pasta/", False) in [
        (r.old, r.new, r.guessed) for r in report.rewrites
    ]


def test_front_matter_with_tabs_after_keys_is_read_as_hugo_reads_it(
    hugo_based_cooking: Imported,
) -> None:
    zaatar = hugo_based_cooking.page("/recipes/zaatar/")
    assert zaatar.find("h1").get_text(strip=True) == "Zaatar"
    assert any(
        "zaatar.md: front matter has tabs after keys" in n for n in hugo_based_cooking.report.notes
    )


def test_files_the_site_writes_itself_are_not_copied(hugo_based_cooking: Imported) -> None:
    assert not (hugo_based_cooking.content / "static/robots.txt").exists()
    assert "Sitemap:" in (hugo_based_cooking.build / "robots.txt").read_text("utf-8")
    assert (hugo_based_cooking.build / "favicon.svg").is_file()
    notes = "\n".join(hugo_based_cooking.report.notes)
    assert "Frostfolio writes its own /robots.txt" in notes
    assert "the text of the home page is not carried over" in notes
