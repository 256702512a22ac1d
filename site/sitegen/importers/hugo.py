"""Read a Hugo site: its config, content sections, page bundles, static folder, addresses.

Where Hugo published each page (its old address) follows Hugo's rules: `url:` in
front matter, else the section's `[permalinks]` pattern, else the file's folder
and its `slug:` or name, lower-cased (`.html` with `uglyURLs`). Relative
`aliases` are read from the page's folder, as Hugo does.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import Any

from .model import Page, Report
from .oldsite import OldSite
from .paths import as_date, clean_path, date_values, expand, folder_path, urlize
from .read import ReadError, read_config, read_page
from .settings import Settings

CONFIG_FILES = [
    f"{name}.{ext}" for name in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
]
MARKDOWN = (".md", ".markdown")
OTHER_CONTENT = (".html", ".htm", ".adoc", ".asciidoc", ".org", ".pdc", ".rst", ".ipynb")
# Hugo settings that belong to its themes, templates or build: reported, not carried.
ENGINE_KEYS = {
    "theme", "themesdir", "layoutdir", "languages", "taxonomies", "outputs", "outputformats",
    "markup", "module", "permalinks", "disqusshortname", "googleanalytics", "services",
    "privacy", "related", "imaging", "minify", "security", "cascade", "sitemap", "menus",
}  # fmt: skip
_HUGO_KEYS = {
    "title", "date", "draft", "slug", "url", "aliases", "tags", "categories", "lastmod",
    "publishdate", "expirydate", "description", "summary", "weight", "type", "layout",
    "menu", "headless", "keywords", "images", "author", "authors", "series",
}  # fmt: skip
_LANG_SUFFIX = re.compile(r"^(?P<name>.+)\.(?P<lang>[a-z]{2,3}(?:-[a-z0-9]{2,8})*)$", re.I)


def read_hugo(source: Path, report: Report) -> OldSite:
    """Read the Hugo site at `source` into pages, settings and folders to copy."""
    config = _config(source, report)
    site = OldSite(settings=_settings(config, report))
    content = source / str(config.get("contentdir") or "content")
    if not content.is_dir():
        report.problem(str(content), None, "no content folder: is this a Hugo site?")
        return site
    taxonomies = config.get("taxonomies")
    site.taxonomies = [str(v) for v in taxonomies.values()] if isinstance(taxonomies, dict) else []
    site.taxonomies = site.taxonomies if taxonomies is not None else ["tags", "categories"]
    languages = {str(k).lower() for k in (config.get("languages") or {})}
    permalinks = _permalinks(config.get("permalinks"))
    ugly = bool(config.get("uglyurls"))
    lower = not config.get("disablepathtolower")
    for static in _as_list(config.get("staticdir") or "static"):
        if (source / static).is_dir():
            site.static.append((source / static, ""))
    if (source / "assets").is_dir():
        report.note("assets/ (Hugo Pipes: Sass, scripts, processed images) is not carried over")
    translations = 0
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        here = Path(folder)
        rel_dir = here.relative_to(content).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        bundle = next((n for n in ("index.md", "index.markdown") if n in files), None)
        if bundle:
            dirs[:] = []  # a leaf bundle: every file below belongs to its page
            translations += sum(1 for n in files if n != bundle and _translation(n, languages))
            page = _page(source, content, here / bundle, report, bundle=here)
            if page is not None:
                site.pages.append(page)
            continue
        for name in sorted(files):
            file = here / name
            stem, suffix = os.path.splitext(name)
            if _translation(name, languages):
                translations += 1
                continue
            if stem == "_index" and suffix in MARKDOWN:
                _list_page(site, source, file, rel_dir, report)
            elif suffix in MARKDOWN:
                page = _page(source, content, file, report)
                if page is not None:
                    site.pages.append(page)
            elif suffix in OTHER_CONTENT:
                report.note(f"{_shown(source, file)}: {suffix} content is not carried over")
            elif not name.startswith("."):
                site.files.append((file, "/" + (f"{rel_dir}/" if rel_dir else "") + name))
    if translations:
        report.note(
            f"{translations} translated pages (name.LANG.md) are not carried over: "
            "one language per site"
        )
    site.moved["/index.xml"] = "/feed.xml"  # Hugo's feeds: the site's and each section's
    for page in site.pages:
        if page.group:
            site.moved.setdefault(f"/{urlize(page.group)}/index.xml", "/feed.xml")
        if page.group:  # Hugo lists a section's pages at /<section>/, with or without _index.md
            site.lists.setdefault(page.group, [f"/{urlize(page.group)}/"])
        page.old_url = _old_url(page, permalinks, ugly, lower)
        page.aliases = _aliases(page)
        page.keys = _keys(page, content)
    return site


def _translation(name: str, languages: set[str]) -> bool:
    """`post.fr.md`: another language's copy of a page (`languages` from the config, if any)."""
    stem, suffix = os.path.splitext(name)
    lang = _LANG_SUFFIX.match(stem)
    return (
        suffix in MARKDOWN
        and lang is not None
        and (lang["lang"].lower() in languages or not languages)
    )


