"""AES-encrypted PDFs (Acrobat's default) open when the user password is empty."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ingest.loader import load_chart
from tests.pdfs import pdf_bytes


def _aes(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Session note AES"]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_aes_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    (tmp_path / "aes.pdf").write_bytes(_aes(""))
    result = load_chart([tmp_path])
    assert result.errors == ()
    assert [p.text for p in result.documents[0].pages] == ["Session note AES"]


def test_aes_pdf_with_a_password_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "locked.pdf").write_bytes(_aes("secret"))
    (tmp_path / "note.txt").write_text("DOS: 03/04/2025", encoding="utf-8")
    result = load_chart([tmp_path])
    assert [e.filename for e in result.errors] == ["locked.pdf"]
    assert "password" in result.errors[0].reason
    assert [d.filename for d in result.documents] == ["note.txt"]
