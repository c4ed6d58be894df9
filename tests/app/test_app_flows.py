"""The workspace driven through Streamlit's AppTest (no browser), on a temporary case store."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.record import to_json, verify_data
from pipeline.review import review_paths
from tests.app.apptest_kit import data_folder, new_app, review_example, sign_in, store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "medicare-iop-gaps"
RECERT = "medicare-iop.recertification-interval"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return data_folder(tmp_path, monkeypatch)


def headings(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def test_a_review_is_a_case_and_actions_survive_a_new_session(data_dir: Path) -> None:
    at = new_app()
    assert [t.value for t in at.main.title] == ["Worklist"]
    review_example(at)
    case_id = at.query_params["case"]
    assert [t.value for t in at.main.title][-1] == "Raymond T. Ostrowski"
    assert headings(at) == ["#### Not met (5)", "#### Met (10)"]
    # the first evidence is in a Markdown document: rendered (st.html: not read as Markdown
    # again), the quote marked; a script scrolls the panel to it, naming no chart text
    [shown] = [h.value for h in at.html if h.value.startswith('<div class="cr-md">')]
    assert '<mark id="evidence-span" class="evidence">' in shown and "**" not in shown
    [script] = [h.value for h in at.html if h.value.startswith("<script>")]
    assert "#evidence-span" in script and "Ostrowski" not in script
    # weekly hours: the sessions of the week that decided it come first
    assert any(m.value.startswith("**What decided it** (") for m in at.markdown)
    # without a reviewer's name nothing is saved
    at.button(key=f"override:{RECERT}").click().run()
    assert [e.value for e in at.error] == [
        "Not saved: sign in (in the sidebar) before acting: actions carry your name."
    ]
    sign_in(at, "rn.rivera", "not the password")
    assert [e.value for e in at.sidebar.error] == ["unknown user or wrong password"]
    sign_in(at, "rn.rivera")
    assert any("rn.rivera" in m.value for m in at.sidebar.markdown)
    at.text_input(key=f"why:{RECERT}").set_value("Recertification faxed 03/04 is in the chart")
    at.radio(key=f"to:{RECERT}").set_value("met").run()
    at.button(key=f"override:{RECERT}").click().run()
    assert [s.value for s in at.success][-1] == "Overridden to Met and saved."
    assert at.text_input(key=f"why:{RECERT}").value == ""  # the form cleared
    assert at.radio(key=f"to:{RECERT}").value is None
    assert headings(at) == ["#### Not met (4)", "#### Met (11)"]
    # the overridden finding moved to Met: the page scrolls once to its message there
    assert [h for h in at.html if 'id="act-anchor"' in h.value]
    at.run()
    assert not [h for h in at.html if 'id="act-anchor"' in h.value]
    # a new session (a reload, or another server) opens the case with the action
    later = new_app(case_id)
    assert [e.value for e in later.error] == []  # names the cause if the case did not open
    assert headings(later) == ["#### Not met (4)", "#### Met (11)"]
    with store(data_dir) as s:
        [action] = s.get_case(case_id).actions
    assert (action.reviewer, action.action, action.rule_id, action.new_status) == (
        "rn.rivera",
        "override",
        RECERT,
        "met",
    )
    # reviewing the same chart again opens its case: nothing is lost, nothing duplicated
    again = review_example(new_app())
    assert again.query_params["case"] == case_id
    assert any("already reviewed against this pack" in i.value for i in again.info)
    assert headings(again) == ["#### Not met (4)", "#### Met (11)"]
    with store(data_dir) as s:
        assert len(s.worklist()) == 1


def test_the_worklist_opens_a_case(data_dir: Path) -> None:
    review_example(new_app(), "medicare-iop-complete")
    review_example(new_app(), "medicare-iop-gaps")
    at = new_app()
    # newest change first; each named by member, pack, status and last change
    options = [o.rsplit(" · ", 1)[0] for o in at.selectbox(key="wl_open").options]
    assert options == [
        "Raymond T. Ostrowski · Medicare IOP · New",
        "Dolores A. Whitcomb · Medicare IOP · New",
    ]
    at.text_input(key="wl_member").set_value("whitcomb").run()
    assert len(at.selectbox(key="wl_open").options) == 1
    at.button(key="wl_open_button").click().run()
    assert [t.value for t in at.main.title][-1] == "Dolores A. Whitcomb"
    at.sidebar.button(key="go_worklist").click().run()
    assert [t.value for t in at.main.title][-1] == "Worklist"


def test_upload_review_and_large_file_rejected(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CHARTREVIEW_APP_MAX_BYTES", "20000")
    caplog.set_level(logging.DEBUG)
    files = sorted(p for p in EXAMPLE.iterdir() if p.suffix in (".txt", ".md"))
    uploads = [(p.name, p.read_bytes(), "text/plain") for p in files]
    uploads.append(("huge.txt", b"x" * 20001, "text/plain"))
    at = new_app()
    at.sidebar.file_uploader(key="uploads_0").set_value(uploads).run()
    at.sidebar.button(key="review_uploads").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.main.error]
    assert errors == ["Not reviewed: huge.txt is 19.5 KiB; files over 19.5 KiB are not accepted"]
    assert [t.value for t in at.main.title][-1] == "Raymond T. Ostrowski"
    # no chart text and no file names in the logs
    record = review_paths([EXAMPLE])
    quotes = {ev.quote for f in record.findings for ev in f.evidence if len(ev.quote) > 12}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert quotes and not any(q in logged for q in quotes)
    assert not any(p.name in logged for p in files) and "Ostrowski" not in logged


def test_an_exported_record_opens_as_a_case_and_an_edited_one_is_refused(
    data_dir: Path,
) -> None:
    record = review_paths([EXAMPLE])
    at = new_app()
    at.sidebar.file_uploader(key="exported").set_value(
        ("review.json", to_json(record).encode(), "application/json")
    ).run()
    at.sidebar.button(key="load_record").click().run()
    assert not at.exception
    case_id = at.query_params["case"]
    with store(data_dir) as s:
        assert s.latest_record(case_id) == record
    # the documents are not in the store: the evidence says so instead of failing
    assert any("not in the case store" in w.value for w in at.warning)
    data = json.loads(to_json(record))
    data["overall"] = "met"
    edited = new_app()
    edited.sidebar.file_uploader(key="exported").set_value(
        ("review.json", json.dumps(data).encode(), "application/json")
    ).run()
    edited.sidebar.button(key="load_record").click().run()
    assert any("does not verify" in e.value for e in edited.sidebar.error)
    assert "case" not in edited.query_params


def test_a_decision_and_the_exported_record(data_dir: Path) -> None:
    at = review_example(new_app())
    sign_in(at, "dr.chen")
    at.text_input(key="why:case").set_value("approve continued stay through 03/31").run()
    at.radio(key="to:case").set_value("met").run()
    at.button(key="decision:case").click().run()
    assert [s.value for s in at.success][-1] == "Decision saved."
    # the decision is the headline, the findings' overall and the tool's beside it
    assert any(
        "Decision: Met" in m.value
        and "The findings give Not met, as the tool recommended." in m.value
        and "**Recorded by you:** approve continued stay through 03/31" in m.value
        for m in at.markdown
    )
    case_id = at.query_params["case"]
    with store(data_dir) as s:
        case = s.get_case(case_id)
    assert case.status == "decided"
    assert [(a.action, a.new_status, a.rule_id) for a in case.actions] == [
        ("decision", "met", None)
    ]


def test_ask_the_policy() -> None:
    at = review_example(new_app())
    at.text_input(key="ask_query").set_value("what counts toward the 9 hours?")
    at.button(key="ask").click().run()
    assert not at.exception and not at.error
    hits = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert hits and hits[0].startswith(
        "**1. Optum Medicare Coverage Summary: Intensive Outpatient Programs"
    )
    assert not any(".txt" in h for h in hits)


def test_pdf_evidence_is_its_lines_whole_at_reading_size_and_the_page_can_be_enlarged() -> None:
    import re

    from workspace.pdfcrop import LINE_PX, MIN_LINE_PX, PANEL_PX

    at = review_example(new_app())  # medicare-iop-gaps: its services record is a PDF
    at.button(key="view:finding:medicare-iop.excluded-services:1").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [crop] = [h.proto.body for h in at.get("html") if 'class="cr-pdf"' in h.proto.body]
    found = re.search(r"max-width:(\d+)px;min-width:(\d+)px", crop)
    assert found is not None
    widest, narrowest = int(found[1]), int(found[2])
    # a table row of the page, whole: wider than the column at the smallest reading size,
    # so its box scrolls sideways (said under it) rather than shrinking its text
    assert narrowest == round(widest * MIN_LINE_PX / LINE_PX) > PANEL_PX
    assert any("wider than the column" in c.value for c in at.caption)
    at.button(key="pdf_enlarge").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [page] = [h.proto.body for h in at.get("html") if 'class="cr-pdf cr-pdf-page"' in h.proto.body]
    assert 'id="page-span"' in page and "width:100%;aspect-ratio:" in page


def test_ask_the_policy_says_what_it_never_mentions_for_an_off_topic_question() -> None:
    # "IOP" lifts the similarity over the floor; the policy never mentions a copay
    at = review_example(new_app())
    at.text_input(key="ask_query").set_value("What's the copay for IOP?")
    at.button(key="ask").click().run()
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "Nothing relevant in this policy for that question: it never mentions “copay”. "
        "Try other words."
    ]
    assert not [m.value for m in at.markdown if m.value.startswith("**1. ")]


def test_ask_the_policy_shows_a_list_items_lead_in_apart_from_the_passage() -> None:
    at = review_example(new_app())
    at.text_input(key="ask_query").set_value("Is vocational training covered?")
    at.button(key="ask").click().run()
    assert not at.exception and not at.error
    shown = [m.value for m in at.markdown]
    first = next(n for n, m in enumerate(shown) if m.startswith("**1. "))
    lead_in, quote = shown[first + 1], shown[first + 2]
    assert lead_in == (
        '<div class="cr-lead-in" style="color:#6c757d;font-size:0.875rem">A list item under: '
        "<i>The following services are excluded from the scope of intensive outpatient "
        "services defined in §1861(ff) of the Social Security Act:</i></div>"
    )
    # the passage is quoted as it stands in the policy, without its lead-in
    assert quote == '<div class="cr-quote">Vocational training.</div>'


def test_the_record_verifies_after_actions(data_dir: Path) -> None:
    at = review_example(new_app())
    sign_in(at, "rn.rivera")
    at.button(key=f"accept:{RECERT}").click().run()
    case_id = at.query_params["case"]
    from workspace.cases import open_case

    with store(data_dir) as s:
        record = open_case(s, case_id).record
    assert verify_data(json.loads(to_json(record)))[0]
    assert record.reviewer_outcome is not None
    assert [f.set_by for f in record.reviewer_outcome.findings if f.rule_id == RECERT] == ["accept"]


def test_a_chart_reviewed_against_the_wrong_pack_is_reviewed_again_from_its_case(
    data_dir: Path,
) -> None:
    at = new_app()
    at.sidebar.selectbox(key="pack").set_value("medicare-iop")
    review_example(at, "optum-idaho-iop-adolescent")
    wrong = at.query_params["case"]
    assert any("Optum" in w.value or "Idaho" in w.value for w in at.warning)
    [button] = [b for b in at.button if b.key == "review_with_pack"]
    assert "Idaho" in button.label
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    right = at.query_params["case"]
    assert right != wrong
    assert any("this is that pack's case" in s.value for s in at.success)
    assert not [b for b in at.button if b.key == "review_with_pack"]  # the right pack now
    with store(data_dir) as s:
        cases = {c.case_id: c.pack_id for c in s.worklist()}
    assert cases == {wrong: "medicare-iop", right: "optum-idaho-iop"}
