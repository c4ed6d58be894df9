"""What the second new-user trial of the workspace found, driven through Streamlit's AppTest
(no browser) on a temporary case store: each test fails without its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.apptest_kit import data_folder, new_app, review_example, sign_in, store

SAFETY = "medicare-iop.safety"
DIAGNOSIS = "medicare-iop.diagnosis"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return data_folder(tmp_path, monkeypatch)


# --------------------------------------------------------------------------- ask the policy


def test_ask_the_policy_shows_a_lead_in_with_the_list_it_introduces() -> None:
    at = review_example(new_app())
    at.text_input(key="ask_query").set_value("what must the recertification say?")
    at.button(key="ask").click().run()
    assert not at.exception and not at.error
    shown = [m.value for m in at.markdown]
    lead = next(
        n
        for n, m in enumerate(shown)
        if m.startswith('<div class="cr-quote">Content – The recertification must specify')
    )
    assert shown[lead].endswith("describe the following:</div>")
    # the lead-in's items follow it: the answer carries what the list says
    assert shown[lead + 1].startswith('<div class="cr-quote cr-items"><ul><li>The patient’s ')
    assert shown[lead + 1].count("<li>") == 3


# --------------------------------------------------------------------------- stale notes

RECERT = "medicare-iop.recertification-interval"


def test_a_note_on_a_finding_is_refused_when_the_case_changed_while_it_was_typed(
    data_dir: Path,
) -> None:
    b = review_example(new_app())
    case_id = b.query_params["case"]
    sign_in(b, "dr.chen")
    a = sign_in(new_app(case_id), "rn.rivera")
    # rn.rivera acts while dr.chen types a note on the same finding; typing redraws
    # dr.chen's page (the text box's own rerun, as a browser does when the button is
    # clicked), which is not seeing the change
    a.button(key=f"accept:{RECERT}").click().run()
    b.text_input(key=f"why:{RECERT}").set_value("Faxed recertification requested.").run()
    b.button(key=f"note:{RECERT}").click().run()
    assert [e.value for e in b.error] == [
        "Not saved: rn.rivera acted on this case since you opened it: your note was not "
        "saved; the page now shows the case as it is: check it, then act again."
    ]
    assert b.text_input(key=f"why:{RECERT}").value == "Faxed recertification requested."
    # having seen it, the same click saves the note
    b.button(key=f"note:{RECERT}").click().run()
    assert [s.value for s in b.success][-1] == "Note saved."
    with store(data_dir) as s:
        actions = s.get_case(case_id).actions
    assert [(x.reviewer, x.action, x.rule_id) for x in actions] == [
        ("rn.rivera", "accept", RECERT),
        ("dr.chen", "note", RECERT),
    ]


def test_a_case_note_is_saved_whoever_acted_meanwhile(data_dir: Path) -> None:
    b = review_example(new_app())
    case_id = b.query_params["case"]
    sign_in(b, "dr.chen")
    a = sign_in(new_app(case_id), "rn.rivera")
    b.text_input(key="why:case").set_value("Called the program about week 3.").run()
    a.button(key=f"accept:{RECERT}").click().run()
    # a note about the whole case changes no finding: it is saved, nothing is lost
    b.button(key="note:case").click().run()
    assert not b.error, [e.value for e in b.error]
    assert [s.value for s in b.success][-1] == "Note saved."
    # a note on a finding is still refused on a case that changed under it
    a.text_input(key=f"why:{RECERT}").set_value("and checked the fax").run()
    b.text_input(key=f"why:{DIAGNOSIS}").set_value("F33.1 confirmed.")
    b.button(key=f"note:{DIAGNOSIS}").click().run()
    a.button(key=f"note:{RECERT}").click().run()
    assert [e.value for e in a.error] == [
        "Not saved: dr.chen acted on this case since you opened it: your note was not "
        "saved; the page now shows the case as it is: check it, then act again."
    ]
    with store(data_dir) as s:
        actions = s.get_case(case_id).actions
    assert [(x.reviewer, x.action, x.rule_id) for x in actions] == [
        ("rn.rivera", "accept", RECERT),
        ("dr.chen", "note", None),
        ("dr.chen", "note", DIAGNOSIS),
    ]


def test_an_action_is_confirmed_beside_its_buttons_and_covers_no_heading(data_dir: Path) -> None:
    at = sign_in(review_example(new_app()), "rn.rivera")
    at.text_input(key=f"why:{RECERT}").set_value("Recertification faxed 03/04 is in the chart")
    at.radio(key=f"to:{RECERT}").set_value("met").run()
    at.button(key=f"override:{RECERT}").click().run()
    assert [s.value for s in at.success][-1] == "Overridden to Met and saved."
    # no toast over the top right of the page, where the evidence panel's heading is
    assert not at.toast
    assert [h.value for h in at.subheader if h.value.startswith("Evidence")] == [
        "Evidence in the source"
    ]
