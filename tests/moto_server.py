"""Run moto's server (DynamoDB, SES and the rest) in a process of its own on a free port.

In its own process moto has a core to itself: the tests, the API under test and
moto do not queue for one interpreter lock, as they would with moto's threaded
server inside pytest. Everything the tests read back (sent mail, tables) goes
over HTTP, as a client of the real services would.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .dynamodb_local import free_port, launch, stop

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
__all__ = ["start", "stop"]


def start(timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """Start moto's server and wait until it answers; return it and its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)]
    return launch("moto", command, url, f"{url}/moto-api/", timeout), url
