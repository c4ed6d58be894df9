"""Load a chart's files into :class:`~core.data.Document` objects.

Every file given (or found in a folder given) ends up either as a Document or as an
:class:`~core.data.InputError` that tells the user what to do; one unreadable file never
stops the others from being reviewed, and nothing is dropped silently.

The page texts are the ground truth that evidence offsets point into (see AUDIT.md): a PDF
page's text is exactly what pypdf's ``extract_text()`` returns, and a text file is one page
holding its decoded content with line endings normalized to ``\\n``. Nothing else is
changed, so anyone can re-check ``text[start:end] == quote`` without this tool. Scanned
pages (no text layer) are kept and flagged, never OCR'd.

Charts are PHI: this module logs only file names, reasons and counts, and it scrubs the
arguments of pypdf's log records, which can carry bytes of the file (pypdf logs, for
example, the first bytes of a file whose PDF header is invalid).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, LimitReachedError

from core.data import DUPLICATE_REASON, Document, InputError, Page, unread_files
from core.errors import InputFileError, UsageError
from ingest.classify import classify
from ingest.formats import (
    looks_like_hl7,
    render_embedded_rtf,
    render_hl7,
    render_html,
    render_ics,
    render_json,
    render_mbox,
    render_rtf,
    render_xml,
    render_yaml,
)

#: Files larger than this are not read (a chart document is rarely over a few MiB).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: A document whose text holds more characters than this is not reviewed (reported as an
#: input error; the rest of the chart is reviewed). Review time grows linearly with text,
#: about 8 s per million characters on a 2-core machine: the default keeps one document
#: under about 3 minutes. ``CHARTREVIEW_MAX_DOCUMENT_CHARS`` changes it.
DEFAULT_MAX_TEXT_CHARS = 20_000_000
MAX_TEXT_ENV = "CHARTREVIEW_MAX_DOCUMENT_CHARS"


def max_text_chars() -> int:
    """The per-document text budget: ``$CHARTREVIEW_MAX_DOCUMENT_CHARS`` or the default."""
    raw = os.environ.get(MAX_TEXT_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_TEXT_CHARS
    if (
        len(raw) > 24
        or not re.fullmatch(r"[0-9]+(?:_[0-9]+)*", raw)
        or int(raw.replace("_", "")) < 1
    ):
        raise UsageError(
            f"{MAX_TEXT_ENV} must be a positive whole number of characters, like 20000000 "
            f"or 20_000_000 (the default is {DEFAULT_MAX_TEXT_CHARS:_})"
        )
    return int(raw.replace("_", ""))


#: The media type of an HL7 v2 feed in its pipe-delimited encoding (ER7).
HL7_MEDIA_TYPE = "x-application/hl7-v2+er7"

#: Supported file extensions (lower case) and the media type recorded for each.
MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".text": "text/plain",
    # audit trails and interface logs exported from scheduling and EHR systems
    ".log": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    # spreadsheet exports of service logs, appointment lists and claim lines
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    # documents printed or exported as markup: their text is what they print
    # (ingest/formats)
    ".html": "text/html",
    ".htm": "text/html",
    ".rtf": "application/rtf",
    # data exports viewed as text: lists of records as tables (ingest/formats)
    ".json": "application/json",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".xml": "application/xml",
    # HL7 v2 message feeds (an interface engine's capture): segments viewed as tables
    ".hl7": HL7_MEDIA_TYPE,
    # calendars exported from schedulers (iCalendar, RFC 5545): events viewed as a table
    ".ics": "text/calendar",
    ".ical": "text/calendar",
    # mail folders exported from a mail client (mbox, RFC 4155): each message on a page
    ".mbox": "application/mbox",
}

ProgressCallback = Callable[[int, int], None]

logger = logging.getLogger("chartreview.ingest")

_SUPPORTED = ", ".join(MEDIA_TYPES)
_REEXPORT = "re-export or re-scan it from the source system"
_SYMLINKED_FOLDER = "is a symlinked folder, which is not followed: give its target path instead"
_SYMLINKED_FILE = "is a symbolic link, which is not followed: give its target path instead"
# files an operating system writes into folders (Finder, Explorer); never chart documents
_OS_METADATA = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".localized", "icon\r"})
# ... and what editors and file systems leave beside a document while it is open or kept:
# "._name" (a macOS resource fork), "~$name.docx" and ".~lock.name#" (Office and
# LibreOffice locks), ".name.swp" (vim), ".#name", "#name#" and "name~" (Emacs),
# ".nfs0001..." (NFS), ".gitkeep"
_NOT_DOCUMENTS = re.compile(
    r"\._.*|~\$.*|\.~lock\..*#|\..*\.sw[a-p]|\.nfs[0-9a-f]+.*|\.git(?:keep|ignore|attributes)"
    # Emacs: the lock link, an autosave, a backup
    r"|\.#.*|#.*#|.*~",
    re.IGNORECASE,
)


def _not_a_document(name: str) -> bool:
    """A file an operating system or an editor writes beside documents (never a chart
    document): skipped, and counted in the log."""
    return name.lower() in _OS_METADATA or _NOT_DOCUMENTS.fullmatch(name) is not None


_NOT_REGULAR = "is not a regular file or folder (device, pipe or socket): give a file instead"
_BINARY = (
    "contains NUL bytes, so it is a binary file (or UTF-16 without a byte-order mark), "
    "not text: export the document as PDF or save it as UTF-8 text"
)


def _no_names(reason: str, names: Iterable[str]) -> str:
    """A reason for the log, with the chart's file names left out."""
    for name in sorted(set(names), key=len, reverse=True):
        if name:
            reason = reason.replace(name, "another file")
    return reason


