"""Move a Hugo or Jekyll site here: `python -m sitegen import hugo|jekyll SOURCE --content DIR`.

One module per generator reads the old site (`hugo`, `jekyll`) into pages and
settings; the shared parts decide each page's kind and address (`classify`),
map every old address to its new one (`addresses`), rewrite links (`links`),
convert front matter (`convert`), plan redirects and navigation (`plan`) and
write a new content folder (`write`). The folder is then checked as a build
would check it, so the report lists every problem a build would have.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .classify import assign_kinds, assign_slugs
from .model import Report

GENERATORS = ("hugo", "jekyll")
NOT_FOUND = "/404.html"  # where static hosts find a site's "page not found" page


def import_site(
    generator: str, source: Path | str, dest: Path | str, *, check: bool = True
) -> Report:
    """Write a new content folder at `dest` from the site at `source`; return the report.

    Raises FileExistsError if `dest` holds anything, LookupError for an unknown
    generator or a missing source folder.
    """
    from ..registry import load_registry
    from .addresses import Addresses
    from .convert import front_matter
    from .hugo import read_hugo
    from .jekyll import read_jekyll
    from .links import LinkRewriter
    from .plan import Redirects, group_indexes, list_redirects, nav, page_aliases
    from .settings import site_yml
    from .write import copy_file, copy_folder, refuse_existing, write_item, write_site

    source, dest = Path(source), Path(dest)
    if generator not in GENERATORS:
        raise LookupError(f"no importer for {generator!r}; choose {' or '.join(GENERATORS)}")
    if not source.is_dir():
        raise LookupError(f"{source}: no such folder")
    refuse_existing(dest)
    report = Report(generator, source, dest)
    site = (read_hugo if generator == "hugo" else read_jekyll)(source, report)
    for page in [p for p in site.pages if p.old_url == NOT_FOUND]:
        site.pages.remove(page)
        site.moved[NOT_FOUND] = site.moved["/404"] = NOT_FOUND
        report.note(f"{page.shown}: the old site's 404 page: Frostfolio has its own")
    kinds = load_registry().kinds
    reserved = engine_paths(dest)
    assign_kinds(site.pages, report)
    assign_slugs(site.pages, reserved, report)
    addresses = Addresses(site, group_indexes(site.pages), site.settings.base_url)
    rewriter = LinkRewriter(addresses, report)
    redirects = Redirects(reserved | {p.url for p in site.pages}, report)
    items = []
    for page in site.pages:
        aliases = page_aliases(page, redirects)
        meta = front_matter(page, generator, kinds[page.kind], addresses, aliases, report)
        items.append((page, meta, rewriter.body(page)))
        report.counts[page.kind] += 1
        report.drafts += page.draft
    listed = list_redirects(site, group_indexes(site.pages), redirects)
    site.settings.nav = nav(site, addresses)
    data = site_yml(site.settings, generator, lambda url: url, report)
    if listed:
        data["redirects"] = listed
    header = (
        f"Imported from the {generator.title()} site {source.resolve().name} on "
        f"{dt.date.today().isoformat()} (python -m sitegen import {generator}).\n"
        "What was and was not carried over: README, 'Moving from Hugo or Jekyll'."
    )
    write_site(dest, data, header)
    for page, meta, body in items:
        write_item(dest, page.dest, meta, body)
        for file in page.resources:
            rel = file.relative_to(page.bundle).as_posix() if page.bundle else file.name
            report.copied["from page bundles"] += copy_file(dest, file, page.url + rel)
    for folder, served in site.static:
        copied = copy_folder(dest, folder, served)
        for path in [p for p in copied if p in reserved]:  # robots.txt, sitemap.xml…
            (dest / "static" / path.lstrip("/")).unlink()
            copied.remove(path)
            report.note(f"{folder.name}{path}: Frostfolio writes its own {path}: not copied")
        report.copied["from static folders"] += len(copied)
    for file, path in site.files:
        if path in reserved:
            report.note(f"{path.lstrip('/')}: Frostfolio writes its own {path}: not copied")
        else:
            report.copied["other files"] += copy_file(dest, file, path)
    if check:
        problems, warnings = check_built(dest)
        report.problems += problems
        for warning in warnings:
            report.note(f"warning: {warning}")
    return report


def engine_paths(dest: Path) -> set[str]:
    """Addresses Frostfolio's own pages take (/contact/, /blog/, /tags/…), from its URL map."""
    from .. import create_app

    app = create_app({"CONTENT_DIR": dest, "CACHE_DIR": dest.parent / ".cache" / "sitegen"})
    return {rule.rule for rule in app.url_map.iter_rules() if not rule.arguments}


def check_built(dest: Path) -> tuple[list[str], list[str]]:
    """Every problem and warning (drafts' problems) a build of `dest` would report."""
    from .. import create_app
    from ..content.problems import ContentError

    app = create_app({"CONTENT_DIR": dest})
    try:
        content = app.extensions["sitegen"].content()
    except ContentError as exc:
        return [str(p) for p in exc.problems], []
    return [], [str(w) for w in content.extras.get("warnings", ())]
