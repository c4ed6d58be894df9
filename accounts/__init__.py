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
"""

from accounts.users import (
    AccountError,
    AccountsError,
    User,
    UsersFileError,
    add_user,
    authenticate,
    list_users,
    load_users,
    users_file,
)

__all__ = [
    "AccountError",
    "AccountsError",
    "User",
    "UsersFileError",
    "add_user",
    "authenticate",
    "list_users",
    "load_users",
    "users_file",
]
