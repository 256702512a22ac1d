"""API benchmarks: cold import of the Lambda module, first request, and load.

    make bench BENCH=api

Measures, on this machine:
- cold import of ``api.wsgi`` in fresh processes (median of 9; budget < 400 ms);
- the first request of a fresh process (boto3 import and client creation, which
  the Lambda module defers until a request needs DynamoDB);
- ``POST /contact`` through waitress against a local moto server (DynamoDB and
  SES), driven by wrk when installed (``apt-get install wrk``), else by a bounded
  Python thread pool: p50/p99 latency, requests/s, and the app's own time per
  request from its access log (budget: warm request < 10 ms of app time).

The rate limit is raised for the load run so every request takes the full path
(validation, rate-limit update, transactional write, SES send). Loopback only.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests import dynamodb_local  # noqa: E402  (the repo root is not on the path of a script)

PY = sys.executable
REQUESTS = int(os.environ.get("BENCH_API_REQUESTS", "3000"))
CONCURRENCY = int(os.environ.get("BENCH_API_CONCURRENCY", "8"))
DURATION = int(os.environ.get("BENCH_API_SECONDS", "10"))
SECRET = "bench-secret"


free_port = dynamodb_local.free_port


def wait_for(url: str, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f} s") from None
            time.sleep(0.1)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def cold_import(runs: int = 9) -> list[float]:
    code = (
        "import time; t = time.perf_counter(); import api.wsgi; "
        "print((time.perf_counter() - t) * 1000)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FROSTFOLIO_")}
    return [
        float(
            subprocess.run(
                [PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
            ).stdout
        )
        for _ in range(runs)
    ]


def first_request(env: dict[str, str], runs: int = 5) -> list[float]:
    code = (
        "import time, json, sys\n"
        "from api.security import issue_token\n"
        "import api.wsgi\n"
        "client = api.wsgi.app.test_client()\n"
        "body = {'name': 'Bench', 'email': 'b@example.org', 'message': 'hi', "
        "'token': issue_token(sys.argv[1], now=time.time() - 5)}\n"
        "t = time.perf_counter()\n"
        "r = client.post('/contact', json=body)\n"
        "assert r.status_code == 201, r.get_data()\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    return [
        float(
            subprocess.run(
                [PY, "-c", code, SECRET],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env=env,
            ).stdout.splitlines()[-1]  # after the access-log line
        )
        for _ in range(runs)
    ]


def _count_lines(path: str) -> int:
    with open(path) as f:
        return sum(1 for _ in f)


def app_overhead(env: dict[str, str], runs: int = 500) -> float:
    """Median in-process time of a request answered without touching the store."""
    code = (
        "import time, statistics, logging\n"
        "import api.wsgi\n"
        "logging.getLogger('api.access').disabled = True\n"
        "client = api.wsgi.app.test_client()\n"
        "body = {'name': 'Bench', 'email': 'not-an-email', 'message': 'hi', 'token': 'x'}\n"
        "times = []\n"
        f"for _ in range({runs}):\n"
        "    t = time.perf_counter()\n"
        "    assert client.post('/contact', json=body).status_code == 422\n"
        "    times.append((time.perf_counter() - t) * 1000)\n"
        "print(statistics.median(times[50:]))\n"
    )
    out = subprocess.run(
        [PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    return float(out.stdout.splitlines()[-1])


def body_json() -> str:
    sys.path.insert(0, str(ROOT))
    from api.security import issue_token

    return json.dumps(
        {
            "name": "Bench Visitor",
            "email": "bench@example.org",
            "subject": "Load test",
            "message": "A message of ordinary length, the kind a visitor sends. " * 4,
            "website": "",
            "token": issue_token(SECRET, now=time.time() - 10),
        }
    )


def find_wrk() -> str | None:
    """Return wrk's path, installing it from apt (as root) when missing."""
    wrk = shutil.which("wrk")
    if not wrk and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk from apt…", file=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            capture_output=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            timeout=300,
        )
        wrk = shutil.which("wrk")
    return wrk


