"""Files only their owner may read, written so that a reader never sees half of one, and
the lock that serializes their writers. One implementation for the audit records, the
batch state, the reviewer accounts, their sign-in sessions and the LLM answer cache; each
caller turns an ``OSError`` into its own message."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a reader never sees half a file), readable
    and writable only by its owner (records, accounts and caches hold PHI or secrets).
    Raises ``OSError``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".chartreview-", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def open_lock(path: Path) -> int:
    """The descriptor of the lock file beside ``path`` (``<name>.lock``), made with its
    folder, owner-only. Raises ``OSError``; hold it with :func:`held`."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return os.open(path.with_name(path.name + ".lock"), os.O_CREAT | os.O_RDWR, 0o600)


@contextmanager
def held(fd: int) -> Iterator[None]:
    """An exclusive lock on ``fd`` (from :func:`open_lock`) while the block runs; closed
    after."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
