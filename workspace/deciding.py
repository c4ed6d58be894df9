"""The spans that decided a finding, apart from the rest of its evidence.

API (for ``app.py``)::

    from workspace.deciding import split_evidence

    deciding, supporting = split_evidence(finding)
    # show ``deciding`` first and open ("Deciding evidence"), ``supporting`` folded away

Rules put the spans a verdict rests on at the head of a finding's evidence and say how
many in ``values["deciding_evidence"]`` (rules/checks/base.py ``deciding_first``): for
weekly hours, the date and times of each session of the week judged; for an interval
(recertification), the two date lines. A finding without that value (every other rule, and
records written before it existed) has no deciding spans: all its evidence is supporting.
"""

from __future__ import annotations

from core.data import Evidence
from core.findings import Finding
from rules.checks.base import DECIDING_KEY


def split_evidence(finding: Finding) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
    """(deciding spans, the rest) of ``finding.evidence``, in the finding's order."""
    count = finding.values.get(DECIDING_KEY)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        count = 0
    count = min(count, len(finding.evidence))
    return finding.evidence[:count], finding.evidence[count:]
