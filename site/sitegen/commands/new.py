"""`sitegen new KIND "Title"`: start a content file with complete front matter, like `hugo new`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ..registry import Registry, site_registry
from ..text import slugify


def front_matter(
    registry: Registry, kind_word: str, title: str, today: dt.date | None = None
) -> str:
    """Return the text of a new file of `kind_word`: every field, documented, draft on."""
    kind = registry.by_singular(kind_word)
    if kind is None:
        choices = ", ".join(k.singular for k in registry.kinds.values())
        raise LookupError(f"unknown kind {kind_word!r}; choose one of: {choices}")
    today = today or dt.date.today()
    extra = kind.new_extra(title) if kind.new_extra else {}
    lines = ["---"]
    for field in kind.schema.fields:
        if field.name in extra:
            continue  # the kind's own example, written below
        if field.example is None:
            # Optional fields without a sensible blank are shown, commented out.
            lines.append(f"# {field.name}: {field.doc}")
            continue
        value = field.example
        if value == "{title}":
            value = title
        elif value == "{today}":
            value = today
        dumped = yaml.safe_dump(
            {field.name: value},
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=True,
            width=1000,
        ).strip()
        dumped = dumped[1:-1] if dumped.startswith("{") else dumped  # flow style wraps in {}
        lines.append(f"{dumped}  # {field.doc}" if field.doc else dumped)
    if extra:
        dumped = yaml.safe_dump(extra, sort_keys=False, allow_unicode=True)
        lines.extend(dumped.rstrip("\n").splitlines())
    lines.append("---")
    return "\n".join(lines) + "\n" + kind.new_body


def new_file(
    content_dir: Path | str, kind_word: str, title: str, today: dt.date | None = None
) -> Path:
    """Write a new file for `title` and return its path; never overwrite."""
    title = title.strip()
    if not title:
        raise LookupError('a title is needed: make new KIND=post TITLE="My title"')
    content_dir = Path(content_dir)
    registry = site_registry(content_dir.resolve()) if content_dir.is_dir() else None
    if registry is None:
        from ..registry import load_registry

        registry = load_registry()
    text = front_matter(registry, kind_word, title, today)
    kind = registry.by_singular(kind_word)
    assert kind is not None
    folder = Path(content_dir) / kind.name
    path = folder / f"{slugify(title)}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists; pick another title or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:
        fh.write(text)
    return path
