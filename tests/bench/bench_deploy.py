"""Deploy benchmarks: the Lambda zip, its cold start, and S3 sync times.

    make bench BENCH=deploy

Measures, on this machine:
- the size of the Lambda zip `make package` builds (budget < 10 MB);
- cold import of the packaged handler (`import handler` from the unzipped zip,
  in fresh `python -I -S` processes seeing only the zip plus boto3, as on
  Lambda; median of 9) and its first `/health` answer, as shipped (with the
  bytecode `make package` adds; budget: import < 250 ms) and beside it the same
  package stripped of its `.pyc` files, as `zappa package` alone would ship it;
- sync of the example site to S3 on a moto server (a separate process on
  loopback): first upload, a sync with nothing changed, and a sync after one
  post was edited and the site rebuilt;
- the same for a generated corpus of BENCH_DEPLOY_POSTS posts (default 4,000):
  the figure that matters is the sync after a one-post edit (list the bucket,
  hash every local file, upload only what changed). BENCH_DEPLOY_POSTS=0 skips it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "site"))

from sitegen.publish import cdn, files, s3sync  # noqa: E402

PY = sys.executable
POSTS = int(os.environ.get("BENCH_DEPLOY_POSTS", "4000"))
RUNNER = ROOT / "tests" / "deploy" / "lambda_runner.py"
LAMBDA_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")
HEALTH = {
    "httpMethod": "GET",
    "path": "/health",
    "headers": {"Host": "bench.execute-api.us-east-1.amazonaws.com"},
    "queryStringParameters": None,
    "requestContext": {"stage": "prod", "identity": {"sourceIp": "203.0.113.9"}},
    "body": None,
    "isBase64Encoded": False,
}
rows: list[tuple[str, str, str]] = []


def row(measure: str, value: str, budget: str = "") -> None:
    rows.append((measure, value, budget))
    print(f"  {measure}: {value}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_package(work: Path) -> None:
    zip_path = work / "frostfolio-prod.zip"
    started = time.perf_counter()
    subprocess.run(
        ["make", "--no-print-directory", "package", "STAGE=prod", f"ZIP={zip_path}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    row("`make package` (deploy venv already built)", f"{time.perf_counter() - started:.1f} s")
    row("Lambda zip size", f"{zip_path.stat().st_size / 1024:.0f} KB", "< 10 MB")
    task = work / "task"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(task)
    # The same package without its bytecode, as `zappa package` alone ships it.
    bare = work / "task-without-bytecode"
    shutil.copytree(task, bare, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    import boto3

    site_packages = Path(boto3.__file__).resolve().parents[1]
    libs = work / "runtime"
    libs.mkdir()
    for name in LAMBDA_PROVIDED:
        (libs / name).symlink_to(site_packages / name)
    shipped = cold_starts(task, libs)
    without = cold_starts(bare, libs)
    for label, (imports, firsts) in (("as shipped", shipped), ("without bytecode", without)):
        row(
            f"cold import of the packaged handler, {label} (median of 9)",
            f"{statistics.median(imports):.0f} ms",
            "< 250 ms" if label == "as shipped" else "",
        )
        row(
            f"first `GET /health` after import, {label} (median of 9)",
            f"{statistics.median(firsts):.1f} ms",
        )
        total = [i + f for i, f in zip(imports, firsts, strict=True)]
        row(
            f"cold start to first answer, {label} (median of 9)",
            f"{statistics.median(total):.0f} ms",
        )


def cold_starts(task: Path, libs: Path, runs: int = 9) -> tuple[list[float], list[float]]:
    """Import the handler in ``runs`` fresh processes; each one's import and first-request ms."""
    imports, firsts = [], []
    env = {"PATH": os.environ["PATH"], "AWS_REGION": "us-east-1", "LANG": "C.UTF-8"}
    for _ in range(runs):
        out = subprocess.run(
            # -B: nothing written, as on Lambda's read-only /var/task
            [PY, "-B", "-I", "-S", str(RUNNER), str(task), str(libs)],
            input=json.dumps([HEALTH]),
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        report = json.loads(out.strip().splitlines()[-1])
        assert report["responses"][0]["statusCode"] == 200
        imports.append(report["import_ms"])
        firsts.append(report["request_ms"][0])
    return imports, firsts


def build(content: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [PY, "-m", "sitegen", "build", "--content", str(content), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def timed_sync(s3, bucket: str, out: Path) -> tuple[float, s3sync.SyncPlan]:
    started = time.perf_counter()
    _, plan = s3sync.compare(s3, bucket, out)
    s3sync.apply(s3, bucket, plan)
    return time.perf_counter() - started, plan


def bench_site(s3, label: str, content: Path, out: Path, edit: Path) -> None:
    bucket = f"bench-{label.replace(' ', '-').replace(',', '')}".lower()[:60]
    s3.create_bucket(Bucket=bucket)
    row(f"[{label}] build", f"{build(content, out):.1f} s")
    local = files.scan(out)
    size = sum(f.size for f in local.values()) / 1e6
    seconds, plan = timed_sync(s3, bucket, out)
    row(f"[{label}] first sync: {len(plan.uploads)} files, {size:.1f} MB", f"{seconds:.1f} s")
    seconds, plan = timed_sync(s3, bucket, out)
    row(f"[{label}] sync, nothing changed ({plan.unchanged} files compared)", f"{seconds:.2f} s")
    edit.write_text(edit.read_text() + "\nOne more paragraph, added after publishing.\n")
    rebuild = build(content, out)
    seconds, plan = timed_sync(s3, bucket, out)
    paths = cdn.invalidation_paths(plan.changed_keys)
    row(
        f"[{label}] sync after a one-post edit (rebuild {rebuild:.1f} s not included): "
        f"{len(plan.uploads)} uploaded, {len(plan.deletes)} deleted, "
        f"{len(paths)} paths to invalidate",
        f"{seconds:.2f} s",
    )


def generated_corpus(root: Path, count: int) -> Path:
    """Write `count` posts with tags and several paragraphs each."""
    content = root / "content"
    (content / "posts").mkdir(parents=True)
    (content / "site.yml").write_text(
        "title: Bench blog\nbase_url: https://bench.example/\nauthor: {name: Bench}\n"
    )
    rng = random.Random(count)
    words = [
        "design",
        "system",
        "colour",
        "type",
        "grid",
        "layout",
        "python",
        "flask",
        "static",
        "cache",
        "query",
        "index",
    ]
    tags = [f"topic-{i}" for i in range(40)]
    for i in range(count):
        body = "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(8))
        date = f"20{10 + i % 16:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        (content / "posts" / f"post-{i:04d}.md").write_text(
            f"---\ntitle: Post number {i}\ndate: {date}\n"
            f"tags: [{', '.join(rng.sample(tags, 3))}]\nsummary: Summary of post {i}.\n---\n"
            f"{body}\n"
        )
    return content


def main() -> int:
    import boto3

    with tempfile.TemporaryDirectory(prefix="bench-deploy-") as tmp:
        work = Path(tmp)
        print("Lambda package", flush=True)
        bench_package(work)

        port = free_port()
        moto = subprocess.Popen(
            [str(Path(PY).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            s3 = boto3.session.Session(
                aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1"
            ).client("s3", endpoint_url=url)
            deadline = time.monotonic() + 30
            while True:
                try:
                    s3.list_buckets()
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            print("Example site", flush=True)
            example = work / "example" / "content"
            shutil.copytree(ROOT / "content", example)
            edit = sorted((example / "posts").glob("*.md"))[0]
            bench_site(s3, "example site", example, work / "example" / "build", edit)
            if POSTS:  # BENCH_DEPLOY_POSTS=0 skips the corpus
                print(f"{POSTS} posts", flush=True)
                corpus = generated_corpus(work / "corpus", POSTS)
                edit = corpus / "posts" / f"post-{POSTS // 2:04d}.md"
                bench_site(s3, f"{POSTS:,} posts", corpus, work / "corpus" / "build", edit)
        finally:
            moto.terminate()
            moto.wait(timeout=10)

    print("\n| measure | value | budget |\n| --- | --- | --- |")
    for measure, value, budget in rows:
        print(f"| {measure} | {value} | {budget} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
