"""Recipe and search benchmarks: builds with recipes included, the Pagefind step on its own.

    make bench BENCH=recipes

Measures, on this machine, for two content folders:
- the example site (`content/`: posts, projects, pages and the example recipes);
- a generated recipe corpus (BENCH_RECIPES recipes, default 1000, made from the
  examples with new titles, so every page is a real recipe page);
and for each: a cold full build (search step included), the search (Pagefind) step
alone on the finished site, an unchanged rebuild (search skipped: nothing changed),
and a one-recipe edit (pages re-rendered, the shard of the index holding the
recipe re-indexed and the index written again). It also
reports the weight of a recipe page and of the recipe JSON index.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
N_RECIPES = int(os.environ.get("BENCH_RECIPES", "1000"))
N_POSTS = int(os.environ.get("BENCH_POSTS", "4000"))
PHRASE = (
    "light frost over the harbour while the kettle sings and the bread proves slowly "
    "beside a window full of winter sun we write about design systems and small tools"
)
SITE_YML = "title: Bench kitchen\nbase_url: https://bench.example/\nauthor: {name: Bench}\n"


def generated_corpus(root: Path, count: int) -> Path:
    """Write `count` recipes cycling through the examples, each with its own title."""
    content = root / "content"
    (content / "recipes").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "images" / "recipes", content / "images" / "recipes")
    (content / "site.yml").write_text(SITE_YML, encoding="utf-8")
    examples = sorted((ROOT / "content" / "recipes").glob("*.md"))
    for i in range(count):
        source = examples[i % len(examples)]
        text = source.read_text("utf-8")
        title = re.search(r"^title: (.*)$", text, re.M).group(1).strip("\"'")
        text = text.replace(text.split("title: ", 1)[1].split("\n", 1)[0], f'"{title} no. {i}"', 1)
        (content / "recipes" / f"{source.stem}-{i}.md").write_text(text, "utf-8")
    return content


def posts_corpus(root: Path, count: int) -> Path:
    """Write `count` blog posts of about 400 words, plus the example recipes."""
    content = generated_corpus(root, 0)
    shutil.rmtree(content / "recipes")
    shutil.copytree(ROOT / "content" / "recipes", content / "recipes")
    posts = content / "posts"
    posts.mkdir()
    for i in range(count):
        words = PHRASE.split()
        words = words[i % len(words) :] + words[: i % len(words)]
        body = "\n\n".join(f"Part {k} of post {i}: " + " ".join(words * 2) for k in range(7))
        day = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        tags = f"[topic-{i % 40}, topic-{(i * 7) % 40}]"
        (posts / f"post-{i}.md").write_text(
            f"---\ntitle: Post number {i}\ndate: {day}\ntags: {tags}\n---\n{body}\n", "utf-8"
        )
    return content


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run(label: str, content: Path, work: Path, edit: Path) -> None:
    import sitegen.search
    from sitegen.commands.build import build_site

    build_search_index = sitegen.search.build_search_index
    step: dict[str, object] = {}

    def timed_step(out, pages, force=False):  # the build's own search step, timed
        step["pages"] = pages
        start = time.perf_counter()
        try:
            return build_search_index(out, pages, force)
        finally:
            step["last"] = time.perf_counter() - start

    sitegen.search.build_search_index = timed_step

    out, cache = work / "out", work / "cache"
    cold, report = timed(lambda: build_site(content, out, cache_dir=cache, progress=False))
    search, stats = timed(lambda: build_search_index(out, step["pages"], force=True))
    warm, unchanged = timed(lambda: build_site(content, out, cache_dir=cache, progress=False))
    warm_step = step.get("last", 0.0)
    edit.write_text(edit.read_text("utf-8") + "\nOne more line from the cook.\n", "utf-8")
    one, edited = timed(lambda: build_site(content, out, cache_dir=cache, progress=False))
    edit_step = step.get("last", 0.0)
    recipe_page = next((out / "recipes").glob("*/index.html"))
    index_json = out / "recipes" / "index.json"
    print(f"\n{label}")
    print(f"  pages built                        {report.html_pages}")
    print(f"  cold full build (search included)  {cold:7.2f} s")
    print(f"  search step alone (Pagefind)       {search:7.2f} s  ({stats.pages} pages indexed)")
    print(
        f"  unchanged rebuild                  {warm:7.2f} s  ({unchanged.rendered} files "
        f"rendered; search check {warm_step:.2f} s)"
    )
    print(
        f"  one recipe edited                  {one:7.2f} s  ({edited.rendered} files "
        f"rendered; search step {edit_step:.2f} s)"
    )
    print(f"  a recipe page                      {recipe_page.stat().st_size / 1024:7.1f} KB HTML")
    print(f"  recipe JSON index                  {index_json.stat().st_size / 1024:7.1f} KB")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        example = tmp_path / "example"
        shutil.copytree(ROOT / "content", example / "content")
        run(
            "example site (content/)",
            example / "content",
            example,
            example / "content" / "recipes" / "shakshuka.md",
        )
        corpus = tmp_path / "corpus"
        content = generated_corpus(corpus, N_RECIPES)
        run(
            f"generated corpus: {N_RECIPES} recipes",
            content,
            corpus,
            next((content / "recipes").glob("*.md")),
        )
        if N_POSTS:
            blog = tmp_path / "blog"
            content = posts_corpus(blog, N_POSTS)
            label = f"generated blog: {N_POSTS} posts and the example recipes"
            run(label, content, blog, content / "recipes" / "shakshuka.md")
    python = sys.version.split()[0]
    print(f"\nmachine: {os.cpu_count()} cores; Python {python}; timings are one run each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
