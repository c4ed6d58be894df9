"""Table-driven tests of the extraction primitives with exact offsets."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from extract.deterministic.context import assess
from extract.deterministic.fields import field, find_fields
from extract.values.dates import find_dates, parse_date
from extract.values.people import find_signatures, parse_person


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("DOS: 03/04/2025", "03/04/2025", dt.date(2025, 3, 4)),
        ("Seen 3/4/25 in group", "3/4/25", dt.date(2025, 3, 4)),
        ("Session Date: 2025-03-04", "2025-03-04", dt.date(2025, 3, 4)),
        ("on March 4, 2025 at", "March 4, 2025", dt.date(2025, 3, 4)),
        ("Mar. 4 2025", "Mar. 4 2025", dt.date(2025, 3, 4)),
        ("4 March 2025", "4 March 2025", dt.date(2025, 3, 4)),
        ("signed 03-04-2025 14:22", "03-04-2025", dt.date(2025, 3, 4)),
        # HL7 / ISO 8601 basic timestamps: the date is their first eight digits
        ('<low value="20251013090000-0600"/>', "20251013", dt.date(2025, 10, 13)),
        ("svc_dt,20251117,1", "20251117", dt.date(2025, 11, 17)),
        # in words
        (
            "Visit day: Thursday, the twentieth of February, 2025",
            "the twentieth of February, 2025",
            dt.date(2025, 2, 20),
        ),
        (
            "Monday the twenty-eighth of July, two thousand twenty-five.",
            "the twenty-eighth of July, two thousand twenty-five",
            dt.date(2025, 7, 28),
        ),
        ("on the 3rd of March 2025 at", "the 3rd of March 2025", dt.date(2025, 3, 3)),
    ],
)
def test_dates_found_with_exact_offsets(text: str, quote: str, expected: dt.date) -> None:
    [d] = list(find_dates(text))
    assert text[d.start : d.end] == quote
    assert d.date == expected


@pytest.mark.parametrize(
    "text",
    [
        "13/45/2025",
        "F33.1",
        "PHQ-9 score 19/27",
        "ext. 1234",
        "NPI 1234567890",  # ten digits: no timestamp
        "claim 202513450000",  # no month 13
        "acct 120251013",  # inside a longer number
        "Auth # 20250917",  # an id that looks like a date
    ],
)
def test_non_dates_are_not_dates(text: str) -> None:
    assert list(find_dates(text)) == []


def test_parse_date_rejects_garbage() -> None:
    assert parse_date("not a date") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DOS: 3/4/25   Time: 0900-1200", "3/4/25"),
        ("**Date of Service:** March 4, 2025", "March 4, 2025"),
        ("Date of Service: March 4, 2025\n", "March 4, 2025"),
        ("Session Date - 2025-03-04", "2025-03-04"),
        ("- DOS: 03/04/2025 | Staff: J. Roe", "03/04/2025"),
        ("| Date of service | 03/04/2025 |\n", "03/04/2025"),
    ],
)
def test_labeled_field_value_offsets(text: str, value: str) -> None:
    f = next(field(text, "date_of_service"))
    assert text[f.start : f.end] == value == f.value


@pytest.mark.parametrize(
    ("text", "labels", "found"),
    [
        ("| Signature | Physician: Jane Roe, MD |", ["Physician"], [("Physician", "Jane Roe, MD")]),
        ("| Certified by | Date: 03/04/2025 |", ["Date"], [("Date", "03/04/2025")]),
        (
            "DOB: 01/02/1990   Admit date - 03/04/2025",
            ["Admit date", "DOB"],
            [("DOB", "01/02/1990"), ("Admit date", "03/04/2025")],
        ),
        ("DOB:               10/30/1958", ["DOB"], [("DOB", "10/30/1958")]),
    ],
)
def test_fields_inside_cells_and_after_other_fields(
    text: str, labels: list[str], found: list[tuple[str, str]]
) -> None:
    got = list(find_fields(f"{text}\n", labels))
    assert [(f.label, f.value) for f in got] == found
    assert all(text[f.start : f.end] == f.value for f in got)


def test_field_requires_a_label_not_a_word_inside_a_sentence() -> None:
    assert list(find_fields("We discussed the service date moving.", ["Service Date"])) == []


def test_generic_label_is_not_the_tail_of_a_longer_label() -> None:
    text = (
        "Admit Date: 01/06/2025            Initial certification: 01/06/2025\nDate: March 10, 2025"
    )
    assert [f.value for f in find_fields(text, ["Date"])] == ["March 10, 2025"]


@pytest.mark.parametrize(
    ("text", "quote", "name", "creds"),
    [
        ("Jane Roe, LCSW", "Jane Roe, LCSW", "Jane Roe", ("LCSW",)),
        ("Jane Roe, LCSW, CADC", "Jane Roe, LCSW, CADC", "Jane Roe", ("LCSW", "CADC")),
        ("J. Roe (LPC)", "J. Roe (LPC)", "J. Roe", ("LPC",)),
        ("Maria Chen MD", "Maria Chen MD", "Maria Chen", ("MD",)),
        ("Dr. Maria Chen, DO", "Dr. Maria Chen, DO", "Dr. Maria Chen", ("DO",)),
        ("Maria Chen, M.D.", "Maria Chen, M.D.", "Maria Chen", ("MD",)),
        ("____ A. Poe, CPSS   Date:", "A. Poe, CPSS", "A. Poe", ("CPSS",)),
        ("Dr. Maria Chen", "Dr. Maria Chen", "Dr. Maria Chen", ()),
        # a name without a credential ends where two or more blanks set the next field apart
        ("Samuel Whitfield          Date: 06/02/2025", "Samuel Whitfield", "Samuel Whitfield", ()),
        ("Jane Roe\tGroup size: 7", "Jane Roe", "Jane Roe", ()),
        # states' spellings of a credential are that credential
        ("H. Castellanos, LICDC-CS", "H. Castellanos, LICDC-CS", "H. Castellanos", ("LADC",)),
        ("A. Poe, LISW-S", "A. Poe, LISW-S", "A. Poe", ("LCSW",)),
        ("B. Lee, CASAC", "B. Lee, CASAC", "B. Lee", ("CADC",)),
        ("N. Fairbanks, LPCC-S", "N. Fairbanks, LPCC-S", "N. Fairbanks", ("LPC",)),
        # a licensed social worker below the master's level is documented, not unknown
        ("P. Raman, LSW", "P. Raman, LSW", "P. Raman", ("LSW",)),
    ],
)
def test_person_name_and_credentials(
    text: str, quote: str, name: str, creds: tuple[str, ...]
) -> None:
    p = parse_person(text, 0, len(text))
    assert p is not None
    assert text[p.start : p.end] == quote
    assert (p.name, p.credentials) == (name, creds)


@pytest.mark.parametrize(
    ("line", "name", "creds", "date"),
    [
        (
            "Electronically signed by Maria Chen, MD on 03/03/2025 14:22",
            "Maria Chen",
            ("MD",),
            dt.date(2025, 3, 3),
        ),
        (
            "Signature: ______ Maria Chen, M.D.   Date: 3/3/2025",
            "Maria Chen",
            ("MD",),
            dt.date(2025, 3, 3),
        ),
        ("Signed: Dr. Maria Chen, DO", "Dr. Maria Chen", ("DO",), None),
        ("/s/ Ann Lee, PMHNP-BC 2025-03-05", "Ann Lee", ("PMHNP",), dt.date(2025, 3, 5)),
        (
            "Signed electronically by Maria Chen, MD on 6/2/25",
            "Maria Chen",
            ("MD",),
            dt.date(2025, 6, 2),
        ),
        (
            "Authenticated by: Maria Chen, M.D. 06/02/2025",
            "Maria Chen",
            ("MD",),
            dt.date(2025, 6, 2),
        ),
        # the signer named before the words
        (
            "Maria Chen, MD - electronically signed 06/03/2025 16:05",
            "Maria Chen",
            ("MD",),
            dt.date(2025, 6, 3),
        ),
        ("Ann Lee, LCSW (e-signed 3/4/25)", "Ann Lee", ("LCSW",), dt.date(2025, 3, 4)),
        (
            "Anita Okafor, LCSW — electronically signed 03/04/2025 15:10",
            "Anita Okafor",
            ("LCSW",),
            dt.date(2025, 3, 4),
        ),
        # OTP certifications may be signed by a non-physician practitioner
        (
            "Certifying practitioner: Renata Vasquez, PMHNP          Date: 06/02/2025",
            "Renata Vasquez",
            ("PMHNP",),
            dt.date(2025, 6, 2),
        ),
        (
            "Certifying provider: Lee Park, PA-C 06/02/2025",
            "Lee Park",
            ("PA",),
            dt.date(2025, 6, 2),
        ),
        # the signer's credential is not written: the signature still names the signer
        (
            "Signature: Samuel Whitfield          Date: 06/02/2025",
            "Samuel Whitfield",
            (),
            dt.date(2025, 6, 2),
        ),
    ],
)
def test_signatures(line: str, name: str, creds: tuple[str, ...], date: dt.date | None) -> None:
    [sig] = find_signatures(line)
    assert (sig.person.name, sig.person.credentials, sig.date) == (name, creds, date)


def test_no_signature_without_a_signer() -> None:
    assert find_signatures("Signature: ________________   Date: ________") == ()


@pytest.mark.parametrize(
    "line",
    [
        "Plan reviewed with patient - electronically signed 06/03/2025",
        "Note completed and electronically signed.",
        "Reviewed, electronically signed 06/03/2025",
        "Plan Reviewed - electronically signed 06/03/2025",
    ],
)
def test_no_trailing_signature_without_a_credentialed_name_alone(line: str) -> None:
    assert find_signatures(line) == ()


@pytest.mark.parametrize(
    ("sentence", "target", "negated", "hypothetical", "historical"),
    [
        ("Patient denies SI/HI, no plan or intent.", "SI", True, False, False),
        ("Patient denies SI/HI, no plan or intent.", "intent", True, False, False),
        ("Reports SI with plan and intent to overdose.", "plan", False, False, False),
        ("If SI returns, call the crisis line.", "SI", False, True, False),
        ("History of SI in 2019.", "SI", False, False, True),
        ("Does not require 24-hour supervision.", "24-hour supervision", True, False, False),
        ("Requires 24-hour supervision at this time.", "24-hour supervision", False, False, False),
        ("Endorses passive SI without plan.", "plan", True, False, False),
    ],
)
def test_clinical_context(
    sentence: str, target: str, negated: bool, hypothetical: bool, historical: bool
) -> None:
    m = re.search(rf"\b{re.escape(target)}\b", sentence)
    assert m is not None
    [ctx] = assess(sentence, [m.span()])
    assert (ctx.negated, ctx.hypothetical, ctx.historical) == (negated, hypothetical, historical)


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Start Time", "start"),
        ("svc_start", "start"),  # an export's column names
        ("startTime", "start"),
        ("session_date", "date"),
        ("duration_min", "duration"),
        ("Duration (min)", "duration"),  # a unit, not a second label
        ("appt_status", "attendance"),
        ("Scheduled Duration", None),  # two labels in one: neither for sure
        ("Birth Date", None),
    ],
)
def test_a_column_names_its_role(label: str, role: str | None) -> None:
    from extract.values.vocab import vocab

    assert vocab().role_of(label) == role


def test_a_version_number_is_no_dotted_date() -> None:
    assert list(find_dates("Epic v2.1.15 export")) == []
    assert [d.date for d in find_dates("Date: 8.18.25.")] == [dt.date(2025, 8, 18)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Svc date 02.09.25", dt.date(2025, 9, 2)),  # dotted, no order shown: day first
        ("Svc date 02/09/25", dt.date(2025, 2, 9)),  # slashed, no order shown: month first
        ("02.09.25 and 09.13.25", dt.date(2025, 2, 9)),  # the document shows month first
    ],
)
def test_a_dotted_date_is_day_first_unless_the_document_shows_otherwise(
    text: str, expected: dt.date
) -> None:
    first = next(find_dates(text))
    assert first.date == expected


@pytest.mark.parametrize(
    ("text", "quote", "date"),
    [
        ("Visit day: Tuesday, April eighth, 2025", "April eighth, 2025", dt.date(2025, 4, 8)),
        ("on April twenty-second, 2025.", "April twenty-second, 2025", dt.date(2025, 4, 22)),
        ("March the third, 2025", "March the third, 2025", dt.date(2025, 3, 3)),
        ("May first 2025", "May first 2025", dt.date(2025, 5, 1)),
    ],
)
def test_a_month_then_an_ordinal_word_is_a_date(text: str, quote: str, date: dt.date) -> None:
    [d] = list(find_dates(text))
    assert (text[d.start : d.end], d.date) == (quote, date)


def test_an_ordinal_word_after_a_month_without_a_year_is_no_date() -> None:
    assert list(find_dates("In April, first session was missed.")) == []
