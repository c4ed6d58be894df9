"""Tests of ingest.loader: real files built at test time, exact texts, ids and reasons."""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfs import WritePdf, encrypt_pdf, extracted_texts, make_image_pdf, make_pdf, pdf_bytes
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import DependencyError, PdfReadError

from core.data import Document, DocumentKind, InputError, Page
from ingest.loader import DEFAULT_MAX_BYTES, load_chart

NOTE_PAGES = [
    "Group Therapy Note\nDate of service: 03/05/2024\nTime: 9:00 AM - 12:00 PM",
    "Treatment plan goals addressed: coping skills.\nSigned: J. Smith, LCSW",
]
REEXPORT = "re-export or re-scan it from the source system"
DAMAGED = f"the file is damaged, truncated or not really a PDF; {REEXPORT}"
ENCRYPTED = (
    "PDF is encrypted and needs a password to open: ask the sender for a copy without a password"
)
BINARY = (
    "contains NUL bytes, so it is a binary file (or UTF-16 without a byte-order mark), "
    "not text: export the document as PDF or save it as UTF-8 text"
)
UNSUPPORTED_DOCX = (
    "unsupported file type '.docx': supported are .pdf, .txt, .text, .log, .md, .markdown, .csv, "
    ".tsv, .html, .htm, .rtf, .json, .yaml, .yml, .xml, .hl7, .ics, .ical, .mbox; export the "
    "document as PDF or plain text"
)
CP1252_NOTE = b"Progress Note\r\nClient stated: I\x92m doing better.\r\n"
CP1252_REASON = "not UTF-8 text (byte 0x92 at offset 31, line 2): re-save the file as UTF-8"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def only_document(paths: list[Path]) -> Document:
    """Load ``paths``, expecting exactly one document and no errors."""
    result = load_chart(paths)
    assert result.errors == ()
    assert len(result.documents) == 1
    return result.documents[0]


def only_error(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> InputError:
    """Load ``paths``, expecting exactly one error and no documents."""
    result = load_chart(paths, max_bytes=max_bytes)
    assert result.documents == ()
    assert len(result.errors) == 1
    return result.errors[0]


# --- PDFs -------------------------------------------------------------------------------


def test_text_pdf_pages_are_pypdf_extract_text(tmp_path: Path) -> None:
    path = tmp_path / "group-2024-03-05.pdf"
    data = make_pdf(path, NOTE_PAGES)

    doc = only_document([path])

    assert doc.document_id == sha256(data)
    assert doc.filename == "group-2024-03-05.pdf"
    assert doc.media_type == "application/pdf"
    assert doc.kind is DocumentKind.PROGRESS_NOTE
    assert [p.number for p in doc.pages] == [1, 2]
    assert [p.text for p in doc.pages] == extracted_texts(data)
    assert [p.text for p in doc.pages] == NOTE_PAGES  # fpdf2 + pypdf round-trip these exactly
    assert doc.pages_without_text == []


def test_image_only_pdf_is_a_document_with_pages_flagged(tmp_path: Path) -> None:
    path = tmp_path / "scan0001.pdf"
    data = make_image_pdf(path, page_count=2)

    doc = only_document([path])

    assert doc.document_id == sha256(data)
    assert doc.pages == (
        Page(number=1, text="", has_text_layer=False),
        Page(number=2, text="", has_text_layer=False),
    )
    assert doc.pages_without_text == [1, 2]
    assert doc.kind is DocumentKind.OTHER


def test_kind_comes_from_first_page_with_text(write_pdf: WritePdf) -> None:
    path = write_pdf("scan.pdf", ["", "Discharge Summary\nDischarged 04/01/2024", ""])

    doc = only_document([path])

    assert doc.kind is DocumentKind.DISCHARGE_SUMMARY
    assert doc.pages_without_text == [1, 3]
    assert doc.pages[1].text == "Discharge Summary\nDischarged 04/01/2024"


def test_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    data = encrypt_pdf(pdf_bytes(NOTE_PAGES), user_password="", owner_password="owner")
    path = tmp_path / "protected.pdf"
    path.write_bytes(data)

    doc = only_document([path])

    assert doc.document_id == sha256(data)
    assert [p.text for p in doc.pages] == NOTE_PAGES
    assert [p.text for p in doc.pages] == extracted_texts(data)


def test_pdf_needing_a_password_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypt_pdf(pdf_bytes(NOTE_PAGES), user_password="secret", owner_password="o"))

    assert only_error([path]) == InputError(filename="locked.pdf", reason=ENCRYPTED)


