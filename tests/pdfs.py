"""Build small, deterministic PDF files for tests.

fpdf2 writes the content (text in the core Helvetica font, so text must be Latin-1) and pypdf
encrypts. The creation date is fixed, so the same pages always give the same bytes and the
same ``document_id``. Import as ``from pdfs import make_pdf`` (``tests/`` is on ``sys.path``
because ``tests/conftest.py`` is there).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter


class WritePdf(Protocol):
    """Type of the ``write_pdf`` fixture (``tests/conftest.py``): write a text PDF at
    ``tmp_path / name`` and return its path."""

    def __call__(self, name: str, pages: Sequence[str]) -> Path: ...


_CREATED = datetime(2024, 1, 1, tzinfo=UTC)


def _new_pdf() -> FPDF:
    pdf = FPDF(format="letter")
    pdf.set_creation_date(_CREATED)
    pdf.set_font("Helvetica", size=11)
    return pdf


def pdf_bytes(pages: Sequence[str]) -> bytes:
    """A PDF with one page per string (lines split on ``\\n``, left-aligned). An empty
    string gives a blank page, which has no text layer."""
    pdf = _new_pdf()
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text, align="L")
    return bytes(pdf.output())


def make_pdf(path: Path, pages: Sequence[str]) -> bytes:
    """Write :func:`pdf_bytes` of ``pages`` to ``path`` and return the bytes."""
    data = pdf_bytes(pages)
    path.write_bytes(data)
    return data


def image_pdf_bytes(page_count: int = 1) -> bytes:
    """A PDF whose pages each hold only a PNG image (a scan without a text layer)."""
    png = io.BytesIO()
    Image.new("RGB", (160, 90), "lightgray").save(png, format="PNG")
    pdf = _new_pdf()
    for _ in range(page_count):
        pdf.add_page()
        png.seek(0)
        pdf.image(png, x=20, y=20, w=120)
    return bytes(pdf.output())


def make_image_pdf(path: Path, page_count: int = 1) -> bytes:
    """Write :func:`image_pdf_bytes` to ``path`` and return the bytes."""
    data = image_pdf_bytes(page_count)
    path.write_bytes(data)
    return data


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str) -> bytes:
    """``data`` encrypted with RC4-128 (pure Python in pypdf; AES would need
    ``cryptography``). An empty ``user_password`` gives a PDF anyone can open."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def extracted_texts(data: bytes) -> list[str]:
    """What pypdf's ``extract_text()`` gives for each page of ``data``: the reference that
    ingested page texts must equal exactly."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    return [page.extract_text() for page in reader.pages]
