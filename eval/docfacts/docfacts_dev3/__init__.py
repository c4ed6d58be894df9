"""Document-fact phrasing families of a third ``dev`` group (``docfacts_dev3``).

Written blind: without reading the extractor (``extract/``, ``rules/``, ``pipeline/``,
``prompts/``), its tests or any held-out family (``eval/docfacts/docfacts_heldout/``). Only
the harness (``eval/docfacts/model.py``, ``families.py``, ``score.py``), the first two dev
groups (to write differently from them), ``shared/spec/RULES.md`` and the payer policies
were read. The gold of every document is what its written words support under RULES.md;
the figures first measured were not used to change the documents.

Four families, each another kind of provider or payer:

- ``f3-cmhc-weekly-course``: a community mental health center (a physician's statement
  of medical necessity, a recovery plan with Measured by / Target fields, one weekly
  progress summary per program week);
- ``f3-payer-portal-um``: a health plan's provider portal (authorization notices, a
  concurrent review submission, a partial or split extension decision);
- ``f3-measurement-flowsheet``: rating-scale flowsheets, nursing check-ins with scores in
  sentences, a Columbia-protocol risk flowsheet;
- ``f3-discharge-recert-letters``: a recertification letter, a SOAP medication follow-up
  with a safety assessment, a discharge summary telling the course week by week.

Participation is given extra weight: engagement is told week by week and day by day in
many wordings (``_phrases``), and the latest state changes from stay to stay. Deliberate
traps, whose gold says they are not the fact: a past suicide attempt as history, a
conditional step-up ("if symptoms worsen, consider ..."), a planned physical exam, goal
target and review dates, follow-up appointments (not document dates), score targets
("PHQ-9 below 10", a Target column, a PHQ-9 item answer), a requested or denied period
beside the approved one, and a guardian signature line on an adult's plan (not a required
line). They reuse the first group's helpers (``eval.docfacts.docfacts_dev._kit``).
"""
