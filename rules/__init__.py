"""The deterministic rule layer: policy packs as data, checks, and their evaluation.

Public API: :func:`load_pack`, :func:`available_packs`, :func:`evaluate`, and the result
type :class:`Evaluation`. Rules import ``core`` only (never extractors or ingest).
"""

from rules.engine import Evaluation, evaluate
from rules.pack import PolicyPack, available_packs, load_pack

__all__ = ["Evaluation", "PolicyPack", "available_packs", "evaluate", "load_pack"]
