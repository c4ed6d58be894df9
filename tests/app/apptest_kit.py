"""What the AppTest tests of the workspace share: a temporary data folder with accounts,
the case store in it, and the app driven as a reviewer drives it (no browser)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from accounts import add_user
from casestore import CaseStore

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PASSWORD = "correct horse battery"
_SETTINGS = ("CHARTREVIEW_DATABASE_URL", "CHARTREVIEW_CASE_FILES_DIR", "CHARTREVIEW_USERS_FILE")


def data_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    users: Sequence[str] = ("rn.rivera", "dr.chen"),
    unset: Sequence[str] = (),
) -> Path:
    """A fresh data folder as ``CHARTREVIEW_DATA_DIR`` (no other setting of the machine's
    applies), with ``users`` signed up with :data:`PASSWORD`."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(folder))
    for name in (*_SETTINGS, *unset):
        monkeypatch.delenv(name, raising=False)
    for user in users:
        add_user(user, PASSWORD)  # users.json in the data folder
    return folder


def store(data_dir: Path) -> CaseStore:
    return CaseStore(f"sqlite:///{data_dir / 'cases.sqlite3'}", files_dir=data_dir / "case-files")


def new_app(case_id: str | None = None) -> AppTest:
    """A new browser session of the app (a reload, or another server), on ``case_id``."""
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


def sign_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    at.sidebar.text_input(key="sign_in_user").set_value(user)
    at.sidebar.text_input(key="sign_in_password").set_value(password)
    next(b for b in at.sidebar.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at
