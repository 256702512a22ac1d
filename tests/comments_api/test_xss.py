"""Hostile comments: returned verbatim, rendered inert (no script, handler or bad URL)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from api.comments.markup import render

from .conftest import OWNER_TOKEN, listed, post

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&#x3A;alert(1))",
    "[x](java\tscript:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[ref][r]\n\n[r]: javascript:alert(1)",
    '[t](https://ok.example "title" onmouseover="alert(1)")',
    "![img](x onerror=alert(1))",
    '<svg onload="alert(1)"></svg>',
    "<iframe src=//evil.example></iframe>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "**<b onclick=alert(1)>bold</b>**",
    "`<script>alert(1)</script>`",
    "code:\n\n    <script>alert(1)</script>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    "<!-- <script>alert(1)</script> -->",
    "[x](vbscript:msgbox(1))",
    '<form action="javascript:alert(1)"><button>go</button></form>',
]
SAFE_SCHEMES = {"http", "https", "mailto", ""}  # "": a relative link on the site
ALLOWED = {"p", "br", "em", "strong", "code", "pre", "a", "blockquote"}


def assert_inert(html: str) -> None:
    """Assert the HTML holds only allowed tags, no handlers, and only safe link targets."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED, (tag.name, html)
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), html
            assert name in ("href", "rel"), (name, html)
            if name == "href":
                # As a browser reads it: tabs and newlines dropped, then the scheme.
                target = re.sub("[\t\n\r]", "", value).strip("\x00\x20")
                assert urlsplit(target).scheme.lower() in SAFE_SCHEMES, html
            if name == "rel":
                assert value == ["nofollow", "ugc", "noopener"], html
        # A refused address leaves the link's text, not an <a> without href (invalid HTML).
        assert tag.name != "a" or "href" in tag.attrs, html
    assert "<script" not in html.lower()  # as text it is escaped: &lt;script


@pytest.mark.parametrize("text", HOSTILE)
def test_render_is_inert(text):
    assert_inert(render(text))


def test_hostile_comments_and_reviews_are_returned_verbatim_and_rendered_inert(site):
    web = site.test_client()
    owner = {"Authorization": f"Bearer {OWNER_TOKEN}"}  # no rate limit, no token needed
    for n, text in enumerate(HOSTILE):
        thread = "recipes/pancakes" if n % 2 else "posts/open-post"
        extra = {"rating": 1 + n % 5, "visitor": f"visitor-{n:012d}"} if n % 2 else {}
        response = post(web, thread=thread, text=text, headers=owner, **extra)
        assert response.status_code == 201, response.get_json()
        comment = response.get_json()["comment"]
        assert comment["text"] == text
        assert_inert(comment["html"])
    shown = listed(web, "posts/open-post") + listed(web, "recipes/pancakes")
    assert sorted(c["text"] for c in shown) == sorted(HOSTILE)
    for comment in shown:
        assert_inert(comment["html"])
    assert any(c.get("rating") for c in shown)


def test_safe_markdown_survives():
    html = render("Hi *there*, see [docs](https://example.com/a?b=1&c=2) and `x<y`.\n\n> quoted")
    soup = BeautifulSoup(html, "html.parser")
    link = soup.find("a")
    assert link["href"] == "https://example.com/a?b=1&c=2"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]
    assert soup.find("em").text == "there" and soup.find("code").text == "x<y"
    assert soup.find("blockquote").text.strip() == "quoted"
