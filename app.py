"""chartreview reviewer workspace (Streamlit): ``.venv/bin/streamlit run app.py``.

The UI only: reviews run through ``pipeline.review``; record manipulation (reviewer actions,
resealing, Markdown export, highlighting) lives in ``workspace`` where it is tested.
No chart text is logged: uploads are written to a temporary folder that is deleted after
the review, and nothing here calls ``logging``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import altair as alt
import streamlit as st

from audit.record import AuditRecord, to_json
from core.errors import UsageError
from core.findings import Finding, Status
from ingest.loader import DEFAULT_MAX_BYTES, load_chart
from pipeline.review import EXTRACTORS, Progress, review_paths
from rules.pack import available_packs, load_pack
from workspace import (
    ActionError,
    append_action,
    content_key,
    effective_status,
    evidence_items,
    findings_by_status,
    highlight_html,
    page_text,
    parse_record,
    status_counts,
    summary_markdown,
    weekly_threshold,
)
from workspace.view import STATUS_LABELS

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"
CHART_TYPES = ["pdf", "txt", "md", "markdown", "text", "csv", "tsv"]
# Material icons ship with Streamlit's fonts, so they render without an emoji font
STATUS_ICONS = {
    "not_met": ":red[:material/cancel:]",
    "insufficient_evidence": ":orange[:material/help:]",
    "met": ":green[:material/check_circle:]",
    "not_applicable": ":gray[:material/remove_circle:]",
}
Pages = dict[str, list[str]]

st.set_page_config(
    page_title="chartreview — reviewer workspace",
    page_icon=":material/clinical_notes:",
    layout="wide",
)
st.markdown(
    """<style>
    .cr-page {white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.85rem;
      background: #fafafa; border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem;
      max-height: 520px; overflow-y: auto; line-height: 1.45;}
    .cr-page mark {background: #ffe066; padding: 0 2px; border-radius: 2px;
      outline: 2px solid #f08c00;}
    .cr-quote {border-left: 3px solid #adb5bd; padding-left: 0.6rem; color: #343a40;}
    </style>""",
    unsafe_allow_html=True,
)


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


def run_review(paths: list[Path], key: str, pack: str, extractor: str) -> None:
    """Review ``paths`` (or reuse the cached result for ``key``) and make it current."""
    cache: dict[str, tuple[str, Pages]] = st.session_state.setdefault("reviews", {})
    if key not in cache:
        bar = st.progress(0.0, text="Reading documents…")

        def progress(p: Progress) -> None:
            share = p.done / p.total if p.total else 1.0
            # reading is the first half, extraction the second
            value = share / 2 if p.stage == "ingest" else 0.5 + share / 2
            verb = "Reading" if p.stage == "ingest" else "Extracting facts from"
            bar.progress(min(value, 1.0), text=f"{verb} document {p.done} of {p.total}")

        record = review_paths(paths, policy=pack, extractor=extractor, progress=progress)
        chart = load_chart(paths)
        pages = {d.document_id: [pg.text for pg in d.pages] for d in chart.documents}
        bar.progress(1.0, text="Review complete")
        cache[key] = (record.model_dump_json(), pages)
    record_json, _ = cache[key]
    st.session_state["record"] = AuditRecord.model_validate_json(record_json)
    st.session_state["flash"] = None


def all_pages() -> Pages:
    merged: Pages = {}
    for _, pages in st.session_state.get("reviews", {}).values():
        merged.update(pages)
    return merged


# --------------------------------------------------------------------------- sidebar


def sidebar() -> None:
    sb = st.sidebar
    sb.title("chartreview")
    sb.caption("Review an IOP chart against payer policy. It recommends; you decide.")
    source = sb.radio("Chart", ["Upload files", "Bundled example"], key="source")
    packs = available_packs()
    pack = sb.selectbox("Policy pack", packs, key="pack")
    extractor = sb.selectbox("Extractor", extractor_choices(), key="extractor")
    limit = upload_limit()
    if source == "Upload files":
        uploads = sb.file_uploader(
            "Chart documents (PDF, text, Markdown, CSV)",
            type=CHART_TYPES,
            accept_multiple_files=True,
            key="uploads",
            help=f"Several files at once; each at most {_mib(limit)}.",
        )
        if sb.button("Review chart", type="primary", key="review_uploads"):
            files = list(uploads or [])
            too_big = [f for f in files if f.size > limit]
            for f in too_big:
                st.session_state.setdefault("rejected", []).append(
                    f"{f.name} is {_mib(f.size)}; files over {_mib(limit)} are not accepted"
                )
            files = [f for f in files if f.size <= limit]
            if not files:
                sb.error("Add at least one chart document (within the size limit) first.")
            else:
                data = [(Path(f.name).name, f.getvalue()) for f in files]
                key = content_key(data, pack, extractor)
                with tempfile.TemporaryDirectory(prefix="chartreview-upload-") as tmp:
                    paths: list[Path] = []
                    for n, (name, content) in enumerate(data):
                        folder = Path(tmp) / f"{n:03d}"
                        folder.mkdir()
                        target = folder / name
                        target.write_bytes(content)
                        paths.append(target)
                    run_review(paths, key, pack, extractor)
    else:
        examples = example_charts()
        example = sb.selectbox("Example chart", examples, key="example")
        if sb.button("Review chart", type="primary", key="review_example") and example:
            folder = EXAMPLES / example
            found = sorted(p for p in folder.rglob("*") if p.is_file())
            data = [(str(p.relative_to(folder)), p.read_bytes()) for p in found]
            run_review([folder], content_key(data, pack, extractor), pack, extractor)
    sb.divider()
    sb.subheader("Continue an exported record")
    exported = sb.file_uploader("Audit record (.json)", type=["json"], key="exported")
    if sb.button("Load record", key="load_record") and exported is not None:
        try:
            st.session_state["record"] = parse_record(exported.getvalue())
            st.session_state["flash"] = (
                "Loaded the record; new actions continue its chain "
                "(previous_record_sha256 = its record_sha256)."
            )
        except ActionError as e:
            sb.error(str(e))


# --------------------------------------------------------------------------- main view


def show_evidence_button(label: str, key: str) -> None:
    def choose() -> None:
        st.session_state["evidence_choice"] = label

    st.button(":material/visibility: View", key=key, on_click=choose, help="Show it in the page")


def render_finding(
    record: AuditRecord, f: Finding, labels: set[str], names: dict[str, str]
) -> None:
    overridden = effective_status(record, f.rule_id)
    title = f"{STATUS_ICONS[f.status.value]} **{rule_title(record.policy.id, f.rule_id)}**"
    if overridden:
        title += f" — overridden to {STATUS_LABELS[overridden]}"
    with st.expander(title, expanded=f.status in (Status.NOT_MET, Status.INSUFFICIENT_EVIDENCE)):
        st.markdown(f"**{STATUS_LABELS[f.status.value]}.** {f.reason}")
        if f.values:
            with st.popover("Computed values"):
                st.json(f.values, expanded=2)
        if f.evidence:
            st.markdown(f"**Evidence from the chart** ({len(f.evidence)})")
            shown = 6
            for n, ev in enumerate(f.evidence, start=1):
                if n == shown + 1:
                    more = st.expander(f"{len(f.evidence) - shown} more")
                with more if n > shown else st.container():
                    where = f"{names.get(ev.document_id, ev.document_id[:12])}, page {ev.page}"
                    cols = st.columns([5, 1])
                    cols[0].markdown(f"“{_escape(ev.quote)}”  \n*{_escape(where)}*")
                    label = f"finding {f.rule_id} #{n}"
                    if label in labels:
                        with cols[1]:
                            show_evidence_button(label, f"ev-{f.rule_id}-{n}")
                    if st.session_state.get("evidence_choice") == label:
                        text = page_text(all_pages(), ev)
                        if text is not None and text[ev.start : ev.end] == ev.quote:
                            context = highlight_html(text, ev.start, ev.end, context=300)
                            st.markdown(
                                f'<div class="cr-page">{context}</div>', unsafe_allow_html=True
                            )
        st.markdown("**Policy**")
        for c in f.citations:
            st.caption(f"{c.source} — {c.section}")
            st.markdown(f'<div class="cr-quote">{_escape(c.quote)}</div>', unsafe_allow_html=True)
        if f.related_passages:
            with st.popover("Related policy passages"):
                for rp in f.related_passages:
                    st.markdown(f"*{rp.source} — {rp.section}*")
                    st.text(rp.text)


@st.cache_data(show_spinner=False)
def rule_title(pack_id: str, rule_id: str) -> str:
    """The pack's title of a rule, with its id (the id alone if the pack is unknown)."""
    try:
        return f"{load_pack(pack_id).rule(rule_id).title} · {rule_id}"
    except Exception:
        return rule_id


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def render_evidence(record: AuditRecord, names: dict[str, str]) -> None:
    st.subheader("Evidence in the source")
    items = evidence_items(record)
    if not items:
        st.info("This record has no evidence spans.")
        return
    labels = [i.label for i in items]
    if st.session_state.get("evidence_choice") not in labels:
        st.session_state["evidence_choice"] = labels[0]
    choice = st.selectbox("Finding or fact", labels, key="evidence_choice")
    item = next(i for i in items if i.label == choice)
    ev = item.evidence
    st.caption(f"{names.get(ev.document_id, ev.document_id[:12])} · page {ev.page}")
    text = page_text(all_pages(), ev)
    if text is None:
        st.warning(
            "The source text of this document is not loaded (review the chart in this "
            "session to see it in place). The quote: “" + ev.quote + "”"
        )
        return
    if text[ev.start : ev.end] != ev.quote:
        st.error("The page text at these offsets differs from the quote: check the document.")
    st.markdown(
        f'<div class="cr-page">{highlight_html(text, ev.start, ev.end)}</div>',
        unsafe_allow_html=True,
    )


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


def render_ungrounded(record: AuditRecord, names: dict[str, str]) -> None:
    st.subheader(f"Proposed but not found in the text ({len(record.ungrounded)})")
    if not record.ungrounded:
        st.caption("Every fact the extractor proposed was located in the chart text.")
        return
    st.caption("These never reached a rule. Check whether the chart says what was proposed.")
    st.dataframe(
        [
            {
                "kind": u.kind,
                "proposed value": u.proposed_value,
                "proposed quote": u.proposed_quote,
                "document": names.get(u.document_id or "", "") if u.document_id else "",
                "why": u.why,
            }
            for u in record.ungrounded
        ],
        width="stretch",
        hide_index=True,
    )


def render_actions(record: AuditRecord) -> None:
    st.subheader("Reviewer actions")
    st.caption("Actions append to the record and reseal it; earlier actions are never changed.")
    reviewer = st.text_input("Reviewer name", key="reviewer")
    action = st.radio(
        "Action", ["accept", "override", "note", "decision"], horizontal=True, key="action"
    )
    rule_ids = [f.rule_id for _, group in findings_by_status(record) for f in group]
    rule_id: str | None = None
    new_status: str | None = None
    if action in ("accept", "override"):
        rule_id = st.selectbox("Finding", rule_ids, key="action_rule")
    elif action == "note":
        picked = st.selectbox(
            "About finding (optional)", ["(whole chart)", *rule_ids], key="note_rule"
        )
        rule_id = None if picked == "(whole chart)" else picked
    if action == "override" and rule_id:
        current = next(f.status for f in record.findings if f.rule_id == rule_id)
        options = [s.value for s in Status if s != current]
        new_status = st.selectbox(
            "New status", options, key="new_status", format_func=lambda s: STATUS_LABELS[s]
        )
    prompt = {
        "accept": "Comment (optional)",
        "override": "Reason for the override (required)",
        "note": "Note",
        "decision": "Decision (e.g. approve continued stay) and rationale",
    }[action]
    reason = st.text_area(prompt, key="reason")
    if st.button("Record action", type="primary", key="record_action"):
        try:
            st.session_state["record"] = append_action(
                record,
                action=action,
                reviewer=reviewer,
                reason=reason,
                rule_id=rule_id,
                new_status=new_status,
            )
            st.session_state["flash"] = f"Recorded {action}" + (f" of {rule_id}" if rule_id else "")
            st.rerun()
        except ActionError as e:
            st.error(str(e))
    if record.reviewer_actions:
        st.dataframe(
            [
                {
                    "at": a.at.isoformat(),
                    "reviewer": a.reviewer,
                    "action": a.action,
                    "finding": a.rule_id or "",
                    "new status": a.new_status.value if a.new_status else "",
                    "reason": a.reason,
                }
                for a in record.reviewer_actions
            ],
            width="stretch",
            hide_index=True,
        )


def render_export(record: AuditRecord) -> None:
    st.subheader("Export")
    st.caption(
        f"record_sha256 `{record.record_sha256}` · previous_record_sha256 "
        f"`{record.previous_record_sha256 or 'none'}`"
    )
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download audit record (JSON)",
        to_json(record),
        file_name=f"review-{record.review_id}.json",
        mime="application/json",
        key="download_json",
    )
    c2.download_button(
        "Download summary (Markdown)",
        summary_markdown(record),
        file_name=f"review-{record.review_id}.md",
        mime="text/markdown",
        key="download_md",
    )


@st.cache_resource(show_spinner=False)
def policy_search() -> Any:
    """The policy search (a retrieval.warm.WarmSearch), warming up in a background thread
    from the app's start, so that the first question is as fast as later ones."""
    from retrieval.warm import WarmSearch

    return WarmSearch()


policy_search()  # start warming up now (once per server; returns at once)


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
    if not answer.relevant:
        st.info("Nothing relevant in this policy for that question. Try other words.")
    for hit in answer.hits:
        p = hit.passage
        st.markdown(f"**{hit.rank}. {p.source} — {p.section}** (`{p.passage_id}`)")
        st.markdown(f'<div class="cr-quote">{_escape(p.text)}</div>', unsafe_allow_html=True)


def main() -> None:
    sidebar()
    for message in st.session_state.pop("rejected", []):
        st.error(f"Not reviewed: {message}")
    record: AuditRecord | None = st.session_state.get("record")
    if record is None:
        st.title("Reviewer workspace")
        st.markdown(
            "Upload a member's chart documents or pick a bundled example in the sidebar, "
            "choose the policy pack, and press **Review chart**. Every finding shows its "
            "reason, the chart evidence in place and the policy words behind it; your "
            "accepts, overrides, notes and decision are appended to a verifiable audit record."
        )
        return
    if st.session_state.get("flash"):
        st.success(st.session_state["flash"])
    names = {d.document_id: d.filename for d in record.documents}
    overall = record.overall
    st.title(f"{STATUS_ICONS[overall]} Overall: {STATUS_LABELS[overall]}")
    st.caption(
        f"{record.policy.id} {record.policy.version} · extractor {record.extractor.kind} · "
        f"{len(record.documents)} documents read · review {record.review_id}"
    )
    counts = status_counts(record)
    cols = st.columns(len(counts) + 1)
    for col, (status, n) in zip(cols, counts.items(), strict=False):
        col.metric(f"{STATUS_ICONS[status]} {STATUS_LABELS[status]}", n)
    cols[-1].metric("Reviewer actions", len(record.reviewer_actions))
    if record.input_errors:
        st.error(
            "Files that could not be read:\n"
            + "\n".join(f"- **{e.filename}**: {e.reason}" for e in record.input_errors)
        )
    if record.unread:
        st.warning(
            f"{len(record.unread)} service record(s) could not be read; the rules they could "
            "change say *insufficient evidence*:\n"
            + "\n".join(
                f"- **{names.get(u.document_id, u.document_id[:12])}** p. {u.page}, "
                f"offsets {u.start}-{u.end}" + (f", dated {u.date.isoformat()}" if u.date else "")
                for u in record.unread[:20]
            )
        )
    skipped = [d for d in record.documents if d.pages_without_text]
    if skipped:
        st.warning(
            "Pages without text (scanned; not read): "
            + "; ".join(f"{d.filename} p. {d.pages_without_text}" for d in skipped)
        )
    labels = {i.label for i in evidence_items(record)}
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.header("Checklist")
        for status, group in findings_by_status(record):
            st.markdown(f"#### {STATUS_LABELS[status.value]} ({len(group)})")
            for f in group:
                render_finding(record, f, labels, names)
    with right:
        render_evidence(record, names)
    st.divider()
    render_weeks(record)
    render_ungrounded(record, names)
    st.divider()
    a, b = st.columns([3, 2], gap="large")
    with a:
        render_actions(record)
    with b:
        render_export(record)
        st.divider()
        render_ask(record)


main()