@dataclass(frozen=True)
class IngestResult:
    """What :func:`load_chart` read: documents in input order, and the files it could not."""

    documents: tuple[Document, ...]
    errors: tuple[InputError, ...]

    @property
    def unread_files(self) -> int:
        """Files whose content could not be read (RULES.md: the overall is then never
        ``met``); a second copy of a document read is not one."""
        return unread_files(self.errors)


class _DuplicateFileError(InputFileError):
    """A second copy of a document already read: reported, and its content reviewed."""


@dataclass(frozen=True)
class _ChartFile:
    """A file to load and the name it is reported under."""

    path: Path
    filename: str


def load_chart(
    paths: Sequence[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressCallback | None = None,
    max_text: int | None = None,
) -> IngestResult:
    """Load every supported file in ``paths`` (files, or folders searched recursively).

    Files in a folder are loaded in sorted order of their path relative to it; hidden
    folders (names starting with ".": ``.git``) are not searched; files the operating system
    writes (``.DS_Store``, ``Thumbs.db``, ``._name``) are skipped and counted in the log;
    every other file, hidden or not, is read or reported; symlinked files and folders are
    reported, not followed. Each file is read once. A file whose bytes were already loaded
    is reported as a duplicate, not reviewed twice. ``progress(i, n)`` is called after each
    of the ``n`` files found.
    """
    _scrub_pypdf_log_records()
    text_budget = max_text_chars() if max_text is None else max_text
    errors: list[InputError] = []
    chart_files = _find_files(paths, errors)
    documents: list[Document] = []
    seen: dict[str, str] = {}  # document_id -> filename it was loaded under
    for done, chart_file in enumerate(chart_files, start=1):
        try:
            document = _load_file(chart_file, max_bytes, seen, text_budget)
        except InputFileError as e:
            errors.append(InputError(filename=e.filename, reason=e.reason))
            # the file's place, not its name: names often carry the member's (PHI)
            logger.warning(
                "file %d of %d not loaded: %s",
                done,
                len(chart_files),
                _no_names(e.reason, [e.filename, *seen.values()]),
            )
        else:
            seen[document.document_id] = document.filename
            documents.append(document)
            logger.debug(
                "loaded file %d of %d: %s, %d pages (%d without text), kind %s",
                done,
                len(chart_files),
                document.media_type,
                len(document.pages),
                len(document.pages_without_text),
                document.kind.value,
            )
        if progress is not None:
            progress(done, len(chart_files))
    logger.info(
        "ingest: %d documents loaded, %d input errors, from %d files",
        len(documents),
        len(errors),
        len(chart_files),
    )
    return IngestResult(documents=tuple(documents), errors=tuple(errors))


def _find_files(paths: Sequence[Path], errors: list[InputError]) -> list[_ChartFile]:
    """Expand ``paths`` into files; paths that are neither a file nor a folder go to
    ``errors``."""
    found: list[_ChartFile] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path, errors))
        elif path.is_file():
            found.append(_ChartFile(path, path.name))
        elif path.exists():
            errors.append(InputError(filename=str(path), reason=_NOT_REGULAR))
        else:
            errors.append(InputError(filename=str(path), reason="does not exist: check the path"))
    return found


