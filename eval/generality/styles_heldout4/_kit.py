"""Helpers shared by the fourth held-out group: time and date formats, a chart builder that
merges what each file states about a session into one ``Written``, and tiny writers for
PDF (Type1 Helvetica, one text object per line), RTF and HTML."""

from __future__ import annotations

import datetime as dt
import html
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.facts import Attendance, Modality, ServiceKind
from eval.generality.model import ChartFile, PlannedSession, RenderedChart, Scenario, Written
from eval.generality.scenario import FIRST, LAST

# --------------------------------------------------------------------------- times, dates


def t12(t: dt.time, *, lower: bool = False, space: bool = True, dots: bool = False) -> str:
    """``9:00 AM`` (or ``9:00 am``, ``9:00AM``, ``9:00 a.m.``)."""
    h = t.hour % 12 or 12
    suffix = "AM" if t.hour < 12 else "PM"
    if dots:
        suffix = "a.m." if t.hour < 12 else "p.m."
    elif lower:
        suffix = suffix.lower()
    return f"{h}:{t.minute:02d}{' ' if space else ''}{suffix}"


def t12_bare(t: dt.time) -> str:
    """``9:20`` (12-hour clock without AM/PM, as written by hand on a sheet)."""
    return f"{t.hour % 12 or 12}:{t.minute:02d}"


