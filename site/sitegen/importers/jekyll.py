"""Read a Jekyll site: `_config.yml`, `_posts/`, `_drafts/`, collections, pages, plain files.

Old addresses follow Jekyll's rules: a page's `permalink:`, else the site's
`permalink` (a style such as `date` or `pretty`, or a pattern), whose
`:categories` come from front matter and the folders above `_posts/`. Files
without front matter are published as they are (assets/, images/, favicon.ico).
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

CONFIG_FILES = ("_config.yml", "_config.yaml", "_config.toml")
MARKDOWN = (".md", ".markdown", ".mkdown", ".mkd")
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
EXCLUDED = {
    "Gemfile", "Gemfile.lock", "node_modules", "vendor", ".sass-cache", ".jekyll-cache",
    "gemfiles", "_site", "package.json", "package-lock.json", "CHANGELOG.md", "LICENSE",
}  # fmt: skip
# Jekyll settings that belong to its build, plugins or theme: reported, not carried.
ENGINE_KEYS = {
    "theme", "remote_theme", "plugins", "gems", "markdown", "highlighter", "kramdown", "sass",
    "include", "keep_files", "paginate_path", "timezone", "encoding", "future", "show_drafts",
    "incremental", "feed", "jekyll-archives", "destination", "source", "excerpt_separator",
}  # fmt: skip
# Settings the import reads (addresses, menus, front matter defaults): not params either.
READ_KEYS = {
    "exclude",
    "collections",
    "defaults",
    "permalink",
    "paginate",
    "minima",
    "header_pages",
}
SOCIAL_KEYS = ("twitter_username", "github_username")
FEEDS = ("atom.xml", "feed.xml", "rss.xml", "feed/index.xml")  # templates of a site's feed
_POST_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def read_jekyll(source: Path, report: Report) -> OldSite:
    """Read the Jekyll site at `source` into pages, settings and files to copy."""
    config = _config(source, report)
    site = OldSite(settings=_settings(source, config, report))
    style = str(config.get("permalink") or "date")
    pattern = STYLES.get(style, style)
    collections = _collections(config)
    excluded = EXCLUDED | {str(x).strip("/") for x in config.get("exclude") or []}
    templates: list[str] = []
    for folder, dirs, files in os.walk(source):
        here = Path(folder)
        rel_dir = here.relative_to(source).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        dirs[:] = sorted(d for d in dirs if _walked(rel_dir, d, excluded, collections))
        top = rel_dir.split("/")[0] if rel_dir else ""
        for name in sorted(files):
            if name.startswith((".", "_")) or name in excluded:
                continue
            file = here / name
            if "_posts" in rel_dir.split("/") or top == "_drafts":
                page = _document(
                    source, file, report, group="drafts" if top == "_drafts" else "posts"
                )
            elif top.startswith("_"):
                page = _document(source, file, report, group=top[1:])
            else:
                page = _page_or_file(source, file, site, report, templates)
            if page is not None:
                _apply_defaults(page, config, source)
                site.pages.append(page)
    for rel in templates:
        if rel in FEEDS:
            site.moved["/" + rel] = "/feed.xml"
            report.note(
                f"the feed /{rel} is /feed.xml now: a feed cannot be redirected by a page, "
                "so tell readers (or have the host redirect it)"
            )
    if templates:
        shown = ", ".join(templates[:5]) + (
            f" and {len(templates) - 5} more" if len(templates) > 5 else ""
        )
        report.note(f"files made by the theme's templates are not carried over: {shown}")
    for page in site.pages:
        page.old_url = _old_url(page, pattern, collections)
        page.aliases = [
            folder_path(a) for a in _as_list(page.meta.get("redirect_from")) if isinstance(a, str)
        ]
    return site


def _shown(source: Path, file: Path) -> str:
    return (Path(source.name) / file.relative_to(source)).as_posix()


def _walked(rel_dir: str, name: str, excluded: set[str], collections: dict[str, Any]) -> bool:
    path = f"{rel_dir}/{name}" if rel_dir else name
    if name.startswith(".") or name in excluded or path in excluded:
        return False
    if name.startswith("_"):
        return name in ("_posts", "_drafts") or (not rel_dir and name[1:] in collections)
    return True


def _config(source: Path, report: Report) -> dict[str, Any]:
    for name in CONFIG_FILES:
        file = source / name
        if file.is_file():
            try:
                return read_config(file)
            except ReadError as exc:
                report.problem(_shown(source, file), exc.line, str(exc))
                return {}
    report.note("no _config.yml found: site.yml has only defaults")
    return {}


def _settings(source: Path, config: dict[str, Any], report: Report) -> Settings:
    known = {"title", "tagline", "description", "url", "baseurl", "author", "lang", "locale"}
    social = []
    for key, base in (
        ("twitter_username", "https://x.com/"),
        ("github_username", "https://github.com/"),
    ):
        if config.get(key):
            social.append({"name": key.split("_")[0].title(), "url": base + str(config[key])})
    minima = config.get("minima") if isinstance(config.get("minima"), dict) else {}
    for link in _as_list(minima.get("social_links")):
        if isinstance(link, dict) and link.get("url"):
            social.append({"name": str(link.get("title") or link.get("icon")), "url": link["url"]})
    params = {
        k: v
        for k, v in config.items()
        if k not in known and k not in ENGINE_KEYS and k not in READ_KEYS and k not in SOCIAL_KEYS
    }
    ignored = sorted(k for k in config if k in ENGINE_KEYS)
    if ignored:
        report.note(f"Jekyll settings with no meaning here: {', '.join(ignored)}")
    settings = Settings(
        title=str(config.get("title") or ""),
        tagline=str(config.get("tagline") or "").strip(),
        description=str(config.get("description") or "").strip(),
        base_url=str(config.get("url") or "").rstrip("/") + str(config.get("baseurl") or ""),
        language=str(config.get("lang") or config.get("locale") or "").replace("_", "-"),
        author=config.get("author"),
        social=social,
        params=params,
        posts_per_page=config.get("paginate") if isinstance(config.get("paginate"), int) else None,
    )
    settings.nav = _nav(source, config, minima)
    return settings


def _nav(source: Path, config: dict[str, Any], minima: dict[str, Any]) -> list[tuple[str, str]]:
    data = source / "_data" / "navigation.yml"
    if data.is_file():
        try:
            raw = read_config(data)
        except ReadError:
            raw = {}
        entries = raw.get("main") if isinstance(raw, dict) else raw
        return [
            (str(e["title"]), str(e["url"]))
            for e in _as_list(entries)
            if isinstance(e, dict) and e.get("title") and e.get("url")
        ]
    pages = config.get("header_pages") or minima.get("nav_pages") or []
    return [("", f"file:{p}") for p in _as_list(pages) if isinstance(p, str)]  # titled later


def _collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = config.get("collections") or {}
    if isinstance(raw, list):
        raw = {name: {} for name in raw}
    return {str(k): (v if isinstance(v, dict) else {}) for k, v in raw.items() if k != "posts"}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _document(source: Path, file: Path, report: Report, group: str) -> Page | None:
    if file.suffix not in MARKDOWN:
        return None
    shown = _shown(source, file)
    try:
        text = read_page(file)
    except ReadError as exc:
        report.problem(shown, exc.line, str(exc))
        return None
    if text.repaired:
        report.note(f"{shown}: front matter {text.repaired}: written with spaces")
    match = _POST_NAME.match(file.stem)
    if group == "posts" and not match:
        report.note(
            f"{shown}: a post without a date in its name, which Jekyll skips: not carried over"
        )
        return None
    rel = file.relative_to(source).as_posix()
    page = Page(
        file=file,
        shown=shown,
        meta=dict(text.meta),
        body=text.body,
        body_line=text.body_line,
        group=group,
        name=match.group(2) if match else file.stem,
        folder=posixpath.dirname(rel),
        date=match.group(1) if match else None,
        draft=group == "drafts" or text.meta.get("published") is False,
    )
    page.keys = {rel, file.stem, rel.rsplit(".", 1)[0]}
    if group in ("posts", "drafts"):
        inner = rel.split(f"_{group}/", 1)[-1]
        page.keys.add(inner.rsplit(".", 1)[0])  # post_url names sub/2020-01-02-x
    return page


def _page_or_file(
    source: Path, file: Path, site: OldSite, report: Report, templates: list[str]
) -> Page | None:
    rel = file.relative_to(source).as_posix()
    try:
        head = file.read_bytes()[:4]
    except OSError:
        return None
    if not head.startswith(b"---"):
        if file.suffix in MARKDOWN:
            shown = _shown(source, file)
            report.note(
                f"{shown}: no front matter, so Jekyll published it as a plain file: left out"
            )
        else:
            site.files.append((file, "/" + rel))
        return None
    if file.suffix not in MARKDOWN:
        templates.append(rel)
        return None
    shown = _shown(source, file)
    try:
        text = read_page(file)
    except ReadError as exc:
        report.problem(shown, exc.line, str(exc))
        return None
    if text.repaired:
        report.note(f"{shown}: front matter {text.repaired}: written with spaces")
    folder = posixpath.dirname(rel)
    name = file.stem if file.stem != "index" else posixpath.basename(folder)
    if not text.body.strip() and (text.meta.get("layout") or not name):
        what = (
            f"the theme's {text.meta['layout']!r} layout" if text.meta.get("layout") else "nothing"
        )
        report.note(f"{shown}: a page made by {what}: not carried over")
        return None
    if not name:
        report.note(f"{shown}: the text of the home page is not carried over")
        return None
    page = Page(
        file=file,
        shown=shown,
        meta=dict(text.meta),
        body=text.body,
        body_line=text.body_line,
        group="",
        name=name,
        folder=folder,
        draft=text.meta.get("published") is False,
    )
    page.keys = {rel, rel.rsplit(".", 1)[0], "/" + rel}
    return page


def _apply_defaults(page: Page, config: dict[str, Any], source: Path) -> None:
    """Front matter defaults (`defaults:` scopes by path and type), under the page's own values."""
    kind = {"posts": "posts", "drafts": "drafts", "": "pages"}.get(page.group, page.group)
    rel = page.file.relative_to(source).as_posix()
    for rule in _as_list(config.get("defaults")):
        if not isinstance(rule, dict) or not isinstance(rule.get("values"), dict):
            continue
        scope = rule.get("scope") or {}
        path, wanted = str(scope.get("path") or ""), scope.get("type")
        if wanted and wanted != kind and not (wanted == "posts" and kind == "drafts"):
            continue
        if path and not rel.startswith(path.strip("/")):
            continue
        for key, value in rule["values"].items():
            page.meta.setdefault(key, value)


