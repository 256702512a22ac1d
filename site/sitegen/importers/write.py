"""Write the new content folder: site.yml, one Markdown file per item, files copied as they are.

An import only ever writes a new folder: one that exists and holds anything is
refused before anything is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from ..content.body_images import STATIC


def refuse_existing(dest: Path) -> None:
    """Raise FileExistsError unless `dest` is absent or empty."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise FileExistsError(
            f"{dest} is not empty: an import writes a new content folder and never "
            "overwrites one; name another with --content"
        )


def dump_yaml(data: dict[str, Any]) -> str:
    """YAML as people write it: keys in order, Unicode as is, block lists."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def write_item(dest: Path, rel: str, meta: dict[str, Any], body: str) -> None:
    """Write one Markdown file with YAML front matter."""
    file = dest / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\n{dump_yaml(meta)}---\n\n{body.lstrip(chr(10))}", encoding="utf-8")


def write_site(dest: Path, data: dict[str, Any], header: str) -> None:
    """Write site.yml with a comment saying where it came from."""
    dest.mkdir(parents=True, exist_ok=True)
    text = "".join(f"# {line}\n" for line in header.splitlines())
    (dest / "site.yml").write_text(text + (dump_yaml(data) if data else ""), encoding="utf-8")


def copy_file(dest: Path, file: Path, site_path: str) -> bool:
    """Copy a file to be published at `site_path` (under content/static/); False if taken."""
    target = dest / STATIC / site_path.lstrip("/")
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(file, target)
    return True


def copy_folder(dest: Path, folder: Path, served: str) -> list[str]:
    """Copy a static folder as it is (hidden files left out); return the site paths copied."""
    copied = []
    for file in sorted(folder.rglob("*")):
        rel = file.relative_to(folder)
        path = f"{served}/{rel.as_posix()}"
        hidden = any(part.startswith(".") for part in rel.parts)
        if file.is_file() and not hidden and copy_file(dest, file, path):
            copied.append(path)
    return copied
