"""The money log's stale-version error (its own module: the blueprint needs it at import)."""

from __future__ import annotations

from typing import Any


class Conflict(Exception):
    """The item changed since it was read; ``current`` is it now (None: deleted)."""

    def __init__(self, current: dict[str, Any] | None) -> None:
        super().__init__("version conflict")
        self.current = current
