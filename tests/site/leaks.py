"""Template code that leaked onto a built page: Hugo shortcodes, Liquid tags and output."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

LEAK = re.compile(r"\{\{<|\{\{%|\{%|\{\{\s*site\.")


def template_leaks(build: Path) -> list[str]:
    """Return `page: text` for every leak outside <pre>/<code> in every HTML page."""
    found = []
    for page in sorted(build.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for code in soup.find_all(["pre", "code", "script"]):
            code.decompose()
        text = str(soup)
        for match in LEAK.finditer(text):
            snippet = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
            found.append(f"{page.relative_to(build)}: …{snippet}…")
    return found