def _shown(source: Path, file: Path) -> str:
    return (Path(source.name) / file.relative_to(source)).as_posix()


def _config(source: Path, report: Report) -> dict[str, Any]:
    config: dict[str, Any] = {}
    files = [source / n for n in CONFIG_FILES if (source / n).is_file()][:1]
    default = source / "config" / "_default"
    if default.is_dir():
        files += sorted(p for p in default.iterdir() if p.suffix in (".toml", ".yaml", ".yml"))
    if not files:
        report.note("no hugo.toml or config.toml found: site.yml has only defaults")
    for file in files:
        try:
            data = read_config(file)
        except ReadError as exc:
            report.problem(_shown(source, file), exc.line, str(exc))
            continue
        section = file.stem.split(".")[0].lower()
        if file.parent == default and section not in ("hugo", "config"):
            data = {section: data}  # params.toml, menus.en.toml…
        for key, value in data.items():
            config[str(key).lower()] = value
    if "menus" in config and "menu" not in config:
        config["menu"] = config.pop("menus")
    return config


def _settings(config: dict[str, Any], report: Report) -> Settings:
    params = dict(config.get("params") or {})
    author = config.get("author") or params.pop("author", None)
    if isinstance(author, dict) and "name" not in author and author:
        author = {"name": next(iter(author.values()))}
    settings = Settings(
        title=str(config.get("title") or ""),
        base_url=str(config.get("baseurl") or ""),
        language=str(config.get("languagecode") or config.get("defaultcontentlanguage") or ""),
        author=author,
        params=params,
        posts_per_page=_per_page(config),
    )
    menus = config.get("menu") or {}
    entries = sorted(_as_list(menus.get("main")), key=lambda e: e.get("weight", 0) or 0)
    for entry in entries:
        if entry.get("parent"):
            report.note(f"menu entry {entry.get('name')!r} is in a sub-menu: not carried over")
            continue
        target = entry.get("url") or entry.get("pageref") or entry.get("pageRef")
        if entry.get("name") and target:
            settings.nav.append((str(entry["name"]), str(target)))
    others = sorted(str(k) for k in menus if k != "main")
    if others:
        report.note(f"menus {', '.join(others)} are not carried over (only main becomes nav)")
    ignored = sorted(k for k in config if k in ENGINE_KEYS and k not in ("menus", "permalinks"))
    if ignored:
        report.note(f"Hugo settings with no meaning here: {', '.join(ignored)}")
    return settings


