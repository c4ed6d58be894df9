"""Mailbox files (ingest/formats/mbox.py, RFC 4155 / RFC 5322): each message its shown
header fields over its plain-text body, messages separated by page breaks, loaded as a
chart document (.mbox) and read: a weekly attendance digest's sessions, with evidence at
their offsets in the rendered text; a file that is not a mailbox is refused with a reason
that quotes nothing of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.grounding import evidence_problem, iter_evidence
from ingest.formats.mbox import looks_like_mbox, render_mbox, split_messages
from ingest.loader import load_chart
from pipeline.review import make_extractor


def message(sender: str, date: str, subject: str, body: str, *extra: str) -> str:
    return "\n".join(
        [
            f"From {sender} Mon Mar  3 08:00:00 2025",
            f"From: {sender}",
            "To: um@plan.example",
            f"Date: {date}",
            f"Subject: {subject}",
            "Message-ID: <1@clinic.example>",
            *extra,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            body,
            "",
        ]
    )


DIGEST = (
    "Attendance, program week 1:\n\n"
    "Mon 3/3\n"
    "  Group Psychotherapy (group therapy) 9 to 10:30 am - attended\n"
    "Tue 3/4\n"
    "  CBT Group (group therapy) 9 to 10:30 am - attended\n"
)

RENDER_CASES = [
    # (mailbox text, rendered text)
    pytest.param(
        message("a@clinic.example", "Mon, 10 Mar 2025 08:00:00 -0600", "week 1", "Hi.\n"),
        "From: a@clinic.example\nTo: um@plan.example\nDate: Mon, 10 Mar 2025\n"
        "Subject: week 1\n\nHi.\n",
        id="one-message-bookkeeping-and-sent-time-left-out",
    ),
    pytest.param(
        message("a@c.example", "Mon, 10 Mar 2025", "one", "First.")
        + "\n"
        + message("b@p.example", "Tue, 11 Mar 2025", "RE: one", "> First.", "In-Reply-To: <1@c>"),
        "From: a@c.example\nTo: um@plan.example\nDate: Mon, 10 Mar 2025\nSubject: one\n\nFirst."
        "\n\f\n"
        "From: b@p.example\nTo: um@plan.example\nDate: Tue, 11 Mar 2025\nSubject: RE: one\n\n"
        "> First.\n",
        id="two-messages-page-break-quote-kept",
    ),
    pytest.param(
        "From a@c.example Mon Mar  3 08:00:00 2025\nFrom: a@c.example\nSubject: a long\n"
        " folded subject\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\nGroup 9 to 10:30 am =E2=80=93 attended=\n"
        " today\n",
        "From: a@c.example\nSubject: a long folded subject\n\n"
        "Group 9 to 10:30 am \u2013 attended today\n",
        id="folded-header-quoted-printable-body",
    ),
    pytest.param(
        "From a@c.example Mon Mar  3 08:00:00 2025\nDate: Tue, 4 Mar 2025 23:05 +0000 (UTC)\n\nx\n",
        "Date: Tue, 4 Mar 2025\n\nx\n",
        id="sent-time-zone-and-comment-left-out",
    ),
    pytest.param(
        "From a@c.example Mon Mar  3 08:00:00 2025\nFrom: a@c.example\n\nNote:\n"
        "From the group: attended.\n",
        "From: a@c.example\n\nNote:\nFrom the group: attended.\n",
        id="body-from-not-after-blank-is-no-envelope",
    ),
]


@pytest.mark.parametrize(("mailbox", "rendered"), RENDER_CASES)
def test_render(mailbox: str, rendered: str) -> None:
    assert render_mbox(mailbox) == rendered


@pytest.mark.parametrize(
    ("text", "is_mbox", "messages"),
    [
        ("From a@b Mon Mar  3 08:00:00 2025\nx\n\nFrom c@d Tue\ny\n", True, 2),
        ("\ufeffFrom a@b Mon\nx\n", True, 1),
        ("From: a@b\nx\n", False, 0),
        ("Hello\nFrom a@b Mon\n", False, 0),
    ],
)
def test_envelope(text: str, is_mbox: bool, messages: int) -> None:
    assert looks_like_mbox(text) is is_mbox
    assert len(split_messages(text)) == (messages if is_mbox else len(split_messages(text)))


def test_not_a_mailbox_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mail.mbox").write_text("Subject: secret words\n\nbody\n", encoding="utf-8")
    result = load_chart([tmp_path / "mail.mbox"])
    assert not result.documents
    (error,) = result.errors
    assert "is not a mailbox" in error.reason
    assert "secret" not in error.reason


def test_digest_is_read_with_grounded_evidence(tmp_path: Path) -> None:
    text = message("a@clinic.example", "Mon, 10 Mar 2025 08:00:00 -0600", "week 1", DIGEST)
    (tmp_path / "IOP_digest.mbox").write_text(text, encoding="utf-8")
    (document,) = load_chart([tmp_path / "IOP_digest.mbox"]).documents
    assert document.media_type == "application/mbox"
    rendered = document.pages[0].text
    assert rendered == render_mbox(text)
    result = make_extractor("deterministic").extract([document])
    groups = sorted(
        (s.date, s.minutes)
        for s in result.facts.sessions
        if s.service_kind.value == "group_psychotherapy"
    )
    assert groups == [(dt.date(2025, 3, 3), 90.0), (dt.date(2025, 3, 4), 90.0)]
    # the time the mail was sent is no service (it is not shown)
    assert all(s.service_kind.value != "unknown" for s in result.facts.sessions)
    for s in result.facts.sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, {document.document_id: document}) is None
    first = rendered.index("Group Psychotherapy (group therapy) 9 to 10:30 am")
    assert first == 122
