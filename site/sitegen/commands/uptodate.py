"""Skip a build when nothing it reads has changed since the last one, as make does.

A build into a folder leaves a stamp in the cache folder (`builds/<key>.stamp.json`):

- the size and modification time of every file it read: the content folder, the
  theme and code of every package a kind or feature comes from, the module file
  of every Python module it imported (so a library upgrade counts), the copies
  of the API's public data kept from the last fetch;
- its options and the `SITEGEN_*` / `PAGEFIND_*` environment;
- the modification time of each output folder the build wrote a file in, and of
  every folder a post-build step writes but those it derives: a file added,
  removed or renamed there, or the folder removed, changes it (as for make, a
  file edited by hand in the output is not looked at: a build would keep it too);
- until when its pages stay right with no input changed: the day it ran (future
  posts appear, events become past) and the soonest instant a feature names
  (`Feature.expires`: a comment thread closing by age).

`python -m sitegen build` checks the stamp before importing anything heavy (this
module needs only the standard library). When every part matches, the folder
holds what the build would write, and the command says so in milliseconds.
Anything else — a changed, added or removed file, another day, `--full`, a
build that fetched data from the API (which may have changed since) — runs the
build, itself incremental, which writes a new stamp when it succeeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

VERSION = "3"
ENV_PREFIXES = ("SITEGEN_", "PAGEFIND_")
ENV_IGNORED = ("SITEGEN_TIMINGS",)  # only prints phase timings
SKIPPED_DIRS = ("__pycache__",)


def cache_dir_for(content_dir: Path, cache_dir: Path | str | None = None) -> Path:
    """The cache folder a build of `content_dir` uses (as `create_app` picks it)."""
    chosen = cache_dir or os.environ.get("SITEGEN_CACHE_DIR")
    return Path(chosen or content_dir.parent / ".cache" / "sitegen").resolve()


def stamp_file(cache_dir: Path, out_dir: Path) -> Path:
    key = hashlib.sha1(str(out_dir).encode()).hexdigest()[:16]
    return cache_dir / "builds" / f"{key}.stamp.json"


def options(content_dir: Path, out_dir: Path, **flags: object) -> str:
    """The build's options and environment, as one string to compare."""
    env = {
        k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIXES) and k not in ENV_IGNORED
    }
    given = {k: str(v) if isinstance(v, Path) else v for k, v in sorted(flags.items())}
    what = [VERSION, sys.version, sys.executable, str(content_dir), str(out_dir), given, env]
    return json.dumps(what, sort_keys=True, default=str)


def _tree(digest, root: Path, stats: dict | None = None) -> int:
    """Add every file under `root` (path, size, mtime) to `digest`; return the count."""
    lines: list[str] = []
    _walk(str(root), lines, stats)
    digest.update("".join(lines).encode("utf-8", "surrogateescape"))
    digest.update(f"{root}\0{len(lines)}\n".encode())
    return len(lines)


def _walk(folder: str, lines: list[str], stats: dict | None = None) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True):
                if entry.name not in SKIPPED_DIRS:
                    _walk(entry.path, lines, stats)
                continue
            st = entry.stat()
        except OSError:
            continue  # removed while walking: the next check differs anyway
        if stats is not None:
            stats[entry.path] = st
        lines.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\n")


def _files(digest, paths: Iterable[str]) -> None:
    for path in paths:
        try:
            st = os.stat(path)
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}\0missing\n".encode())


# Digests of folders walked by this process's check, for the stamp of the build that
# follows: taken before the build read them, so an edit made during it is seen next time.
_walked: dict[str, tuple[str, int]] = {}
# The stat of each file the check walked, for that build's loader (`take_stats`).
_stats: dict[str, os.stat_result] = {}


def take_stats() -> dict[str, os.stat_result]:
    """The stats the last check took of the files it walked (once: then forgotten).

    The build right after the check reads its content with them instead of a
    second stat of every file; like the digests, they are older than the build's
    reading, so a file edited in between is seen as changed by the next check.
    """
    taken = dict(_stats)
    _stats.clear()
    return taken


def folders_digest(folders: Iterable[str], reuse: bool = False) -> tuple[str, int]:
    """Digest of the files in `folders`, with their count."""
    digest = hashlib.sha256()
    count = 0
    for folder in folders:
        if reuse and folder in _walked:  # used once, by the build right after the check
            part, n = _walked.pop(folder)
        else:
            one = hashlib.sha256()
            n = _tree(one, Path(folder), None if reuse else _stats)
            part = one.hexdigest()
            if not reuse:
                _walked[folder] = (part, n)
        digest.update(f"{folder}\0{part}\n".encode())
        count += n
    return digest.hexdigest(), count


def modules_digest(modules: Iterable[str]) -> str:
    digest = hashlib.sha256()
    _files(digest, modules)
    return digest.hexdigest()


