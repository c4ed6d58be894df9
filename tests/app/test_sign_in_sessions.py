"""A local sign-in remembered across reloads (workspace/identity.py, app.py's sign-in): the
helpers, and sign-in / sign-out through AppTest (the cookie itself, a reload and a restart
are in the browser test, test_app_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from accounts import add_user, sessions_file
from workspace.actions import ActionError
from workspace.identity import (
    SESSION_COOKIE,
    Remembered,
    end_sign_in,
    remember_sign_in,
    resume_sign_in,
    session_cookie_script,
)

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(folder))
    for name in (
        "CHARTREVIEW_DATABASE_URL",
        "CHARTREVIEW_CASE_FILES_DIR",
        "CHARTREVIEW_USERS_FILE",
        "CHARTREVIEW_SESSION_HOURS",
    ):
        monkeypatch.delenv(name, raising=False)
    add_user("rn.rivera", PASSWORD)
    return folder


def _live_sessions() -> list[str]:
    if not sessions_file().exists():
        return []
    return [s["name"] for s in json.loads(sessions_file().read_text())["sessions"]]


def test_remember_resume_and_end_a_sign_in() -> None:
    remembered = remember_sign_in("RN.Rivera")
    assert remembered.token not in repr(remembered)
    assert 8 * 3600 - 5 <= remembered.max_age <= 8 * 3600
    assert resume_sign_in(remembered.token) == "rn.rivera"
    assert end_sign_in(remembered.token) is None
    assert resume_sign_in(remembered.token) is None
    assert end_sign_in(remembered.token) is None  # nothing left to end: not a problem
    for nothing in (None, "", "not a token", remembered.token[:-1] + "!"):
        assert resume_sign_in(nothing) is None
        assert end_sign_in(nothing) is None


def test_a_sign_in_that_cannot_be_remembered_or_resumed_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ActionError, match="no such user"):
        remember_sign_in("nobody")
    monkeypatch.setenv("CHARTREVIEW_SESSION_HOURS", "forever")
    with pytest.raises(ActionError, match="CHARTREVIEW_SESSION_HOURS must be a whole number"):
        remember_sign_in("rn.rivera")
    monkeypatch.delenv("CHARTREVIEW_SESSION_HOURS")
    remembered = remember_sign_in("rn.rivera")
    sessions_file().chmod(0o644)  # a file others can read signs nobody in
    assert resume_sign_in(remembered.token) is None
    problem = end_sign_in(remembered.token)
    assert problem is not None and "chmod 600" in problem


def test_the_cookie_script() -> None:
    token = "A" * 40 + "-_z"
    script = session_cookie_script(Remembered(token=token, max_age=28_800))
    assert script.startswith("<script>") and script.endswith("</script>")
    assert f'"{SESSION_COOKIE}={token}; Path=/; SameSite=Strict; Max-Age=28800"' in script
    assert 'window.location.protocol === "https:" ? "; Secure" : ""' in script
    cleared = session_cookie_script(None)
    assert f'"{SESSION_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0"' in cleared
    for bad in ('x"; alert(1); "', "A" * 42, "A" * 42 + "<"):
        with pytest.raises(ValueError, match="not a sign-in token"):
            session_cookie_script(Remembered(token=bad, max_age=10))


def _scripts(at: AppTest) -> list[str]:
    return [str(e.proto.body) for e in at.get("html") if "document.cookie" in e.proto.body]


def test_sign_in_remembers_and_sign_out_ends_it() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert _scripts(at) == [] and _live_sessions() == []
    at.sidebar.text_input(key="sign_in_user").set_value("rn.rivera")
    at.sidebar.text_input(key="sign_in_password").set_value(PASSWORD)
    next(b for b in at.sidebar.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("rn.rivera" in m.value for m in at.sidebar.markdown)
    assert _live_sessions() == ["rn.rivera"]
    [script] = _scripts(at)
    token = at.session_state["sign_in_token"]
    assert re.search(
        f"{SESSION_COOKIE}={token}; Path=/; SameSite=Strict; Max-Age=28[0-9]{{3}}\\b", script
    )
    assert resume_sign_in(token) == "rn.rivera"
    at.sidebar.button(key="sign_out").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _live_sessions() == []
    assert resume_sign_in(token) is None
    assert _scripts(at) == [session_cookie_script(None)]
    assert at.sidebar.text_input(key="sign_in_password").value == ""
    assert not any("rn.rivera" in m.value for m in at.sidebar.markdown)
