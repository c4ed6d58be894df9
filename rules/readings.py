"""Facts read two ways: does the verdict depend on which reading is right?

In ``hybrid`` the offline reader and the model may state a field of one fact differently
(an authorization's end date, a risk assessment's date, a certification's weekly hours):
the fact then holds no value for it and an :class:`~core.facts.UncertainSlot` with both
readings. A check sees the field as unknown. The engine also runs each rule once per
reading, with the field set to that reading (:func:`readings_of`): when the readings give
different verdicts the rule is ``insufficient_evidence``, naming both readings' words;
when every reading gives the same verdict, that verdict stands, and the reason says the
field was read two ways and either reading gives it. Sessions are not varied here: two
documents of one session stating a slot differently are weighed by the timeline
(RULES.md "Same session, documented twice").
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from core.facts import FACT_FIELDS, ChartInput, Fact, SlottedFact, UncertainSlot

#: How a reason names a fact's field (the field's own name otherwise, with spaces).
_FIELD_WORDS: dict[str, str] = {
    "hours_per_week": "weekly hours",
    "imminent_danger": "conclusion on imminent danger",
    "needs_24h_supervision": "conclusion on the need for 24-hour supervision",
    "current_authorization_end": "current authorization's end date",
    "date_of_birth": "date of birth",
    "end": "end date",
    "start": "start date",
    "submitted": "date submitted",
}
#: How a reason names a fact (its type's name in words otherwise).
_FACT_WORDS: dict[str, str] = {
    "AuthorizationPeriod": "authorization",
    "ContinuingServiceRequest": "continuing-service request",
    "Member": "member's details",
    "TreatmentPlan": "treatment plan",
    "RiskAssessment": "risk assessment",
    "PhysicalExam": "physical exam",
    "DocumentDate": "document date",
    "EpisodeDate": "episode date",
    "ProgramSchedule": "program schedule",
}


@dataclass(frozen=True)
class Reading:
    """One value of a field read two ways, and the chart with the field set to it."""

    value: str
    chart: ChartInput


@dataclass(frozen=True)
class ReadTwice:
    """A field of one fact read two ways, and the chart under each reading."""

    fact: Fact
    slot: UncertainSlot
    readings: tuple[Reading, ...]

    def describe(self, filename: str) -> str:
        """ "the risk assessment in 03_eval.txt has its date read two ways, as “…” and as
        “…”" """
        kind = type(self.fact).__name__
        what = _FACT_WORDS.get(kind, kind.lower())
        field = _FIELD_WORDS.get(self.slot.slot, self.slot.slot.replace("_", " "))
        words = " and as ".join(f"\u201c{ev.quote}\u201d" for ev in self.slot.evidence)
        return f"the {what} in {filename} has its {field} read two ways, as {words}"


def readings_of(chart: ChartInput) -> tuple[ReadTwice, ...]:
    """Every field of a chart's facts (sessions aside) that two readers read differently,
    with the chart under each of its readings (a reading that is not a value of the field's
    type is left out; a field with fewer than two readings left is not varied)."""
    out: list[ReadTwice] = []
    for name in FACT_FIELDS:
        if name == "sessions":
            continue
        facts: tuple[Fact, ...] = getattr(chart.facts, name)
        for i, fact in enumerate(facts):
            if not isinstance(fact, SlottedFact):
                continue
            for slot in fact.uncertain:
                readings = tuple(
                    Reading(text, _with_value(chart, name, i, fact, slot, value))
                    for text in slot.values
                    if (value := _value(fact, slot.slot, text)) is not _NOT_A_VALUE
                )
                if len(readings) >= 2:
                    out.append(ReadTwice(fact, slot, readings))
    return tuple(out)


_NOT_A_VALUE = object()


def _value(fact: SlottedFact, slot: str, text: str) -> object:
    field = type(fact).model_fields.get(slot)
    if field is None or field.annotation is None:
        return _NOT_A_VALUE
    try:
        return TypeAdapter(field.annotation).validate_strings(text)
    except ValidationError:
        return _NOT_A_VALUE


def _with_value(
    chart: ChartInput, name: str, index: int, fact: SlottedFact, slot: UncertainSlot, value: object
) -> ChartInput:
    changed = fact.model_copy(
        update={slot.slot: value, "uncertain": tuple(u for u in fact.uncertain if u is not slot)}
    )
    facts: tuple[Fact, ...] = getattr(chart.facts, name)
    update = {name: (*facts[:index], changed, *facts[index + 1 :])}
    return chart.model_copy(update={"facts": chart.facts.model_copy(update=update)})