def output_folders(
    out_dir: Path, written: Iterable[str], steps: Iterable[str] = (), derived: Iterable[str] = ()
) -> list[str]:
    """The output folders the stamp watches, relative to `out_dir` ("." for itself).

    Those holding a file of `written` (the build's pages and files), and every folder
    under the `steps` folders (where post-build steps write) but the `derived` ones.
    """
    root = str(out_dir)
    found = {os.path.dirname(path) for path in written}
    found.add(root)
    skip = frozenset(os.path.join(root, d) for d in derived)
    for top in steps:
        _folders(os.path.join(root, top) if top else root, found, skip)
    inside = len(root) + 1
    return sorted(
        "." if f == root else f[inside:] for f in found if f == root or f.startswith(root + os.sep)
    )


def _folders(folder: str, found: set[str], skip: frozenset[str]) -> None:
    if folder in skip:
        return
    found.add(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True) and entry.name not in SKIPPED_DIRS:
                _folders(entry.path, found, skip)
        except OSError:
            continue


def outputs_digest(out_dir: Path, folders: Iterable[str]) -> str:
    """Digest of the modification times of `folders` of the output (`output_folders`)."""
    digest = hashlib.sha256()
    for rel in folders:
        try:
            when = os.stat(os.path.join(out_dir, rel)).st_mtime_ns
        except OSError:
            when = -1
        digest.update(f"{rel}\0{when}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def imported_modules() -> list[str]:
    """The files of every Python module imported so far (the code a build ran)."""
    found = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and os.path.isfile(file):
            found.add(os.path.abspath(file))
    return sorted(found)


def record(
    stamp: Path,
    opts: str,
    folders: list[str],
    out_dir: Path,
    *,
    day: dt.date,
    expires: dt.datetime | None,
    report: dict,
    written: Iterable[str] = (),
    steps: Iterable[str] = (),
    derived: Iterable[str] = (),
) -> None:
    """Write the stamp of a build that just succeeded.

    `written` are the files the build wrote (or found right), `steps` the output
    folders post-build steps write in, and `derived` the ones of those the stamp
    leaves out (`PostBuildStep.derived`): see `output_folders`.
    """
    modules = imported_modules()
    outdirs = output_folders(out_dir, written, steps, derived)
    data = {
        "options": opts,
        "folders": folders,
        "modules": modules,
        "inputs": folders_digest(folders, reuse=True)[0],
        "code": modules_digest(modules),
        "outdirs": outdirs,
        "outputs": outputs_digest(out_dir, outdirs),
        "day": day.isoformat(),
        "expires": expires.astimezone(dt.UTC).isoformat() if expires else None,
        "report": report,
    }
    stamp.parent.mkdir(parents=True, exist_ok=True)
    tmp = stamp.with_name(f"{stamp.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data), "utf-8")
    tmp.replace(stamp)


def forget(stamp: Path) -> None:
    """Drop the stamp (a build starts: until it succeeds, nothing is known up to date)."""
    stamp.unlink(missing_ok=True)


def check(stamp: Path, opts: str, out_dir: Path) -> dict | None:
    """Return the last build's report if nothing has changed since, else None."""
    try:
        data = json.loads(stamp.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("options") != opts:
        return None
    if data.get("day") != dt.date.today().isoformat():
        return None
    expires = data.get("expires")
    if expires and dt.datetime.now(dt.UTC) >= dt.datetime.fromisoformat(expires):
        return None
    inputs, count = folders_digest(data.get("folders", []))
    if inputs != data.get("inputs") or modules_digest(data.get("modules", [])) != data.get("code"):
        return None
    outdirs = data.get("outdirs")
    if not isinstance(outdirs, list) or outputs_digest(out_dir, outdirs) != data.get("outputs"):
        return None
    report = dict(data.get("report") or {})
    report["checked"] = count + len(data.get("modules", []))
    return report


def summary(report: dict, seconds: float, out_dir: Path) -> str:
    """What the command prints when it skips the build."""
    lines = [f"warning: {w}" for w in report.get("warnings", ())]
    lines.append(
        f"Up to date: {report.get('html_pages', 0)} pages and {report.get('images', 0)} images,"
        f" nothing changed in {report.get('checked', 0)} files since the last build"
        f" (checked in {seconds:.2f} s) -> {out_dir}"
    )
    return "\n".join(lines)


def skip_if_unchanged(content_dir: Path, out_dir: Path, **flags: object) -> str | None:
    """The message to print when the build in `out_dir` is up to date, else None."""
    started = time.perf_counter()
    content_dir, out_dir = content_dir.resolve(), out_dir.resolve()
    if not content_dir.is_dir():
        return None
    cache = cache_dir_for(content_dir)
    opts = options(content_dir, out_dir, **flags)
    report = check(stamp_file(cache, out_dir), opts, out_dir)
    if report is None:
        return None
    return summary(report, time.perf_counter() - started, out_dir)