def _walk(folder: Path, errors: list[InputError]) -> list[_ChartFile]:
    """The files under ``folder`` outside hidden folders, named relative to it, sorted by
    that name (operating-system metadata files left out and counted in the log).

    Symlinked files and folders are not followed (no loops, nothing outside the chart) and,
    like a folder that cannot be listed, are reported as error entries rather than silently
    skipped.
    """

    def unlistable(e: OSError) -> None:
        name = Path(e.filename).relative_to(folder).as_posix() if e.filename else str(folder)
        reason = f"folder could not be listed ({e.strerror}): check its permissions"
        errors.append(InputError(filename=str(folder) if name == "." else name, reason=reason))

    found: list[_ChartFile] = []
    metadata = 0
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unlistable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in dirnames:
            if Path(dirpath, name).is_symlink():
                link = Path(dirpath, name).relative_to(folder).as_posix()
                errors.append(InputError(filename=link, reason=_SYMLINKED_FOLDER))
        for name in filenames:
            path = Path(dirpath, name)
            if _not_a_document(name):
                metadata += 1
            elif path.is_symlink():
                link = path.relative_to(folder).as_posix()
                errors.append(InputError(filename=link, reason=_SYMLINKED_FILE))
            else:
                found.append(_ChartFile(path, path.relative_to(folder).as_posix()))
    if metadata:
        logger.info(
            "skipped %d operating-system or editor file(s) (.DS_Store, lock and swap files)",
            metadata,
        )
    return sorted(found, key=lambda f: f.filename)


def _load_file(
    chart_file: _ChartFile, max_bytes: int, seen: dict[str, str], max_text: int
) -> Document:
    """Read, identify and parse one file; raises :class:`InputFileError` saying why not."""
    filename = chart_file.filename
    suffix = chart_file.path.suffix.lower()
    media_type = MEDIA_TYPES.get(suffix)
    if media_type is None:
        kind = f"file type '{suffix}'" if suffix else "file without an extension"
        raise InputFileError(
            filename,
            f"unsupported {kind}: supported are {_SUPPORTED}; "
            "export the document as PDF or plain text",
        )
    data = _read_bytes(chart_file, max_bytes)
    document_id = hashlib.sha256(data).hexdigest()
    if document_id in seen:
        raise _DuplicateFileError(
            filename,
            f"{DUPLICATE_REASON}{seen[document_id]}, which is reviewed once under that name; "
            "remove one copy",
        )
    if media_type == "application/pdf":
        pages = _pdf_pages(data, filename, max_text)
    else:
        text = _rendered(media_type, data, filename)
        _check_budget(len(text), max_text, filename)
        pages = (Page(number=1, text=text),)
    first_text = next((p.text for p in pages if p.has_text_layer), "")
    kind, _ = classify(first_text, filename)
    return Document(
        document_id=document_id,
        filename=filename,
        media_type=media_type,
        pages=pages,
        kind=kind,
    )


def _read_bytes(chart_file: _ChartFile, max_bytes: int) -> bytes:
    """The file's bytes, after checking it is a non-empty regular file within the limit."""
    filename = chart_file.filename
    try:
        info = chart_file.path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(filename, _NOT_REGULAR)
        if info.st_size == 0:
            raise InputFileError(filename, f"file is empty (0 bytes): {_REEXPORT}")
        if info.st_size > max_bytes:
            raise InputFileError(
                filename,
                f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit: "
                "split it into smaller files or raise the size limit",
            )
        return chart_file.path.read_bytes()
    except OSError as e:
        raise InputFileError(
            filename,
            f"could not be read ({e.strerror or type(e).__name__}): "
            "check that it exists and that you may read it",
        ) from e


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def _check_budget(chars: int, max_text: int, filename: str) -> None:
    if chars > max_text:
        raise InputFileError(
            filename,
            f"its text holds {chars:,} characters, more than the {max_text:,} one document "
            "may hold to be reviewed in bounded time: split the export into smaller files "
            f"(or raise {MAX_TEXT_ENV})",
        )


