"""Run every benchmark in this folder (`bench_*.py`), or those named in BENCH.

    make bench                   # all of them
    make bench BENCH=build,api   # just these (bench_build.py, bench_api.py)
    make bench BENCH=events      # RSVPs per second and oversells (bench_events.py)

Each benchmark is its own script run in a fresh process, so import costs and
peak memory are measured cleanly; each prints its own table.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = {name.strip() for name in os.environ.get("BENCH", "").split(",") if name.strip()}
    scripts = sorted(HERE.glob("bench_*.py"))
    if wanted:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted]
    if not scripts:
        print(f"no benchmark matches BENCH={os.environ.get('BENCH', '')!r}", file=sys.stderr)
        return 2
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem.removeprefix('bench_')} ===", flush=True)
        if subprocess.call([sys.executable, str(script)]) != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
