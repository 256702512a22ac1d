"""Every kind of page passes axe-core's WCAG 2.1 A/AA rules, in light and in dark mode."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parents[2] / "content"

# One page of every type the example site builds.
PAGES = {
    "home": "/",
    "projects index": "/projects/",
    "project": "/projects/tidewatch/",
    "project tag": "/projects/tags/accessibility/",
    "blog index": "/blog/",
    "blog page 2": "/blog/page/2/",
    "post": "/blog/flask-static-sites/",
    "post with a table": "/blog/reading-query-plans/",
    "tags index": "/tags/",
    "tag": "/tags/python/",
    "about": "/about/",
    "contact": "/contact/",
    "contact thanks": "/contact/thanks/",
    "404": "/404.html",
    "recipes index": "/recipes/",
    "recipe": "/recipes/shakshuka/",
    "recipes filter": "/recipes/course/main/",
    "pantry": "/recipes/what-can-i-make/",
    "search": "/search/",
    "events index": "/events/",
    "event": "/events/design-tokens-workshop-oslo/",
    "past event": "/events/accessible-forms-workshop/",
    "recurring event": "/events/front-end-breakfast/",
    "recurring event date": "/events/front-end-breakfast/2026-09-01/",
    "rsvp confirmed": "/events/design-tokens-workshop-oslo/confirmed/",
}

# The WCAG 2.0 and 2.1 success criteria at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# axe leaves text over a gradient undecided ("incomplete"). Paint each gradient as its
# first colour stop, the strongest tint in this theme, so the contrast is judged at the
# gradient's worst point instead of not at all.
FLATTEN_GRADIENTS_JS = """
() => {
  for (const el of document.querySelectorAll('*')) {
    const image = getComputedStyle(el).backgroundImage;
    if (!image.includes('gradient(')) continue;
    const stop = image.match(/(?:rgba?|color)\\([^)]*\\)/);
    if (stop) el.style.setProperty('background', stop[0], 'important');
  }
}
"""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example site (recipes and search index included) once."""
    from sitegen.commands.build import build_site

    out = tmp_path_factory.mktemp("a11y-site")
    build_site(CONTENT, out, cache_dir=tmp_path_factory.mktemp("a11y-cache"), progress=False)
    return out


def describe(violations: list[dict]) -> str:
    """Format axe violations as one readable block: rule, impact, help, and where."""
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:8]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else t for t in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {target}  [{summary}]")
        if len(rule["nodes"]) > 8:
            lines.append(f"    … and {len(rule['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", list(PAGES.values()), ids=list(PAGES))
def test_page_has_no_wcag_violations(
    browser, serve_dir: Callable[[Path], str], built_site: Path, url: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base = serve_dir(built_site)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        response = page.goto(base + url, wait_until="load")
        assert response is not None
        assert response.status == 200, f"{url} answered {response.status}"
        axe = Axe()
        results = axe.run(page, options=AXE_OPTIONS).response
        violations = results["violations"]
        if _undecided_over_gradient(results):
            page.evaluate(FLATTEN_GRADIENTS_JS)
            flat = axe.run(page, options={**AXE_OPTIONS, "runOnly": ["color-contrast"]}).response
            violations += flat["violations"] + _undecided_over_gradient(flat)
    finally:
        context.close()
    if violations:
        pytest.fail(f"{url} ({scheme}) breaks WCAG 2.1 A/AA:\n" + describe(violations), False)


def _undecided_over_gradient(results: dict) -> list[dict]:
    """Return the colour-contrast checks axe left undecided because of a gradient."""
    undecided = []
    for rule in results["incomplete"]:
        nodes = [
            node
            for node in rule["nodes"]
            if any(
                (check.get("data") or {}).get("messageKey") == "bgGradient" for check in node["any"]
            )
        ]
        if rule["id"] == "color-contrast" and nodes:
            undecided.append({**rule, "nodes": nodes})
    return undecided


def test_axe_reports_a_broken_page_readably(browser, tmp_path: Path, serve_dir) -> None:
    """The check itself works: a page with known faults fails with rule ids and selectors."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>Bad</title><main>'
        '<p style="color:#aaa;background:#fff" id="faint">Faint text</p>'
        '<input id="nameless" type="text"></main></html>',
        encoding="utf-8",
    )
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        page.goto(serve_dir(tmp_path) + "/")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        page.close()
    report = describe(violations)
    assert "color-contrast (serious)" in report
    assert "#faint" in report
    assert "label (critical)" in report
    assert "#nameless" in report


API = "https://api.example.test"


@pytest.fixture(scope="session")
def form_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a preview of the example site with an API URL: the contact form and draft marks."""
    from sitegen.commands.build import build_site

    content = tmp_path_factory.mktemp("a11y-form") / "content"
    # Recipes are checked on the main build; leaving them out keeps this one quick.
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("recipes"))
    settings = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    settings["api_url"] = API
    (content / "site.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    out = tmp_path_factory.mktemp("a11y-form-site")
    build_site(
        content,
        out,
        preview=True,
        cache_dir=tmp_path_factory.mktemp("a11y-form-cache"),
        progress=False,
    )
    return out


def _answer(route, status: int, body: str) -> None:
    route.fulfill(
        status=status,
        content_type="application/json",
        headers={"Access-Control-Allow-Origin": "*"},
        body=body,
    )


# What the API answers to a message it refuses, and to one it stores.
REFUSED = (
    422,
    '{"ok": false, "message": "Please check the fields marked.", "fields": '
    '{"email": "That address looks incomplete.", "message": "Say a little more."}}',
)
STORED = (201, '{"ok": true, "message": "Thank you: your message was sent."}')


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["empty", "refused", "sent"])
def test_contact_form_states_have_no_wcag_violations(
    browser, serve_dir: Callable[[Path], str], form_site: Path, state: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base = serve_dir(form_site)
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        # The API is faked at the browser: no request leaves the machine.
        page.route(
            f"{API}/contact/token", lambda r: _answer(r, 200, '{"token": "t", "min_age": 0}')
        )
        page.route(
            f"{API}/contact", lambda r: _answer(r, *(REFUSED if state == "refused" else STORED))
        )
        page.goto(base + "/contact/", wait_until="load")
        if state != "empty":
            page.fill("#name", "Grace")
            page.fill("#email", "grace@example.org")
            page.fill("#message", "Hello there, a short note about your tide charts.")
            page.click("#contact-form button[type=submit]")
            shown = (
                "#email-error:not([hidden])" if state == "refused" else ".form-status.is-success"
            )
            page.wait_for_selector(shown, timeout=10_000)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    if violations:
        pytest.fail(f"contact form, {state} ({scheme}):\n" + describe(violations), False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["/", "/blog/", "/projects/"])
def test_preview_marks_have_no_wcag_violations(
    browser, serve_dir: Callable[[Path], str], form_site: Path, url: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    base = serve_dir(form_site)
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base + url, wait_until="load")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        context.close()
    if violations:
        pytest.fail(f"preview {url} ({scheme}):\n" + describe(violations), False)
