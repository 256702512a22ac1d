"""Rendered bodies kept in one SQLite file: reused by the next build, shared by workers, safe."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sitegen.render import markdown
from sitegen.render.body_cache import FILE, BodyCache


@pytest.fixture
def cache(tmp_path):
    """The renderer keeping bodies in `tmp_path`, its memory emptied; restored afterwards."""
    markdown.configure(tmp_path)
    markdown._memory.clear()
    yield tmp_path
    markdown.configure(None)
    markdown._memory.clear()


def _forget_and_forbid_rendering(monkeypatch) -> None:
    """Empty the in-memory results and make any real rendering fail."""
    markdown._memory.clear()

    def no_rendering():
        raise AssertionError("rendered again instead of read from the cache")

    monkeypatch.setattr(markdown, "_instances", no_rendering)


def test_a_body_rendered_once_is_read_back_by_the_next_build(cache, monkeypatch):
    first = markdown.render_body("# Title\n\nSome *warm* words.\n\n## Part\n\n## Other\n")
    markdown.flush_cache()
    markdown.configure(cache)  # a new build, the same cache folder
    _forget_and_forbid_rendering(monkeypatch)
    again = markdown.render_body("# Title\n\nSome *warm* words.\n\n## Part\n\n## Other\n")
    assert (again.html, again.toc) == (first.html, first.toc)
    assert "<em>warm</em>" in again.html and 'href="#part"' in again.toc
    assert (cache / FILE).is_file() and not (cache / "md").exists()


def test_what_forked_workers_render_is_there_for_the_parent(cache, monkeypatch):
    markdown.render_body("Opened in the parent first.")
    markdown.flush_cache()
    children = []
    for n in range(2):
        pid = os.fork()
        if pid == 0:  # a worker, as a build's pool forks them
            code = 1
            try:
                for i in range(100):  # more than one batch
                    markdown.render_body(f"Worker {n}, body {i}: *words*.")
                markdown.flush_cache()
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    assert all(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0 for pid in children)
    _forget_and_forbid_rendering(monkeypatch)
    for n in range(2):
        for i in (0, 63, 64, 99):
            assert "<em>words</em>" in markdown.render_body(f"Worker {n}, body {i}: *words*.").html


def test_a_cache_file_that_is_not_a_database_is_replaced(tmp_path, monkeypatch):
    (tmp_path / FILE).write_bytes(b"not a database at all" * 100)
    markdown.configure(tmp_path)
    markdown._memory.clear()
    try:
        html = markdown.render_body("Still *rendered*.").html
        markdown.flush_cache()
        assert "<em>rendered</em>" in html
        with sqlite3.connect(tmp_path / FILE) as db:
            assert db.execute("SELECT count(*) FROM body").fetchone() == (1,)
    finally:
        markdown.configure(None)
        markdown._memory.clear()


def test_threads_of_one_process_share_the_cache(cache):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:  # as the preview server's threads would
        pages = list(pool.map(lambda i: markdown.render_body(f"Page {i}, *word*."), range(300)))
    markdown.flush_cache()
    assert all("<em>word</em>" in page.html for page in pages)
    with sqlite3.connect(cache / FILE) as db:
        assert db.execute("SELECT count(*) FROM body").fetchone() == (300,)


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "file-in-the-way"
    blocked.write_text("a file where the cache folder should be")
    kept = BodyCache(blocked / "cache")
    assert kept.failed
    kept.put("key", "<p>x</p>", "")
    kept.flush()
    assert kept.get("key") is None