def t24(t: dt.time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def hhmm(t: dt.time) -> str:
    return f"{t.hour:02d}{t.minute:02d}"


def t_fr(t: dt.time) -> str:
    """French ``9h00``."""
    return f"{t.hour}h{t.minute:02d}"


def mdy(d: dt.date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def mdy_short(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def dmy_dot(d: dt.date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def dmy_slash(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def long_date(d: dt.date) -> str:
    return f"{d.strftime('%A')}, {d.strftime('%B')} {d.day}, {d.year}"


def minutes_hm(minutes: float) -> str:
    """``1:30`` for 90 minutes."""
    m = round(minutes)
    return f"{m // 60}:{m % 60:02d}"


def hours_exact(minutes: float) -> str | None:
    """``1.5`` / ``0.75`` when the minutes are an exact decimal of an hour at 2 places."""
    m = round(minutes)
    if (m * 100) % 60:
        return None
    return f"{m / 60:.2f}".rstrip("0").rstrip(".")


def start_of(s: PlannedSession) -> dt.time:
    """The member's own start (the session's when on time)."""
    return s.member_start or s.start


def end_of(s: PlannedSession) -> dt.time:
    return s.member_end or s.end


def has_member_times(s: PlannedSession) -> bool:
    return s.member_start is not None or s.member_end is not None


# --------------------------------------------------------------------------- content


def is_group(s: PlannedSession) -> bool:
    return s.kind in (ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION)


def facilitator_text(s: PlannedSession, sep: str = "; ") -> str:
    return sep.join(f"{f.name}, {f.credential}" for f in s.facilitators)


def by_day(scn: Scenario) -> list[tuple[dt.date, list[PlannedSession]]]:
    out: dict[dt.date, list[PlannedSession]] = {}
    for s in scn.sessions:
        out.setdefault(s.date, []).append(s)
    return sorted(out.items())


def program_week(scn: Scenario, d: dt.date) -> int:
    return (d - scn.admission_date).days // 7 + 1


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


ABSENCE_EN: dict[Attendance, str] = {
    Attendance.ABSENT: "Absent",
    Attendance.NO_SHOW: "No-show",
    Attendance.CANCELLED: "Cancelled",
}


def absence_en(s: PlannedSession) -> str:
    word = ABSENCE_EN[s.attendance]
    return f"{word} ({s.absence_reason})" if s.absence_reason else word


def other_names(rng: random.Random, n: int, exclude: str) -> list[str]:
    """``n`` distinct made-up participant names other than ``exclude``."""
    names: list[str] = []
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name != exclude and name not in names:
            names.append(name)
    return names


# --------------------------------------------------------------------------- the chart


@dataclass
class _Acc:
    files: list[str] = field(default_factory=list)
    length: bool = False
    kind: bool = False
    attendance: bool = False
    implied: bool = False
    member_times: bool = False
    modality: bool = False
    group_size: bool = False
    facilitators: bool = False


class ChartBuilder:
    """Collects a chart's files, what each file states about each session (merged over
    files: a slot is stated when any file states it) and every document date written."""

    def __init__(self, scn: Scenario) -> None:
        self.scn = scn
        self.files: list[ChartFile] = []
        self._acc: dict[int, _Acc] = {}
        self.dates: set[dt.date] = set()

    def add_text(self, name: str, text: str, *, encoding: str = "utf-8") -> None:
        data = text.encode(encoding)
        if encoding == "utf-16-le":
            data = b"\xff\xfe" + data
        self.files.append(ChartFile(name, data))

    def add_bytes(self, name: str, data: bytes) -> None:
        self.files.append(ChartFile(name, data))

    def date(self, d: dt.date) -> None:
        """A document date the chart writes (service, written or signed)."""
        self.dates.add(d)

    def doc(
        self,
        s: PlannedSession,
        file: str,
        *,
        length: bool,
        kind: bool = True,
        attendance: bool = True,
        implied: bool = False,
        member_times: bool = False,
        modality: bool = False,
        group_size: bool = False,
        facilitators: bool = False,
    ) -> None:
        """Record that ``file`` documents session ``s`` and what its words state."""
        a = self._acc.setdefault(s.index, _Acc())
        if file not in a.files:
            a.files.append(file)
        a.length |= length
        a.kind |= kind
        a.attendance |= attendance
        a.implied |= implied
        a.member_times |= member_times
        a.modality |= modality
        a.group_size |= group_size and is_group(s)
        a.facilitators |= facilitators and is_group(s)
        self.dates.add(s.date)

    def build(self, *, admission_stated: bool, discharge_stated: bool) -> RenderedChart:
        written = []
        for index in sorted(self._acc):
            a = self._acc[index]
            s = self.scn.sessions[index]
            written.append(
                Written(
                    session=index,
                    files=tuple(a.files),
                    states_length=a.length,
                    states_kind=a.kind,
                    states_attendance=a.attendance,
                    implied_attended=a.implied and not a.attendance and s.attended,
                    states_member_times=a.member_times or not has_member_times(s),
                    states_modality=a.modality,
                    states_group_size=a.group_size,
                    states_facilitators=a.facilitators and bool(s.facilitators),
                )
            )
        names = {f.name for f in self.files}
        for w in written:
            missing = set(w.files) - names
            if missing:
                raise ValueError(f"session {w.session} written in unknown files {missing}")
        return RenderedChart(
            files=tuple(self.files),
            written=tuple(written),
            admission_stated=admission_stated,
            discharge_stated=discharge_stated,
            latest_document_date=max(self.dates) if self.dates else self.scn.discharge_date,
        )


def video(s: PlannedSession) -> bool:
    return s.modality is Modality.VIDEO


# --------------------------------------------------------------------------- PDF


@dataclass(frozen=True)
class Bold:
    """A PDF line set in Helvetica-Bold."""

    text: str


PdfLine = str | Bold


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(
    pages: Sequence[Sequence[PdfLine]],
    *,
    size: float = 9.0,
    leading: float = 11.5,
    left: float = 36.0,
    top: float = 756.0,
    landscape: bool = False,
) -> bytes:
    """A minimal PDF: each page's lines from the top, one text object per line, Helvetica
    (regular and bold, WinAnsiEncoding)."""
    width, height = (792, 612) if landscape else (612, 792)
    if landscape:
        top = 576.0
    n_pages = len(pages)
    # objects: 1 catalog, 2 pages, 3 F1, 4 F2, then (page, content) per page
    bodies: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for i, lines in enumerate(pages):
        page_obj = 5 + 2 * i
        content_obj = page_obj + 1
        kids.append(f"{page_obj} 0 R".encode())
        ops: list[bytes] = []
        y = top
        for line in lines:
            font, text = (b"/F2", line.text) if isinstance(line, Bold) else (b"/F1", line)
            if text:
                ops.append(
                    b"BT "
                    + font
                    + f" {size:g} Tf 1 0 0 1 {left:g} {y:.1f} Tm ".encode()
                    + _pdf_string(text)
                    + b" Tj ET"
                )
            y -= leading
        stream = b"\n".join(ops)
        bodies.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}]"
            f" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>"
            f" /Contents {content_obj} 0 R >>".encode()
        )
        bodies.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    bodies[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + f"] /Count {n_pages} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(bodies) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def paginate(
    lines: Sequence[PdfLine],
    *,
    per_page: int,
    header: Sequence[PdfLine] = (),
    footer: str = "",
) -> list[list[PdfLine]]:
    """Split ``lines`` into pages that each start with ``header`` (repeated on every page)
    and end with ``footer`` (``{page}`` and ``{pages}`` filled in)."""
    room = per_page - len(header) - (2 if footer else 0)
    chunks = [list(lines[i : i + room]) for i in range(0, len(lines), room)] or [[]]
    pages: list[list[PdfLine]] = []
    for n, chunk in enumerate(chunks, start=1):
        page: list[PdfLine] = [*header, *chunk]
        if footer:
            page += ["", footer.format(page=n, pages=len(chunks))]
        pages.append(page)
    return pages


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap (a long word stays whole)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*out, line] if line else out or [""]


# --------------------------------------------------------------------------- RTF, HTML


def rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127:
            code = ord(ch)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
        else:
            out.append(ch)
    return "".join(out)


def rtf_document(body: Iterable[str], *, font: str = "Calibri") -> str:
    """An RTF file around ``body`` (already-RTF chunks)."""
    head = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1033"
        f"{{\\fonttbl{{\\f0\\fswiss\\fcharset0 {font};}}}}\n"
        "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1\n\\pard\\sa120\\f0\\fs20 "
    )
    return head + "".join(body) + "}\n"


def rtf_par(text: str, *, bold: bool = False) -> str:
    inner = rtf_escape(text)
    return f"{{\\b {inner}}}\\par\n" if bold else f"{inner}\\par\n"


def rtf_row(cells: Sequence[Sequence[str]], widths: Sequence[int], *, bold: bool = False) -> str:
    """One RTF table row; each cell is a list of lines (a multi-line cell)."""
    out = ["\\trowd\\trgaph108\\trleft-108"]
    pos = 0
    for w in widths:
        pos += w
        out.append(f"\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx{pos}")
    out.append("\n\\pard\\intbl ")
    for cell in cells:
        text = "\\line ".join(rtf_escape(line) for line in cell)
        out.append(f"{{\\b {text}}}\\cell " if bold else f"{text}\\cell ")
    out.append("\\row\n\\pard\\sa120 ")
    return "".join(out)


def h(text: str) -> str:
    return html.escape(text, quote=True)
