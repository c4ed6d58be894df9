"""The session vocabulary (``extract/vocab/services.yaml`` and the lexicon's labels),
compiled once into phrase matchers for the record segmenter and the slot readers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from core.facts import Attendance, GroupFocus, Modality, NoteElement, ServiceKind
from extract.vocab.lexicon import lexicon
from extract.vocab.phrases import PhraseMap, norm, ocr_fold, ocr_index, words
from extract.vocab.services import vocabulary

# Column / field roles of a service record, and the lexicon label groups that name them.
ROLE_GROUPS: dict[str, str] = {
    "date_of_service": "date",
    "time": "time",
    "start_time": "start",
    "end_time": "end",
    "duration": "duration",
    "service": "service",
    "facilitator": "staff",
    "attendance": "attendance",
    "modality": "modality",
    "group_size": "group_size",
}


@dataclass(frozen=True)
class Vocab:
    kinds: PhraseMap[ServiceKind]
    fallback_kinds: PhraseMap[ServiceKind]
    codes: PhraseMap[ServiceKind]
    group_labels: frozenset[str]
    group_words: PhraseMap[str]
    group_variants: dict[ServiceKind, ServiceKind]
    administered_drugs: PhraseMap[ServiceKind]
    focus: PhraseMap[GroupFocus]
    attendance_values: PhraseMap[Attendance]
    attendance_codes: PhraseMap[Attendance]
    partial_attendance: PhraseMap[str]
    attendance_narrative: PhraseMap[Attendance]
    member_labels: frozenset[str]
    person_columns: frozenset[str]
    utc_offsets_hours: tuple[int, int]  # a program's possible local offsets, lowest first
    sheet_in_columns: tuple[str, ...]  # in order of preference
    sheet_out_columns: tuple[str, ...]
    modality_values: PhraseMap[Modality]
    modality_narrative: PhraseMap[Modality]
    modality_answer_labels: frozenset[str]
    modality_answers: PhraseMap[Modality]
    pos_labels: frozenset[str]
    pos_codes: PhraseMap[Modality]
    excluded_staff_labels: frozenset[str]
    staff_triggers: PhraseMap[str]
    element_labels: dict[str, NoteElement]
    plan_labels: frozenset[str]
    observation_labels: frozenset[str]
    member_observations: PhraseMap[str]
    body_labels: frozenset[str]
    header_ends_at: frozenset[str]
    signature_words: PhraseMap[str]
    placeholders: frozenset[str]
    narrative_elements: dict[NoteElement, PhraseMap[NoteElement]]
    member_words: PhraseMap[str]
    period_words: PhraseMap[str]
    not_current: PhraseMap[str]
    missed_plan: PhraseMap[str]
    not_taking_part: frozenset[str]
    not_service_titles: PhraseMap[str]
    schedule_words: PhraseMap[str]
    hours_words: PhraseMap[str]
    roles: dict[str, str]  # normalized label -> role
    roles_longest_first: tuple[str, ...]
    not_service_labels: frozenset[str]
    not_service_words: PhraseMap[str]
    start_words: PhraseMap[str]
    end_words: PhraseMap[str]
    weekdays: PhraseMap[int]
    continuation_words: frozenset[str]
    message_labels: frozenset[str]
    column_prefixes: frozenset[str]
    formats: dict[str, tuple[frozenset[str], ...]]
    # role_of's answers by label (labels repeat on every note of a chart)
    _roles_seen: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def _ocr_roles(self) -> dict[str, str]:
        """The role labels folded as OCR confuses them (:func:`ocr_fold`)."""
        return ocr_index(self.roles)

    @cached_property
    def _ocr_elements(self) -> dict[str, str]:
        return ocr_index(self.element_labels)

    def element_of(self, key: str) -> NoteElement | None:
        """The note element a label names, also with a letter before or after it ("R -
        Response", "Response (R)")."""
        found = self.element_labels.get(key)
        if found is None and " - " in key:
            head, _, tail = key.partition(" - ")
            found = self.element_labels.get(tail) or self.element_labels.get(head)
        if found is None:
            known = self._ocr_elements.get(ocr_fold(key))  # "Responsc" (a faxed page)
            found = self.element_labels[known] if known is not None else None
        return found

    def role_of(self, label: str) -> str | None:
        """The role a field label or a column header names ("Staff" is ``staff``; also with a
        short qualifier: "Attendance (P/A)", "Service/Activity", "Time (24h)")."""
        try:
            return self._roles_seen[label]
        except KeyError:
            pass
        if len(self._roles_seen) > 4096:
            self._roles_seen.clear()
        found = self._role_of(label)
        self._roles_seen[label] = found
        return found

    def names_other_date(self, label: str) -> bool:
        """Whether a date label or column name names a date that is not the service's
        ("admit_dt", "birthDate", "Date Signed": any of its words; "MSH.Date/Time of
        Message": a key path whose last key is a label of such a date)."""
        words = _CAMEL.sub(" ", label).replace("_", " ").replace(".", " ").split()
        if any(self.not_service_words.exact(w) is not None for w in words):
            return True
        return norm(label.rsplit(".", 1)[-1].strip(" *:_#")) in self.not_service_labels

    def _role_of(self, label: str) -> str | None:
        key = norm(label.strip(" *:_"))
        found = self._role_of_key(norm(key.strip("#")) if key not in self.roles else key)
        if found is not None:
            return found
        if "." in label:
            found = self._role_of_path(label)
            if found is not None:
                return found
        # an export's column name: "svc_start", "startTime", "duration_min"
        spaced = norm(_CAMEL.sub(" ", label.strip(" *:_#")).replace("_", " ").replace(".", " "))
        if spaced != key:
            found = self._role_of_key(spaced)
            if found is not None:
                return found
        # a prefix naming the service or session: "svc start", "session date", "appt status"
        first, _, rest = spaced.partition(" ")
        if first in self.column_prefixes and rest:
            return self._role_of_key(rest)
        # a label as OCR misread it on a faxed or scanned page ("Datc", "Tirne", "STATU5")
        known = self._ocr_roles.get(ocr_fold(key))
        return self.roles[known] if known is not None else None

    def _role_of_path(self, label: str) -> str | None:
        """A data export's key path ("period.start", "participant.individual.display"):
        the role of its last key, else of the key a generic last one ("display", "text",
        "name") qualifies; an interval's "low"/"high" under a time is its start/end."""
        keys = [k for k in label.strip(" *:_#").split(".") if k]
        if any(norm(k) in ("identifier", "identifiers") for k in keys):
            return None  # "identifier.type.text": what kind of id, not a service
        coded = False  # "encounter.code.displayName": the name of the encounter's code
        while keys:
            last = norm(_CAMEL.sub(" ", keys.pop()).replace("_", " ").replace("-", " "))
            if last in _GENERIC_KEYS or last in _WHO_KEYS:
                coded = coded or last in _CODE_KEYS
                continue
            if last in _BOUNDS and keys and norm(_CAMEL.sub(" ", keys[-1])).endswith("time"):
                return _BOUNDS[last]  # "effectiveTime.low.value": an interval's start
            found = self._role_of_key(last)
            head, _, tail = last.partition(" ")
            if found is None and head in self.column_prefixes and tail:
                found = self._role_of_key(tail)  # "session-attendance"
            if coded and found in (None, "date") and not keys:
                return "service"  # the code of the record: an encounter, a visit
            if found is not None:
                return found
            return None
        return "service" if coded else None  # "code.displayName": the record's own code

    def _role_of_key(self, key: str) -> str | None:
        if key in self.roles:
            return self.roles[key]
        pair = _PAIR_LABEL.fullmatch(key)
        if pair is not None:
            a, b = norm(pair.group(1)), norm(pair.group(2))
            if (self.roles.get(a) == "start" or self.start_words.exact(a) is not None) and (
                self.roles.get(b) == "end" or self.end_words.exact(b) is not None
            ):
                return "time"  # "Start-Stop", "Start/End", "Time In - Time Out": the range

        for known in self.roles_longest_first:
            rest = key[len(known) :]
            if (
                key.startswith(known)
                and rest[:1] in ("(", "/", " ", "-")
                and len(rest.split()) <= 2
            ):
                tail = norm(rest.strip(" (/-)"))
                if tail in ("id", "no", "number", "#", "key", "nbr"):
                    return None  # "encounter_id": an identifier, not an encounter's date
                if tail in ("code", "codes", "cd"):
                    return self.roles[known]  # "Status Code", "status_cd": that role's codes
                other = self.roles.get(tail)
                if other is not None and other != self.roles[known]:
                    return None  # two labels in one ("Scheduled Duration"): neither for sure
                return self.roles[known]
        return None


_BOUNDS = {"low": "start", "high": "end"}
_CODE_KEYS = frozenset({"code", "coding", "display name", "original text"})
# a person's name under the role that says who they are ("performer.assignedEntity.
# assignedPerson.name")
_WHO_KEYS = frozenset({"name", "assigned person", "assigned entity", "individual", "actor"})
_GENERIC_KEYS = frozenset(
    {"display", "text", "value", "coding", "code", "value coding", "display name", "original text"}
)
_PAIR_LABEL = re.compile(r"(.+?)[ \t]*[-/–][ \t]*(.+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _norms(phrases: Sequence[str]) -> frozenset[str]:
    return frozenset(norm(x) for x in phrases)


@cache
def vocab() -> Vocab:
    v = vocabulary()
    labels = lexicon().labels
    element_labels: dict[str, NoteElement] = {}
    for name, group in (
        (NoteElement.NATURE_OF_SERVICE, labels.intervention),
        (NoteElement.RESPONSE, labels.response),
        (NoteElement.GOAL_RELATION, labels.goal_relation),
    ):
        for label in [*group, *v.note.element_labels.get(name, [])]:
            element_labels.setdefault(norm(label), name)
    roles: dict[str, str] = {}
    for group_name, role in ROLE_GROUPS.items():
        for label in getattr(labels, group_name):
            roles.setdefault(norm(label), role)
    for role, phrases in (
        ("duration", v.log_columns.duration),
        ("group_size", v.log_columns.group_size),
        ("comments", v.log_columns.comments),
        ("member_times", v.log_columns.member_times),
        ("credentials", v.log_columns.credentials),
        ("units", v.records.unit_labels),
        ("code", v.records.code_labels),
        ("day", v.records.day_labels),
        ("charge", v.records.charge_labels),
        ("member_start", v.records.member_start_labels),
        ("member_end", v.records.member_end_labels),
    ):
        for label in phrases:
            roles.setdefault(norm(label), role)
    not_service = {
        norm(x)
        for group in ("date_of_birth", "admission_date", "discharge_date", "document_date")
        for x in getattr(labels, group)
    } - {norm(x) for x in labels.date_of_service}
    not_service |= _norms(v.records.not_service_date_labels)
    return Vocab(
        kinds=PhraseMap(v.service_kinds),
        fallback_kinds=PhraseMap(v.fallback_kinds),
        codes=PhraseMap(v.service_codes),
        group_labels=_norms(v.group_labels),
        group_words=words(v.group_words),
        group_variants=dict(v.group_variants),
        administered_drugs=PhraseMap(v.administered_drugs),
        focus=PhraseMap(v.group_focus),
        attendance_values=PhraseMap(v.attendance.values),
        attendance_codes=PhraseMap(v.attendance.codes),
        partial_attendance=words(v.attendance.partial),
        attendance_narrative=PhraseMap(v.attendance.narrative),
        member_labels=_norms(v.attendance.member_labels),
        person_columns=_norms(v.attendance.person_columns),
        utc_offsets_hours=(v.local_time.utc_offsets_hours[0], v.local_time.utc_offsets_hours[1]),
        sheet_in_columns=tuple(norm(x) for x in v.attendance.sheet_in_columns),
        sheet_out_columns=tuple(norm(x) for x in v.attendance.sheet_out_columns),
        modality_values=PhraseMap(v.modality.values),
        modality_narrative=PhraseMap(v.modality.narrative),
        modality_answer_labels=_norms(v.modality.answer_labels),
        modality_answers=PhraseMap(v.modality.answers),
        pos_labels=_norms(v.modality.pos_labels),
        pos_codes=PhraseMap(v.modality.pos_codes),
        excluded_staff_labels=_norms(v.facilitator.excluded_labels),
        staff_triggers=words(v.facilitator.triggers),
        element_labels=element_labels,
        plan_labels=_norms(v.note.plan_labels),
        observation_labels=_norms(v.note.observation_labels),
        member_observations=words(v.note.member_observations),
        body_labels=_norms(v.note.body_labels),
        header_ends_at=_norms(v.note.header_ends_at),
        signature_words=words(v.note.signature_words),
        placeholders=_norms(v.note.placeholder_values),
        narrative_elements={k: PhraseMap({k: ps}) for k, ps in v.note.narrative_elements.items()},
        member_words=words(v.note.member_words),
        period_words=words(v.note.period_words),
        not_current=words(v.note.not_current),
        missed_plan=words(v.note.missed_plan),
        not_taking_part=frozenset(w.lower() for w in v.note.not_taking_part),
        not_service_titles=words(v.note.not_service_titles),
        schedule_words=words(v.schedule_words),
        hours_words=words(v.log_columns.hours_words),
        roles=roles,
        roles_longest_first=tuple(sorted(roles, key=len, reverse=True)),
        not_service_labels=frozenset(not_service),
        not_service_words=words(v.records.not_service_date_words),
        start_words=words(v.records.start_words),
        end_words=words(v.records.end_words),
        weekdays=PhraseMap(
            {
                i: [n for n in v.records.weekday_names if _WEEKDAY_PREFIX[n[:3].lower()] == d]
                for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
            }
        ),
        continuation_words=frozenset(w.lower() for w in v.records.continuation_words),
        message_labels=_norms(v.records.message_header_labels),
        column_prefixes=_norms(v.records.column_prefixes),
        formats={
            name: tuple(_norms(section) for section in sections)
            for name, sections in v.note.formats.items()
        },
    )


_WEEKDAY_PREFIX = {
    "mon": "mon",
    "tue": "tue",
    "wed": "wed",
    "thu": "thu",
    "fri": "fri",
    "sat": "sat",
    "sun": "sun",
}
