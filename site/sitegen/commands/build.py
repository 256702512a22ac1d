"""Freeze the site into a folder with Frozen-Flask: in parallel, and incrementally.

How a build stays fast:
1. Content is loaded and validated once, in this process.
2. Every URL comes with the digests of the items its page shows (`UrlSpec.deps`).
   Its fingerprint hashes those with a *global* fingerprint (templates, static
   files, site.yml, the generator's code, base URL, preview). Fingerprints of the
   last build into the same folder are kept in the cache; a page whose fingerprint
   is unchanged and whose file exists is not rendered again.
3. Pages to render are split among worker processes forked after loading (one
   per core), each with its own Markdown instance; Frozen-Flask renders and
   writes each page (only when its bytes changed; see `freezing`).
4. Rendered Markdown is cached on disk by content hash (`sitegen.render`).
5. A build leaves a stamp of everything it read and wrote (`uptodate`): the
   command line checks it first and skips a build that would change nothing.
Incremental output is byte-identical to a cold build: same code, same inputs.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from flask_frozen import Freezer, FrozenFlaskWarning

from ..content.cache import code_digest
from ..content.problems import BuildError
from ..content.record import Content
from ..render.assets import Assets
from ..render.markdown import flush_cache
from ..stats import known_stats, regular_files
from ..web.published import all_specs, page_urls
from . import uptodate
from .freezing import check_endpoints, freeze_one
from .progress import Progress, Timings

BUILD_VERSION = "1"
SERIAL_BELOW = 64  # fewer pages than this: forking workers costs more than it saves
CHUNK = 48


@dataclass
class BuildReport:
    """What a build did."""

    html_pages: int  # HTML pages in the site
    images: int  # image files published (variants and content/images)
    seconds: float
    files: int = 0  # every file in the site
    rendered: int = 0  # URLs rendered this time (the rest were unchanged)
    removed: int = 0  # stale files deleted
    out_dir: str = ""
    # Problems of files this build leaves out (drafts): `path:line: message`, not fatal.
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        """The warnings, then one line for the terminal."""
        lines = [f"warning: {w}" for w in self.warnings]
        lines.append(
            f"Built {self.html_pages} pages and {self.images} images in {self.seconds:.2f} s "
            f"({self.rendered} of {self.files} files rendered, {self.removed} stale removed)"
            f" -> {self.out_dir}"
        )
        return "\n".join(lines)


def _templates_digest(app) -> str:
    h = hashlib.sha1()
    for name in sorted(app.jinja_env.list_templates()):
        source, filename, _ = app.jinja_env.loader.get_source(app.jinja_env, name)
        h.update(name.encode() + b"\0" + source.encode())
    return h.hexdigest()


def global_fingerprint(app, content: Content, assets: Assets) -> str:
    """Hash everything that may change every page: code, templates, assets, settings."""
    h = hashlib.sha1()
    h.update((BUILD_VERSION + code_digest()).encode())
    h.update(_templates_digest(app).encode())
    for name in assets.published():
        h.update(name.encode())
    site = content.site
    # The navigation is on every page: a kind or feature gaining its first item changes it.
    h.update(repr((content.site_digest, site.base_url, site.api_url, content.preview)).encode())
    h.update(repr(site.nav).encode())
    return h.hexdigest()


def part_digests(registry, content: Content) -> dict[str, list[str]]:
    """What the features' blocks show on each item page (comments), by site path."""
    found: dict[str, list[str]] = {}
    for part in registry.page_parts():
        if part.digests is not None:
            for path, digest in part.digests(content).items():
                found.setdefault(path, []).append(digest)
    return found


def _state_file(cache_dir: Path, out_dir: Path) -> Path:
    key = hashlib.sha1(str(out_dir).encode()).hexdigest()[:16]
    return cache_dir / "builds" / f"{key}.json"


_JOB: dict = {}


def _build_chunk(urls: list[str]) -> tuple[list[str], list[str], str | None]:
    """Render and write `urls` (in a worker); return (done, warnings, error)."""
    freezer: Freezer = _JOB["freezer"]
    done: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for url in urls:
                try:
                    freeze_one(freezer, url)
                except Exception as exc:  # report which page failed and why, then stop
                    detail = str(exc) if isinstance(exc, ValueError) else traceback.format_exc()
                    return done, [], f"{url}: {detail}"
                done.append(url)
        finally:
            flush_cache()  # the bodies this worker rendered, kept for the next build
    messages = [str(w.message) for w in caught if issubclass(w.category, FrozenFlaskWarning)]
    return done, messages, None


def _without_gc(build: Callable[..., BuildReport]) -> Callable[..., BuildReport]:
    """Run `build` with the cyclic garbage collector off in this process (workers turn it on).

    Every collection walks the whole loaded site: 0.3 s of a one-post rebuild at
    4,000 posts, for the few cycles a build leaves behind.
    """

    @functools.wraps(build)
    def without_gc(*args: Any, **kwargs: Any) -> BuildReport:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return without_gc


