"""Remembered sign-ins (accounts/sessions.py): create, resolve, expire, revoke."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import stat
import threading
from pathlib import Path

import pytest

import accounts.sessions as sessions_module
from accounts import (
    AccountError,
    SessionError,
    add_user,
    create_session,
    resolve_session,
    revoke_session,
    session_hours,
    sessions_file,
    users_file,
)

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 12, 6, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(folder))
    monkeypatch.delenv("CHARTREVIEW_USERS_FILE", raising=False)
    monkeypatch.delenv("CHARTREVIEW_SESSION_HOURS", raising=False)
    add_user("jdoe", PASSWORD)
    add_user("rn.rivera", PASSWORD)
    return folder


def test_a_sign_in_is_remembered_and_the_server_keeps_only_the_tokens_digest(data: Path) -> None:
    session = create_session("JDoe", now=NOW)  # the account's own spelling is kept
    assert session.user.name == "jdoe"
    assert (session.created_at, session.expires_at) == (NOW, NOW + dt.timedelta(hours=8))
    assert session.max_age(NOW) == 8 * 3600
    assert len(session.token) == 43
    assert session.token not in repr(session)
    path = sessions_file()
    assert path == data / "sessions.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert session.token not in text
    [entry] = json.loads(text)["sessions"]
    assert entry["token_sha256"] == hashlib.sha256(session.token.encode()).hexdigest()
    assert (entry["name"], entry["created_at"], entry["expires_at"]) == (
        "jdoe",
        "2026-12-06T16:00:00Z",
        "2026-12-07T00:00:00Z",
    )
    user = resolve_session(session.token, now=NOW + dt.timedelta(hours=1))
    assert user is not None and user.name == "jdoe"
    # a second sign-in is a second token: both valid
    other = create_session("jdoe", now=NOW)
    assert other.token != session.token
    assert resolve_session(other.token, now=NOW) == user


def test_a_sign_in_expires(data: Path) -> None:
    session = create_session("jdoe", hours=2, now=NOW)
    assert resolve_session(session.token, now=NOW + dt.timedelta(hours=2, seconds=-1))
    assert resolve_session(session.token, now=NOW + dt.timedelta(hours=2)) is None
    assert resolve_session(session.token, now=NOW + dt.timedelta(days=30)) is None
    assert session.max_age(NOW + dt.timedelta(hours=3)) == 0
    # one made in the future (a clock set back, an edited file) is not honoured either
    assert resolve_session(session.token, now=NOW - dt.timedelta(hours=1)) is None


def test_expired_sign_ins_are_dropped_from_the_file(data: Path) -> None:
    old = create_session("jdoe", hours=1, now=NOW)
    new = create_session("rn.rivera", hours=1, now=NOW + dt.timedelta(hours=2))
    digests = [e["token_sha256"] for e in json.loads(sessions_file().read_text())["sessions"]]
    assert digests == [hashlib.sha256(new.token.encode()).hexdigest()]
    assert resolve_session(old.token, now=NOW + dt.timedelta(hours=2)) is None


def test_sign_out_revokes_the_token_only(data: Path) -> None:
    mine = create_session("jdoe", now=NOW)
    theirs = create_session("rn.rivera", now=NOW)
    assert revoke_session(mine.token, now=NOW) is True
    assert resolve_session(mine.token, now=NOW) is None
    assert revoke_session(mine.token, now=NOW) is False
    user = resolve_session(theirs.token, now=NOW)
    assert user is not None and user.name == "rn.rivera"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character changed
        lambda t: t[:-1],  # cut short
        lambda t: t + "x",  # too long
        lambda t: t.upper(),
        lambda t: t[:-1] + "=",  # not the URL-safe alphabet
        lambda t: hashlib.sha256(t.encode()).hexdigest(),  # the stored digest itself
        lambda t: "",
        lambda t: None,
        lambda t: 12345,
        lambda t: t.encode(),
    ],
)
def test_a_tampered_or_unknown_token_is_nobody(data: Path, tamper: object) -> None:
    session = create_session("jdoe", now=NOW)
    assert callable(tamper)
    assert resolve_session(tamper(session.token), now=NOW) is None
    assert revoke_session(tamper(session.token), now=NOW) is False
    assert resolve_session(session.token, now=NOW) is not None


def test_no_file_no_sign_in(data: Path) -> None:
    assert resolve_session("A" * 43) is None
    assert revoke_session("A" * 43) is False
    assert not sessions_file().exists()


def test_a_removed_account_or_a_new_password_ends_its_sign_ins(data: Path) -> None:
    removed = create_session("rn.rivera", now=NOW)
    kept = create_session("jdoe", now=NOW)
    path = users_file()
    users = json.loads(path.read_text(encoding="utf-8"))
    users["users"] = [u for u in users["users"] if u["name"] != "rn.rivera"]
    path.write_text(json.dumps(users), encoding="utf-8")
    assert resolve_session(removed.token, now=NOW) is None
    assert resolve_session(kept.token, now=NOW) is not None
    add_user("jdoe", "another long password", replace=True)
    assert resolve_session(kept.token, now=NOW) is None
    assert resolve_session(create_session("jdoe", now=NOW).token, now=NOW) is not None


def test_only_an_account_can_be_remembered(data: Path) -> None:
    with pytest.raises(AccountError, match="no such user"):
        create_session("nobody", now=NOW)
    assert not sessions_file().exists()


def test_how_long_a_sign_in_lasts(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert session_hours() == 8
    monkeypatch.setenv("CHARTREVIEW_SESSION_HOURS", " 12 ")
    assert session_hours() == 12
    session = create_session("jdoe", now=NOW)
    assert session.expires_at == NOW + dt.timedelta(hours=12)
    for bad in ("0", "-1", "1.5", "eight", "169"):
        monkeypatch.setenv("CHARTREVIEW_SESSION_HOURS", bad)
        with pytest.raises(SessionError, match="CHARTREVIEW_SESSION_HOURS must be a whole"):
            session_hours()
    with pytest.raises(SessionError, match="from 1 to 168 hours"):
        create_session("jdoe", hours=0, now=NOW)


def test_the_newest_sign_ins_are_kept(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions_module, "MAX_SESSIONS", 3)
    made = [create_session("jdoe", now=NOW + dt.timedelta(minutes=i)) for i in range(5)]
    later = NOW + dt.timedelta(minutes=10)
    assert [resolve_session(s.token, now=later) is not None for s in made] == [
        False,
        False,
        True,
        True,
        True,
    ]


def test_a_sessions_file_others_can_read_or_an_invalid_one_is_refused(data: Path) -> None:
    session = create_session("jdoe", now=NOW)
    path = sessions_file()
    path.chmod(0o644)
    with pytest.raises(SessionError, match="chmod 600"):
        resolve_session(session.token, now=NOW)
    path.chmod(0o600)
    for text, what in [
        ("{", "not JSON"),
        ('{"format": "chartreview-users", "version": 1, "sessions": []}', "not a"),
        ('{"format": "chartreview-sessions", "version": 1, "sessions": [{}]}', "session #1"),
        ('{"format": "x", "format": "y"}', "not JSON"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SessionError, match=what):
            resolve_session(session.token, now=NOW)
        with pytest.raises(SessionError, match="Move it away"):
            create_session("jdoe", now=NOW)
    entry = {
        "token_sha256": hashlib.sha256(session.token.encode()).hexdigest(),
        "name": "jdoe",
        "password_stamp": "0" * 32,
        "created_at": "2026-12-06T16:00:00",  # no time zone
        "expires_at": "2026-12-07T00:00:00Z",
    }
    path.write_text(
        json.dumps({"format": "chartreview-sessions", "version": 1, "sessions": [entry]})
    )
    with pytest.raises(SessionError, match="created_at has no time zone"):
        resolve_session(session.token, now=NOW)


def test_concurrent_sign_ins_are_all_kept(data: Path) -> None:
    made: list[str] = []

    def sign_in() -> None:
        made.append(create_session("jdoe", now=NOW).token)

    threads = [threading.Thread(target=sign_in) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 8
    assert all(resolve_session(token, now=NOW) is not None for token in made)
