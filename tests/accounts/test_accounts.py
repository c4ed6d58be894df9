"""Local reviewer accounts (accounts/): the users file, sign-in, ``chartreview users``."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

import accounts.users as users_module
from accounts import (
    AccountError,
    User,
    UsersFileError,
    add_user,
    authenticate,
    list_users,
    load_users,
    users_file,
)
from cli.main import main
from core.errors import ChartReviewError

PASSWORD = "correct horse battery"


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data" / "users.json"
    monkeypatch.setenv("CHARTREVIEW_USERS_FILE", str(target))
    return target


def test_add_then_sign_in(path: Path) -> None:
    user = add_user("jdoe", PASSWORD)
    assert user.name == "jdoe"
    assert authenticate("jdoe", PASSWORD) == user
    assert authenticate("JDoe", PASSWORD) == user  # names are case-insensitive
    assert authenticate(" jdoe ", PASSWORD) == user
    assert load_users() == (user,)


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("jdoe", "correct horse batterY"),
        ("jdoe", ""),
        ("jdoe", PASSWORD + " "),
        ("jdoe", "x" * 5000),
        ("jdoe2", PASSWORD),
        ("", PASSWORD),
    ],
)
def test_a_wrong_password_or_unknown_name_is_refused(path: Path, name: str, password: str) -> None:
    add_user("jdoe", PASSWORD)
    assert authenticate(name, password) is None


def test_an_unknown_name_costs_one_hash_like_a_known_one(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user("jdoe", PASSWORD)
    calls: list[tuple[int, int, int]] = []
    real = users_module._hash

    def counting(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        calls.append((n, r, p))
        return real(password, salt, n, r, p)

    monkeypatch.setattr(users_module, "_hash", counting)
    assert authenticate("nobody", PASSWORD) is None
    assert authenticate("jdoe", "wrong password!") is None
    assert calls == [(2**14, 8, 1), (2**14, 8, 1)]


def test_the_file_holds_salted_scrypt_hashes_owner_only(path: Path) -> None:
    add_user("jdoe", PASSWORD)
    add_user("asmith", PASSWORD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    raw = path.read_text()
    assert PASSWORD not in raw
    data = json.loads(raw)
    assert [u["name"] for u in data["users"]] == ["asmith", "jdoe"]
    salts = [base64.b64decode(u["salt"]) for u in data["users"]]
    hashes = [base64.b64decode(u["hash"]) for u in data["users"]]
    assert salts[0] != salts[1] and hashes[0] != hashes[1]  # same password, own salt each
    for u, salt, digest in zip(data["users"], salts, hashes, strict=True):
        assert u["scrypt"] == {"n": 16384, "r": 8, "p": 1}
        assert (len(salt), len(digest)) == (16, 32)
        assert digest == hashlib.scrypt(
            PASSWORD.encode(), salt=salt, n=16384, r=8, p=1, dklen=32, maxmem=2**25
        )


def test_replace_sets_a_new_password_and_keeps_the_account(path: Path) -> None:
    first = add_user("jdoe", PASSWORD)
    with pytest.raises(AccountError) as caught:
        add_user("JDOE", "another password")
    assert str(caught.value) == (
        "a user named jdoe exists already: choose another name, or use --replace to set a "
        "new password"
    )
    again = add_user("JDOE", "another password", replace=True)
    assert again == first  # same name as first written, same creation time
    assert authenticate("jdoe", PASSWORD) is None
    assert authenticate("jdoe", "another password") == first
    assert len(load_users()) == 1


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        (
            "",
            PASSWORD,
            "a user name is 1-64 letters, digits or the characters . _ @ -, starting with a letter or digit",
        ),
        (
            "-jdoe",
            PASSWORD,
            "a user name is 1-64 letters, digits or the characters . _ @ -, starting with a letter or digit",
        ),
        (
            "j doe",
            PASSWORD,
            "a user name is 1-64 letters, digits or the characters . _ @ -, starting with a letter or digit",
        ),
        (
            "j" * 65,
            PASSWORD,
            "a user name is 1-64 letters, digits or the characters . _ @ -, starting with a letter or digit",
        ),
        ("jdoe", "short", "a password needs at least 10 characters"),
        ("jdoe", "x" * 1025, "a password has at most 1024 characters"),
        (
            "jdoe",
            " leading space pw",
            "a password may not start or end with spaces or hold control characters",
        ),
        (
            "jdoe",
            "tab\there pass",
            "a password may not start or end with spaces or hold control characters",
        ),
        ("jdoe.long.name", "JDOE.LONG.NAME", "the password may not be the user's name"),
    ],
)
def test_bad_names_and_passwords_are_refused(
    path: Path, name: str, password: str, message: str
) -> None:
    with pytest.raises(AccountError) as caught:
        add_user(name, password)
    assert str(caught.value) == message
    assert not path.exists()


def entry(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "jdoe",
        "created_at": "2026-01-02T03:04:05Z",
        "scrypt": {"n": 16384, "r": 8, "p": 1},
        "salt": base64.b64encode(b"s" * 16).decode(),
        "hash": base64.b64encode(b"h" * 32).decode(),
    }
    base.update(changes)
    return base


def document(*users: Any, **changes: Any) -> str:
    data: dict[str, Any] = {"format": "chartreview-users", "version": 1, "users": list(users)}
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "{",
            "it is not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        ),
        (
            '{"format": "chartreview-users", "format": "x", "version": 1, "users": []}',
            "it is not JSON (a key is repeated)",
        ),
        (
            '{"format": "chartreview-users", "version": NaN, "users": []}',
            "it is not JSON (NaN is not a JSON number)",
        ),
        ("[]", "the file is not an object"),
        (document(extra=1), "the file has unknown extra"),
        ('{"format": "chartreview-users", "users": []}', "the file has missing version"),
        (document(format="other"), 'its "format" is not "chartreview-users"'),
        (document(version=2), "its version is not 1 (written by another chartreview?)"),
        (document(users={}), '"users" is not a list'),
        (document("jdoe"), "user #1 is not an object"),
        (document({**entry(), "admin": True}), "user #1 has unknown admin"),
        (
            document(entry(name="j doe")),
            "user #1 has a name that is not 1-64 letters, digits or ._@-",
        ),
        (document(entry(), entry(name="JDoe")), "user #2 repeats the name of an earlier user"),
        (document(entry(scrypt={"n": 16384, "r": 8})), "user #1's scrypt has missing p"),
        (
            document(entry(scrypt={"n": 20000, "r": 8, "p": 1})),
            "user #1's scrypt n must be a power of 2",
        ),
        (
            document(entry(scrypt={"n": 2**20, "r": 8, "p": 1})),
            "user #1's scrypt n must be a whole number from 16384 to 131072",
        ),
        (
            document(entry(scrypt={"n": 16384, "r": True, "p": 1})),
            "user #1's scrypt r must be a whole number from 8 to 16",
        ),
        (
            document(entry(scrypt={"n": 16384, "r": 8, "p": 64})),
            "user #1's scrypt p must be a whole number from 1 to 4",
        ),
        (document(entry(salt="not base64!")), "user #1's salt is not base64"),
        (
            document(entry(salt=base64.b64encode(b"s" * 8).decode())),
            "user #1's salt must hold 16 bytes",
        ),
        (document(entry(hash=7)), "user #1's hash is not base64"),
        (document(entry(created_at="yesterday")), "user #1's created_at is not a date and time"),
        (
            document(entry(created_at="2026-01-02T03:04:05")),
            "user #1's created_at has no time zone",
        ),
    ],
)
def test_a_malformed_users_file_is_refused_with_what_to_fix(
    path: Path, text: str, what: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(text)
    path.chmod(0o600)
    for call in (load_users, list_users, lambda: authenticate("jdoe", PASSWORD)):
        with pytest.raises(UsersFileError) as caught:
            call()
        assert str(caught.value) == (
            f"the users file {path} is not valid: {what}. Fix it, or move it away and add the "
            "users again with `chartreview users add NAME`"
        )
    with pytest.raises(UsersFileError):
        add_user("other", PASSWORD)  # nothing is written over a file that does not load
    assert path.read_text() == text


def test_a_valid_hand_written_entry_loads(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(document(entry()))
    path.chmod(0o600)
    assert load_users() == (
        User(name="jdoe", created_at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)),
    )


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_users_file_others_can_read_or_change_is_refused(path: Path, mode: int) -> None:
    add_user("jdoe", PASSWORD)
    path.chmod(mode)
    with pytest.raises(UsersFileError) as caught:
        authenticate("jdoe", PASSWORD)
    assert str(caught.value) == (
        f"the users file {path} can be read or changed by other users of this machine "
        f"(mode {mode:04o}): run `chmod 600 {path}`"
    )


def test_no_users_file_means_no_users(path: Path) -> None:
    assert (load_users(), list_users(), authenticate("jdoe", PASSWORD)) == ((), (), None)
    assert not path.exists()


def test_the_default_file_is_in_the_case_store_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casestore.config import data_dir

    monkeypatch.delenv("CHARTREVIEW_USERS_FILE", raising=False)
    monkeypatch.setenv("CHARTREVIEW_DATA_DIR", str(tmp_path / "d"))
    assert users_file() == data_dir() / "users.json" == tmp_path / "d" / "users.json"
    monkeypatch.delenv("CHARTREVIEW_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "x"))
    assert (
        users_file() == data_dir() / "users.json" == tmp_path / "x" / "chartreview" / "users.json"
    )


def test_concurrent_adds_lose_no_account(path: Path) -> None:
    names = [f"user{i}" for i in range(6)]
    errors: list[BaseException] = []

    def add(name: str) -> None:
        try:
            add_user(name, PASSWORD)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=add, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [u.name for u in list_users()] == names


def test_errors_are_in_the_one_exception_tree() -> None:
    assert issubclass(UsersFileError, ChartReviewError)
    assert issubclass(AccountError, ChartReviewError)


# --------------------------------------------------------------------------- CLI


def test_cli_add_with_getpass_and_list(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return PASSWORD

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["users", "add", "jdoe"]) == 0
    assert prompts == ["Password: ", "Password again: "]
    assert main(["users", "list"]) == 0
    out, err = capsys.readouterr()
    [added] = load_users()
    assert out == (
        f"added jdoe in {path}\njdoe  added {added.created_at.strftime('%Y-%m-%d %H:%M')} UTC\n"
    )
    assert err == ""
    assert authenticate("jdoe", PASSWORD) == added


@pytest.mark.parametrize(
    ("argv", "answers", "stdin", "message"),
    [
        (
            ["users", "add", "jdoe"],
            [PASSWORD, PASSWORD + "x"],
            "",
            "the two passwords differ: the account was not added",
        ),
        (
            ["users", "add", "jdoe", "--password-stdin"],
            [],
            "",
            "no password on standard input (give it as the first line)",
        ),
        (
            ["users", "add", "jdoe", "--password-stdin"],
            [],
            "short\n",
            "a password needs at least 10 characters",
        ),
        (
            ["users", "add", "j doe", "--password-stdin"],
            [],
            PASSWORD + "\n",
            "a user name is 1-64 letters, digits or the characters . _ @ -, starting with a letter or digit",
        ),
    ],
)
def test_cli_refusals_say_why_and_never_show_the_password(
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    answers: list[str],
    stdin: str,
    message: str,
) -> None:
    given = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(given))
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"chartreview: error: {message}\n")
    assert not path.exists()


def test_cli_password_from_stdin_and_replace(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "jdoe", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a new passphrase\r\n"))
    assert main(["users", "add", "jdoe", "--password-stdin", "--replace"]) == 0
    out, err = capsys.readouterr()
    assert out == f"added jdoe in {path}\nnew password set for jdoe in {path}\n"
    assert PASSWORD not in out + err and "passphrase" not in out + err
    assert authenticate("jdoe", "a new passphrase") is not None


def test_cli_list_without_users(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "list"]) == 0
    assert capsys.readouterr().out == (
        f"No users yet in {path}: add one with `chartreview users add NAME`.\n"
    )
