"""Live preview and `new`: what an author sees while writing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from sitegen.commands.new import new_file
from sitegen.commands.serve import preview_app

from .conftest import TEMPLATES, post


def client(content, tmp_path):
    app = preview_app(content, CACHE_DIR=tmp_path / "cache", TEMPLATE_DIR=TEMPLATES)
    return app.test_client()


def touch_later(path):
    """Make sure a rewrite is seen as a change even within the file system's clock tick."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_preview_picks_up_an_edit_without_restart(write, tmp_path):
    content = write({"posts/x.md": post("First title")})
    web = client(content, tmp_path)
    assert "First title" in web.get("/blog/x/").text
    (content / "posts/x.md").write_text(post("Second title"))
    touch_later(content / "posts/x.md")
    assert "Second title" in web.get("/blog/x/").text


def test_preview_shows_content_problems_in_the_page_and_recovers(write, tmp_path):
    content = write({"posts/x.md": post("Fine")})
    web = client(content, tmp_path)
    (content / "posts/x.md").write_text("---\ntitle: Broken\ndate: yesterday\n---\nx\n")
    touch_later(content / "posts/x.md")
    page = web.get("/blog/x/")
    assert page.status_code == 500
    assert "content/posts/x.md:3: date: expected YYYY-MM-DD, got &#39;yesterday&#39;" in page.text
    (content / "posts/x.md").write_text(post("Fixed"))
    touch_later(content / "posts/x.md")
    assert "Fixed" in web.get("/blog/x/").text


def test_preview_shows_drafts_marked(write, tmp_path):
    content = write({"posts/x.md": post("Secret", extra="draft: true\n")})
    page = client(content, tmp_path).get("/blog/")
    assert "Secret" in page.text and 'class="draft"' in page.text


def test_new_writes_complete_front_matter_for_every_kind(tmp_path):
    today = dt.date(2026, 3, 4)
    for kind in ("post", "project", "page", "testimonial"):
        path = new_file(tmp_path / "content", kind, "My first thing", today=today)
        text = path.read_text()
        assert path.name == "my-first-thing.md"
        assert "draft: true" in text
        assert "My first thing" in text
    post_text = (tmp_path / "content/posts/my-first-thing.md").read_text()
    assert "date: 2026-03-04" in post_text and "tags: []" in post_text


def test_new_file_builds_in_preview(tmp_path, build):
    content = tmp_path / "content"
    new_file(content, "post", "Draft in progress")
    build(content, preview=True)
    assert (tmp_path / "build/blog/draft-in-progress/index.html").is_file()


def test_new_command_prints_the_path_and_refuses_to_overwrite(tmp_path):
    cmd = [sys.executable, "-m", "sitegen", "new", "post", "Hello there", "--content", "content"]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert first.returncode == 0 and first.stdout.strip() == "content/posts/hello-there.md"
    original = (tmp_path / "content/posts/hello-there.md").read_text()
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert second.returncode == 1
    assert "already exists" in second.stderr
    assert (tmp_path / "content/posts/hello-there.md").read_text() == original


def test_new_rejects_an_unknown_kind(tmp_path):
    cmd = [sys.executable, "-m", "sitegen", "new", "poem", "Ode", "--content", "content"]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    assert "unknown kind 'poem'; choose one of: page, post, project, testimonial" in run.stderr
