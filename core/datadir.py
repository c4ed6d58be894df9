"""The data folder of the case store and the reviewer accounts: ``$CHARTREVIEW_DATA_DIR``,
else ``$XDG_DATA_HOME/chartreview`` (``~/.local/share/chartreview``)."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CHARTREVIEW_DATA_DIR"


def data_dir() -> Path:
    """The folder of the default SQLite database, the stored documents and the users file."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(data_home).expanduser() if data_home else Path.home() / ".local" / "share"
    return base / "chartreview"