def test_missing_crypto_package_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AES-encrypted PDFs need the ``cryptography`` package; say so instead of "damaged"."""
    path = tmp_path / "aes.pdf"
    path.write_bytes(encrypt_pdf(pdf_bytes(NOTE_PAGES), user_password="", owner_password="o"))

    def decrypt(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", decrypt)

    assert only_error([path]).reason == (
        "the PDF could not be read because a package is missing "
        "(cryptography>=3.1 is required for AES algorithm): "
        "install it, or ask the sender for a copy without encryption"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("truncated.pdf", pdf_bytes(NOTE_PAGES)[:600]),
        ("random.pdf", random.Random(0).randbytes(3000)),
        ("note-saved-as.pdf", b"Progress Note\nThis is plain text, not a PDF.\n"),
    ],
)
def test_unreadable_pdf_is_an_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert only_error([path]) == InputError(
        filename=name, reason=f"the PDF could not be read (PdfStreamError): {DAMAGED}"
    )


def test_pdf_without_pages_is_an_error(tmp_path: Path) -> None:
    out = io.BytesIO()
    PdfWriter().write(out)
    path = tmp_path / "blank.pdf"
    path.write_bytes(out.getvalue())

    assert only_error([path]) == InputError(
        filename="blank.pdf", reason=f"PDF has no pages: {REEXPORT}"
    )


def test_page_that_fails_to_extract_names_the_page(
    write_pdf: WritePdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_pdf("note.pdf", NOTE_PAGES)
    original = PageObject.extract_text

    def extract_text(self: PageObject) -> str:
        if "Signed" in original(self):
            raise PdfReadError("broken content stream")
        return original(self)

    monkeypatch.setattr(PageObject, "extract_text", extract_text)

    assert only_error([path]) == InputError(
        filename="note.pdf", reason=f"page 2 could not be read (PdfReadError): {DAMAGED}"
    )


def test_each_page_is_extracted_once(
    tmp_path: Path, write_pdf: WritePdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest cost is pypdf's own extraction: no page is parsed twice."""
    paths = [
        write_pdf(f"chart/note{i:02}.pdf", [f"Session Note {i}", "page two"]) for i in range(40)
    ]
    calls: list[int] = []
    original = PageObject.extract_text

    def extract_text(self: PageObject) -> str:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(PageObject, "extract_text", extract_text)

    result = load_chart([tmp_path / "chart"])

    assert len(calls) == 80
    assert [d.filename for d in result.documents] == [p.name for p in paths]
    assert result.errors == ()