def _per_page(config: dict[str, Any]) -> int | None:
    size = config.get("paginate") or (config.get("pagination") or {}).get("pagerSize")
    return size if isinstance(size, int) and size > 0 else None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _permalinks(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    pages = raw.get("page") if isinstance(raw.get("page"), dict) else raw
    return {str(k).strip("/"): v for k, v in pages.items() if isinstance(v, str)}


def _lower_keys(meta: dict[str, Any]) -> dict[str, Any]:
    return {(k.lower() if str(k).lower() in _HUGO_KEYS else k): v for k, v in meta.items()}


def _page(
    source: Path, content: Path, file: Path, report: Report, bundle: Path | None = None
) -> Page | None:
    shown = _shown(source, file)
    try:
        text = read_page(file)
    except ReadError as exc:
        report.problem(shown, exc.line, str(exc))
        return None
    if text.repaired:
        report.note(f"{shown}: front matter {text.repaired}: written with spaces")
    meta = _lower_keys(text.meta)
    rel = (bundle or file).relative_to(content).as_posix()
    name = bundle.name if bundle else file.stem
    if meta.get("headless"):
        report.note(
            f"{shown}: a headless bundle (parts for the theme's templates): not carried over"
        )
        return None
    if not text.body.strip() and (meta.get("layout") or meta.get("type")):
        what = meta.get("layout") or meta.get("type")
        report.note(f"{shown}: a page made by the theme's {what!r} layout: not carried over")
        return None
    page = Page(
        file=file,
        shown=shown,
        meta=meta,
        body=text.body,
        body_line=text.body_line,
        group=rel.split("/")[0] if "/" in rel else "",
        folder=posixpath.dirname(rel),
        name=name,
        bundle=bundle,
        draft=bool(meta.get("draft")),
    )
    if bundle:
        page.resources = sorted(
            p
            for p in bundle.rglob("*")
            if p.is_file() and p.suffix not in MARKDOWN and not p.name.startswith(".")
        )
    return page


def _list_page(site: OldSite, source: Path, file: Path, rel_dir: str, report: Report) -> None:
    shown = _shown(source, file)
    try:
        text = read_page(file)
    except ReadError as exc:
        report.problem(shown, exc.line, str(exc))
        return
    meta = _lower_keys(text.meta)
    section = rel_dir.split("/")[0] if rel_dir else ""
    where = f"/{urlize(rel_dir)}/" if rel_dir else "/"
    if text.body.strip():
        what = "home page" if not rel_dir else f"list page {where}"
        report.note(f"{shown}: the text of the {what} is not carried over")
    if rel_dir:
        aliases = [a for a in _as_list(meta.get("aliases")) if isinstance(a, str)]
        here = posixpath.dirname(where.rstrip("/")) + "/"
        site.lists.setdefault(section, []).extend(
            [where] + [folder_path(a if a.startswith("/") else here + a) for a in aliases]
        )


def _old_url(page: Page, permalinks: dict[str, str], ugly: bool, lower: bool) -> str:
    meta = page.meta
    if isinstance(meta.get("url"), str) and meta["url"].strip():
        return folder_path(meta["url"].strip())
    slug = urlize(meta["slug"]) if meta.get("slug") else _path(page.name)
    folder = _path(page.folder)
    pattern = permalinks.get(page.group)
    if pattern:
        title = urlize(meta.get("title") or page.name)
        values = {
            **date_values(as_date(meta.get("date"))),
            "section": page.group,
            "sections": folder,
            "title": title,
            "slug": urlize(meta["slug"]) if meta.get("slug") else title,
            "slugorfilename": slug,
            "slugorcontentbasename": slug,
            "filename": page.name,
            "contentbasename": page.name,
        }
        url = folder_path(expand(pattern, values))
    elif ugly:
        url = clean_path(f"/{folder}/{slug}.html")
    else:
        url = clean_path(f"/{folder}/{slug}/")
    return url.lower() if lower else url


def _path(text: str) -> str:
    """A file path as a URL path, as Hugo makes one: white space as hyphens."""
    return re.sub(r"\s+", "-", text.strip())


def _aliases(page: Page) -> list[str]:
    assert page.old_url is not None
    here = posixpath.dirname(page.old_url.rstrip("/")) + "/"
    found = []
    for alias in _as_list(page.meta.get("aliases")):
        if isinstance(alias, str) and alias.strip() and "://" not in alias:
            alias = alias.strip()
            found.append(folder_path(alias if alias.startswith("/") else here + alias))
    return found


def _keys(page: Page, content: Path) -> set[str]:
    """How `ref`/`relref` and links to Markdown files name the page."""
    rel = page.file.relative_to(content).as_posix()
    stem = rel.rsplit(".", 1)[0]
    keys = {rel, stem}
    if page.bundle is not None:
        folder = page.bundle.relative_to(content).as_posix()
        keys |= {folder, page.bundle.name}
    else:
        keys |= {page.file.name, page.file.stem}
    return keys
