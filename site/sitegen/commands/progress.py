"""What a build tells the terminal while it runs: a progress bar, and phase timings."""

from __future__ import annotations

import os
import sys
import time


class Timings:
    """Phase timings on stderr when SITEGEN_TIMINGS is set (where does the time go?).

    Each phase's CPU time counts this process and the workers that ended in it
    (a pool's, a Pagefind run's): on two cores, a phase using both shows about
    twice its wall time.
    """

    def __init__(self, start: float) -> None:
        self.last = start
        self.cpu = os.times()
        self.enabled = bool(os.environ.get("SITEGEN_TIMINGS"))

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        if self.enabled:
            cpu = os.times()
            user = cpu.user + cpu.children_user - self.cpu.user - self.cpu.children_user
            system = cpu.system + cpu.children_system - self.cpu.system - self.cpu.children_system
            self.cpu = cpu
            print(
                f"  {now - self.last:7.3f} s  {phase}"
                f"  (CPU {user:.2f} s user, {system:.2f} s system)",
                file=sys.stderr,
            )
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
