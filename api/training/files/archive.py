"""Open an upload: one file (maybe gzipped) or a zip such as Strava's bulk export.

A zip is read in memory and never written to disk, and is still held to:
at most :data:`MAX_ENTRIES` entries, :data:`MAX_TOTAL_BYTES` unpacked in all,
:data:`MAX_FILE_BYTES` for any one file (gzip included), and no entry whose
path is absolute or climbs out with ``..``. Files that are not workouts
(Strava's photos, profile, other CSVs) are skipped. Strava's
``activities.csv`` gives each file its name and sport.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from .model import FileProblem, sport_from

MAX_ENTRIES = 2_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024
KINDS = ("gpx", "tcx", "fit")


class ArchiveRefused(Exception):
    """A whole upload refused (a zip bomb, too many entries, not a zip at all)."""


@dataclass(frozen=True, slots=True)
class Upload:
    """One file to import: its name, bytes (unpacked) and what a Strava export says of it."""

    name: str
    data: bytes
    kind: str
    title: str | None = None
    sport: str | None = None


def kind_of(name: str, data: bytes) -> str:
    """Tell GPX, TCX or FIT from the name, or else from the first bytes."""
    base = name.lower().removesuffix(".gz")
    for kind in KINDS:
        if base.endswith("." + kind):
            return kind
    if data[8:12] == b".FIT":
        return "fit"
    head = data[:2000].decode("utf-8", "replace")
    if "<gpx" in head:
        return "gpx"
    if "TrainingCenterDatabase" in head:
        return "tcx"
    raise FileProblem(name, "not a GPX, TCX or FIT file")


def gunzip(name: str, data: bytes, limit: int | None = None) -> bytes:
    """Unpack gzip data, refusing more than ``limit`` bytes out (a gzip bomb)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise FileProblem(name, "not valid gzip data") from None
    if len(out) > limit:
        raise FileProblem(name, f"unpacks to more than {limit // 2**20} MB")
    if not inflater.eof:
        raise FileProblem(name, "gzip data ends early: the file is cut short")
    return out


def _single(name: str, data: bytes) -> Upload:
    if data[:2] == b"\x1f\x8b":
        data = gunzip(name, data)
    return Upload(name=name, data=data, kind=kind_of(name, data))


def _safe_path(path: str) -> bool:
    if path.startswith(("/", "\\")) or "\\" in path or ":" in path.split("/", 1)[0]:
        return False
    return ".." not in posixpath.normpath(path).split("/") and "\x00" not in path


def _strava_index(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, tuple[str, str]]:
    """Map each export file's path to its (title, sport) from activities.csv."""
    index = next((i for i in infos if posixpath.basename(i.filename) == "activities.csv"), None)
    if index is None or index.file_size > MAX_FILE_BYTES:
        return {}
    try:
        text = zf.read(index).decode("utf-8-sig")
    except (zipfile.BadZipFile, UnicodeDecodeError, zlib.error):
        return {}
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        filename = (row.get("Filename") or "").strip()
        if filename:
            title = (row.get("Activity Name") or "").strip()
            out[filename] = (title, (row.get("Activity Type") or "").strip())
    return out


def _is_workout(path: str) -> bool:
    base = path.lower().removesuffix(".gz")
    return base.endswith(tuple("." + k for k in KINDS))


def open_upload(name: str, data: bytes) -> Iterator[Upload | FileProblem]:
    """Yield each workout file of an upload, or the problem that keeps it out."""
    if not (data[:4] == b"PK\x03\x04" or name.lower().endswith(".zip")):
        try:
            yield _single(name, data)
        except FileProblem as problem:
            yield problem
        return
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArchiveRefused(f"{name}: not a valid zip file") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveRefused(f"{name}: holds {len(infos):,} entries (at most {MAX_ENTRIES:,})")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise ArchiveRefused(f"{name}: unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB")
    strava = _strava_index(zf, infos)
    unpacked = 0
    for info in infos:
        path = info.filename
        if info.is_dir() or not _is_workout(path):
            continue
        if not _safe_path(path):
            yield FileProblem(path, "refused: its path leaves the archive")
            continue
        if info.file_size > MAX_FILE_BYTES:
            yield FileProblem(path, f"unpacks to more than {MAX_FILE_BYTES // 2**20} MB")
            continue
        try:
            with zf.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
            yield FileProblem(path, f"cannot be unpacked ({exc})")
            continue
        unpacked += len(content)
        if unpacked > MAX_TOTAL_BYTES:
            raise ArchiveRefused(f"{name}: unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB")
        try:
            upload = _single(path, content)
        except FileProblem as problem:
            yield problem
            continue
        title, sport = strava.get(path, (None, None))
        yield Upload(
            path, upload.data, upload.kind, title or None, sport_from(sport) if sport else None
        )