def run_wrk(wrk: str, url: str, body: str, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            'wrk.method = "POST"\n'
            f"wrk.body = {json.dumps(body)}\n"
            'wrk.headers["Content-Type"] = "application/json"\n'
            "done = function(summary, latency, requests)\n"
            '  io.write(string.format("JSON {\\"p50\\": %f, \\"p99\\": %f, \\"requests\\": %d, '
            '\\"non2xx\\": %d, \\"seconds\\": %f}\\n", latency:percentile(50) / 1000, '
            "latency:percentile(99) / 1000, summary.requests, summary.errors.status, "
            "summary.duration / 1e6))\n"
            "end\n"
        )
    out = subprocess.run(
        [
            wrk,
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{DURATION}s",
            "-s",
            script.name,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION + 60,
    ).stdout
    os.unlink(script.name)
    stats = json.loads(next(ln[5:] for ln in out.splitlines() if ln.startswith("JSON ")))
    stats["rps"] = stats["requests"] / stats["seconds"]
    return stats


def run_pool(url: str, body: str, workers: int) -> dict[str, float]:
    import requests

    latencies: list[float] = []
    statuses: list[int] = []
    deadline = time.monotonic() + DURATION

    def worker(n: int) -> None:
        session = requests.Session()
        for _ in range(n):
            if time.monotonic() > deadline:
                return
            t = time.perf_counter()
            r = session.post(
                url, data=body, headers={"Content-Type": "application/json"}, timeout=30
            )
            latencies.append((time.perf_counter() - t) * 1000)
            statuses.append(r.status_code)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(worker, [REQUESTS // workers] * workers))
    seconds = time.perf_counter() - start
    return {
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "requests": len(latencies),
        "non2xx": sum(1 for s in statuses if s != 201),
        "seconds": seconds,
        "rps": len(latencies) / seconds,
    }


def start_dynamodb_local() -> tuple[subprocess.Popen, str] | None:
    """Start AWS's DynamoDB Local if its jar and Java are here, else None."""
    try:
        return dynamodb_local.start()
    except (dynamodb_local.Unavailable, RuntimeError) as exc:
        print(f"(DynamoDB Local: {exc})", file=sys.stderr)
        return None


def bench_env(dynamodb_url: str, moto_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "FROSTFOLIO_TABLE_NAME": f"bench-{free_port()}",
        "FROSTFOLIO_DYNAMODB_ENDPOINT": dynamodb_url,
        "FROSTFOLIO_SES_ENDPOINT": moto_url,
        "FROSTFOLIO_REGION": "us-east-1",
        "FROSTFOLIO_FORM_SECRET": SECRET,
        "FROSTFOLIO_SES_SENDER": "site@example.com",
        "FROSTFOLIO_SES_RECIPIENT": "owner@example.com",
        "FROSTFOLIO_CONTACT_RATE_LIMIT": "100000000",
    }


def load_run(env: dict[str, str], wrk: str | None) -> dict[str, object]:
    """Serve the API with waitress on ``env``'s store and load POST /contact."""
    from api.settings import load_settings
    from api.tables import create_table

    create_table(load_settings(environ=env))
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"
    # The access log (one JSON line per request) gives the app's own time.
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        server = subprocess.Popen(
            [
                PY,
                "-m",
                "waitress",
                "--host",
                "127.0.0.1",
                f"--port={port}",
                "--threads=8",
                "api.wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{api_url}/health")
            body = body_json()
            if wrk:
                single = run_wrk(wrk, f"{api_url}/contact", body, 1)
                single_lines = _count_lines(log.name)
                load = run_wrk(wrk, f"{api_url}/contact", body, CONCURRENCY)
            else:
                single = run_pool(f"{api_url}/contact", body, 1)
                single_lines = _count_lines(log.name)
                load = run_pool(f"{api_url}/contact", body, CONCURRENCY)
        finally:
            server.terminate()
            server.wait(timeout=10)
        log.seek(0)
        app_ms = [
            json.loads(ln)["latency_ms"]
            for ln in log.readlines()[:single_lines]
            if ln.startswith("{") and '"path":"/contact"' in ln and '"status":201' in ln
        ]
    return {"single": single, "load": load, "app_ms": app_ms}


def store_rows(label: str, run: dict) -> list[tuple[str, str, str]]:
    single, load, app_ms = run["single"], run["load"], run["app_ms"]
    return [
        (
            f"[{label}] POST /contact p50 / p99, 1 connection",
            f"{single['p50']:.1f} / {single['p99']:.1f} ms",
            "",
        ),
        (f"[{label}] requests/s, 1 connection", f"{single['rps']:.0f}", ""),
        (
            f"[{label}] POST /contact p50 / p99, {CONCURRENCY} connections",
            f"{load['p50']:.1f} / {load['p99']:.1f} ms",
            "",
        ),
        (f"[{label}] requests/s, {CONCURRENCY} connections", f"{load['rps']:.0f}", ""),
        (
            f"[{label}] requests (non-2xx)",
            f"{single['requests'] + load['requests']:.0f} "
            f"({single['non2xx'] + load['non2xx']:.0f})",
            "0 non-2xx",
        ),
        (
            f"[{label}] app time of a stored POST /contact, 1 connection, p50 / p99",
            f"{pct(app_ms, 50):.1f} / {pct(app_ms, 99):.1f} ms" if app_ms else "n/a",
            "",
        ),
    ]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    imports = cold_import()
    moto_port = free_port()
    moto_url = f"http://127.0.0.1:{moto_port}"
    wrk = find_wrk()
    tool = f"wrk, {DURATION} s per run" if wrk else f"Python thread pool, <= {REQUESTS} requests"
    runs: dict[str, dict] = {}
    procs: list[subprocess.Popen] = []
    try:
        procs.append(
            subprocess.Popen(
                [str(Path(PY).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(f"{moto_url}/moto-api/")
        from api.storage import make_client

        make_client("ses", moto_url, "us-east-1").verify_email_identity(
            EmailAddress="site@example.com"
        )
        env = bench_env(moto_url, moto_url)
        from api.settings import load_settings
        from api.tables import create_table

        create_table(load_settings(environ=env))
        firsts = first_request(env)
        no_store = app_overhead(env)
        runs["moto"] = load_run(env, wrk)
        local = start_dynamodb_local()
        if local:
            procs.append(local[0])
            runs["DynamoDB Local"] = load_run(bench_env(local[1], moto_url), wrk)
        else:
            print("(DynamoDB Local jar or Java missing: moto only)", file=sys.stderr)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=10)

    rows = [
        (
            "cold import of api.wsgi (median of 9 fresh processes)",
            f"{statistics.median(imports):.0f} ms",
            "< 400 ms",
        ),
        (
            "first POST /contact in a fresh process (boto3 import + clients)",
            f"{statistics.median(firsts):.0f} ms",
            "",
        ),
        (
            "app time of a request not touching the store (422, in process), p50",
            f"{no_store:.2f} ms",
            "< 10 ms",
        ),
    ]
    for label, run in runs.items():
        rows += store_rows(label, run)
    width = max(len(r[0]) for r in rows)
    print(f"Load: POST /contact through waitress (8 threads), {tool}; SES on moto.\n")
    print(f"| {'measure'.ljust(width)} | value | budget |")
    print(f"| {'-' * width} | --- | --- |")
    for name, value, budget in rows:
        print(f"| {name.ljust(width)} | {value} | {budget} |")
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} cores; shared machine: noisy)")
    failed = sum(r["single"]["non2xx"] + r["load"]["non2xx"] for r in runs.values())
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
