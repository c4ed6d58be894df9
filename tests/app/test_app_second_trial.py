"""What the second new-user trial of the workspace found, driven through Streamlit's AppTest
(no browser) on a temporary case store: each test fails without its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from accounts import add_user
from casestore import CaseStore

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PASSWORD = "correct horse battery"
SAFETY = "medicare-iop.safety"
DIAGNOSIS = "medicare-iop.diagnosis"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(folder))
    for name in (
        "CHARTREVIEW_DATABASE_URL",
        "CHARTREVIEW_CASE_FILES_DIR",
        "CHARTREVIEW_USERS_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    for user in ("rn.rivera", "dr.chen"):
        add_user(user, PASSWORD)
    return folder


def store(data_dir: Path) -> CaseStore:
    return CaseStore(f"sqlite:///{data_dir / 'cases.sqlite3'}", files_dir=data_dir / "case-files")


def new_app(case_id: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if case_id:
        at.query_params["case"] = case_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def review_example(at: AppTest, name: str = "medicare-iop-gaps") -> AppTest:
    at.sidebar.radio(key="source").set_value("Bundled example").run()
    at.sidebar.selectbox(key="example").set_value(name)
    at.sidebar.button(key="review_example").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, user: str) -> AppTest:
    at.sidebar.text_input(key="sign_in_user").set_value(user)
    at.sidebar.text_input(key="sign_in_password").set_value(PASSWORD)
    next(b for b in at.sidebar.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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