def _categories(page: Page) -> list[str]:
    found: list[str] = []
    for key in ("categories", "category"):
        value = page.meta.get(key)
        if isinstance(value, str):
            found += value.split()
        elif isinstance(value, list):
            found += [str(v) for v in value]
    above = page.folder.split("/_posts")[0] if "/_posts" in "/" + page.folder else ""
    folders = [p for p in above.split("/") if p and p != "_posts"]
    return list(dict.fromkeys(c.lower() for c in folders + found))


def _old_url(page: Page, pattern: str, collections: dict[str, Any]) -> str:
    meta = page.meta
    given = meta.get("permalink")
    pretty = pattern.endswith("/")
    slug = urlize(meta["slug"]) if meta.get("slug") else page.name
    values = {
        **date_values(as_date(meta.get("date")) or as_date(page.date)),
        "categories": "/".join(_categories(page)),
        "title": str(meta.get("slug") or page.name),
        "slug": slug,
        "name": urlize(page.name),
        "output_ext": ".html",
        "basename": page.name,
        "path": page.folder,
        "collection": page.group,
    }
    if isinstance(given, str) and given.strip():
        template = given.strip()
    elif page.group in ("posts", "drafts"):
        template = pattern
    elif page.group:
        own = collections.get(page.group, {}).get("permalink")
        template = own or ("/:collection/:path/" if pretty else "/:collection/:path:output_ext")
        values["path"] = posixpath.join(
            page.folder.split("/", 1)[1] if "/" in page.folder else "", page.name
        )
    elif page.file.stem == "index":
        template = "/:path/"
    else:
        template = "/:path/:basename/" if pretty else "/:path/:basename:output_ext"
    url = expand(template, values)
    return folder_path(url) if not url.endswith(".html") else clean_path(url)
