"""Document-fact phrasing families of a fifth ``dev`` group (``docfacts_dev5``).

Written blind (session 17): the author read the harness (``eval/docfacts/model.py``,
``families.py``, ``score.py``), the four earlier dev groups (to phrase differently from
them), ``shared/spec/RULES.md`` and ``AUDIT.md``, and nothing under ``extract/``,
``rules/``, ``pipeline/``, ``prompts/``, the layout code or any held-out material. The gold
of every document is what its written words support under RULES.md, never a tool's output.

Six families, one per kind of document fact of issue 12, each in wording the earlier
groups do not use: SMART-goal cards and a Goal | Objective | Measure | Target date grid;
group notes whose participation turns (engaged, then refusing; or the reverse) with
conditionals and other members' refusals that are not the member's; certification,
recertification and continued-stay requests with a physician attestation and a "history
of" diagnosis that is not the certifying one; signature blocks laid out many ways
(signature logs, "Authenticated by", "Signed (e-sig)", digital-signature stamps,
credentials on the next line, blank required lines, a guardian); risk conclusions from
C-SSRS screens, narrative formulations, history against current, and screening lines in
notes that are not risk assessments; and standardized scores over time in tables and
prose, with goal targets and item scores that are not measured totals.
Shared helpers: ``_common`` here and ``eval.docfacts.docfacts_dev._kit``.
"""
