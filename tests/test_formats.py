"""Documents exported as markup (ingest/formats): the text an HTML printout or an RTF note
dump prints, exactly, and its loading as a chart document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.grounding import evidence_problem, iter_evidence
from ingest.formats import render_html, render_json, render_rtf, render_xml
from ingest.loader import load_chart
from pipeline.review import review_chart

HTML_CASES = [
    pytest.param(
        "<html><head><title>Chart Print</title><style>.x{color:red}</style>"
        "<script>var a = 1;</script></head><body><h1>Group Note</h1><p>Client attended.</p>"
        "</body></html>",
        "Group Note\nClient attended.\n",
        id="head-script-style-print-nothing",
    ),
    pytest.param(
        '<div class="field"><span class="label">Start Time</span>'
        '<span class="value">09:00&nbsp;AM</span></div>'
        '<div class="field"><span class="label">Client</span><span>Ana  Ruiz</span></div>',
        "Start Time\t09:00 AM\nClient\tAna Ruiz\n",
        id="touching-spans-are-tab-separated",
    ),
    pytest.param(
        "<table><tr><th>Date</th><th>Time</th><th>Staff</th></tr>"
        "<tr><td>04/14/2025</td><td>1300 &ndash; 1430</td><td>S. Ferreira, PsyD<br>G. Oy, RN"
        "</td></tr></table>",
        "Date\tTime\tStaff\n04/14/2025\t1300 – 1430\tS. Ferreira, PsyD / G. Oy, RN\n",
        id="table-rows-are-lines-cells-tabs-br-in-cell",
    ),
    pytest.param(
        "<p>Line one<br>Line <b>two</b> here</p><hr><p>After &amp; rule</p>",
        "Line one\nLine two here\n\nAfter & rule\n",
        id="br-b-hr-entities",
    ),
    pytest.param(
        "<style>.pb { page-break-before: always; }</style><div>Note 1</div>"
        '<div class="pb"></div><div>Note 2</div>',
        "Note 1\n\f\nNote 2\n",
        id="page-break-class-is-a-form-feed",
    ),
    pytest.param(
        "<pre>09:00  Group\n10:30  Lunch</pre>",
        "09:00  Group\n10:30  Lunch\n",
        id="pre-keeps-its-blanks",
    ),
]


@pytest.mark.parametrize(("html", "text"), HTML_CASES)
def test_html_prints(html: str, text: str) -> None:
    assert render_html(html) == text


RTF_HEADER = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil Calibri;}}"
    r"{\colortbl ;\red0\green0\blue0;}{\*\generator Msftedit 5.41;}\viewkind4\uc1 "
)

RTF_CASES = [
    pytest.param(
        RTF_HEADER + r"\pard\b Date of Service:\b0  06/16/2025\par"
        r"\b Service:\b0  90853 \u8211? Process Group\par}",
        "Date of Service: 06/16/2025\nService: 90853 – Process Group\n",
        id="tables-of-fonts-and-colours-print-nothing-unicode-skips-its-replacement",
    ),
    pytest.param(
        RTF_HEADER + r"\b Client:\b0\tab Rowan Ache\'e9\par Narrative:\line Engaged.\par}",
        "Client:\tRowan Acheé\nNarrative:\nEngaged.\n",
        id="tab-hex-byte-line",
    ),
    pytest.param(
        RTF_HEADER + r"\trowd\cellx2000\cellx4000\pard\intbl Date\cell Time In\cell\row"
        r"\trowd\cellx2000\cellx4000\pard\intbl 01/14/2025\cell 9:00 AM\cell\row\pard\par}",
        "Date\tTime In\n01/14/2025\t9:00 AM\n",
        id="table-rows-and-cells",
    ),
    pytest.param(
        RTF_HEADER + r"Note one\par\page Note two\par{\*\bkmkstart x}{\header Page 1}}",
        "Note one\n\n\f\nNote two\n",
        id="page-is-a-form-feed-ignorable-destinations-and-headers-print-nothing",
    ),
]


@pytest.mark.parametrize(("rtf", "text"), RTF_CASES)
def test_rtf_prints(rtf: str, text: str) -> None:
    assert render_rtf(rtf) == text


HTML_NOTE = """<!DOCTYPE html><html><head><title>Note</title></head><body>
<h2>Group Progress Note</h2>
<div class="field"><span class="label">Date of Service</span><span class="value">08/11/2025</span></div>
<div class="field"><span class="label">Service</span><span class="value">90853 - Process Group (Group Psychotherapy)</span></div>
<div class="field"><span class="label">Start Time</span><span class="value">9:30 am</span></div>
<div class="field"><span class="label">End Time</span><span class="value">11:00 am</span></div>
<div class="field"><span class="label">Attendance</span><span class="value">Present</span></div>
<p>Client shared openly and practiced the skill in role play.</p>
</body></html>
"""


def test_an_html_note_is_read_and_quoted_from_its_printed_text(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "note.html").write_text(HTML_NOTE, encoding="utf-8")
    (doc,) = load_chart([chart]).documents
    assert doc.media_type == "text/html"
    assert doc.pages[0].text.startswith("Group Progress Note\nDate of Service\t08/11/2025\n")
    review = review_chart([chart], policy="medicare-iop")
    (session,) = review.record.facts.sessions
    assert (session.start.isoformat(), session.end.isoformat()) == ("09:30:00", "11:00:00")
    assert session.attendance.value == "attended"
    docs = {d.document_id: d for d in review.documents}
    for ev in iter_evidence(session):
        assert evidence_problem(ev, docs) is None


NOTE_DUMP = r"""-- Export of the note table (2 rows)
==== RECORD 1 of 2 ====
NOTE_TYPE     : GRP_PROG
SVC_DATE      : 2025-08-26 00:00:00.000
STATUS_CD     : K
CREATED_DTTM  : 2025-08-29 11:49:42.652
NOTE_RTF      : {\rtf1\ansi{\fonttbl{\f0\fnil Calibri;}}\pard\f0 \b Group Psychoeducation: Wellness Education Group\b0\par
\b Session time:\b0  9:30am\tab to\tab 11:00am\par
\b Client arrived:\b0  9:45am (late)\par
\b Response:\b0  Client engaged and named one skill to practice.\par
}
==== RECORD 2 of 2 ====
NOTE_TYPE     : GRP_PROG
SVC_DATE      : 2025-08-27 00:00:00.000
NOTE_RTF      : {\rtf1 unclosed \b body
"""


def test_rtf_note_bodies_in_a_text_dump_print_as_text(tmp_path: Path) -> None:
    # a database dump whose note bodies are RTF: each body prints as its text (an
    # unclosed one is left as it is); the record's fields are read from the dump's
    # column names, its times from the body
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "CLIN_NOTE_export.txt").write_text(NOTE_DUMP, encoding="utf-8")
    (doc,) = load_chart([chart]).documents
    text = doc.pages[0].text
    assert "NOTE_RTF      : Group Psychoeducation: Wellness Education Group\n" in text
    assert "Session time: 9:30am\tto\t11:00am\n" in text
    assert "{\\rtf1 unclosed \\b body" in text
    review = review_chart([chart], policy="medicare-iop")
    (session, *_) = review.record.facts.sessions
    assert session.date.isoformat() == "2025-08-26"  # SVC_DATE, not CREATED_DTTM
    assert session.service_kind.value == "group_education"  # the body's heading
    assert (session.start.isoformat(), session.end.isoformat()) == ("09:30:00", "11:00:00")
    assert session.member_start is not None and session.member_start.isoformat() == "09:45:00"
    assert session.minutes == 75
    docs = {d.document_id: d for d in review.documents}
    for ev in iter_evidence(session):
        assert evidence_problem(ev, docs) is None


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("note.rtf", b"Progress note: not RTF at all", "is named .rtf but is not RTF"),
        (
            "blank.html",
            b"<html><head><title>x</title></head><body> </body></html>",
            "prints no text",
        ),
    ],
)
def test_markup_that_prints_nothing_or_is_not_what_it_says_is_an_error(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    result = load_chart([tmp_path / name])
    assert result.documents == ()
    (error,) = result.errors
    assert error.reason.startswith(reason)


BUNDLE = {
    "resourceType": "Bundle",
    "type": "searchset",
    "entry": [
        {
            "fullUrl": "urn:uuid:1",
            "resource": {
                "resourceType": "Patient",
                "id": "p1",
                "name": [{"family": "Ruiz", "given": ["Ana"]}],
                "birthDate": "1980-01-02",
            },
        },
        {
            "resource": {
                "resourceType": "Encounter",
                "id": "e1",
                "status": "finished",
                "type": [{"coding": [{"system": "http://cpt", "code": "90853"}], "text": "Group"}],
                "participant": [
                    {"individual": {"reference": "Practitioner/1", "display": "A. Lee, LCSW"}},
                    {"individual": {"display": "B. Kim, RN"}},
                ],
                "period": {
                    "start": "2025-05-19T17:30:00-07:00",
                    "end": "2025-05-19T19:00:00-07:00",
                },
            },
        },
        {
            "resource": {
                "resourceType": "DocumentReference",
                "content": [
                    {
                        "attachment": {
                            "contentType": "text/plain",
                            "data": "R1JPVVAgTk9URQpDbGllbnQgYXR0ZW5kZWQu",
                        }
                    }
                ],
            }
        },
    ],
}


def test_json_lists_of_records_are_tables() -> None:
    """A bundle's resources are one table per type (key paths for columns, several values
    joined by " / ", ids, references and code systems hidden); a text attachment is a
    block of its own below its table."""
    import json

    assert render_json(json.dumps(BUNDLE)) == (
        "type: searchset\n"
        "Patient\n"
        "name.family\tname.given\tbirthDate\n"
        "Ruiz\tAna\t1980-01-02\n"
        "\n"
        "Encounter\n"
        "status\ttype.coding.code\ttype.text\tparticipant.individual.display\tperiod.start\t"
        "period.end\n"
        "finished\t90853\tGroup\tA. Lee, LCSW / B. Kim, RN\t2025-05-19T17:30:00-07:00\t"
        "2025-05-19T19:00:00-07:00\n"
        "\n"
        "DocumentReference\n"
        "content.attachment.contentType\n"
        "text/plain\n"
        "\n"
        "GROUP NOTE\n"
        "Client attended.\n"
    )


def test_a_json_file_that_is_not_json_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_text('{"entry": [', encoding="utf-8")
    result = load_chart([tmp_path / "feed.json"])
    (error,) = result.errors
    assert error.reason.startswith("is named .json but is not JSON")


def test_an_hl7_feed_saved_as_text_is_read_by_its_standard(tmp_path: Path) -> None:
    """HL7 v2 messages are segments of positional fields: read as plain text, their
    timestamps would become hundreds of services. A text file holding a feed is viewed as
    its standard says (tests/ingest/test_hl7_feeds.py): a table per message type, the
    timing quantity's components as columns, timestamps in ISO 8601."""
    feed = "MSH|^~\\&|SCHED|CLINIC|||202502041200||SIU^S12|1|P|2.5\rSCH|1||||||^^M90^202502040900\r"
    (tmp_path / "feed.txt").write_text(feed, encoding="utf-8")
    (document,) = load_chart([tmp_path / "feed.txt"]).documents
    text = document.pages[0].text
    assert text.startswith("SIU^S12 Notification of new appointment booking\n")
    assert "2025-02-04T12:00" in text and "^^M90" not in text