def _pdf_pages(data: bytes, filename: str, max_text: int) -> tuple[Page, ...]:
    """Each page's ``extract_text()``; a page without text is flagged, not an error."""
    reader = _open_pdf(data, filename)
    pages: list[Page] = []
    chars = 0
    for index in range(len(reader.pages)):
        try:
            text = reader.pages[index].extract_text()
        except Exception as e:  # pypdf raises many types on damaged content
            raise InputFileError(filename, _pdf_failure(f"page {index + 1}", e)) from e
        chars += len(text)
        _check_budget(chars, max_text, filename)
        pages.append(Page(number=index + 1, text=text, has_text_layer=bool(text.strip())))
    return tuple(pages)


def _open_pdf(data: bytes, filename: str) -> PdfReader:
    """A reader with at least one page, decrypted with the empty password if encrypted."""
    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        page_count = 0 if locked else len(reader.pages)
    except Exception as e:  # pypdf raises many types on damaged files
        raise InputFileError(filename, _pdf_failure("the PDF", e)) from e
    if locked:
        raise InputFileError(
            filename,
            "PDF is encrypted and needs a password to open: "
            "ask the sender for a copy without a password",
        )
    if page_count == 0:
        raise InputFileError(filename, f"PDF has no pages: {_REEXPORT}")
    return reader


def _pdf_failure(what: str, e: Exception) -> str:
    """A reason for a pypdf exception, without its message (which may quote the file),
    except for :class:`DependencyError`, whose message names a missing package; a stream
    past pypdf's decompression limits is named as such."""
    if isinstance(e, DependencyError):
        return (
            f"{what} could not be read because a package is missing ({e}): "
            "install it, or ask the sender for a copy without encryption"
        )
    if isinstance(e, LimitReachedError):
        return (
            f"{what} holds a compressed stream that expands past the safe limit (a "
            "decompression bomb, or a page far larger than any chart page): it was not "
            f"read; {_REEXPORT}"
        )
    return (
        f"{what} could not be read ({type(e).__name__}): the file is damaged, truncated or "
        f"not really a PDF; {_REEXPORT}"
    )


# data exports: the renderer, the format's name, what a file that fails to parse is
_DATA_RENDERERS: dict[str, tuple[Callable[[str], str], str, str]] = {
    "application/json": (render_json, "JSON", "is not JSON"),
    "application/yaml": (
        render_yaml,
        "YAML",
        "is not YAML keys and values, or uses aliases (which could expand without bound)",
    ),
    "application/xml": (
        render_xml,
        "XML",
        "is not well-formed XML, or declares entities (which could expand without bound)",
    ),
    "text/calendar": (
        render_ics,
        "iCalendar",
        "is not a readable iCalendar file: a calendar begins with BEGIN:VCALENDAR and its "
        "components (BEGIN:VEVENT ... END:VEVENT) nest",
    ),
    "application/mbox": (
        render_mbox,
        "mbox",
        "is not a mailbox: a mailbox begins with an envelope line (From sender date)",
    ),
    HL7_MEDIA_TYPE: (
        render_hl7,
        "HL7",
        "is not a readable HL7 v2 feed: a feed begins with a message header (MSH|^~\\&|...) "
        "declaring valid encoding characters, before any other segment",
    ),
}


