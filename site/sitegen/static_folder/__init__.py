"""`content/static/`: files published as they are, at the same path from the site's root.

This is Hugo's `static/` folder (and where an import puts Jekyll's `assets/` and
other plain folders): `content/static/pix/x.webp` is `/pix/x.webp`, so links and
image paths written for those generators keep working, and so do outside links
to the files. Markdown images there are still drawn as responsive pictures
(`content.body_images`). A file at the path of a page (`static/contact/index.html`)
is a content problem naming it (`web.published.clashes`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..content.body_images import STATIC as FOLDER
from ..registry import Feature, UrlSpec
from ..web.exact import exact_endpoint

GROUP = "static_folder"


def files(root: Path) -> list[Path]:
    """Every file under `root/static/`, hidden ones (`.gitignore`, `.DS_Store`) left out."""
    folder = root / FOLDER
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath, name) for name in sorted(filenames) if not name.startswith(".")]
    return found


def _urls(content: Any) -> list[UrlSpec]:
    from .views import static_file

    specs = []
    folder = content.root / FOLDER
    shown = f"{content.root.name}/{FOLDER}/"
    for file in files(content.root):
        rel = file.relative_to(folder).as_posix()
        endpoint = exact_endpoint(GROUP, "/" + rel, static_file)
        if endpoint is None:
            continue  # a name Werkzeug cannot route (`<`, `>`): never linkable either
        st = file.stat()
        deps = (str(st.st_size), str(st.st_mtime_ns))
        specs.append(
            UrlSpec(endpoint, {}, deps, sitemap=False, source=shown + rel, source_field=None)
        )
    return specs


FEATURE = Feature(name=GROUP, blueprint=None, urls=_urls)
