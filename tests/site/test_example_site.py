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


PAGE_OF_KIND = {
    "posts": "blog/{}/",
    "pages": "{}/",
    "projects": "projects/{}/",
    "recipes": "recipes/{}/",
}


def test_every_local_markdown_image_is_a_responsive_picture(example_site):
    from bs4 import BeautifulSoup

    from .conftest import REPO

    out, _ = example_site
    checked = []
    for kind, page_path in PAGE_OF_KIND.items():
        for source in sorted((REPO / "content" / kind).glob("*.md")):
            body = source.read_text(encoding="utf-8").split("---", 2)[2]
            prose = re.sub(r"^```.*?^```", "", body, flags=re.S | re.M)
            srcs = re.findall(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)", prose)
            local = [s for s in srcs if not re.match(r"[a-z]+:|//", s)]
            if not local:
                continue
            html = (out / page_path.format(source.stem) / "index.html").read_text()
            pictures = BeautifulSoup(html, "html.parser").select("picture.body-image")
            assert len(pictures) == len(local), source.name
            for picture in pictures:
                img, webp = picture.img, picture.find("source", type="image/webp")
                assert img["alt"] and int(img["width"]) > 0 and int(img["height"]) > 0
                assert img["srcset"] and img["sizes"] and img["decoding"] == "async"
                assert webp["srcset"].split(", ")[0].split()[0].endswith(".webp")
                assert webp["sizes"] == img["sizes"]
                checked.append(f"{kind}/{source.name}: {img['src']}")
    # The responsive-images post, /about/ and the sketching post have one each.
    assert len(checked) >= 3, checked
    originals = [
        (page.relative_to(out).as_posix(), src)
        for page in out.rglob("*.html")
        for src in re.findall(
            r'<img[^>]* src="/images/[^"]+\.(?:jpe?g|png|webp)"', page.read_text()
        )
    ]
    assert not originals, "pages show full-size originals instead of variants"
