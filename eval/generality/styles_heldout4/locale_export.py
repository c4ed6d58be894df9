"""A service record exported with a German or French locale: dd.mm.yyyy or dd/mm/yyyy
dates, 24-hour clocks ("09:00 Uhr", "9h00"), decimal commas, semicolon-separated CSV, and
service names, attendance words and absence reasons in the locale's language, with the
CPT code where the service has one.

Variants: a semicolon CSV "Leistungsnachweis" / "Relevé des prestations"; a PDF listing
with one block per day; a fixed-width text report. The member's late arrival or early
departure is a remark ("verspätet, anwesend ab 09:20" / "arrivée tardive à 9h20") and the
duration column is the member's own minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.facts import Attendance, ServiceKind
from eval.generality.model import Family, PlannedSession, RenderedChart, Scenario
from eval.generality.styles_heldout4._kit import (
    Bold,
    ChartBuilder,
    PdfLine,
    by_day,
    dmy_dot,
    dmy_slash,
    facilitator_text,
    is_group,
    paginate,
    pdf,
    t24,
    t_fr,
    video,
)


@dataclass(frozen=True)
class _Locale:
    lang: str
    titles: dict[str, str]
    attendance: dict[Attendance, str]
    reasons: dict[str, str]
    weekdays: tuple[str, ...]
    words: dict[str, str]


DE = _Locale(
    lang="de",
    titles={
        "Process Group": "Gruppenpsychotherapie - Prozessgruppe",
        "Group Psychotherapy": "Gruppenpsychotherapie",
        "CBT Group": "Gruppenpsychotherapie - KVT-Gruppe",
        "Relapse Prevention Group": "Gruppenpsychotherapie - Rückfallprävention",
        "Trauma Processing Group": "Gruppenpsychotherapie - Traumabearbeitung",
        "Interpersonal Process Group": "Gruppenpsychotherapie - Interpersonelle Gruppe",
        "Psychoeducation Group": "Psychoedukative Gruppe",
        "Wellness Education Group": "Psychoedukative Gruppe - Gesundheit",
        "Medication Education Group": "Psychoedukative Gruppe - Medikamente",
        "Recovery Education Group": "Psychoedukative Gruppe - Genesung",
        "Lunch": "Mittagessen (nicht abrechenbar)",
        "Individual Therapy": "Einzelpsychotherapie",
        "Family Therapy": "Familientherapie",
        "Case Management": "Fallmanagement (Case Management)",
        "Medication Management": "Medikamentenmanagement (ärztlich)",
    },
    attendance={
        Attendance.ATTENDED: "anwesend",
        Attendance.ABSENT: "abwesend",
        Attendance.NO_SHOW: "nicht erschienen (No-Show)",
        Attendance.CANCELLED: "abgesagt",
    },
    reasons={
        "no call, no show": "ohne Abmeldung",
        "did not answer outreach calls": "telefonisch nicht erreichbar",
        "called in sick": "krank gemeldet",
        "family emergency": "familiärer Notfall",
        "medical appointment": "Arzttermin",
        "transportation fell through": "Fahrdienst ausgefallen",
        "left the program early": "Programm vorzeitig verlassen",
    },
    weekdays=("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    words={
        "title": "Leistungsnachweis Intensiv-Ambulante Behandlung (IOP)",
        "patient": "Patient(in)",
        "dob": "Geburtsdatum",
        "id": "Versichertennr.",
        "admit": "Aufnahmedatum",
        "discharge": "Entlassdatum",
        "dx": "Diagnose",
        "date": "Datum",
        "day": "Tag",
        "start": "Beginn",
        "end": "Ende",
        "minutes": "Dauer (Min.)",
        "hours": "Std.",
        "service": "Leistung",
        "code": "Code",
        "attendance": "Anwesenheit",
        "mode": "Modus",
        "size": "Teilnehmer",
        "staff": "Therapeut(in)",
        "remark": "Bemerkung",
        "video": "Video (Telemedizin)",
        "onsite": "vor Ort",
        "late": "verspätet, anwesend ab {t}",
        "early": "vorzeitig gegangen um {t}",
        "clock": "{t} Uhr",
        "closed": "Feiertag - Einrichtung geschlossen",
        "page": "Seite {page} von {pages}",
    },
)
FR = _Locale(
    lang="fr",
    titles={
        "Process Group": "Psychothérapie de groupe - groupe de processus",
        "Group Psychotherapy": "Psychothérapie de groupe",
        "CBT Group": "Psychothérapie de groupe - TCC",
        "Relapse Prevention Group": "Psychothérapie de groupe - prévention de la rechute",
        "Trauma Processing Group": "Psychothérapie de groupe - trauma",
        "Interpersonal Process Group": "Psychothérapie de groupe - interpersonnel",
        "Psychoeducation Group": "Groupe de psychoéducation",
        "Wellness Education Group": "Groupe de psychoéducation - bien-être",
        "Medication Education Group": "Groupe de psychoéducation - médicaments",
        "Recovery Education Group": "Groupe de psychoéducation - rétablissement",
        "Lunch": "Déjeuner (non facturable)",
        "Individual Therapy": "Psychothérapie individuelle",
        "Family Therapy": "Thérapie familiale",
        "Case Management": "Gestion de cas",
        "Medication Management": "Suivi médicamenteux (médecin)",
    },
    attendance={
        Attendance.ATTENDED: "présent(e)",
        Attendance.ABSENT: "absent(e)",
        Attendance.NO_SHOW: "ne s'est pas présenté(e) (no-show)",
        Attendance.CANCELLED: "annulé par le patient",
    },
    reasons={
        "no call, no show": "sans prévenir",
        "did not answer outreach calls": "injoignable par téléphone",
        "called in sick": "malade",
        "family emergency": "urgence familiale",
        "medical appointment": "rendez-vous médical",
        "transportation fell through": "problème de transport",
        "left the program early": "a quitté le programme plus tôt",
    },
    weekdays=("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    words={
        "title": "Relevé des prestations - Programme intensif ambulatoire (IOP)",
        "patient": "Patient(e)",
        "dob": "Date de naissance",
        "id": "N° d'assuré",
        "admit": "Date d'admission",
        "discharge": "Date de sortie",
        "dx": "Diagnostic",
        "date": "Date",
        "day": "Jour",
        "start": "Début",
        "end": "Fin",
        "minutes": "Durée (min)",
        "hours": "h",
        "service": "Prestation",
        "code": "Code",
        "attendance": "Présence",
        "mode": "Modalité",
        "size": "Participants",
        "staff": "Intervenant(e)",
        "remark": "Remarque",
        "video": "téléconsultation (vidéo)",
        "onsite": "en présentiel",
        "late": "arrivée tardive à {t}",
        "early": "départ anticipé à {t}",
        "clock": "{t}",
        "closed": "jour férié - établissement fermé",
        "page": "Page {page} / {pages}",
    },
)


def _staff(scn: Scenario, s: PlannedSession) -> str:
    if s.facilitators:
        return facilitator_text(s, " / ")
    if s.kind is ServiceKind.MEDICATION_MANAGEMENT:
        return f"{scn.physician.name}, {scn.physician.credential}"
    if s.kind in (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING):
        return f"{scn.therapists[0].name}, {scn.therapists[0].credential}"
    return ""


def _fields(scn: Scenario, s: PlannedSession, loc: _Locale) -> dict[str, str]:
    tf = t_fr if loc.lang == "fr" else t24
    datef = dmy_slash if loc.lang == "fr" else dmy_dot
    remark: list[str] = []
    if s.member_start:
        remark.append(loc.words["late"].format(t=tf(s.member_start)))
    if s.member_end:
        remark.append(loc.words["early"].format(t=tf(s.member_end)))
    if s.absence_reason:
        remark.append(loc.reasons[s.absence_reason])
    return {
        "date": datef(s.date),
        "day": loc.weekdays[s.date.weekday()],
        "start": tf(s.start),
        "end": tf(s.end),
        "minutes": str(int(s.minutes)) if s.attended else "0",
        "service": loc.titles[s.title],
        "code": s.cpt or "",
        "attendance": loc.attendance[s.attendance],
        "mode": loc.words["video"] if video(s) else loc.words["onsite"],
        "size": str(s.group_size) if (s.attended and is_group(s) and s.group_size) else "",
        "staff": _staff(scn, s),
        "remark": "; ".join(remark),
    }


COLS = (
    "date",
    "day",
    "start",
    "end",
    "minutes",
    "service",
    "code",
    "attendance",
    "mode",
    "size",
    "staff",
    "remark",
)


def _head(scn: Scenario, loc: _Locale, stated: bool) -> list[str]:
    datef = dmy_slash if loc.lang == "fr" else dmy_dot
    w = loc.words
    m = scn.member
    lines = [
        w["title"],
        scn.program,
        f"{w['patient']}: {m.last}, {m.first}   {w['dob']}: {datef(m.date_of_birth)}   "
        f"{w['id']}: {m.member_id}",
        f"{w['dx']}: {scn.diagnosis_code} ({scn.diagnosis_name})",
    ]
    if stated:
        lines.append(
            f"{w['admit']}: {datef(scn.admission_date)}   "
            f"{w['discharge']}: {datef(scn.discharge_date)}"
        )
    return lines


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    b = ChartBuilder(scn)
    index = scn.seed % 100
    loc = (DE, FR)[index % 2]
    variant = ("csv", "pdf", "txt")[index % 3]
    stated = rng.random() < 0.65
    w = loc.words
    datef = dmy_slash if loc.lang == "fr" else dmy_dot
    head = _head(scn, loc, stated)

    def doc(s: PlannedSession, name: str) -> None:
        b.doc(
            s,
            name,
            length=True,
            member_times=True,
            modality=s.attended or variant != "pdf",
            group_size=s.attended,
            facilitators=True,
        )

    if variant == "csv":
        name = "leistungsnachweis.csv" if loc.lang == "de" else "releve_prestations.csv"
        lines = [f"# {line}" for line in head]
        lines.append(";".join(w[c] for c in COLS))
        rows: list[tuple[dt.date, str]] = []
        for s in scn.sessions:
            f = _fields(scn, s, loc)
            rows.append((s.date, ";".join(f[c].replace(";", ",") for c in COLS)))
            doc(s, name)
        for d in scn.closed_days:
            row = f"{datef(d)};{loc.weekdays[d.weekday()]};;;0;{w['closed']};;;;;;"
            rows.append((d, row))
        lines += [row for _, row in sorted(rows, key=lambda r: r[0])]
        b.add_text(name, "\ufeff" + "\r\n".join(lines) + "\r\n")
    elif variant == "pdf":
        name = "behandlungsverlauf.pdf" if loc.lang == "de" else "historique_prestations.pdf"
        body: list[PdfLine] = []
        closed = set(scn.closed_days)
        days = by_day(scn)
        all_days = sorted({d for d, _ in days} | closed)
        sessions_of = dict(days)
        for d in all_days:
            body.append(Bold(f"{loc.weekdays[d.weekday()]} {datef(d)}"))
            if d in closed:
                body.append(f"    {w['closed']}")
            for s in sessions_of.get(d, []):
                f = _fields(scn, s, loc)
                clock = w["clock"]
                rng_text = f"{clock.format(t=f['start'])} - {clock.format(t=f['end'])}"
                line = f"    {rng_text}   {f['service']}"
                if f["code"]:
                    line += f" [{f['code']}]"
                body.append(line)
                detail = f"        {w['attendance']}: {f['attendance']}"
                if s.attended:
                    detail += f"; {w['minutes']}: {f['minutes']}; {w['mode']}: {f['mode']}"
                if f["size"]:
                    detail += f"; {w['size']}: {f['size']}"
                body.append(detail)
                extra = "; ".join(x for x in (f["staff"], f["remark"]) if x)
                if extra:
                    body.append(f"        {extra}")
                doc(s, name)
        header: list[PdfLine] = [Bold(head[0]), *head[1:], ""]
        b.add_bytes(name, pdf(paginate(body, per_page=58, header=header, footer=w["page"])))
    else:
        name = "leistungen_export.txt" if loc.lang == "de" else "prestations_export.txt"
        widths = {
            "date": 11,
            "day": 5,
            "start": 7,
            "end": 7,
            "minutes": 6,
            "service": 54,
            "code": 7,
            "attendance": 0,
        }
        lines = [*head, ""]
        hdr = "".join(
            (w[c] if c != "minutes" else ("Min." if loc.lang == "de" else "min")).ljust(n)
            if n
            else w[c]
            for c, n in widths.items()
        )
        lines += [hdr, "-" * len(hdr)]
        for s in scn.sessions:
            f = _fields(scn, s, loc)
            row = "".join((f[c] + " ").ljust(n) if n else f[c] for c, n in widths.items())
            lines.append(row.rstrip())
            sub = [f"{w['mode']}: {f['mode']}"]
            if f["size"]:
                sub.append(f"{w['size']}: {f['size']}")
            if f["staff"]:
                sub.append(f["staff"])
            if f["remark"]:
                sub.append(f"{w['remark']}: {f['remark']}")
            lines.append(" " * 16 + " | ".join(sub))
            doc(s, name)
        b.add_text(name, "\n".join(lines) + "\n")
    return b.build(admission_stated=stated, discharge_stated=stated)


FAMILY = Family(
    name="h4-locale-export",
    split="heldout",
    description=(
        "German or French locale service export: dd.mm.yyyy / dd/mm/yyyy dates, 24-hour or "
        "9h00 clocks, localized service names, attendance words and reasons; semicolon CSV "
        "with BOM, paged PDF listing or fixed-width text"
    ),
    conventions=(
        "dates dd.mm.yyyy and dd/mm/yyyy (day first)",
        "times '09:00 Uhr' and '9h00'",
        "service names in German/French with CPT where billed",
        "attendance 'anwesend'/'nicht erschienen'/'abgesagt', 'présent(e)'/'annulé'",
        "semicolon CSV with comment header lines and UTF-8 BOM",
        "member's own minutes in the duration column, arrival in a remark",
        "holiday rows without a service",
    ),
    render=render,
)
