"""Load `content/`: read every file of every kind, validate, build the objects templates use.

`load_content` is pure apart from reading files (and creating image variants in the
cache): no Flask needed, no views imported. Every problem in every file is collected
and raised at once as a `ContentError`.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render.markdown import flush_cache
from ..render.shortcodes import has_tags, rewrite, scan
from ..stats import stat
from . import cache as itemcache
from .body_images import body_images
from .files import item_stem, kind_files
from .frontmatter import parse
from .links import body_links, may_link, prose_of
from .problems import ContentError, Problem
from .record import Content, Loader, Record
from .refs import resolve_refs
from .schema import Source
from .siteconfig import default_nav, load_site

if TYPE_CHECKING:
    from ..registry import Kind, Registry


_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def slug_and_date(stem: str) -> tuple[str, str | None]:
    """Split Jekyll's `2024-05-01-my-post` into slug `my-post` and date `2024-05-01`."""
    match = _JEKYLL_NAME.match(stem)
    if match:
        return match.group(2), match.group(1)
    return stem, None


def load_content(
    root: Path | str,
    *,
    preview: bool = False,
    cache_dir: Path | str | None = None,
    today: dt.date | None = None,
    registry: Registry | None = None,
) -> Content:
    """Load and validate every file under `root`; raise ContentError listing all problems.

    `registry` defaults to the built-in kinds plus those `site.yml` registers.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise ContentError([Problem(str(root), None, None, "content folder not found")])
    if registry is None:
        from ..registry import site_registry

        registry = site_registry(root)
    loader = Loader(
        root=root,
        cache_dir=Path(cache_dir) if cache_dir else root.parent / ".cache" / "sitegen",
        preview=preview,
        today=today or dt.date.today(),
        shown_root=root.parent,
    )
    itemcache.restore(loader)
    digest = hashlib.sha1()
    site_src = Source(loader.shown(root / "site.yml"), root)
    site_digest = hashlib.sha1()
    home = {name: section.weight for name, section in registry.home_sections().items()}
    site = load_site(root / "site.yml", site_src, loader.image, site_digest, home)
    digest.update(site_digest.digest())
    for feature in registry.features.values():  # site.yml blocks of features (`comments:`)
        if feature.setting is not None:
            name = feature.setting.name
            site.params[name] = feature.setting.read(site.params.get(name), site_src, registry)
    loader.problems.extend(site_src.problems)
    loader.prefix = site.base_path
    loader.language = (site.language or "en").split("-")[0].lower()
    content = Content(root=root, site=site, preview=preview, cache_dir=loader.cache_dir)
    registered = registry.loading_kinds()
    loose = _loose_kind(root, registered)
    for kind in registered.values():
        folder = root if kind is loose else root / kind.name
        content.items[kind.name] = _load_kind(kind, folder, loader, digest)
    if not preview:
        for name, items in content.items.items():
            content.items[name] = [i for i in items if not (i.draft or i.future)]
    resolve_refs(content, loader.problems, loader.orphan_refs)
    for kind in registered.values():
        if kind.finish:
            kind.finish(content.items[kind.name], content)
    if not site.nav_given:  # a kind with nothing to show is not in the navigation
        entries = registry.nav_entries(content.present())
        site.nav = default_nav([(n.title, n.path) for n in entries])
    if loader.problems:
        # Pages of files left out: links to them are not reported as broken as well.
        content.extras["failed_slugs"] = sorted(loader.failed)
        raise ContentError(loader.problems, partial=content)
    content.digest = digest.hexdigest()
    if loader.fresh:
        itemcache.persist(loader)
    content.extras["media"] = sorted(loader.media)
    content.extras["warnings"] = sorted(set(loader.warnings))
    content.site_digest = site_digest.hexdigest()
    return content


def _loose_kind(root: Path, kinds: dict[str, Kind]) -> Kind | None:
    """The kind a bare folder of Markdown files (no kind folders) is read as, if any."""
    names = os.listdir(root)
    if any(name in kinds for name in names) or not any(n.endswith(".md") for n in names):
        return None
    return next((k for k in kinds.values() if k.loose_files), None)


def _load_kind(kind: Kind, folder: Path, loader: Loader, digest: Any) -> list:
    if not folder.is_dir():
        return []
    files, left_out = kind_files(kind.extensions, folder, loader.language)
    loader.warnings += [Problem(loader.shown(path), None, None, why) for path, why in left_out]
    stats = {file: stat(file) for file in files}  # once: whether each changed, then its stamp
    prefetched = _read_in_parallel(kind, files, loader, stats)
    items = []
    seen: dict[str, str] = {}
    for file in files:
        item = _load_file(kind, file, loader, digest, prefetched.pop(str(file), None), stats[file])
        if item is None:
            continue
        if item.slug in seen:
            loader.problems.append(
                Problem(
                    item.source, None, "slug", f"'{item.slug}' is already used by {seen[item.slug]}"
                )
            )
            continue
        seen[item.slug] = item.source
        items.append(item)
    return items


PARALLEL_READ_MIN = 300  # fewer files to read than this: forking costs more than it saves
_job: dict[str, Any] = {}


class _Recorder:
    """Stands in for a hash object in a worker; the parent replays the updates."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def update(self, data: bytes) -> None:
        self.parts.append(data)


