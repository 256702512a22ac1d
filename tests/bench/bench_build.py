"""Time `sitegen build` on a generated blog: cold build, no-change rebuild, one-post edit.

    make bench BENCH=build              # N = 1000 and 4000
    BENCH_N=500 make bench BENCH=build  # other sizes (comma-separated)

The corpus is deterministic (seeded): N posts of 600-900 words with headings, lists,
a fenced code block, links, sometimes a table, 2-4 tags out of 40 — the shape used
by ../shared/bench/ssg/ssgbench.py, so figures compare with Hugo, MkDocs, Pelican.
Every build runs `python -m sitegen build` in a fresh process; the cold build
clears the cache first (rendered Markdown, parsed files) and writes into an empty
folder. Peak memory is the largest process's maximum RSS (workers included).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "able",
    "about",
    "action",
    "active",
    "adapt",
    "address",
    "agent",
    "along",
    "already",
    "always",
    "analysis",
    "around",
    "autumn",
    "awake",
    "basic",
    "become",
    "begin",
    "below",
    "benefit",
    "blend",
    "boil",
    "bottom",
    "branch",
    "bread",
    "budget",
    "cabin",
    "cache",
    "carbon",
    "career",
    "cause",
    "center",
    "cheese",
    "choice",
    "circle",
    "clever",
    "coast",
    "column",
    "concept",
    "cover",
    "cream",
    "crisp",
    "current",
    "danger",
    "dark",
    "data",
    "debug",
    "default",
    "design",
    "domain",
    "dough",
    "draft",
    "dress",
    "edge",
    "eight",
    "energy",
    "escape",
    "exact",
    "factor",
    "feature",
    "field",
    "flavor",
    "focus",
    "forest",
    "frozen",
    "garden",
    "gentle",
    "golden",
    "guide",
    "harbor",
    "harvest",
    "honey",
    "human",
    "idea",
    "image",
    "import",
    "inner",
    "kettle",
    "kitchen",
    "large",
    "layer",
    "leader",
    "lesson",
    "letter",
    "light",
    "limit",
    "linen",
    "local",
    "manual",
    "market",
    "matter",
    "meadow",
    "medium",
    "memory",
    "mirror",
    "modern",
    "morning",
    "native",
    "network",
    "noble",
    "normal",
    "office",
    "orange",
    "origin",
    "oven",
    "packet",
    "paper",
    "parse",
    "partial",
    "pasta",
    "pattern",
    "potato",
    "prefer",
    "proper",
    "random",
    "reader",
    "release",
    "remote",
    "ribbon",
    "salad",
    "sample",
    "sauce",
    "scale",
    "select",
    "series",
    "shelf",
    "signal",
    "smooth",
    "soft",
    "source",
    "spring",
    "static",
    "steam",
    "supply",
    "switch",
    "syntax",
    "table",
    "talent",
    "teacher",
    "template",
    "tower",
    "useful",
    "valley",
    "vector",
    "velvet",
    "vinegar",
    "widget",
    "winter",
    "wooden",
    "worker",
    "yellow",
]
TAGS = [f"topic-{i:02d}" for i in range(40)]
CODE = {
    "python": 'def {a}({b}):\n    """{c}"""\n    return [{b} * 2 for {b} in range(10)]\n',
    "javascript": "function {a}({b}) {{\n  // {c}\n  return {b}.map((x) => x * 2);\n}}\n",
    "bash": '#!/usr/bin/env bash\nset -euo pipefail\n{a}() {{ echo "{c}"; }}\n{a} "${b}"\n',
    "yaml": "{a}:\n  {b}: true\n  note: {c}\n  items: [1, 2, 3]\n",
}


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    for i in range(len(words)):
        roll = rng.random()
        if roll < 0.03:
            words[i] = f"*{words[i]}*"
        elif roll < 0.05:
            words[i] = f"**{words[i]}**"
        elif roll < 0.06:
            words[i] = f"`{words[i]}()`"
        elif roll < 0.07:
            words[i] = f"[{words[i]}](https://example.com/{words[i]}/)"
    return " ".join(words).capitalize() + rng.choice(".!?.")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5)))


def make_post(i: int) -> str:
    """Return the text of post `i` (always the same for the same `i`)."""
    rng = random.Random(i)
    title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize() + f" {i}"
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(946684800 + i * 15 * 3600))
    tags = ", ".join(rng.sample(TAGS, rng.randint(2, 4)))
    parts = [_paragraph(rng)]
    lang = rng.choice(sorted(CODE))
    for section in range(rng.randint(3, 4)):
        parts.append(f"## {_sentence(rng, 3)[:-1]}")
        parts += [_paragraph(rng) for _ in range(2)]
        if section == 0:
            parts.append("\n".join(f"- {_sentence(rng, 6)[:-1]}" for _ in range(3)))
            parts.append("\n".join(f"{k}. {_sentence(rng, 5)[:-1]}" for k in range(1, 4)))
        if section == 1:
            code = CODE[lang].format(a=rng.choice(WORDS), b=rng.choice(WORDS), c=_sentence(rng, 5))
            parts.append(f"```{lang}\n{code}```")
            parts.append(f"### {_sentence(rng, 2)[:-1]}")
            parts.append(_paragraph(rng))
        if section == 2 and rng.random() < 0.3:
            parts.append("| a | b |\n| --- | --- |\n| " + " | ".join(rng.sample(WORDS, 2)) + " |")
        if section == 2 and rng.random() < 0.3:
            parts.append("> " + _sentence(rng, 12))
    summary = _sentence(rng, 14)
    front = f'---\ntitle: "{title}"\ndate: {date}\ntags: [{tags}]\nsummary: "{summary}"\n---\n'
    return front + "\n\n".join(parts) + "\n"


def make_corpus(folder: Path, n: int) -> None:
    """Write `n` posts under folder/posts/."""
    posts = folder / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        (posts / f"post-{i:05d}.md").write_text(make_post(i), encoding="utf-8")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run `cmd`; return (seconds, peak RSS in MB of the largest process, summary line)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{out}\n{err}")
    # RUSAGE_CHILDREN's maxrss is that of the largest descendant waited for so far.
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, out.strip().splitlines()[-1]


def run(n: int, work: Path, post_build: bool) -> list[tuple]:
    """Cold, no-change and one-edit builds of an n-post corpus; return table rows."""
    content = work / f"corpus-{n}"
    if not content.exists():
        make_corpus(content, n)
    out, cache = work / f"out-{n}", content.parent / ".cache"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    cmd = [sys.executable, "-m", "sitegen", "build", "--content", str(content), "--out", str(out)]
    if not post_build:
        cmd.append("--skip-post-build")
    label = "all features" if post_build else "no post-build steps"
    rows = []
    for case in ("cold", "no change", "one post edited"):
        if case == "one post edited":
            edited = content / "posts" / f"post-{n // 2:05d}.md"
            edited.write_text(edited.read_text() + f"\nAn added paragraph {time.time()}.\n")
        seconds, peak, summary = timed(cmd, work)
        pages = int(summary.split()[1])
        rows.append((n, label, case, seconds, pages / seconds, peak))
    return rows


def preview_edit(n: int, work: Path) -> float:
    """Seconds from saving an edited post to the preview serving the new text."""
    from sitegen.commands.serve import preview_app

    content = work / f"corpus-{n}"
    client = preview_app(content, CACHE_DIR=content.parent / ".cache").test_client()
    edited = content / "posts" / f"post-{n // 3:05d}.md"
    slug = edited.stem
    assert client.get(f"/blog/{slug}/").status_code == 200
    marker = f"Edited at {time.time()}"
    start = time.perf_counter()
    edited.write_text(edited.read_text() + f"\n{marker}\n")
    page = client.get(f"/blog/{slug}/").text
    seconds = time.perf_counter() - start
    assert marker in page
    return seconds


def main() -> int:
    sizes = [int(x) for x in os.environ.get("BENCH_N", "1000,4000").split(",") if x.strip()]
    work = Path(tempfile.mkdtemp(prefix="sitegen-bench-"))
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
        " (figures are noisy when the machine is busy)"
    )
    print("| posts | steps | build | wall (s) | pages/s | peak RSS (MB) |")
    print("| ---: | --- | --- | ---: | ---: | ---: |")
    try:
        for n in sizes:
            for post_build in (False, True):
                for row in run(n, work, post_build):
                    n_, label, case, seconds, rate, peak = row
                    print(
                        f"| {n_} | {label} | {case} | {seconds:.2f} | {rate:.0f} | {peak:.0f} |",
                        flush=True,
                    )
            edit = preview_edit(n, work)
            print(f"| {n} | preview (`make serve`) | edit shown | {edit:.2f} | | |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
