"""The workspace driven through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.record import AuditRecord, to_json, verify_data

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "examples" / "medicare-iop-gaps"


def new_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def review_example(at: AppTest, name: str = "medicare-iop-gaps") -> AppTest:
    at.sidebar.radio(key="source").set_value("Bundled example").run()
    at.sidebar.selectbox(key="example").set_value(name)
    at.sidebar.button(key="review_example").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def current(at: AppTest) -> AuditRecord:
    record = at.session_state["record"]
    assert isinstance(record, AuditRecord)
    return record


def test_example_review_shows_the_checklist_and_override_flow() -> None:
    at = review_example(new_app())
    assert [h.value for h in at.header] == ["Checklist"]
    assert at.title[0].value.endswith("Overall: Not met")
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings[0].startswith("#### Not met")
    record = current(at)
    # the evidence viewer shows the first item's page with its span highlighted
    assert any('<mark id="evidence-span">' in m.value for m in at.markdown)
    # override without a reason is refused and nothing is appended
    at.text_input(key="reviewer").set_value("RN Rivera")
    at.radio(key="action").set_value("override").run()
    at.button(key="record_action").click().run()
    assert [e.value for e in at.error] == ["an override needs a reason"]
    assert current(at).reviewer_actions == []
    # with a reason it is appended, chained and resealed
    rule = at.selectbox(key="action_rule").value
    at.selectbox(key="new_status").set_value("met")
    at.text_area(key="reason").set_value("Recertification faxed 03/04 is in the chart.").run()
    at.button(key="record_action").click().run()
    assert not at.exception
    after = current(at)
    [action] = after.reviewer_actions
    assert (action.action, action.rule_id, action.new_status, action.reviewer) == (
        "override",
        rule,
        "met",
        "RN Rivera",
    )
    assert after.previous_record_sha256 == record.record_sha256
    exported = json.loads(to_json(after))
    assert verify_data(exported)[0]
    assert exported["reviewer_actions"][0]["reason"].startswith("Recertification faxed")
    assert any(s.value.startswith("Recorded override") for s in at.success)
    # re-rendering does not re-run the review
    before = at.session_state["reviews"]
    at.run()
    assert at.session_state["reviews"] is before and len(before) == 1
    review_example(at)  # the same chart and options again: served from the cache
    assert len(at.session_state["reviews"]) == 1


def test_selecting_evidence_highlights_it_in_the_page() -> None:
    at = review_example(new_app())
    labels = at.selectbox(key="evidence_choice").options
    fact = next(label for label in labels if label.startswith("fact "))
    at.selectbox(key="evidence_choice").set_value(fact).run()
    [page] = [m.value for m in at.markdown if 'class="cr-page"' in m.value]
    assert page.count("<mark") == 1


def test_upload_review_and_large_file_rejected(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CHARTREVIEW_APP_MAX_BYTES", "20000")
    caplog.set_level(logging.DEBUG)
    files = sorted(p for p in EXAMPLE.iterdir() if p.suffix in (".txt", ".md"))
    uploads = [(p.name, p.read_bytes(), "text/plain") for p in files]
    uploads.append(("huge.txt", b"x" * 20001, "text/plain"))
    at = new_app()
    at.sidebar.file_uploader(key="uploads").set_value(uploads).run()
    at.sidebar.button(key="review_uploads").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("huge.txt is 19.5 KiB" in e and "not accepted" in e for e in errors)
    record = current(at)
    assert {d.filename for d in record.documents} == {p.name for p in files}
    # no chart text in the logs
    quotes = {ev.quote for f in record.findings for ev in f.evidence if len(ev.quote) > 12}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert quotes and not any(q in logged for q in quotes)


def test_reloading_an_exported_record_continues_its_chain() -> None:
    at = review_example(new_app())
    at.text_input(key="reviewer").set_value("RN Rivera")
    at.radio(key="action").set_value("note").run()
    at.text_area(key="reason").set_value("first pass").run()
    at.button(key="record_action").click().run()
    first = current(at)
    later = new_app()
    later.sidebar.file_uploader(key="exported").set_value(
        ("review.json", to_json(first).encode(), "application/json")
    ).run()
    later.sidebar.button(key="load_record").click().run()
    assert current(later) == first
    later.text_input(key="reviewer").set_value("Dr Chen")
    later.radio(key="action").set_value("decision").run()
    later.text_area(key="reason").set_value("approve continued stay").run()
    later.button(key="record_action").click().run()
    second = current(later)
    assert second.previous_record_sha256 == first.record_sha256
    assert [a.reason for a in second.reviewer_actions] == ["first pass", "approve continued stay"]
    # an edited record is refused
    data = json.loads(to_json(first))
    data["overall"] = "met"
    edited = new_app()
    edited.sidebar.file_uploader(key="exported").set_value(
        ("review.json", json.dumps(data).encode(), "application/json")
    ).run()
    edited.sidebar.button(key="load_record").click().run()
    assert any("does not verify" in e.value for e in edited.sidebar.error)
    assert "record" not in edited.session_state


def test_ask_the_policy() -> None:
    at = review_example(new_app())
    at.text_input(key="ask_query").set_value("what counts toward the 9 hours?")
    at.button(key="ask").click().run()
    assert not at.exception and not at.error
    hits = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert hits and "optum-medicare-iop-coverage-summary" in hits[0]
