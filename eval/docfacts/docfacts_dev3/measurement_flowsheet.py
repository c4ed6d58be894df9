"""f3-measurement-flowsheet: a measurement-based-care IOP whose chart is mostly numbers. A
rating-scale flowsheet export (a wide CSV with a column per instrument and declined or
skipped cells, a fixed-width grid with a row per instrument under two-digit-year dates and
a target column, or a long list of totals beside an item answer that is not a total),
nursing check-in notes that give scores in sentences (today's and an earlier dated one)
with a participation line and a conditional referral, and a Columbia-protocol risk
assessment laid out as a flowsheet (since last visit vs lifetime), with its formulation
and its signers (e-signature stamp, co-signature, a review still pending)."""

from __future__ import annotations

import datetime as dt
import random

from core.facts import ParticipationStatus
from eval.docfacts.docfacts_dev._kit import (
    Member,
    People,
    Who,
    admission,
    chance,
    clock,
    fmt,
    member,
    pick,
    plus,
    txt,
    wrap,
)
from eval.docfacts.docfacts_dev3._phrases import say, story
from eval.docfacts.model import (
    DocChart,
    DocFamily,
    DocFile,
    DocGold,
    GoldParticipation,
    GoldRisk,
    GoldScore,
    GoldSigner,
    Instrument,
)

PROGRAMS = ("Cedar Hollow IOP", "Brightwater Outcomes Clinic", "Meridian Behavioral IOP")

# instrument -> (column label, lowest, highest start value, target text)
SCALES: dict[Instrument, tuple[str, int, int, str]] = {
    "PHQ-9": ("PHQ-9", 14, 24, "<10"),
    "GAD-7": ("GAD-7", 11, 19, "<8"),
    "PCL-5": ("PCL-5", 38, 60, "<33"),
    "AUDIT-C": ("AUDIT-C", 6, 11, "<4"),
    "DAST-10": ("DAST-10", 5, 9, "<3"),
    "BAM": ("BAM use", 4, 9, "0"),
}
POOL: tuple[Instrument, ...] = ("PHQ-9", "GAD-7", "PCL-5", "AUDIT-C", "DAST-10", "BAM")

Series = dict[Instrument, list[int | None]]


def _series(rng: random.Random, scales: tuple[Instrument, ...], n: int) -> Series:
    out: Series = {}
    for s in scales:
        _, lo, hi, _ = SCALES[s]
        v = rng.randrange(lo, hi + 1)
        vals: list[int | None] = []
        for _ in range(n):
            vals.append(v)
            v = max(0, v - rng.randrange(0, 4))
        out[s] = vals
    # one administration declined or skipped (never the first)
    s = pick(rng, scales)
    out[s][rng.randrange(1, n)] = None
    return out


def _golds(series: Series, days: list[dt.date]) -> list[GoldScore]:
    return [
        GoldScore(s, v, d)
        for s, vals in series.items()
        for v, d in zip(vals, days, strict=True)
        if v is not None
    ]


def _flowsheet(
    rng: random.Random, program: str, m: Member, series: Series, days: list[dt.date], v: int
) -> tuple[DocFile, DocGold]:
    scales = list(series)
    if v == 0:
        head = ["Date", *(SCALES[s][0] for s in scales), "Entered by"]
        rows = [",".join(head)]
        for i, d in enumerate(days):
            cells = [
                str(series[s][i]) if series[s][i] is not None else pick(rng, ("refused", ""))
                for s in scales
            ]
            rows.append(",".join([fmt(d), *cells, pick(rng, ("RN", "MA", "clinician"))]))
        doc = txt("rating_scales_export.csv", "\n".join(rows))
    elif v == 1:
        lines = [
            f"{program} - RATING SCALE FLOWSHEET",
            f"Patient: {m.who.full}    MRN {m.mrn}",
            "",
            f"{'Instrument':<12}" + "".join(f"{d:%m/%d/%y}".ljust(11) for d in days) + "Target",
        ]
        for s in scales:
            grid = "".join((str(x) if x is not None else "--").ljust(11) for x in series[s])
            lines.append(f"{SCALES[s][0]:<12}{grid}{SCALES[s][3]}")
        lines += ["", "-- = not administered"]
        doc = txt("Rating_Scale_Flowsheet.txt", "\n".join(lines))
    else:
        lines = [
            f"{program}",
            f"OUTCOME MEASURES - {m.who.last.upper()}, {m.who.first}",
            "",
        ]
        for i, d in enumerate(days):
            for s in scales:
                x = series[s][i]
                shown = str(x) if x is not None else "declined by patient"
                lines.append(f"{fmt(d)}  {SCALES[s][0] + ' total':.<22} {shown}")
                if s == "PHQ-9" and x is not None and i == 0:
                    # an item answer, not a total
                    lines.append(f"{fmt(d)}  {'PHQ-9 item 9 (self-harm)':.<22} 1")
        doc = txt("Outcome_Measures_List.txt", "\n".join(lines))
    return doc, DocGold(file=doc.name, kind="evaluation", scores=tuple(_golds(series, days)))


