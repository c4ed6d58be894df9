"""Clinician names with credentials, and signature lines, with exact offsets.

Conventions handled: "Jane Roe, LCSW", "Jane Roe, LCSW, CADC", "J. Roe (LPC)",
"Maria Chen MD", "Dr. Maria Chen, DO", "Maria Chen, M.D.", "Roe, Jane LCSW";
signatures "Electronically signed by Maria Chen, MD on 03/03/2025 14:22",
"Signature: ______ Maria Chen, M.D.   Date: 3/3/2025", "Signed: Dr. Maria Chen, DO",
"E-signed: ...", "/s/ Maria Chen, MD", "Signed electronically by ...", "Authenticated by:
...", and a credentialed signer named before the words "Maria Chen, MD - electronically signed
03/04/2025".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from core.textcache import text_cache
from extract.layout import known_labels, page_lines
from extract.layout.lines import split_lines
from extract.layout.tables import Row, Table, find_tables
from extract.values.dates import DateSpan, first_date
from extract.vocab.letters import name_pattern
from extract.vocab.lexicon import canonical_credential, credential_pattern


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end (exclusive, before the newline) of the line containing ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


# Words of a name are one space apart: two or more blanks, a tab or a line break end the name
# ("Signature: Jane Roe          Date: ..." is the name "Jane Roe" and the next field).
_NAME = name_pattern(r"(?:Dr\.?\s+)?[\p{Lu}][\p{L}'’\-]*\.?(?: [\p{Lu}][\p{L}'’\-]*\.?){0,3}")
_NAME_RE = re.compile(_NAME)
_SIGNATURE = re.compile(
    r"(?im)(?:electronically\s+signed\s+by|e-?signed\s+by|digitally\s+signed\s+by|"
    r"signed\s+(?:electronically|digitally)\s+by|"
    r"(?:electronically\s+)?authenticated(?:\s*\([a-z ]{1,20}\))?\s+by"
    r"(?:\s+(?:resident|attending|physician|fellow))?\s*:?|authenticated\s*\([a-z ]{1,20}\)\s*:|"
    r"signed\s+by|attested\s+by|certified\s+by\s*:?|/s/|e-?signature\s*:|signatures?\s*:|signed\s*:|"
    r"(?:[a-z]+[ \t]+){0,3}signature(?:[ \t]*/[ \t]*date)?(?:[ \t]*\([a-z /\-]{1,30}\))?\s*:|"
    r"certifying\s+(?:physician|practitioner|provider|clinician|prescriber)\s*:|"
    r"signature\s+of\s+physician\s*:|signature\s*/\s*date\s*:|"
    r"(?:electronically|digitally)\s+signed\b(?:\s*:)?|e-signed\b(?:\s*:)?|"
    # an e-signature stamp ("[E-SIGNATURE] Ann Lee, LCSW", "[Electronically Signed] ...",
    # "Esig: ...")
    r"\[[ \t]*(?:(?:electronic(?:ally)?|digital(?:ly)?)[ \t]+|e-?)?"
    r"sign(?:ed|ature)[ \t]*\][ \t]*:?|"
    r"e-?sig\s*:)"
)
# A sign-off line that names the signer first: "Maria Chen, MD - electronically signed
# 03/04/2025 15:10", "Ann Lee, LCSW (e-signed 3/4/25)", "Helen Marsh, PMHNP-BC  Signed
# 09/08/2025", "Maria Chen, MD          Date: 01/13/2025". The signer is the whole text
# before the separator (a dash, comma, parenthesis, pipe, or two or more blanks) and must be
# a name with a credential ("Reviewed, electronically signed" names nobody).
_TRAILING_SIGNATURE = re.compile(
    r"(?im)^[ \t]*(?P<who>[^\n]*?\S)(?:[ \t]*(?:[-–—,(/]|\|)[ \t]*|[ \t]{2,}|\t[ \t]*)"
    r"(?:(?:electronically|digitally|e-?|co-?)[ \t]*signed\b"
    r"|(?:electronically|digitally)[ \t]+(?:attested|authenticated)\b"
    r"|dictated\b(?:[ \t]+and[ \t]+signed\b)?|signed\b[ \t]*(?::[ \t]*)?(?=\d|on\b|$)"
    r"|date[ \t]*:)"
)
# A label before the signer ("Physician: Maria Chen, MD  Signed: 04/07/2025").
_LEADING_LABEL = re.compile(
    r"(?:[-*•][ \t]+)?(?:\*\*)?[A-Za-z][A-Za-z /]{0,40}(?:\([A-Za-z /\-]{1,30}\))?(?:\*\*)?:"
    r"(?:\*\*)?[ \t]*"
)
# What may follow the signer's credentials: a role in words (", nurse practitioner").
_ROLE_WORDS = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?:[a-z][a-z\-]*(?:[ \t][a-z][a-z\-]*){0,3})?[ \t,]*"
    r"(?:\((?:signature[ \t]+on[ \t]+file|[a-z][a-z /\-]{0,30})\)[ \t]*)?"
)
# A "Signatures:" heading: the signers follow on the next lines ("Maria Chen, MD - 04/04/2025").
_SIGNATURES_HEADING = re.compile(
    r"(?im)^[ \t]*(?:#+[ \t]*)?(?:\*\*)?(?:signatures?|sign-?offs?|attestations?)(?:\*\*)?"
    r"[ \t]*:?(?:\*\*)?[ \t]*(?:\([^)\n]{0,80}\)[ \t]*)?$"
)
_SIGNATURES_BLOCK_LINES = 6
_COLON = re.compile(r"(?:\*\*|__)?[ \t]*:?(?:\*\*|__)?")  # "**Certified by:** ..."
# A signature whose signer cannot be read.
_ILLEGIBLE = re.compile(r"(?i)[ \t_]*(?P<mark>\[?illegible(?:[ \t]+signature)?\]?)")
# A signature line that says it is not signed (yet): a blank to sign on, "pending".
_UNSIGNED = re.compile(
    r"(?i)_{3,}|\bpending\b|\bunsigned\b|\bnot\s+(?:yet\s+)?signed\b|\bawaiting\b|"
    r"\bto\s+be\s+signed\b|\bnot\s+obtained\b|\brefused\b"
)
# A signature's rule ("________") and the blanks after it.
_RULE = re.compile(r"_{3,}[ \t]*")
# A date (and a time) ending a signature line after the signer.
_DATED_TAIL = re.compile(
    r"(?:[ \t,]+(?:date[ \t]*:?[ \t]*)?\d[\d/.\-]+\d(?:[ \t]+\d{1,2}:\d{2}\S*)?)?[ \t]*$", re.I
)


def _signed_to(text: str, rule: re.Match[str], line_end: int) -> int:
    """Where the signer written after a signature's rule ends: before a date ending the
    line, if any."""
    tail = _DATED_TAIL.search(text, rule.end(), line_end)
    return tail.start() if tail is not None else line_end


# A labeled line naming someone other than the signer ("Referring physician: ...").
_OTHER_ROLE_LABEL = re.compile(
    r"(?i)[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?(?!(?:attending|certifying|treating)\b)"
    r"(?!(?:physician|psychiatrist|prescriber|provider|clinician|practitioner|therapist|"
    r"counselor|author|signer|signed)\b)[A-Za-z][A-Za-z /]{0,40}:"
)
# Words that say a signature line has been signed, when the signer is named elsewhere: in
# the keyword ("Electronically signed", "Signed:") or right after it ("Signature/date:
# electronically signed 09/09/2025").
_SIGNED_WORD = re.compile(
    r"(?i)[ \t]*(?:(?:(?:electronically|digitally|e-?|co-?)[ \t]*)?signed\b|/s/)"
)
# Whose signature a line is, when it is not a clinician's.
_NON_CLINICIAN = re.compile(
    r"(?i)\b(?:client|patient|pt|member|guardian|parent|caregiver|consumer|resident|youth|family)\b"
)


@dataclass(frozen=True, slots=True)
class PersonSpan:
    """A person found in text: ``text[start:end]`` covers name and credentials."""

    start: int
    end: int
    name: str | None
    credentials: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SignatureSpan:
    """A signature: ``text[start:end]`` covers the signer (and the date when it follows
    the name); ``date_at`` is where a date the signer shares with others is written
    ("Signed by Ana Ruiz, MD and Tom Reed, LCSW on 03/04/2025": Ana Ruiz's date is past
    her span)."""

    start: int
    end: int
    person: PersonSpan
    date: dt.date | None
    date_at: tuple[int, int] | None = None


def _credentials_after(text: str, pos: int, limit: int) -> tuple[list[str], int]:
    """Credentials right after ``pos`` (", LCSW, CADC", " (LPC)", " MD"); returns them and
    the offset after the last one."""
    creds: list[str] = []
    end = pos
    sep = re.compile(r"\s*(?:,|\(|/|\s)\s*")
    cur = pos
    while True:
        m = sep.match(text, cur, limit)
        if not m:
            break
        c = credential_pattern().match(text, m.end(), limit)
        if not c:
            break
        canonical = canonical_credential(c.group(0))
        if canonical is None:
            break
        creds.append(canonical)
        cur = end = c.end()
        if cur < limit and text[cur] == ")":
            cur = end = cur + 1
    return creds, end


def parse_person(text: str, start: int, end: int) -> PersonSpan | None:
    """The person named in ``text[start:end]`` (e.g. a field value), if any.

    Underscores and blank signature lines before the name are skipped. A person needs a
    name or a credential."""
    m = re.compile(r"[_\s]*").match(text, start, end)
    pos = m.end() if m else start
    inverted = _inverted(text, pos, end)
    if inverted is not None:
        return inverted
    name_m = _NAME_RE.match(text, pos, end)
    if name_m and re.match(r"\s*:", text[name_m.end() : end]):
        return None  # "Date:" is the next label, not a name
    if name_m:
        name_end = name_m.end()
        # a trailing credential may have been swallowed by the name ("Maria Chen MD")
        words = list(re.finditer(r"\S+", name_m.group(0)))
        while words and canonical_credential(words[-1].group(0).rstrip(".,")) is not None:
            name_end = name_m.start() + words[-1].start()
            words.pop()
        name_end = name_m.start() + len(text[name_m.start() : name_end].rstrip(" ,"))
        name = text[name_m.start() : name_end] if name_end > name_m.start() else None
        if name is not None and canonical_credential(name) is not None:
            name, name_end = None, name_m.start()
        creds, cred_end = _credentials_after(text, name_end, end)
        if name is None and not creds:
            c = credential_pattern().match(text, pos, end)
            if c is None:
                return None
            creds, cred_end = [canonical_credential(c.group(0)) or c.group(0)], c.end()
        span_end = max(cred_end, name_end)
        return PersonSpan(name_m.start(), span_end, name, tuple(creds))
    c = credential_pattern().match(text, pos, end)
    if c is None:
        return None
    return PersonSpan(pos, c.end(), None, (canonical_credential(c.group(0)) or c.group(0),))


# A name written last name first, as EHR exports print it ("CORDOVA,NAOMI DO", "Roe, Jane
# T. LCSW"): the last name, a comma, the first name (and an initial), then a credential,
# which must follow (without one, "Roe, Jane" could be a list of names or a name and a role).
_INVERTED_NAME = re.compile(
    name_pattern(
        r"(?P<last>[\p{Lu}][\p{L}'’\-]+),[ \t]?"
        r"(?P<first>[\p{Lu}][\p{L}'’\-]+(?: [\p{Lu}]\.?)?)(?=\s|,)"
    )
)


def _inverted(text: str, pos: int, end: int) -> PersonSpan | None:
    """A person named last name first with a credential after ("CORDOVA,NAOMI DO"); the name
    is kept as written ("CORDOVA,NAOMI", "Roe, Jane")."""
    m = _INVERTED_NAME.match(text, pos, end)
    if m is None or canonical_credential(m.group("first").split()[0]) is not None:
        return None
    creds, cred_end = _credentials_after(text, m.end(), end)
    if not creds:
        return None
    return PersonSpan(m.start(), cred_end, m.group(0), tuple(creds))


def _doctor_alone(text: str, start: int, end: int) -> PersonSpan | None:
    """A signer written with the title "Dr." and no credential ("Dr. Thibodeaux / dictated
    02/13/2026"): a name whose credential is not documented (RULES.md "Credentials")."""
    label = _LEADING_LABEL.match(text, start, end)
    person = parse_person(text, label.end() if label is not None else start, end)
    if person is None or person.name is None or not person.name.startswith("Dr"):
        return None
    return person if person.end == end and not person.credentials else None


def _member_alone(text: str, start: int, end: int) -> PersonSpan | None:
    """The member named under a member's label ("Patient: Olivia Dunleavy - signed
    1/14/2026"): a full name, no credential needed."""
    label = _LEADING_LABEL.match(text, start, end)
    if label is None or not _NON_CLINICIAN.search(text, start, label.end()):
        return None
    person = parse_person(text, label.end(), end)
    if person is None or person.name is None or len(person.name.split()) < 2:
        return None
    return person if person.end == end else None


def _team(text: str, start: int, end: int) -> list[PersonSpan]:
    """Credentialed people listed with ";" between them making up all of ``text[start:end]``
    after an optional label ("Treatment Team:  Colin Okonkwo, RN; Franco Delacroix, MD")."""
    label = _LEADING_LABEL.match(text, start, end)
    pos = label.end() if label is not None else start
    out: list[PersonSpan] = []
    for part in re.finditer(r"[^;]+", text[pos:end]):
        a, b = pos + part.start(), pos + part.end()
        person = person_line(text, a, b)
        if person is None:
            return []
        out.append(person)
    return out if len(out) >= 2 else []


def _person_alone(text: str, start: int, end: int) -> PersonSpan | None:
    """A credentialed person making up all of ``text[start:end]`` after an optional label
    ("Physician: Maria Chen, MD"), followed at most by a role in words."""
    label = _LEADING_LABEL.match(text, start, end)
    if label is not None:
        first = parse_person(text, start, end)
        # "Certifying physician: ..." reads as the name "Certifying": the label's words
        if first is None or (not first.credentials and first.end <= label.end()):
            start = label.end()
    person = parse_person(text, start, end)
    if person is None or person.name is None or not person.credentials:
        return None
    rest = _ROLE_WORDS.match(text, person.end, end)
    if rest is None or rest.end() != end:
        return None
    return person


def person_line(text: str, start: int, end: int) -> PersonSpan | None:
    """A credentialed person making up all of the line ``text[start:end]`` (blanks aside):
    a signature written as a bare name and credential under an entry ("Priya Raman,
    LCSW")."""
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return _person_alone(text, start, end) if start < end else None


def _previous_line(text: str, pos: int) -> tuple[int, int] | None:
    """The non-blank line right above the line holding ``pos`` (no blank line between)."""
    ls, _ = line_bounds(text, pos)
    if ls == 0:
        return None
    ps, pe = line_bounds(text, ls - 1)
    return (ps, pe) if text[ps:pe].strip() else None


# the first word after a signer's name ("Jane Doe (member) 04/05/2025")
_WORD_AFTER = re.compile(r"[ \t,]*[(\-–—]?[ \t]*(?P<who>[A-Za-z]+)")


def is_client_signature(text: str, sig: SignatureSpan) -> bool:
    """A signature of the client, patient or guardian, not of a clinician ("Client
    signature: Jane Doe  Date: ...", "...; Jane Doe (member) 04/05/2025"): words before the
    signer in its part of the line, or right after the name."""
    ls, le = line_bounds(text, sig.start)
    part = max(
        [ls]
        + [m.end() for m in _LIST_SEP.finditer(text, ls, sig.person.start)]
        + [m.end() for m in _LABELED_SEP.finditer(text, ls, sig.person.start)]
    )
    if text[ls:le].lstrip().startswith("|"):
        part = ls  # a row of a table of signatures: its role cell ("| Client | Jane Doe |")
    words = [w.group(0).lower() for w in _NON_CLINICIAN.finditer(text, part, sig.person.start)]
    if words and not (set(words) == {"resident"} and sig.person.credentials):
        return True  # a credentialed "resident" is a physician in training
    after = _WORD_AFTER.match(text, sig.person.end, le)
    return after is not None and bool(_NON_CLINICIAN.fullmatch(after.group("who")))


_INITIALS = re.compile(name_pattern(r"[\p{Lu}]{2,3}|(?:[\p{Lu}]\.[ \t]?){2,3}"))
_CELL_GAP = re.compile(r"[ \t]{2,}|\t|[ \t]*\|[ \t]*")


def _named_before(text: str, pos: int) -> PersonSpan | None:
    """The full name alone in the cell before ``pos`` on its line (two words or more)."""
    ls, _ = line_bounds(text, pos)
    end = len(text[:pos].rstrip(" \t|"))
    gaps = [g.end() for g in _CELL_GAP.finditer(text, ls, end)]
    start = gaps[-1] if gaps else ls
    start += len(text[start:end]) - len(text[start:end].lstrip())
    p = parse_person(text, start, end)
    if p is None or p.name is None or len(p.name.split()) < 2 or p.end != end:
        return None
    return p


def _signer_elsewhere(text: str, kw_start: int, kw_end: int) -> PersonSpan | None:
    """The signer of a signature line that names nobody after its keyword: before the
    keyword on the same line ("Physician: Maria Chen, MD  Signed: 04/07/2025"), else alone
    on the line above ("Maria Chen, MD" / "Signature/date: electronically signed ...")."""
    ls, _ = line_bounds(text, kw_start)
    end = len(text[:kw_start].rstrip(" \t-–—,|("))
    if end > ls:
        return _person_alone(text, ls, end)
    above = _previous_line(text, kw_start)
    if above is None or _OTHER_ROLE_LABEL.match(text, *above):
        return None
    return _person_alone(text, *above)


def _illegible(text: str, pos: int, end: int) -> PersonSpan | None:
    """An illegible signer ("Signature: [illegible]"): a signer with no name that can be
    read, kept as written so that it is not taken for a missing signature."""
    m = _ILLEGIBLE.match(text, pos, end)
    if m is None:
        return None
    creds, cred_end = _credentials_after(text, m.end("mark"), end)
    return PersonSpan(m.start("mark"), max(cred_end, m.end("mark")), m.group("mark"), tuple(creds))


#: An illegible signer as a person (for readers of other modules).
illegible_person = _illegible


# Between the signers of one line ("Signatures: Omar Said, MD 04/04/2025; Ann Lee, LCSW
# 04/04/2025; Jane Doe (member) 04/05/2025").
_LIST_SEP = re.compile(r"[ \t]*[;|·][ \t]*(?:and[ \t]+)?|[ \t]+/[ \t]+|,?[ \t]+and[ \t]+")
_ROLE_IN_PARENS = re.compile(r"[ \t]*\([A-Za-z][A-Za-z /&.\-]{0,40}\)")
# A signer's role label before the name ("Signatures:  Client: Imani Oyelaran 10/16/2025
# Counselor: Gloria Thibodeaux, L.P.C. 10/16/2025"): not a date, time or status label.
_NOT_A_ROLE = r"(?!(?:date|time|status|dob|signed|on|at)\b)"
_ROLE_WORDS_COLON = r"[A-Za-z][A-Za-z/\-]*(?: [A-Za-z/\-]+){0,3}:"
_ROLE_LABEL = re.compile(rf"(?i){_NOT_A_ROLE}{_ROLE_WORDS_COLON}[ \t]*")
_LABELED_SEP = re.compile(rf"(?i)[ \t]{{2,}}(?={_NOT_A_ROLE}{_ROLE_WORDS_COLON})")


# "...; member Jane Doe 04/05/2025": the member's role in a word before the name
_MEMBER_WORD = re.compile(
    r"(?i)(?:client|patient|member|guardian|parent|caregiver)[ \t]+"
    + name_pattern(r"(?-i:(?=[\p{Lu}]))")
)


# "Signed: 03/05/2025 by Jane Roe, LCSW", "Electronically signed on 03/05/2025 14:02 by ..."
_BY_AFTER_DATE = re.compile(
    r"(?i)[ \t]*(?:at[ \t]+)?(?:\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[ap]\.?m\.?)?[ \t]*)?"
    r"by[ \t]*:?[ \t]*"
)


def _dated_then_by(text: str, pos: int, end: int) -> tuple[PersonSpan, DateSpan] | None:
    """The signer named after the signing date ("Signed: 03/05/2025 by Jane Roe, LCSW"),
    with that date."""
    on = re.compile(r"(?i)[ \t]*(?:on[ \t]+)?").match(text, pos, end)
    d = first_date(text, on.end() if on else pos, end)
    if d is None or d.start != (on.end() if on else pos):
        return None
    by = _BY_AFTER_DATE.match(text, d.end, end)
    if by is None:
        return None
    person = parse_person(text, by.end(), end)
    return (person, d) if person is not None and person.name is not None else None


def _next_sep(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The next separator between two signers of one line: ";", "|", "·", or blanks before
    the next signer's role label."""
    found = [
        m for m in (_LIST_SEP.search(text, pos, end), _LABELED_SEP.search(text, pos, end)) if m
    ]
    return min(found, key=lambda m: m.start()) if found else None


_CLOSE = re.compile(r"[ \t]*(?:\d{1,2}:\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?)?[ \t]*\)")


def _sep_at(text: str, pos: int, end: int) -> int | None:
    """Where the next signer begins when a separator starts at ``pos`` (past its role label)."""
    # "(03/05/2025); ...", "(e-signed 01/14/2025 09:12) · ..."
    close = _CLOSE.match(text, pos, end)
    pos = close.end() if close is not None else pos
    sep = _LIST_SEP.match(text, pos, end) or _LABELED_SEP.match(text, pos, end)
    if sep is None:
        return None
    label = _ROLE_LABEL.match(text, sep.end(), end) or _MEMBER_WORD.match(text, sep.end(), end)
    return label.end() if label is not None else sep.end()


def _listed_after(text: str, pos: int, line_end: int) -> list[SignatureSpan]:
    """The further signers listed on a signature line after the one ending at ``pos``,
    each with its own date."""
    out: list[SignatureSpan] = []
    while True:
        role = _ROLE_IN_PARENS.match(text, pos, line_end)  # "..., DO (Psychiatrist); ..."
        pos = role.end() if role else pos
        at = _sep_at(text, pos, line_end)
        if at is None:
            return out
        person = parse_person(text, at, line_end)
        if person is None or person.name is None:
            return out
        nxt = _next_sep(text, person.end, line_end)
        stop = nxt.start() if nxt is not None else line_end
        if _UNSIGNED.search(text, person.end, stop):
            return out  # "...   Counselor: Gloria Thibodeaux, LPC pending"
        d = first_date(text, person.end, stop)
        pos = d.end if d else person.end
        out.append(SignatureSpan(person.start, pos, person, d.date if d else None))
        if nxt is None:
            return out
        pos = max(pos, nxt.start())


# How a date shared by every signer of a list is introduced after the last one ("Signed by
# A, MD and B, LCSW on 03/04/2025", "... and B, LCSW, dated 03/04/2025")
_SHARED_DATE_LEAD = re.compile(r"(?i)[ \t,]*(?:on|dated)[ \t]+$")
_AND_JOIN = re.compile(r"(?i),?[ \t]+and[ \t]+$")


def _shared_date(text: str, signers: list[SignatureSpan]) -> list[SignatureSpan]:
    """The signers of one list, the undated ones given the date written once after the
    last ("Signed by A, MD and B, LCSW on 03/04/2025"): only when that date is introduced
    by "on"/"dated", or the last signer is joined by "and", and no other signer of the
    list has a date of its own (a list dated signer by signer, with one date missing,
    leaves that signer undated)."""
    if len(signers) < 2:
        return signers
    last = signers[-1]
    if last.date is None or any(s.date is not None for s in signers[:-1]):
        return signers
    d = first_date(text, last.person.end, last.end)
    if d is None:
        return signers
    joined = _AND_JOIN.search(text, signers[-2].person.end, last.person.start) is not None
    if not joined and _SHARED_DATE_LEAD.search(text, last.person.end, d.start) is None:
        return signers
    shared = [
        SignatureSpan(s.start, s.end, s.person, d.date, date_at=(d.start, d.end))
        for s in signers[:-1]
    ]
    return [*shared, last]


# A required signature line left blank: a clinician's role, a colon, and a blank to sign on
# or words saying it is not signed ("Physician: ________", "Physician signature: (pending)").
_BLANK_SIGNATURE = re.compile(
    r"(?im)^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?"
    r"(?P<role>(?:(?:attending|certifying|treating|supervising|reviewing)[ \t]+)?"
    r"(?:physician|psychiatrist|prescriber|practitioner|nurse[ \t]+practitioner|"
    r"medical[ \t]+director|md/do|therapist|clinician|counselor|provider|"
    r"(?:clinical[ \t]+)?supervisor|co-?sign(?:er|ature)?)"
    r"(?:[ \t]+(?:signature|sign-?off|co-?signature|attestation|review|approval)"
    r"(?:[ \t]*/[ \t]*date)?)?)"
    r"(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*"
    r"(?P<blank>_{3,}|\(?(?:pending|unsigned|not[ \t]+(?:yet[ \t]+)?signed|"
    r"awaiting(?:[ \t]+(?:co-?)?signature)?)\)?)"
)


# A form's row naming a signer by role, its label set apart from its value by a colon or
# by blanks ("Certifying Practitioner          CORDOVA,NAOMI DO", "Co-Signing Physician"),
# and the row under it saying whether that signer signed ("Practitioner Signature
# Electronically Signed", "Co-Signature Status   Pending").
_SIGNER_ROW = re.compile(
    r"(?im)^[ \t]*(?P<role>(?:[A-Za-z\-]+[ \t]){0,2}?(?:practitioner|physician|psychiatrist|"
    r"prescriber|provider|clinician|therapist|counselor|co-?signer|supervisor))"
    r"(?:[ \t]*:[ \t]*|[ \t]{2,}|[ \t]*$)(?P<value>[^\n]*)$"
)
_STATUS_ROW = re.compile(
    r"(?i)[ \t]*(?:[A-Za-z\-]+[ \t]){0,2}?(?:co-?)?signature(?:[ \t]+status)?"
    r"(?:[ \t]*:[ \t]*|[ \t]{2,})(?P<value>[^\n]*)$"
)


def _row_end(text: str, m: re.Match[str]) -> int:
    """The end of a form row with the lines its value wraps onto (indented to the value's
    column: "WAKEFIELD,HANNAH NP; RASMUSSEN,YOLANDA" / "                M.D.")."""
    end = m.end()
    ls, _ = line_bounds(text, m.start())
    column = m.start("value") - ls
    if not m.group("value").strip() or column < 8:
        return end
    while end + 1 < len(text):
        ns, ne = line_bounds(text, end + 1)
        content = text[ns:ne].lstrip(" ")
        if not content or len(text[ns:ne]) - len(content) != column:
            break
        end = ne
    return end


def _signer_rows(text: str) -> Iterator[tuple[re.Match[str], bool, int]]:
    """Each signer row of a form with the status row right under it: (row, signed, where
    the row ends, wrapped lines included)."""
    for m in _SIGNER_ROW.finditer(text):
        row_end = _row_end(text, m)
        below = row_end + 1
        if below >= len(text):
            continue
        ls, le = line_bounds(text, below)
        status = _STATUS_ROW.match(text, ls, le)
        if status is None or not status.group("value").strip():
            continue
        if _UNSIGNED.search(status.group("value")):
            yield m, False, row_end
        elif _SIGNED_WORD.match(status.group("value")) or re.match(
            r"(?i)[ \t]*(?:yes|completed?)\b", status.group("value")
        ):
            yield m, True, row_end


def _form_row_signers(text: str, found: Sequence[SignatureSpan]) -> list[SignatureSpan]:
    """The signers of a form's signer rows whose status row says signed."""
    out: list[SignatureSpan] = []
    for m, signed, le in _signer_rows(text):
        if not signed or any(s.start <= m.start("value") < s.end for s in found):
            continue
        ss, se = line_bounds(text, le + 1)
        if any(ss <= s.end and s.start <= se for s in found):
            continue  # the status row names its signer ("Signature: /s/ Omar Said, MD")
        person = parse_person(text, m.start("value"), le)
        if person is None or person.name is None or not person.credentials:
            continue
        out.append(SignatureSpan(person.start, person.end, person, None))
        out.extend(_listed_after(text, person.end, le))
    return out


# The member's (a parent's, a guardian's) signature line left blank: the role, a blank to
# sign on; the line must say it is for signing ("Client signature: ______", "Client: ______
# (refused to sign)"), else a blank "Client: ______" is a name field. And a role with a
# status saying it is not signed, set apart by a colon or blanks as a form's or a table's
# row ("Patient        Not signed - left before plan review", "Guardian: refused to sign").
_MEMBER_ROLE = (
    r"(?:client|patient|member|guardian|parent|caregiver|consumer|resident|youth)"
    r"(?:[ \t]*/[ \t]*(?:legal[ \t]+)?(?:guardian|parent|caregiver))?(?:'s)?"
)
_MEMBER_BLANK = re.compile(
    r"(?im)^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?"
    rf"(?P<role>{_MEMBER_ROLE}(?P<sign>[ \t]+(?:signature|acknowledge?ment|consent|agreement))?)"
    r"(?:[ \t]*\([^)\n]{0,30}\))?(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?P<blank>_{3,})"
)
_STATUS_BLANK = re.compile(
    r"(?im)^[ \t]*(?:[-*•|][ \t]+)?(?:\*\*)?"
    rf"(?P<role>{_MEMBER_ROLE}|(?:(?:attending|certifying|treating|supervising|clinical)[ \t]+)?"
    r"(?:physician|psychiatrist|prescriber|practitioner|therapist|clinician|counselor|supervisor))"
    r"(?:[ \t]+(?:signature|acknowledge?ment|consent))?"
    r"(?:\*\*)?(?:[ \t]*:(?:\*\*)?[ \t]*|[ \t]{2,}|[ \t]*\|[ \t]*)"
    r"(?P<blank>not[ \t]+(?:yet[ \t]+)?signed|unsigned|signature[ \t]+pending|"
    r"pending[ \t]+signature|(?:refused|declined)[ \t]+to[ \t]+sign)\b"
)


# a note after a blank line saying it was signed where the text does not show it
_SIGNED_ELSEWHERE = re.compile(
    r"(?i)\b(?:on[ \t]+file|signed|obtained|scanned|attached|see[ \t]+paper|wet[ \t]+signature)\b"
)


@dataclass(frozen=True, slots=True)
class BlankSignature:
    """A required signature line left blank: ``text[start:end]`` is its role and blank;
    ``member``: the member's, a parent's or a guardian's line."""

    start: int
    end: int
    role: str
    member: bool = False


@text_cache(maxsize=64)
def find_blank_signatures(text: str) -> tuple[BlankSignature, ...]:
    """Clinicians' signature lines that are not signed ("Physician: ________")."""
    out = []
    for m in _BLANK_SIGNATURE.finditer(text):
        _, line_end = line_bounds(text, m.start())
        rest = text[m.end("blank") : line_end]
        # a name written after the blank signs it ("Physician: ______ Omar Said, MD")
        if parse_person(text, m.end("blank"), line_end) is not None and re.search(
            r"[A-Za-z]{2}", rest.split("Date")[0].split("date")[0]
        ):
            continue
        out.append(BlankSignature(m.start("role"), m.end("blank"), m.group("role")))
    for m in _MEMBER_BLANK.finditer(text):
        _, line_end = line_bounds(text, m.start())
        rest = text[m.end("blank") : line_end]
        if m.group("sign") is None and not re.search(r"(?i)\bsign", rest):
            continue  # "Client: ______  DOB: ______" is a name left blank, not a signature
        if first_date(text, m.end("blank"), line_end) is not None or (
            _SIGNED_ELSEWHERE.search(rest) and not _UNSIGNED.search(rest)
        ):
            # "Client signature: ______  Date: 03/04/2025", "______ (signature on file)":
            # signed on paper
            continue
        if parse_person(text, m.end("blank"), line_end) is not None and re.search(
            r"[A-Za-z]{2}", rest.split("Date")[0].split("date")[0].split("(")[0]
        ):
            continue  # "Client signature: ______ Jane Doe"
        out.append(BlankSignature(m.start("role"), m.end("blank"), m.group("role"), True))
    for m in _STATUS_BLANK.finditer(text):
        if not any(b.start <= m.start("role") < b.end for b in out):
            member = _NON_CLINICIAN.search(m.group("role")) is not None
            out.append(BlankSignature(m.start("role"), m.end("blank"), m.group("role"), member))
    for m, signed, row_end in _signer_rows(text):
        if not signed and not any(b.start <= m.start("role") < b.end for b in out):
            # "Co-Signing Physician" / "Co-Signature Status   Pending"
            _, status_end = line_bounds(text, row_end + 1)
            out.append(BlankSignature(m.start("role"), status_end, m.group("role")))
    for m in _PENDING_COSIGNER.finditer(text):
        if not any(b.start <= m.start("role") < b.end for b in out):
            out.append(BlankSignature(m.start("role"), m.end(), m.group("role")))
    tables = _table_signers(text)
    out = [b for b in out if not any(a <= b.start < e for a, e in tables.rows)]
    out.extend(tables.blank)
    out.sort(key=lambda b: b.start)
    return tuple(out)


# A co-signer whose signature is awaited ("Cosigner: Dr. Harlan    Status: Awaiting"): the
# person named has not signed.
_PENDING_COSIGNER = re.compile(
    r"(?im)(?P<role>\bco-?signer|\bco-?signing[ \t]+[a-z]+)[ \t]*:[^\n]*?\bstatus[ \t]*:[ \t]*"
    r"\(?(?:pending|awaiting|unsigned|not[ \t]+(?:yet[ \t]+)?signed)\b"
)


# a separator's next cell holding the date ("... | 03/10/2026 12:52 PM")
_DATE_CELL = re.compile(r"[ \t]*(?:on[ \t]+)?\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")


@text_cache(maxsize=64)
def find_signatures(text: str) -> tuple[SignatureSpan, ...]:
    """Signature lines with the signer and, when on the same line, the signing date."""
    out: list[SignatureSpan] = []
    for m in _SIGNATURE.finditer(text):
        _, line_end = line_bounds(text, m.start())
        after = _COLON.match(text, m.end(), line_end)  # "Electronically signed by: ..."
        after_kw = after.end() if after else m.end()
        blanks = re.compile(r"[ \t]*").match(text, after_kw, line_end)
        label = _ROLE_LABEL.match(text, blanks.end() if blanks else after_kw, line_end)
        if label is not None and parse_person(text, label.end(), line_end) is not None:
            after_kw = label.end()  # "Signatures:  Client: Imani Oyelaran 10/16/2025 ..."
        rule = _RULE.match(text, blanks.end() if blanks else after_kw, line_end)
        if rule is not None and _person_alone(text, rule.end(), _signed_to(text, rule, line_end)):
            # "Staff signature: ________  Ana Ruiz, LCSW   03/03/2025": signed on the blank
            after_kw = rule.end()
        elif _UNSIGNED.match(text, blanks.end() if blanks else after_kw, line_end) or re.match(
            r"[ \t(]*(?:pending|awaiting|unsigned|not\b)", text[after_kw:line_end], re.I
        ):
            continue  # "Physician signature: Awaiting" is not signed by "Awaiting"
        if _UNSIGNED.search(m.group(0)):
            continue  # "Pending signature: Imani Rinaldi, NP": whose it will be
        if re.match(r"(?i)[ \t]*n/a\b", text[after_kw:line_end]):
            continue  # "Guardian signature: N/A": no one is named, nothing is signed
        if _SIGNED_WORD.match(text, after_kw, line_end) and not m.group(0).lstrip().startswith("["):
            # "Signature: Electronically signed 03/04/2025": the signer is named elsewhere
            # (or after a "by", which a match of its own reads)
            if re.search(r"(?i)\bby\b", text[after_kw:line_end]):
                continue
            person = None
        else:
            person = parse_person(text, after_kw, line_end) or _illegible(text, after_kw, line_end)
        signed_on = None
        if person is None:
            signed_on = _dated_then_by(text, after_kw, line_end)
            person = signed_on[0] if signed_on is not None else None
        if person is not None and person.name is None and not person.credentials:
            person = None
        if person is not None and _INITIALS.fullmatch(person.name or "") and not person.credentials:
            # "Vanessa Escobedo      Signed: VE      Sent: ...": the name before the initials
            before = _named_before(text, m.start())
            if before is None:
                continue
            person = before
        if person is not None:
            nxt = _next_sep(text, person.end, line_end)
            if nxt is not None and _DATE_CELL.match(text, nxt.end(), line_end):
                # "[E-SIGNATURE] Patrick Zamora, L.P.C. | 03/10/2026": the date's cell
                nxt = _next_sep(text, nxt.end(), line_end)
            d = first_date(text, person.end, nxt.start() if nxt is not None else line_end)
            d = d or (signed_on[1] if signed_on is not None else None)
            end = max(d.end, person.end) if d else person.end
            start = min(m.start(), person.start)  # the name may precede the keyword
            end = max(end, m.end()) if person.start < m.start() else end
            first = SignatureSpan(start, end, person, d.date if d else None)
            out.extend(_shared_date(text, [first, *_listed_after(text, end, line_end)]))
            continue
        rest = text[m.start() : line_end]
        if _UNSIGNED.search(rest) or not (
            _SIGNED_WORD.search(m.group(0)) or _SIGNED_WORD.match(text, m.end(), line_end)
        ):
            continue  # a blank signature line, not signed by whoever is named above it
        person = _signer_elsewhere(text, m.start(), m.end())
        if person is None:
            continue
        d = first_date(text, m.end(), line_end)
        named = next((k for k, s in enumerate(out) if s.start <= person.start < s.end), None)
        if named is not None:
            # "Certifying physician: Omar Said, MD" / "Electronically signed 2025-01-06": the
            # signer named above signed on this line's date
            s = out[named]
            if s.date is None and d is not None:
                out[named] = SignatureSpan(s.start, d.end, s.person, d.date)
            continue
        end = d.end if d else m.end()
        out.append(SignatureSpan(person.start, end, person, d.date if d else None))
    for m in _TRAILING_SIGNATURE.finditer(text):
        if any(s.start <= m.start("who") < s.end for s in out):
            continue
        _, line_end = line_bounds(text, m.start("who"))
        if _UNSIGNED.search(text, m.end(), line_end):
            continue
        d = first_date(text, m.end(), line_end)
        # "Client Name: Jane Roe     Date: 03/03/2025" heads a form: a member's name before
        # a bare "Date:" signs only under a signature label ("Client signature: ...")
        dated_only = re.search(r"(?i)date[ \t]*:$", m.group(0)) is not None
        member_signs = not dated_only or "sign" in text[m.start("who") : m.end("who")].lower()
        person = (
            _person_alone(text, *m.span("who"))
            or _doctor_alone(text, *m.span("who"))
            or (_member_alone(text, *m.span("who")) if member_signs else None)
        )
        if person is None:
            # several credentialed signers before the words ("Treatment Team:  Colin
            # Okonkwo, RN; Franco Delacroix, MD - signed 02/28/2026")
            team = _team(text, *m.span("who"))
            for p in team:
                if not any(s.start <= p.start < s.end for s in out):
                    out.append(SignatureSpan(p.start, p.end, p, d.date if d else None))
            continue
        if any(s.start <= person.start < s.end for s in out):
            continue  # not a credentialed name alone before the separator
        out.append(
            SignatureSpan(person.start, d.end if d else m.end(), person, d.date if d else None)
        )
    for h in _SIGNATURES_HEADING.finditer(text):
        pos = h.end() + 1
        for _ in range(_SIGNATURES_BLOCK_LINES):
            if pos >= len(text):
                break
            ls, le = line_bounds(text, pos)
            if not text[ls:le].strip():
                break
            pos = le + 1
            if _UNSIGNED.search(text, ls, le):
                continue
            if any(s.start <= ls < s.end or ls <= s.start < le for s in out):
                continue
            ls += len(text[ls:le]) - len(text[ls:le].lstrip(" \t"))  # an indented block
            label = _LEADING_LABEL.match(text, ls, le)
            lead = parse_person(text, ls, le)
            # "Primary counselor: ..." reads as the name "Primary": the label's words
            named = lead is not None and (
                bool(lead.credentials) or label is None or lead.end > label.end()
            )
            start = label.end() if label and not named else ls
            start += len(text[start:le]) - len(text[start:le].lstrip(" \t-*•"))
            person = parse_person(text, start, le)
            if person is None or person.name is None:
                continue
            d = first_date(text, person.end, le)
            if not person.credentials and (d is None or len(person.name.split()) < 2):
                continue  # "Printed 11/22/2025" under "ATTESTATION" is a word, not a name
            out.append(
                SignatureSpan(
                    person.start, d.end if d else person.end, person, d.date if d else None
                )
            )
    out.extend(_under_rules(text, out))
    out.extend(_form_row_signers(text, out))
    out.extend(_block_neighbors(text, out))
    out.extend(_attested(text, out))
    out.extend(_closings(text, out))
    tables = _table_signers(text)
    # a row of a table of signatures is read by its columns, not as a line of words
    out = [s for s in out if not any(a <= s.start < b for a, b in tables.rows)]
    out.extend(tables.signed)
    out.sort(key=lambda s: s.start)
    read: list[SignatureSpan] = []
    for sig in out:
        sig = _dated_below(text, _credentialed(text, sig))
        line = line_bounds(text, sig.start)
        if any(
            line_bounds(text, r.start) == line
            and (r.person.name, r.person.credentials) == (sig.person.name, sig.person.credentials)
            for r in read
        ):
            continue  # one signer named twice on a line ("Completed by: ... Signature: /s/ ...")
        read.append(sig)
    return tuple(read)


# Words of an attestation or a reviewer's agreement ("Attestation: I have reviewed this plan",
# "Teaching physician attestation: ...", "Collaborating psychiatrist review: agree with
# assessment and plan."): a credentialed name and a date ending one of its lines sign it.
_ATTEST = re.compile(
    r"(?i)\battest(?:ation|s|ed)?\b|\bI[ \t]+have[ \t]+(?:reviewed|examined|seen)\b|"
    r"\bagree[ \t]+with\b|\breview[ \t]*:"
)
_ATTEST_LINES = 3
# where a sign-off may begin on a line: its start, after a sentence, a colon or a dash
_SIGNOFF_START = re.compile(r"(?:(?<=[.;:])|[ \t]+[-–—]{1,2})[ \t]+(?=[A-Z])")
# between the signer and the date: a role written in capitals ("..., MD, Attending
# Psychiatrist, 10/29/2025")
_ROLE_THEN_DATE = re.compile(
    r"[ \t]*(?:,[ \t]*(?:[A-Z][A-Za-z\-]*(?:[ \t]+[A-Z][A-Za-z\-]*){0,3}[ \t]*,)?)?[ \t]*(?=\d)"
)
_LINE_TAIL = re.compile(
    r"[ \t.]*(?:(?:at[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:[AaPp]\.?[Mm]\.?)?[ \t.]*)?$"
)
# "Evaluation performed by Alicia Kettering, PMHNP -- authenticated 10/27/2025"
_BY_THEN_AUTHENTICATED = re.compile(
    r"(?i)\b(?:performed|completed|prepared|written|dictated|assessed|evaluated|conducted|"
    r"authored)[ \t]+by[ \t]+"
)
_DATE_NEXT = re.compile(r"[ \t]+(?:on[ \t]+)?(?=\d)")
_AUTHENTICATED_AFTER = re.compile(
    r"(?i)[ \t]*(?:[-–—,]{1,2}[ \t]*)?(?:electronically[ \t]+|e-?)?"
    r"(?:authenticated|signed|attested)(?:[ \t]+on)?[ \t]*:?[ \t]*(?=\d)"
)


def _attested(text: str, found: Sequence[SignatureSpan]) -> list[SignatureSpan]:
    """Signers of attestations and reviews (see :data:`_ATTEST`), and sign-offs saying who
    performed the document and that it was authenticated on a date; never a name already
    read as a signer, never a line saying it is not signed."""
    out: list[SignatureSpan] = []
    taken = [(s.start, s.end) for s in found]

    def add(sig: SignatureSpan) -> None:
        if not any(a <= sig.person.start < b for a, b in taken):
            out.append(sig)
            taken.append((sig.start, sig.end))

    for m in _BY_THEN_AUTHENTICATED.finditer(text):
        _, le = line_bounds(text, m.start())
        person = parse_person(text, m.end(), le)
        if person is None or person.name is None or not person.credentials:
            continue
        after = _AUTHENTICATED_AFTER.match(text, person.end, le) or _DATE_NEXT.match(
            text, person.end, le
        )
        if after is None or _UNSIGNED.search(text, m.start(), le):
            continue
        d = first_date(text, after.end(), le)
        if d is not None and d.start == after.end() and _LINE_TAIL.match(text, d.end, le):
            add(SignatureSpan(person.start, d.end, person, d.date))
    seen_lines: set[int] = set()
    for m in _ATTEST.finditer(text):
        ls, le = line_bounds(text, m.start())
        for _ in range(_ATTEST_LINES):
            if ls in seen_lines or not text[ls:le].strip():
                break
            seen_lines.add(ls)
            if not _UNSIGNED.search(text, ls, le):
                starts = [ls + len(text[ls:le]) - len(text[ls:le].lstrip())]
                starts += [g.end() for g in _SIGNOFF_START.finditer(text, ls, le)]
                for start in starts:
                    person = parse_person(text, start, le)
                    if person is None or person.name is None or not person.credentials:
                        continue
                    gap = _ROLE_THEN_DATE.match(text, person.end, le)
                    if gap is None:
                        continue
                    d = first_date(text, gap.end(), le)
                    if d is None or d.start != gap.end():
                        continue
                    if _LINE_TAIL.match(text, d.end, le) is None:
                        continue
                    add(SignatureSpan(person.start, d.end, person, d.date))
                    break
            if le >= len(text):
                break
            ls, le = line_bounds(text, le + 1)
    return out


# A letter's closing ("Sincerely,", "Respectfully submitted,"): the credentialed person on
# the first line written under it (blank lines between) signs the letter.
_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:sincerely(?:[ \t]+yours)?|respectfully(?:[ \t]+submitted)?|"
    r"(?:best|kind|warm)?[ \t]*regards|yours[ \t]+(?:truly|sincerely)|cordially|"
    r"with[ \t]+(?:thanks|appreciation))[ \t]*[,.]?[ \t]*$"
)
_CLOSING_GAP = 3  # lines a signature may leave blank under the closing


def _closings(text: str, found: Sequence[SignatureSpan]) -> list[SignatureSpan]:
    """The signer of a letter under its closing ("Sincerely," / "" / "Imani Rinaldi, NP"),
    dated when a date ends that line; not a line saying it is not signed, not one read."""
    out: list[SignatureSpan] = []
    for m in _CLOSING.finditer(text):
        pos = m.end() + 1
        for _ in range(_CLOSING_GAP + 1):
            if pos >= len(text):
                break
            ls, le = line_bounds(text, pos)
            pos = le + 1
            if not text[ls:le].strip():
                continue
            if any(s.start < le and ls < s.end for s in found) or _UNSIGNED.search(text, ls, le):
                break
            person = person_line(text, ls, le)
            sig = _dated_signer(text, ls, le) if person is None else None
            if person is not None:
                out.append(SignatureSpan(person.start, person.end, person, None))
            elif sig is not None and sig.person.credentials:
                out.append(sig)
            break
    return out


def _credentialed(text: str, sig: SignatureSpan) -> SignatureSpan:
    """A signer written without a credential ("Signature: /s/ Derek Trujillo") takes the
    credentials written after the same full name elsewhere on the page ("Completed by: Derek
    Trujillo, PMHNP-BC"); a name of one word is not enough to tell who it is."""
    p = sig.person
    if p.credentials or p.name is None or len(p.name.split()) < 2 or p.name.startswith("Dr"):
        return sig
    for m in re.finditer(re.escape(p.name) + r"\b", text):
        _, le = line_bounds(text, m.end())
        creds, _ = _credentials_after(text, m.end(), le)
        if creds:
            person = PersonSpan(p.start, p.end, p.name, tuple(creds))
            return SignatureSpan(sig.start, sig.end, person, sig.date, sig.date_at)
    return sig


# A labeled signer dated right after the name ("Counselor: Franco Yarborough, L.P.C.
# 10/30/2025"): a signature when it is a line of a signature block.
_DATED_SIGNER = re.compile(
    r"(?i)[ \t]*(?:(?:[-–—,|]|\.{2,}|…+)[ \t]*)?"
    # "... on 11/03/2025", "...   electronically attested 11/20/2025"
    r"(?:(?:(?:electronically|digitally|e-?|co-?)[ \t]*)?(?:signed|attested|authenticated)"
    r"[ \t]*:?[ \t]*)?(?:on[ \t]+)?(?=\d)"
)
_NEIGHBOR_LINES = 3


# The label of a line saying who did or reviewed the document ("Assessed by:", "Reviewed by:",
# "Completed by:"): with a date right after the name, the line is a sign-off.
_BY_VERBS = (
    r"(?:assessed|completed|reviewed|approved|verified|prepared|co-?signed|performed|authored|"
    r"written|evaluated|conducted|signed[ \t]+off)"
)
# ... one verb or two ("Reviewed/approved by:", "Reviewed and co-signed by:")
_BY_LABEL = re.compile(
    rf"(?im)^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?{_BY_VERBS}(?:[ \t]*(?:/|&|and)[ \t]*{_BY_VERBS})?"
    r"[ \t]+by(?:\*\*)?[ \t]*:"
)


def _dated_signer(text: str, ls: int, le: int) -> SignatureSpan | None:
    """A line naming a signer under a label, dated right after the name ("Counselor: Franco
    Yarborough, L.P.C.  10/30/2025"), not marked unsigned."""
    label = _LEADING_LABEL.match(text, ls, le)
    if label is None or _UNSIGNED.search(text, ls, le):
        return None
    person = parse_person(text, label.end(), le)
    if person is None or person.name is None:
        return None
    if _DATED_SIGNER.match(text, person.end, le) is None:
        return None
    d = first_date(text, person.end, le)
    if d is None:
        return None
    return SignatureSpan(person.start, d.end, person, d.date)


def _block_neighbors(text: str, found: Sequence[SignatureSpan]) -> list[SignatureSpan]:
    """The lines of a signature block that name a signer under a label, dated right after
    the name: next to a signature or a blank required line (no blank line between), or
    labeled as a sign-off themselves ("Assessed by: Yolanda Petrakis, L.C.S.W.  10/20/2025"
    / "Supervisor review: Hector Cordova, Ph.D.  10/20/2025")."""
    out: list[SignatureSpan] = []
    anchors = [s.start for s in found] + [b.start for b in find_blank_signatures(text)]
    for m in _BY_LABEL.finditer(text):
        ls, le = line_bounds(text, m.start())
        if any(ls <= s.start < le or s.start <= ls < s.end for s in found):
            continue
        sig = _dated_signer(text, ls, le)
        if sig is not None:
            out.append(sig)
            anchors.append(sig.start)
    seen = {line_bounds(text, s.start)[0] for s in out}
    k = 0
    while k < len(anchors):
        ls0, le0 = line_bounds(text, anchors[k])
        k += 1
        for step in (-1, 1):
            ls, le = ls0, le0
            for _ in range(_NEIGHBOR_LINES):
                if step < 0:
                    if ls == 0:
                        break
                    ls, le = line_bounds(text, ls - 1)
                else:
                    if le >= len(text):
                        break
                    ls, le = line_bounds(text, le + 1)
                if not text[ls:le].strip():
                    break
                if ls in seen or any(ls <= s.start < le or s.start <= ls < s.end for s in found):
                    continue
                sig = _dated_signer(text, ls, le)
                if sig is None:
                    continue
                seen.add(ls)
                out.append(sig)
                anchors.append(sig.start)
    return out


# a line to sign on: a rule of underscores alone, or with its date blank beside it
_SIGNING_RULE = re.compile(
    r"(?m)^[ \t]*_{8,}[ \t]*(?:(?:date|dated)[ \t:]*(?:_{3,}|[\d/.-]+)?)?[ \t]*$", re.I
)


def _under_rules(text: str, found: Sequence[SignatureSpan]) -> list[SignatureSpan]:
    """The signature block of a letter or form: a rule to sign on with the signer's typed
    name and credential on the line below ("________________" / "Nathan Pemberton, M.D.")."""
    out: list[SignatureSpan] = []
    for m in _SIGNING_RULE.finditer(text):
        below = m.end() + 1
        if below >= len(text):
            continue
        ls, le = line_bounds(text, below)
        if any(s.start <= ls < s.end or ls <= s.start < le for s in found):
            continue
        stop = le
        d_line = first_date(text, ls, le)
        if d_line is not None:
            stop = len(text[: d_line.start].rstrip(" \t,-–—|"))
        person = _person_alone(text, ls, stop)
        if person is None:
            continue
        out.append(
            SignatureSpan(
                person.start,
                d_line.end if d_line else person.end,
                person,
                d_line.date if d_line else None,
            )
        )
    return out


# A table of signatures (read from the layout layer, whatever its borders: pipes, boxes or
# aligned columns): a column naming the signer and one for the signature or its status
# ("| Role | Printed Name | Credentials | Signature | Date |").
_SIG_COLUMN = re.compile(
    r"(?i)^[ \t*_]*(?:e-?)?(?:signatures?|signed|sign-?off|signature[ \t]+status|attestation)\b"
    r"(?![ \t]+(?:date|on)\b)"
)
_NAME_COLUMN = re.compile(
    r"(?i)\bname\b|\bsigner\b|signed[ \t]+by|\bstaff\b|\bclinician\b|\bprovider\b"
)
_CRED_COLUMN = re.compile(r"(?i)\bcred(?:ential)?s?\b|\blicen[sc]e\b|\bdegree\b")
_DATE_COLUMN = re.compile(r"(?i)\bdate\b")
_ROLE_COLUMN = re.compile(r"(?i)\brole\b|\bcapacity\b|\bsigner[ \t]+type\b")
# a signature cell saying nobody signed ("Pending", "Declined to sign", "Not obtained")
_NOT_SIGNED_CELL = re.compile(rf"{_UNSIGNED.pattern}|\bdeclined\b|\bn/?a\b", re.I)
# the role of a row whose signature the document requires (a blank one is an unsigned
# required line); an interpreter or witness "if used" is not required
_REQUIRED_ROLE = re.compile(
    r"(?i)\b(?:physician|psychiatrist|prescriber|practitioner|medical[ \t]+director|md/do|"
    r"therapist|clinician|counselor|provider|supervisor|co-?sign(?:er|ature|ing)?)\b"
)
_OPTIONAL_ROLE = re.compile(
    r"(?i)\bif[ \t]+(?:used|applicable|needed|any)\b|\boptional\b|\binterpreter\b|\bwitness\b"
)


@dataclass(frozen=True, slots=True)
class _TableSigners:
    signed: tuple[SignatureSpan, ...]
    blank: tuple[BlankSignature, ...]
    # the rows this reader decided (a signer, a blank or an unsigned row; page offsets): the
    # line readers' readings of the others stand
    rows: tuple[tuple[int, int], ...]


def _page_tables(text: str) -> Iterator[tuple[Table, str, int]]:
    """The tables of a page (from its document's layout when it was laid out, else parsed
    here), with the text their spans are in and what to subtract for the page's offsets."""
    hit = page_lines(text)
    if hit is None:
        for t in find_tables(text, split_lines(text), known_labels(), frozenset()):
            yield t, text, 0
        return
    for t in hit.layout.tables:
        if hit.first <= t.first_line <= hit.last:
            yield t, hit.layout.text, hit.base


def _cell(row: Row, j: int | None, base: int, n: int) -> tuple[int, int] | None:
    """Column ``j`` of ``row`` in the page's offsets (``None`` when empty or off the page)."""
    spans = row.cells[j] if j is not None and j < len(row.cells) else ()
    if not spans:
        return None
    a, b = spans[0].start - base, spans[-1].end - base
    return (a, b) if 0 <= a <= b <= n else None


def _column(
    heads: Sequence[str], pattern: re.Pattern[str], taken: Sequence[int | None]
) -> int | None:
    return next((j for j, h in enumerate(heads) if j not in taken and pattern.search(h)), None)


def _cell_credentials(text: str, start: int, end: int) -> tuple[str, ...]:
    """A credentials cell's credentials ("L.C.S.W.", "MD, FAPA"), when it holds nothing else."""
    creds: list[str] = []
    pos = start
    for c in credential_pattern().finditer(text, start, end):
        canonical = canonical_credential(c.group(0))
        if canonical is None or text[pos : c.start()].strip(" \t,/;()"):
            return ()
        creds.append(canonical)
        pos = c.end()
    return tuple(creds) if not text[pos:end].strip(" \t,/;()") else ()


_SLASH_S = re.compile(r"[ \t]*/s/[ \t]*")


def _named_cell(text: str, cells: Sequence[tuple[int, int] | None]) -> tuple[int, int] | None:
    """The first cell holding a person's name and nothing but role words."""
    for c in cells:
        if c is None:
            continue
        a, b = c
        slash = _SLASH_S.match(text, a, b)
        a = slash.end() if slash else a
        p = parse_person(text, a, b)
        rest = _ROLE_WORDS.match(text, p.end, b) if p is not None else None
        if p is None or p.name is None or rest is None or rest.end() != b:
            continue
        if p.credentials or len(p.name.split()) >= 2:  # "Therapist" alone names nobody
            return (a, b)
    return None


@text_cache(maxsize=64)
def _table_signers(text: str) -> _TableSigners:
    """The rows of the page's tables of signatures: each signer with the credentials of its
    own cell or column and the date of the date column; a row whose signature cell is empty
    or says it is not signed signs nothing, and is a blank required line when its role is
    a clinician's the document requires (RULES.md "Credentials")."""
    signed: list[SignatureSpan] = []
    blank: list[BlankSignature] = []
    rows: list[tuple[int, int]] = []
    n = len(text)
    for table, src, base in _page_tables(text):
        if table.header is None:
            continue
        heads = [table.header_text(src, j) for j in range(table.width)]
        name = _column(heads, _NAME_COLUMN, ())
        sig = _column(heads, _SIG_COLUMN, (name,))
        if sig is None:
            continue
        cred = _column(heads, _CRED_COLUMN, (name, sig))
        date = _column(heads, _DATE_COLUMN, (name, sig, cred))
        role = _column(heads, _ROLE_COLUMN, (name, sig, cred, date))
        for row in table.rows:
            cells = [_cell(row, j, base, n) for j in range(len(row.cells))]
            present = [c for c in cells if c is not None]
            if not present:
                continue
            row_span = (min(c[0] for c in present), max(c[1] for c in present))
            who, mark, when, creds_at, role_at = (
                _cell(row, j, base, n) for j in (name, sig, date, cred, role)
            )
            unsigned = mark is None or _NOT_SIGNED_CELL.search(text, *mark) is not None
            if name is None and not unsigned:
                # no column of names: the cell naming someone, and nothing else but role
                # words ("| Therapist | /s/ Ann Lee, LCSW | 03/05/2025 |")
                who = _named_cell(text, [c for j, c in enumerate(cells) if j != date])
            if unsigned:
                rows.append(row_span)  # decided: nobody signed on this row
            if who is None or unsigned:
                role_text = text[role_at[0] : role_at[1]] if role_at is not None else ""
                if (
                    who is None
                    and unsigned  # a filled signature cell is signed, by whoever it names
                    and role_at is not None
                    and _REQUIRED_ROLE.search(role_text)
                    and not _OPTIONAL_ROLE.search(role_text)
                    and not _NON_CLINICIAN.search(role_text)
                ):
                    blank.append(BlankSignature(role_at[0], row_span[1], role_text))
                continue  # no name read: the line readers' reading of the row stands
            person = parse_person(text, *who)
            if person is None or person.name is None:
                continue
            rows.append(row_span)
            end = person.end
            if not person.credentials and creds_at is not None:
                creds = _cell_credentials(text, *creds_at)
                if creds:
                    person = PersonSpan(person.start, creds_at[1], person.name, creds)
                    end = creds_at[1]
            d = first_date(text, *when) if when is not None else None
            d = d or (first_date(text, *mark) if mark is not None else None)
            # the date is its own cell: its evidence is its own, not the cells between
            signed.append(
                SignatureSpan(
                    person.start,
                    end,
                    person,
                    d.date if d else None,
                    date_at=(d.start, d.end) if d else None,
                )
            )
    return _TableSigners(tuple(signed), tuple(blank), tuple(rows))


# The date line of a signature block ("Signature: [illegible]" / "Printed name: ..." /
# "Date: 07/07/2025").
_DATE_LINE = re.compile(
    r"(?i)[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?(?:date(?:[ \t]+signed)?|signed(?:[ \t]+on)?|"
    r"signature[ \t]+date|date[ \t]+of[ \t]+signature)(?:\*\*)?(?:[ \t]*:|[ \t]{2,})(?:\*\*)?[ \t]*"
)
_BLOCK_LINES = 3


def _dated_below(text: str, sig: SignatureSpan) -> SignatureSpan:
    """A signature with no date on its line, dated by a "Date:" line of its block (the
    next lines, before a blank line)."""
    if sig.date is not None:
        return sig
    _, pos = line_bounds(text, sig.end)
    for _ in range(_BLOCK_LINES):
        if pos >= len(text):
            break
        ls, le = line_bounds(text, pos + 1)
        if not text[ls:le].strip():
            break
        m = _DATE_LINE.match(text, ls, le)
        if m is not None:
            d = first_date(text, m.end(), le)
            if d is not None and d.start == m.end():
                return SignatureSpan(sig.start, d.end, sig.person, d.date)
            break
        pos = le
    return sig
