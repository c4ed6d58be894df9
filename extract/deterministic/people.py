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
from dataclasses import dataclass
from functools import lru_cache

from extract.deterministic.dates import first_date
from extract.deterministic.fields import line_bounds
from extract.deterministic.lexicon import canonical_credential, credential_pattern

# Words of a name are one space apart: two or more blanks, a tab or a line break end the name
# ("Signature: Jane Roe          Date: ..." is the name "Jane Roe" and the next field).
_NAME = r"(?:Dr\.?\s+)?[A-Z][A-Za-z'\-]*\.?(?: [A-Z][A-Za-z'\-]*\.?){0,3}"
_NAME_RE = re.compile(_NAME)
_SIGNATURE = re.compile(
    r"(?im)(?:electronically\s+signed\s+by|e-?signed\s+by|digitally\s+signed\s+by|"
    r"signed\s+(?:electronically|digitally)\s+by|authenticated\s+by\s*:?|"
    r"signed\s+by|attested\s+by|/s/|e-?signature\s*:|signature\s*:|signed\s*:|"
    r"attending\s+physician\s+signature\s*:|physician\s+signature\s*:|"
    r"certifying\s+(?:physician|practitioner|provider|clinician|prescriber)\s*:|"
    r"signature\s+of\s+physician\s*:)"
)
# A sign-off line that names the signer first: "Maria Chen, MD - electronically signed
# 03/04/2025 15:10", "Ann Lee, LCSW (e-signed 3/4/25)". The signer is the whole text
# before the separator and must be a name with a credential ("Reviewed, electronically
# signed" names nobody).
_TRAILING_SIGNATURE = re.compile(
    r"(?im)^[ \t]*(?P<who>[^\n]*?\S)[ \t]*(?:[-–—,(]|\|)[ \t]*"
    r"(?:electronically|digitally|e-?)[ \t]*signed\b"
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
    start: int
    end: int
    person: PersonSpan
    date: dt.date | None


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


@lru_cache(maxsize=64)
def find_signatures(text: str) -> tuple[SignatureSpan, ...]:
    """Signature lines with the signer and, when on the same line, the signing date."""
    out: list[SignatureSpan] = []
    for m in _SIGNATURE.finditer(text):
        _, line_end = line_bounds(text, m.start())
        person = parse_person(text, m.end(), line_end)
        if person is None or (person.name is None and not person.credentials):
            continue
        d = first_date(text, person.end, line_end)
        end = d.end if d else person.end
        out.append(SignatureSpan(m.start(), end, person, d.date if d else None))
    for m in _TRAILING_SIGNATURE.finditer(text):
        if any(s.start <= m.start("who") < s.end for s in out):
            continue
        who_start, who_end = m.span("who")
        person = parse_person(text, who_start, who_end)
        if person is None or person.name is None or not person.credentials or person.end != who_end:
            continue  # not a credentialed name alone before the separator
        _, line_end = line_bounds(text, m.start("who"))
        d = first_date(text, m.end(), line_end)
        out.append(SignatureSpan(who_start, d.end if d else m.end(), person, d.date if d else None))
    out.sort(key=lambda s: s.start)
    return tuple(out)