def _check_in(
    rng: random.Random,
    program: str,
    m: Member,
    day: dt.date,
    prior: dt.date,
    scale: Instrument,
    now: int,
    before: int,
    status: ParticipationStatus,
    used: set[str],
    nurse: Who,
) -> tuple[DocFile, DocGold]:
    v = rng.randrange(3)
    label = SCALES[scale][0]
    if v == 0:
        score_line = f"Completed the {label} today, total {now} (was {before} on {fmt(prior)})."
    elif v == 1:
        score_line = f"{label} {now} today vs {before} when last given {fmt(prior)}."
    else:
        score_line = f"Repeat {label}: {now}. Prior {label} on {fmt(prior)}: {before}."
    conditional = chance(rng, 0.6)
    lines = [
        f"{program} - NURSING CHECK-IN",
        f"Patient: {m.who.full}    Visit date: {fmt(day)}    Time: {clock(rng, lo=8, hi=9)}",
        "",
        "Vitals: BP 124/78, HR 76, afebrile.",
        *wrap(score_line, 90),
        "",
        "Group participation:",
        *wrap(say(rng, m, status, used), 90, indent="  ", first="  "),
        "",
    ]
    if conditional:
        lines += wrap(
            f"If the {label} climbs above 20 or suicidal thoughts return, consider referral "
            "to partial hospitalization.",
            90,
        )
        lines.append("")
    lines.append(f"{nurse.signed} - signed {fmt(day)}")
    doc = txt(f"Nursing_CheckIn_{day:%Y%m%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="progress_note",
        date=day,
        risk=GoldRisk(None, None) if conditional else None,
        participation=(GoldParticipation(status, day),),
        scores=(GoldScore(scale, now), GoldScore(scale, before, prior)),
    )


def _risk(
    rng: random.Random, people: People, program: str, m: Member, day: dt.date
) -> tuple[DocFile, DocGold]:
    assessor = people.person(pick(rng, ("LCSW", "LPC", "PSYD", "LMFT")))
    boss = people.person(pick(rng, ("MD", "PHD", "LCSW")))
    v = rng.randrange(4)
    recent = ["No", "No", "No", "No", "No", "No"]
    severity = 0
    if v == 1:
        recent[0] = "Yes"
        severity = 1
    if v == 2:
        recent = ["Yes", "Yes", "Yes", "Yes", "Yes", "Yes"]
        severity = 5
    lifetime_attempt = "Yes (2017, overdose)" if chance(rng, 0.7) else "No"
    items = (
        "Wish to be dead",
        "Non-specific active suicidal thoughts",
        "Active ideation with any method (no plan)",
        "Active ideation with some intent",
        "Active ideation with specific plan and intent",
        "Suicidal behavior (preparatory acts, attempts)",
    )
    lines = [
        f"{program}",
        "COLUMBIA PROTOCOL - RISK ASSESSMENT FLOWSHEET",
        f"Patient: {m.who.full}    Date: {fmt(day)}    Setting: IOP",
        "",
        f"{'Item':<50}{'Since last visit':<18}Lifetime",
    ]
    for i, (item, now) in enumerate(zip(items, recent, strict=True)):
        life = lifetime_attempt if i == 5 else ("Yes" if i < 2 else "No")
        lines.append(f"{item:<50}{now:<18}{life}")
    lines += ["", f"Ideation severity (since last visit): {severity}", "", "Formulation:"]
    if v == 0:
        text = (
            "Overall acute risk LOW. No current ideation, plan, intent or preparatory "
            "behavior; the 2017 overdose is history only. IOP remains appropriate and "
            "24-hour observation is not indicated."
            if lifetime_attempt != "No"
            else "Overall acute risk LOW. No current ideation, plan, intent or preparatory "
            "behavior. IOP remains appropriate and 24-hour observation is not indicated."
        )
        risk = GoldRisk(False, False)
    elif v == 1:
        text = (
            "Overall acute risk MODERATE: passive wish to be dead this week. Collaborative "
            "safety plan updated."
        )
        risk = GoldRisk(None, None)
    elif v == 2:
        text = (
            f"Overall acute risk HIGH. {m.She} has a plan to hang {m.him}self this weekend, "
            f"intends to act and bought rope yesterday. Needs inpatient admission; "
            "transported to the emergency department by ambulance."
        )
        risk = GoldRisk(True, True)
    else:
        text = (
            f"{m.She} is not at imminent risk of harm to self or others and does not meet "
            "criteria for inpatient admission. Continue weekly screening."
        )
        risk = GoldRisk(False, False)
    lines += wrap(text, 90, indent="  ", first="  ")
    lines.append("")
    t = clock(rng, lo=11, hi=16)
    sv = rng.randrange(3)
    signers = [assessor.gold()]
    if sv == 0:
        lines.append(f"[E-SIGNATURE] {assessor.signed} | {fmt(day)} {t}")
        lines.append(f"Reviewed and co-signed by {boss.signed} | {fmt(day)}")
        signers.append(boss.gold())
    elif sv == 1:
        lines.append(f"Assessment completed by {assessor.signed} on {fmt(day)} at {t}")
        lines.append("Clinical supervisor review: pending")
        signers.append(GoldSigner("Clinical supervisor", None, signed=False))
    else:
        lines.append(f"Assessment completed by {assessor.signed} on {fmt(day)} at {t}")
    doc = txt(f"CSSRS_Risk_Flowsheet_{day:%Y-%m-%d}.txt", "\n".join(lines))
    return doc, DocGold(
        file=doc.name,
        kind="risk_assessment",
        date=day,
        signers=tuple(signers),
        risk=risk,
        scores=(GoldScore("C-SSRS", severity),),
    )


