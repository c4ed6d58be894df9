"""Who acts: the one place the workspace learns the reviewer's identity.

Until the local users module (``accounts/``) exists, the reviewer types their name in the
sidebar; a signed-in user (Streamlit's OIDC ``st.user``, or a local account) takes its
place by passing ``signed_in``: wiring sign-in is a change of the one call in ``app.py``.
"""

from __future__ import annotations

from workspace.actions import ActionError

MAX_NAME = 120


def reviewer_identity(typed: str | None, *, signed_in: str | None = None) -> str:
    """The reviewer recorded on an action: the signed-in user's name when there is one,
    else the name typed (spaces tidied). Raises :class:`ActionError` when neither is
    given."""
    for candidate in (signed_in, typed):
        name = " ".join((candidate or "").split())
        if name:
            if len(name) > MAX_NAME:
                raise ActionError(f"a reviewer's name has at most {MAX_NAME} characters")
            return name
    raise ActionError("enter your name as reviewer (in the sidebar) before acting")
