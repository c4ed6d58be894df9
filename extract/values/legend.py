"""Code legends a document prints for its own columns: "STS: K=KEPT  NS=NO SHOW
CX=CANCELLED BY PT", "MODE: OFC=IN PERSON  TV=TELEHEALTH VIDEO", "Codes: P - present,
A - absent". A code means what its phrase means in the vocabulary (an attendance or a
modality); a legend is a line with two or more ``CODE=phrase`` pairs. Abbreviations a
document defines for its services ("Relapse Prevention (RP) and Recovery Skills (RS)")
name those services' kinds. The codes apply to that document only, before the
vocabulary's own codes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import TypeVar

from core.facts import Attendance, Modality, ServiceKind
from core.textcache import on_clear
from extract.layout import Layout, chart_layouts, chart_memo
from extract.layout.memo import PerLayout
from extract.values.boxes import box_options
from extract.values.dates import find_dates
from extract.values.vocab import vocab
from extract.vocab.letters import name_pattern
from extract.vocab.phrases import norm

_PAIR = re.compile(
    r"(?<![A-Za-z0-9])(?P<code>[A-Z][A-Za-z]{0,3}|[A-Z]{1,6}|[a-z])[ \t]*(?:=|:|–|-)[ \t]*"
    r"(?P<phrase>[A-Za-z][A-Za-z /'\-]*?[A-Za-z])(?=[ \t]*(?:[,;|()]|$|[ \t]{2,}"
    r"|[ \t]+(?:[A-Z][A-Za-z]{0,3}|[A-Z]{1,6}|[a-z])[ \t]*(?:=|:|–|-)[ \t]*[A-Za-z]))"
)


# a numeric code, defined with "=" only: "AttendanceStatus: 1 = Kept;  4 = No show" (an
# export's code table); "1 - ..." is a numbered list, not a code
_NUMBER_PAIR = re.compile(
    r"(?<![\w.])(?P<code>\d{1,2})[ \t]*=[ \t]*(?P<phrase>[A-Za-z][A-Za-z /'\-]*?[A-Za-z])"
    r"(?=[ \t]*(?:[,;|()]|$|[ \t]{2,}))"
)


# a code in lower case, defined with "=" only: "abs = absent, n/s = no-show, 'v' = by
# video" (a label in prose, "pt: absent", is not a code)
_LOWER_PAIR = re.compile(
    r"(?<![\w/'\"])['\"]?(?P<code>[a-z]{1,4}|[a-z]{1,3}/[a-z]{1,3})['\"]?[ \t]*=[ \t]*"
    r"(?P<phrase>[A-Za-z][A-Za-z /'\-]*?[A-Za-z])(?=[ \t]*(?:[,;|()]|$|[ \t]{2,}))"
)


@dataclass(frozen=True)
class Legend:
    attendance: dict[str, tuple[Attendance, int, int]]  # code -> value and the pair's span
    modality: dict[str, tuple[Modality, int, int]]
    services: dict[str, tuple[ServiceKind, int, int]]  # "RP" -> kind, where "(RP)" is defined
    # where every status or modality "CODE=definition" pair begins, also a key printed
    # again on a later page or sheet (the dicts above keep each code's first definition)
    pairs: tuple[int, ...] = ()


_EMPTY = Legend({}, {}, {})
# "Relapse Prevention (RP)", "Recovery Skills Group ("RS")"
_ABBREVIATION = re.compile(r"\(\s*[\"']?(?P<abbr>[A-Z][A-Z0-9&]{1,5})[\"']?\s*\)")
_LOCK = Lock()


def legend(layout: Layout) -> Legend:
    """The code legend of ``layout`` (empty when it prints none), read once per layout."""
    return _legends(layout)


def key_pairs(layout: Layout) -> list[int]:
    """Where each "code=definition" pair of the legend's status and modality keys begins
    ("P=present  NS=no show"): words that define codes, not words about a session."""
    return list(legend(layout).pairs)


def _read(layout: Layout) -> Legend:
    v = vocab()
    text = layout.text
    attendance: dict[str, tuple[Attendance, int, int]] = {}
    modality: dict[str, tuple[Modality, int, int]] = {}
    defined: list[int] = []
    for line in layout.lines:
        if (
            not line.is_text
            or line.cend - line.cstart > 400
            or (
                "=" not in text[line.cstart : line.cend]
                and " - " not in text[line.cstart : line.cend]
            )
        ):
            continue
        pairs = list(_PAIR.finditer(text, line.cstart, line.cend))
        if "=" in text[line.cstart : line.cend]:
            numbered = list(_NUMBER_PAIR.finditer(text, line.cstart, line.cend))
            if len(numbered) >= 2:
                pairs = sorted([*pairs, *numbered], key=lambda m: m.start())
            lower = [
                m
                for m in _LOWER_PAIR.finditer(text, line.cstart, line.cend)
                if not any(p.start() <= m.start("code") < p.end() for p in pairs)
            ]
            pairs = sorted([*pairs, *lower], key=lambda m: m.start())
        if len(pairs) < 2:
            continue
        for k, m in enumerate(pairs):
            code = m.group("code")
            s, e = m.span("phrase")
            # the whole definition, up to the next code: "L = present, arrived late"
            end = pairs[k + 1].start() if k + 1 < len(pairs) else line.cend
            while end > m.end() and text[end - 1] in " \t,;|":
                end -= 1
            a = v.attendance_values.earliest(text, s, e)
            if a is None:
                a = v.attendance_narrative.earliest(text, s, e)
            mo = v.modality_values.earliest(text, s, end)
            if a is not None:
                attendance.setdefault(code.upper(), (a[2], m.start(), end))
            if mo is not None:  # "v = attended by video": a modality too
                modality.setdefault(code.upper(), (mo[2], m.start(), end))
            if (a is not None or mo is not None) and "=" in text[
                m.start() : min(end, m.start() + 12)
            ]:
                defined.append(m.start())
    services: dict[str, tuple[ServiceKind, int, int]] = {}
    for line in layout.lines:
        if not line.is_text or "(" not in text[line.cstart : line.cend]:
            continue
        for m in _ABBREVIATION.finditer(text, line.cstart, line.cend):
            # the service named right before "(RP)", after the previous comma or "and"
            lo = max(line.cstart, m.start() - 48)
            found = None
            for s, e, kind in v.kinds.matches(text, lo, m.start()):
                if not text[e : m.start()].strip(" \t-"):
                    found = (kind, s, m.end())
            if found is None:
                named = list(v.kinds.matches(text, lo, m.start()))
                if named and _words_between(text, named[-1][1], m.start()) <= 3:
                    found = (named[-1][2], named[-1][0], m.end())
            if found is not None:
                services.setdefault(m.group("abbr"), found)
    _key_lines(layout, services)
    _code_menu(layout, services)
    _item_lists(layout, services, attendance, modality, defined)
    if not attendance and not modality and not services:
        return _EMPTY
    return Legend(attendance, modality, services, tuple(sorted(set(defined))))


_legends = PerLayout(_read)


# a billing code: CPT "90853", a CPT category II or III "3085F", HCPCS "H2027"
BILLING_CODE = r"\d{5}|\d{4}[A-Z]|[A-Z]\d{4}"
_LEAD_TOKEN = re.compile(
    rf"[ \t]*(?:[-*•>]+[ \t]*)?(?P<code>[A-Z][A-Z0-9&]{{0,7}}|{BILLING_CODE})(?![\w&/-])"
)


def leading_code(layout: Layout, start: int, end: int) -> tuple[int, int, ServiceKind] | None:
    """The service code of the document's legend that begins ``text[start:end]`` ("RG" of
    "RG  930-11a  ✓ n8 MO"): where the code is written, and its kind."""
    m = _LEAD_TOKEN.match(layout.text, start, end)
    if m is None:
        return None
    found = legend(layout).services.get(m.group("code"))
    return None if found is None else (m.start("code"), m.end("code"), found[0])


# a key that defines one code per line: "  MEDED  = Medication Education Group (Group
# Psychoeducation)", "RP: Relapse Prevention"
_KEY_LINE = re.compile(
    r"[ \t]*(?P<code>[A-Z][A-Z0-9&]{1,7})(?:[ \t]*(?:=|:|–)[ \t]*|[ \t]{2,})(?P<rest>\S.*)$"
)


def _key_lines(layout: Layout, services: dict[str, tuple[ServiceKind, int, int]]) -> None:
    """Service codes a key defines one per line, in a run of two or more such lines: the
    kind the definition's words name (the whole line, its parentheses too)."""
    v = vocab()
    text = layout.text
    run: list[tuple[str, int, int]] = []

    def close() -> None:
        if len(run) >= 2:
            for code, s, e in run:
                named = v.kinds.earliest(text, s, e) or v.codes.earliest(text, s, e)
                if named is not None:
                    services.setdefault(code, (named[2], s, e))
        run.clear()

    for line in layout.lines:
        m = _KEY_LINE.match(text, line.start, line.end) if line.is_text else None
        if (
            m is None or line.cend - line.cstart > 200 or text[m.start("rest")].isdigit()
        ):  # a log's line ("RG  930-11a  ✓ ..."), not a key's ("G1  Group ... 5:30 PM")
            close()
            continue
        run.append((m.group("code"), line.cstart, line.cend))
    close()