@_without_gc
def build_site(
    content_dir: Path | str,
    out_dir: Path | str,
    *,
    preview: bool = False,
    base_url: str | None = None,
    incremental: bool = True,
    cache_dir: Path | str | None = None,
    template_dir: Path | str | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    post_build: bool = True,
    stamp: bool = False,
) -> BuildReport:
    """Freeze the site from `content_dir` into `out_dir`; raise ContentError or BuildError.

    With `stamp`, the build leaves the stamp `python -m sitegen build` checks to skip
    the next build when nothing changed (`uptodate`); any build drops the old one.
    """
    from .. import create_app
    from ..content import public_data

    start = time.perf_counter()
    day = dt.date.today()
    fetched = len(public_data.reached)
    content_dir = Path(content_dir).resolve()
    out = Path(out_dir).resolve()
    app = create_app(
        {
            "CONTENT_DIR": content_dir,
            "PREVIEW": preview,
            "BASE_URL": base_url,
            "CACHE_DIR": cache_dir,
            "TEMPLATE_DIR": template_dir,
        }
    )
    state = app.extensions["sitegen"]
    stamp_path = uptodate.stamp_file(state.cache_dir, out)
    uptodate.forget(stamp_path)
    state.assets.pin()
    timings = Timings(start)
    with known_stats(uptodate.take_stats()):  # the check just walked the content
        content = state.content()  # raises ContentError listing every problem
    timings.mark("load and validate")
    if out == content_dir or content_dir.is_relative_to(out):
        raise BuildError(f"refusing to build into {out}: it holds the content folder")
    app.config.update(
        FREEZER_DESTINATION=str(out),
        FREEZER_BASE_URL=content.site.base_url,
        FREEZER_REMOVE_EXTRA_FILES=False,  # done below, knowing skipped pages
        FREEZER_REDIRECT_POLICY="error",
    )
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    script_name = urlsplit(content.site.base_url).path.rstrip("/")
    with app.test_request_context(base_url=script_name or None):
        resolved = page_urls(content)
        none_now = {s.endpoint for s in all_specs(content) if s.values is None}
    seen_endpoints = {spec.endpoint for _url, spec in resolved} | none_now
    # A kind with no items publishes nothing: its views need no URL generator then.
    empty = {
        state.blueprints[k] + "."
        for k, items in content.items.items()
        if not items and k in state.blueprints
    }
    seen_endpoints |= {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith(tuple(empty))
    }
    urls: dict[str, str] = {}
    published: list[tuple[str, object]] = []  # (site path, UrlSpec) for post-build steps
    glob = global_fingerprint(app, content, state.assets)
    parts = part_digests(state.registry, content)
    for full, spec in resolved:
        url = unquote(full[len(script_name) :])
        deps = (*spec.deps, *parts.get(url, ()))
        fp = hashlib.sha1("\0".join((glob, url, *deps)).encode()).hexdigest()
        urls.setdefault(url, fp)
        published.append((url, spec))
    check_endpoints(freezer, seen_endpoints)

    cache = state.cache_dir
    state_path = _state_file(cache, out)
    previous: dict[str, str] = {}
    if incremental and state_path.is_file():
        try:
            previous = json.loads(state_path.read_text("utf-8"))["urls"]
        except (ValueError, KeyError):
            previous = {}
    paths = {url: os.path.join(out, freezer.urlpath_to_filepath(url)) for url in urls}
    found = regular_files(paths.values())  # their stats, for the post-build steps
    todo = [u for u, fp in urls.items() if previous.get(u) != fp or paths[u] not in found]
    timings.mark("list URLs, compare fingerprints")
    out.mkdir(parents=True, exist_ok=True)
    # Forget the old fingerprints first: if this build fails half-way, the next one
    # must not trust pages this one did not finish.
    if state_path.is_file():
        state_path.unlink()
    _freeze(app, freezer, todo, jobs, progress)
    timings.mark(f"render {len(todo)} pages")
    # Same pages as last time: nothing of ours can be stale, skip walking thousands of files.
    same_pages = bool(previous) and previous.keys() == urls.keys()
    owned = [p for step in state.registry.post_build_steps() for p in step.owns]
    removed = 0 if same_pages else _remove_stale(out, set(paths.values()), owned)
    timings.mark("remove stale files")
    for path in map(paths.__getitem__, todo):
        found.pop(path, None)  # written (or found the same) since
    with known_stats(found):
        for step in state.registry.post_build_steps() if post_build else ():
            if not incremental:  # a full build makes what the step derives from scratch too
                for folder in step.derived:
                    shutil.rmtree(out / folder, ignore_errors=True)
            step.run(out, content, published)
    timings.mark("post-build steps")
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps({"urls": urls}, sort_keys=True), "utf-8")
    pages = sum(1 for u in urls if u.endswith("/") or u.endswith(".html"))
    images = sum(1 for u in urls if u.startswith(("/media/", "/images/")))
    report = BuildReport(
        html_pages=pages,
        images=images,
        seconds=time.perf_counter() - start,
        files=len(urls),
        rendered=len(todo),
        removed=removed,
        out_dir=str(out),
        warnings=tuple(map(str, content.extras.get("warnings", ()))),
    )
    if stamp and len(public_data.reached) == fetched:  # API data may change with no file
        flags = {"preview": preview, "base_url": base_url, "post_build": post_build}
        flags |= {"template_dir": template_dir and Path(template_dir).resolve()}
        opts = uptodate.options(content_dir, out, cache=state.cache_dir, **flags)
        folders = _read_folders(app, content_dir, state.cache_dir, template_dir)
        expires = [f.expires(content) for f in state.registry.features.values() if f.expires]
        expiry = min((e for e in expires if e is not None), default=None)
        what = {"html_pages": pages, "images": images, "warnings": list(report.warnings)}
        steps = state.registry.post_build_steps() if post_build else []
        owned = [pattern for step in steps for pattern in step.owns]
        globbed = [pattern for pattern in owned if any(c in pattern for c in "*?[")]
        literal = [os.path.join(out, pattern) for pattern in owned if pattern not in globbed]
        uptodate.record(
            stamp_path,
            opts,
            folders,
            out,
            day=day,
            expires=expiry,
            report=what,
            written=[*paths.values(), *literal],
            steps=[_glob_folder(pattern) for pattern in globbed],
            derived=[folder for step in steps for folder in step.derived],
        )
    return report


