"""What a build tells the terminal while it runs: a progress bar, and phase timings."""

from __future__ import annotations

import os
import sys
import time


class Timings:
    """Phase timings on stderr when SITEGEN_TIMINGS is set (where does the time go?)."""

    def __init__(self, start: float) -> None:
        self.last = start
        self.enabled = bool(os.environ.get("SITEGEN_TIMINGS"))

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        if self.enabled:
            print(f"  {now - self.last:7.3f} s  {phase}", file=sys.stderr)
        self.last = now


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, 0, enabled and total > 0
        self.last = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.1 or self.done >= self.total):
            self.last = now
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} pages"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
