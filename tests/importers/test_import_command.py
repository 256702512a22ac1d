"""`python -m sitegen import`: never overwrites, reports what it did, every problem at its line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sitegen.cli import main
from sitegen.importers import import_site

from ..nu import assert_valid_html
from ..site.leaks import template_leaks
from .conftest import FIXTURES, Imported

REPO = Path(__file__).resolve().parents[2]


def hugo_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {"config.toml": 'title = "Old"\n', **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.mark.parametrize("existing", ["a file", "a folder"])
def test_a_folder_with_anything_in_it_is_never_written_to(tmp_path, existing) -> None:
    dest = tmp_path / "content"
    (dest / "posts").mkdir(parents=True)
    if existing == "a file":
        (dest / "posts/mine.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="never overwrites"):
        import_site("hugo", FIXTURES / "hugo-basic", dest)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == (
        ["posts", "posts/mine.md"] if existing == "a file" else ["posts"]
    )


def test_an_empty_folder_is_fine(tmp_path) -> None:
    (tmp_path / "content").mkdir()
    report = import_site("hugo", FIXTURES / "hugo-recipes", tmp_path / "content")
    assert report.problems == []


def test_command_prints_the_report_and_exits_0(tmp_path, capsys) -> None:
    dest = tmp_path / "new"
    assert main(["import", "hugo", str(FIXTURES / "hugo-basic"), "--content", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "6 items: 1 page, 5 posts (1 draft, shown in preview only)" in out
    assert "old addresses kept as redirects: 15" in out
    assert "links rewritten: 12 in 6 files" in out
    assert "hugo-basic/content/about.md:11: /post/markdown-syntax/ -> /blog/markdown-syntax/" in out
    assert "Not carried over, or done for you:" in out
    assert f"No problems: python -m sitegen build --content {dest} builds it." in out


def test_command_refuses_a_folder_in_use(tmp_path, capsys) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/site.yml").write_text("title: Mine\n", encoding="utf-8")
    args = [
        "import",
        "jekyll",
        str(FIXTURES / "jekyll-minima"),
        "--content",
        str(tmp_path / "content"),
    ]
    assert main(args) == 1
    assert "is not empty" in capsys.readouterr().err
    assert (tmp_path / "content/site.yml").read_text("utf-8") == "title: Mine\n"


def test_every_problem_is_reported_at_its_line_and_the_exit_status_says_so(
    tmp_path, capsys
) -> None:
    source = hugo_site(
        tmp_path / "old",
        {
            "content/post/broken.md": """
                +++
                title = "Broken
                +++
                Body.
            """,
            "content/post/embeds.md": """
                ---
                title: Embeds
                date: 2020-01-01
                ---
                Fine text.

                {{< twitter_simple user="x" id="1" >}}

                A [sibling](../nowhere/) that moved.
            """,
        },
    )
    dest = tmp_path / "content"
    assert main(["import", "hugo", str(source), "--content", str(dest)]) == 1
    out = capsys.readouterr().out
    assert "3 problems need a person:" in out
    assert "  old/content/post/broken.md:2: front matter is not valid TOML" in out
    assert "  old/content/post/embeds.md:9: link ../nowhere/: no page of the old site" in out
    # What the engine would say on building, at the line of the file written.
    assert "  content/posts/embeds.md:10: shortcode {{< twitter_simple >}}" in out


def test_make_import_runs_the_command(tmp_path) -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dest = tmp_path / "content"
    env = {**os.environ, "VENV": str(Path(sys.executable).parents[1])}
    result = subprocess.run(
        [make, "-s", "-o", str(Path(sys.executable).parents[1] / ".installed"), "import",
         "FROM=jekyll", f"SRC={FIXTURES / 'jekyll-minima'}", f"CONTENT={dest}"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 items" in result.stdout
    assert (dest / "posts/welcome-to-jekyll.md").is_file()


def test_no_template_code_leaks_onto_any_page(
    hugo_basic: Imported,
    hugo_recipes: Imported,
    hugo_based_cooking: Imported,
    jekyll_minima: Imported,
) -> None:
    leaks = [
        leak
        for site in (hugo_basic, hugo_recipes, hugo_based_cooking, jekyll_minima)
        for leak in template_leaks(site.build)
    ]
    assert leaks == []


def test_every_built_page_is_valid_html(
    hugo_basic: Imported,
    hugo_recipes: Imported,
    hugo_based_cooking: Imported,
    jekyll_minima: Imported,
) -> None:
    sites = (hugo_basic, hugo_recipes, hugo_based_cooking, jekyll_minima)
    assert_valid_html(*(site.build for site in sites))
