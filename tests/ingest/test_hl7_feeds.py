"""HL7 v2 message feeds (ingest/formats/hl7.py): parsed by the standard (each message's own
encoding characters, segments on CR, LF or CRLF, fields, repetitions, components, escape
sequences), viewed as tables of the standard's field names, loaded as chart documents,
and reviewed with evidence that quotes the viewed text at its offsets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.grounding import evidence_problem, iter_evidence
from ingest.formats import hl7
from ingest.formats.hl7 import Encoding, hl7_timestamp, parse_feed, render_hl7, unescape
from ingest.loader import HL7_MEDIA_TYPE, load_chart
from pipeline.review import review_chart


def seg(name: str, fields: dict[int, str]) -> str:
    """A segment from its fields by number (so no test miscounts its separators)."""
    top = max(fields)
    return "|".join([name, *(fields.get(i, "") for i in range(1, top + 1))])


MSH = "MSH|^~\\&|EHR|CLINIC|||202503031215||SIU^S14^SIU_S12|77|P|2.5.1"


# --------------------------------------------------------------------------- parsing

ENCODING_CASES = [
    pytest.param("MSH|^~\\&|A", Encoding("|", "^", "~", "\\", "&"), id="standard"),
    pytest.param("MSH#$*@%#A", Encoding("#", "$", "*", "@", "%"), id="custom-characters"),
    pytest.param("MSH|^~\\&#|A", Encoding("|", "^", "~", "\\", "&"), id="v2.7-truncation"),
    pytest.param("FHS|^~|A", Encoding("|", "^", "~", "\x00", "\x00"), id="no-escape-char"),
]


@pytest.mark.parametrize(("line", "encoding"), ENCODING_CASES)
def test_encoding_characters_are_read_from_the_header(line: str, encoding: Encoding) -> None:
    assert Encoding.of(line) == encoding


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("MSH|^|A", id="one-character"),
        pytest.param("MSH|^^\\&|A", id="a-character-twice"),
        pytest.param("MSH|^~\\A|A", id="a-letter"),
        pytest.param("MSH|^~ &|A", id="a-blank"),
        pytest.param("MSH||A", id="none"),
    ],
)
def test_invalid_encoding_characters_are_refused(line: str) -> None:
    with pytest.raises(ValueError, match="encoding characters"):
        Encoding.of(line)


@pytest.mark.parametrize(
    "ending",
    [pytest.param("\r", id="CR"), pytest.param("\n", id="LF"), pytest.param("\r\n", id="CRLF")],
)
def test_segments_end_with_cr_lf_or_both(ending: str) -> None:
    text = ending.join([MSH, "PID|1||M1||DOE^JANE", "NTE|1||a note"]) + ending
    (message,) = parse_feed(text).items
    assert isinstance(message, hl7.Message)
    assert [s.name for s in message.segments] == ["MSH", "PID", "NTE"]
    pid = message.segments[1]
    assert (pid.field(1), pid.field(3), pid.field(5)) == ("1", "M1", "DOE^JANE")


def test_msh_fields_are_counted_from_the_field_separator() -> None:
    """MSH-1 is the field separator itself and MSH-2 the encoding characters: MSH-9 is
    the ninth field, not the eighth piece after the segment id."""
    (message,) = parse_feed(MSH + "\r").items
    assert isinstance(message, hl7.Message)
    header = message.header
    assert (header.field(1), header.field(2), header.field(7), header.field(9)) == (
        "|",
        "^~\\&",
        "202503031215",
        "SIU^S14^SIU_S12",
    )


def test_a_batch_holds_its_envelope_and_messages_in_order() -> None:
    text = "\r".join(["FHS|^~\\&|EHR", "BHS|^~\\&|EHR", MSH, "NTE|1||one", MSH, "BTS|2", "FTS|1"])
    items = parse_feed(text).items
    kinds = [i.name if isinstance(i, hl7.Segment) else type(i).__name__ for i in items]
    assert kinds == ["FHS", "BHS", "Message", "Message", "BTS", "FTS"]


STANDARD = Encoding()
CUSTOM = Encoding("#", "$", "*", "@", "%")
ESCAPE_CASES = [
    pytest.param("a\\F\\b", STANDARD, "a|b", id="field"),
    pytest.param("a\\S\\b\\T\\c\\R\\d\\E\\e", STANDARD, "a^b&c~d\\e", id="delimiters"),
    pytest.param("x@F@y@S@z", CUSTOM, "x#y$z", id="custom-delimiters"),
    pytest.param("line one\\.br\\line two", STANDARD, "line one\nline two", id="line-break"),
    pytest.param("caf\\XC3A9\\", STANDARD, "café", id="hex-utf8"),
    pytest.param("\\H\\bold\\N\\ text", STANDARD, "bold text", id="highlight-left-out"),
    pytest.param("no \\ end", STANDARD, "no \\ end", id="unclosed-kept"),
    pytest.param("a \\Q\\ b", STANDARD, "a \\Q\\ b", id="unknown-kept"),
    pytest.param("\\\\F\\", STANDARD, "\\|", id="not-an-escape-then-one"),
]


@pytest.mark.parametrize(("raw", "encoding", "text"), ESCAPE_CASES)
def test_escape_sequences_decode(raw: str, encoding: Encoding, text: str) -> None:
    assert unescape(raw, encoding) == text


TIMESTAMP_CASES = [
    ("20250303", "2025-03-03"),
    ("202503030900", "2025-03-03T09:00"),
    ("20250303090000", "2025-03-03T09:00:00"),
    ("20250303090000-0500", "2025-03-03T09:00:00-05:00"),
    ("202503030900+0130", "2025-03-03T09:00+01:30"),
    ("20250303090000.1234", "2025-03-03T09:00:00.1234"),
    ("202503", "2025-03"),
]


@pytest.mark.parametrize(("raw", "iso"), TIMESTAMP_CASES)
def test_timestamps_read_as_iso_8601(raw: str, iso: str) -> None:
    assert hl7_timestamp(raw) == iso


@pytest.mark.parametrize("raw", ["20251303", "2025030325", "2025-03-03", "M90", "0900"])
def test_what_is_not_a_timestamp_is_none(raw: str) -> None:
    assert hl7_timestamp(raw) is None


# --------------------------------------------------------------------------- rendering

BATCH = (
    "\r".join(
        [
            "FHS|^~\\&|EHR|CLINIC|||20250304",
            "BHS|^~\\&|EHR|CLINIC|||20250304",
            MSH,
            seg(
                "SCH",
                {1: "A1", 11: "^^M90^202503030900-0500^202503031030-0500", 25: "Complete"},
            ),
            seg("NTE", {1: "1", 3: "Arrived 9:10 \\T\\ stayed"}),
            seg(
                "AIS",
                {
                    1: "1",
                    2: "A",
                    3: "90853^Group Psychotherapy^CPT4",
                    4: "202503030900-0500",
                    7: "90",
                    8: "min",
                },
            ),
            seg("AIP", {1: "1", 3: "11^ROE^JANE^^^^LCSW"}),
            seg("AIP", {1: "2", 3: "12^POE^AL^^^^CADC"}),
            seg("ZXT", {1: "1", 3: "local\\F\\value"}),
            "BTS|1",
            "FTS|1",
        ]
    )
    + "\r"
)


def test_a_batch_renders_as_envelope_lines_and_a_table_per_message_type() -> None:
    """The envelope is ``path: value`` lines; the message a row under its event's and
    type's names, columns named by segment and the standard's field names; timestamps in
    ISO 8601; a quantity with its units; a timing quantity a column per component; two AIP
    joined; an unknown segment's fields by number; set ids, action codes, the appointment
    id and the control id left out; escapes decoded."""
    assert render_hl7(BATCH) == (
        "FHS.File Sending Application: EHR\n"
        "FHS.File Sending Facility: CLINIC\n"
        "FHS.File Creation Date/Time: 2025-03-04\n"
        "BHS.Batch Sending Application: EHR\n"
        "BHS.Batch Sending Facility: CLINIC\n"
        "BHS.Batch Creation Date/Time: 2025-03-04\n"
        "\n"
        "SIU^S14 Notification of appointment modification\n"
        "Schedule information unsolicited\n"
        "MSH.Sending Application\tMSH.Sending Facility\tMSH.Date/Time of Message\t"
        "MSH.Message Type\tSCH.Appointment Timing Quantity.Duration\t"
        "SCH.Appointment Timing Quantity.Start Date/Time\t"
        "SCH.Appointment Timing Quantity.End Date/Time\tSCH.Filler Status Code\t"
        "NTE.Comment\tAIS.Universal Service Identifier\tAIS.Start Date/Time\tAIS.Duration\t"
        "AIP.Personnel Resource ID\tZXT.1\tZXT.3\n"
        "EHR\tCLINIC\t2025-03-03T12:15\tSIU^S14\t90 minutes\t2025-03-03T09:00-05:00\t"
        "2025-03-03T10:30-05:00\tComplete\tArrived 9:10 & stayed\t90853 Group Psychotherapy\t"
        "2025-03-03T09:00-05:00\t90 min\tJANE ROE, LCSW / AL POE, CADC\t1\tlocal|value\n"
        "\n"
        "BTS.Batch Message Count: 1\n"
        "FTS.File Batch Count: 1\n"
    )


def test_custom_encoding_characters_repetitions_and_code_meanings() -> None:
    """A feed declaring ``#$*@%`` is split by them; an escaped delimiter stays text; a
    repetition is a value of its own; a code of an HL7 table shows its meaning."""
    feed = (
        "MSH#$*@%#EHR#CLINIC###20250303##ADT$A03#1#P#2.5\r"
        "PV1#1#O#IOP$$$CLINIC$$$$$Group Room 2\r"
        "NTE#1##first*second$part@T@more\r"
    )
    assert render_hl7(feed) == (
        "ADT^A03 Discharge/end visit\n"
        "ADT message\n"
        "MSH.Sending Application\tMSH.Sending Facility\tMSH.Date/Time of Message\t"
        "MSH.Message Type\tPV1.Patient Class\tPV1.Assigned Patient Location\tNTE.Comment\n"
        "EHR\tCLINIC\t2025-03-03\tADT^A03\tO Outpatient\tGroup Room 2\t"
        "first / second part%more\n"
    )


def test_observations_are_named_and_a_note_in_text_lines_is_a_block() -> None:
    """A coded or numeric observation is a column named by what it observes; text
    observations of one identifier, a segment per line, are the note's block below the
    table, under the observation's name."""
    feed = "\n".join(
        [
            "MSH|^~\\&|EHR|CLINIC|||202503031600||MDM^T02|9|P|2.5.1",
            "OBX|1|CWE|ATT^Attendance^L||P^Present^L||||||F",
            "OBX|2|NM|CNT^Clients present in group^L||7||||||F",
            "OBX|3|TX|NOTE^Note text^L|1|Time: 09:00 - 10:30||||||F",
            "OBX|4|TX|NOTE^Note text^L|1|Mood 4\\T\\5; engaged.||||||F",
        ]
    )
    assert render_hl7(feed) == (
        "MDM^T02 Original document notification and content\n"
        "Medical document management\n"
        "MSH.Sending Application\tMSH.Sending Facility\tMSH.Date/Time of Message\t"
        "MSH.Message Type\tAttendance\tOBX.Observation Result Status\t"
        "Clients present in group\tOBX.Observation Sub-ID\n"
        "EHR\tCLINIC\t2025-03-03T16:00\tMDM^T02\tP Present\tF Final\t7\t1\n"
        "\n"
        "Note text\n"
        "Time: 09:00 - 10:30\n"
        "Mood 4&5; engaged.\n"
    )


