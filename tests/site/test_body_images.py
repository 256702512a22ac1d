"""Images written in Markdown bodies are responsive pictures, like covers."""
# ruff: noqa: E501 - expected messages are quoted whole, exactly as authors read them

from __future__ import annotations

import io
import os

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sitegen.commands.serve import preview_app
from sitegen.content.loader import load_content

from .conftest import TEMPLATES, post, tree
from .test_validation import problems

SITE = "title: Test site\nbase_url: https://example.org/\n"


def jpeg(width: int = 1200, height: int = 800, colour: tuple = (30, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def body_of(html: str) -> BeautifulSoup:
    """The part of a test page below the post's meta line (the rendered body)."""
    return BeautifulSoup(html, "html.parser").find("main")


def post_page(write, build, tmp_path, body: str, files: dict | None = None, **options):
    content = write({"site.yml": SITE, "posts/x.md": post("X", body=body), **(files or {})})
    build(content, **options)
    return body_of((tmp_path / "build/blog/x/index.html").read_text())


def test_a_local_image_becomes_a_picture_with_webp_size_and_srcset(write, build, tmp_path):
    body = "Intro.\n\n![A blue field](/images/field.jpg)\n"
    page = post_page(write, build, tmp_path, body, {"images/field.jpg": jpeg()})
    picture = page.find("picture")
    webp = picture.find("source", type="image/webp")
    img = picture.find("img")
    assert webp["srcset"].count(".webp ") == 3 and webp["sizes"] == img["sizes"]
    assert (img["width"], img["height"], img["alt"]) == ("1200", "800", "A blue field")
    assert [c.split()[1] for c in img["srcset"].split(", ")] == ["480w", "960w", "1200w"]
    assert img["src"].startswith("/media/field-") and img["src"].endswith("-1200.jpg")
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    for url in [img["src"], *(c.split()[0] for c in webp["srcset"].split(", "))]:
        assert (tmp_path / "build" / url.lstrip("/")).is_file(), url


def test_the_first_block_image_is_not_lazy(write, build, tmp_path):
    body = "![Top](/images/a.jpg)\n\nText.\n\n![Lower](/images/a.jpg)\n"
    page = post_page(write, build, tmp_path, body, {"images/a.jpg": jpeg()})
    first, second = page.find_all("img")
    assert not first.has_attr("loading") and second["loading"] == "lazy"


def test_a_title_alone_in_its_paragraph_becomes_a_figure_caption(write, build, tmp_path):
    body = (
        'Text.\n\n![A field](/images/a.jpg "The field -- at noon")\n\n'
        'Inline ![icon](/images/a.jpg "Just a title") in a sentence.\n'
    )
    page = post_page(write, build, tmp_path, body, {"images/a.jpg": jpeg()})
    figure = page.find("figure")
    assert figure.find("picture").find("img")["alt"] == "A field"
    assert figure.find("figcaption").get_text() == "The field \u2013 at noon"
    assert not figure.find("img").has_attr("title")
    icon = page.find("img", alt="icon")
    assert icon["title"] == "Just a title" and icon.find_parent("p")  # no figure in a sentence
    assert len(page.find_all("figure")) == 1


def test_author_width_sets_the_drawn_size_and_keeps_the_aspect_ratio(write, build, tmp_path):
    body = 'Text.\n\n![Me](/images/me.jpg){ width="200" }\n'
    page = post_page(write, build, tmp_path, body, {"images/me.jpg": jpeg(400, 300)})
    img = page.find("img")
    assert (img["width"], img["height"]) == ("200", "150")
    assert img["sizes"] == "(min-width: 240px) 200px, calc(100vw - 2.5rem)"


@pytest.mark.parametrize(
    ("where", "src"),
    [
        ("images/a.jpg", "/images/a.jpg"),
        ("images/a.jpg", "images/a.jpg"),  # Jekyll: from the content folder
        ("images/a.jpg", "../images/a.jpg"),  # relative to content/posts/x.md
        ("posts/pics/a.jpg", "pics/a.jpg"),  # Hugo bundles: beside the file
        ("images/my photo.jpg", "/images/my%20photo.jpg"),
    ],
)
def test_paths_as_authors_write_them_resolve(write, build, tmp_path, where, src):
    page = post_page(write, build, tmp_path, f"Text.\n\n![A]({src})\n", {where: jpeg()})
    assert page.find("img")["src"].startswith("/media/")


def test_reference_images_are_pictures_too(write, build, tmp_path):
    body = "Text.\n\n![A field][f]\n\n[f]: /images/a.jpg\n"
    page = post_page(write, build, tmp_path, body, {"images/a.jpg": jpeg()})
    assert page.find("picture").find("source", type="image/webp")


def test_remote_svg_and_code_images_are_left_as_they_are(write, build, tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
    body = (
        "Text.\n\n![Remote](https://cdn.example/x.jpg) ![Logo](../images/logo.svg)\n\n"
        "```md\n![Example](/images/nope.jpg)\n```\n"
    )
    page = post_page(write, build, tmp_path, body, {"images/logo.svg": svg})
    assert not page.find("picture")
    remote, logo = page.find_all("img")
    assert remote.attrs == {"alt": "Remote", "src": "https://cdn.example/x.jpg"}
    assert logo["src"] == "/images/logo.svg"  # the file content/images/logo.svg is served at


def test_sub_path_site_prefixes_src_and_every_srcset_entry(write, build, tmp_path):
    files = {"images/a.jpg": jpeg()}
    site = "title: T\nbase_url: https://example.org/ada/\n"
    content = write(
        {"site.yml": site, "posts/x.md": post("X", body="T.\n\n![A](/images/a.jpg)"), **files}
    )
    build(content)
    picture = body_of((tmp_path / "build/blog/x/index.html").read_text()).find("picture")
    urls = [picture.img["src"]] + [
        c.split()[0] for tag in (picture.source, picture.img) for c in tag["srcset"].split(", ")
    ]
    assert len(urls) == 7 and all(u.startswith("/ada/media/") for u in urls)
    for url in urls:
        assert (tmp_path / "build" / url.removeprefix("/ada/")).is_file()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Text.\n\n![](/images/a.jpg)\n",
            "content/posts/x.md:7: image /images/a.jpg has no alt text: write ![what it shows](/images/a.jpg)",
        ),
        (
            "Text.\n\n![ ][a]\n\n[a]: /images/a.jpg\n",
            "content/posts/x.md:7: image /images/a.jpg has no alt text: write ![what it shows](/images/a.jpg)",
        ),
        (
            "Text.\n\nMore text.\n![A cat](/images/cat.jpg)\n",
            "content/posts/x.md:8: image not found: /images/cat.jpg (looked for content/images/cat.jpg)",
        ),
        (
            "Text.\n\n![A cat](cat.png)\n",
            "content/posts/x.md:7: image not found: cat.png (looked for content/posts/cat.png or content/cat.png)",
        ),
        (
            "Text.\n\n![A file](/posts/notes.txt)\n",
            "content/posts/x.md:7: image /posts/notes.txt is not published: move content/posts/notes.txt into content/images/",
        ),
    ],
)
def test_image_problems_name_file_and_line(write, tmp_path, body, expected):
    content = write(
        {"posts/x.md": post("X", body=body), "posts/notes.txt": "x", "images/a.jpg": jpeg()}
    )
    assert problems(content, tmp_path) == [expected]


