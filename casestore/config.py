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

from core.datadir import data_dir

DATABASE_URL_ENV = "CHARTREVIEW_DATABASE_URL"
CASE_FILES_ENV = "CHARTREVIEW_CASE_FILES_DIR"
SQLITE_NAME = "cases.sqlite3"
CASE_FILES_SUBDIR = "case-files"


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
