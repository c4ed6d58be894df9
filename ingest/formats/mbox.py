"""The text of a mailbox file (``.mbox``: a mail client's "export folder", RFC 4155) as a
mail client shows its messages (see :mod:`ingest.formats`).

It is read by the standard, not by any one client's habits:

- a message begins at a line ``From <sender> <date>`` at the start of the file or after an
  empty line (the envelope line: bookkeeping, left out); a body line escaped as
  ``>From`` is left as written;
- each message's header (RFC 5322) shows the fields a reader sees, in the file's order:
  ``From``, ``To``, ``Cc``, ``Date`` and ``Subject``, as written (folded lines unfolded;
  a ``Date``'s day alone: the time it was sent is the mail's stamp); routing and
  bookkeeping (``Message-ID``, ``In-Reply-To``, ``References``, ``MIME-Version``,
  ``Content-*``, ``Received``, ``X-*``) are left out;
- its body is the message's plain-text part (a multipart message's first ``text/plain``
  part; quoted-printable and base64 decoded, as a client shows it); a message with no
  plain-text part shows its header only. Quoted lines of a reply (``> ...``) are shown as
  written: the reader sees they repeat an earlier message;
- messages are separated by a page break (a form feed), so that no record runs from one
  message into the next.

A file that does not begin with an envelope line is not a mailbox: :func:`render_mbox`
raises ``ValueError`` saying why (quoting nothing of the file). Time and memory are linear
in the file.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

from ingest.formats.text import tidy

#: the header fields a mail client shows above a message, in the order written
SHOWN = ("from", "to", "cc", "date", "subject")
_ENVELOPE = re.compile(r"From \S")


def looks_like_mbox(text: str) -> bool:
    """Whether ``text`` begins with an mbox envelope line (``From sender date``)."""
    return _ENVELOPE.match(text.lstrip("\ufeff")) is not None


def split_messages(text: str) -> list[str]:
    """The messages of a mailbox, each without its envelope line."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    messages: list[list[str]] = []
    for k, line in enumerate(lines):
        if _ENVELOPE.match(line) and (k == 0 or not lines[k - 1].strip()):
            messages.append([])
        elif messages:
            messages[-1].append(line)
    return ["\n".join(m) for m in messages]


def _body(message: EmailMessage) -> str:
    """The message's plain-text part as a client shows it ("" when it has none)."""
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


# an RFC 5322 date-time's time of day and zone ("Mon, 13 Jan 2025 08:11:29 -0600")
_SENT_AT = re.compile(
    r"(\d{4})\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:[+-]\d{4}|[A-Z]{1,5}))?(?:\s*\(.*\))?$"
)


def _shown(name: str, value: str) -> str:
    """A header field's value on one line; a ``Date``'s day alone (the time it was sent
    is a stamp of the mail, not of a service)."""
    value = " ".join(value.split())
    if name.lower() == "date":
        return _SENT_AT.sub(r"\1", value)
    return value


def render_mbox(text: str) -> str:
    """The messages of mailbox ``text``, each its header fields over its body, separated
    by page breaks; ``ValueError`` when the text is not a mailbox."""
    if not looks_like_mbox(text):
        raise ValueError("the file does not begin with a 'From ' envelope line")
    pages: list[str] = []
    for raw in split_messages(text):
        message = email.message_from_string(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        shown = [
            f"{name}: {_shown(name, str(value))}"
            for name, value in message.raw_items()  # as written, not re-formatted
            if name.lower() in SHOWN
        ]
        pages.append(tidy("\n".join([*shown, "", _body(message)])))
    return "\n\f\n".join(p.rstrip("\n") for p in pages if p.strip()) + "\n"
