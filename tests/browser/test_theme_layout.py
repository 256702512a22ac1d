"""What visitors see in a real browser: no sideways scrolling, visible focus, readable colours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parents[2] / "content"

PAGES = [
    "/",
    "/projects/",
    "/projects/tidewatch/",
    "/blog/",
    "/blog/flask-static-sites/",
    "/blog/reading-query-plans/",
    "/tags/",
    "/about/",
    "/contact/",
    "/404.html",
]

# Text colour, and the first solid background behind it, for one element.
COLOURS_JS = """
(el) => {
  // rgb(0-255 …) or, from color-mix(), color(srgb 0-1 … / alpha)
  const rgb = (c) => {
    const n = (c.match(/[\\d.]+/g) || []).map(Number);
    return c.startsWith('color(') ? [...n.slice(0, 3).map(v => v * 255), ...n.slice(3)] : n;
  };
  let node = el, bg = null;
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  return {fg: rgb(getComputedStyle(el).color).slice(0, 3), bg: bg || [255, 255, 255]};
}
"""

# Elements whose text must meet WCAG AA (4.5:1) in both colour schemes.
TEXT_SELECTORS = {
    "/": [
        "body",
        ".brand-name",
        ".site-nav a",
        ".eyebrow",
        ".hero-tagline",
        ".hero-bio",
        ".button",
        ".button-ghost",
        ".social a",
        ".more",
        ".project-card-body p",
        ".chip",
        ".skill-years",
        ".testimonial .meta",
        ".post-card .meta",
        ".post-card-summary",
        ".tag",
        ".site-footer p",
    ],
    "/blog/flask-static-sites/": [".lead", ".meta", ".prose p", ".prose a", ".toc summary"],
    "/projects/": [".filter a", ".filter a[aria-current]", ".filter .count"],
}


def _luminance(rgb: list[float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitegen.commands.build import build_site

    out = tmp_path_factory.mktemp("site")
    build_site(CONTENT, out, progress=False, cache_dir=tmp_path_factory.mktemp("cache"))
    return out


@pytest.fixture
def open_page(browser, serve_dir, site: Path) -> Iterator[Callable[..., object]]:
    base = serve_dir(site)
    contexts = []

    def open_(url: str, width: int = 1280, scheme: str = "light", js: bool = True) -> object:
        context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme, java_script_enabled=js
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(base + url)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("url", PAGES)
def test_no_horizontal_scroll_on_a_320_px_phone(open_page, url: str) -> None:
    page = open_page(url, width=320)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(el => el.getBoundingClientRect().right > 321
                           && !el.closest('pre, .prose table, .honeypot, .skip-link'))
             .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{url} is {width} px wide at 320 px: {wide}"


def test_first_tab_reveals_the_skip_link_with_a_focus_ring(open_page) -> None:
    page = open_page("/blog/flask-static-sites/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const el = document.activeElement, s = getComputedStyle(el),
                   r = el.getBoundingClientRect();
                   return {text: el.textContent.trim(), top: r.top, style: s.outlineStyle,
                           width: parseFloat(s.outlineWidth)}; }"""
    )
    assert focused["text"] == "Skip to content"
    assert focused["top"] >= 0, "the skip link stays off screen when focused"
    assert focused["style"] != "none" and focused["width"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_every_link_tabbed_to_shows_a_focus_ring(open_page) -> None:
    page = open_page("/")
    missing = []
    for _ in range(15):
        page.keyboard.press("Tab")
        ring = page.evaluate(
            """() => { const el = document.activeElement;
                 // Cards draw the ring around the whole card, not the title link.
                 const box = el.closest('.project-card') || el;
                 const s = getComputedStyle(box);
                 return {name: el.tagName + ' ' + el.textContent.trim().slice(0, 30),
                         ok: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""
        )
        if not ring["ok"]:
            missing.append(ring["name"])
    assert not missing, f"no visible focus on: {missing}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_scheme_follows_the_system_setting(open_page, scheme: str) -> None:
    page = open_page("/", scheme=scheme)
    colours = page.locator("body").evaluate(COLOURS_JS)
    background, text = _luminance(colours["bg"]), _luminance(colours["fg"])
    if scheme == "dark":
        assert background < 0.05 and text > 0.7, colours
    else:
        assert background > 0.8 and text < 0.05, colours


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", list(TEXT_SELECTORS))
def test_text_meets_wcag_aa_contrast(open_page, url: str, scheme: str) -> None:
    page = open_page(url, scheme=scheme)
    poor = []
    for selector in TEXT_SELECTORS[url]:
        elements = page.locator(selector)
        assert elements.count(), f"{url}: nothing matches {selector}"
        colours = elements.first.evaluate(COLOURS_JS)
        ratio = _contrast(colours["fg"], colours["bg"])
        if ratio < 4.5:
            poor.append(f"{selector}: {ratio:.2f} ({colours})")
    assert not poor, f"{url} in {scheme} mode:\n" + "\n".join(poor)


def test_site_works_with_javascript_off(open_page) -> None:
    page = open_page("/blog/", js=False)
    page.get_by_role("link", name="Older posts").click()
    assert page.url.endswith("/blog/page/2/")
    page.locator(".post-card-title a").first.click()
    assert page.locator("h1").count() == 1 and "/blog/" in page.url
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="web app").first.click()
    assert page.url.endswith("/projects/tags/web-app/")


def test_print_leaves_out_navigation_and_keeps_the_article(open_page) -> None:
    page = open_page("/blog/flask-static-sites/", scheme="dark")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-header', '.site-footer', '.post-nav']
             .map(s => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none", "none", "none"]
    assert page.locator(".prose").is_visible()
    # A dark screen theme must not print light-on-white code or text.
    inks = page.evaluate(
        """() => [...document.querySelectorAll('.prose p, .prose pre span')].slice(0, 40)
             .map(el => getComputedStyle(el).color)"""
    )
    assert inks and set(inks) <= {"rgb(0, 0, 0)", "rgb(51, 51, 51)"}, set(inks)
    now = open_page("/now/")
    now.emulate_media(media="print")
    after = now.evaluate(
        """() => getComputedStyle(
                   document.querySelector('.prose a[href^="https://nownownow"]'), '::after'
                 ).content"""
    )
    assert "https://nownownow.com/about" in after
