"""The case header: who the member is, the episode, the program and the pack, and a
warning when the chart looks like another pack's (payer, opioid treatment program, age).

Everything comes from the record (its facts and the values its rules computed) and from
the chart's own text: the member's name and ID are the labelled fields on the line where
the record found the member's date of birth; the payer and program words are those the
batch's pack chooser looks for (batch/choose.py). Nothing is guessed from file names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from audit.record import AuditRecord
from batch.choose import IDAHO_IOP, MEDICARE_IOP, MEDICARE_OTP_IOP, Choice, choose_pack
from core.data import Document, Evidence, Page
from core.facts import EpisodeDateKind
from workspace.plain import pack_title

Pages = Mapping[str, Sequence[str]]

MEDICARE_PACKS = (MEDICARE_IOP, MEDICARE_OTP_IOP)
ADOLESCENT_AGES = (13, 17)  # the Idaho FAQ (Q4): adolescents are members 13-17 years of age

_SEPARATOR = re.compile(r"[ \t]*(?:\*\*)?[ \t]*[:#][ \t]*(?:\*\*)?[ \t]*")
_NAME_LABEL = re.compile(
    r"(?i)\b(?:member|client|patient|consumer|youth|resident)(?:'s)?(?:\s+(?:full\s+)?name)?"
    r"|\bname\b"
)
_ID_LABEL = re.compile(
    r"(?i)\b(?:MRN|medical\s+record\s+(?:number|no\.?|#)|member\s+(?:ID|id|number|no\.?|#)"
    r"|medicaid\s+(?:ID|number|#)|medicare\s+(?:ID|number|#)|MBI|client\s+(?:ID|#|number|no\.?)"
    r"|patient\s+(?:ID|#|number)|acct\.?|account\s*(?:#|number)?|subscriber\s+ID)"
)
# a person's name: two to four capitalized words one space apart, initials with a dot
_WORD = r"[A-Z][a-z'][a-zA-Z'\-]*"
_NAME = re.compile(rf"{_WORD}(?: (?:[A-Z]\.|{_WORD})){{1,3}}")
_ID = re.compile(r"[A-Z0-9][A-Z0-9\-]{3,}")
_ADOLESCENT_WORDS = re.compile(r"(?i)\b(?:adolescents?|youth|teens?|teenagers?)\b")
_ADULT_WORDS = re.compile(r"(?i)\badults?\b")
# the pack chooser's words for an opioid treatment program (batch/choose.py)
_OTP_WORDS = re.compile(r"\bOTPs?\b|(?i:\bopioid\s+treatment\s+programs?\b)|\bG0137\b")


@dataclass(frozen=True)
class CaseHeader:
    member_name: str | None
    member_id: str | None
    date_of_birth: dt.date | None
    age_at_admission: int | None
    admission: dt.date | None
    episode_end: dt.date | None
    program: str | None
    pack_id: str
    pack_title: str
    warnings: tuple[str, ...]
    # the pack the chart looks like when it is not the one it was reviewed against
    suggested_pack: str | None = None


def _line_of(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi >= 0 else len(text)]


def _field_after(line: str, label: re.Pattern[str], value: re.Pattern[str]) -> str | None:
    """The value after the first ``label`` followed by a colon (or #) on ``line``."""
    for match in label.finditer(line):
        sep = _SEPARATOR.match(line, match.end())
        if sep is None:
            continue
        candidate = value.match(line, sep.end())
        if candidate:
            return candidate.group().strip()
    return None


def member_name_and_id(record: AuditRecord, pages: Pages) -> tuple[str | None, str | None]:
    """The member's name and ID as labelled on the lines where the record found the
    member's date of birth ("Client: Raymond T. Ostrowski  DOB: 11/02/1951  Client #:
    LK-55810"), most often stated first; None where no line labels them."""
    names: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    for member in record.facts.members:
        for ev in member.evidence:
            text = _page(pages, ev)
            if text is None:
                continue
            line = _line_of(text, ev.start, ev.end)
            name = _field_after(line, _NAME_LABEL, _NAME)
            member_id = _field_after(line, _ID_LABEL, _ID)
            if name:
                names[name] += 1
            if member_id:
                ids[member_id] += 1
    return (
        names.most_common(1)[0][0] if names else None,
        ids.most_common(1)[0][0] if ids else None,
    )


def _page(pages: Pages, ev: Evidence) -> str | None:
    doc = pages.get(ev.document_id)
    if doc is None or not 1 <= ev.page <= len(doc):
        return None
    return doc[ev.page - 1]


def _date_value(record: AuditRecord, key: str) -> dt.date | None:
    """A date the rules computed (``admission_date``, ``episode_end``), as most findings
    give it."""
    seen: Counter[dt.date] = Counter()
    for finding in record.findings:
        raw = finding.values.get(key)
        if isinstance(raw, str):
            try:
                seen[dt.date.fromisoformat(raw)] += 1
            except ValueError:
                continue
    return seen.most_common(1)[0][0] if seen else None


def _episode(record: AuditRecord, kind: EpisodeDateKind) -> dt.date | None:
    dates = Counter(e.date for e in record.facts.episode_dates if e.kind == kind)
    return dates.most_common(1)[0][0] if dates else None


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _documents(pages: Pages) -> list[Document]:
    return [
        Document(
            document_id=doc_id,
            filename="document",
            media_type="text/plain",
            pages=tuple(Page(number=n, text=t) for n, t in enumerate(texts, start=1)),
        )
        for doc_id, texts in pages.items()
    ]


def _program_words(pages: Pages) -> tuple[int, int, int]:
    """In how many documents adolescent words, adult words and opioid treatment program
    words appear."""
    young = adult = otp = 0
    for texts in pages.values():
        text = "\n".join(texts)
        young += bool(_ADOLESCENT_WORDS.search(text))
        adult += bool(_ADULT_WORDS.search(text))
        otp += bool(_OTP_WORDS.search(text))
    return young, adult, otp


_PAYERS = {"idaho": "Idaho Medicaid", "medicare": "Medicare", "otp": "an opioid treatment program"}
_PACK_GROUPS = {
    IDAHO_IOP: ("idaho",),
    MEDICARE_IOP: ("medicare",),
    MEDICARE_OTP_IOP: ("medicare", "otp"),
}


def _documents_phrase(n: int) -> str:
    return f"{n} document" if n == 1 else f"{n} documents"


def payer_words(choice: Choice, pack: str) -> str:
    """Why the chart looks like ``choice.pack`` rather than ``pack``, in plain sentences:
    the payer (and program) it names and in how many documents, the one ``pack`` is for
    that it never names, and the words seen but not taken as a payer, and why."""
    total = choice.documents
    named: list[str] = []
    for group in _PACK_GROUPS.get(choice.pack or "", ()):
        found = [w for w in choice.words if w.group == group]
        if not found:
            continue
        said = "; ".join(
            f"“{w.word}”"
            + (" with “Idaho” on the same line" if w.why == "with_idaho" else "")
            + f" in {w.documents} of its {total} documents"
            for w in found
        )
        named.append(f"{_PAYERS[group]}{' as the payer' if group != 'otp' else ''} ({said})")
    text = "it names " + " and ".join(named) if named else "it names no payer of this pack"
    absent = [
        _PAYERS[g]
        for g in _PACK_GROUPS.get(pack, ())
        if not any(w.group == g for w in choice.words)
    ]
    if absent:
        text += " and never names " + " or ".join(absent)
    sentences = [text + "."]
    for w in choice.words:
        if w.why == "unchecked":
            sentences.append(
                f"“{w.word}” is beside a box that is not checked in "
                f"{_documents_phrase(w.documents)}, so it was not taken as the payer there."
            )
        elif w.why == "without_idaho":
            other = (
                "it could be another state's Medicaid"
                if w.word == "Medicaid"
                else f"{w.word} serves other states too"
            )
            sentences.append(
                f"“{w.word}” appears in {_documents_phrase(w.documents)} without “Idaho” on "
                f"the same line: {other}, so it was not taken as Idaho Medicaid."
            )
    return " ".join(sentences)


def case_header(record: AuditRecord, pages: Pages) -> CaseHeader:
    """The header of a case: from the record, and from the chart's text where given
    (``pages``: document id -> page texts; empty when the documents are not stored)."""
    pack = record.policy.id
    born = Counter(m.date_of_birth for m in record.facts.members if m.date_of_birth)
    dob = born.most_common(1)[0][0] if born else None
    admission = _date_value(record, "admission_date") or _episode(record, EpisodeDateKind.ADMISSION)
    episode_end = _date_value(record, "episode_end") or _episode(record, EpisodeDateKind.DISCHARGE)
    age: int | None = None
    if dob and admission:
        age = age_on(dob, admission)
    else:
        stated = [m.age for m in record.facts.members if m.age is not None]
        age = stated[0] if stated else None
    name, member_id = member_name_and_id(record, pages)
    young_docs, adult_docs, otp_docs = _program_words(pages)
    otp = otp_docs > 0
    warnings: list[str] = []
    suggested: str | None = None
    choice = choose_pack(_documents(pages)) if pages else None
    if choice is not None and choice.pack is not None and choice.pack != pack:
        suggested = choice.pack
        warnings.append(
            f"The chart looks like {pack_title(choice.pack)}, not "
            f"{pack_title(pack)}: {payer_words(choice, pack)}"
        )
    elif pack == MEDICARE_IOP and otp:
        suggested = MEDICARE_OTP_IOP
        warnings.append(
            f"The chart names an opioid treatment program ({otp_docs} of {len(pages)} "
            f"documents: OTP, opioid treatment program or G0137): OTP intensive outpatient "
            f"services are reviewed with the {pack_title(MEDICARE_OTP_IOP)} pack."
        )
    elif pack == MEDICARE_OTP_IOP and pages and not otp:
        warnings.append(
            f"No document names an opioid treatment program (OTP, opioid treatment program, "
            f"G0137), which the {pack_title(MEDICARE_OTP_IOP)} pack is for: check the program "
            "and the pack."
        )
    if age is not None and age < 18 and pack in MEDICARE_PACKS:
        suggested = suggested or IDAHO_IOP
        warnings.append(
            f"The member was {age} at admission: Medicare covers people 65 or older or with "
            "a qualifying disability, so an adolescent's chart is seldom a Medicare chart. "
            f"Check the payer (an Idaho Medicaid chart is reviewed with the "
            f"{pack_title(IDAHO_IOP)} pack)."
        )
    if age is not None and pack == IDAHO_IOP and age < ADOLESCENT_AGES[0]:
        warnings.append(
            f"The member was {age} at admission: the Idaho FAQ covers adolescents "
            f"({ADOLESCENT_AGES[0]}-{ADOLESCENT_AGES[1]}) and adults only."
        )
    if age is not None and age >= 18 and young_docs and not adult_docs:
        warnings.append(
            f"The chart describes an adolescent program ({young_docs} documents say so) but "
            f"the member was {age} at admission: check the program and the pack."
        )
    if age is not None and age < 18 and adult_docs and not young_docs:
        warnings.append(
            f"The chart describes an adult program ({adult_docs} documents say so) but the "
            f"member was {age} at admission: check the program and the pack."
        )
    program = _program(age, young_docs, adult_docs, otp)
    return CaseHeader(
        member_name=name,
        member_id=member_id,
        date_of_birth=dob,
        age_at_admission=age,
        admission=admission,
        episode_end=episode_end,
        program=program,
        pack_id=pack,
        pack_title=pack_title(pack),
        warnings=tuple(warnings),
        suggested_pack=suggested,
    )


def _program(age: int | None, young_docs: int, adult_docs: int, otp: bool) -> str | None:
    if young_docs > adult_docs or (age is not None and age < 18 and not adult_docs):
        who = "Adolescent"
    elif adult_docs or (age is not None and age >= 18):
        who = "Adult"
    else:
        who = ""
    kind = "opioid treatment program IOP" if otp else "IOP"
    text = f"{who} {kind}".strip()
    return text[:1].upper() + text[1:] if (who or otp) else None
