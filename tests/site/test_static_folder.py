"""`content/static/`: files published as they are at the site's root, as Hugo's static/."""

from __future__ import annotations

import pytest
from sitegen.content.problems import ContentError

from .conftest import post
from .test_preview import client
from .test_validation import PNG

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'


def site(write, body: str = "Body.", extra: str = ""):
    return write(
        {
            "posts/x.md": post(body=body, extra=extra),
            "static/pix/dot.png": PNG,
            "static/pix/logo.svg": SVG,
            "static/files/notes.pdf": b"%PDF-1.4 notes",
            "static/favicon.ico": b"\0\0\1\0",
        }
    )


def test_files_are_published_at_the_same_path_byte_for_byte(write, build, tmp_path):
    content = site(write)
    build(content)
    out = tmp_path / "build"
    for rel in ("pix/dot.png", "pix/logo.svg", "files/notes.pdf", "favicon.ico"):
        assert (out / rel).read_bytes() == (content / "static" / rel).read_bytes(), rel
    assert "favicon.ico" not in (out / "sitemap.xml").read_text("utf-8")


def test_links_and_images_written_for_hugo_work_unchanged(write, build, tmp_path):
    body = "![A dot](/pix/dot.png)\n\n![Logo](/pix/logo.svg)\n\n[Notes](/files/notes.pdf)\n"
    content = site(write, body=body, extra="cover: /pix/dot.png\ncover_alt: A dot\n")
    build(content)
    page = (tmp_path / "build/blog/x/index.html").read_text("utf-8")
    assert 'srcset="/media/dot-' in page  # drawn as a responsive picture
    assert 'src="/pix/logo.svg"' in page  # published as it is
    assert 'href="/files/notes.pdf"' in page


def test_a_missing_file_is_still_a_problem_at_its_line(write, build):
    content = site(write, body="[Gone](/files/gone.pdf)\n")
    with pytest.raises(ContentError, match=r"content/posts/x.md:5: .*/files/gone.pdf"):
        build(content)


def test_a_file_where_the_site_writes_its_own_is_a_problem_naming_it(write, build):
    content = write({"posts/x.md": post(), "static/robots.txt": "User-agent: *\n"})
    with pytest.raises(ContentError) as caught:
        build(content)
    assert [str(p) for p in caught.value.problems] == [
        "content/static/robots.txt: /robots.txt clashes with a page of the site itself; "
        "rename or remove the file"
    ]


def test_preview_serves_the_files(write, tmp_path):
    content = site(write)
    web = client(content, tmp_path)
    with web.get("/favicon.ico") as icon, web.get("/pix/logo.svg") as logo:
        assert icon.data == b"\0\0\1\0"
        assert logo.mimetype == "image/svg+xml"
