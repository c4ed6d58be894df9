"""Remembered sign-ins: a local sign-in that lasts across browser reloads and server restarts
for a bounded time.

On a local sign-in the workspace asks :func:`create_session` for a random token
(``secrets.token_urlsafe(32)``, 256 bits) and gives it to the browser as a cookie; the
server keeps only the token's SHA-256, so the sessions file does not hold anything a
browser could present. :func:`resolve_session` turns a presented token back into its user,
or ``None`` when the token is unknown, malformed, expired or revoked, when its account was
removed from the users file or when the account's password was set again since.
:func:`revoke_session` ends one at sign-out.

A sign-in lasts ``$CHARTREVIEW_SESSION_HOURS`` hours from when it was made (whole hours
from 1 to :data:`MAX_HOURS`; default :data:`DEFAULT_HOURS`): an absolute limit, not
renewed by use, so a token that leaks is worth at most that long.

Where: ``sessions.json`` in the data folder (:func:`core.datadir.data_dir`), beside the
case store. Format (JSON; a person should not need to edit it)::

    {"format": "chartreview-sessions", "version": 1,
     "sessions": [{"token_sha256": "<64 hex>", "name": "jdoe",
                   "password_stamp": "<32 hex>",
                   "created_at": "2026-12-06T16:00:00Z", "expires_at": "2026-12-07T00:00:00Z"}]}

The file is created owner-only (0600, its folder 0700) and replaced atomically under a
lock; expired entries are dropped whenever it is written. The loader is strict like the
users file's: a file others can read or write, or one that is not a sessions file, is an
error that says what to fix (moving it away only makes everyone sign in again). Tokens,
their digests and names are never logged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accounts.users import NAME, AccountError, AccountsError, User, password_stamp
from core.datadir import data_dir
from core.files import held, open_lock, write_private

SESSION_HOURS_ENV = "CHARTREVIEW_SESSION_HOURS"
SESSIONS_FILE_NAME = "sessions.json"
FORMAT = "chartreview-sessions"
VERSION = 1
DEFAULT_HOURS = 8
MAX_HOURS = 7 * 24
#: At most this many live sign-ins are kept; beyond it the oldest are dropped.
MAX_SESSIONS = 5000
MAX_FILE_BYTES = 4 * 2**20
TOKEN_BYTES = 32
#: What ``secrets.token_urlsafe(32)`` makes: 43 characters of the URL-safe alphabet.
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_KEYS = {"token_sha256", "name", "password_stamp", "created_at", "expires_at"}


class SessionError(AccountsError):
    """A remembered sign-in cannot be made, read or ended: the sessions file cannot be read
    or written or is not valid, or ``$CHARTREVIEW_SESSION_HOURS`` is not a valid number."""


@dataclass(frozen=True)
class Session:
    """A new remembered sign-in. ``token`` is the secret the browser keeps (never stored
    on the server, never logged, left out of ``repr``)."""

    token: str = field(repr=False)
    user: User
    created_at: dt.datetime
    expires_at: dt.datetime

    def max_age(self, now: dt.datetime | None = None) -> int:
        """Whole seconds left (for the cookie's ``Max-Age``)."""
        left = self.expires_at - (now or _now())
        return max(0, int(left.total_seconds()))


@dataclass(frozen=True)
class _Entry:
    token_sha256: str
    name: str
    stamp: str
    created_at: dt.datetime
    expires_at: dt.datetime


def sessions_file() -> Path:
    """``sessions.json`` in the data folder."""
    return data_dir() / SESSIONS_FILE_NAME


def session_hours() -> int:
    """How long a sign-in lasts: ``$CHARTREVIEW_SESSION_HOURS`` (whole hours, 1 to
    :data:`MAX_HOURS`), else :data:`DEFAULT_HOURS`. Raises :class:`SessionError` for a
    value that is not one."""
    configured = os.environ.get(SESSION_HOURS_ENV, "").strip()
    if not configured:
        return DEFAULT_HOURS
    if not configured.isdigit() or not 1 <= int(configured) <= MAX_HOURS:
        raise SessionError(
            f"{SESSION_HOURS_ENV} must be a whole number of hours from 1 to {MAX_HOURS} "
            f"(unset: {DEFAULT_HOURS})"
        )
    return int(configured)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- the file


def _bad(path: Path, what: str) -> SessionError:
    return SessionError(
        f"the sessions file {path} is not valid: {what}. Move it away (everyone signed in "
        "signs in again)"
    )


def _moment(path: Path, where: str, value: object) -> dt.datetime:
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _bad(path, f"{where} is not a date and time") from None
    if moment.tzinfo is None:
        raise _bad(path, f"{where} has no time zone")
    return moment.astimezone(dt.UTC)


def _entry(path: Path, index: int, data: object) -> _Entry:
    where = f"session #{index + 1}"
    if not isinstance(data, dict) or set(data) != _KEYS:
        raise _bad(path, f"{where} does not have exactly the keys {', '.join(sorted(_KEYS))}")
    digest, name, stamp = data["token_sha256"], data["name"], data["password_stamp"]
    if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
        raise _bad(path, f"{where}'s token_sha256 is not 64 hex digits")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise _bad(path, f"{where}'s name is not a user name")
    if not isinstance(stamp, str) or not _HEX32.fullmatch(stamp):
        raise _bad(path, f"{where}'s password_stamp is not 32 hex digits")
    return _Entry(
        token_sha256=digest,
        name=name,
        stamp=stamp,
        created_at=_moment(path, f"{where}'s created_at", data["created_at"]),
        expires_at=_moment(path, f"{where}'s expires_at", data["expires_at"]),
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("a key is repeated")
    return dict(pairs)


def _read(path: Path) -> dict[str, _Entry]:
    """The sessions of the file by token digest; none if there is no file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise SessionError(f"the sessions file {path} cannot be read ({e.strerror})") from e
    if not stat.S_ISREG(info.st_mode):
        raise SessionError(f"the sessions file {path} is not a regular file")
    if info.st_mode & 0o077:
        raise SessionError(
            f"the sessions file {path} can be read or changed by other users of this machine "
            f"(mode {stat.S_IMODE(info.st_mode):04o}): run `chmod 600 {path}`"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise _bad(path, f"it is larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise SessionError(f"the sessions file {path} cannot be read ({e.strerror})") from e
    except UnicodeDecodeError as e:
        raise _bad(path, "it is not UTF-8 text") from e
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError) as e:
        raise _bad(path, f"it is not JSON ({str(e)[:120]})") from e
    if not isinstance(data, dict) or set(data) != {"format", "version", "sessions"}:
        raise _bad(path, 'it does not have exactly the keys "format", "version", "sessions"')
    if data["format"] != FORMAT or data["version"] != VERSION:
        raise _bad(path, f'it is not a "{FORMAT}" file of version {VERSION}')
    if not isinstance(data["sessions"], list):
        raise _bad(path, '"sessions" is not a list')
    entries: dict[str, _Entry] = {}
    for index, item in enumerate(data["sessions"]):
        entry = _entry(path, index, item)
        if entry.token_sha256 in entries:
            raise _bad(path, f"session #{index + 1} repeats an earlier session's token")
        entries[entry.token_sha256] = entry
    return entries


def _write(path: Path, entries: dict[str, _Entry], now: dt.datetime) -> None:
    """Write the live sessions (expired ones dropped, at most :data:`MAX_SESSIONS`, the
    newest kept) atomically, owner-only."""
    live = sorted(
        (e for e in entries.values() if e.expires_at > now),
        key=lambda e: (e.created_at, e.token_sha256),
    )[-MAX_SESSIONS:]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "sessions": [
            {
                "token_sha256": e.token_sha256,
                "name": e.name,
                "password_stamp": e.stamp,
                "created_at": _iso(e.created_at),
                "expires_at": _iso(e.expires_at),
            }
            for e in live
        ],
    }
    payload = (json.dumps(data, indent=1) + "\n").encode("utf-8")
    try:
        write_private(path, payload)
    except OSError as e:
        raise SessionError(
            f"the sessions file {path} could not be written ({e.strerror}): check that its "
            "folder exists and is writable by you"
        ) from e


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the sessions file (created with its folder, owner-only)."""
    try:
        fd = open_lock(path)
    except OSError as e:
        raise SessionError(
            f"the sessions file's folder {path.parent} cannot be used ({e.strerror}): create "
            "it or set CHARTREVIEW_DATA_DIR to a folder you can write"
        ) from e
    with held(fd):
        yield


# --------------------------------------------------------------------------- the API


def create_session(
    name: str,
    *,
    hours: int | None = None,
    path: Path | None = None,
    users_path: Path | None = None,
    now: dt.datetime | None = None,
) -> Session:
    """Remember a sign-in of the account ``name`` (just authenticated) for ``hours``
    (default :func:`session_hours`). Returns the new token with its user and expiry.
    Raises :class:`AccountError` when there is no such account and :class:`SessionError`
    when the sessions file cannot be used."""
    lasts = session_hours() if hours is None else hours
    if not 1 <= lasts <= MAX_HOURS:
        raise SessionError(f"a sign-in lasts from 1 to {MAX_HOURS} hours")
    found = password_stamp(name.strip(), path=users_path)
    if found is None:
        raise AccountError("there is no such user")
    user, stamp = found
    start = (now or _now()).astimezone(dt.UTC)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    entry = _Entry(_digest(token), user.name, stamp, start, start + dt.timedelta(hours=lasts))
    target = path or sessions_file()
    with _locked(target):
        entries = _read(target)
        entries[entry.token_sha256] = entry
        _write(target, entries, start)
    return Session(token=token, user=user, created_at=start, expires_at=entry.expires_at)


def resolve_session(
    token: object,
    *,
    path: Path | None = None,
    users_path: Path | None = None,
    now: dt.datetime | None = None,
) -> User | None:
    """The user a browser's ``token`` signs in, else ``None``: a token that is not one
    (any value is accepted: it comes from a cookie), unknown, revoked or expired, or whose
    account was removed or had its password set again. Raises :class:`SessionError` /
    :class:`~accounts.UsersFileError` when the sessions or users file cannot be used."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    entry = _read(path or sessions_file()).get(_digest(token))
    moment = (now or _now()).astimezone(dt.UTC)
    if entry is None or not entry.created_at <= moment + dt.timedelta(minutes=5):
        return None
    if moment >= entry.expires_at:
        return None
    found = password_stamp(entry.name, path=users_path)
    if found is None or not secrets.compare_digest(found[1], entry.stamp):
        return None
    return found[0]


def revoke_session(
    token: object, *, path: Path | None = None, now: dt.datetime | None = None
) -> bool:
    """End the sign-in of ``token`` (sign-out): True if one was ended. Expired sign-ins are
    dropped too. Raises :class:`SessionError` when the sessions file cannot be used."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return False
    target = path or sessions_file()
    if not target.exists():
        return False
    with _locked(target):
        entries = _read(target)
        ended = entries.pop(_digest(token), None) is not None
        _write(target, entries, (now or _now()).astimezone(dt.UTC))
    return ended


__all__ = [
    "DEFAULT_HOURS",
    "MAX_HOURS",
    "SESSION_HOURS_ENV",
    "Session",
    "SessionError",
    "create_session",
    "resolve_session",
    "revoke_session",
    "session_hours",
    "sessions_file",
]
