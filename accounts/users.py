"""The local users file: who may sign in to the workspace, with salted password hashes.

Where: ``$CHARTREVIEW_USERS_FILE``, else ``users.json`` in the data folder
(``$CHARTREVIEW_DATA_DIR``, else ``$XDG_DATA_HOME/chartreview``, i.e.
``~/.local/share/chartreview``: the folder of the case store, casestore/config.py).

Format (JSON, written by :func:`add_user`; a person should not need to edit it)::

    {"format": "chartreview-users", "version": 1,
     "users": [{"name": "jdoe", "created_at": "2026-12-06T16:00:00Z",
                "scrypt": {"n": 16384, "r": 8, "p": 1},
                "salt": "<base64, 16 bytes>", "hash": "<base64, 32 bytes>"}]}

Each password is hashed with scrypt (``hashlib.scrypt``) and a random salt of its own and
compared in constant time (``hmac.compare_digest``); an unknown name costs the same hash,
so the time taken does not tell which names exist. The loader is strict: unknown or
missing keys, a duplicate key or name, a bad salt or hash, scrypt costs outside the
accepted range (a file cannot make a sign-in take minutes) or a file that other users can
read or write are errors that say what to fix. The file is created owner-only (0600) and
replaced atomically under a lock, so two ``users add`` at once lose nothing.

Passwords are never logged, stored or echoed; names are not logged either.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.datadir import data_dir
from core.errors import ChartReviewError
from core.files import held, open_lock, write_private

USERS_FILE_ENV = "CHARTREVIEW_USERS_FILE"
USERS_FILE_NAME = "users.json"
FORMAT = "chartreview-users"
VERSION = 1

#: scrypt costs of new hashes (16 MiB of memory, about 50 ms here).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
#: Costs a users file may ask for: enough to raise them later, never a sign-in of minutes.
N_RANGE, R_RANGE, P_RANGE = (2**14, 2**17), (8, 16), (1, 4)
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
MAX_FILE_BYTES = 4 * 2**20
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


class AccountsError(ChartReviewError):
    """Base of the accounts errors (part of chartreview's one exception tree)."""


class UsersFileError(AccountsError):
    """The users file cannot be read or written, or is not a valid users file."""


class AccountError(AccountsError):
    """A request about one account that cannot be done (a bad name or password, a name
    already taken)."""


@dataclass(frozen=True)
class User:
    """A local account: its name (as given when added) and when it was added."""

    name: str
    created_at: dt.datetime


@dataclass(frozen=True)
class _Account:
    user: User
    n: int
    r: int
    p: int
    salt: bytes
    hash: bytes


def users_file() -> Path:
    """``$CHARTREVIEW_USERS_FILE``, else ``users.json`` in the data folder."""
    configured = os.environ.get(USERS_FILE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return data_dir() / USERS_FILE_NAME


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=HASH_BYTES,
        maxmem=256 * r * n + 2**20,
    )


def _key(name: str) -> str:
    return name.casefold()


# --------------------------------------------------------------------------- loading


def _bad(path: Path, what: str) -> UsersFileError:
    return UsersFileError(
        f"the users file {path} is not valid: {what}. Fix it, or move it away and add the "
        "users again with `chartreview users add NAME`"
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key is repeated")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _exact_keys(path: Path, where: str, data: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _bad(path, f"{where} is not an object")
    if set(data) != keys:
        missing, extra = sorted(keys - set(data)), sorted(set(data) - keys)
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unknown {', '.join(extra)}"] if extra else []
        )
        raise _bad(path, f"{where} has {'; '.join(parts)}")
    return data


def _int_in(path: Path, where: str, value: object, bounds: tuple[int, int]) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not bounds[0] <= value <= bounds[1]:
        raise _bad(path, f"{where} must be a whole number from {bounds[0]} to {bounds[1]}")
    return value


def _b64(path: Path, where: str, value: object, size: int) -> bytes:
    try:
        if not isinstance(value, str):
            raise ValueError
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise _bad(path, f"{where} is not base64") from None
    if len(raw) != size:
        raise _bad(path, f"{where} must hold {size} bytes")
    return raw


def _account(path: Path, index: int, data: object) -> _Account:
    where = f"user #{index + 1}"
    entry = _exact_keys(path, where, data, {"name", "created_at", "scrypt", "salt", "hash"})
    name = entry["name"]
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise _bad(path, f"{where} has a name that is not 1-64 letters, digits or ._@-")
    costs = _exact_keys(path, f"{where}'s scrypt", entry["scrypt"], {"n", "r", "p"})
    n = _int_in(path, f"{where}'s scrypt n", costs["n"], N_RANGE)
    if n & (n - 1):
        raise _bad(path, f"{where}'s scrypt n must be a power of 2")
    r = _int_in(path, f"{where}'s scrypt r", costs["r"], R_RANGE)
    p = _int_in(path, f"{where}'s scrypt p", costs["p"], P_RANGE)
    try:
        created = dt.datetime.fromisoformat(str(entry["created_at"]).replace("Z", "+00:00"))
    except ValueError:
        raise _bad(path, f"{where}'s created_at is not a date and time") from None
    if created.tzinfo is None:
        raise _bad(path, f"{where}'s created_at has no time zone")
    return _Account(
        user=User(name=name, created_at=created.astimezone(dt.UTC)),
        n=n,
        r=r,
        p=p,
        salt=_b64(path, f"{where}'s salt", entry["salt"], SALT_BYTES),
        hash=_b64(path, f"{where}'s hash", entry["hash"], HASH_BYTES),
    )


def _read(path: Path) -> dict[str, _Account]:
    """The accounts of the users file, by case-folded name; none if there is no file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise UsersFileError(f"the users file {path} cannot be read ({e.strerror})") from e
    if not stat.S_ISREG(info.st_mode):
        raise UsersFileError(f"the users file {path} is not a regular file")
    if info.st_mode & 0o077:
        raise UsersFileError(
            f"the users file {path} can be read or changed by other users of this machine "
            f"(mode {stat.S_IMODE(info.st_mode):04o}): run `chmod 600 {path}`"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise _bad(path, f"it is larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise UsersFileError(f"the users file {path} cannot be read ({e.strerror})") from e
    except UnicodeDecodeError as e:
        raise _bad(path, "it is not UTF-8 text") from e
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError) as e:
        raise _bad(path, f"it is not JSON ({str(e)[:120]})") from e
    top = _exact_keys(path, "the file", data, {"format", "version", "users"})
    if top["format"] != FORMAT:
        raise _bad(path, f'its "format" is not "{FORMAT}"')
    if top["version"] != VERSION:
        raise _bad(path, f"its version is not {VERSION} (written by another chartreview?)")
    if not isinstance(top["users"], list):
        raise _bad(path, '"users" is not a list')
    accounts: dict[str, _Account] = {}
    for index, entry in enumerate(top["users"]):
        account = _account(path, index, entry)
        if _key(account.user.name) in accounts:
            raise _bad(path, f"user #{index + 1} repeats the name of an earlier user")
        accounts[_key(account.user.name)] = account
    return accounts


def load_users(path: Path | None = None) -> tuple[User, ...]:
    """Every account of the users file (none if the file does not exist yet). Raises
    :class:`UsersFileError` for a file that is not a valid users file."""
    return tuple(a.user for a in _read(path or users_file()).values())


def list_users(path: Path | None = None) -> tuple[User, ...]:
    """The accounts sorted by name (case-insensitive)."""
    return tuple(sorted(load_users(path), key=lambda u: _key(u.name)))


# --------------------------------------------------------------------------- signing in

# an unknown name is checked against this, so it costs what a known one does
_DUMMY = _Account(
    User("-", dt.datetime(2000, 1, 1, tzinfo=dt.UTC)),
    SCRYPT_N,
    SCRYPT_R,
    SCRYPT_P,
    b"\0" * SALT_BYTES,
    b"\0" * HASH_BYTES,
)


def authenticate(name: str, password: str, *, path: Path | None = None) -> User | None:
    """The user if ``password`` is theirs, else ``None`` (unknown name or wrong password:
    which one is not said). Raises :class:`UsersFileError` for an invalid users file."""
    accounts = _read(path or users_file())
    account = accounts.get(_key(name.strip())) if len(password) <= MAX_PASSWORD else None
    checked = account or _DUMMY
    candidate = _hash(password[:MAX_PASSWORD], checked.salt, checked.n, checked.r, checked.p)
    if hmac.compare_digest(candidate, checked.hash) and account is not None:
        return account.user
    return None


def password_stamp(name: str, *, path: Path | None = None) -> tuple[User, str] | None:
    """The account named ``name`` (case-insensitive) and a stamp of its current password,
    else ``None``. The stamp is a digest of the password's salt, which every new password
    replaces: a remembered sign-in (:mod:`accounts.sessions`) keeps it and ends when the
    account is removed or its password is set again. Raises :class:`UsersFileError` for an
    invalid users file."""
    account = _read(path or users_file()).get(_key(name))
    if account is None:
        return None
    digest = hashlib.sha256(b"chartreview-password-stamp\0" + account.salt).hexdigest()
    return account.user, digest[:32]


# --------------------------------------------------------------------------- adding


def check_password(name: str, password: str) -> None:
    """Raise :class:`AccountError` for a password that may not be used."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")
    if password.strip() != password or not password.isprintable():
        raise AccountError("a password may not start or end with spaces or hold control characters")
    if _key(password) == _key(name):
        raise AccountError("the password may not be the user's name")


