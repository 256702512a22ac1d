"""Which files of a kind's folder are its items, as Hugo and Jekyll authors lay them out.

- `x.md`: the item `x`; Jekyll's `2024-05-01-x.md` too (`loader.slug_and_date`).
- Page bundles: `x/index.md`, with its images beside it (Hugo's leaf bundles).
- Translations: `x.fr.md` beside `x.md` is left out with a warning (the site
  publishes one language); `x.en.md` on an English site is the item `x`.
- Hugo's `_index.md` (a section's list page text) is left out with a warning:
  the kind's list pages are made by the engine.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_LANGUAGE = re.compile(r"\.([a-z]{2}(?:-[A-Za-z]{2,4})?)$")
BUNDLE_INDEX = "index"


def kind_files(
    extensions: tuple[str, ...], folder: Path, language: str
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Return the item files in `folder`, and the files left out with the reason."""
    suffixes = tuple(f".{ext}" for ext in extensions)
    found: list[tuple[Path, str]] = []  # (file, its name as `_name` gives it)
    left_out: list[tuple[Path, str]] = []
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if name.startswith("_index.") and name.endswith(suffixes):
            why = "Hugo's section page: the kind's list page is made here, this text is not shown"
            left_out.append((path, why))
        elif name.endswith(suffixes) and not name.startswith("."):
            found.append((path, name.rsplit(".", 1)[0]))
        elif path.is_dir() and not name.startswith((".", "_")):
            for inner in sorted(n for n in os.listdir(path) if _bundle_index(n, suffixes)):
                found.append((path / inner, name + inner.rsplit(".", 1)[0][len(BUNDLE_INDEX) :]))
    stems = {stem for _path, stem in found}
    files = []
    for path, name in found:
        code = _LANGUAGE.search(name)
        if code and _is_translation(name, code.group(1), stems, language):
            why = f"a translation ({code.group(1)}): the site publishes one language; left out"
            left_out.append((path, why))
        else:
            files.append(path)
    return files, left_out


def item_stem(file: Path, folder: Path, language: str) -> str:
    """The name an item's slug comes from: `x` for `x.md`, `x.en.md`, `x/index.md`."""
    stem = _name(file, folder)
    code = _LANGUAGE.search(stem)
    if code and _same_language(code.group(1), language):
        stem = stem[: code.start()]
    return stem


def _bundle_index(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.endswith(suffixes) and name.split(".")[0] == BUNDLE_INDEX


def _name(file: Path, folder: Path) -> str:
    """`x.fr` for `x.fr.md`, and for the bundle `x/index.fr.md`."""
    if file.parent != folder:  # in a bundle
        return file.parent.name + file.stem[len(BUNDLE_INDEX) :]
    return file.stem


def _same_language(code: str, language: str) -> bool:
    return code.split("-")[0].lower() == language


def _is_translation(stem: str, code: str, stems: set[str], language: str) -> bool:
    """`post.fr` beside `post` (or `post.en`) on an English site."""
    if _same_language(code, language):
        return False
    base = stem[: -len(code) - 1]
    return base in stems or any(s.startswith(base + ".") and s != stem for s in stems)
