"""Each content problem reaches the author as `path:line: field: message`, all at once."""
# ruff: noqa: E501 - expected messages are quoted whole, exactly as authors read them

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image
from sitegen import create_app
from sitegen.content.loader import load_content
from sitegen.content.problems import ContentError

from .conftest import post


def _png(width: int = 1200, height: int = 800) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def problems(content, tmp_path, **kw) -> list[str]:
    """Load content that must fail; return the messages an author reads."""
    app = create_app({"CONTENT_DIR": content, "CACHE_DIR": tmp_path / "cache", **kw})
    with pytest.raises(ContentError) as info:
        app.extensions["sitegen"].content()
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: X\ndate: yesterday\n",
            "content/posts/x.md:3: date: expected YYYY-MM-DD, got 'yesterday'",
        ),
        (
            "tittle: X\ndate: 2024-01-01\n",
            "content/posts/x.md:2: tittle: unknown field, did you mean 'title'?",
        ),
        ("date: 2024-01-01\n", "content/posts/x.md: title: required field is missing"),
        (
            "title: X\ndate: 2024-01-01\ndraft: maybe\n",
            "content/posts/x.md:4: draft: expected true or false, got 'maybe'",
        ),
        (
            "title: X\ndate: 2024-01-01\ncover: {src: /images/nope.png, alt: A cat}\n",
            "content/posts/x.md:4: cover: image not found: /images/nope.png "
            "(looked for content/images/nope.png)",
        ),
        (
            "title: X\ndate: 2024-01-01\ncover: /images/dot.png\n",
            "content/posts/x.md:4: cover: image /images/dot.png has no alt text; "
            "describe it with alt: ...",
        ),
        (
            "title: X\ndate: 2024-01-01\nsumary: Short\n",
            "content/posts/x.md:4: sumary: unknown field, did you mean 'summary'?",
        ),
        (
            "title: [X\n",
            "content/posts/x.md:2: front matter is not valid YAML: did not find expected ',' or ']'",
        ),
    ],
)
def test_each_problem_names_file_line_field(write, tmp_path, front, expected):
    content = write({"posts/x.md": f"---\n{front}---\nBody.\n", "images/dot.png": PNG})
    assert problems(content, tmp_path) == [expected]


def test_broken_internal_link_is_reported_at_its_line(write, tmp_path):
    body = "Intro.\n\nSee [the other post](/blog/nope/) and [mine](/blog/x/).\n"
    content = write({"posts/x.md": post("X", body=body)})
    assert problems(content, tmp_path) == [
        "content/posts/x.md:7: broken link: /blog/nope/ is not a page of this site"
    ]


def test_link_without_trailing_slash_gets_a_hint(write, tmp_path):
    content = write({"posts/x.md": post("X", body="[me](/blog/x)")})
    assert problems(content, tmp_path) == [
        "content/posts/x.md:5: broken link: /blog/x is not a page of this site (did you mean /blog/x/?)"
    ]


def test_links_in_code_are_examples_not_links(write, tmp_path, build):
    body = 'Use `[x](/nope/)` like this:\n\n```html\n<a href="/also-nope/">x</a>\n```\n'
    content = write({"posts/x.md": post("X", body=body)})
    assert build(content).html_pages > 0


def test_body_image_without_alt_text(write, tmp_path):
    content = write(
        {"posts/x.md": post("X", body="Look:\n\n![](/images/dot.png)\n"), "images/dot.png": PNG}
    )
    assert problems(content, tmp_path) == [
        "content/posts/x.md:7: image /images/dot.png has no alt text: write ![what it shows](/images/dot.png)"
    ]


def test_duplicate_slugs(write, tmp_path):
    content = write({"posts/2024-01-01-hello.md": post("A"), "posts/hello.md": post("B")})
    assert problems(content, tmp_path) == [
        "content/posts/hello.md: slug: 'hello' is already used by content/posts/2024-01-01-hello.md"
    ]


@pytest.mark.parametrize("slug", ["blog", "contact", "search", "feed.xml", "robots.txt"])
def test_page_cannot_take_a_site_path(write, tmp_path, slug):
    # /feed.xml/ would need a folder where the feed file goes: a clash as well.
    content = write({f"pages/{slug}.md": "---\ntitle: Mine\n---\nx\n", "posts/p.md": post()})
    assert problems(content, tmp_path) == [
        f"content/pages/{slug}.md: slug: /{slug}/ clashes with a page of the site itself; "
        "rename the file or set another slug"
    ]


def test_two_items_cannot_share_a_url(write, tmp_path):
    content = write(
        {
            "pages/a.md": "---\ntitle: A\nslug: projects/kiln\n---\nx\n",
            "projects/kiln.md": "---\ntitle: Kiln\n---\nx\n",
        }
    )
    assert problems(content, tmp_path) == [
        "content/projects/kiln.md: slug: /projects/kiln/ clashes with the page of "
        "content/pages/a.md; rename the file or set another slug"
    ]


def test_every_problem_in_every_file_is_listed(write, tmp_path):
    content = write(
        {
            "posts/a.md": "---\ntittle: A\ndate: soon\n---\nx\n",
            "projects/p.md": "---\ntitle: P\nlinks: {demo: not-a-url}\nfeatured: yes please\n---\nx\n",
            "site.yml": "title: Me\nbase_url: example.com\n",
        }
    )
    assert problems(content, tmp_path) == [
        "content/posts/a.md:2: tittle: unknown field, did you mean 'title'?",
        "content/posts/a.md:3: date: expected YYYY-MM-DD, got 'soon'",
        "content/projects/p.md:3: links: demo: expected a URL starting with https://, mailto: or /, "
        "got 'not-a-url'",
        "content/projects/p.md:4: featured: expected true or false, got 'yes please'",
        "content/site.yml:2: base_url: expected a URL starting with https://, mailto: or /, got 'example.com'",
    ]


def test_site_settings_are_checked(write, tmp_path):
    content = write(
        {
            "site.yml": "title: Me\nskills:\n  - name: Code\n    items:\n      - {name: Python, level: 120}\n"
            "nav:\n  - {title: Blog}\n"
        }
    )
    assert problems(content, tmp_path) == [
        "content/site.yml:2: skills[0].items[0]: level: expected 0 to 100, got 120",
        "content/site.yml:6: nav[0]: expected title: ... and url: ..., got {'title': 'Blog'}",
    ]


def test_check_command_exits_non_zero_without_traceback(write, tmp_path):
    content = write({"posts/x.md": "---\ntitle: X\ndate: yesterday\n---\nBody.\n"})
    run = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", "--content", str(content)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "content/posts/x.md:3: date: expected YYYY-MM-DD, got 'yesterday'",
        "1 problem found; nothing was built.",
    ]


def test_extra_fields_are_kept_as_params(write, tmp_path):
    content = write(
        {"posts/x.md": post("X", extra="mood: sunny\nseries: {name: Notes, part: 2}\n")}
    )
    loaded = load_content(content, cache_dir=tmp_path / "cache")
    assert loaded.items["posts"][0].params == {
        "mood": "sunny",
        "series": {"name": "Notes", "part": 2},
    }
