"""Old addresses keep working: `aliases:`, `redirect_from:` and site.yml `redirects:`."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sitegen.content.problems import ContentError

from .conftest import post
from .test_preview import client, touch_later

SITE = "title: Ada\nbase_url: https://ada.example/\n"

ALIASED = post(
    "Hello",
    extra=(
        "aliases:\n"
        "  - /2024/01/02/hello.html\n"
        "  - /old/hello\n"
        "  - earlier-name\n"
        "redirect_from: /hello.html\n"
    ),
)


def redirect_of(page) -> tuple[str, str]:
    """(canonical URL, refresh target) of a redirect page."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.startswith("0; url=")
    return soup.find("link", rel="canonical")["href"], refresh[len("0; url=") :]


def test_every_old_address_is_a_page_sending_visitors_to_the_new_one(write, build, tmp_path):
    content = write({"site.yml": SITE, "posts/hello.md": ALIASED})
    build(content)
    out = tmp_path / "build"
    for old in (
        "2024/01/02/hello.html",  # a file address, as Jekyll wrote it
        "old/hello/index.html",  # a folder without its slash, as Hugo reads it
        "blog/earlier-name/index.html",  # relative: beside the page's own address
        "hello.html",  # one address as a string, as jekyll-redirect-from accepts
    ):
        page = out / old
        assert page.is_file(), old
        assert redirect_of(page) == ("https://ada.example/blog/hello/", "/blog/hello/")
        assert "Hello" in page.read_text("utf-8")  # a link a visitor can follow


def test_redirects_are_in_no_sitemap(write, build, tmp_path):
    content = write({"site.yml": SITE, "posts/hello.md": ALIASED})
    build(content)
    sitemap = (tmp_path / "build/sitemap.xml").read_text("utf-8")
    assert "/blog/hello/" in sitemap
    assert "hello.html" not in sitemap and "/old/" not in sitemap


def test_redirects_are_not_searched(write, build, tmp_path):
    from sitegen.search.index import pages_to_index

    content = write({"site.yml": SITE, "posts/hello.md": ALIASED})
    build(content)
    published = _published(content, tmp_path)
    indexed = {url for _file, url, _kind in pages_to_index(tmp_path / "build", published)}
    assert "/blog/hello/" in indexed
    assert not any("hello.html" in url or url.startswith("/old/") for url in indexed)


def _published(content, tmp_path):
    from sitegen import create_app
    from sitegen.web.published import page_urls

    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache"})
    with app.test_request_context():
        return page_urls(app.extensions["sitegen"].content())


def test_under_a_sub_path_the_refresh_keeps_it(write, build, tmp_path):
    content = write({"site.yml": SITE, "posts/hello.md": ALIASED})
    build(content, base_url="https://example.org/ada/")
    assert redirect_of(tmp_path / "build/hello.html") == (
        "https://example.org/ada/blog/hello/",
        "/ada/blog/hello/",
    )


def test_site_yml_maps_old_list_pages(write, build, tmp_path):
    site = SITE + "redirects:\n  /post/: /blog/\n  /feeds/: https://elsewhere.example/feed/\n"
    content = write({"site.yml": site, "posts/hello.md": post("Hello")})
    build(content)
    assert redirect_of(tmp_path / "build/post/index.html")[1] == "/blog/"
    assert redirect_of(tmp_path / "build/feeds/index.html") == (
        "https://elsewhere.example/feed/",
        "https://elsewhere.example/feed/",
    )


def test_problems_with_old_addresses_come_all_at_once_at_their_lines(write, build):
    bad = post(
        "Bad",
        extra=(
            "aliases:\n"
            "  - /fine/\n"
            "  - /blog/hello/\n"  # line 6: another page's address
            "  - https://other.example/x/\n"  # line 7: not this site
            "  - /old.php\n"  # line 8: a static host cannot serve it as a page
        ),
    )
    site = SITE + "redirects:\n  /contact/: /blog/\n"  # line 4: the contact page
    content = write({"site.yml": site, "posts/hello.md": post("Hello"), "posts/bad.md": bad})
    with pytest.raises(ContentError) as caught:
        build(content)
    lines = {(p.path, p.line, p.field) for p in caught.value.problems}
    assert lines == {
        ("content/posts/bad.md", 6, "aliases"),
        ("content/posts/bad.md", 7, "aliases"),
        ("content/posts/bad.md", 8, "aliases"),
        ("content/site.yml", 4, "redirects"),
    }
    text = caught.value.report()
    assert "/blog/hello/ clashes with the page of content/posts/hello.md" in text
    assert "https://other.example/x/ is not on this site" in text


def test_preview_follows_an_alias_as_soon_as_it_is_written(write, tmp_path):
    content = write({"site.yml": SITE, "posts/hello.md": post("Hello")})
    web = client(content, tmp_path)
    assert web.get("/blog/hello/").status_code == 200
    old = "/2024/01/02/hello.html"
    assert web.get(old).status_code == 404
    (content / "posts/hello.md").write_text(ALIASED)
    touch_later(content / "posts/hello.md")
    assert "/blog/hello/" in web.get(old).text
    # Removed again: the address answers as the rest of the site does.
    (content / "posts/hello.md").write_text(post("Hello"))
    touch_later(content / "posts/hello.md")
    assert web.get(old).status_code == 404
