"""Progress notes stored as XML documents.

Some EHRs keep each signed note as an XML document and hand them over as such:
``<Note>`` with a ``<Header>`` (client, note type, service code and name, date of service,
times, attendance, location, participants, facilitators), a ``<Body>`` of named
``<Section name="Data">`` ... sections following the note template (DAP, BIRP or SOAP),
and a ``<Signature>`` (signer, credential, signed date-time). A discharge summary is one
more ``<Note>`` whose header holds the admission and discharge dates.

Variants (seed-picked):

- ``per_note``: one file per note; header ``DateOfService`` / ``StartTime`` / ``EndTime``
  (the group's times), a late arrival or early departure said in the Data section;
- ``monthly_batch``: a ``<NoteBatch>`` file per month; header ``StartTime`` (the client's
  own) and ``Duration`` as ISO 8601 (``PT1H10M``), a missed session's
  ``ScheduledDuration`` only;
- ``body_times``: one file per note; the header has the date of service but no times and
  no attendance field: the times are in the Data section's text, an attended note shows
  the client taking part, a missed-session note says what happened; no discharge summary;
- ``weekly_fields``: a batch file per week whose header is generic
  ``<Field name="DateOfService">`` name/value pairs (``TimeIn``, ``TimeOut``,
  ``ScheduledTime``), dates as MM/DD/YYYY.
"""

from __future__ import annotations

import datetime as dt
import random

from core.facts import Modality, ServiceKind
from eval.generality.model import (
    ChartFile,
    Family,
    PlannedSession,
    RenderedChart,
    Scenario,
    Staff,
    Written,
)
from eval.generality.styles_dev5 import _kit as k

X = k.xml_text
A = k.xml_attr

SECTIONS = {
    "DAP": ("Data", "Assessment", "Plan"),
    "BIRP": ("Behavior", "Intervention", "Response", "Plan"),
    "SOAP": ("Subjective", "Objective", "Assessment", "Plan"),
}
NOTE_TYPES = {
    ServiceKind.GROUP_PSYCHOTHERAPY: "Group Therapy Progress Note",
    ServiceKind.GROUP_EDUCATION: "Psychoeducation Group Note",
    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY: "Individual Therapy Progress Note",
    ServiceKind.FAMILY_COUNSELING: "Family Therapy Session Note",
    ServiceKind.CASE_MANAGEMENT: "Case Management Note",
    ServiceKind.MEDICATION_MANAGEMENT: "Medication Management Note",
}
INTERVENTIONS = (
    "Facilitator reviewed the skill, modeled it and led a role play.",
    "Psychoeducation with handout; guided discussion; Socratic questioning.",
    "Validated feelings, reflected themes, and redirected to the group task.",
    "Introduced the worksheet and coached members through an example.",
)
OBJECTIVE = (
    "Alert and oriented; affect congruent; speech normal rate and volume.",
    "Appropriately groomed; mood described as 'okay'; affect mildly constricted.",
    "Calm and cooperative; no evidence of acute distress.",
)


