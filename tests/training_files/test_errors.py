"""Bad files get an error naming the file and what is wrong; hostile archives are refused."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from api.training.files import archive
from api.training.files.archive import ArchiveRefused, open_upload
from api.training.files.model import FileProblem
from api.training.files.reader import read

from .conftest import fixture, upload

CUT = "gzip data ends early: the file is cut short"


def problem(name: str, data: bytes) -> str:
    (entry,) = open_upload(name, data)
    if isinstance(entry, FileProblem):
        return str(entry)
    with pytest.raises(FileProblem) as caught:
        read(entry)
    return str(caught.value)


def test_a_truncated_fit_says_how_much_is_missing() -> None:
    assert problem("ride.fit", fixture("truncated.fit")) == (
        "ride.fit: file ends after 1,204 of 4,229 bytes"
    )


def test_a_truncated_gpx_names_the_line() -> None:
    assert problem("morning-run.gpx", fixture("truncated.gpx")) == (
        "morning-run.gpx: not valid XML at line 17"
    )


def test_a_fit_with_a_wrong_checksum_is_damaged() -> None:
    data = bytearray(fixture("ride.fit"))
    data[500] ^= 0xFF
    assert problem("ride.fit", bytes(data)) == (
        "ride.fit: its checksum does not match: the file is damaged"
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.gpx", b"", "the file is empty"),
        ("notes.txt", b"just some words", "not a GPX, TCX or FIT file"),
        ("fake.fit", b"0123456789abcdef", "not a FIT file (no .FIT signature in its header)"),
        ("route.gpx", b'<?xml version="1.0"?><gpx version="1.1"></gpx>', "holds no track points"),
        ("a.tcx", b"<TrainingCenterDatabase/>", "holds no <Activity>"),
        ("b.tcx", b"<gpx/>", "not a TCX file (its root element is <gpx>)"),
        ("latin.gpx", b"<gpx>\n\xff\xfe</gpx>", "not valid utf-8 text at line 2"),
        ("bad.gpx.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 40, "not valid gzip data"),
        ("cut.gpx.gz", gzip.compress(fixture("laps.tcx"))[:2000], CUT),
    ],
)  # fmt: skip
def test_bad_files_name_themselves_and_the_problem(name: str, data: bytes, message: str) -> None:
    assert problem(name, data) == f"{name}: {message}"


def test_a_dtd_is_refused_before_any_parser_sees_it() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>'
    )
    for name in ("bomb.gpx", "bomb.tcx"):
        assert problem(name, laughs).startswith(f"{name}: holds a DTD")


def test_a_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_FILE_BYTES", 1_000_000)
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert problem("huge.gpx.gz", bomb) == "huge.gpx.gz: unpacks to more than 0 MB"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 3_000_000)
    bomb = _zip({f"{i}.gpx": b"\0" * 1_000_000 for i in range(4)})
    assert len(bomb) < 50_000
    with pytest.raises(ArchiveRefused, match="bomb.zip: unpacks to more than 2 MB"):
        list(open_upload("bomb.zip", bomb))


def test_a_zip_that_lies_about_its_sizes_is_still_held_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "MAX_FILE_BYTES", 100_000)
    data = bytearray(_zip({"big.gpx": b"\0" * 1_000_000}))
    # Write a small uncompressed size into the central directory's record.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    (entry,) = open_upload("liar.zip", bytes(data))
    assert isinstance(entry, FileProblem) and entry.name == "big.gpx"


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_ENTRIES", 10)
    with pytest.raises(ArchiveRefused, match="holds 11 entries"):
        list(open_upload("many.zip", _zip({f"{i}.txt": b"" for i in range(11)})))


@pytest.mark.parametrize(
    "path", ["../../etc/evil.gpx", "/abs/evil.gpx", "a/../../evil.gpx", "C:/x.gpx"]
)
def test_a_path_leaving_the_archive_is_refused(path: str) -> None:
    (entry,) = open_upload("export.zip", _zip({path: fixture("laps.tcx")}))
    assert isinstance(entry, FileProblem)
    assert str(entry) == f"{path}: refused: its path leaves the archive"


def test_a_broken_zip_is_refused() -> None:
    with pytest.raises(ArchiveRefused, match="export.zip: not a valid zip file"):
        list(open_upload("export.zip", b"PK\x03\x04 and then nothing"))


def test_a_strava_export_yields_its_workouts_named_from_activities_csv() -> None:
    entries = list(open_upload("export_123.zip", fixture("strava-export.zip")))
    names = [e.name for e in entries]
    assert names == [
        "activities/1001.gpx.gz",
        "activities/1002.fit.gz",
        "activities/1003.tcx",
        "activities/1004.gpx",
    ]  # profile.csv and media/ skipped
    first = entries[0]
    assert first.title == "Saturday long run" and first.sport == "run"
    assert first.data.startswith(b"<?xml")  # unpacked
    assert upload("ride.fit").data == entries[1].data
