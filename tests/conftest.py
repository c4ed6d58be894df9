"""Shared fixtures. PDF builders live in ``tests/pdfs.py``; this file puts ``tests/`` on
``sys.path`` (pytest's rootdir-relative conftest handling) so tests can ``import pdfs``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from pdfs import WritePdf, make_pdf


@pytest.fixture
def write_pdf(tmp_path: Path) -> WritePdf:
    """Write a text PDF (one page per string) at ``tmp_path / name``, creating folders in
    ``name`` as needed, and return its path."""

    def write(name: str, pages: Sequence[str]) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make_pdf(path, pages)
        return path

    return write