def add_user(name: str, password: str, *, replace: bool = False, path: Path | None = None) -> User:
    """Add the account ``name`` with ``password`` (``replace``: set a new password for an
    existing one). Creates the file (0600, its folder 0700) if needed. Raises
    :class:`AccountError` for a bad name or password or a name taken, and
    :class:`UsersFileError` when the file cannot be read or written."""
    if not NAME.fullmatch(name):
        raise AccountError(
            "a user name is 1-64 letters, digits or the characters . _ @ -, starting with a "
            "letter or digit"
        )
    check_password(name, password)
    target = path or users_file()
    with _locked(target):
        accounts = _read(target)
        old = accounts.get(_key(name))
        if old is not None and not replace:
            raise AccountError(
                f"a user named {old.user.name} exists already: choose another name, or use "
                "--replace to set a new password"
            )
        salt = secrets.token_bytes(SALT_BYTES)
        user = User(
            name=old.user.name if old else name,
            created_at=old.user.created_at
            if old
            else dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
        accounts[_key(name)] = _Account(
            user,
            SCRYPT_N,
            SCRYPT_R,
            SCRYPT_P,
            salt,
            _hash(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P),
        )
        _write(target, accounts)
    return user


def _entry(account: _Account) -> dict[str, Any]:
    return {
        "name": account.user.name,
        "created_at": account.user.created_at.isoformat().replace("+00:00", "Z"),
        "scrypt": {"n": account.n, "r": account.r, "p": account.p},
        "salt": base64.b64encode(account.salt).decode("ascii"),
        "hash": base64.b64encode(account.hash).decode("ascii"),
    }


def _write(path: Path, accounts: dict[str, _Account]) -> None:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "users": [_entry(a) for _, a in sorted(accounts.items())],
    }
    payload = (json.dumps(data, indent=2) + "\n").encode("utf-8")
    try:
        write_private(path, payload)
    except OSError as e:
        raise UsersFileError(
            f"the users file {path} could not be written ({e.strerror}): check that its "
            "folder exists and is writable by you"
        ) from e


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the users file (created with its folder, owner-only)."""
    try:
        fd = open_lock(path)
    except OSError as e:
        raise UsersFileError(
            f"the users file's folder {path.parent} cannot be used ({e.strerror}): create it "
            f"or set {USERS_FILE_ENV} to a file in a folder you can write"
        ) from e
    with held(fd):
        yield
