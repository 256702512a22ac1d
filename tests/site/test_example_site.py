"""The example site in content/ builds, and every page a visitor can reach is there."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def test_example_site_has_every_kind_of_page(example_site):
    out, report = example_site
    for page in [
        "index.html",
        "projects/index.html",
        "blog/index.html",
        "tags/index.html",
        "contact/index.html",
        "contact/thanks/index.html",
        "about/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
    ]:
        assert (out / page).is_file(), page
    assert report.html_pages >= 40 and report.images > 0


def test_every_internal_link_and_asset_resolves(example_site):
    out, _ = example_site
    missing = set()
    for page in out.rglob("*.html"):
        for ref in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text()):
            path = urlsplit(ref).path
            if urlsplit(ref).netloc or not path.startswith("/"):
                continue
            target = out / path.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.add((page.relative_to(out).as_posix(), ref))
    assert not missing
