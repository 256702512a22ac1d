"""Run moto's server (DynamoDB, SES and the rest) in a process of its own on a free port.

In its own process moto has a core to itself: the tests, the API under test and
moto do not queue for one interpreter lock, as they would with moto's threaded
server inside pytest. Everything the tests read back (sent mail, tables) goes
over HTTP, as a client of the real services would.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .dynamodb_local import answers, free_port

MOTO_SERVER = Path(sys.executable).with_name("moto_server")


def start(timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """Start moto's server and wait until it answers; return it and its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # A file, not a pipe: a pipe nobody reads fills up and stalls the server.
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        deadline = time.monotonic() + timeout
        while not answers(f"{url}/moto-api/"):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.seek(0)
                err = log.read().decode(errors="replace")
                raise RuntimeError(f"moto did not start on {url}: {err[-2000:]}")
            time.sleep(0.1)
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    """Stop moto's server, killing it if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
