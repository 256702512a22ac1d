"""Links written as another generator's file references, resolved to this site's URLs.

Hugo's `{{< ref "posts/x.md" >}}` and Jekyll's `{% link _posts/2020-01-02-x.md %}`
or `{% post_url 2020-01-02-x %}` name a file, not a URL (`render.shortcodes`
finds them). Once every item is loaded, each target is matched against every
published item's file: its path under `content/` with or without the
extension or the kind's folder (Jekyll's `_posts/` is `posts/`), its file
name, its stem or its slug. A target that matches no page, or several, is a
problem at its line. The values each body needs when rendered are kept as
`item.tag_values`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath
from typing import Any

from .problems import Problem


def _names(item: Any, root_name: str) -> set[str]:
    path = PurePosixPath(item.source)
    parts = path.parts[1:] if path.parts and path.parts[0] == root_name else path.parts
    rel = PurePosixPath(*parts)
    names = {str(rel), str(rel.with_suffix("")), rel.name, rel.stem, item.slug}
    if len(rel.parts) > 1:  # without the kind's folder: Hugo's `ref "x.md"`
        inner = PurePosixPath(*rel.parts[1:])
        names |= {str(inner), str(inner.with_suffix(""))}
    return names


def _key(target: str) -> str:
    path = target.split("#", 1)[0].strip().strip("/")
    if path.startswith("_"):  # Jekyll's _posts/, _pages/… are this site's posts/, pages/…
        path = path[1:]
    return path


def resolve_refs(
    content: Any, problems: list[Problem], orphans: list[tuple[str, int, str]] = ()
) -> None:
    """Give each item that names other files `tag_values`; report what matches nothing.

    `orphans` are the links of files left out for their own problems: checked too,
    so that every problem is reported in one run.
    """
    site = content.site
    for item in content.all_items():
        if getattr(item, "uses_tags", False):
            item.tag_values = {
                "liquid:site.title": site.title or "",
                "liquid:site.description": site.description or "",
                "liquid:page.title": getattr(item, "title", "") or "",
            }
    pending = [i for i in content.all_items() if getattr(i, "tag_refs", None)]
    if not pending and not orphans:
        return
    root_name = PurePosixPath(content.root).name
    index: dict[str, list[Any]] = defaultdict(list)
    for item in content.all_items():
        for name in _names(item, root_name):
            index[name].append(item)

    def url_of(source: str, line: int, target: str) -> str | None:
        key = _key(target)
        found = index.get(key) or index.get(str(PurePosixPath(key).with_suffix("")), [])
        matches = {id(m): m for m in found}
        if len(matches) == 1:
            anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
            return next(iter(matches.values())).path + anchor
        if matches:
            files = ", ".join(sorted(m.source for m in matches.values()))
            message = f"link to {target!r} is ambiguous: it matches {files}"
        else:
            message = f"link to {target!r}: no published page comes from such a file"
        problems.append(Problem(source, line, None, message))
        return None

    for item in pending:
        for line, target in item.tag_refs:
            item.tag_values[f"ref:{target}"] = url_of(item.source, line, target) or ""
    for source, line, target in orphans:
        url_of(source, line, target)