CDA = """<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <templateId root="2.16.840.1.113883.10.20.22.1.1"/>
  <title>Continuity of Care Document</title>
  <recordTarget><patientRole><patient><name><given>Keisha</given><family>Dela</family></name>
  </patient></patientRole></recordTarget>
  <component><structuredBody><component><section>
    <title>Encounters</title>
    <text><table><thead><tr><th>Date</th><th>Encounter</th></tr></thead>
      <tbody><tr ID="enc1"><td>10/13/2025</td><td>CBT Group</td></tr></tbody></table></text>
    <entry><encounter classCode="ENC" moodCode="EVN">
      <id root="1.2.3" extension="X-1"/>
      <code code="90853" codeSystem="2.16.840.1.113883.6.12"><originalText><reference value="#enc1"/>CBT Group</originalText></code>
      <effectiveTime><low value="20251013090000-0600"/><high value="20251013103000-0600"/></effectiveTime>
      <performer><assignedEntity><assignedPerson><name><given>Imani</given><family>Beau</family><suffix>LMFT</suffix></name></assignedPerson></assignedEntity></performer>
      <entryRelationship><observation><code displayName="Attendance status"/><value displayName="Present"/></observation></entryRelationship>
    </encounter></entry>
  </section></component></structuredBody></component>
</ClinicalDocument>
"""


