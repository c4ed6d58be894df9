"""Document-fact phrasing families of a fourth ``dev`` group (``docfacts_dev4``).

Written blind: the author read the harness (``eval/docfacts/model.py``, ``families.py``,
``score.py``), the first two dev groups' families (to phrase differently from them),
``shared/spec/RULES.md`` and the payer policies, and nothing under ``extract/``,
``rules/``, ``pipeline/``, ``prompts/`` or any held-out family. The gold of every document
is what its written words support under RULES.md.

Four families, each another kind of organisation: a rural community mental-health center
whose EHR prints forms as boxed label/value grids with signature tables; a hospital-based
IOP with dictated certification letters and a care-plan module's problem / goal /
objective / intervention printout; a substance-use program with ASAM-dimension plans,
counselor and medical-director co-signatures, an e-signature envelope certificate and
addenda; and a payer's utilization-review packet (authorization table, approval and
adverse-determination letters, a peer-to-peer note and a continued-stay review form).
The weight is on signers, certification and continued-stay content, goals with their
objectives, authorization periods, dated scores, risk conclusions and lines that are *not*
the fact (history, conditionals, targets, template lines, the member's own signature).
Shared helpers: ``_tools`` here and ``eval.docfacts.docfacts_dev._kit``.
"""