def _rendered(media_type: str, data: bytes, filename: str) -> str:
    """A text file's text; an HTML or RTF file's printed text, a JSON, XML or HL7 v2 file's
    viewed text (:mod:`ingest.formats`)."""
    if media_type == "application/rtf":
        if not data.lstrip().startswith(b"{\\rtf"):
            raise InputFileError(filename, f"is named .rtf but is not RTF: {_REEXPORT}")
        # RTF is 7-bit text; a stray 8-bit byte is read in the usual Windows code page
        text = render_rtf(data.decode("cp1252", errors="replace"))
    elif media_type == "text/html":
        text = render_html(_decode_text(data, filename))
    elif media_type in _DATA_RENDERERS:
        render, kind, malformed = _DATA_RENDERERS[media_type]
        try:
            text = render(_decode_text(data, filename))
        except RecursionError as e:
            raise InputFileError(filename, f"{kind} nested too deeply to read: {_REEXPORT}") from e
        except ValueError as e:
            if media_type in (HL7_MEDIA_TYPE, "text/calendar", "application/mbox"):
                # the parsers' reasons quote nothing of the file
                raise InputFileError(filename, f"{malformed} ({e}): {_REEXPORT}") from e
            raise InputFileError(
                filename, f"is named .{kind.lower()} but {malformed}: {_REEXPORT}"
            ) from e
    else:
        text = _decode_text(data, filename)
        if looks_like_hl7(text):
            # an HL7 v2 feed saved as text: read by its standard; one that does not parse is
            # an error, never read as text (its timestamps would become hundreds of services)
            return _rendered(HL7_MEDIA_TYPE, data, filename)
        sniffed = _sniffed_data(text)
        if sniffed is not None:
            return sniffed
        embedded = render_embedded_rtf(text)
        if embedded is not None:
            # a dump or report whose note bodies are RTF (or an RTF document saved under a
            # text name): printed as a reader sees them
            if not embedded.strip():
                raise InputFileError(filename, f"prints no text: {_REEXPORT}")
            return embedded
        return text
    if not text.strip():
        raise InputFileError(filename, f"prints no text: {_REEXPORT}")
    return text


# a text file that holds a data export, whatever its name ("export.xml.txt")
_XML_START = re.compile(r"<\?xml[\s?]|<[A-Za-z_][\w:.-]*[\s/>]")


def _sniffed_data(text: str) -> str | None:
    """A text file's viewed text when its content is a whole XML document (an export
    saved under a text name: its markup would hide the services from every reader);
    ``None`` when it is not, or does not parse (it is then read as the text it is). JSON
    saved as text stays text: its lines read as records as they are."""
    body = text.lstrip("\ufeff \t\r\n").rstrip()
    if body.startswith("<") and body.endswith(">") and _XML_START.match(body):
        render, _, _ = _DATA_RENDERERS["application/xml"]
    else:
        return None
    try:
        rendered = render(body)
    except (ValueError, RecursionError):
        return None
    return rendered if rendered.strip() else None


def _decode_text(data: bytes, filename: str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with a BOM; normalize line endings to ``\\n``.

    Other encodings are refused rather than guessed: a wrong guess would silently change
    the text that evidence quotes.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputFileError(
                filename,
                f"starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"(at offset {e.start}): re-save the file as UTF-8",
            ) from e
        if "\x00" in text:
            raise InputFileError(filename, _BINARY)
    else:
        if b"\x00" in data:
            raise InputFileError(filename, _BINARY)
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            text = data[bom:].decode("utf-8")
        except UnicodeDecodeError as e:
            offset = bom + e.start
            line = data.count(b"\n", 0, offset) + 1
            raise InputFileError(
                filename,
                f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}, line {line}): "
                "re-save the file as UTF-8",
            ) from e
    return text.replace("\r\n", "\n").replace("\r", "\n")


@cache
def _scrub_pypdf_log_records() -> None:
    """Drop the arguments of every log record from a ``pypdf`` logger, process-wide, once.

    pypdf logs through ``logging.getLogger(<its module name>)`` with a constant message
    template and the details as arguments, and some details are bytes or strings of the file
    (e.g. ``invalid pdf header: %(header_byte)r``). Without the arguments the template is
    logged unformatted, which keeps the diagnosis and drops anything from the chart.
    A log-record factory is used because filters on the ``pypdf`` logger do not apply to
    records of its child loggers.
    """
    make_record = logging.getLogRecordFactory()

    def factory(
        name: str, level: int, fn: str, lno: int, msg: object, args: Any, *rest: Any, **kwargs: Any
    ) -> logging.LogRecord:
        if name == "pypdf" or name.startswith("pypdf."):
            args = ()
        return make_record(name, level, fn, lno, msg, args, *rest, **kwargs)

    logging.setLogRecordFactory(factory)