def test_a_cda_section_prints_its_narrative_with_the_entries_it_points_to() -> None:
    """A CDA section prints its title and narrative; a narrative row an entry points to
    (ID "enc1") shows the entry's values as more cells (codes, times, performer, the
    attendance observation named by its code), and the entry is not shown again; ids,
    template ids and code systems are hidden; a name's parts are one value."""
    assert render_xml(CDA) == (
        "Continuity of Care Document\n"
        "recordTarget.patientRole.patient.name: Keisha Dela\n"
        "\n"
        "Encounters\n"
        "\n"
        "Date\tEncounter\tcode.code\tcode.originalText\teffectiveTime.low.value\t"
        "effectiveTime.high.value\tperformer.assignedEntity.assignedPerson.name\t"
        "Attendance status\n"
        "10/13/2025\tCBT Group\t90853\tCBT Group\t20251013090000-0600\t20251013103000-0600\t"
        "Imani Beau, LMFT\tPresent\n"
    )


def test_xml_that_declares_entities_is_refused(tmp_path: Path) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    (tmp_path / "export.xml").write_text(bomb, encoding="utf-8")
    (error,) = load_chart([tmp_path / "export.xml"]).errors
    assert "declares entities" in error.reason


def test_a_cda_encounter_is_read_with_its_times(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "ccd.xml").write_text(CDA, encoding="utf-8")
    review = review_chart([chart], policy="medicare-iop")
    (session,) = review.record.facts.sessions
    assert (session.date.isoformat(), session.start, session.end) == (
        "2025-10-13",
        dt.time(9),
        dt.time(10, 30),
    )
    assert (session.service_kind.value, session.attendance.value) == (
        "group_psychotherapy",
        "attended",
    )
    docs = {d.document_id: d for d in review.documents}
    for ev in iter_evidence(session):
        assert evidence_problem(ev, docs) is None