def _read_chunk(files: list[str]) -> list[tuple]:
    kind, loader = _job["kind"], _job["loader"]
    results = []
    for name in files:
        marks = [len(loader.problems), len(loader.orphan_refs), len(loader.warnings)]
        media = set(loader.media)
        recorder = _Recorder()
        item = _read_file(kind, Path(name), loader, recorder)
        found = (loader.problems[marks[0] :], sorted(loader.media - media), recorder.parts)
        later = (loader.orphan_refs[marks[1] :], loader.warnings[marks[2] :])
        results.append((name, item, *found, *later))
    flush_cache()  # bodies a kind renders as it reads (recipes, events), for the next build
    return results


def _read_in_parallel(
    kind: Kind, files: list[Path], loader: Loader, stats: dict[Path, os.stat_result]
) -> dict[str, tuple]:
    """Read and validate new or changed files on every core (a cold build of a big site)."""
    import multiprocessing
    import threading

    todo = [str(f) for f in files if not itemcache.reusable(kind.name, f, loader, stats[f])]
    jobs = min(os.cpu_count() or 1, 4)
    if (
        len(todo) < PARALLEL_READ_MIN
        or jobs < 2
        or multiprocessing.current_process().daemon
        # Forking a threaded server (the preview) from a request thread is not safe.
        or threading.current_thread() is not threading.main_thread()
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return {}
    _job.update(kind=kind, loader=loader)
    size = max(50, len(todo) // (jobs * 4))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=gc.enable) as pool:
        return {r[0]: r for chunk in pool.map(_read_chunk, chunks) for r in chunk}


def _load_file(
    kind: Kind,
    file: Path,
    loader: Loader,
    digest: Any,
    prefetched: tuple | None = None,
    st: os.stat_result | None = None,
) -> Any:
    st = st or os.stat(file)
    stamp = (st.st_mtime_ns, st.st_size, loader.today)
    key = (str(loader.cache_dir), kind.name, str(file))
    cached = itemcache.reuse.get(key)
    if cached and cached[0] == stamp and cached[1] == loader.preview:
        item = cached[2]
        if itemcache.unchanged(getattr(item, "image_stamps", ())):
            digest.update(file.name.encode() + item.file_digest.encode())
            if getattr(item, "media", None):
                loader.media.update(item.media)
            return item
    loader.fresh += 1
    if prefetched is not None:
        _name, item, problems, media, parts, orphans, warnings = prefetched
        for part in parts:
            digest.update(part)
        loader.problems.extend(problems)
        loader.media.update(media)
        loader.orphan_refs.extend(orphans)
        loader.warnings.extend(warnings)
    else:
        item = _read_file(kind, file, loader, digest)
    if item is not None:
        itemcache.store(key, (stamp, loader.preview, item))
    return item


def _read_file(kind: Kind, file: Path, loader: Loader, digest: Any) -> Any:
    raw = file.read_bytes()
    file_digest = hashlib.sha1(raw).hexdigest()
    digest.update(file.name.encode() + file_digest.encode())
    shown = loader.shown(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        loader.problems.append(Problem(shown, None, None, f"not UTF-8 text ({exc.reason})"))
        return None
    parsed = parse(text)
    src = Source(shown, loader.root, parsed.lines)
    if parsed.error:
        line, message = parsed.error
        loader.problems.append(Problem(shown, line, None, message))
        return None
    folder = file.parent
    if file.stem.split(".")[0] == "index" and folder not in (loader.root, loader.root / kind.name):
        folder = folder.parent  # a page bundle, `posts/my-trip/index.md`
    slug, name_date = slug_and_date(item_stem(file, folder, loader.language))
    record = Record(
        file=file,
        slug=slug,
        values={},
        params={},
        body=parsed.body,
        body_line=parsed.body_line,
        digest=file_digest,
        src=src,
        loader=loader,
    )
    meta = dict(parsed.meta)
    if name_date and "date" not in meta:
        meta["date"] = name_date
    if kind.normalize:
        meta = kind.normalize(meta, record)
    if meta.get("slug"):
        record.slug = str(meta["slug"]).strip("/ ")
    values, params = kind.schema.validate(meta, src)
    # A draft is left out of a production build: its problems must not stop it.
    left_out = not loader.preview and str(meta.get("draft", "")).lower() in ("true", "yes", "1")
    params.pop("slug", None)
    record.values, record.params = values, params
    tag_refs: list[tuple[int, str]] = []
    linkable = record.body
    if has_tags(record.body):  # Hugo shortcodes, Jekyll Liquid: problems now, links as rendered
        found = scan(record.body, record.body_line)
        for line, message in found.problems:
            src.error(None, message, line)
        tag_refs = found.refs
        linkable = rewrite(record.body, {})
    prose = prose_of(linkable) if may_link(linkable) or "![" in linkable else ""
    record.body_images = body_images(record, prose)
    item = None
    if not src.problems:
        item = kind.make(record)
    if left_out and src.problems:
        loader.warnings.extend(src.problems)
        return None
    loader.problems.extend(src.problems)
    if src.problems:
        item = None  # `make` reported problems: the file is not published
        loader.failed.add(record.slug)
        loader.orphan_refs.extend((shown, line, target) for line, target in tag_refs)
    if item is not None:
        item.file_digest = file_digest
        item.file_path = str(file)
        item.image_stamps = record.image_stamps
        item.media = [p.rsplit("/", 1)[-1] for p in record.media]
        item.body_links = body_links(prose, record.body_line)
        item.tag_refs = tag_refs
        item.uses_tags = linkable is not record.body
        item.body_images = record.body_images
        if kind.schema.added:  # features' fields (`comments: false`), read by the features
            item.feature_fields = {name: values[name] for name in kind.schema.added}
        if record.image_digests:
            item.digest = hashlib.sha1(
                "".join([record.digest, *record.image_digests]).encode()
            ).hexdigest()
    return item