def render(rng: random.Random) -> DocChart:
    people = People(rng)
    program = pick(rng, PROGRAMS)
    m = member(people)
    adm = admission(rng)
    # two exports of the same weeks, in two layouts, each with its own instruments
    chosen = rng.sample(POOL, 5)
    days = [plus(adm, 7 * k) for k in range(3)]
    files: list[DocFile] = []
    gold: list[DocGold] = []
    for v, scales in zip(rng.sample(range(3), 2), (chosen[:3], chosen[3:]), strict=True):
        series = _series(rng, tuple(scales), len(days))
        sheet, sheet_gold = _flowsheet(rng, program, m, series, days, v)
        files.append(sheet)
        gold.append(sheet_gold)
    nurse = people.person("RN")
    used: set[str] = set()
    scale: Instrument = pick(rng, ("PHQ-9", "GAD-7"))
    before = rng.randrange(SCALES[scale][1], SCALES[scale][2] + 1)
    for k, status in enumerate(story(rng)):
        day = plus(adm, 7 * k + pick(rng, (1, 2, 3)))
        now = max(0, before - rng.randrange(1, 4))
        doc, g = _check_in(
            rng,
            program,
            m,
            day,
            plus(day, -7),
            scale,
            now,
            before,
            status,
            used,
            nurse,
        )
        files.append(doc)
        gold.append(g)
        before = now
    risk_doc, risk_gold = _risk(rng, people, program, m, plus(adm, rng.randrange(0, 10)))
    files.append(risk_doc)
    gold.append(risk_gold)
    return DocChart(files=tuple(files), gold=tuple(gold))


FAMILY = DocFamily(
    name="f3-measurement-flowsheet",
    split="dev",
    description=(
        "Measurement-based-care IOP: a rating-scale flowsheet export (wide CSV, fixed-width "
        "grid with two-digit-year dates and a target column, a long list of totals), "
        "nursing check-ins giving today's and an earlier dated score in sentences with a "
        "participation line and a conditional PHP referral, and a Columbia-protocol risk "
        "flowsheet (since last visit vs lifetime) with its formulation and signers."
    ),
    conventions=(
        "a column per instrument, 'refused' or empty cells; a row per instrument, MM/DD/YY dates",
        "a Target column ('<10') and a PHQ-9 item 9 answer that are not scores",
        "'Completed the GAD-7 today, total 12 (was 15 on ...)'; 'Repeat PHQ-9: 11. Prior ...'",
        "'If the PHQ-9 climbs above 20 ... consider referral to partial hospitalization'",
        "PHQ-9, GAD-7, PCL-5, AUDIT-C, DAST-10, BAM, C-SSRS ideation severity",
        "lifetime attempt in a Lifetime column vs No since last visit",
        "LOW / MODERATE only / HIGH with plan, intent and rope / 'not at imminent risk'",
        "[E-SIGNATURE] stamp, 'Reviewed and co-signed by', 'supervisor review: pending'",
    ),
    render=render,
    tags=("flowsheet", "scores", "risk", "csv", "txt"),
)