def test_a_table_whose_rows_share_few_columns_is_written_as_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rows that would repeat many empty columns (budget exceeded) are each a block of
    ``path: value`` lines: the view stays linear in the feed."""
    monkeypatch.setattr(hl7, "_TABLE_GROWTH", 0)
    feed = "\r".join(
        ["MSH|^~\\&|A||||20250303||ADT^A08", "ZA1|x", "MSH|^~\\&|B||||20250304||ADT^A08", "ZA2|y"]
    )
    assert render_hl7(feed) == (
        "ADT^A08 Update patient information\n"
        "ADT message\n"
        "\n"
        "MSH.Sending Application: A\n"
        "MSH.Date/Time of Message: 2025-03-03\n"
        "MSH.Message Type: ADT^A08\n"
        "ZA1.1: x\n"
        "\n"
        "MSH.Sending Application: B\n"
        "MSH.Date/Time of Message: 2025-03-04\n"
        "MSH.Message Type: ADT^A08\n"
        "ZA2.1: y\n"
    )


def test_a_five_million_character_line_renders_linearly() -> None:
    """One observation of five million characters (with escapes): read whole, the view as
    long as its decoded text plus the table around it."""
    body = "abc\\F\\" * 833_333
    feed = f"MSH|^~\\&|A||||20250303||ORU^R01\rOBX|1|ST|C^Comment^L||{body}\r"
    text = render_hl7(feed)
    row = text.splitlines()[-1]
    assert row.endswith("\t" + "abc|" * 833_333)


@pytest.mark.parametrize(
    ("feed", "reason"),
    [
        pytest.param(
            "PID|1||M1\rMSH|^~\\&|A", "a segment before any message header", id="pid-first"
        ),
        pytest.param("MSH|^~\\A|B\r", "invalid encoding characters", id="bad-encoding"),
        pytest.param("FHS|^~\\&|A\rFTS|0\r", "no message header", id="no-message"),
    ],
)
def test_a_malformed_feed_is_refused_saying_why(feed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        render_hl7(feed)


# --------------------------------------------------------------------------- loading


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param(
            "feed.hl7",
            "PID|1||M1^^^CLINIC\r",
            "is not a readable HL7 v2 feed",
            id="hl7-without-header",
        ),
        pytest.param(
            "feed.txt",
            "MSH|^~\\&|A\rPID|1\rMSH|^~\\A|B\r",
            "invalid encoding characters",
            id="text-feed-bad-header",
        ),
    ],
)
def test_a_malformed_feed_file_is_an_input_error(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    """The file is named with a reason telling the user what to do; nothing of its
    content is in the reason."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = load_chart([tmp_path / name])
    assert not result.documents
    (error,) = result.errors
    assert reason in error.reason
    assert "re-export" in error.reason
    assert "M1" not in error.reason and "CLINIC" not in error.reason


