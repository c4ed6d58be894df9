"""Who acts: the one place the workspace learns the reviewer's identity.

The reviewer recorded on an action is the signed-in user, never a name typed beside the
action: with Streamlit's OIDC sign-in (``[auth]`` in ``.streamlit/secrets.toml``) the
identity provider's user; otherwise a local account of the users file (``accounts``,
``chartreview users add NAME``), signed in with its password in the sidebar.

A local sign-in is remembered for ``accounts.session_hours()`` (8 hours unless
``$CHARTREVIEW_SESSION_HOURS``) across reloads and server restarts: the browser keeps a
random token in the cookie :data:`SESSION_COOKIE`, the server its SHA-256
(``accounts.sessions``); signing out revokes it. Streamlit's OIDC sign-in keeps its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from accounts import (
    AccountsError,
    authenticate,
    create_session,
    list_users,
    resolve_session,
    revoke_session,
)
from accounts.sessions import TOKEN
from workspace.actions import ActionError

MAX_NAME = 120
#: The cookie that carries a remembered local sign-in's token.
SESSION_COOKIE = "chartreview_session"
SignIn = Literal["oidc", "local"]
NO_ACCOUNTS = (
    "No reviewer accounts yet: an administrator adds one with `chartreview users add NAME` "
    "(or configures single sign-on), then you sign in here."
)


def sign_in_mode(oidc_configured: bool) -> SignIn:
    """OIDC where Streamlit's sign-in is configured, else the local users file."""
    return "oidc" if oidc_configured else "local"


def oidc_name(user: Mapping[str, object]) -> str | None:
    """The signed-in OIDC user's name as recorded on actions: name, else e-mail, else the
    subject (None while nobody is signed in)."""
    if not user.get("is_logged_in"):
        return None
    for claim in ("name", "email", "sub"):
        value = user.get(claim)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def has_local_accounts(path: Path | None = None) -> bool:
    try:
        return bool(list_users(path))
    except AccountsError:
        return True  # a users file that cannot be read is shown by the sign-in itself


def local_sign_in(name: str, password: str, *, path: Path | None = None) -> str:
    """The account's name if ``password`` is theirs; :class:`ActionError` otherwise (which
    of name and password was wrong is not said)."""
    if not name.strip() or not password:
        raise ActionError("enter your user name and password")
    try:
        user = authenticate(name, password, path=path)
    except AccountsError as e:
        raise ActionError(str(e)) from e
    if user is None:
        raise ActionError("unknown user or wrong password")
    return user.name


@dataclass(frozen=True)
class Remembered:
    """A local sign-in the browser keeps: its token (for the cookie only; left out of
    ``repr``) and the seconds it has left."""

    token: str = field(repr=False)
    max_age: int


def remember_sign_in(
    name: str, *, path: Path | None = None, users_path: Path | None = None
) -> Remembered:
    """Remember the sign-in of ``name`` (just signed in with its password) so a reload or a
    server restart keeps it. Raises :class:`ActionError` saying why it cannot be (the
    sign-in then lasts until the page is reloaded)."""
    try:
        session = create_session(name, path=path, users_path=users_path)
    except AccountsError as e:
        raise ActionError(str(e)) from e
    return Remembered(token=session.token, max_age=session.max_age())


def resume_sign_in(
    token: object, *, path: Path | None = None, users_path: Path | None = None
) -> str | None:
    """The name a browser's sign-in token signs in, else ``None`` (no token, or one that is
    unknown, expired, signed out, of a removed account or of a password set again since; a
    sessions or users file that cannot be read signs nobody in)."""
    try:
        user = resolve_session(token, path=path, users_path=users_path)
    except AccountsError:
        return None
    return None if user is None else user.name


def end_sign_in(token: object, *, path: Path | None = None) -> str | None:
    """Sign-out: revoke the token on the server. ``None`` when done (or there was nothing
    to end), else why it could not be."""
    try:
        revoke_session(token, path=path)
    except AccountsError as e:
        return str(e)
    return None


def session_cookie_script(remembered: Remembered | None) -> str:
    """A script that sets the browser's sign-in cookie to ``remembered`` (``None``: clears
    it), for ``st.html(..., unsafe_allow_javascript=True)``. The cookie is for the whole
    site (``Path=/``), never sent by another site's pages (``SameSite=Strict``), ``Secure``
    when the page is served over https, and lasts as long as the sign-in. A script cannot
    make it ``HttpOnly``."""
    if remembered is None:
        value, max_age = "", 0
    else:
        if not TOKEN.fullmatch(remembered.token):
            raise ValueError("not a sign-in token")
        value, max_age = remembered.token, max(0, int(remembered.max_age))
    cookie = f"{SESSION_COOKIE}={value}; Path=/; SameSite=Strict; Max-Age={max_age}"
    return (
        "<script>(function () {"
        'var secure = window.location.protocol === "https:" ? "; Secure" : "";'
        f"document.cookie = {json.dumps(cookie)} + secure;"
        "})();</script>"
    )


def reviewer_identity(signed_in: str | None) -> str:
    """The reviewer recorded on an action: the signed-in user's name. Raises
    :class:`ActionError` while nobody is signed in."""
    name = " ".join((signed_in or "").split())
    if not name:
        raise ActionError("sign in (in the sidebar) before acting: actions carry your name")
    if len(name) > MAX_NAME:
        raise ActionError(f"a reviewer's name has at most {MAX_NAME} characters")
    return name
