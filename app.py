"""chartreview reviewer workspace (Streamlit): ``.venv/bin/chartreview workspace`` (or
``.venv/bin/streamlit run app.py``, which warms the policy search up at the first page
load instead of at the server's start).

The UI only. A reviewed chart is a case in the case store (``casestore``: SQLite in the
data folder, or ``CHARTREVIEW_DATABASE_URL``); every reviewer action is saved through it
the moment it is made, so reloading, reviewing again, switching cases or restarting the
server loses nothing. The logic lives in ``workspace`` where it is tested. Nothing here
logs: no file names and no chart text reach a log.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import json
import os
from pathlib import Path
from typing import Any

import altair as alt
import streamlit as st

from audit.record import AuditRecord, to_json
from casestore import CaseNotFoundError, CaseStore, CaseStoreError, StaleCaseError, open_store
from casestore.config import case_files_dir, database_url
from casestore.store import RELOAD
from core.data import Evidence
from core.errors import ChartReviewError, UsageError
from core.findings import Finding, Status
from ingest.loader import DEFAULT_MAX_BYTES, MEDIA_TYPES
from pipeline.review import EXTRACTORS, Progress
from rules.pack import available_packs, load_pack
from workspace import (
    ActionError,
    evidence_items,
    finding_outcome,
    findings_by_status,
    page_text,
    parse_record,
    status_counts,
    summary_markdown,
    weekly_threshold,
)
from workspace.cases import (
    OpenCase,
    Seen,
    add_exported_record,
    case_pages,
    document_bytes,
    nothing_to_save,
    open_case,
    record_case_action,
    review_case_with,
    review_into_case,
)
from workspace.computed import computed_values, markdown_table
from workspace.deciding import LineGroup, by_line, by_session, distinct_lines, split_evidence
from workspace.header import CaseHeader, Pages, case_header
from workspace.identity import (
    NO_ACCOUNTS,
    SESSION_COOKIE,
    end_sign_in,
    has_local_accounts,
    local_sign_in,
    oidc_name,
    remember_sign_in,
    resume_sign_in,
    reviewer_identity,
    session_cookie_script,
    sign_in_mode,
)
from workspace.markdown_html import markdown_html
from workspace.pdfcrop import (
    PANEL_PX,
    Crop,
    crop_html,
    highlight_crop,
    page_crop,
    readable_scale,
)
from workspace.plain import (
    document_titles,
    md_escape,
    moment,
    pack_short_title,
    pack_title,
    plain_reason,
    plain_text,
    policy_title,
    read_by,
    reader_choice,
    rule_title,
    status_label,
    where,
)
from workspace.view import (
    STATUS_ORDER,
    EvidenceItem,
    block_window,
    evidence_subjects,
    finding_label,
    outcome_statement,
    page_html,
    page_window,
    plain_quote,
    quote_choices,
    short_quote,
    tabular,
)
from workspace.worklist import CASE_STATUS_LABELS, COLUMNS, SORTS, TIME_FORMAT, worklist_lines

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"
# every file type the loader reads (ingest.loader.MEDIA_TYPES), without the dot
CHART_TYPES = [suffix.lstrip(".") for suffix in MEDIA_TYPES]
# Material icons ship with Streamlit's fonts, so they render without an emoji font
STATUS_ICONS = {
    "not_met": ":red[:material/cancel:]",
    "insufficient_evidence": ":orange[:material/help:]",
    "met": ":green[:material/check_circle:]",
    "not_applicable": ":gray[:material/remove_circle:]",
}
OPEN_STATUSES = (Status.NOT_MET, Status.INSUFFICIENT_EVIDENCE)
SHOWN_AGAIN = "the page now shows the case as it is: check it, then act again"

st.set_page_config(
    page_title="chartreview — reviewer workspace",
    page_icon=":material/clinical_notes:",
    layout="wide",
)
st.markdown(
    """<style>
    .cr-md {font-size: 0.9rem; line-height: 1.5; max-height: min(520px, calc(100vh - 25rem));
      overflow: auto; border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.8rem;}
    .cr-md.cr-whole {max-height: 70vh; border: none; padding: 0;}
    .cr-md h1, .cr-md h2 {font-size: 1.05rem;}
    .cr-md h3, .cr-md h4, .cr-md h5, .cr-md h6 {font-size: 0.95rem;}
    .cr-md h1, .cr-md h2, .cr-md h3, .cr-md h4, .cr-md h5, .cr-md h6 {font-weight: 600;
      line-height: 1.3; margin: 0.7rem 0 0.3rem; padding: 0; scroll-margin: 0;}
    .cr-md p, .cr-md ul, .cr-md ol, .cr-md table, .cr-md pre {margin: 0 0 0.5rem;}
    .cr-md table {border-collapse: collapse; font-size: 0.85rem;}
    .cr-md th, .cr-md td {border: 1px solid #dee2e6; padding: 2px 6px; vertical-align: top;}
    .cr-md mark, .cr-page mark {background: #ffe066; padding: 0 2px; border-radius: 2px;
      outline: 2px solid #f08c00; color: inherit;}
    .cr-md mark.evidence-line, .cr-page mark.evidence-line {background: #fff3bf;
      outline: none; padding: 0; border-radius: 0;}
    .cr-page {font-family: ui-monospace, monospace; font-size: 0.85rem; line-height: 1.45;
      background: #fafafa; border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem;
      max-height: min(520px, calc(100vh - 25rem)); overflow-y: auto;}
    .cr-page .ln {white-space: pre-wrap; overflow-wrap: anywhere; min-height: 1.45em;}
    .cr-page.cr-rows .ln {padding-left: 2ch; text-indent: -2ch;}
    .cr-page .cr-more, .cr-md .cr-more {color: #868e96; margin: 0;}
    .cr-pdf {overflow-x: auto; overflow-y: hidden; border: 1px solid #ddd;
      border-radius: 6px; background: #fff; scrollbar-width: thin;
      scrollbar-color: #adb5bd transparent;}
    .cr-pdf-crop {position: relative;}
    .cr-pdf img {display: block; max-width: 100%;}
    .cr-pdf .cr-pdf-mark {position: absolute; pointer-events: none;}
    .cr-pdf.cr-pdf-page {overflow: visible; border: none;}
    [data-testid="stMainBlockContainer"] {padding-left: 2.5rem; padding-right: 2.5rem;}
    .st-key-evidence_scroll {display: none;}
    body:has(.st-key-evidence_subject [aria-expanded="true"])
      [data-testid="stSelectboxVirtualDropdown"] {
      width: min(40rem, calc(100vw - 2rem)) !important;}
    body:has(.st-key-evidence_subject [aria-expanded="true"])
      [data-testid="stSelectboxVirtualDropdown"] [role="option"] {white-space: normal;
      line-height: 1.2;}
    .cr-quote {border-left: 3px solid #adb5bd; padding-left: 0.6rem; color: #343a40;}
    .cr-facts {font-size: 0.95rem; line-height: 1.7;}
    .cr-facts b {color: #495057; font-weight: 600;}
    section[data-testid="stSidebar"] {width: 22rem !important; min-width: 22rem !important;}
    [data-testid="stFileUploaderDropzoneInstructions"] * {white-space: normal !important;
      overflow: visible !important; text-overflow: clip !important;}
    .st-key-evidence_panel {position: sticky; top: 3.75rem; max-height: calc(100vh - 4.5rem);
      overflow-y: auto;}
    /* scroll anchoring jumped the page to its end when a rerun redrew the evidence panel
       (the first "Show in the page"); the page stays where the reviewer is */
    [data-testid="stMain"] {overflow-anchor: none;}
    div[data-testid="stColumn"]:has(.st-key-evidence_panel) {align-self: stretch;}
    div[data-testid="stColumn"]:has(.st-key-evidence_panel) div:has(.st-key-evidence_panel) {
      height: 100%;}
    </style>""",
    unsafe_allow_html=True,
)


# --------------------------------------------------------------------------- store


@st.cache_resource(show_spinner=False)
def _open_store(url: str, files_dir: str) -> CaseStore:
    return open_store(url, files_dir=Path(files_dir))


def store() -> CaseStore:
    """The configured case store (one per database, shared by the server's sessions)."""
    return _open_store(database_url(), str(case_files_dir()))


@st.cache_resource(show_spinner=False, max_entries=32)
def _pages(case_id: str, stored: tuple[str, ...], url: str) -> Pages:
    del stored, url  # the cache key: the documents held and the database
    return case_pages(store(), store().get_case(case_id))


def pages_of(case: OpenCase) -> Pages:
    stored = tuple(sorted(d.sha256 for d in case.view.documents if d.stored))
    return _pages(case.view.case_id, stored, database_url())


def oidc_configured() -> bool:
    """Streamlit's OIDC sign-in is configured (``[auth]`` in secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: not configured
        return False


def signed_in() -> str | None:
    """The signed-in reviewer's name (None while nobody is signed in). A local sign-in is
    resumed from the browser's cookie (after a reload or a server restart) and checked on
    every run, so it ends when it expires or is signed out in another tab."""
    if sign_in_mode(oidc_configured()) == "oidc":
        return oidc_name(st.user.to_dict())
    ss = st.session_state
    # this session's token once known (None: signed out here), else the page's cookie
    token = ss.get("sign_in_token", st.context.cookies.get(SESSION_COOKIE))
    if isinstance(token, str):
        name = resume_sign_in(token)
        ss["sign_in_token"] = token if name else None
        if name:
            ss["signed_in"] = name
        else:  # expired, signed out elsewhere, its account removed or its password reset
            ss.pop("signed_in", None)
            ss["sign_in_cookie_script"] = session_cookie_script(None)
    name = ss.get("signed_in")
    return name if isinstance(name, str) else None


def reviewer() -> str:
    """Who acts: the one place the identity recorded on actions comes from."""
    return reviewer_identity(signed_in())


def _viewer() -> str | None:
    """Who is reading the case page (signed in when it was drawn): their own actions are
    labelled "you", everyone else's by name."""
    name = st.session_state.get("viewer")
    return name if isinstance(name, str) else None


def _remember_sign_in(name: str) -> None:
    """Sign ``name`` in (just checked with its password) and remember it: the server keeps
    the token's digest, the browser the token (set by :func:`_sign_in_cookie`)."""
    ss = st.session_state
    ss["signed_in"] = name
    try:
        remembered = remember_sign_in(name)
    except ActionError as e:
        ss["sign_in_token"] = None
        ss["sign_in_note"] = f"Signed in until you reload the page (not remembered: {e})."
    else:
        ss["sign_in_token"] = remembered.token
        ss["sign_in_cookie_script"] = session_cookie_script(remembered)


def _sign_in_cookie() -> None:
    """Run the script that sets or clears the browser's sign-in cookie, in a hidden
    container (Streamlit keeps an unchanged element as it is, so the script runs once)."""
    script = st.session_state.get("sign_in_cookie_script")
    with st.sidebar.container(key="sign_in_cookie"):
        if isinstance(script, str):
            st.html(script, unsafe_allow_javascript=True)
    st.html("<style>.st-key-sign_in_cookie {display: none;}</style>")


def sign_in_panel() -> None:
    sb = st.sidebar
    name = signed_in()
    if sign_in_mode(oidc_configured()) == "local":
        _sign_in_cookie()
    note = st.session_state.pop("sign_in_note", None)
    if isinstance(note, str):
        sb.warning(note)
    if name:
        c1, c2 = sb.columns([3, 2], vertical_alignment="center")
        c1.markdown(f":material/person: **{_esc(name)}**")
        if c2.button("Sign out", key="sign_out", width="stretch"):
            if sign_in_mode(oidc_configured()) == "oidc":
                st.logout()
            else:  # end the remembered sign-in on the server and in the browser
                problem = end_sign_in(st.session_state.get("sign_in_token"))
                st.session_state["sign_in_token"] = None
                st.session_state["sign_in_cookie_script"] = session_cookie_script(None)
                if problem:
                    st.session_state["sign_in_note"] = f"Signed out here, but: {problem}."
            st.session_state.pop("signed_in", None)
            st.rerun()
        return
    if sign_in_mode(oidc_configured()) == "oidc":
        sb.button("Sign in", key="sign_in_oidc", on_click=st.login, type="primary")
        return
    if not has_local_accounts():
        sb.info(NO_ACCOUNTS)
        return
    with sb.form("sign_in", border=True):
        st.markdown("**Sign in to act on cases**")
        user = st.text_input("User name", key="sign_in_user", autocomplete="username")
        password = st.text_input(
            "Password", key="sign_in_password", type="password", autocomplete="current-password"
        )
        if st.form_submit_button("Sign in", type="primary", width="stretch"):
            try:
                name = local_sign_in(user, password)
            except ActionError as e:
                st.error(str(e))
            else:
                _remember_sign_in(name)
                st.rerun()


def example_charts() -> list[str]:
    if not EXAMPLES.is_dir():
        return []
    return sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def extractor_choices() -> list[str]:
    try:
        from extract.llm.settings import is_configured

        configured = is_configured()
    except Exception:  # an LLM stack that cannot load is an LLM that is not configured
        configured = False
    return list(EXTRACTORS) if configured else ["deterministic"]


def upload_limit() -> int:
    """The largest chart file accepted (the CLI's limit; an override for tests)."""
    raw = os.environ.get("CHARTREVIEW_APP_MAX_BYTES", "")
    return int(raw) if raw.isdigit() else DEFAULT_MAX_BYTES


def _mib(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.1f} MiB"


def _esc(text: str) -> str:
    return html.escape(text)


def open_case_page(case_id: str | None) -> None:
    """Show a case (its id in the address, so a reload reopens it) or the worklist."""
    if case_id:
        st.query_params["case"] = case_id
    else:
        st.query_params.clear()
    st.session_state["worklist_generation"] = st.session_state.get("worklist_generation", 0) + 1
    st.session_state.pop("evidence_choice", None)


def flash(kind: str, text: str) -> None:
    st.session_state["flash"] = (kind, text)


# --------------------------------------------------------------------------- sidebar


def _review(files: list[tuple[str, bytes]], pack: str, extractor: str) -> None:
    bar = st.sidebar.progress(0.0, text="Reading documents…")

    def progress(p: Progress) -> None:
        share = p.done / p.total if p.total else 1.0
        value = share / 2 if p.stage == "ingest" else 0.5 + share / 2
        verb = "Reading" if p.stage == "ingest" else "Extracting facts from"
        bar.progress(min(value, 1.0), text=f"{verb} document {p.done} of {p.total}")

    try:
        reviewed = review_into_case(
            store(), files, pack=pack, extractor=extractor, progress=progress
        )
    except (ChartReviewError, ActionError) as e:
        bar.empty()
        st.sidebar.error(str(e))
        return
    bar.empty()
    # the uploader starts empty for the next chart
    st.session_state["upload_generation"] = st.session_state.get("upload_generation", 0) + 1
    open_case_page(reviewed.case_id)
    if reviewed.new_review and reviewed.added_documents:
        n = reviewed.added_documents
        flash(
            "success",
            f"Reviewed against {pack_title(pack)} with {n} document{'s' if n != 1 else ''} "
            f"new to this case: review {reviewed.version} of the case (the actions on earlier "
            "reviews are kept under them).",
        )
    elif reviewed.new_review:
        flash("success", f"Reviewed against {pack_title(pack)}; the case is saved.")
    else:
        flash(
            "info",
            "These documents were already reviewed against this pack: their case is open, "
            "with every action saved on it.",
        )
    st.rerun()


def sidebar() -> None:
    sb = st.sidebar
    sb.title("chartreview")
    sb.caption("Review an IOP chart against payer policy. It recommends; you decide.")
    if sb.button(":material/list: Worklist", key="go_worklist", width="stretch"):
        open_case_page(None)
        st.rerun()
    sign_in_panel()
    sb.divider()
    sb.subheader("Start a review")
    source = sb.radio("Chart", ["Upload files", "Bundled example"], key="source", horizontal=True)
    packs = available_packs()
    pack = sb.selectbox(
        "Policy pack",
        packs,
        key="pack",
        format_func=pack_short_title,
        help="; ".join(f"{pack_short_title(p)}: {pack_title(p)}" for p in packs),
    )
    extractor = sb.selectbox(
        "Read the chart with",
        extractor_choices(),
        key="extractor",
        format_func=reader_choice,
        help="The offline reader runs on this server; an AI model reads service records "
        "and notes through the configured endpoint (the rules decide either way).",
    )
    limit = upload_limit()
    if source == "Upload files":
        uploads = sb.file_uploader(
            "Chart documents (PDF, text, Markdown, CSV, HTML, RTF, JSON, XML)",
            type=CHART_TYPES,
            accept_multiple_files=True,
            key=f"uploads_{st.session_state.get('upload_generation', 0)}",
            help=f"Several files at once; each at most {_mib(limit)}.",
        )
        if sb.button("Review chart", type="primary", key="review_uploads", width="stretch"):
            files = list(uploads or [])
            for f in files:
                if f.size > limit:
                    st.session_state.setdefault("rejected", []).append(
                        f"Not reviewed: {f.name} is {_mib(f.size)}; files over {_mib(limit)} "
                        "are not accepted"
                    )
            data = [(Path(f.name).name, f.getvalue()) for f in files if f.size <= limit]
            if not data:
                sb.error("Add at least one chart document (within the size limit) first.")
            else:
                _review(data, pack, extractor)
    else:
        example = sb.selectbox("Example chart", example_charts(), key="example")
        if sb.button("Review chart", type="primary", key="review_example", width="stretch"):
            folder = EXAMPLES / str(example)
            found = sorted(p for p in folder.rglob("*") if p.is_file())
            _review([(p.name, p.read_bytes()) for p in found], pack, extractor)
    sb.divider()
    sb.subheader("Continue an exported record")
    exported = sb.file_uploader("Audit record (.json)", type=["json"], key="exported")
    if sb.button("Open as a case", key="load_record") and exported is not None:
        try:
            reviewed = add_exported_record(store(), parse_record(exported.getvalue()))
        except (ActionError, ChartReviewError) as e:
            sb.error(str(e))
        else:
            open_case_page(reviewed.case_id)
            flash(
                "success", "The record verified; it is open as a case and new actions continue it."
            )
            st.rerun()


# --------------------------------------------------------------------------- worklist


def _worklist_columns() -> dict[str, Any]:
    """The worklist's columns at widths that fit beside the sidebar at 1440 px (each
    header's help says what it holds)."""
    config: dict[str, Any] = {}
    for c in COLUMNS:
        if c.kind == "datetime":
            config[c.name] = st.column_config.DatetimeColumn(
                c.name, width=c.width, help=c.help, format=TIME_FORMAT, timezone="UTC"
            )
        elif c.kind == "number":
            config[c.name] = st.column_config.NumberColumn(c.name, width=c.width, help=c.help)
        else:
            config[c.name] = st.column_config.TextColumn(c.name, width=c.width, help=c.help)
    return config


def render_worklist() -> None:
    st.title("Worklist")
    c1, c2, c3, c4, c5 = st.columns([2, 2, 3, 2, 1.3], vertical_alignment="bottom")
    statuses: list[str | None] = [None, *CASE_STATUS_LABELS]
    status = c1.selectbox(
        "Status",
        statuses,
        key="wl_status",
        format_func=lambda s: "All" if s is None else CASE_STATUS_LABELS[s],
    )
    packs: list[str | None] = [None, *available_packs()]
    pack = c2.selectbox(
        "Pack",
        packs,
        key="wl_pack",
        format_func=lambda p: "All" if p is None else pack_short_title(p),
    )
    member = c3.text_input("Member", key="wl_member", placeholder="part of a name")
    sort = c4.selectbox("Sort by", list(SORTS), key="wl_sort", format_func=SORTS.__getitem__)
    reverse = c5.toggle("Reverse", key="wl_reverse")
    try:
        rows = store().worklist(
            status=status,  # type: ignore[arg-type]
            pack=pack,
            sort=sort,  # type: ignore[arg-type]
            descending=(sort == "last_change") != reverse,
        )
    except ChartReviewError as e:
        st.error(str(e))
        return
    lines = worklist_lines(rows, member=member)
    if not lines:
        st.info(
            "No cases match."
            if rows
            else "No cases yet: upload a chart's documents (or pick an example) in the sidebar "
            "and press **Review chart**. Reviews from the command line join with "
            "`chartreview cases import`."
        )
        return
    st.caption(f"{len(lines)} case{'s' if len(lines) != 1 else ''}. Select a row to open it.")
    generation = st.session_state.get("worklist_generation", 0)
    table_key = f"worklist_table_{generation}"

    def picked() -> None:
        state = st.session_state.get(table_key)
        rows_chosen = state.selection.rows if state is not None else []
        if rows_chosen:
            open_case_page(lines[rows_chosen[0]].case_id)

    st.dataframe(
        [line.as_row() for line in lines],
        hide_index=True,
        on_select=picked,
        selection_mode="single-row",
        key=table_key,
        width="stretch",
        column_config=_worklist_columns(),
    )
    o1, o2 = st.columns([5, 1], vertical_alignment="bottom")
    choices = {line.case_id: line.choice for line in lines}
    chosen = o1.selectbox(
        "Open a case", list(choices), key="wl_open", format_func=choices.__getitem__
    )
    o2.button(
        "Open case", key="wl_open_button", on_click=open_case_page, args=(chosen,), width="stretch"
    )


# --------------------------------------------------------------------------- case: actions


def _seen(case_id: str) -> Seen | None:
    seen: dict[str, Seen] = st.session_state.setdefault("seen", {})
    return seen.get(case_id)


def started(case_id: str, slot: str) -> None:
    """A reviewer began an action in ``slot`` (typed its text, chose a status): the action
    is judged against the case as the page showed it then. A rerun while they type (the
    text box's own, when they click the button) redraws the page but is not a change they
    saw."""
    begun: dict[tuple[str, str], Seen] = st.session_state.setdefault("started", {})
    seen = _seen(case_id)
    if seen is not None:
        begun.setdefault((case_id, slot), seen)


def act(case_id: str, rule_id: str | None, action: str) -> None:
    """An action button's callback: runs before the page is drawn again, against what the
    reviewer's page showed when they began the action (:func:`started`; else the case as
    last drawn)."""
    ss = st.session_state
    slot = rule_id or "case"
    reason_key, status_key = f"why:{slot}", f"to:{slot}"
    ss.pop("act_hint", None)
    empty = nothing_to_save(
        action, ss.get(reason_key) or "", ss.get(status_key) if action == "decision" else None
    )
    if empty is not None:
        # not a failure (often a second click right after a saved note): a hint, and the
        # saved message stays; an older refusal on this finding no longer applies
        message = ss.get("act_message")
        if message and message[0] == slot and message[1] != "success":
            ss.pop("act_message")
        ss["act_hint"] = (slot, empty)
        return
    # what the page showed when the reviewer began this action (else as last drawn); once
    # judged, saved or refused, the next click is judged against the page as drawn then
    began: Seen | None = ss.setdefault("started", {}).pop((case_id, slot), None)
    seen = began or _seen(case_id)
    try:
        if seen is None:
            raise ActionError("the case is not open: open it from the worklist")
        case = open_case(store(), case_id)
        new_status = ss.get(status_key) if action in ("override", "decision") else None
        done = record_case_action(
            store(),
            case,
            seen,
            reviewer=reviewer(),
            action=action,
            rule_id=rule_id,
            new_status=new_status,
            reason=ss.get(reason_key) or "",
        )
    except StaleCaseError as e:
        said = str(e).replace(
            RELOAD, "the page now shows the case as it is: check it, then act again"
        )
        ss["act_message"] = (slot, "error", f"Not saved: {said}.")
        ss["scroll_to_act"] = slot
        return
    except (ActionError, ChartReviewError) as e:
        if began is not None:  # nothing was judged stale: still the page it began on
            ss["started"][(case_id, slot)] = began
        ss["act_message"] = (slot, "error", f"Not saved: {e}.")
        ss["scroll_to_act"] = slot
        return
    # saved: the form clears, and what this page has seen includes the new action (a
    # second click is judged against it, never recorded twice by mistake)
    ss[reason_key] = ""
    ss[status_key] = None
    after = Seen(seen.record_sha256, seen.actions + 1)
    ss.setdefault("seen", {})[case_id] = after
    begun: dict[tuple[str, str], Seen] = ss.setdefault("started", {})
    for other, was in begun.items():  # begun on the same page: their own action is seen
        if other[0] == case_id and was == seen:
            begun[other] = after
    # said beside the buttons that were pressed; no toast: it covered the evidence panel's
    # heading at the top right for seconds after every action
    ss["act_message"] = (slot, "success", f"{done}.")
    ss["scroll_to_act"] = slot  # the page follows the finding to where it now stands


# scrolls the page once to the message of the action just taken: an override moves its
# finding to another section, and the page would stay where the buttons were
_SCROLL_TO_ACT = """<div id="act-anchor"></div><script>
(() => {
  let tries = 0;
  const go = () => {
    const anchor = document.getElementById("act-anchor");
    if (!anchor || !anchor.offsetParent) {
      if (++tries < 40) setTimeout(go, 50);
      return;
    }
    anchor.scrollIntoView({block: "center"});
  };
  go();
})();
</script>"""


def _message(slot: str) -> None:
    message = st.session_state.get("act_message")
    if message and message[0] == slot:
        (st.success if message[1] == "success" else st.error)(message[2])
        if st.session_state.pop("scroll_to_act", None) == slot:
            st.html(_SCROLL_TO_ACT, unsafe_allow_javascript=True)
    hint = st.session_state.get("act_hint")
    if hint and hint[0] == slot:
        st.info(hint[1], icon=":material/info:")


def finding_actions(case: OpenCase, f: Finding) -> None:
    o = finding_outcome(case.record, f.rule_id)
    current = o.status if o else f.status
    slot = f.rule_id
    case_id = case.view.case_id
    with st.container(border=True):
        st.markdown("**Your review**")
        st.text_input(
            "Reason, comment or note",
            key=f"why:{slot}",
            placeholder="required for an override or a note",
            on_change=started,
            args=(case_id, slot),
        )
        options = [s.value for s in STATUS_ORDER if s != current]
        if st.session_state.get(f"to:{slot}") not in (*options, None):
            st.session_state[f"to:{slot}"] = None  # the finding's status changed since
        st.radio(
            "Override to",
            options,
            index=None,
            key=f"to:{slot}",
            format_func=status_label,
            horizontal=True,
            on_change=started,
            args=(case_id, slot),
        )
        b1, b2, b3 = st.columns(3)
        b1.button(
            "Accept",
            key=f"accept:{slot}",
            on_click=act,
            args=(case_id, f.rule_id, "accept"),
            icon=":material/thumb_up:",
            width="stretch",
            help=f"Agree with the tool: {status_label(f.status)}",
        )
        b2.button(
            "Override",
            key=f"override:{slot}",
            on_click=act,
            args=(case_id, f.rule_id, "override"),
            icon=":material/swap_horiz:",
            width="stretch",
        )
        b3.button(
            "Add note",
            key=f"note:{slot}",
            on_click=act,
            args=(case_id, f.rule_id, "note"),
            icon=":material/edit_note:",
            width="stretch",
        )
        _message(slot)
        mine = [a for a in case.record.reviewer_actions if a.rule_id == f.rule_id]
        for a in mine:
            change = f" → {status_label(a.new_status)}" if a.new_status else ""
            text = f" — {a.reason}" if a.reason else ""
            st.caption(f"{moment(a.at)} · {a.reviewer}: {a.action}{change}{text}")


# --------------------------------------------------------------------------- case: checklist


def choose_evidence(key: str) -> None:
    st.session_state["evidence_choice"] = key


def show_in_page(key: str) -> None:
    """The button that shows evidence ``key`` highlighted in its page (the panel)."""
    st.button(
        "Show in the page",
        key=f"view:{key}",
        on_click=choose_evidence,
        args=(key,),
        help="Shows this quote highlighted in its page, on the right",
        icon=":material/visibility:",
        type="tertiary",
    )


def render_computed(values: dict[str, Any]) -> None:
    """What the rule worked out for a finding, in words (a table for a list of records,
    such as the program weeks, numbered as the checklist numbers them)."""
    with st.popover("What the rule worked out"):
        for item in computed_values(values):
            if item.rows:
                st.markdown(f"**{md_escape(item.label)}**\n\n{markdown_table(item.rows)}")
            else:
                st.markdown(f"**{md_escape(item.label)}:** {md_escape(item.text)}")


def render_finding(case: OpenCase, f: Finding, titles: dict[str, str], pages: Pages) -> None:
    record = case.record
    o = finding_outcome(record, f.rule_id)
    effective = o.status if o else f.status
    # an override or accept is labelled by who made it: "you" only for the viewer's own
    said = finding_label(record, f, _viewer())
    title = f"{STATUS_ICONS[effective.value]} **{rule_title(record.policy.id, f.rule_id)}**"
    title += said.title_suffix
    with st.expander(title, expanded=effective in OPEN_STATUSES, key=f"exp:{f.rule_id}"):
        st.markdown(said.status_line)
        st.markdown(_esc(plain_text(f.reason, record.documents)))
        if f.values:
            render_computed(f.values)
        if f.evidence:
            deciding, rest = split_evidence(f)
            # the words the verdict rests on first, one row per session or need; the rest
            # one row per line, folded away
            rows = by_session(f, pages) if deciding else []
            others = [(len(deciding) + g.first, g) for g in distinct_lines(by_line(rest, pages))]
            if deciding:
                st.markdown(f"**What decided it** ({len(rows)})")
                lead = [(g.first, g) for g in rows]
            else:
                st.markdown(f"**Evidence from the chart** ({len(others)})")
                lead, others = others[:6], others[6:]

            def evidence_row(n: int, group: LineGroup) -> None:
                ev = group.evidence[0]
                place = where(titles, ev.document_id, ev.page, _page_count(record, ev))
                shown_line = group.line if group.line else plain_quote(ev.quote)
                st.markdown(f"“{_esc(short_quote(shown_line, 160))}”  \n*{_esc(place)}*")
                show_in_page(f"finding:{f.rule_id}:{n}")

            for n, group in lead:
                evidence_row(n, group)
            if others:
                label = "other evidence" if deciding else "more"
                with st.expander(f"{len(others)} {label}"):
                    for n, group in others:
                        evidence_row(n, group)
        st.markdown("**Policy**")
        for c in f.citations:
            st.caption(f"{policy_title(c.source)} — {c.section}")
            st.markdown(f'<div class="cr-quote">{_esc(c.quote)}</div>', unsafe_allow_html=True)
        if f.related_passages:
            with st.popover("Related policy passages"):
                for rp in f.related_passages:
                    st.markdown(f"*{_esc(policy_title(rp.source))} — {_esc(rp.section)}*")
                    st.text(rp.text)
        finding_actions(case, f)


def _page_count(record: AuditRecord, ev: Evidence) -> int | None:
    return next((d.pages for d in record.documents if d.document_id == ev.document_id), None)


def render_pdf_page(
    case: OpenCase, spans: tuple[Evidence, ...], text: str | None, place: str
) -> bool:
    """The evidence on the PDF page itself, when ``workspace.pdfpage`` is installed (it
    renders the page with the quote's boxes highlighted): the lines around the quote at a
    readable size, and a button that opens the whole page as wide as the screen allows
    (``place`` names it); False when it cannot be shown, and the page's text is shown
    instead."""
    try:
        pdfpage: Any = importlib.import_module("workspace.pdfpage")
    except ImportError:
        return False
    ev = spans[0]
    data = document_bytes(store(), ev.document_id)
    if data is None:
        return False
    try:
        image, crop, page = _pdf_evidence(
            ev.document_id,
            ev.page,
            tuple((x.start, x.end, x.quote) for x in spans),
            text,
            pdfpage,
            data,
        )
    except ChartReviewError as e:
        st.warning(str(e))
        return False
    if crop is not None:
        # the highlighted lines, whole, at a readable size (their box scrolls sideways
        # when they are wider than the column at the smallest size allowed)
        st.html(crop_html(crop, f"The quote highlighted on page {ev.page}"))
        _scroll_to_mark(ev)
        if crop.min_css_width > PANEL_PX:
            st.caption("These lines are wider than the column: scroll them sideways, or enlarge.")
    else:
        st.image(image.png, width="stretch")
    if not image.located or image.message:
        st.warning(image.message)
    if st.button(
        "Enlarge: the whole page",
        key="pdf_enlarge",
        icon=":material/zoom_in:",
        help="Opens the whole page as wide as the screen, the quote highlighted and in view",
    ):
        _page_dialog(place, page, f"Page {ev.page}, the quote highlighted")
    return True


# scrolls the enlarged page so that the quote is in the middle of the dialog (no chart
# text: it looks for the marker only)
_SCROLL_DIALOG = """<script>
(() => {
  let tries = 0, done = 0;
  const go = () => {
    const mark = document.querySelector('[role="dialog"] #page-span');
    if (!mark) {
      if (++tries < 60) setTimeout(go, 50);
      return;
    }
    mark.scrollIntoView({block: "center", inline: "nearest"});
    if (++done === 1) setTimeout(go, 400); // again once the image is laid out
  };
  go();
})();
</script>"""


def _page_dialog(title: str, page: Crop, alt: str) -> None:
    """The whole PDF page in a dialog as wide as the screen allows (its text about the
    size of the text around it), scrolled to the highlighted quote."""

    def body() -> None:
        st.html(crop_html(page, alt, marker="page-span", fit=True))
        st.html(_SCROLL_DIALOG, unsafe_allow_javascript=True)

    st.dialog(title, width="large")(body)()


@st.cache_data(max_entries=16, show_spinner=False)
def _pdf_evidence(
    document_id: str,
    page: int,
    quotes: tuple[tuple[int, int, str], ...],
    text: str | None,
    _pdfpage: Any,
    _data: bytes,
) -> tuple[Any, Crop | None, Crop]:
    """The page with the quote highlighted, the crop around it rendered sharp enough to
    read (``None`` when the quote was not located), and the whole page at that sharpness
    (to enlarge); once per evidence span (the document id is the PDF's SHA-256: the same
    id, the same bytes)."""
    spans = [
        Evidence(document_id=document_id, page=page, start=a, end=b, quote=q) for a, b, q in quotes
    ]
    image = _pdfpage.render_spans(_data, spans, page_text=text)
    if not image.located or not image.boxes:
        return image, None, page_crop(image)
    scale = readable_scale(image)
    sharp = (
        image
        if scale <= image.scale
        else _pdfpage.render_spans(_data, spans, page_text=text, scale=scale)
    )
    return image, highlight_crop(sharp), page_crop(sharp)


# moves the evidence panel's own scroll boxes (never the page) so that #evidence-span is in
# view: centred in the box that holds the text, then in the panel (at its top when the
# quote is in view there); sideways too.
# No chart text: EVIDENCE only names offsets, so a new span is scrolled to once.
_SCROLL_TO_MARK = """<script>
(() => {
  const evidence = EVIDENCE;
  let tries = 0, done = 0;
  const scroll = () => {
    const panel = document.querySelector(".st-key-evidence_panel");
    const mark = panel && panel.querySelector("#evidence-span");
    if (!mark) {
      if (++tries < 40) setTimeout(scroll, 50);
      return;
    }
    // what of a box can be seen: inside the panel and the window
    const seen = (box) => {
      const b = box.getBoundingClientRect(), p = panel.getBoundingClientRect();
      const top = b.top + box.clientTop, left = b.left + box.clientLeft;
      return {
        top: Math.max(top, p.top, 0),
        bottom: Math.min(top + box.clientHeight, p.bottom, innerHeight),
        left: left,
        right: left + box.clientWidth,
      };
    };
    for (let pass = 0; pass < 2; pass++) {
      let inner = true;
      for (let box = mark.parentElement; box; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (/auto|scroll/.test(style.overflowY) && box.scrollHeight > box.clientHeight) {
          const m = mark.getBoundingClientRect(), v = seen(box);
          const room = (v.bottom - v.top - m.height) / 2;
          const top = m.top - box.scrollTop; // where the quote is with the box unscrolled
          if (!inner && top >= v.top + 8 && top + m.height + 8 <= v.bottom) {
            box.scrollTop = 0; // the panel's top (its choices) while the quote is in view
          } else if (inner || m.top < v.top + 8 || m.bottom + 8 > v.bottom) {
            box.scrollTop += m.top - v.top - Math.max(8, room); // centred in what is seen
          }
          inner = false;
        }
        if (/auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth) {
          const m = mark.getBoundingClientRect(), v = seen(box);
          if (m.left < v.left || m.right > v.right) {
            box.scrollLeft += m.left - v.left - Math.max(16, (v.right - v.left - m.width) / 2);
          }
        }
        if (box === panel) break;
      }
    }
    if (++done === 1) setTimeout(scroll, 400); // again once fonts and images are laid out
  };
  scroll();
})();
</script>"""


def _scroll_to_mark(ev: Evidence) -> None:
    """Scroll the panel's text (or crop) to the highlighted quote (a hidden script)."""
    evidence = f"{ev.document_id[:16]}:{ev.page}:{ev.start}:{ev.end}"
    with st.container(key="evidence_scroll"):
        st.html(
            _SCROLL_TO_MARK.replace("EVIDENCE", json.dumps(evidence)), unsafe_allow_javascript=True
        )


def render_evidence(case: OpenCase, titles: dict[str, str], pages: Pages) -> None:
    record = case.record
    st.subheader("Evidence in the source")
    items = evidence_items(record, pages)
    if not items:
        st.info("This record has no evidence spans.")
        return
    by_key = {i.key: i for i in items}
    if st.session_state.get("evidence_choice") not in by_key:
        st.session_state["evidence_choice"] = items[0].key
    # two short choices, each readable whole in this column: what it supports, which quote
    subjects = evidence_subjects(items)
    st.session_state["evidence_subject"] = by_key[st.session_state["evidence_choice"]].group
    st.selectbox(
        "Finding or fact",
        list(subjects),
        key="evidence_subject",
        format_func=subjects.__getitem__,
        on_change=_subject_chosen,
        args=(items,),
    )
    quotes = quote_choices(items, st.session_state["evidence_subject"], titles)
    choice = st.selectbox(
        "Quote", list(quotes), key="evidence_choice", format_func=quotes.__getitem__
    )
    item = by_key[choice]
    ev = item.evidence
    place = where(titles, ev.document_id, ev.page, _page_count(record, ev))
    # what it supports, then each of its quotes on a line of its own (a session's date
    # line and time line), whole
    quoted = "  \n".join(f"“{_esc(plain_quote(x.quote))}”" for x in item.shown)
    st.markdown(f"**{_esc(item.subject or item.label)}**  \n{quoted}  \n:gray[{_esc(place)}]")
    text = page_text(pages, ev)
    media = next((d.media_type for d in record.documents if d.document_id == ev.document_id), "")
    if media == "application/pdf" and render_pdf_page(case, item.shown, text, place):
        return
    if text is None:
        st.warning(
            "This document's text is not in the case store (the record was imported without "
            "its documents). The quote: “" + ev.quote + "”"
        )
        return
    if any(text[x.start : x.end] != x.quote for x in item.shown):
        st.error("The page text at these offsets differs from the quote: check the document.")
        return
    more = [(x.start, x.end) for x in item.shown[1:]]
    first, last = min(x.start for x in item.shown), max(x.end for x in item.shown)
    # the lines around the quote (the whole page folded below), scrolled to the quote; the
    # rest of its line (a session's row) marked lightly. st.html: no Markdown is read in it
    if media == "text/markdown":
        # rendered, chart HTML escaped; whole blocks (a table cut in two is no table)
        lo, hi = block_window(text, first, last)
        shown = markdown_html(
            text[lo:hi],
            ev.start - lo,
            ev.end - lo,
            line=True,
            more=[(a - lo, b - lo) for a, b in more],
        )
        if shown.highlighted:
            cut = (
                '<p class="cr-more">…</p>' if lo > 0 else "",
                '<p class="cr-more">…</p>' if hi < len(text) else "",
            )
            st.html(f'<div class="cr-md">{cut[0]}{shown.html}{cut[1]}</div>')
            _scroll_to_mark(ev)
            _whole_page(text, lo, hi, markdown=True)
            return
    lo, hi = page_window(text, first, last)
    # lines wrap, each one block; rows in columns with a hanging indent, to read as rows
    rows = " cr-rows" if tabular(text[lo:hi]) else ""
    marked = page_html(text, ev.start, ev.end, lo, hi, more)
    st.html(f'<div class="cr-page{rows}">{marked}</div>')
    _scroll_to_mark(ev)
    _whole_page(text, lo, hi)


def _subject_chosen(items: list[EvidenceItem]) -> None:
    """A finding or fact chosen in the panel: its first quote is shown."""
    group = st.session_state.get("evidence_subject")
    first = next((i.key for i in items if i.group == group), None)
    if first is not None:
        st.session_state["evidence_choice"] = first


def _whole_page(text: str, lo: int, hi: int, *, markdown: bool = False) -> None:
    """The whole page's text, folded away, when the panel shows only part of it (a
    Markdown document rendered, its HTML escaped)."""
    if lo > 0 or hi < len(text):
        with st.expander("The whole page"):
            if markdown:
                st.html(f'<div class="cr-md cr-whole">{markdown_html(text).html}</div>')
            else:
                st.text(text)


# --------------------------------------------------------------------------- case: the rest


def _chart_data(values: list[dict[str, Any]]) -> Any:
    return alt.Data(values=values)  # type: ignore[no-untyped-call]


def render_weeks(record: AuditRecord) -> None:
    st.subheader("Counted hours per program week")
    if not record.weekly_summary:
        st.info("No program weeks could be counted from this chart.")
        return
    threshold = weekly_threshold(record)
    rows: list[dict[str, Any]] = [
        {
            "week": f"W{w.week}",
            "dates": f"{w.start} – {w.end}",
            "hours": w.counted_hours,
            "services": w.counted_services,
            "unknown length": w.unknown_length_services,
            "week type": "complete" if w.complete else "partial week",
            "below": (threshold is not None and w.complete and w.counted_hours < threshold),
        }
        for w in record.weekly_summary
    ]
    order = [r["week"] for r in rows]
    base = alt.Chart(_chart_data(rows))
    bars = base.mark_bar().encode(
        x=alt.X("week:N", sort=order, title="Program week"),
        y=alt.Y("hours:Q", title="Counted hours"),
        color=alt.condition(
            alt.datum.below, alt.value("#e03131"), alt.Color("week type:N", title=None)
        ),
        opacity=alt.condition(
            alt.datum["week type"] == "partial week", alt.value(0.45), alt.value(1.0)
        ),
        tooltip=["week:N", "dates:N", "hours:Q", "services:Q", "unknown length:Q", "week type:N"],
    )
    chart = bars
    if threshold is not None:
        rule = (
            alt.Chart(_chart_data([{"threshold": threshold}]))
            .mark_rule(color="#1c7ed6", strokeDash=[6, 4], size=2)
            .encode(y="threshold:Q")
        )
        chart = bars + rule
        st.caption(
            f"Dashed line: the pack's minimum of {threshold:g} hours per complete week. "
            "Red bars: complete weeks below it. Faded bars: partial weeks (not judged)."
        )
    st.altair_chart(chart, width="stretch")


def render_ungrounded(record: AuditRecord, titles: dict[str, str]) -> None:
    st.subheader(f"Proposed but not found in the text ({len(record.ungrounded)})")
    if not record.ungrounded:
        st.caption("Every fact the reader proposed was located in the chart text.")
        return
    st.caption("These never reached a rule. Check whether the chart says what was proposed.")
    st.dataframe(
        [
            {
                "kind": u.kind.replace("_", " "),
                "proposed value": u.proposed_value,
                "proposed quote": u.proposed_quote,
                "document": titles.get(u.document_id or "", ""),
                "why": u.why,
            }
            for u in record.ungrounded
        ],
        width="stretch",
        hide_index=True,
    )


def render_case_actions(case: OpenCase) -> None:
    record = case.record
    case_id = case.view.case_id
    st.subheader("Decision and case notes")
    with st.container(border=True):
        st.text_input(
            "Decision or note about the whole case",
            key="why:case",
            placeholder="e.g. approve continued stay through 04/30",
            on_change=started,
            args=(case_id, "case"),
        )
        st.radio(
            "Outcome of the decision",
            ["met", "not_met", "insufficient_evidence"],
            index=None,
            key="to:case",
            format_func=status_label,
            horizontal=True,
            on_change=started,
            args=(case_id, "case"),
        )
        b1, b2 = st.columns(2)
        b1.button(
            "Record decision",
            key="decision:case",
            on_click=act,
            args=(case_id, None, "decision"),
            type="primary",
            icon=":material/gavel:",
            width="stretch",
        )
        b2.button(
            "Add case note",
            key="note:case",
            on_click=act,
            args=(case_id, None, "note"),
            icon=":material/edit_note:",
            width="stretch",
        )
        _message("case")
    if case.view.actions:
        st.markdown(f"**All actions on this case** ({len(case.view.actions)})")
        # a list, not a table: long finding titles and reasons wrap instead of being cut
        lines = []
        for a in case.view.actions:
            what = a.action + (f" to {status_label(a.new_status)}" if a.new_status else "")
            finding = f" · {rule_title(record.policy.id, a.rule_id)}" if a.rule_id else ""
            reason = f" — {a.reason}" if a.reason else ""
            lines.append(
                f"- {moment(a.at)} · {a.reviewer} · {what}{finding}{reason} "
                f"(review {a.record_version})"
            )
        st.markdown(_esc("\n".join(lines)))
        earlier = [a for a in case.view.actions if a.record_version != case.view.latest.version]
        if earlier:
            st.caption(
                f"{len(earlier)} action(s) were made on an earlier review of this chart; the "
                "outcome above counts the actions on the latest review only."
            )


def render_export(record: AuditRecord, pages: Pages) -> None:
    st.subheader("Export")
    st.caption(
        "The audit record holds the tool's findings as produced, your actions and your "
        "outcome; anyone can verify it (`chartreview verify`)."
    )
    st.download_button(
        "Download the audit record (JSON)",
        to_json(record),
        file_name=f"review-{record.review_id}.json",
        mime="application/json",
        key="download_json",
        icon=":material/download:",
        width="stretch",
    )
    st.download_button(
        "Download the summary (Markdown)",
        summary_markdown(record, pages=pages),
        file_name=f"review-{record.review_id}.md",
        mime="text/markdown",
        key="download_md",
        icon=":material/download:",
        width="stretch",
    )


def policy_search() -> Any:
    """The server process's policy search (retrieval.warm.shared): ``chartreview
    workspace`` warms it up before serving, so that the first question is as fast as later
    ones; under ``streamlit run`` it warms up on a background thread from here."""
    from retrieval.warm import shared

    return shared()


policy_search()  # under `streamlit run app.py`, warming starts here (once; returns at once)


def render_ask(record: AuditRecord) -> None:
    st.subheader("Ask the policy")
    with st.form("ask_form", border=False):
        query = st.text_input(
            "Question", key="ask_query", placeholder="e.g. what counts toward the 9 hours?"
        )
        asked = st.form_submit_button("Search the policy", key="ask")
    if not (asked and query.strip()):
        return
    with st.spinner("Searching the policy…"):
        try:
            search = policy_search().get()
            sources = None
            try:
                pack_source = load_pack(record.policy.id).source
                if pack_source in search.sources:
                    sources = {pack_source}
            except Exception:
                sources = None
            answer = search.ask(query, k=5, sources=sources)
        except UsageError as e:
            st.error(str(e))
            return
    if not answer.relevant and answer.unmentioned:
        # close to the policy's topic ("IOP") but about what it never mentions ("copay")
        named = ", ".join(f"“{_esc(w)}”" for w in answer.unmentioned)
        st.info(
            f"Nothing relevant in this policy for that question: it never mentions {named}. "
            "Try other words."
        )
    elif not answer.relevant:
        st.info("Nothing relevant in this policy for that question. Try other words.")
    for hit in answer.hits:
        p = hit.passage
        st.markdown(f"**{hit.rank}. {_esc(policy_title(p.source))} — {_esc(p.section)}**")
        if hit.lead_in_lines:  # what the list is: context from the policy, not the quote
            lead = "<br>".join(f"<i>{_esc(x)}</i>" for x in hit.lead_in_lines)
            st.markdown(
                f'<div class="cr-lead-in" style="color:#6c757d;font-size:0.875rem">'
                f"A list item under: {lead}</div>",
                unsafe_allow_html=True,
            )
        st.markdown(f'<div class="cr-quote">{_esc(p.text)}</div>', unsafe_allow_html=True)
        if hit.items:  # the list the passage introduces, or more items of its list
            listed = "".join(f"<li>{_esc(x)}</li>" for x in hit.item_texts)
            st.markdown(
                f'<div class="cr-quote cr-items"><ul>{listed}</ul></div>', unsafe_allow_html=True
            )


def _date(day: dt.date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else "not found"


def render_header(case: OpenCase, header: CaseHeader) -> None:
    record = case.record
    st.title(header.member_name or case.view.chart_name)
    age = f" (age {header.age_at_admission} at admission)" if header.age_at_admission else ""
    facts = [
        ("Member ID", _esc(header.member_id or "not found")),
        ("Born", _esc(_date(header.date_of_birth)) + age),
        ("Admission", _esc(_date(header.admission))),
        ("Episode end", _esc(_date(header.episode_end))),
        ("Program", _esc(header.program or "not stated")),
        ("Pack", _esc(f"{header.pack_title} (version {record.policy.version})")),
    ]
    st.markdown(
        '<div class="cr-facts">'
        + " &nbsp;·&nbsp; ".join(f"<b>{k}:</b> {v}" for k, v in facts)
        + "</div>",
        unsafe_allow_html=True,
    )
    status = CASE_STATUS_LABELS.get(case.view.status, case.view.status)
    st.caption(
        f"Case {status.lower()} · review {case.view.latest.version} of "
        f"{len(case.view.versions)}, {moment(record.created_at)}, "
        f"read by {read_by(record.extractor.kind, record.extractor.model)} · "
        f"{len(record.documents)} documents read"
        + (f" · last action by {case.view.last_reviewer}" if case.view.last_reviewer else "")
    )
    for warning in header.warnings:
        st.warning(warning, icon=":material/warning:")
    if header.suggested_pack is not None:
        st.button(
            f"Review this chart against {pack_title(header.suggested_pack)}",
            key="review_with_pack",
            on_click=review_with_pack,
            args=(case.view.case_id, header.suggested_pack, record.extractor.kind),
            icon=":material/sync_alt:",
            help="Reads the documents kept with this case again against that pack; this "
            "case and its actions stay as they are.",
        )


def review_with_pack(case_id: str, pack: str, extractor: str) -> None:
    """The wrong-pack warning's button: the case's documents reviewed against ``pack``,
    and that case opened (no upload)."""
    try:
        reviewed = review_case_with(store(), case_id, pack=pack, extractor=extractor)
    except (ChartReviewError, ActionError) as e:
        st.session_state["flash"] = ("info", f"Not reviewed: {e}.")
        return
    open_case_page(reviewed.case_id)
    flash(
        "success" if reviewed.new_review else "info",
        f"Reviewed against {pack_title(pack)}: this is that pack's case for the same "
        "documents; the earlier case stays in the worklist."
        if reviewed.new_review
        else f"These documents were already reviewed against {pack_title(pack)}: that "
        "case is open.",
    )


def render_outcome(record: AuditRecord) -> None:
    # one outcome: a recorded decision's when there is one (the worklist's Outcome says the
    # same), with the findings' overall and the tool's recommendation beside it in words
    said = outcome_statement(record, _viewer())
    line = f"### {STATUS_ICONS[said.status]} {said.headline}  \n:gray[{said.beside}]"
    if said.decision_reason:
        by = said.decided_by or "a reviewer"
        label = f"Recorded by {by}" if said.decided else f"Decision by {by} (no outcome chosen)"
        line += f"  \n**{label}:** {_esc(said.decision_reason)}"
    st.markdown(line)
    counts = status_counts(record)
    tool = {s.value: sum(1 for f in record.findings if f.status == s) for s in STATUS_ORDER}
    cols = st.columns(len(counts) + 1)
    for col, (status, n) in zip(cols, counts.items(), strict=False):
        delta = n - tool[status]
        col.metric(
            f"{STATUS_ICONS[status]} {status_label(status)}",
            n,
            delta=f"{delta:+d} vs tool" if delta else None,
            delta_color="off",
        )
    cols[-1].metric("Reviewer actions", len(record.reviewer_actions))


def render_problems(record: AuditRecord, titles: dict[str, str]) -> None:
    unread = [e for e in record.input_errors if e.unread]
    copies = [e for e in record.input_errors if not e.unread]
    if unread:
        st.error(
            "Files that could not be read:\n"
            + "\n".join(f"- **{_esc(e.filename)}**: {_esc(plain_reason(e.reason))}" for e in unread)
        )
    if copies:
        # what they hold was read under the other name: a note, not a problem
        st.info(
            "Second copies of a document read (reviewed once):\n"
            + "\n".join(f"- **{_esc(e.filename)}**: {_esc(plain_reason(e.reason))}" for e in copies)
        )
    if record.unread:
        st.warning(
            f"{len(record.unread)} service record(s) could not be read; the rules they could "
            "change say *insufficient evidence*:\n"
            + "\n".join(
                f"- **{_esc(titles.get(u.document_id, 'a document'))}**, page {u.page}"
                + (f", dated {u.date:%m/%d/%Y}" if u.date else "")
                for u in record.unread[:20]
            )
        )
    skipped = [d for d in record.documents if d.pages_without_text]
    if skipped:
        st.warning(
            "Pages without text (scanned; not read): "
            + "; ".join(
                f"{titles.get(d.document_id, 'a document')} p. {d.pages_without_text}"
                for d in skipped
            )
        )


def render_case(case_id: str) -> None:
    try:
        case = open_case(store(), case_id)
    except CaseNotFoundError:
        st.error("That case is not in the case store: choose one from the worklist.")
        st.button("Back to the worklist", on_click=open_case_page, args=(None,))
        return
    except ChartReviewError as e:
        st.error(str(e))
        return
    # what this page shows: an action is judged against it (no lost update)
    st.session_state.setdefault("seen", {})[case_id] = case.seen
    st.session_state["viewer"] = signed_in()  # whose actions read "you"
    record = case.record
    pages = pages_of(case)
    titles = document_titles(record.documents)
    render_header(case, case_header(record, pages))
    message = st.session_state.pop("flash", None)
    if message:
        (st.success if message[0] == "success" else st.info)(message[1])
    render_outcome(record)
    render_problems(record, titles)
    # as wide as the checklist: a PDF page's lines are read at their size beside it
    left, right = st.columns(2, gap="medium")
    with left:
        st.header("Checklist")
        for status, group in findings_by_status(record):
            st.markdown(f"#### {status_label(status)} ({len(group)})")
            for f in group:
                render_finding(case, f, titles, pages)
        render_case_actions(case)
    with right, st.container(key="evidence_panel"):
        render_evidence(case, titles, pages)
    st.divider()
    render_weeks(record)
    render_ungrounded(record, titles)
    st.divider()
    a, b = st.columns([3, 2], gap="large")
    with a:
        render_ask(record)
    with b:
        render_export(record, pages)


def main() -> None:
    sidebar()
    for rejected in st.session_state.pop("rejected", []):
        st.error(rejected)
    case_id = st.query_params.get("case")
    if case_id:
        render_case(case_id)
        return
    message = st.session_state.pop("flash", None)
    if message:
        st.info(message[1])
    try:
        render_worklist()
    except CaseStoreError as e:
        st.error(str(e))


main()