_MENU_OPTION = re.compile(rf"(?P<code>{BILLING_CODE})[ \t]+(?=[A-Za-z])")


def _code_menu(layout: Layout, services: dict[str, tuple[ServiceKind, int, int]]) -> None:
    """Billing codes a form's pre-printed menu defines, ticked or not ("[X] 90853  Group
    psychotherapy  [ ] 99213  E/M est. patient (med mgmt)"): each option's code means the
    service its words name, in this document (an option whose words name none defines
    nothing). Only a line of two or more such options is a menu."""
    v = vocab()
    text = layout.text
    for line in layout.lines:
        if not line.is_text or line.cend - line.cstart > 400:
            continue
        options = box_options(text, line.cstart, line.cend) or []
        coded = [(m, e) for s, e, _ in options if (m := _MENU_OPTION.match(text, s, e))]
        if len(coded) < 2:
            continue
        for m, e in coded:
            named = v.kinds.earliest(text, m.end(), e)
            if named is not None:
                services.setdefault(m.group("code"), (named[2], m.start(), e))


# a list of definitions on one line, items set apart by " . ", " · ", ";" or " | ":
# "Codes: RG recovery group (group therapy) . EG nursing education group",
# "Marks: ✓ attended . NS no-show . X cancelled"
_ITEM_SEP = re.compile(r"[ \t]+[.·•|][ \t]+|[ \t]*;[ \t]*")
_ITEM = re.compile(
    r"[ \t]*(?:[A-Za-z][A-Za-z ]{0,20}:[ \t]+)?"  # the list's label on its first item
    # (a code of two parts joined by a hyphen: "IOP-PSYED", "OP-THER")
    r"(?P<code>[A-Z][A-Z0-9&]{0,5}(?:-[A-Z][A-Z0-9&]{0,5})?|[✓✔✗✘☑☒*†‡])"
    r"(?:[ \t]*(?:=|:|–)[ \t]*(?P<any>\S)|[ \t]+(?P<low>[a-z(]))"
)


