"""Local reviewer accounts: a users file with salted scrypt password hashes.

The workspace records the signed-in user as the reviewer of every action (issue 15 item
6). Where Streamlit's OIDC sign-in is not configured, reviewers sign in with a local
account kept here. API (for ``app.py`` and ``cli/``)::

    from accounts import AccountsError, User, add_user, authenticate, list_users

    user = authenticate(name, password)     # User | None; never raises for a bad password
    if user is None: st.error("Unknown user or wrong password.")
    reviewer = user.name

    add_user("jdoe", password)              # UsersFileError / AccountError (messages for people)
    [u.name for u in list_users()]

Every function takes ``path=`` (default :func:`users_file`: ``$CHARTREVIEW_USERS_FILE``,
else ``users.json`` in the data folder the case store uses). See :mod:`accounts.users`.

A sign-in remembered across browser reloads (:mod:`accounts.sessions`)::

    session = create_session(user.name)     # session.token goes to the browser's cookie
    resolve_session(cookie_value)           # User | None (unknown, expired, revoked, ...)
    revoke_session(cookie_value)            # sign-out
"""

from accounts.sessions import (
    Session,
    SessionError,
    create_session,
    resolve_session,
    revoke_session,
    session_hours,
    sessions_file,
)
from accounts.users import (
    AccountError,
    AccountsError,
    User,
    UsersFileError,
    add_user,
    authenticate,
    list_users,
    load_users,
    password_stamp,
    users_file,
)

__all__ = [
    "AccountError",
    "AccountsError",
    "Session",
    "SessionError",
    "User",
    "UsersFileError",
    "add_user",
    "authenticate",
    "create_session",
    "list_users",
    "load_users",
    "password_stamp",
    "resolve_session",
    "revoke_session",
    "session_hours",
    "sessions_file",
    "users_file",
]
