"""Where the case store lives.

``CHARTREVIEW_DATABASE_URL`` (any SQLAlchemy URL, e.g.
``postgresql+psycopg://user@host/chartreview``) chooses the database; without it the store
is the SQLite file ``cases.sqlite3`` in the data folder. The documents as uploaded are kept
in ``case-files/`` beside it (``CHARTREVIEW_CASE_FILES_DIR`` to put them elsewhere).

The data folder is ``$CHARTREVIEW_DATA_DIR`` if set (the folder retrieval keeps its index
in, retrieval/config.py), else ``$XDG_DATA_HOME/chartreview`` (``~/.local/share/chartreview``):
not the cache folder retrieval falls back to, because cases and reviewer actions cannot be
rebuilt and a cache may be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_URL_ENV = "CHARTREVIEW_DATABASE_URL"
DATA_DIR_ENV = "CHARTREVIEW_DATA_DIR"  # the same variable as retrieval.config.DATA_DIR_ENV
CASE_FILES_ENV = "CHARTREVIEW_CASE_FILES_DIR"
SQLITE_NAME = "cases.sqlite3"
CASE_FILES_SUBDIR = "case-files"


def data_dir() -> Path:
    """The folder of the default SQLite database and the stored documents."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(data_home).expanduser() if data_home else Path.home() / ".local" / "share"
    return base / "chartreview"


def database_url() -> str:
    """``$CHARTREVIEW_DATABASE_URL``, else the SQLite file in :func:`data_dir`."""
    configured = os.environ.get(DATABASE_URL_ENV, "").strip()
    if configured:
        return configured
    return f"sqlite:///{data_dir() / SQLITE_NAME}"


def case_files_dir() -> Path:
    """``$CHARTREVIEW_CASE_FILES_DIR``, else ``case-files/`` in :func:`data_dir`."""
    configured = os.environ.get(CASE_FILES_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return data_dir() / CASE_FILES_SUBDIR