@pytest.mark.parametrize("name", ["feed.hl7", "feed.txt", "feed.log"])
def test_a_feed_is_read_whatever_its_text_name(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(BATCH, encoding="utf-8")
    (document,) = load_chart([tmp_path / name]).documents
    assert document.pages[0].text == render_hl7(BATCH)
    assert document.media_type == (HL7_MEDIA_TYPE if name.endswith(".hl7") else "text/plain")


# --------------------------------------------------------------------------- review

FEED = (
    "\r".join(
        [
            "MSH|^~\\&|SCHED|CLINIC|UM|PAYER|20250304101500||SIU^S14^SIU_S12|1001|P|2.5.1",
            seg(
                "SCH",
                {1: "A1", 11: "^^M90^202503030900-0500^202503031030-0500", 25: "Complete"},
            ),
            seg("PID", {1: "1", 3: "M100^^^CLINIC^MR", 5: "DOE^JANE", 7: "19800101", 8: "F"}),
            seg(
                "AIS",
                {
                    1: "1",
                    3: "90853^CBT Group (Group Psychotherapy)^CPT4",
                    4: "202503030900-0500",
                    7: "90",
                    8: "min",
                },
            ),
            seg("AIP", {1: "1", 3: "11^ROE^ANN^^^^LCSW", 4: "FAC^Facilitator^L"}),
            "MSH|^~\\&|SCHED|CLINIC|UM|PAYER|20250305094000||SIU^S26^SIU_S12|1002|P|2.5.1",
            seg(
                "SCH",
                {
                    1: "A2",
                    6: "NOSHOW^No show^L",
                    11: "^^M60^202503051300-0500^202503051400-0500",
                    25: "Noshow",
                },
            ),
            seg("PID", {1: "1", 3: "M100^^^CLINIC^MR", 5: "DOE^JANE", 7: "19800101", 8: "F"}),
            seg(
                "AIS",
                {
                    1: "1",
                    3: "90837^Individual Therapy^CPT4",
                    4: "202503051300-0500",
                    7: "60",
                    8: "min",
                },
            ),
            seg("AIP", {1: "1", 3: "12^POE^AL^^^^LPC"}),
            # a booking without a status: a schedule, not a service
            "MSH|^~\\&|SCHED|CLINIC|UM|PAYER|20250305094500||SIU^S12^SIU_S12|1003|P|2.5.1",
            seg("SCH", {1: "A3", 11: "^^M90^202503070900-0500^202503071030-0500"}),
            seg("AIS", {1: "1", 3: "90853^CBT Group^CPT4", 4: "202503070900-0500"}),
        ]
    )
    + "\r"
)


def test_a_feed_yields_its_sessions_with_quotes_that_verify(tmp_path: Path) -> None:
    """Each scheduling message is a session on its start's date and times (never the date
    the message was sent), with its service, status and clinician; a booking without a
    status is none; every quote is the viewed text at its offsets."""
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "feed.hl7").write_bytes(FEED.encode("utf-8"))
    review = review_chart([chart], policy="medicare-iop")
    sessions = sorted(review.record.facts.sessions, key=lambda s: s.date)
    got = [
        (
            s.date,
            s.start,
            s.end,
            s.service_kind.value,
            s.attendance.value,
            tuple(p.credentials for p in s.facilitators),
        )
        for s in sessions
    ]
    assert got == [
        (
            dt.date(2025, 3, 3),
            dt.time(9),
            dt.time(10, 30),
            "group_psychotherapy",
            "attended",
            (("LCSW",),),
        ),
        (
            dt.date(2025, 3, 5),
            dt.time(13),
            dt.time(14),
            "individual_psychotherapy",
            "no_show",
            (("LPC",),),
        ),
    ]
    (document,) = review.documents
    docs = {document.document_id: document}
    text = document.pages[0].text
    quotes = set()
    for ev in iter_evidence(review.record.facts):
        assert evidence_problem(ev, docs) is None
        quotes.add(ev.quote)
        assert text[ev.start : ev.end] == ev.quote
    assert {"2025-03-03", "90853 CBT Group (Group Psychotherapy)", "Noshow"} <= quotes
    assert "ANN ROE, LCSW" in quotes