def _glob_folder(pattern: str) -> str:
    """The folder a glob pattern of output paths lies in: `pagefind/*` -> `pagefind`."""
    parts = pattern.split("/")
    first = next(i for i, part in enumerate(parts) if any(c in part for c in "*?["))
    return "/".join(parts[:first])


def _read_folders(app, content_dir: Path, cache_dir: Path, template_dir) -> list[str]:
    """The folders a build reads files from: content, theme and kinds, kept API data."""
    roots = {Path(app.root_path)} | {Path(bp.root_path) for bp in app.blueprints.values()}
    roots = {r for r in roots if not any(o != r and r.is_relative_to(o) for o in roots)}
    found = [content_dir, *sorted(roots), cache_dir / "public"]
    if template_dir:
        found.append(Path(template_dir).resolve())
    return [str(f) for f in found]


def _freeze(
    app, freezer: Freezer, todo: list[str], jobs: int | None, progress: bool | None
) -> None:
    bar = Progress(len(todo), sys.stderr.isatty() if progress is None else progress)
    jobs = jobs or min(os.cpu_count() or 1, 4)
    failures: list[str] = []
    if (
        jobs < 2
        or len(todo) < SERIAL_BELOW
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        _JOB["freezer"] = freezer
        for i in range(0, len(todo), CHUNK):
            done, messages, error = _build_chunk(todo[i : i + CHUNK])
            failures += messages + ([error] if error else [])
            bar.advance(len(done))
            if error:
                break
    else:
        _warm(app)
        _JOB["freezer"] = freezer
        # Post pages first: they take longest, so the list pages fill in the gaps at the end.
        chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
        gc.collect()
        gc.freeze()  # keep workers from copying pages they only read
        try:
            with multiprocessing.get_context("fork").Pool(jobs, initializer=gc.enable) as pool:
                for done, messages, error in pool.imap_unordered(_build_chunk, chunks):
                    failures += messages + ([error] if error else [])
                    bar.advance(len(done))
                    if error:
                        pool.terminate()
                        break
        finally:
            gc.unfreeze()
    bar.close()
    if failures:
        raise BuildError("page failed to build: " + failures[0])


def _warm(app) -> None:
    """Compile templates and import lazy modules once, before forking workers."""
    for name in app.jinja_env.list_templates():
        if name.endswith((".html", ".xml", ".txt")):
            app.jinja_env.get_template(name)
    import feedgen.feed  # noqa: F401
    import pygments.formatters.html  # noqa: F401

    from ..render.markdown import _instances

    _instances()


def _remove_stale(out: Path, keep: set[str], owned: list[str]) -> int:
    removed = 0
    root = str(out)
    for dirpath, _dirs, filenames in os.walk(root, topdown=False):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if path in keep:
                continue
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if any(fnmatch(rel, p) for p in owned):
                continue
            os.unlink(path)
            removed += 1
        if dirpath != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return removed
