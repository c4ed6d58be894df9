"""f6-group-checkbox-notes: an IOP whose group-note template records participation as a
check-box scale (Active / Moderate / Minimal / Refused / Unable to participate) with an
engagement rating from 1 to 5 and a free-text individual response, over two weeks in
which the member's participation improves, worsens, or turns from refusal to engagement;
and a weekly summary with a Date | Status grid looking back over the same days.

Each note carries the template's risk screen ("SI: denies  HI: denies"), which is a
screening line, not a risk assessment; on the day the member discloses passive thoughts of
death in group the facilitator completes a SAFETY ASSESSMENT section after group that
reaches a conclusion (low risk, no plan or intent, no higher level of care needed).

What the gold keeps: the checked box (a minimal, present member participates; a refusal
or inability is as checked), with the note's date; the unchecked boxes and the group's
shared content (other members who declined the role play) are not the member's; the
weekly summary's rows, each with its own date."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    DateStyle,
    Member,
    People,
    Who,
    admission,
    fmt,
    member,
    para,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev6._six import stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldParticipation, GoldRisk

P = ParticipationStatus

# the template's boxes: (label, status, rating range)
BOXES: tuple[tuple[str, ParticipationStatus, tuple[int, int]], ...] = (
    ("Active - initiates, shares, gives feedback", P.PARTICIPATES, (4, 5)),
    ("Moderate - shares when prompted", P.PARTICIPATES, (3, 4)),
    ("Minimal - present, little verbal participation", P.PARTICIPATES, (2, 2)),
    ("Refused / declined to participate", P.REFUSES, (1, 1)),
    ("Unable to participate (explain below)", P.CANNOT_PARTICIPATE, (1, 1)),
)
STORIES: dict[str, tuple[int, ...]] = {
    "improving": (3, 3, 2, 1, 0),
    "worsening": (0, 1, 2, 3, 3),
    "refused then engaged": (3, 4, 1, 0, 0),
}
RESPONSE: dict[int, tuple[str, ...]] = {
    0: (
        "{First} opened the check-in, shared the week's conflict with {her} brother and "
        "offered two peers feedback on their chain analyses.",
        "{First} volunteered to role-play the DEAR MAN script and coached a newer member "
        "through the skill.",
    ),
    1: (
        "{First} answered when called on and described one time {she} used the skill, but "
        "did not expand.",
        "{First} completed the worksheet and read one item aloud when prompted.",
    ),
    2: (
        "{First} sat in the circle with {her} hood up and gave one-word answers at check-in.",
        "{First} stayed for the full group but said little beyond {her} name and mood rating.",
    ),
    3: (
        "{First} signed in, then declined to enter the group room and sat in the lobby "
        "until the van came.",
        "{First} told staff {she} 'wasn't doing group today' and left at the first break.",
    ),
    4: (
        "{First} arrived intoxicated per breath test and could not take part; staff "
        "arranged a ride home.",
        "{First} was dissociating and unable to follow the group; staff sat with {him} in "
        "the quiet room.",
    ),
}
SUMMARY = {
    0: "Present - active",
    1: "Present - participated when prompted",
    2: "Present - minimal participation",
    3: "Declined group",
    4: "Could not participate",
}
TOPICS = (
    "Chain analysis of a recent problem behavior",
    "Interpersonal effectiveness: DEAR MAN",
    "Opposite action for shame",
    "Relapse prevention: warning signs",
    "Values clarification",
)
PROGRAMS = (
    "Cobblestone Behavioral Health - Adult IOP",
    "Westbrook Recovery & Counseling - Intensive Outpatient",
    "Prairie Wind Mental Health - IOP",
)
MARKS = (("[X]", "[ ]"), ("☒", "☐"), ("(x)", "( )"))


def _fill(text: str, m: Member) -> str:
    return text.format(First=m.who.first, she=m.she, her=m.her, him=m.him)


def _note(
    rng: random.Random,
    m: Member,
    program: str,
    facilitator: Who,
    day: dt.date,
    box: int,
    marks: tuple[str, str],
    date_style: DateStyle,
    safety: bool,
    used: set[str],
) -> tuple[DocFile, DocGold]:
    _, status, (lo, hi) = BOXES[box]
    said = pick(rng, [r for r in RESPONSE[box] if r not in used])
    used.add(said)
    boxes = [f"  {marks[0] if i == box else marks[1]} {b[0]}" for i, b in enumerate(BOXES)]
    lines = [
        program,
        "GROUP THERAPY PROGRESS NOTE",
        f"Client: {m.who.full}    Record #: {m.mrn}",
        f"Date: {fmt(day, date_style)}    Time: 9:00 AM - 12:00 PM    Group size: "
        f"{rng.randrange(5, 10)}",
        f"Topic: {pick(rng, TOPICS)}",
        f"Facilitator: {facilitator.signed}",
        "",
        "Group content: facilitator reviewed the skill, modeled it and led practice in pairs; "
        + pick(
            rng,
            (
                "two members declined the role play and observed.",
                "one member left early for a medical appointment.",
                "members processed a peer's discharge.",
            ),
        ),
        "",
        "PARTICIPATION (check one)",
        *boxes,
        f"Engagement rating (1 = none, 5 = fully engaged): {rng.randrange(lo, hi + 1)}",
        "",
        "Individual response: " + _fill(said, m),
    ]
    risk = GoldRisk(None, None)
    if safety:
        lines += [
            para(
                f"During check-in {m.who.first} said {m.she} has had thoughts that everyone "
                "would be better off without " + m.him + "."
            ),
            "",
            "SAFETY ASSESSMENT (completed individually after group)",
            para(
                f"Passive thoughts of death for the past 3 days; denies any plan, intent or "
                f"preparatory behavior. No access to firearms; medications are held by {m.her} "
                "partner. Protective factors: children at home, engaged in treatment, future "
                "plans for a trip in the spring."
            ),
            para(
                "Risk formulation: acute risk LOW. Does not require a higher level of care; "
                "safety plan reviewed and updated, crisis line number given."
            ),
        ]
        risk = GoldRisk(imminent_danger=False, needs_24h_supervision=False)
    else:
        lines.append("Risk screen:  SI: denies   HI: denies   Self-harm urges: denies")
    lines += [
        "",
        "Plan: continue group per treatment plan, objective 2a.",
        f"Signed: {facilitator.signed}  {fmt(day)} "
        f"{rng.randrange(1, 5)}:{rng.randrange(10, 60)} PM",
    ]
    name = f"Group_Note_{stamp(day)}.txt"
    gold = DocGold(
        file=name,
        kind="progress_note",
        date=day,
        participation=(GoldParticipation(status, day),),
        risk=risk,
    )
    return txt(name, "\n".join(lines)), gold


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, MH_DX)
    program = pick(rng, PROGRAMS)
    facilitator = people.person(pick(rng, ("LCSW", "LPC", "LMHC", "LMFT")))
    lead = people.person(pick(rng, ("LCSW", "PHD")))
    admit = admission(rng)
    story_name = pick(rng, sorted(STORIES))
    story = STORIES[story_name]
    days: list[dt.date] = []
    day = plus(admit, 3)
    while len(days) < len(story):
        if day.weekday() in (0, 1, 3):
            days.append(day)
        day = plus(day, 1)
    marks = pick(rng, MARKS)
    style: DateStyle = pick(rng, ("us", "dmy", "us_short"))
    # the safety assessment on a day the member was in group
    present = [i for i, b in enumerate(story) if b <= 2]
    safety_at = pick(rng, present)
    files: list[DocFile] = []
    golds: list[DocGold] = []
    used: set[str] = set()
    for i, (box, d) in enumerate(zip(story, days, strict=True)):
        f, g = _note(rng, m, program, facilitator, d, box, marks, style, i == safety_at, used)
        files.append(f)
        golds.append(g)

    week_day = plus(days[-1], 1)
    rows = [f"{fmt(d):<12}{SUMMARY[b]}" for d, b in zip(days, story, strict=True)]
    summary = [
        program,
        "WEEKLY IOP PROGRESS SUMMARY",
        f"Client: {m.who.full}    Record #: {m.mrn}    Dx: {dx.code} {dx.name}",
        f"Summary date: {fmt(week_day)}    Period: {fmt(days[0])} - {fmt(days[-1])}",
        "",
        f"{'Date':<12}Status",
        *rows,
        "",
        para(
            "Clinical summary: "
            + {
                "improving": f"{m.who.first} has moved from refusing groups to taking an "
                "active part; the team will keep the current schedule.",
                "worsening": f"{m.who.first}'s engagement has fallen off over the period; "
                "the team will meet with " + m.him + " and review the plan.",
                "refused then engaged": f"after a difficult start {m.who.first} is now "
                "engaged; the team will keep the current schedule.",
            }[story_name]
        ),
        "",
        f"Reviewed by {lead.signed}, Clinical Lead   {fmt(week_day)}",
    ]
    name = f"Weekly_Summary_{stamp(week_day)}.txt"
    files.append(txt(name, "\n".join(summary)))
    golds.append(
        DocGold(
            file=name,
            kind="progress_note",
            date=week_day,
            participation=tuple(
                GoldParticipation(BOXES[b][1], d) for d, b in zip(days, story, strict=True)
            ),
        )
    )
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f6-group-checkbox-notes",
    split="dev",
    description=(
        "Group therapy notes whose participation is a check-box scale (Active / Moderate / "
        "Minimal / Refused / Unable) with a 1-5 engagement rating, over two weeks of "
        "improving, worsening or refused-then-engaged participation; a screening line in "
        "every note and one full safety assessment; a weekly Date | Status summary."
    ),
    conventions=(
        "check boxes as [X]/[ ], ☒/☐ or (x)/( ): only the checked one is the member's state",
        "minimal participation (present, little verbal) is participation",
        "refusal as 'declined to enter the group room', 'wasn't doing group today'; "
        "intoxicated or dissociating: unable to participate",
        "other members who declined the role play are not the member",
        "'SI: denies HI: denies' screening lines are no risk conclusion; a SAFETY "
        "ASSESSMENT section with 'acute risk LOW' and 'does not require a higher level of "
        "care' is one",
        "dates as 01/14/2026, 14-Jan-2026 or 1/14/2026",
    ),
    render=_render,
    tags=("participation", "risk"),
)