# --- text files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "media_type", "text"),
    [
        ("a.txt", "Mood “good” — café\n".encode(), "text/plain", "Mood “good” — café\n"),
        ("a.text", b"Progress Note\n", "text/plain", "Progress Note\n"),
        (
            "audit.log",
            b"ts=2025-09-02T14:00:41Z evt=appt.checkin\n",
            "text/plain",
            "ts=2025-09-02T14:00:41Z evt=appt.checkin\n",
        ),
        ("a.md", b"# Progress Note\n", "text/markdown", "# Progress Note\n"),
        ("a.markdown", b"# Progress Note", "text/markdown", "# Progress Note"),
        ("UPPER.TXT", b"Progress Note", "text/plain", "Progress Note"),
        ("bom.txt", codecs.BOM_UTF8 + "Note café".encode(), "text/plain", "Note café"),
        ("le.txt", codecs.BOM_UTF16_LE + "A\r\ncafé".encode("utf-16-le"), "text/plain", "A\ncafé"),
        ("be.txt", codecs.BOM_UTF16_BE + "A\r\ncafé".encode("utf-16-be"), "text/plain", "A\ncafé"),
        ("crlf.txt", b"Line 1\r\nLine 2\r\n", "text/plain", "Line 1\nLine 2\n"),
        ("cr.txt", b"Line 1\rLine 2\r", "text/plain", "Line 1\nLine 2\n"),
        ("mixed.txt", b"a\r\n\r\nb\rc\n\td ", "text/plain", "a\n\nb\nc\n\td "),
    ],
)
def test_text_file_is_one_page_of_decoded_text(
    tmp_path: Path, name: str, content: bytes, media_type: str, text: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    doc = only_document([path])

    assert doc.pages == (Page(number=1, text=text),)
    assert doc.document_id == sha256(content)
    assert doc.media_type == media_type
    assert doc.filename == name


def test_offsets_refer_to_normalized_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"Progress Note\r\nDate of service: 03/05/2024\r\nDuration: 3 hours\r\n")

    doc = only_document([path])
    start = len("Progress Note\nDate of service: ")

    evidence = doc.evidence(1, start, start + len("03/05/2024"))
    assert evidence.quote == "03/05/2024"
    assert doc.page(1).text[start + 11 :].startswith("Duration: 3 hours")
    assert doc.kind is DocumentKind.PROGRESS_NOTE


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("cp1252.txt", CP1252_NOTE, CP1252_REASON),
        ("nul.txt", b"Progress Note\x00\x01\x02", BINARY),
        ("nul-and-cp1252.txt", b"\x92\x00", BINARY),
        ("no-bom-utf16.txt", "Progress Note".encode("utf-16-le"), BINARY),
        ("utf16-nul.txt", codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), BINARY),
        (
            "utf16-odd.txt",
            codecs.BOM_UTF16_LE + "Note".encode("utf-16-le") + b"\x41",
            "starts with a UTF-16 byte-order mark but is not valid UTF-16 (at offset 10): "
            "re-save the file as UTF-8",
        ),
        (
            "bom-then-cp1252.md",
            codecs.BOM_UTF8 + b"ok\n\xe9",
            "not UTF-8 text (byte 0xe9 at offset 6, line 2): re-save the file as UTF-8",
        ),
    ],
)
def test_undecodable_text_is_an_error(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert only_error([path]) == InputError(filename=name, reason=reason)


# --- files in general -------------------------------------------------------------------


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")

    assert only_error([path]) == InputError(
        filename="empty.pdf", reason=f"file is empty (0 bytes): {REEXPORT}"
    )


@pytest.mark.parametrize(
    ("size", "limit", "said"),
    [
        (1234, 1000, "file is 1,234 bytes, over the 1,000 bytes limit"),
        (3 * 2**20, 2 * 2**20, "file is 3.0 MiB, over the 2.0 MiB limit"),
    ],
)
def test_file_over_the_limit_is_an_error(tmp_path: Path, size: int, limit: int, said: str) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * size)

    assert only_error([path], max_bytes=limit) == InputError(
        filename="big.txt", reason=f"{said}: split it into smaller files or raise the size limit"
    )


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"x" * 100)

    assert load_chart([path], max_bytes=100).errors == ()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("report.docx", UNSUPPORTED_DOCX),
        (
            "README",
            "unsupported file without an extension: supported are .pdf, .txt, .text, .log, "
            ".md, .markdown, .csv, .tsv, .html, .htm, .rtf, .json, .yaml, .yml, .xml, .hl7, "
            ".ics, .ical, .mbox; export the document as PDF or plain text",
        ),
    ],
)
def test_unsupported_file_is_an_error(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04")

    assert only_error([path]) == InputError(filename=name, reason=reason)


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "chart.pdf"

    assert only_error([path]) == InputError(
        filename=str(path), reason="does not exist: check the path"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_is_an_error_not_a_hang(tmp_path: Path) -> None:
    not_regular = "is not a regular file or folder (device, pipe or socket): give a file instead"
    os.mkfifo(tmp_path / "pipe.txt")

    assert only_error([tmp_path / "pipe.txt"]) == InputError(
        filename=str(tmp_path / "pipe.txt"), reason=not_regular
    )
    assert only_error([tmp_path]) == InputError(filename="pipe.txt", reason=not_regular)


def test_same_bytes_twice_are_reviewed_once(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "a.pdf", NOTE_PAGES)
    (tmp_path / "copy of a.pdf").write_bytes(data)

    result = load_chart([tmp_path / "a.pdf", tmp_path / "copy of a.pdf", tmp_path / "a.pdf"])

    assert [d.filename for d in result.documents] == ["a.pdf"]
    duplicate = "same content as a.pdf, which is reviewed once under that name; remove one copy"
    assert result.errors == (
        InputError(filename="copy of a.pdf", reason=duplicate),
        InputError(filename="a.pdf", reason=duplicate),
    )


# --- folders ----------------------------------------------------------------------------


def test_folder_is_searched_recursively_in_sorted_order(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    (chart / "notes" / "week 1").mkdir(parents=True)
    (chart / ".git").mkdir()
    (chart / "b.txt").write_bytes(b"Attendance Log")
    (chart / "a.md").write_bytes(b"# Intake Assessment")
    (chart / "notes" / "week 1" / "n1.txt").write_bytes(b"Session Note 1")
    (chart / "notes" / "n0.txt").write_bytes(b"Session Note 0")
    (chart / ".DS_Store").write_bytes(b"\x00\x00")
    (chart / ".git" / "config.txt").write_bytes(b"not part of the chart")
    (chart / "notes" / "._n0.txt").write_bytes(b"\x00resource fork")
    single = tmp_path / "cert.txt"
    single.write_bytes(b"Physician Certification")

    result = load_chart([chart, single])

    assert result.errors == ()
    assert [(d.filename, d.kind) for d in result.documents] == [
        ("a.md", DocumentKind.INTAKE_EVALUATION),
        ("b.txt", DocumentKind.ATTENDANCE),
        ("notes/n0.txt", DocumentKind.PROGRESS_NOTE),
        ("notes/week 1/n1.txt", DocumentKind.PROGRESS_NOTE),
        ("cert.txt", DocumentKind.CERTIFICATION),
    ]


def test_hidden_chart_files_are_read_and_symlinked_files_reported(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / ".late_note.txt").write_bytes(b"Progress Note")
    (chart / "Thumbs.db").write_bytes(b"\x00")
    for editor_file in (".#note.txt", "#note.txt#", "note.txt~", "~$plan.docx", ".x.swp"):
        (chart / editor_file).write_bytes(b"\x00")
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(b"Physician Certification")
    (chart / "cert.txt").symlink_to(outside)

    result = load_chart([chart])

    assert [d.filename for d in result.documents] == [".late_note.txt"]
    assert result.errors == (
        InputError(
            filename="cert.txt",
            reason="is a symbolic link, which is not followed: give its target path instead",
        ),
    )


def test_symlinked_folder_is_reported_not_followed(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "note.txt").write_bytes(b"Progress Note")
    (chart / "loop").symlink_to(chart, target_is_directory=True)

    result = load_chart([chart])

    assert [d.filename for d in result.documents] == ["note.txt"]
    assert result.errors == (
        InputError(
            filename="loop",
            reason="is a symlinked folder, which is not followed: give its target path instead",
        ),
    )


def test_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated with a failing ``os.scandir``: permissions do not stop root, who runs CI."""
    chart = tmp_path / "chart"
    (chart / "private").mkdir(parents=True)
    (chart / "note.txt").write_bytes(b"Progress Note")
    real_scandir = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    result = load_chart([chart])

    assert [d.filename for d in result.documents] == ["note.txt"]
    assert result.errors == (
        InputError(
            filename="private",
            reason="folder could not be listed (Permission denied): check its permissions",
        ),
    )


def test_progress_is_called_after_each_file(tmp_path: Path) -> None:
    for name in ["a.txt", "b.docx", "c.txt"]:
        (tmp_path / name).write_bytes(b"Progress Note " + name.encode())
    calls: list[tuple[int, int]] = []

    load_chart([tmp_path], progress=lambda i, n: calls.append((i, n)))

    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_every_bad_file_is_reported_and_the_good_ones_loaded(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    good_pdf = make_pdf(chart / "a_good.pdf", NOTE_PAGES)
    good_txt = b"Individualized Treatment Plan\r\nGoal 1: reduce panic attacks\r\n"
    (chart / "b_good.txt").write_bytes(good_txt)
    (chart / "c_cp1252.txt").write_bytes(CP1252_NOTE)
    (chart / "d_duplicate.pdf").write_bytes(good_pdf)
    (chart / "e_empty.pdf").write_bytes(b"")
    locked = encrypt_pdf(pdf_bytes(NOTE_PAGES), user_password="secret", owner_password="o")
    (chart / "f_encrypted.pdf").write_bytes(locked)
    (chart / "g_nul.txt").write_bytes(b"Progress\x00Note")
    (chart / "h_oversize.txt").write_bytes(b"Progress Note\n" * 400)
    (chart / "i_random.pdf").write_bytes(random.Random(1).randbytes(2000))
    (chart / "j_report.docx").write_bytes(b"PK\x03\x04")
    (chart / "k_truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    missing = tmp_path / "missing.pdf"
    limit = 5000
    assert len(good_pdf) < limit < len(b"Progress Note\n" * 400)

    result = load_chart([chart, missing], max_bytes=limit)

    assert result.documents == (
        Document(
            document_id=sha256(good_pdf),
            filename="a_good.pdf",
            media_type="application/pdf",
            pages=(Page(number=1, text=NOTE_PAGES[0]), Page(number=2, text=NOTE_PAGES[1])),
            kind=DocumentKind.PROGRESS_NOTE,
        ),
        Document(
            document_id=sha256(good_txt),
            filename="b_good.txt",
            media_type="text/plain",
            pages=(
                Page(
                    number=1, text="Individualized Treatment Plan\nGoal 1: reduce panic attacks\n"
                ),
            ),
            kind=DocumentKind.TREATMENT_PLAN,
        ),
    )
    assert result.errors == (
        InputError(filename=str(missing), reason="does not exist: check the path"),
        InputError(filename="c_cp1252.txt", reason=CP1252_REASON),
        InputError(
            filename="d_duplicate.pdf",
            reason="same content as a_good.pdf, which is reviewed once under that name; "
            "remove one copy",
        ),
        InputError(filename="e_empty.pdf", reason=f"file is empty (0 bytes): {REEXPORT}"),
        InputError(filename="f_encrypted.pdf", reason=ENCRYPTED),
        InputError(filename="g_nul.txt", reason=BINARY),
        InputError(
            filename="h_oversize.txt",
            reason="file is 5,600 bytes, over the 5,000 bytes limit: "
            "split it into smaller files or raise the size limit",
        ),
        InputError(
            filename="i_random.pdf", reason=f"the PDF could not be read (PdfStreamError): {DAMAGED}"
        ),
        InputError(filename="j_report.docx", reason=UNSUPPORTED_DOCX),
        InputError(
            filename="k_truncated.pdf",
            reason=f"the PDF could not be read (PdfStreamError): {DAMAGED}",
        ),
    )


# --- logging ----------------------------------------------------------------------------

PROBE = "QZXJK"  # pypdf logs the first 5 bytes of a file whose PDF header is invalid


def test_no_chart_text_reaches_any_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = f"{PROBE} Progress Note for QZXJK-PATIENT"
    chart = tmp_path / "chart"
    chart.mkdir()
    make_pdf(chart / "note.pdf", [text, text])
    (chart / "note.txt").write_text(text)
    (chart / "plain-text-named.pdf").write_bytes(text.encode() + b"\n(saved as .pdf)")
    (chart / "cp1252.txt").write_bytes(text.encode() + b"\x92")
    (chart / "nul.txt").write_bytes(text.encode() + b"\x00")
    locked = encrypt_pdf(pdf_bytes([text]), user_password="secret", owner_password="o")
    (chart / "locked.pdf").write_bytes(locked)
    caplog.set_level(logging.DEBUG)  # root: every logger, every level

    result = load_chart([chart])

    assert len(result.documents) == 2
    assert len(result.errors) == 4
    assert any(r.name.startswith("pypdf") for r in caplog.records)  # pypdf did log
    assert any(r.name == "chartreview.ingest" for r in caplog.records)
    for record in caplog.records:
        assert PROBE not in record.getMessage()
        assert PROBE not in repr(record.args)
    assert PROBE not in caplog.text


def test_the_log_names_no_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """File names often carry the member's name: the log gives a file's place instead,
    also for a duplicate whose reason would name the first copy."""
    (tmp_path / "01_Renquist_Tobias_note.txt").write_text("Progress note\nPt attended group.\n")
    (tmp_path / "02_Renquist_Tobias_copy.txt").write_text("Progress note\nPt attended group.\n")
    (tmp_path / "03_Renquist_Tobias.docx").write_bytes(b"PK\x03\x04")
    with caplog.at_level(logging.DEBUG, logger="chartreview"):
        result = load_chart([tmp_path])
    assert len(result.documents) == 1 and len(result.errors) == 2
    assert "Renquist" not in caplog.text
    assert "file 2 of 3 not loaded: same content as another file" in caplog.text
    assert "file 3 of 3 not loaded: unsupported file type '.docx'" in caplog.text
