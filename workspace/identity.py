"""Who acts: the one place the workspace learns the reviewer's identity.

The reviewer recorded on an action is the signed-in user, never a name typed beside the
action: with Streamlit's OIDC sign-in (``[auth]`` in ``.streamlit/secrets.toml``) the
identity provider's user; otherwise a local account of the users file (``accounts``,
``chartreview users add NAME``), signed in with its password in the sidebar.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from accounts import AccountsError, authenticate, list_users
from workspace.actions import ActionError

MAX_NAME = 120
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


def reviewer_identity(signed_in: str | None) -> str:
    """The reviewer recorded on an action: the signed-in user's name. Raises
    :class:`ActionError` while nobody is signed in."""
    name = " ".join((signed_in or "").split())
    if not name:
        raise ActionError("sign in (in the sidebar) before acting: actions carry your name")
    if len(name) > MAX_NAME:
        raise ActionError(f"a reviewer's name has at most {MAX_NAME} characters")
    return name
