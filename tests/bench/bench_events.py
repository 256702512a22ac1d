"""Event RSVP benchmark: sustained RSVPs per second against DynamoDB Local, and oversells.

    make bench BENCH=events

The API runs in waitress (8 threads) on AWS's DynamoDB Local; a pool of
client threads posts RSVPs (valid token, a new address each, parties of 1 to
3) for a fixed time, in two runs after a 3 s warm-up:

- **open seats**: an event with room for everyone, so every RSVP takes the
  confirm path (one ``TransactWriteItems``);
- **contended**: an event of 50 seats with an automatic waitlist, where one
  operation in ten cancels an RSVP through its manage link (a confirmed one
  while the client knows any, freeing seats the line moves up into; else a
  waiting one) and the rest RSVP: most of them join the line.

Reported per run: RSVPs per second (requests answered 2xx per second of wall
time), p50/p99 latency of ``POST /events/<id>/rsvp``, non-2xx answers, and
the oversell count afterwards: seats confirmed beyond the capacity, plus any
disagreement between the event's counters and its RSVPs (``api.events.audit``).
It must be 0. The machine's load (``uptime``) is printed before and after.

Environment: BENCH_EVENTS_SECONDS (default 15), BENCH_EVENTS_CONCURRENCY (8).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Lock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests import dynamodb_local  # noqa: E402  (the repo root is not on the path of a script)

PY = sys.executable
DURATION = int(os.environ.get("BENCH_EVENTS_SECONDS", "15"))
CONCURRENCY = int(os.environ.get("BENCH_EVENTS_CONCURRENCY", "8"))
SECRET = "bench-secret"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


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


def event(event_id: str, capacity: int) -> dict:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=14)
    return {
        "id": event_id,
        "slug": event_id,
        "title": f"Bench {event_id}",
        "url": f"/events/{event_id}/",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "timezone": "UTC",
        "all_day": False,
        "location": None,
        "online_url": "https://meet.example/bench",
        "status": "scheduled",
        "capacity": capacity,
        "max_party": 3,
        "waitlist": "auto",
        "offer_hours": 24,
        "rsvp_opens": None,
        "rsvp_closes": None,
        "questions": [],
        "ticket_url": None,
    }


def run(api_url: str, event_id: str, cancel_share: float, seconds: float = DURATION) -> dict:
    """RSVP (and cancel a share of the time) for ``seconds``; return the figures."""
    import requests

    from api.security import issue_token

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    confirmed_links: list[str] = []
    waiting_links: list[str] = []
    cancels = 0
    lock = Lock()
    deadline = time.monotonic() + seconds
    chance = random.Random(event_id)

    def worker(n: int) -> None:
        nonlocal cancels
        session = requests.Session()
        count = 0
        while time.monotonic() < deadline:
            count += 1
            with lock:
                link = None
                if chance.random() < cancel_share:
                    # A confirmed RSVP frees seats the line moves up into; else a waiting one.
                    links = confirmed_links or waiting_links
                    link = links.pop(chance.randrange(len(links))) if links else None
            if link:
                response = session.delete(link, timeout=60)
                with lock:
                    cancels += 1
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                continue
            body = {
                "name": "Bench Visitor",
                "email": f"w{n}-{count}@example.org",
                "party": chance.randint(1, 3),
                "website": "",
                "token": issue_token(SECRET, f"rsvp:{event_id}", now=time.time() - 10),
            }
            t = time.perf_counter()
            response = session.post(f"{api_url}/events/{event_id}/rsvp", json=body, timeout=60)
            elapsed = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code == 201:
                    answer = response.json()
                    path = f"{api_url}/{answer['manage_url'].split('/api/', 1)[1]}"
                    mine = confirmed_links if answer["status"] == "confirmed" else waiting_links
                    mine.append(path)

    start = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(worker, range(CONCURRENCY)))
    took = time.perf_counter() - start
    return {
        "rsvps": len(latencies),
        "cancels": cancels,
        "seconds": took,
        "rps": len(latencies) / took,
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "non2xx": sum(n for s, n in statuses.items() if s >= 300),
        "statuses": statuses,
    }


def oversold(table, event_id: str) -> tuple[int, dict]:
    """Count seats confirmed past capacity plus counter disagreements; give the counts."""
    from api.events import audit, keys, store

    meta = table.get(keys.event_pk(event_id), keys.META)
    everyone = store.every_with_prefix(table, keys.event_pk(event_id), keys.RSVP_PREFIX)
    confirmed = sum(int(r["party"]) for r in everyone if r["status"] == keys.CONFIRMED)
    problems = audit.audit(table, event_id)
    for problem in problems:
        print(f"  audit: {problem}", file=sys.stderr)
    counts = {
        "confirmed seats": confirmed,
        "capacity": int(meta["capacity"]),
        "waiting parties": sum(1 for r in everyone if r["status"] == keys.WAITLISTED),
        "cancelled": sum(1 for r in everyone if r["status"] == keys.CANCELLED),
        "moved up": sum(1 for r in everyone if r.get("promoted_at")),
    }
    return max(0, confirmed - int(meta["capacity"])) + len(problems), counts


def main() -> int:
    from api.events.catalog import sync
    from api.settings import load_settings
    from api.storage import Table
    from api.tables import create_table

    try:
        proc, store_url = dynamodb_local.start()
    except (dynamodb_local.Unavailable, RuntimeError) as exc:
        print(f"needs DynamoDB Local: {exc}", file=sys.stderr)
        return 1
    env = {
        **os.environ,
        "FROSTFOLIO_TABLE_NAME": "bench-events",
        "FROSTFOLIO_DYNAMODB_ENDPOINT": store_url,
        "FROSTFOLIO_REGION": "us-east-1",
        "FROSTFOLIO_FORM_SECRET": SECRET,
        "FROSTFOLIO_CONTACT_RATE_LIMIT": "100000000",
        "FROSTFOLIO_SITE_URL": "https://site.example",
    }
    before = load_average()
    results = {}
    try:
        settings = load_settings(environ=env)
        create_table(settings)
        table = Table(settings)
        report = sync(
            table,
            {
                "version": 1,
                "events": [
                    event("warmup", 1_000_000),
                    event("open", 1_000_000),
                    event("contended", 50),
                ],
            },
            datetime.now(UTC),
        )
        assert report.ok, report.problems
        port = dynamodb_local.free_port()
        api_url = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryFile() as log:
            server = subprocess.Popen(
                [PY, "-m", "waitress", "--host", "127.0.0.1", f"--port={port}", "--threads=8",
                 "api.wsgi:app"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                wait_for(f"{api_url}/health")
                run(api_url, "warmup", 0.0, seconds=3)  # the JVM and both pools warm up
                for event_id, share in (("open", 0.0), ("contended", 0.1)):
                    results[event_id] = run(api_url, event_id, share)
                    results[event_id]["oversold"], results[event_id]["counts"] = oversold(
                        table, event_id
                    )
            finally:
                server.terminate()
                server.wait(timeout=10)
    finally:
        dynamodb_local.stop(proc)
    after = load_average()

    print(
        f"POST /events/<id>/rsvp through waitress (8 threads) on DynamoDB Local, "
        f"{CONCURRENCY} client threads, {DURATION} s per run.\n"
    )
    print("| run | RSVPs/s | p50 / p99 | RSVPs (cancels) | non-2xx | oversold |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:.1f} | {r['p50']:.0f} / {r['p99']:.0f} ms | "
            f"{r['rsvps']} ({r['cancels']}) | {r['non2xx']} | {r['oversold']} |"
        )
    for name, r in results.items():
        print(f"\n{name}: {json.dumps(r['counts'])}; answers {json.dumps(r['statuses'])}")
    print(f"\nload before: {before}\nload after:  {after}")
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} cores; shared machine: noisy)")
    failed = sum(r["oversold"] + r["non2xx"] for r in results.values())
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