_WIDE_GAP = re.compile(r"[ \t]{3,}")
# an item of a key in columns: a code (letters and digits: "H2027", "T1016", "90853") and
# its definition in lower case
_WIDE_ITEM = re.compile(
    r"[ \t]*(?:[A-Za-z][A-Za-z ]{0,20}:[ \t]+)?"
    r"(?P<code>[A-Z0-9][A-Z0-9&]{0,5})(?:[ \t]*(?:=|:|–)[ \t]*(?P<any>\S)|[ \t]+(?P<low>[a-z(]))"
)


def _item_lists(
    layout: Layout,
    services: dict[str, tuple[ServiceKind, int, int]],
    attendance: dict[str, tuple[Attendance, int, int]],
    modality: dict[str, tuple[Modality, int, int]],
    defined: list[int],
) -> None:
    """Codes a line of two or more separated definitions defines: a definition after "="
    or ":", or in lower case after the code ("RG recovery group"); each the kind, the
    attendance or the modality its words name."""
    v = vocab()
    text = layout.text
    for line in layout.lines:
        if not line.is_text or line.cend - line.cstart > 400:
            continue
        cuts = [m.span() for m in _ITEM_SEP.finditer(text, line.cstart, line.cend)]
        item = _ITEM
        if not cuts:
            # a key set out in columns ("Svc: 90853 group psychotherapy    H2027
            # psychoeducation, group"): items apart by wide gaps, most of them definitions
            cuts = [m.span() for m in _WIDE_GAP.finditer(text, line.cstart, line.cend)]
            item = _WIDE_ITEM
        if not cuts:
            continue
        bounds = [line.cstart, *(x for c in cuts for x in c), line.cend]
        items = []
        for k in range(0, len(bounds), 2):
            s, e = bounds[k], bounds[k + 1]
            m = item.match(text, s, e)
            if m is not None:
                items.append(
                    (
                        m.group("code"),
                        m.start("code"),
                        e,
                        m.start("any") if m.group("any") else m.start("low"),
                    )
                )
        if len(items) < 2 or (item is _WIDE_ITEM and 2 * len(items) < len(bounds) // 2):
            continue
        for code, s, e, d in items:
            kind = v.kinds.earliest(text, d, e) or v.codes.earliest(text, d, e)
            if kind is not None:
                named = kind[2]
                if v.group_words.found(text, d, e):  # "nursing education group"
                    named = v.group_variants.get(named, named)
                services.setdefault(code, (named, s, e))
                continue
            a = v.attendance_values.earliest(text, d, e) or v.attendance_narrative.earliest(
                text, d, e
            )
            if a is not None:
                attendance.setdefault(code.upper(), (a[2], s, e))
            mo = v.modality_values.earliest(text, d, e)
            if mo is not None:
                modality.setdefault(code.upper(), (mo[2], s, e))
            if (a is not None or mo is not None) and "=" in text[s : min(e, s + 12)]:
                defined.append(s)


_DESCRIPTION = frozenset(
    {"description", "desc", "meaning", "definition", "long name", "long_name", "label"}
)


def chart_codes() -> dict[str, str]:
    """Codes the chart's code tables define (a table with a code column and a description
    column: "svc_cd,GRP-PSY,Group psychotherapy (CPT 90853)"), each with its description;
    empty outside a chart. A code two tables define differently is left out."""
    memo = chart_memo()
    if memo is None:
        return {}
    found = memo.get("codes")
    if isinstance(found, dict):
        return found
    codes: dict[str, str] = {}
    clashes: set[str] = set()
    for layout in chart_layouts():
        text = layout.text
        for table in layout.tables:
            if table.header is None:
                continue
            heads = [norm(table.header_text(text, j)) for j in range(table.width)]
            desc = next((j for j, h in enumerate(heads) if h in _DESCRIPTION), None)
            code = next((j for j, h in enumerate(heads) if h in ("code", "cd", "value")), None)
            if desc is None or code is None:
                continue
            for row in table.rows:
                if len(row.cells) <= max(desc, code) or not row.cells[code] or not row.cells[desc]:
                    continue
                c, d = row.cells[code][0], row.cells[desc][0]
                key = text[c.start : c.end].strip().strip('"')
                meaning = text[d.start : d.end].strip().strip('"')
                if key in codes and codes[key] != meaning:
                    clashes.add(key)
                codes.setdefault(key, meaning)
    found = {k: v for k, v in codes.items() if k not in clashes}
    memo["codes"] = found
    return found


def _words_between(text: str, start: int, end: int) -> int:
    between = text[start:end]
    if any(ch in between for ch in ",;:"):
        return 99
    return len(between.split())


_NAMES: dict[int, tuple[Layout, frozenset[str]]] = {}
on_clear(_NAMES.clear)


_BARE_NAME_LABELS = frozenset({"name", "full name", "legal name"})
_MEMBER_TITLE_WORDS = frozenset({"client", "patient", "member", "consumer", "resident"})


def member_names(layout: Layout) -> frozenset[str]:
    """The member's name as a member label of the document gives it ("Client: Jane Doe",
    "Patient: J.D."), normalized; "Jane Doe" also as "Doe, Jane" and "Doe, Jane" also as
    "Jane Doe". Used to find the member's own row or column of a roster, and to know a
    document is kept for one member. (A name in a title is not enough: "Group Notes - Anger
    Management" and a facilitator's name look the same.)"""
    key = id(layout)
    with _LOCK:
        hit = _NAMES.get(key)
        if hit is not None and hit[0] is layout:
            return hit[1]
    v = vocab()
    names: set[str] = set()
    # a bare "Name:" is the member's on a document whose title is about the member
    # ("CLIENT FACE SHEET", "Patient Information"), not elsewhere (a staff list)
    title = next((ln for ln in layout.lines if ln.is_text), None)
    titled = title is not None and any(
        w in _MEMBER_TITLE_WORDS
        for w in re.findall(r"[a-z]+", layout.text[title.cstart : title.cend].lower())
    )
    if titled:
        bare = {
            _surname(norm(layout.text[f.start : f.end]))
            for fs in layout.fields_by_line
            for f in fs
            if f.key in _BARE_NAME_LABELS and not f.empty
        }
        titled = len(bare) == 1  # a sign-in sheet's several "Name:" lines name no one member
    labels = v.member_labels | (_BARE_NAME_LABELS if titled else frozenset())
    if len({_surname(n) for _, n in member_labels(layout)}) >= 2:
        # member labels naming several people ("CLIENT: NOVAK, FRIEDA", "CLIENT: ..."): a
        # document of several clients, none of them the member by that alone
        with _LOCK:
            _NAMES[key] = (layout, frozenset())
        return frozenset()
    for fs in layout.fields_by_line:
        for f in fs:
            if f.key in labels and not f.empty:
                name = norm(layout.text[f.start : f.end].strip("*_ "))
                if sum(ch.isalpha() for ch in name) >= 2:
                    names |= _both_orders(name)
    if not names:
        names.update(_names_by_identifier(layout))
    found = frozenset(names)
    with _LOCK:
        if len(_NAMES) > 32:
            _NAMES.clear()
        _NAMES[key] = (layout, found)
    return found


# a person's name ("Doe, Jane", "Jane Doe", "DOE, JANE M.") followed at once by one of the
# member's identifiers ("MRN B82342109", "DOB 01/02/1990", "(Member ID ...)"): an EHR's
# running header or banner naming the member without a label
_NAME_BY_IDENTIFIER = re.compile(
    name_pattern(
        r"(?<![\p{L}.])(?P<name>[\p{Lu}][\p{L}'’\-]+,[ \t]*[\p{Lu}][\p{L}'’\-]+"
        r"(?:[ \t]+[\p{Lu}]\.?)?"
        r"|[\p{Lu}][\p{L}'’\-]+(?:[ \t]+[\p{Lu}]\.)?[ \t]+[\p{Lu}][\p{L}'’\-]+)"
    )
    + r"[ \t]*(?:[|(,;–—-][ \t]*)?"
    r"(?:MRN|DOB|D\.O\.B\.|(?:Member|Client|Patient|Subscriber)[ \t]+(?:ID|No\.?|#)"
    r"|Acct|Account[ \t]+(?:No\.?|#)|Chart[ \t]*(?:No\.?|#)|Medical[ \t]+Record)"
    r"(?![A-Za-z])"
)
_IDENTIFIER_LINE = 300  # longer lines are prose, not a banner


def _names_by_identifier(layout: Layout) -> set[str]:
    """The member's name where a document names one person with a member's identifier
    after it and no member label ("Bluestem IOP | Brennan, Colin   MRN B82342109" on each
    page); none when it names several people so (a census)."""
    v = vocab()
    text = layout.text
    found: set[str] = set()
    for line in layout.lines:
        if not line.is_text or line.cend - line.cstart > _IDENTIFIER_LINE:
            continue
        for m in _NAME_BY_IDENTIFIER.finditer(text, line.cstart, line.cend):
            name = norm(m.group("name"))
            if any(v.member_words.exact(w.strip(",")) is not None for w in name.split()):
                continue  # "Client ID", "Patient MRN": a label, not a name
            found.add(name)
    if len({_surname(n) for n in found}) != 1:
        return set()
    return {order for name in found for order in _both_orders(name)}


# the value of a member's identifier after its name ("MRN H44578325", "Member ID: A-123456"):
# a token that holds a digit, after the identifier's word and an optional "#", "No." or ":"
_ID_VALUE = re.compile(
    r"[ \t]*(?:#|No\.?)?[ \t]*:?[ \t]*(?P<id>[A-Za-z]{0,4}[-#]?\d[A-Za-z0-9-]{3,})\b"
)
# labels of a field holding the member's identifier on a document kept for one member
_ID_LABELS = frozenset(
    {
        "mrn",
        "member id",
        "client id",
        "patient id",
        "medical record number",
        "medical record #",
        "record number",
        "chart number",
        "chart #",
        "member #",
        "client #",
        "patient #",
    }
)


def member_ids(layout: Layout) -> frozenset[str]:
    """The member's identifiers the document states: the value after the identifier that
    follows the member's name in a banner ("Quinn Castillo  (MRN H44578325)"; not a date
    of birth), or an identifier field ("MRN: H44578325") of a document whose member labels
    name one member. Used to tell the member's rows from other clients' in a list of
    several clients' services (:mod:`extract.records.clients`)."""
    text = layout.text
    names = member_names(layout)
    if not names:
        return frozenset()
    found: set[str] = set()
    for line in layout.lines:
        if not line.is_text or line.cend - line.cstart > _IDENTIFIER_LINE:
            continue
        for m in _NAME_BY_IDENTIFIER.finditer(text, line.cstart, line.cend):
            if norm(m.group("name")) not in names or m.group(0).rstrip().upper().endswith(
                ("DOB", "D.O.B.")
            ):
                continue
            value = _ID_VALUE.match(text, m.end(), line.cend)
            if value is not None:
                found.add(value.group("id"))
    for fs in layout.fields_by_line:
        for f in fs:
            if f.key in _ID_LABELS and not f.empty:
                value = _ID_VALUE.fullmatch(text, f.start, f.end)
                if value is not None:
                    found.add(value.group("id"))
    return frozenset(found) if len(found) <= 2 else frozenset()


def chart_member_ids() -> frozenset[str]:
    """The member's identifiers (:func:`member_ids`) any document of the chart being read
    states; empty outside a chart."""
    return _over_chart("member_ids", member_ids)


_T = TypeVar("_T")


def _over_chart(key: str, of: Callable[[Layout], frozenset[_T]]) -> frozenset[_T]:
    """What ``of`` finds in any document of the chart being read (kept in the chart's
    memo under ``key``); empty outside a chart."""
    memo = chart_memo()
    if memo is None:
        return frozenset()
    found = memo.get(key)
    if not isinstance(found, frozenset):
        found = frozenset(x for lay in chart_layouts() for x in of(lay))
        memo[key] = found
    return found


def _both_orders(name: str) -> set[str]:
    """A normalized name as written and in the other order ("doe, jane" is also "jane
    doe", and "jane doe" also "doe, jane")."""
    out = {name}
    if "," in name:
        last, _, first = name.partition(",")
        if first.strip():
            out.add(f"{first.strip()} {last.strip()}")
    else:
        first, _, last = name.rpartition(" ")
        if first:
            out.add(f"{last}, {first}")
    return out


_DOB_TAIL = re.compile(r"\s+(?:DOB|D\.O\.B\.|born|ID|MRN|Acct)\b.*$", re.IGNORECASE)


def member_labels(layout: Layout) -> list[tuple[int, str]]:
    """The lines of ``layout`` with a member label ("Client: Jane Doe", "CLIENT: DOE, JANE
    DOB 01/02/1990") and the name each gives, normalized."""
    v = vocab()
    out: list[tuple[int, str]] = []
    for i, fs in enumerate(layout.fields_by_line):
        for f in fs:
            if f.key in v.member_labels and not f.empty:
                name = norm(_DOB_TAIL.sub("", layout.text[f.start : f.end]).strip("*_ "))
                if sum(ch.isalpha() for ch in name) >= 2:
                    out.append((i, name))
    return out


def _surname(name: str) -> str:
    """A name's last name ("doe, jane" and "jane doe" are both "doe")."""
    if "," in name:
        return name.partition(",")[0].strip()
    return name.rpartition(" ")[2].strip(".")


def chart_member_names() -> frozenset[str]:
    """The member's names as member labels give them anywhere in the chart being read
    (:func:`extract.layout.reading_chart`), normalized; empty outside a chart."""
    return _over_chart("member_names", member_names)


# another name the member is or was known by, written after the member's name or as a
# field of its own: "Jane Doe (née Smith)", "aka Janie Doe", "Formerly: Jane Smith",
# "Preferred name: Janie"; group "last": a word of it is a last name, "first": a first name
_ALIAS_WORDS = (
    r"(?P<last>n[ée]e|maiden[ \t]+name|former[ \t]+(?:last[ \t]+|sur)?name|birth[ \t]+name"
    r"|formerly)"
    r"|(?P<first>preferred[ \t]+(?:first[ \t]+)?name|goes[ \t]+by|nick[ \t-]?name)"
    r"|a\.?k\.?a\.?|also[ \t]+known[ \t]+as|alias|formerly(?:[ \t]+known[ \t]+as)?"
)
_ALIAS = re.compile(
    r"(?i)(?<![\w.])(?:"
    + _ALIAS_WORDS
    + r")(?![\w])[ \t]*[:=\-–]?[ \t]*[\"“']?"
    + name_pattern(
        r"(?P<name>(?-i:[\p{Lu}][\p{L}'’\-]+)(?:,?[ \t]+(?-i:[\p{Lu}][\p{L}'’\-]+)){0,2})"
    )
)
_ALIAS_TAIL = re.compile(r"(?i)[ \t]*[(,;]?[ \t]*(?<![\w.])(?:" + _ALIAS_WORDS + r")(?![\w]).*$")


def without_aliases(name: str) -> str:
    """A member's name as a field gives it, without the other names written after it
    ("jane doe (née smith)" is "jane doe")."""
    return _ALIAS_TAIL.sub("", name).strip(" ,;(")


def member_aliases(layout: Layout) -> frozenset[str]:
    """The other names the member is or was known by (a maiden or former name, a name the
    member goes by: ``_ALIAS``) on the lines of the document's member labels or in fields
    of their own of a document whose member labels name the member, each as a full name,
    normalized ("née Smith" for Jane Doe is "jane smith", "Preferred name: Janie" is
    "janie doe")."""
    names = {without_aliases(n) for n in member_names(layout)}
    if not names:
        return frozenset()
    text = layout.text
    label_lines = {i for i, _ in member_labels(layout)}
    out: set[str] = set()
    for i, line in enumerate(layout.lines):
        if not line.is_text:
            continue
        for m in _ALIAS.finditer(text, line.cstart, line.cend):
            if i not in label_lines and text[line.cstart : m.start()].strip(" \t*-•|"):
                continue  # the words inside a sentence (of someone else, maybe)
            alias = norm(m.group("name").replace(",", " "))
            words = alias.split()
            if len(words) >= 2:
                out.add(f"{words[1]} {words[0]}" if "," in m.group("name") else alias)
                continue
            for n in names:
                last, _, first = n.partition(",") if "," in n else n.rpartition(" ")[::-1]
                last, first = last.strip(), first.strip()
                if m.group("last") is not None and first:
                    out.add(f"{first} {alias}")  # "née Smith": the member's first name
                elif m.group("last") is None and last:
                    out.add(f"{alias} {last}")  # "goes by Janie": the member's last name
    return frozenset(out)


def chart_member_aliases() -> frozenset[str]:
    """The member's other names (:func:`member_aliases`) any document of the chart being
    read gives; empty outside a chart."""
    return _over_chart("member_aliases", member_aliases)


#: labels of a date of birth (a field's, or a column's of a list of clients)
BIRTH_LABELS = frozenset(
    {"dob", "d.o.b.", "d.o.b", "date of birth", "birth date", "birthdate", "born"}
)
_BIRTH_AFTER = re.compile(
    r"(?i)[ \t,;|(]*(?:DOB|D\.O\.B\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|born)"
    r"(?![\w])[ \t]*[:#]?[ \t]*"
)


def member_births(layout: Layout) -> frozenset[dt.date]:
    """The member's date of birth as the document states it: a date-of-birth field of a
    document whose member labels name the member, or a date of birth right after the
    member's name ("Jane Roe, DOB 06/08/1992", "Client: Jane Roe   DOB 06/08/1992"); none
    when the document gives more than one."""
    names = member_names(layout)
    if not names:
        return frozenset()
    text = layout.text
    found: set[dt.date] = set()
    for fs in layout.fields_by_line:
        for f in fs:
            if f.key in BIRTH_LABELS and not f.empty:
                d = next(find_dates(text, f.start, f.end), None)
                if d is not None:
                    found.add(d.date)
    after: list[tuple[int, int]] = []  # where a date of birth may follow the member's name
    for i, fs in enumerate(layout.fields_by_line):
        after.extend((f.start, layout.lines[i].cend) for f in fs if f.key in vocab().member_labels)
    for line in layout.lines:
        if line.is_text and line.cend - line.cstart <= _IDENTIFIER_LINE:
            for m in _NAME_BY_IDENTIFIER.finditer(text, line.cstart, line.cend):
                if norm(m.group("name")) in names:
                    after.append((m.end("name"), line.cend))
    for start, end in after:
        for m in _BIRTH_AFTER.finditer(text, start, end):
            d = next(find_dates(text, m.end(), end), None)
            if d is not None and d.start == m.end():
                found.add(d.date)
    return frozenset(found) if len(found) == 1 else frozenset()


def chart_member_births() -> frozenset[dt.date]:
    """The member's date of birth (:func:`member_births`) as the chart's documents state
    it; none when they state more than one, or outside a chart."""
    found = _over_chart("member_births", member_births)
    return found if len(found) == 1 else frozenset()


def kept_for_member(layout: Layout) -> frozenset[str]:
    """The member's names when ``layout``'s document is kept for the member: a member label
    names the member in it ("Client: Jane Doe"), or its title names, in full, the member
    a member label names elsewhere in the chart ("Daily Group Notes: Walter P. Szymanski"
    with "Name: Walter P. Szymanski" in the intake). A name in a title alone is not enough:
    a topic ("Anger Management") or a facilitator's name looks the same."""
    own = member_names(layout)
    if own:
        return own
    memo = chart_memo()
    if memo is None:
        return frozenset()  # no chart: no member named elsewhere
    kept = memo.setdefault("kept_for_member", {})
    assert isinstance(kept, dict)
    hit = kept.get(id(layout))
    if hit is not None and hit[0] is layout:
        return hit[1]  # type: ignore[no-any-return]
    found = _titled_member(layout)
    kept[id(layout)] = (layout, found)
    return found


def _titled_member(layout: Layout) -> frozenset[str]:
    """The chart's member names that the document's title names in full."""
    first = next((ln for ln in layout.lines if ln.is_text), None)
    if first is None:
        return frozenset()
    title = norm(layout.text[first.cstart : first.cend])
    words = set(re.findall(r"[\w.'’-]+", title))
    named = {
        n
        for n in chart_member_names()
        if "," not in n and len(n.split()) >= 2 and all(w in words for w in n.split())
    }
    return frozenset(named)
