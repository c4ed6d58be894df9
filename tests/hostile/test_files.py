"""Hostile and careless files, generated here, reviewed by the real command in a real
process next to a good chart: every file gets a clear per-file error or is read; nothing
crashes, no traceback and no chart text reaches the terminal, the record is written and
verifies, and the overall is never ``met`` while a file could not be read.

Each file holds a canary string standing for chart text (PHI); file names carry
newlines, terminal escapes and bidirectional controls. The big cases are scaled down by a
small per-document text budget; benchmarks/bench_scale.py measures the real sizes.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from pdfs import encrypt_pdf, image_pdf_bytes, pdf_bytes  # noqa: E402

GOOD = ROOT / "examples" / "medicare-iop-complete"
CANARY = "Zebulon Quixote-Marchetti"  # stands for a member's name inside chart text
BUDGET = 200_000  # characters per document in this test


def _bomb_stream(megabytes: int) -> bytes:
    """A Flate stream that inflates to ``megabytes`` MB of blanks after a text operator,
    built a megabyte at a time (never held whole)."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT (x) Tj ET ")]
    block = b" " * 1_000_000
    parts += [packer.compress(block) for _ in range(megabytes)]
    parts.append(packer.flush())
    return b"".join(parts)


def _pdf_with_stream(content: bytes, *, compressed: bool = False) -> bytes:
    """A one-page PDF whose content stream is ``content`` (Flate-compressed here unless
    ``compressed``)."""
    stream = content if compressed else zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@cache
def hostile_files() -> dict[str, bytes]:
    """File name -> bytes: each a way a chart file goes wrong."""
    note = f"PROGRESS NOTE\nClient: {CANARY}\nDate: 03/04/2025\n".encode()
    good_pdf = pdf_bytes([f"Progress note for {CANARY}"])
    long_text = (f"Client {CANARY} attended group. " * 12).encode() + b"\n"
    return {
        "empty.txt": b"",
        "junk.pdf": b"%PDF-1.7\n" + random.Random(13).randbytes(2000),
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "locked.pdf": encrypt_pdf(good_pdf, user_password="s3cret", owner_password="own"),
        "scanned.pdf": image_pdf_bytes(2),
        # a small PDF whose one page holds far more text than a document may
        "page bomb.pdf": _pdf_with_stream(
            b"BT /F1 2 Tf 10 780 Td " + (b"(" + CANARY.encode() + b" ) Tj ") * 30_000 + b"ET"
        ),
        # a few hundred KB that inflate to 300 MB: a decompression bomb
        "zip bomb.pdf": _pdf_with_stream(_bomb_stream(300), compressed=True),
        "binary.txt": b"\x00\x01\x02" * 500 + CANARY.encode() + b"\xff\xfe" * 100,
        "latin1.txt": note.replace(b"Client", b"Cli\xe9nt"),
        "one line.txt": long_text * (BUDGET // len(long_text) + 10),  # over the budget
        "very long line.md": (f"{CANARY} " * 15_000).encode(),  # one long line, in budget
        "deep.json": b"[" * 5000 + CANARY.encode() + b"]" * 5000,
        "bomb.xml": (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "' + CANARY.encode() + b'">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><l>&d;&d;&d;&d;&d;</l>'
        ),
        "nested.rtf": b"{\\rtf1 " + b"{" * 3000 + CANARY.encode() + b"}" * 3000 + b"}",
        "script.html": f"<html><script>alert('{CANARY}')</script><p>Note</p>".encode(),
        "notes.docx": b"PK\x03\x04" + CANARY.encode(),
        # names that try to forge terminal output or hide what they are
        "evil\nINFO overall met \x1b[32mOK.pdf": b"not a pdf " + CANARY.encode(),
        "bidi \u202etxt.exe\u202c.txt": note,
        ".hidden note.txt": note,
    }


Reviewed = tuple[subprocess.CompletedProcess[str], dict[str, Any], Path]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Reviewed:
    tmp = tmp_path_factory.mktemp("hostile")
    chart = tmp / "chart"
    shutil.copytree(GOOD, chart)
    for name, data in hostile_files().items():
        (chart / name).write_bytes(data)
    (chart / "link.txt").symlink_to(tmp / "outside.txt")
    (tmp / "outside.txt").write_bytes(b"outside the chart " + CANARY.encode())
    out = tmp / "record.json"
    env = {**os.environ, "CHARTREVIEW_MAX_DOCUMENT_CHARS": str(BUDGET), "PYTHONPATH": str(ROOT)}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli.main",
            "review",
            str(chart),
            "--policy",
            "medicare-iop",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    record = json.loads(out.read_text("utf-8")) if out.exists() else {}
    return done, record, out


def test_every_hostile_file_is_read_or_reported_and_nothing_crashes(reviewed: Reviewed) -> None:
    done, record, _ = reviewed
    assert done.returncode == 0, done.stderr[-2000:]
    errors = {e["filename"]: e["reason"] for e in record["input_errors"]}
    read = {d["filename"] for d in record["documents"]}
    for name in [*hostile_files(), "link.txt"]:
        assert name in errors or name in read, name
    for name in (
        "empty.txt",
        "junk.pdf",
        "truncated.pdf",
        "locked.pdf",
        "page bomb.pdf",
        "one line.txt",
        "notes.docx",
        "link.txt",
        "evil\nINFO overall met \x1b[32mOK.pdf",
    ):
        assert name in errors, name
    assert "password" in errors["locked.pdf"]
    assert "characters" in errors["one line.txt"] and "split" in errors["one line.txt"]
    assert "characters" in errors["page bomb.pdf"]
    assert "decompression bomb" in errors["zip bomb.pdf"]
    assert ".hidden note.txt" in read
    # every good document is still read, and the overall is not met with files unread
    assert {p.name for p in GOOD.iterdir()} <= read
    assert record["overall"] == "insufficient_evidence"


def test_no_chart_text_no_traceback_no_forged_line_on_the_terminal(reviewed: Reviewed) -> None:
    done, _, _ = reviewed
    for stream in (done.stdout, done.stderr):
        assert CANARY not in stream
        assert "Quixote" not in stream
        assert "Traceback" not in stream
        assert "\x1b[32m" not in stream and "\u202e" not in stream
        assert "\nINFO overall met" not in stream


def test_the_record_verifies(reviewed: Reviewed) -> None:
    _, _, out = reviewed
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    check = subprocess.run(
        [sys.executable, "-m", "cli.main", "verify", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "OK" in check.stdout