def test_a_fhir_encounter_and_its_attached_note_are_quoted_verbatim(tmp_path: Path) -> None:
    """A bundle's encounter is read from its table of key paths, its base64 note from the
    block below it, and every quote is verbatim at its offsets in the document's text."""
    import json

    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "bundle.json").write_text(json.dumps(BUNDLE), encoding="utf-8")
    review = review_chart([chart], policy="medicare-iop")
    (session,) = review.record.facts.sessions
    assert (session.date.isoformat(), session.start, session.end) == (
        "2025-05-19",
        dt.time(17, 30),
        dt.time(19),
    )
    assert session.attendance.value == "attended"
    docs = {d.document_id: d for d in review.documents}
    for ev in iter_evidence(review.record.facts):
        assert evidence_problem(ev, docs) is None


@pytest.mark.parametrize(
    ("name", "content", "as_xml"),
    [
        pytest.param("export.xml.txt", CDA, True, id="xml-saved-as-text"),
        pytest.param("export.txt", "\ufeff\n" + CDA + "\n\n", True, id="with-bom-and-blanks"),
        pytest.param("notes.txt", "<b>Note</b> member attended group.", False, id="markup-in-text"),
        pytest.param("broken.txt", "<?xml version='1.0'?><a><b></a>", False, id="not-well-formed"),
        pytest.param(
            "feed.txt", '[{"dos": "2025-10-13", "svc": "group"}]', False, id="json-stays-text"
        ),
    ],
)
def test_a_text_file_holding_a_whole_xml_document_is_read_as_xml(
    tmp_path: Path, name: str, content: str, as_xml: bool
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = load_chart([tmp_path / name])
    assert not result.errors
    (doc,) = result.documents
    text = doc.pages[0].text
    if as_xml:
        assert text == render_xml(CDA)
    else:
        assert text == content.lstrip("\ufeff")


SERVICE_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<ServiceExport>
  <CodeTables>
    <CodeTable name="AttendanceStatus">
      <Code value="1">Kept</Code>
      <Code value="4">No show</Code>
    </CodeTable>
    <CodeTable name="PlaceOfService">
      <Code value="11">Office</Code>
      <Code value="10">Telehealth provided in patient's home</Code>
    </CodeTable>
  </CodeTables>
  <Body>
    <Section name="Subjective">Client arrived on time. Engaged throughout.</Section>
    <Section name="Plan">Continue IOP. Review the handout.</Section>
  </Body>
  <Services>
    <Service id="1" date="2025-03-31" start="2025-03-31T09:00:00" end="2025-03-31T10:00:00" name="CBT Group" status="1" pos="11"><Note>Topic: coping.</Note></Service>
    <Service id="2" date="2025-03-31" start="2025-03-31T12:35:00" end="2025-03-31T13:25:00" name="Family Therapy" status="4" pos="11"><Note>Did not attend.</Note></Service>
  </Services>
</ServiceExport>
"""


def test_an_xml_code_table_is_a_legend_line_and_its_codes_read_the_rows(
    tmp_path: Path,
) -> None:
    """A code table prints as a legend ("AttendanceStatus: 1 = Kept;  4 = No show"), whose
    numeric codes give each row's attendance; a note's named sections are no code table."""
    text = render_xml(SERVICE_EXPORT)
    assert "AttendanceStatus: 1 = Kept;  4 = No show" in text
    assert "PlaceOfService: 11 = Office;  10 = Telehealth provided in patient's home" in text
    assert "Subjective = " not in text
    (tmp_path / "export.xml").write_text(SERVICE_EXPORT, encoding="utf-8")
    from extract.deterministic.extractor import DeterministicExtractor

    documents = load_chart([tmp_path]).documents
    found = DeterministicExtractor().extract(documents).facts.sessions
    assert sorted((s.start.isoformat() if s.start else "", s.attendance.value) for s in found) == [
        ("09:00:00", "attended"),
        ("12:35:00", "no_show"),
    ]
    page = documents[0].pages[0].text
    kept = next(s for s in found if s.attendance.value == "attended")
    # the row's code, and the legend's definition of it
    cell, defined = kept.slot_evidence("attendance")
    assert page[cell.start : cell.end] == cell.quote == "1"
    assert page[defined.start : defined.end] == defined.quote == "1 = Kept"


NOTE_BATCH = """<?xml version="1.0"?>
<NoteBatch>
  <Note noteId="N1">
    <Header>
      <Field name="ClientName">Roe, Dana</Field>
      <Field name="DOB">02/21/1973</Field>
      <Field name="ServiceName">Process Group (Group Psychotherapy)</Field>
      <Field name="DateOfService">03/03/2025</Field>
      <Field name="ScheduledTime">9:00 AM - 10:00 AM</Field>
      <Field name="AttendanceStatus">Present</Field>
    </Header>
    <Body><Section name="Data">Engaged throughout.</Section></Body>
  </Note>
  <Note noteId="N2">
    <Header>
      <Field name="ClientName">Roe, Dana</Field>
      <Field name="DOB">02/21/1973</Field>
      <Field name="ServiceName">Psychoeducation Group</Field>
      <Field name="DateOfService">03/04/2025</Field>
      <Field name="ScheduledTime">10:10 AM - 11:10 AM</Field>
      <Field name="AttendanceStatus">No-show</Field>
    </Header>
    <Body><Section name="Data">Did not come.</Section></Body>
  </Note>
</NoteBatch>
"""


def test_values_named_by_their_attribute_are_columns_of_their_own() -> None:
    """``<Field name="DOB">...</Field>``: the attribute names the value's column (was: all
    fields in one column "Header.Field", their values joined, the birth date first)."""
    assert render_xml(NOTE_BATCH) == (
        "Note\n"
        "noteId\tHeader.ClientName\tHeader.DOB\tHeader.ServiceName\tHeader.DateOfService\t"
        "Header.ScheduledTime\tHeader.AttendanceStatus\tBody.Data\n"
        "N1\tRoe, Dana\t02/21/1973\tProcess Group (Group Psychotherapy)\t03/03/2025\t"
        "9:00 AM - 10:00 AM\tPresent\tEngaged throughout.\n"
        "N2\tRoe, Dana\t02/21/1973\tPsychoeducation Group\t03/04/2025\t"
        "10:10 AM - 11:10 AM\tNo-show\tDid not come.\n"
    )


@pytest.mark.parametrize(
    ("index", "date", "start", "kind", "attendance", "quotes"),
    [
        (
            0,
            "2025-03-03",
            dt.time(9),
            "group_psychotherapy",
            "attended",
            {"date": "03/03/2025", "start": "9:00 AM - 10:00 AM", "attendance": "Present"},
        ),
        (
            1,
            "2025-03-04",
            dt.time(10, 10),
            "group_education",
            "no_show",
            {"date": "03/04/2025", "start": "10:10 AM - 11:10 AM", "attendance": "No-show"},
        ),
    ],
)
def test_each_note_of_a_batch_is_dated_by_its_date_of_service_not_the_birth_date(
    tmp_path: Path,
    index: int,
    date: str,
    start: dt.time,
    kind: str,
    attendance: str,
    quotes: dict[str, str],
) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "notes.xml").write_text(NOTE_BATCH, encoding="utf-8")
    review = review_chart([chart], policy="medicare-iop")
    sessions = sorted(review.record.facts.sessions, key=lambda s: s.date)
    assert len(sessions) == 2
    s = sessions[index]
    assert (s.date.isoformat(), s.start, s.service_kind.value, s.attendance.value) == (
        date,
        start,
        kind,
        attendance,
    )
    (doc,) = review.documents
    text = doc.pages[0].text
    row = text.index(f"N{index + 1}\t")
    for slot, quote in quotes.items():
        at = text.index(quote, row)
        assert [(e.start, e.end) for e in s.slot_evidence(slot)] == [(at, at + len(quote))], slot
    docs = {d.document_id: d for d in review.documents}
    for ev in iter_evidence(s):
        assert evidence_problem(ev, docs) is None
