"""Who ran a service (facilitators, co-facilitators, with credentials) and how many
members took part (group size).

Staff: a row's staff cells; a record's facilitator fields (not the note's author); "led
by" / "facilitated by" in its sentences; a credentialed name after a dash on its header
line ("DBT group, 75 min - Omar Haddad, LMHC"); then the note's facilitator fields.

Group size: participants are the members present, including this member, not the staff:
"7", "8 including 2 facilitators" (6), "with 6 peers" (7), "7 members present", "(n=7)",
"group of 7".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.readers.scope import PARENT, Scope, Slot
from extract.values import times
from extract.values.people import PersonSpan, parse_person
from extract.vocab.letters import name_pattern
from extract.vocab.lexicon import canonical_credential

_INT = r"(?:\d{1,2}|" + "|".join(times.WORD_NUMBERS) + r")"
_COUNT = re.compile(rf"[ \t]*(?P<n>{_INT})(?!\w|\.\d)", re.IGNORECASE)
_STAFF_INCLUDED = re.compile(
    rf"\b(?:including|incl\.?|inc\.?)[ \t]+(?P<n>{_INT})[ \t]+(?:co-?)?"
    r"(?:facilitators?|staff|leaders?|therapists?|clinicians?|counselors?)\b",
    re.IGNORECASE,
)
_NARRATIVE_COUNTS = (
    re.compile(rf"[(;,][ \t]*(?P<n>{_INT})[ \t]+(?:were[ \t]+)?present\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<n>{_INT})[ \t]+(?:group[ \t]+)?(?:members|participants|clients|patients|"
        r"individuals|attendees)[ \t]+(?:were[ \t]+)?(?:present|attended|in[ \t]+attendance|"
        r"in[ \t]+(?:the[ \t]+)?group)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:participants|members|group|attendance|present|census)\b[^.\n]{0,20}?"
        r"\([ \t]*n[ \t]*=[ \t]*(?P<n>\d{1,2})[ \t]*\)",
        re.IGNORECASE,
    ),
    re.compile(rf"\bgroup[ \t]+of[ \t]+(?P<n>{_INT})\b", re.IGNORECASE),
)
_PEERS = re.compile(
    rf"\bwith[ \t]+(?P<n>{_INT})[ \t]+(?:other[ \t]+(?:group[ \t]+)?(?:members|clients|"
    r"participants|patients)|peers)\b",
    re.IGNORECASE,
)
_CRED_SEP = re.compile(r"[,/;]|[ \t]+")
_PERSON_SEP = re.compile(r"[ \t]*(?:[;&/+,]|\band\b)[ \t]*")
_DASH = re.compile(r"[ \t](?:—|–|--?)[ \t]")
# a surname (maybe after an initial or a first name) followed by a credential
_CREDENTIALED = re.compile(
    name_pattern(
        r"(?<![\p{L}])(?:[\p{Lu}]\.[ \t]?|[\p{Lu}][\p{Ll}'’\-]+[ \t]+)?[\p{Lu}][\p{L}'’\-]+,?[ \t]+"
    )
    + r"(?=(?:MD|DO|NP|APRN|PMHNP|PA-C|PA|LCSW|LICSW|LMSW|LCPC|LPC|LPCC|LMHC|LMFT|PsyD|PhD|CADC|"
    r"LADC|LAC|ADC|CPRS|CPSS|PRS|RN|LPN|OTR|BA|BS|BSW|MSW|MHT|BHT|CNS|MA|MS)\b)"
)


@dataclass(frozen=True)
class Staffed:
    person: PersonSpan
    how: str
    also: tuple[tuple[int, int], ...] = ()  # other words it rests on (a credential cell)


def _count(word: str) -> int:
    w = word.casefold()
    return times.WORD_NUMBERS[w] if w in times.WORD_NUMBERS else int(w)


def persons(text: str, start: int, end: int) -> list[PersonSpan]:
    """The people named in ``text[start:end]`` ("A. Poe, CADC; B. Lee, LCSW")."""
    out: list[PersonSpan] = []
    pos = start
    while pos < end:
        p = parse_person(text, pos, end)
        if p is None or p.end <= pos:
            break
        if not p.credentials and p.name is not None and " " not in p.name:
            # "Roe, Jane LCSW": last name, first name and credentials
            comma = re.compile(r",[ \t]*").match(text, p.end, end)
            nxt = parse_person(text, comma.end(), end) if comma else None
            if nxt is not None and nxt.name is not None and nxt.credentials:
                p = PersonSpan(
                    p.start, nxt.end, text[p.start : nxt.start] + nxt.name, nxt.credentials
                )
        out.append(p)
        sep = _PERSON_SEP.match(text, p.end, end)
        if sep is None:
            break
        pos = sep.end()
    return out


def read_staff(sc: Scope) -> list[Staffed]:
    text, v = sc.text, sc.v
    out: list[Staffed] = []
    seen: set[tuple[str | None, tuple[str, ...]]] = set()

    def add(s: int, e: int, how: str, *, credentialed: bool = False) -> None:
        for p in persons(text, s, e):
            if credentialed and not p.credentials:
                break
            key = (p.name, p.credentials)
            if key in seen:
                continue
            seen.add(key)
            out.append(Staffed(p, how))

    creds = sc.rec.cells("credentials")
    for s, e, _ in sc.rec.cells("staff"):
        if creds and len(sc.rec.cells("staff")) == 1:
            # "Haldane-Cruz, Rhiannon | LCPC": one person (no list), then the credential
            # column
            cs, ce, _ = creds[0]
            words = (canonical_credential(x) for x in _CRED_SEP.split(text[cs:ce].strip()))
            listed = tuple(c for c in words if c)
            name = text[s:e].strip()
            one = not re.search(r"[;/&]|\band\b", name) and name.count(",") <= 1
            if listed and one and name and canonical_credential(name) is None:
                key: tuple[str | None, tuple[str, ...]] = (name, listed)
                if key not in seen:
                    seen.add(key)
                    at = s + text[s:e].index(name)
                    person = PersonSpan(at, at + len(name), name, listed)
                    out.append(Staffed(person, "staff.cell+credential-cell", ((cs, ce),)))
                continue
        add(s, e, "staff.cell")
    # the lines that close a note under its time record's last line (the rendering
    # provider's signature) sign the whole form, not that one line's service
    closing = set(sc.rec.closing)
    for f in sc.fields("staff"):
        if f.key not in v.excluded_staff_labels and sc.layout.line_at(f.start) not in closing:
            add(f.start, f.end, "staff.field")
    sentences = [(s, e) for s, e in sc.sentences if sc.layout.line_at(s) not in closing]
    for s, e in sentences:
        for _, te, _ in v.staff_triggers.matches(text, s, e):
            line = sc.layout.lines[sc.layout.line_at(te)]
            add(te, min(e, line.cend), "staff.led-by")
    if not out and sc.head:
        s, e = sc.line_span(sc.head[0])
        dash = _DASH.search(text, s, e)
        if dash is not None:
            add(dash.end(), e, "staff.after-dash", credentialed=True)
    if not out and sc.rec.form.value in ("part", "entry"):
        # a name with a credential in the part's or entry's own words ("(Kowalczyk, LCSW;
        # 8 present)", "... P In person T. Iverson, PsyD / B. Castillo, CPRS")
        for s, e in sentences or [sc.line_span(i) for i in sc.own if i not in closing]:
            for m in _CREDENTIALED.finditer(text, s, e):
                add(m.start(), e, "staff.credentialed-name", credentialed=True)
    if not out and sc.rec.parent is not None:
        for f in sc.fields("staff", PARENT):
            if f.key not in v.excluded_staff_labels:
                add(f.start, f.end, "staff.note-field")
    return out


def group_size_value(text: str, s: int, e: int) -> tuple[int, int, int] | None:
    """Participants a value states ("7", "8 including 2 facilitators")."""
    m = _COUNT.match(text, s, e)
    if m is None:
        return None
    n = _count(m.group("n"))
    staff = _STAFF_INCLUDED.search(text, m.end(), e)
    if staff is not None:
        n -= _count(staff.group("n"))
        return (n, m.start("n"), staff.end()) if n > 0 else None
    return (n, m.start("n"), m.end("n")) if n > 0 else None


def read_group_size(sc: Scope) -> Slot[int] | None:
    text = sc.text
    for s, e, _ in sc.rec.cells("group_size"):
        found = group_size_value(text, s, e)
        if found is not None:
            return Slot(found[0], ((found[1], found[2]),), "staff.group-size-cell")
    for f in sc.fields("group_size"):
        found = group_size_value(text, f.start, f.end)
        if found is not None:
            return Slot(found[0], ((found[1], found[2]),), "staff.group-size-field")
    spans = [sc.line_span(i) for i in sc.head] + sc.sentences
    spans += [(s, e) for role in ("service", "comments") for s, e, _ in sc.rec.cells(role)]
    for s, e in spans:
        for pattern in _NARRATIVE_COUNTS:
            m = pattern.search(text, s, e)
            if m is not None:
                return Slot(_count(m.group("n")), (m.span(),), "staff.group-size-words")
        m = _PEERS.search(text, s, e)
        if m is not None:
            return Slot(_count(m.group("n")) + 1, (m.span(),), "staff.peers")
    if sc.rec.parent is not None:
        for f in sc.fields("group_size", PARENT):
            found = group_size_value(text, f.start, f.end)
            if found is not None:
                return Slot(found[0], ((found[1], found[2]),), "staff.note-group-size-field")
    return None


__all__ = ["Staffed", "group_size_value", "persons", "read_group_size", "read_staff"]
