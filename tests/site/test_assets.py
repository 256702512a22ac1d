"""Published scripts and stylesheets: minified, still valid, sources kept readable."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sitegen.render.assets import minify_css, minify_js

SOURCES = sorted((Path(__file__).resolve().parents[2] / "site" / "sitegen").rglob("static"))


def _sources(suffix: str) -> dict[str, Path]:
    """Every readable source file by its path under static/ (the theme's wins a clash)."""
    found: dict[str, Path] = {}
    for root in SOURCES:
        for path in sorted(root.rglob(f"*{suffix}")):
            found.setdefault(path.relative_to(root).as_posix(), path)
    return found


def test_stylesheet_is_minified_without_changing_selectors_or_strings():
    css = "/* c */ .a :focus , .b>p { color: red ; margin: 0.5rem; }\n.q::after { content: ': x' }"
    assert minify_css(css) == ".a :focus,.b>p{color:red;margin:0.5rem}.q::after{content:': x'}\n"


def test_script_is_minified_without_changing_strings_regexes_or_names():
    js = '/* c */ var a = 1 ; // x\nvar re = /ab+c/g, s = "a  // b";\n/*! keep */ f ( + + a );'
    assert minify_js(js) == 'var a=1;var re=/ab+c/g,s="a  // b";/*! keep */f(+ +a);\n'


def test_published_scripts_are_minified_and_still_parse(example_site):
    out, _report = example_site
    sources = _sources(".js")
    assert {"js/recipes.js", "js/owner/core.js", "js/owner/inbox.js"} <= set(sources)
    node = shutil.which("node")
    for rel, source in sources.items():
        stem = rel.removesuffix(".js")
        published = sorted((out / "static").glob(f"{stem}.*.js"))
        assert len(published) == 1, rel
        text = published[0].read_text("utf-8")
        if rel.endswith(".min.js"):  # vendored, minified upstream: as shipped, licence first
            assert text == source.read_text("utf-8") and text.startswith("/*!"), rel
        else:
            assert text == minify_js(source.read_text("utf-8")), rel
            assert len(text) < 0.9 * source.stat().st_size, rel
        assert (out / "static" / rel).read_text("utf-8") == text  # the plain name too
        if node:  # a syntax error a minifier made would break every page that loads it
            check = subprocess.run([node, "--check", str(published[0])], capture_output=True)
            assert check.returncode == 0, check.stderr.decode()


@pytest.mark.parametrize("bundle", ["site", "recipes", "owner", "search"])
def test_published_stylesheet_bundles_are_minified(example_site, bundle):
    out, _report = example_site
    parts = [p for rel, p in _sources(".css").items() if rel.startswith(f"css/{bundle}/")]
    if bundle == "site":
        parts = [p for rel, p in _sources(".css").items() if rel.count("/") == 1]
    assert parts, bundle
    (published,) = (out / "static" / "css").glob(f"{bundle}.*.css")
    text = published.read_text("utf-8")
    assert "/*" not in text and "\n  " not in text
    assert len(text) < sum(p.stat().st_size for p in parts)
