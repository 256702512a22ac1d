"""`python -m sitegen build` skips a build that would change nothing, and only then."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import types
from pathlib import Path

import pytest
from sitegen.cli import main
from sitegen.commands import uptodate
from sitegen.content import loader

from .conftest import post
from .test_kinds import site_yml, trip, trips_module  # noqa: F401 - the fixture


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `sitegen build` on tmp_path/content into tmp_path/build; return what it printed."""
    monkeypatch.setenv("SITEGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SITEGEN_OFFLINE", raising=False)

    def run(*extra: str) -> str:
        args = ["--content", str(tmp_path / "content"), "--out", str(tmp_path / "build")]
        assert main(["build", *args, "--jobs", "1", *extra]) == 0
        return capsys.readouterr().out

    return run


def stamps(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "builds").glob("*.stamp.json"))


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_second_build_with_nothing_changed_writes_nothing(write, tmp_path, cli):
    write({"site.yml": "title: T\n", "posts/hello.md": post("Hello")})
    assert cli().startswith("Built ")
    before = files(tmp_path / "build")
    said = cli()
    assert said.startswith("Up to date: ") and str(tmp_path / "build") in said
    assert files(tmp_path / "build") == before


def test_an_edited_added_or_removed_file_is_built(write, tmp_path, cli):
    content = write({"site.yml": "title: T\n", "posts/hello.md": post("Hello")})
    cli()
    write({"posts/hello.md": post("Hello", body="A second thought.")})
    assert cli().startswith("Built ")
    assert "A second thought." in (tmp_path / "build/blog/hello/index.html").read_text()
    write({"posts/more.md": post("More")})
    assert cli().startswith("Built ")
    assert (tmp_path / "build/blog/more/index.html").is_file()
    (content / "posts/more.md").unlink()
    assert cli().startswith("Built ")
    assert not (tmp_path / "build/blog/more").exists()
    assert cli().startswith("Up to date: ")


def test_a_deleted_output_file_is_written_again(write, tmp_path, cli):
    write({"site.yml": "title: T\n", "posts/hello.md": post("Hello")})
    cli()
    page = tmp_path / "build/blog/hello/index.html"
    good = page.read_text()
    page.unlink()
    assert cli().startswith("Built ") and page.read_text() == good
    assert cli().startswith("Up to date: ")


def test_a_removed_page_folder_or_a_file_added_beside_a_page_is_built(write, tmp_path, cli):
    write({"site.yml": "title: T\n", "posts/hello.md": post("Hello"), "posts/more.md": post("M")})
    cli()
    shutil.rmtree(tmp_path / "build/blog/more")
    assert cli().startswith("Built ") and (tmp_path / "build/blog/more/index.html").is_file()
    (tmp_path / "build/blog/hello/notes.txt").write_text("mine")
    assert cli().startswith("Built ")
    assert cli().startswith("Up to date: ")
    shutil.rmtree(tmp_path / "build")
    assert cli().startswith("Built ") and (tmp_path / "build/blog/hello/index.html").is_file()


def test_a_file_edited_between_the_check_and_the_build_is_built_next_time(
    write, tmp_path, cli, monkeypatch
):
    # The build reads its content with the stats its check just took: an edit made
    # in between, unseen by the check, must be built by the next build.
    write({"site.yml": "title: T\n", "posts/hello.md": post("Hello"), "posts/more.md": post("M")})
    cli()
    write({"posts/more.md": post("M", body="Changed.")})  # a build is due
    taken = uptodate.take_stats

    def edited_meanwhile():
        stats = taken()
        write({"posts/hello.md": post("Hello", body="A late thought.")})
        return stats

    monkeypatch.setattr(uptodate, "take_stats", edited_meanwhile)
    assert cli().startswith("Built ")
    monkeypatch.setattr(uptodate, "take_stats", taken)
    assert cli().startswith("Built ")
    assert "A late thought." in (tmp_path / "build/blog/hello/index.html").read_text()
    assert cli().startswith("Up to date: ")


def test_other_options_or_full_build_again(write, tmp_path, cli):
    write({"site.yml": "title: T\n", "posts/hello.md": post("Hello")})
    cli()
    assert cli("--full").startswith("Built ")
    assert cli("--base-url", "https://me.example/site/").startswith("Built ")
    assert 'href="/site/blog/hello/"' in (tmp_path / "build/blog/index.html").read_text()
    assert cli("--base-url", "https://me.example/site/").startswith("Up to date: ")
    assert cli().startswith("Built ")


