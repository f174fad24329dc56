"""Reading the search index: one `Reader` per index directory and process, reopened when the writer's
state file changes; `reader()` catches the index up with the change log (at most once per
SEARCH_INDEX_CHECK_SECONDS) and rebuilds it when it is missing or unreadable (index.py writes)."""
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from .index import (DATA, REBUILD_MESSAGE, STATE_FILE, _tantivy, index_build, index_path, index_schema,
                    index_sync, log, state_read)


class Reader:
    """A searcher on the index, reopened when the writer's state file changes."""

    def __init__(self, path: Path):
        self.path = path
        self.schema = index_schema()
        self.index = _tantivy().Index.open(str(path / DATA))
        self.mtime = None
        self.checked = 0.0
        self.state = None
        self.lock = threading.Lock()

    def refresh(self):
        try:
            mtime = os.stat(self.path / STATE_FILE).st_mtime_ns
        except OSError:
            return
        if mtime != self.mtime:
            with self.lock:
                if mtime != self.mtime:
                    self.index.reload()
                    self.state = state_read(self.path)
                    self.mtime = mtime

    def searcher(self):
        return self.index.searcher()


_READERS: dict = {}
_READERS_LOCK = threading.Lock()


def readers_forget():
    """Drop this process's open readers (tests; after a directory is replaced)."""
    with _READERS_LOCK:
        _READERS.clear()


def _may_sync_here() -> bool:
    # Inside a transaction the log may hold rows that are not committed: never index them,
    # except in tests, which run in one transaction that is rolled back with the index directory.
    return not connection.in_atomic_block or settings.SEARCH_SYNC_IN_TRANSACTION


def reader() -> Reader:
    """The current index of this host, caught up with the change log and rebuilt when missing."""
    path = index_path()
    current = _READERS.get(path)
    state = state_read(path)
    if current is None or state is None:
        if state is None or not (path / DATA / "meta.json").exists():
            if path.exists() and any(path.iterdir()):
                log.warning(REBUILD_MESSAGE, "无状态文件" if state is None else "无索引文件")
            else:
                log.info("建立检索索引：%s", path)
            # The first process to get the lock builds; the others say so instead of waiting minutes.
            index_build(timeout=settings.SEARCH_WRITE_TIMEOUT, if_missing=True)
        with _READERS_LOCK:
            current = _READERS.get(path)
            if current is None:
                try:
                    current = Reader(path)
                except Exception as exc:
                    log.warning(REBUILD_MESSAGE, exc)
                    (path / STATE_FILE).unlink(missing_ok=True)
                    index_build(timeout=settings.SEARCH_WRITE_TIMEOUT)
                    current = Reader(path)
                _READERS[path] = current
    now = time.monotonic()
    if now - current.checked >= settings.SEARCH_INDEX_CHECK_SECONDS and _may_sync_here():
        current.checked = now
        index_sync(timeout=0.1)  # another process holding the lock is applying the same log
    current.refresh()
    return current