def test_changing_an_image_rebuilds_the_pages_that_show_it(write, build, tmp_path):
    content = write(
        {
            "site.yml": SITE,
            "posts/x.md": post("X", body="Text.\n\n![A](/images/a.jpg)\n"),
            "posts/y.md": post("Y", body="No image here."),
            "images/a.jpg": jpeg(),
        }
    )
    build(content)
    out = tmp_path / "build"
    before = {p: os.stat(out / p).st_mtime_ns for p in tree(out)}
    old_src = body_of((out / "blog/x/index.html").read_text()).find("img")["src"]
    (content / "images/a.jpg").write_bytes(jpeg(900, 600, (200, 40, 40)))
    report = build(content)
    img = body_of((out / "blog/x/index.html").read_text()).find("img")
    assert img["src"] != old_src and (img["width"], img["height"]) == ("900", "600")
    assert not (out / old_src.lstrip("/")).exists()  # old variants are removed
    assert os.stat(out / "blog/y/index.html").st_mtime_ns == before["blog/y/index.html"]
    assert report.rendered < report.files / 2
    build(content, "cold", cache_dir=tmp_path / "fresh-cache", incremental=False)
    assert tree(out) == tree(tmp_path / "cold")


def test_preview_shows_a_changed_image_without_restart(write, tmp_path):
    content = write(
        {"posts/x.md": post("X", body="T.\n\n![A](/images/a.jpg)"), "images/a.jpg": jpeg()}
    )
    app = preview_app(content, CACHE_DIR=tmp_path / "cache", TEMPLATE_DIR=TEMPLATES)
    web = app.test_client()
    first = body_of(web.get("/blog/x/").text).find("img")
    assert first["width"] == "1200" and first.find_parent("picture")
    (content / "images/a.jpg").write_bytes(jpeg(640, 480))
    again = body_of(web.get("/blog/x/").text).find("img")
    assert again["width"] == "640" and again["src"] != first["src"]
    with web.get(again["src"]) as variant:  # closes the file it sends
        assert variant.status_code == 200


RECIPE = """---
title: Toast
---
Crisp bread.

![Toast on a plate](/images/a.jpg "Golden")

Ingredients
-----------

* 1 slice of bread

Method
------

1. Toast the bread.
"""


@pytest.mark.parametrize(
    ("kind", "text", "html_of"),
    [
        ("posts", post("X", body="T.\n\n![A](/images/a.jpg)"), "html"),
        ("pages", "---\ntitle: About\n---\nT.\n\n![A](/images/a.jpg)\n", "html"),
        ("projects", "---\ntitle: P\n---\nT.\n\n![A](/images/a.jpg)\n", "html"),
        ("testimonials", "---\nname: Jo\n---\nGreat.\n\n![A](/images/a.jpg)\n", "html"),
        ("recipes", RECIPE, "intro_html"),
    ],
)
def test_every_kind_with_a_markdown_body_draws_pictures(write, tmp_path, kind, text, html_of):
    content = write({"site.yml": SITE, f"{kind}/x.md": text, "images/a.jpg": jpeg()})
    loaded = load_content(content, cache_dir=tmp_path / "cache")
    (item,) = loaded.items[kind]
    picture = BeautifulSoup(str(getattr(item, html_of)), "html.parser").find("picture")
    assert picture.find("source", type="image/webp") and picture.img["width"] == "1200"