def test_the_next_day_a_future_post_is_published(write, tmp_path, cli, monkeypatch):
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)
    write(
        {
            "site.yml": "title: T\n",
            "posts/now.md": post("Now", date=today.isoformat()),
            "posts/soon.md": post("Soon", date=tomorrow.isoformat()),
        }
    )
    cli()
    assert not (tmp_path / "build/blog/soon").exists()
    assert cli().startswith("Up to date: ")

    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return tomorrow

    clock = types.SimpleNamespace(date=Tomorrow, datetime=dt.datetime, timedelta=dt.timedelta)
    clock.UTC = dt.UTC
    monkeypatch.setattr(uptodate, "dt", clock)
    monkeypatch.setattr(loader, "dt", clock)
    assert cli().startswith("Built ")
    assert (tmp_path / "build/blog/soon/index.html").is_file()


def test_a_comment_thread_closing_by_age_ends_the_stamp(write, tmp_path, cli):
    today = dt.date.today().isoformat()
    write(
        {
            "site.yml": "title: T\ncomments:\n  close_after_days: 3\n",
            "posts/hello.md": post("Hello", date=today),
        }
    )
    cli()
    (stamp,) = stamps(tmp_path)
    data = json.loads(stamp.read_text())
    closes = dt.datetime.fromisoformat(today).replace(tzinfo=dt.UTC) + dt.timedelta(days=3)
    assert dt.datetime.fromisoformat(data["expires"]) == closes
    data["expires"] = (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat()
    stamp.write_text(json.dumps(data))
    assert cli().startswith("Built ")


def test_a_build_that_asked_the_api_is_never_skipped(write, tmp_path, cli):
    with socket.socket() as s:  # a port nothing listens on: the API cannot be reached
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    write(
        {
            "site.yml": f"title: T\napi_url: http://127.0.0.1:{port}\n",
            "posts/hello.md": post("Hello"),
        }
    )
    assert cli().startswith("Built ")
    assert stamps(tmp_path) == []  # ratings, comments may have changed, no file did
    assert cli().startswith("Built ")


def test_an_edit_to_the_sites_own_kind_is_built(write, tmp_path, cli, trips_module):  # noqa: F811
    write(
        {
            "site.yml": site_yml(trips_module),
            "trips/kyoto.md": trip("Kyoto by bike", "2024-05-01", "Japan"),
        }
    )
    cli()
    assert cli().startswith("Up to date: ")
    template = tmp_path / trips_module / "trip_templates" / "trips" / "trip.html"
    template.write_text(template.read_text().replace("<article>", "<article class=changed>"))
    later = template.stat().st_mtime_ns + 1_000_000_000
    os.utime(template, ns=(later, later))
    assert cli().startswith("Built ")
    assert "changed" in (tmp_path / "build/trips/kyoto/index.html").read_text()


def test_a_build_from_code_drops_the_stamp(write, tmp_path, cli):
    from sitegen.commands.build import build_site

    content = write({"site.yml": "title: T\n", "posts/hello.md": post("Hello")})
    cli()
    assert len(stamps(tmp_path)) == 1
    write({"posts/hello.md": post("Hello", body="Built by a script.")})
    build_site(content, tmp_path / "build", cache_dir=tmp_path / "cache", jobs=1)
    assert stamps(tmp_path) == []  # its output is not what the stamp described
    assert cli().startswith("Built ")
    assert cli().startswith("Up to date: ")


def test_a_post_build_steps_derived_files_are_not_watched(write, tmp_path, cli, monkeypatch):
    """The search index's fragments are left out of the stamp: a build would not restore them."""
    from sitegen.search import runner

    if not shutil.which(runner.binary()):
        pytest.skip("Pagefind is not installed")
    write({"site.yml": "title: T\n", "posts/hello.md": post("Hello", body="A lighthouse.")})
    cli()
    fragments = sorted((tmp_path / "build/pagefind/fragment").iterdir())
    assert fragments
    fragments[0].unlink()
    assert cli().startswith("Up to date: ")
    assert cli("--full").startswith("Built ")  # what puts them back
    assert sorted((tmp_path / "build/pagefind/fragment").iterdir()) == fragments
    (tmp_path / "build/pagefind/pagefind-entry.json").unlink()  # not derived: watched
    assert cli().startswith("Built ")
