"""Rendered Markdown bodies kept between builds, in one SQLite file of the cache folder.

A build renders thousands of bodies in a few worker processes. A file per body
cost as much as writing the site's own pages: a folder, a new file and a rename
for each, and on ext4 creating a file gets slower the more files were deleted
in the last minutes (as when a build folder is made afresh). One database in
write-ahead-log mode takes them all: workers read without waiting for each
other, and write what they rendered a batch at a time (`flush`: a build's
workers at the end of each chunk of pages, the renderer when it is configured
again and at exit). Threads of one process (the preview server's) take turns.

It is only a cache: when the file cannot be opened or read, a process renders
without it, and a file that is not a database is replaced.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path

FILE = "md.sqlite3"
OLD_FOLDER = "md"  # a JSON file per body, as kept before
BATCH = 64  # bodies written in one transaction
_NOT_A_DATABASE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)  # replaced, not kept
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS body"
    " (key TEXT PRIMARY KEY, html TEXT NOT NULL, toc TEXT NOT NULL) WITHOUT ROWID"
)


class BodyCache:
    """Rendered bodies by key; each process (a forked worker too) has its own connection."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE
        self._db: sqlite3.Connection | None = None
        self._pid: int | None = None
        self._inherited: list[sqlite3.Connection] = []  # a parent's: never used, never closed
        self.failed = False  # this process renders without the cache
        self._pending: list[tuple[str, str, str]] = []
        self._lock, self._lock_pid = threading.Lock(), os.getpid()
        self._prepare(Path(folder))

    def get(self, key: str) -> tuple[str, str] | None:
        """Return (html, table of contents) kept for `key`, or None."""
        with self._guard():
            db = self._connection()
            if db is None:
                return None
            try:
                row = db.execute("SELECT html, toc FROM body WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                self._fail()
                return None
        return (row[0], row[1]) if row else None

    def put(self, key: str, html: str, toc: str) -> None:
        """Keep a rendered body: written with the next batch (see `flush`)."""
        self._pending.append((key, html, toc))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the bodies kept since the last flush, in one transaction."""
        with self._guard():
            pending, self._pending = self._pending, []
            db = self._connection() if pending else None
            if db is None:
                return
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany("INSERT OR REPLACE INTO body VALUES (?, ?, ?)", pending)
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            except sqlite3.Error:
                self._fail()

    def close(self) -> None:
        """Write what is pending and close this process's connection."""
        self.flush()
        with self._guard():
            if self._db is not None and self._pid == os.getpid():
                self._db.close()
            self._db, self.failed = None, True

    def _guard(self) -> threading.Lock:
        if self._lock_pid != os.getpid():  # a lock held at fork() stays held in the child
            self._lock, self._lock_pid = threading.Lock(), os.getpid()
        return self._lock

    def _connection(self) -> sqlite3.Connection | None:
        if self.failed:
            return None
        if self._pid != os.getpid():
            # A connection must not cross fork(): a worker opens its own.
            if self._db is not None:
                self._inherited.append(self._db)
            self._db = None
            try:
                self._db = _open(self.path)
            except (sqlite3.Error, OSError):
                self._fail()
                return None
            self._pid = os.getpid()
        return self._db

    def _fail(self) -> None:
        self.failed = True

    def _prepare(self, folder: Path) -> None:
        """Create the table, or start a new file when this one is not a database.

        The connection stays open for this process: closing the last one copies
        the write-ahead log into the file and syncs it, a cost at every build.
        """
        shutil.rmtree(folder / OLD_FOLDER, ignore_errors=True)
        for attempt in range(2):
            db = None
            try:
                folder.mkdir(parents=True, exist_ok=True)
                db = _open(self.path)
                db.execute(_SCHEMA)
                db.execute("SELECT 1 FROM body LIMIT 1").fetchall()
            except (sqlite3.Error, OSError) as err:
                if db is not None:
                    db.close()
                if attempt == 0 and getattr(err, "sqlite_errorcode", None) in _NOT_A_DATABASE:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    continue
                break
            self._db, self._pid = db, os.getpid()
            return
        self._fail()


def _open(path: Path) -> sqlite3.Connection:
    # Autocommit; a writer waits up to a minute for another's transaction to end.
    db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may lose the last writes only
    return db
