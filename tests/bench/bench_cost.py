"""The cost model's load run: what each public endpoint and the owner's session consume.

    make cost-measure          # or: make bench BENCH=cost

Starts AWS's DynamoDB Local and a moto SES server on loopback, runs every
action of ``sitegen.publish.cost.loadrun`` BENCH_COST_REQUESTS times (default
50) and each scheduled job BENCH_COST_JOB_RUNS times (5), prints the figures
and writes them to COST_MEASURED (default docs/cost-measured.json), the file
`make cost` reads.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests import dynamodb_local  # noqa: E402  (the repo root is not on the path of a script)

REQUESTS = int(os.environ.get("BENCH_COST_REQUESTS", "50"))
JOB_RUNS = int(os.environ.get("BENCH_COST_JOB_RUNS", "5"))
OUT = Path(os.environ.get("COST_MEASURED", ROOT / "docs" / "cost-measured.json"))


def _version(jar: Path) -> str:
    return jar.parent.name.replace("dynamodb_local_", "DynamoDB Local ")


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT).stdout

    dirty = (
        " with uncommitted changes in api/" if git("status", "--short", "--", "api").strip() else ""
    )
    return git("rev-parse", "--short", "HEAD").strip() + dirty


def main() -> int:
    from moto.server import ThreadedMotoServer
    from sitegen.publish.cost import loadrun

    try:
        _, jar = dynamodb_local.find()
        proc, store_url = dynamodb_local.start()
    except (dynamodb_local.Unavailable, RuntimeError) as exc:
        print(f"needs DynamoDB Local: {exc}", file=sys.stderr)
        return 1
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request lines
    ses = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    ses.start()
    host, port = ses.get_host_and_port()
    try:
        figures = loadrun.measure(
            store_url,
            f"http://{host}:{port}",
            requests=REQUESTS,
            job_runs=JOB_RUNS,
            settings_path=ROOT / "zappa_settings.json",
            store=_version(jar),
        )
    finally:
        ses.stop()
        dynamodb_local.stop(proc)
    figures["code"] = _commit()
    loadrun.write(figures, OUT)

    print(f"{REQUESTS} of each action, {JOB_RUNS} runs of each job, on {figures['store']}\n")
    print(
        "| action | API requests | RRU | WRU | handler ms (waiting on AWS) | bytes out | emails |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rows = {**figures["actions"], "keep-warm": figures["keep_warm"], **figures["jobs"]}
    for name, f in rows.items():
        if "skipped" in f:
            print(f"| {name} | {f['skipped']} | | | | | |")
            continue
        print(
            f"| {name} | {f['invocations']:g} | {f['rru']:g} | {f['wru']:g} | "
            f"{f['ms']:.1f} ({f['aws_ms']:.1f}) | {f['response_bytes']:,.0f} | {f['emails']:g} |"
        )
    print(f"\nwritten to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
