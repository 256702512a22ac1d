"""Content problems, reported to authors as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, located as precisely as known."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class ContentError(Exception):
    """The content cannot be built; `.problems` lists every reason found.

    `partial` is what did load (the files without problems), so the checks that
    need every page known (links, URL clashes) can still run and every problem is
    reported in one go.
    """

    def __init__(self, problems: list[Problem], partial: object = None) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, str(p)))
        self.partial = partial
        super().__init__(self.report())

    def report(self) -> str:
        """Describe every problem, one per line, with a count at the end."""
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


class BuildError(Exception):
    """The site could not be frozen (a page failed, a route has no URL generator)."""