def render(scn: Scenario, rng: random.Random) -> RenderedChart:
    variant = ("per_note", "monthly_batch", "body_times", "weekly_fields")[scn.seed % 4]
    template = rng.choice(tuple(SECTIONS))
    show_location = rng.random() < 0.6
    show_census = rng.random() < 0.6
    clock12 = rng.random() < 0.6
    member = scn.member
    sessions = k.services(scn)
    safe = member.last.encode("ascii", "ignore").decode()
    org = scn.program
    fields_mode = variant == "weekly_fields"

    def tt(t: dt.time) -> str:
        return k.t12(t) if clock12 else k.t24(t)

    def location(s: PlannedSession) -> str:
        if s.modality is Modality.VIDEO:
            return "Telehealth - video (client at home)"
        if s.modality is Modality.AUDIO:
            return "Telephone (audio only)"
        return "In person - clinic"

    signed_at: dict[int, dt.datetime] = {}
    for s in sessions:
        signed_at[s.index] = k.signed_after(rng, s, 0, 2).replace(second=rng.randint(0, 59))

    # the first session after each day the program was closed (its note mentions it)
    after_closure: dict[int, dt.date] = {}
    for d in scn.closed_days:
        nxt = next((s for s in sessions if s.date > d), None)
        if nxt is not None:
            after_closure.setdefault(nxt.index, d)

    def staff_of(s: PlannedSession) -> tuple[Staff, ...]:
        return k.rendering_staff(scn, s)

    # ------------------------------------------------------------------ body text
    def times_sentence(s: PlannedSession) -> str:
        """The Data section's sentence with the session's times (body_times variant)."""
        what = "Group met" if s.is_group else "Session held"
        if not s.attended:
            return f"{'Group was held' if s.is_group else 'Session was scheduled'} " + (
                f"{tt(s.start)} to {tt(s.end)}."
            )
        text = f"{what} {tt(s.start)} to {tt(s.end)}."
        if s.member_start is not None:
            text += f" Client arrived at {tt(s.member_start)} and stayed to the end."
        if s.member_end is not None:
            text += f" Client left at {tt(s.member_end)}, before the end of group."
        return text

    def late_sentence(s: PlannedSession) -> str:
        """A late arrival / early departure in words (per_note variant)."""
        parts = []
        if s.member_start is not None:
            late = k.minute_of(s.member_start) - k.minute_of(s.start)
            parts.append(f"Client arrived at {tt(s.member_start)}, {late} minutes after start.")
        if s.member_end is not None:
            parts.append(f"Client left early at {tt(s.member_end)} (appointment).")
        return " ".join(parts)

    def body(s: PlannedSession) -> list[tuple[str, str]]:
        names = SECTIONS[template]
        lead = ""
        if variant == "body_times":
            lead = times_sentence(s) + " "
            staff = staff_of(s)
            who = "; ".join(k.staff_full(x) for x in staff)
            lead += f"{'Facilitated by' if s.is_group else 'Clinician:'} {who}. "
            if show_location and s.attended:
                lead += f"Location: {location(s)}. "
            if show_census and s.attended and s.is_group and s.group_size:
                lead += f"{s.group_size} clients present. "
            if s.index in after_closure:
                d = after_closure[s.index]
                lead = (
                    f"First session since the program was closed on {k.mdy(d)} "
                    f"({k.holiday_name(d)}). " + lead
                )
        elif variant == "per_note" and s.attended and k.member_differs(s):
            lead = late_sentence(s) + " "
        if not s.attended:
            texts = {
                "Data": k.absence_sentence(s),
                "Behavior": k.absence_sentence(s),
                "Subjective": k.absence_sentence(s),
                "Objective": "Client not present.",
                "Intervention": "Outreach per missed-session protocol.",
                "Assessment": "Unable to assess; client not seen.",
                "Response": "N/A - client not present.",
                "Plan": "Continue IOP schedule; address attendance at next contact.",
            }
        else:
            story = k.narrative(rng, s)
            texts = {
                "Data": story,
                "Behavior": story,
                "Subjective": story,
                "Objective": k.pick(rng, OBJECTIVE),
                "Intervention": k.pick(rng, INTERVENTIONS),
                "Assessment": k.pick(rng, k.RESPONSE) + " " + k.pick(rng, k.GOAL),
                "Response": k.pick(rng, k.RESPONSE) + " " + k.pick(rng, k.GOAL),
                "Plan": k.pick(rng, k.PLAN),
            }
        out = [(n, texts[n]) for n in names]
        out[0] = (out[0][0], lead + out[0][1])
        return out

    # ------------------------------------------------------------------ header
    def header(s: PlannedSession) -> list[tuple[str, str]]:
        """(field, value) of the note header (value "" for an empty element)."""
        code, _, _ = k.billing_code(s)
        a, b = k.session_span(s)
        note_type = NOTE_TYPES[s.kind] if s.attended else "Missed Session Note"
        dos = k.mdy(s.date) if fields_mode else s.date.isoformat()
        rows: list[tuple[str, str]] = [
            ("NoteType", note_type),
            ("ServiceCode", code),
            ("ServiceName", k.service_label(s)),
            ("DateOfService", dos),
        ]
        if variant == "per_note":
            rows += [("StartTime", k.t24(s.start)), ("EndTime", k.t24(s.end))]
        elif variant == "monthly_batch":
            if s.attended:
                rows += [
                    ("StartTime", f"{k.t24(a)}:00"),
                    ("Duration", k.iso_duration(s.minutes)),
                ]
            else:
                rows += [
                    ("StartTime", f"{k.t24(s.start)}:00"),
                    ("ScheduledDuration", k.iso_duration(s.scheduled_minutes)),
                ]
        elif fields_mode:
            rows.append(("ScheduledTime", f"{k.t12(s.start)} - {k.t12(s.end)}"))
            rows += [
                ("TimeIn", k.t12(a) if s.attended else ""),
                ("TimeOut", k.t12(b) if s.attended else ""),
            ]
        if variant != "body_times":
            rows.append(("AttendanceStatus", k.attendance_word(s.attendance, s.index % 3)))
            if show_location and s.attended:
                rows.append(("Location", location(s)))
            if show_census and s.is_group:
                rows.append(("NumberOfParticipants", str(s.group_size) if s.attended else ""))
        return rows

    def header_xml(s: PlannedSession, ind: str) -> list[str]:
        out = [f"{ind}<Header>"]
        j = ind + "  "
        if fields_mode:
            client = [
                ("ClientName", f"{member.last}, {member.first}"),
                ("ClientID", member.member_id),
                ("DOB", k.mdy(member.date_of_birth)),
                ("Program", org),
            ]
            for name, value in [*client, *header(s)]:
                if value:
                    out.append(f'{j}<Field name="{name}">{X(value)}</Field>')
                else:
                    out.append(f'{j}<Field name="{name}"/>')
            staff = staff_of(s)
            label = "Facilitator" if s.is_group else "Clinician"
            for n, st in enumerate(staff, 1):
                value = k.staff_full(st)
                out.append(
                    f'{j}<Field name="{label}{n if len(staff) > 1 else ""}">{X(value)}</Field>'
                )
        else:
            out += [
                f"{j}<Organization>{X(org)}</Organization>",
                f"{j}<Client>",
                f"{j}  <ClientName>{X(member.last)}, {X(member.first)}</ClientName>",
                f"{j}  <ClientId>{member.member_id}</ClientId>",
                f"{j}  <DateOfBirth>{member.date_of_birth.isoformat()}</DateOfBirth>",
                f"{j}</Client>",
            ]
            for name, value in header(s):
                out.append(f"{j}<{name}>{X(value)}</{name}>" if value else f"{j}<{name}/>")
            if variant != "body_times":
                tag = "Facilitators" if s.is_group else "Providers"
                one = "Facilitator" if s.is_group else "Provider"
                out.append(f"{j}<{tag}>")
                for st in staff_of(s):
                    out.append(
                        f"{j}  <{one}><Name>{X(st.name)}</Name>"
                        f"<Credential>{X(st.credential)}</Credential></{one}>"
                    )
                out.append(f"{j}</{tag}>")
        out.append(f"{ind}</Header>")
        return out

    def note_xml(s: PlannedSession, ind: str, *, top: bool) -> list[str]:
        note_id = f"N{rng.randint(10_000_000, 99_999_999)}"
        tmpl = f"IOP {'Group' if s.is_group else 'Session'} Note - {template}"
        ns = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' if top else ""
        out = [f'{ind}<Note{ns} noteId="{note_id}" template="{A(tmpl)}" status="Final">']
        out += header_xml(s, ind + "  ")
        out.append(f"{ind}  <Body>")
        for name, text in body(s):
            out.append(f'{ind}    <Section name="{name}">{X(text)}</Section>')
        out.append(f"{ind}  </Body>")
        signer = staff_of(s)[0]
        out += [
            f"{ind}  <Signature>",
            f"{ind}    <SignedBy>{X(signer.name)}</SignedBy>",
            f"{ind}    <Credential>{X(signer.credential)}</Credential>",
            f"{ind}    <SignedDateTime>{signed_at[s.index].isoformat()}</SignedDateTime>",
            f"{ind}    <Method>Electronic</Method>",
            f"{ind}  </Signature>",
            f"{ind}</Note>",
        ]
        return out

    def discharge_xml(ind: str, signed: dt.datetime, *, top: bool) -> list[str]:
        therapist = scn.therapists[0]
        ns = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' if top else ""
        adm = k.mdy(scn.admission_date) if fields_mode else scn.admission_date.isoformat()
        dis = k.mdy(scn.discharge_date) if fields_mode else scn.discharge_date.isoformat()
        closures = "; ".join(f"{k.mdy(d)} ({k.holiday_name(d)})" for d in scn.closed_days)
        course = (
            "Client completed the Intensive Outpatient Program and met the criteria for "
            "step-down. Attendance and participation are documented in the session notes."
        )
        if closures:
            course += f" The program was closed on {closures}; no services were scheduled."
        out = [
            f'{ind}<Note{ns} noteId="DC{rng.randint(1000000, 9999999)}" '
            f'template="IOP Discharge Summary" status="Final">',
            f"{ind}  <Header>",
        ]
        j = ind + "    "
        pairs = [
            ("NoteType", "Discharge Summary"),
            ("ClientName", f"{member.last}, {member.first}"),
            ("ClientId", member.member_id),
            ("AdmissionDate", adm),
            ("DischargeDate", dis),
            ("Diagnosis", f"{scn.diagnosis_code} {scn.diagnosis_name}"),
            ("DischargeType", "Completed program"),
        ]
        for name, value in pairs:
            if fields_mode:
                out.append(f'{j}<Field name="{name}">{X(value)}</Field>')
            else:
                out.append(f"{j}<{name}>{X(value)}</{name}>")
        out += [
            f"{ind}  </Header>",
            f"{ind}  <Body>",
            f'{ind}    <Section name="Course of Treatment">{X(course)}</Section>',
            f'{ind}    <Section name="Discharge Plan">Step down to weekly outpatient therapy; '
            f"follow up with psychiatry in 2 weeks.</Section>",
            f"{ind}  </Body>",
            f"{ind}  <Signature>",
            f"{ind}    <SignedBy>{X(therapist.name)}</SignedBy>",
            f"{ind}    <Credential>{X(therapist.credential)}</Credential>",
            f"{ind}    <SignedDateTime>{signed.isoformat()}</SignedDateTime>",
            f"{ind}    <Method>Electronic</Method>",
            f"{ind}  </Signature>",
            f"{ind}</Note>",
        ]
        return out

    decl = '<?xml version="1.0" encoding="utf-8"?>'

    def doc(lines: list[str]) -> bytes:
        return ("\n".join([decl, *lines]) + "\n").encode("utf-8")

    def batch(members: list[PlannedSession], attrs: str, extra: list[str]) -> bytes:
        lines = [
            f'<NoteBatch xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" {attrs} '
            f'count="{len(members) + (1 if extra else 0)}">'
        ]
        for s in members:
            lines += note_xml(s, "  ", top=False)
        lines += extra
        lines.append("</NoteBatch>")
        return doc(lines)

    files: list[ChartFile] = []
    file_of: dict[int, str] = {}
    dc_signed = dt.datetime.combine(
        k.later(scn.discharge_date, rng, 0, 4), dt.time(rng.randint(9, 17), rng.randint(0, 59))
    )
    exported = k.later(dc_signed.date(), rng, 2, 20)
    if variant in ("per_note", "body_times"):
        for s in sessions:
            kind_tag = "Missed" if not s.attended else NOTE_TYPES[s.kind].split()[0]
            name = f"{safe}_{s.date:%Y%m%d}_{k.t24(s.start, colon=False)}_{kind_tag}.xml"
            files.append(ChartFile(name, doc(note_xml(s, "", top=True))))
            file_of[s.index] = name
        if variant == "per_note":
            files.append(
                ChartFile(
                    f"{safe}_{scn.discharge_date:%Y%m%d}_DischargeSummary.xml",
                    doc(discharge_xml("", dc_signed, top=True)),
                )
            )
    else:
        groups: dict[dt.date, list[PlannedSession]] = {}
        for s in sessions:
            if variant == "monthly_batch":
                key = s.date.replace(day=1)
            else:
                key = s.date - dt.timedelta(days=s.date.weekday())
            groups.setdefault(key, []).append(s)
        keys = sorted(groups)
        for n, key in enumerate(keys):
            members = groups[key]
            last = n == len(keys) - 1
            extra = discharge_xml("  ", dc_signed, top=False) if last else []
            if variant == "monthly_batch":
                name = f"{safe}_{member.member_id}_notes_{key:%Y-%m}.xml"
                attrs = f'period="{key:%Y-%m}" exportedOn="{exported.isoformat()}"'
            else:
                name = f"{safe}_notes_week_of_{key:%Y%m%d}.xml"
                attrs = f'weekOf="{k.mdy(key)}" exportedOn="{k.mdy(exported)}"'
            files.append(ChartFile(name, batch(members, attrs, extra)))
            for s in members:
                file_of[s.index] = name

    body_only = variant == "body_times"
    written = [
        Written(
            session=s.index,
            files=(file_of[s.index],),
            states_attendance=not body_only or not s.attended,
            implied_attended=body_only and s.attended,
            states_modality=show_location and s.attended,
            states_group_size=show_census and s.attended and s.is_group,
            states_facilitators=True,
        )
        for s in sessions
    ]
    latest = max(
        [s.date for s in sessions] + [v.date() for v in signed_at.values()],
        default=scn.discharge_date,
    )
    stated = not body_only
    return RenderedChart(
        files=tuple(files),
        written=tuple(written),
        admission_stated=stated,
        discharge_stated=stated,
        latest_document_date=dc_signed.date() if stated else latest,
    )


FAMILY = Family(
    name="d5-xml-note-documents",
    split="dev",
    description=(
        "Progress notes kept as XML documents (<Note><Header/><Body><Section name=...>"
        "</Body><Signature/></Note>), one file per note or batched per week or month, the "
        "service date and times in header fields (StartTime/EndTime, StartTime + ISO "
        "Duration, generic <Field name=...> pairs) or only in the note's text."
    ),
    conventions=(
        '<Note><Header><DateOfService/>... <Body><Section name="Data">',
        "DAP / BIRP / SOAP section names",
        "header StartTime/EndTime with the late arrival said in the Data section",
        "StartTime + Duration PT1H10M (client's own), ScheduledDuration for missed",
        "times only in the body text, no attendance field, no discharge summary",
        'generic <Field name="TimeIn"> header pairs, MM/DD/YYYY dates',
        "<NoteBatch> files per month or per week",
        "<Signature> with signer, credential and signed date-time",
    ),
    render=render,
)
