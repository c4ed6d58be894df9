"""f6-narrative-plan-prose: a small group practice whose clinicians write the IOP plan of
care in a word processor as prose: a paragraph per goal ("Maria will ... as evidenced by
... within 6 weeks"), the objectives either as numbered sentences under the goal or as
lettered steps inside one sentence ("To get there, Maria will (a) ...; (b) ..."). The
signature block is typed the way letters close (a "/s/" line, the name, the credential or
the licence spelled out on the line below), the physician's approval is typed or left
blank, and an adolescent's parent signs beside the member. An earlier draft of the same plan
is still in the chart, marked DRAFT, with every signature line blank.

What the gold keeps: a goal's measure from its own "as evidenced by" clause only when the
clause states a count, ratio, frequency, percentage, score threshold or a self-rating
threshold ("as evidenced by improved mood and a brighter affect" is no measure); a time
frame as a duration, a date, "by discharge" or "by the next plan review on <date>" ("on an
ongoing basis" is none). The intake score in the presenting problem is a measured score;
a score in a goal is a target. The draft's typed signature lines are blank required lines
and the practice manager who saved it is no signer."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from eval.docfacts.docfacts_dev._kit import (
    MH_DX,
    Member,
    People,
    admission,
    chance,
    fmt,
    member,
    para,
    pdf,
    pick,
    plus,
    txt,
)
from eval.docfacts.docfacts_dev6._six import stamp
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldGoal,
    GoldScore,
    GoldSigner,
)

PRACTICES = (
    ("Marigold Psychological Services, PLLC", "Intensive Outpatient Program"),
    ("Harbor Light Therapy Group", "IOP - Adult and Adolescent Tracks"),
    ("Stonebridge Family Counseling", "Intensive Outpatient Services"),
)

# what a goal's "as evidenced by" clause says: (words, states a measure)
EVIDENCE: dict[str, tuple[tuple[str, bool], ...]] = {
    "mood": (
        ("as evidenced by a PHQ-9 score of 9 or lower on two consecutive administrations", True),
        ("as evidenced by self-rated mood of 6/10 or better on 5 of 7 daily ratings", True),
        ("as evidenced by improved mood and a brighter affect", False),
    ),
    "anxiety": (
        ("as evidenced by a GAD-7 below 8", True),
        ("as evidenced by completing 80% of planned exposures on the hierarchy", True),
        ("as evidenced by {her} report of feeling calmer", False),
    ),
    "safety": (
        ("as evidenced by zero episodes of self-harm on the weekly diary card", True),
        ("as evidenced by using a skill instead of self-harm in 4 of 5 urges logged", True),
        ("as evidenced by staff observation of better judgment", False),
    ),
    "function": (
        ("as evidenced by returning to work at least 20 hours a week", True),
        ("as evidenced by attending work or school on 90% of scheduled days", True),
        ("as evidenced by doing better at home", False),
    ),
}
STEMS: dict[str, str] = {
    "mood": "{First} will experience fewer and less intense periods of depression",
    "anxiety": "{First} will reduce worry and avoidance that keep {him} from daily tasks",
    "safety": "{First} will keep {him}self safe and manage urges to self-harm",
    "function": "{First} will resume {her} usual responsibilities outside the home",
}


@dataclass(frozen=True)
class Step:
    text: str
    measure: bool


STEPS: dict[str, tuple[Step, ...]] = {
    "mood": (
        Step("complete a daily activity schedule with at least two pleasant activities", True),
        Step("name three thinking traps that keep {her} mood low", True),
        Step("explore how past losses shape {her} view of {him}self", False),
    ),
    "anxiety": (
        Step("practice diaphragmatic breathing twice daily and log each practice", True),
        Step("learn how avoidance keeps anxiety going", False),
        Step("rate anxiety 0-10 before and after each exposure task", True),
    ),
    "safety": (
        Step("write a safety plan with at least three coping steps and two contacts", True),
        Step("remove or lock up means at home, confirmed by a family member", True),
        Step("understand {her} triggers for self-harm more fully", False),
    ),
    "function": (
        Step("think about what a return to work or school would look like", False),
        Step("keep a morning routine (up by 8 am) on 5 of 7 days", True),
        Step("work on motivation and self-esteem", False),
    ),
}
# (words, time-framed); "REVIEW" and "DATE" are filled with the plan's dates
FRAMES: tuple[tuple[str, bool], ...] = (
    ("within 6 weeks", True),
    ("by discharge", True),
    ("by the next plan review on REVIEW", True),
    ("over the next 30 days", True),
    ("by DATE", True),
    ("on an ongoing basis", False),
    ("", False),
)


def _fill(text: str, m: Member) -> str:
    return text.format(First=m.who.first, her=m.her, him=m.him, she=m.she, She=m.She)


def _frame(rng: random.Random, review: dt.date, plan_day: dt.date) -> tuple[str, bool]:
    words, framed = pick(rng, FRAMES)
    words = words.replace("REVIEW", fmt(review, "long"))
    words = words.replace("DATE", fmt(plus(plan_day, 7 * rng.randrange(5, 10)), "long"))
    return words, framed


def _goal_block(
    rng: random.Random,
    n: int,
    key: str,
    m: Member,
    review: dt.date,
    plan_day: dt.date,
    inline: bool,
) -> tuple[list[str], GoldGoal]:
    stem = _fill(STEMS[key], m)
    evidence, measured = pick(rng, EVIDENCE[key])
    evidence = _fill(evidence, m)
    frame, framed = _frame(rng, review, plan_day)
    sentence = f"{stem}, {evidence}" + (f", {frame}" if frame else "") + "."
    steps = rng.sample(list(STEPS[key]), 2)
    kid_frames = [_frame(rng, review, plan_day) for _ in steps]
    texts = [_fill(s.text, m) for s in steps]
    out = [f"Goal {n}: {key.capitalize()}", ""]
    if inline:
        parts = [
            f"({'ab'[i]}) {t}" + (f" {f}" if f else "")
            for i, (t, (f, _)) in enumerate(zip(texts, kid_frames, strict=True))
        ]
        out.append(para(f"{sentence} To get there, {m.who.first} will " + "; ".join(parts) + "."))
    else:
        out.append(para(sentence))
        out.append("")
        for i, (t, (f, _)) in enumerate(zip(texts, kid_frames, strict=True)):
            out.append(
                para(
                    f"Objective {n}.{i + 1}: {m.who.first} will {t}" + (f" {f}" if f else "") + ".",
                    indent="    ",
                )
            )
    out.append("")
    kids = tuple(
        GoldGoal(t, s.measure, fr) for t, s, (_, fr) in zip(texts, steps, kid_frames, strict=True)
    )
    return out, GoldGoal(stem, measured, framed, kids)


def _render(rng: random.Random) -> DocChart:
    people = People(rng)
    adolescent = chance(rng, 0.35)
    m = member(people, adolescent=adolescent)
    dx = pick(rng, MH_DX)
    practice, program = pick(rng, PRACTICES)
    clinician = people.person(pick(rng, ("LCSW", "LPC", "LMFT", "PSYD")))
    doctor = people.person(pick(rng, ("MD", "DO")))
    manager = people.person()
    parent = people.person() if adolescent else None
    admit = admission(rng)
    plan_day = plus(admit, rng.randrange(2, 5))
    draft_day = plus(plan_day, -1)
    review = plus(plan_day, 30)
    phq = rng.randrange(15, 26)
    keys = rng.sample(list(STEMS), 3 if chance(rng, 0.6) else 2)
    inline = chance(rng, 0.5)

    blocks: list[str] = []
    goals: list[GoldGoal] = []
    for n, key in enumerate(keys, start=1):
        block, gold = _goal_block(rng, n, key, m, review, plan_day, inline)
        blocks += block
        goals.append(gold)

    spelled = {
        "LCSW": "Licensed Clinical Social Worker",
        "LPC": "Licensed Professional Counselor",
        "LMFT": "Licensed Marriage and Family Therapist",
        "PSYD": "Licensed Psychologist",
    }[clinician.norm or "LCSW"]
    head = [
        practice,
        program,
        "",
        "INDIVIDUALIZED PLAN OF CARE",
        "",
        f"Client: {m.who.full}" + (f" (age {m.age_on(plan_day)})" if adolescent else ""),
        f"Date of birth: {fmt(m.dob, 'long')}",
        f"Date of plan: {fmt(plan_day, 'long')}",
        f"Admitted to IOP: {fmt(admit, 'long')}",
        "",
        "Presenting problem",
        "",
        para(
            f"{m.who.first} was referred after {m.her} symptoms of {dx.name.lower()} "
            f"({dx.code}) worsened over the last two months. {m.Her} PHQ-9 at intake on "
            f"{fmt(admit)} was {phq}."
        ),
        "",
        "Goals and objectives",
        "",
    ]
    tail = [
        "Services and coordination",
        "",
        para(
            f"{m.who.first} will attend the IOP three hours a day, four days a week, with weekly "
            f"individual therapy and psychiatric follow-up every two weeks. The treatment team "
            f"(therapist, psychiatrist, nurse) meets weekly; this plan is reviewed on or before "
            f"{fmt(review, 'long')}."
        ),
        "",
    ]
    sign = [
        f"/s/ {clinician.full}",
        clinician.full,
        f"{spelled} ({clinician.cred})",
        f"Signed {fmt(plan_day, 'long')}",
        "",
    ]
    signers: list[GoldSigner] = [clinician.gold()]
    if chance(rng, 0.6):
        sign += [
            "Reviewed and approved:",
            f"/s/ {doctor.full}",
            f"{doctor.cred}, Medical Director",
            f"{fmt(plan_day)}",
            "",
        ]
        signers.append(doctor.gold())
    else:
        sign += [
            "Physician approval: ________________________________   Date: ____________",
            "",
        ]
        signers.append(GoldSigner("Physician approval", None, signed=False))
    sign.append(f"Client: /s/ {m.who.full} (signed through the client portal) {fmt(plan_day)}")
    signers.append(GoldSigner(m.who.full, None))
    if parent is not None:
        sign.append(
            f"Parent/Guardian: /s/ {parent.full} ({pick(rng, ('mother', 'father'))}) "
            f"{fmt(plan_day)}"
        )
        signers.append(GoldSigner(parent.full, None))
    plan_text = "\n".join([*head, *blocks, *tail, *sign])
    as_pdf = chance(rng, 0.4)
    plan_name = f"Plan_of_Care_{stamp(plan_day)}" + (".pdf" if as_pdf else ".txt")
    plan_file = pdf(plan_name, plan_text) if as_pdf else txt(plan_name, plan_text)
    plan_gold = DocGold(
        file=plan_name,
        kind="treatment_plan",
        date=plan_day,
        signers=tuple(signers),
        goals=tuple(goals),
        scores=(GoldScore("PHQ-9", phq, admit),),
    )

    # ------------------------------------------------ the draft left in the chart, unsigned
    draft = [
        "*** DRAFT - NOT SIGNED - NOT PART OF THE LEGAL RECORD ***",
        "",
        practice,
        "INDIVIDUALIZED PLAN OF CARE (working copy)",
        f"Client: {m.who.full}",
        f"Draft saved {fmt(draft_day)} 4:52 PM by {manager.full}, practice manager",
        "",
        para(
            f"Goals to be finalized with {m.who.first} at the next session: mood, coping, "
            "return to usual activities. Measures and dates to be added."
        ),
        "",
        "Clinician signature: ______________________   Date: __________",
        "Client signature: _________________________   Date: __________",
        "Physician signature: ______________________   Date: __________",
    ]
    draft_name = f"Plan_of_Care_DRAFT_{stamp(draft_day)}.txt"
    draft_gold = DocGold(
        file=draft_name,
        kind="treatment_plan",
        signers=(
            GoldSigner("Clinician signature", None, signed=False),
            GoldSigner("Client signature", None, signed=False),
            GoldSigner("Physician signature", None, signed=False),
        ),
    )
    files: tuple[DocFile, ...] = (plan_file, txt(draft_name, "\n".join(draft)))
    return DocChart(files=files, gold=(plan_gold, draft_gold))


FAMILY = DocFamily(
    name="f6-narrative-plan-prose",
    split="dev",
    description=(
        "A plan of care typed as prose: a paragraph per goal ('<Name> will ... as evidenced "
        "by ... within 6 weeks') with objectives as numbered sentences or lettered steps in "
        "one sentence; a letter-style signature block with the licence spelled out under "
        "the name; a blank or typed physician approval; a parent beside an adolescent; an "
        "unsigned draft."
    ),
    conventions=(
        "'as evidenced by' clauses: score thresholds, self-rated mood '6/10 or better on 5 "
        "of 7 daily ratings', percentages, counts; vague ones ('improved mood') are no measure",
        "time frames 'within 6 weeks', 'over the next 30 days', 'by discharge', 'by the next "
        "plan review on <date>', 'by <long date>'; 'on an ongoing basis' is none",
        "objectives inline as '(a) ...; (b) ...' or as 'Objective 1.2: ...' sentences",
        "credential on the line below the name, spelled out with the abbreviation",
        "a parent/guardian's and the member's signatures carry no credential",
        "an unsigned DRAFT: three blank signature lines; who saved it is no signer",
        "the intake PHQ-9 in the presenting problem is a score; a goal's PHQ-9 is a target",
    ),
    render=_render,
    tags=("goals", "signers"),
)
