"""Document-fact phrasing families of a sixth ``dev`` group (``docfacts_dev6``).

Written blind (session 18): the author read the harness (``eval/docfacts/model.py``,
``families.py``, ``score.py``), the five earlier dev groups as examples of the format (to
write in other layouts and wording), ``shared/spec/RULES.md`` and the policies, and nothing
under ``extract/``, ``rules/``, ``pipeline/``, ``prompts/``, ``ingest/``, ``retrieval/``,
``audit/``, ``workspace/``, the layout code or any held-out material. No extractor was run on
these charts. The gold of every document is what its written words support under RULES.md.

Six families, weighted toward the fields scored hardest: a treatment planner printed as
side-by-side Problem | Goal | Objective | Intervention | Target Date columns whose cells
wrap; a plan of care written as prose ("Client will ... as evidenced by ... within 6
weeks") with a draft left unsigned; certifications and recertifications in a physician's
own words closed by e-signature audit trails; group notes with participation check-boxes
and ratings that change over a stay, with screening lines and one full safety assessment;
risk documents on the SAFE-T model with history, hypotheticals and a family history that
"denies SI"; and authorizations as portal inquiry printouts and letters (units, days,
"valid through", a request approved in part).
Shared helpers: ``_six`` here and ``eval.docfacts.docfacts_dev._kit``.
"""
