"""A generality harness: IOP charts generated in many export styles with known gold.

See :mod:`eval.generality.model` (the types), :mod:`eval.generality.scenario` (what
happened), :mod:`eval.generality.families` (the style families and their generation) and
:mod:`eval.generality.gold` (what a correct reader finds).
"""
