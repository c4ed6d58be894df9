"""Plain language for the screen and the Markdown summary: rule titles from the packs,
policy titles instead of file names, document titles instead of ids or hashes."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from audit.record import DocumentEntry
from core.findings import Status
from rules.pack import load_pack

STATUS_LABELS: dict[str, str] = {
    "met": "Met",
    "not_met": "Not met",
    "insufficient_evidence": "Insufficient evidence",
    "not_applicable": "Not applicable",
}

# the policy texts that ship in policies/, by file name: their titles as printed on them
POLICY_TITLES: dict[str, str] = {
    "optum-medicare-iop-coverage-summary-BH803IOPMCS052025.txt": (
        "Optum Medicare Coverage Summary: Intensive Outpatient Programs (BH803IOPMCS052025)"
    ),
    "optum-idaho-iop-faq.txt": "Optum Idaho: Intensive Outpatient Program (IOP) FAQ",
}

_NUMBER_PREFIX = re.compile(r"^\d{1,3}[a-z]?[\s_.-]+", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ACRONYMS = {"iop", "otp", "cssrs", "phq", "dbt", "cbt", "asam", "bh", "md", "np", "rn"}


def status_label(status: str | Status) -> str:
    value = status.value if isinstance(status, Status) else status
    return STATUS_LABELS.get(value, value.replace("_", " "))


@functools.cache
def _pack_titles(pack_id: str) -> dict[str, str]:
    try:
        pack = load_pack(pack_id)
    except Exception:  # a pack this installation does not have: fall back to the ids
        return {}
    return {rule.id: rule.title for rule in pack.rules}


@functools.cache
def pack_title(pack_id: str) -> str:
    """The pack's title (its id when the pack is not installed)."""
    try:
        return load_pack(pack_id).title
    except Exception:
        return pack_id


def pack_short_title(pack_id: str) -> str:
    """A pack's title short enough for a list: without its parenthesis, "Intensive
    Outpatient Services/Program" as IOP ("Medicare IOP", "Optum Idaho IOP")."""
    title = pack_title(pack_id).split(" (", 1)[0]
    short = re.sub(r"\bIntensive Outpatient (?:Services|Programs?)\b", "IOP", title).strip()
    return short or pack_id


def rule_title(pack_id: str, rule_id: str) -> str:
    """The pack's title of a rule; without the pack, the id's last part in words
    ("medicare-iop.weekly-hours" -> "Weekly hours")."""
    title = _pack_titles(pack_id).get(rule_id)
    if title:
        return title
    tail = rule_id.rsplit(".", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return tail[:1].upper() + tail[1:] if tail else rule_id


def policy_title(source: str) -> str:
    """A policy text's title instead of its file name."""
    known = POLICY_TITLES.get(source)
    if known:
        return known
    stem = PurePosixPath(source).stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else source


def _title_words(stem: str) -> str:
    words = []
    for word in re.split(r"[\s_]+", stem.replace("-", " ")):
        if not word:
            continue
        words.append(word.upper() if word.lower() in _ACRONYMS else word.lower())
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def document_title(filename: str) -> str:
    """A document's title from its file name: folders, the ordering number and the file
    type left out, a date written as a date ("07_2025-01-08_individual_therapy.txt" ->
    "Individual therapy, 01/08/2025")."""
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    stem = _NUMBER_PREFIX.sub("", stem)
    dates = [f"{m}/{d}/{y}" for y, m, d in _ISO_DATE.findall(stem)]
    words = _title_words(_ISO_DATE.sub(" ", stem))
    if dates:
        return f"{words}, {' to '.join(dates)}" if words else " to ".join(dates)
    return words or "Untitled document"


def document_titles(documents: Iterable[DocumentEntry]) -> dict[str, str]:
    """Each document's title by its id; titles that would repeat are numbered."""
    entries = list(documents)
    titles = [document_title(d.filename) for d in entries]
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for entry, title in zip(entries, titles, strict=True):
        if titles.count(title) > 1:
            seen[title] = seen.get(title, 0) + 1
            title = f"{title} ({seen[title]})"
        out[entry.document_id] = title
    return out


def plain_text(text: str, documents: Iterable[DocumentEntry]) -> str:
    """``text`` (a finding's reason) with each document's file name replaced by its title
    ("... decompensation (02_physician_certification.md)" -> "... (Physician
    certification)")."""
    entries = list(documents)
    titles = document_titles(entries)
    for entry in sorted(entries, key=lambda d: len(d.filename), reverse=True):
        if entry.filename and entry.filename in text:
            text = text.replace(entry.filename, titles[entry.document_id])
    return text


def moment(at: dt.datetime) -> str:
    """A time on screen as the chart's dates are written: "12/07/2026 02:37 UTC"."""
    return f"{at:%m/%d/%Y %H:%M} UTC"


def where(titles: Mapping[str, str], document_id: str, page: int, pages: int | None) -> str:
    """ "Intake assessment" or "Treatment plan, page 2" (a page is named when there are
    several)."""
    title = titles.get(document_id, "a document not in this record")
    return f"{title}, page {page}" if pages is None or pages > 1 else title


# how each extractor reads the chart, in words: (a choice in a list, "read by ...")
READERS: dict[str, tuple[str, str]] = {
    "deterministic": ("Offline reader", "the offline reader"),
    "llm": ("AI model", "an AI model"),
    "hybrid": ("Offline reader and AI model", "the offline reader and an AI model"),
}


def reader_choice(kind: str) -> str:
    """An extractor as a choice in the sidebar ("Offline reader")."""
    return READERS.get(kind, (kind.replace("_", " ").capitalize(), ""))[0]


def read_by(kind: str, model: str | None = None) -> str:
    """Who read the chart, for "read by ..." ("the offline reader", "an AI model
    (gpt-4o-mini)")."""
    words = READERS.get(kind, ("", f"the {kind.replace('_', ' ')} reader"))[1]
    return f"{words} ({model})" if model and kind != "deterministic" else words


# a program's exception name in a reason: "could not be read (PdfStreamError)"
_EXCEPTION_NAME = re.compile(r"\s*\((?:[A-Za-z_][A-Za-z0-9_]*\.)*[A-Z]\w*(?:Error|Exception)\)")


def plain_reason(reason: str) -> str:
    """Why a file could not be read, without the program's name for the failure ("the PDF
    could not be read (PdfStreamError): the file is damaged..." -> "the PDF could not be
    read: the file is damaged...")."""
    return _EXCEPTION_NAME.sub("", reason)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")


def md_escape(text: str) -> str:
    """``text`` shown as it is inside Markdown (a reviewer's name, a file name)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
