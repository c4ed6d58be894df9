"""f5-participation-turns: a program's group notes over two to three weeks in which the
member's participation turns (engaged at first and then refusing again and again, or
refusing at first and then engaged, or unable to tolerate and then refusing), and a
treatment-team huddle note that looks back over the same dates.

Each note states the member's participation once, as a "Participation:" or "Client
engagement:" line with the clinician's comment. What is not a statement of the member's
participation: another group member's refusal (named by initials), a conditional ("if
she attends Thursday ..."), a plan ("will encourage participation") and a goal to attend.
The latest documented state governs in the rules (RULES.md); the gold lists every dated
statement as written."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    DateStyle,
    Member,
    People,
    admission,
    chance,
    fmt,
    member,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev5._common import stamp
from eval.docfacts.model import DocChart, DocFamily, DocFile, DocGold, GoldParticipation

P = ParticipationStatus

# {She} {she} {her} {him}; one line each, read as the member's state that day
SAID: dict[ParticipationStatus, tuple[str, ...]] = {
    P.PARTICIPATES: (
        "Active participant; processed the loss of {her} job and gave feedback to two peers.",
        "Fully engaged - completed the thought record in session and read it aloud to the group.",
        "Participated appropriately and stayed on topic for the full three hours.",
        "Receptive to feedback; practiced opposite action during the skills block.",
        "Attentive and involved, answered check-in questions and rehearsed a boundary-setting "
        "script with a peer.",
    ),
    P.REFUSES: (
        'Declined to participate in group today, stating "there\'s no point anymore."',
        "Checked in at the front desk, then refused to enter the group room and left the building.",
        "Refused all programming today despite outreach from two staff members.",
        "Sat with arms crossed and refused to engage in any exercise or discussion.",
        "Declined group and the individual session offered and asked for discharge paperwork.",
    ),
    P.CANNOT_PARTICIPATE: (
        "Presented dissociated and could not engage with the group content; staff provided "
        "one-to-one grounding in the quiet room.",
        "Acutely paranoid and preoccupied with internal stimuli; unable to engage with the "
        "material.",
    ),
    P.CANNOT_TOLERATE: (
        "Became overwhelmed during the processing segment and left after 45 minutes; reports "
        "the full program day is too much for {him} right now.",
        "Unable to tolerate the length of group - left at the first break, saying the noise "
        "and crowding set off {her} panic.",
    ),
}

# a peer's state (initials), never the member's
PEERS = (
    "Peer {ini} declined to take part and left the room early; the group processed the disruption.",
    "One member ({ini}) refused the role play and sat out the remainder of group.",
)
# conditionals and plans: not a statement of participation
IFS = (
    "If {she} attends Thursday's group, {she} will present {her} relapse-prevention plan.",
    "Should {she} decline groups again, the team will review discharge options with {him}.",
    "Will encourage {him} to take part in the role play next session.",
)

STORIES: tuple[tuple[ParticipationStatus, ...], ...] = (
    (P.PARTICIPATES, P.PARTICIPATES, P.REFUSES, P.REFUSES),
    (P.CANNOT_PARTICIPATE, P.REFUSES, P.PARTICIPATES, P.PARTICIPATES),
    (P.PARTICIPATES, P.CANNOT_TOLERATE, P.REFUSES, P.REFUSES),
    (P.PARTICIPATES, P.REFUSES, P.PARTICIPATES, P.REFUSES),
    (P.REFUSES, P.REFUSES, P.PARTICIPATES, P.PARTICIPATES),
)

TOPICS = (
    "Distress tolerance: TIPP skills",
    "Cognitive distortions and balanced thinking",
    "Values and committed action",
    "Relapse warning signs",
    "Interpersonal effectiveness: DEAR MAN",
    "Sleep hygiene and routine",
)
PROGRAMS = (
    "Riverside Behavioral Health - Adult IOP",
    "Halcyon Recovery & Wellness - IOP",
    "Bluestem Psychiatric Group - Intensive Outpatient",
)


def _fill(text: str, m: Member) -> str:
    return text.format(She=m.She, she=m.she, her=m.her, him=m.him)


def _initials(rng: random.Random, m: Member) -> str:
    letters = [c for c in "ABCDEGHJKLMNPRSTVW" if c not in (m.who.first[0], m.who.last[0])]
    return f"{pick(rng, letters)}.{pick(rng, letters)}."


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    m = member(people)
    dx = pick(rng, MH_DX)
    program = pick(rng, PROGRAMS)
    facilitator = people.person(pick(rng, ("LCSW", "LPC", "LMFT")))
    admit = admission(rng)
    story = pick(rng, STORIES)
    # four program days (Mon/Wed/Thu rhythm) over the second and third weeks
    days: list[dt.date] = []
    day = plus(admit, 7)
    while len(days) < 4:
        if day.weekday() in (0, 2, 3):
            days.append(day)
        day = plus(day, 1)
    field = pick(rng, ("Participation", "Client engagement", "Level of participation"))
    used: set[str] = set()
    files: list[DocFile] = []
    golds: list[DocGold] = []
    peer_at = rng.randrange(4)
    if_at = pick(rng, [i for i in range(4) if i != peer_at])
    for i, (status, d) in enumerate(zip(story, days, strict=True)):
        options = [s for s in SAID[status] if s not in used]
        said = pick(rng, options)
        used.add(said)
        lines = [
            program,
            "GROUP PSYCHOTHERAPY NOTE (90853)",
            f"Client: {m.who.full}    MRN: {m.mrn}    Date of service: {fmt(d)}",
            f"Group: {pick(rng, TOPICS)}    Time: 9:00 AM - 12:00 PM    Members present: "
            f"{rng.randrange(5, 10)}",
            f"Facilitator: {facilitator.signed}",
            "",
            "Intervention: facilitator taught and modeled the skill with a worksheet and "
            "coached practice in pairs.",
            "",
            f"{field}: {_fill(said, m)}",
        ]
        if i == peer_at:
            lines.append(PEERS[i % 2].format(ini=_initials(rng, m)))
        lines.append("")
        plan = "Plan: continue IOP per treatment plan (problem 1, objective 1b)."
        if i == if_at:
            plan += " " + _fill(pick(rng, IFS), m)
        at = f"{rng.randrange(1, 5)}:{rng.randrange(10, 60)} PM"
        lines += [plan, "", f"{facilitator.signed}    signed {fmt(d)} {at}"]
        name = f"Group_Note_{stamp(d)}.txt"
        files.append(txt(name, "\n".join(lines)))
        golds.append(
            DocGold(
                file=name,
                kind="progress_note",
                date=d,
                participation=(GoldParticipation(status, d),),
            )
        )

    # the huddle looks back: the last two dated states, and the week's plan
    huddle_day = plus(days[-1], 1)
    styles: tuple[DateStyle, ...] = ("us", "us_short", "long")
    style = pick(rng, styles)
    back: list[str] = []
    for status, d in list(zip(story, days, strict=True))[-2:]:
        verb = {
            P.PARTICIPATES: "took an active part in group",
            P.REFUSES: "refused to attend group",
            P.CANNOT_PARTICIPATE: "could not engage in group because of acute symptoms",
            P.CANNOT_TOLERATE: "could not tolerate the length of group and left early",
        }[status]
        back.append(f"On {fmt(d, style)} {m.she} {verb}.")
    huddle = [
        program,
        "TREATMENT TEAM HUDDLE NOTE",
        f"Client: {m.who.full}    MRN: {m.mrn}    Date: {fmt(huddle_day)}",
        f"Dx: {dx.code} {dx.name}",
        f"Team: {facilitator.signed}; program psychiatrist; RN",
        "",
        "Engagement review: " + " ".join(back),
        "",
        "Plan: "
        + _fill(
            pick(
                rng,
                (
                    "If {she} misses another group, the case manager will call {him} the same day.",
                    "Goal remains to attend 4 of 5 program days; revisit with {him} Monday.",
                ),
            ),
            m,
        ),
        "",
        f"Recorded by {facilitator.signed} {fmt(huddle_day)}",
    ]
    if chance(rng, 0.5):
        huddle.insert(7, "Another member of the cohort has been refusing groups as well; not "
                      "discussed further here.")  # fmt: skip
    name = f"Team_Huddle_{stamp(huddle_day)}.txt"
    files.append(txt(name, "\n".join(huddle)))
    golds.append(
        DocGold(
            file=name,
            kind="progress_note",
            date=huddle_day,
            participation=tuple(
                GoldParticipation(s, d) for s, d in list(zip(story, days, strict=True))[-2:]
            ),
        )
    )
    return DocChart(files=tuple(files), gold=tuple(golds))


FAMILY = DocFamily(
    name="f5-participation-turns",
    split="dev",
    description=(
        "Group psychotherapy notes over two to three weeks with one 'Participation:' / "
        "'Client engagement:' line each, the member's state turning (engaged then refusing "
        "repeatedly, or the reverse), and a team huddle note looking back over the last dates."
    ),
    conventions=(
        "refusal in new words: declined / refused to enter the room / refused all programming "
        "/ asked for discharge paperwork",
        "engagement in new words: active participant, fully engaged, receptive to feedback",
        "dissociated or paranoid: cannot participate; overwhelmed by the length: cannot tolerate",
        "a peer's refusal (by initials) is not the member's",
        "conditionals ('If she attends Thursday's group ...', 'Should she decline ...') and "
        "goals to attend are not statements",
        "a huddle's look-back dates ('On March 4, 2026 she refused to attend group')",
    ),
    render=_render,
    tags=("participation",),
)
