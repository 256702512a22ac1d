"""The owner's dashboard is part of every build: its shell, manifest, icons and worker
are static files like every page, and they stay out of sitemaps, feeds and search."""

from __future__ import annotations

import json
import re

from PIL import Image


def test_the_dashboard_is_frozen_with_an_installable_manifest(example_site):
    out, _ = example_site
    shell = (out / "owner" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in shell
    manifest = json.loads((out / "owner" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "/owner/" and manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        with Image.open(out / icon["src"].lstrip("/")) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add(image.width)
    assert {192, 512} <= sizes  # what browsers ask of an installable app


def test_the_worker_keeps_only_files_that_exist(example_site):
    out, _ = example_site
    worker = (out / "owner" / "sw.js").read_text(encoding="utf-8")
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", worker).group(1))
    assert "/owner/" in shell
    for path in shell:
        target = out / path.lstrip("/")
        assert target.is_file() or (target / "index.html").is_file(), path
    # Every script the shell page loads is kept, so the page opens offline.
    page = (out / "owner" / "index.html").read_text(encoding="utf-8")
    for src in re.findall(r'<script defer src="([^"]+)"', page):
        assert src in shell


def test_the_dashboard_is_kept_out_of_sitemap_feed_and_search_engines(example_site):
    out, _ = example_site
    assert "/owner/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/owner/" not in (out / "feed.xml").read_text(encoding="utf-8")
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /owner/\n" in robots
    assert "data-pagefind-body" not in (out / "owner" / "index.html").read_text()


def test_the_dashboard_and_robots_follow_a_sub_path(build, write, tmp_path):
    content = write({"site.yml": "title: T\nbase_url: https://example.org/ada/\napi_url: /api\n"})
    build(content, template_dir=None)
    out = tmp_path / "build"
    assert "Disallow: /ada/owner/\n" in (out / "robots.txt").read_text()
    page = (out / "owner" / "index.html").read_text(encoding="utf-8")
    assert 'data-api="/ada/api"' in page
    assert 'href="/ada/owner/manifest.json"' in page
