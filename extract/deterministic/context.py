"""Clinical context of a mention: negated, hypothetical or historical.

Uses negspacy's NegEx implementation (trigger terms with a scope up to a termination term or
the end of the sentence) on a blank spaCy English tokenizer with a rule-based sentencizer:
no statistical model, nothing downloaded. Three NegEx components run, one per context, each
with its termset from ``context.yaml`` (negation extends negspacy's ``en_clinical`` set).

"denies SI/HI, no plan or intent" -> SI, HI, plan and intent are all negated;
"If SI returns, call the crisis line" -> SI is hypothetical;
"History of SI in 2019" -> SI is historical.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core.data import Frozen
from core.errors import ExtractionError
from core.textcache import text_cache
from core.yamlio import load_model

CONTEXT_PATH = Path(__file__).with_name("context.yaml")


class _Termset(Frozen):
    pseudo_negations: list[str]
    preceding_negations: list[str]
    following_negations: list[str]
    termination: list[str]


class _ContextConfig(Frozen):
    negation: _Termset
    hypothetical: _Termset
    historical: _Termset


@dataclass(frozen=True, slots=True)
class Context:
    negated: bool
    hypothetical: bool
    historical: bool

    @property
    def current_and_affirmed(self) -> bool:
        return not (self.negated or self.hypothetical or self.historical)


_LOCK = threading.Lock()


def _import_thinc_without_torch() -> None:
    """Import spaCy's ML library, thinc, without letting it import torch.

    thinc imports torch at import time whenever torch is installed (it is, for the policy
    retrieval embeddings), which adds about 2 s to every review although no torch model
    runs here: the pipeline is a blank tokenizer with rule-based components. So torch is
    hidden while thinc is first imported (thinc then records that it has no torch) and
    visible again right after, for code that needs it (``chartreview policy ...``).
    Nothing happens if thinc or torch is already imported. Called with ``_LOCK`` held.
    """
    if "thinc.compat" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["torch"]


@cache
def _pipeline() -> Any:
    """Build the spaCy pipeline once (about a second on first use)."""
    _import_thinc_without_torch()
    import spacy
    from negspacy.negation import Negex  # noqa: F401  (registers the "negex" factory)
    from negspacy.termsets import termset

    cfg = load_model(CONTEXT_PATH, _ContextConfig, "context termsets", ExtractionError)
    base: dict[str, list[str]] = termset("en_clinical").get_patterns()  # type: ignore[no-untyped-call]
    negation = {k: sorted({*base[k], *getattr(cfg.negation, k)}) for k in base}
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    common: dict[str, list[str]] = {"chunk_prefix": [], "ent_types": []}
    nlp.add_pipe("negex", name="negation", config={"neg_termset": negation, **common})
    for name in ("hypothetical", "historical"):
        ts = getattr(cfg, name).model_dump()
        nlp.add_pipe(
            "negex", name=name, config={"neg_termset": ts, "extension_name": name, **common}
        )
    return nlp


def assess(text: str, targets: Sequence[tuple[int, int]]) -> list[Context]:
    """The context of each target span ``text[start:end]``.

    ``text`` should be a sentence or a line (the scope of a trigger never crosses a sentence
    boundary). Targets that do not align with token boundaries are widened to the tokens
    that cover them. Results are remembered: templated notes repeat their sentences
    ("Denies SI/HI, no plan or intent.") from page to page and document to document.
    """
    if not targets:
        return []
    return list(_assess(text, tuple((s, e) for s, e in targets)))


@text_cache(maxsize=4096)
def _assess(text: str, targets: tuple[tuple[int, int], ...]) -> tuple[Context, ...]:
    with _LOCK:
        nlp = _pipeline()
        doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
        spans = [doc.char_span(s, e, label="TARGET", alignment_mode="expand") for s, e in targets]
        if any(sp is None for sp in spans):
            raise ExtractionError("a context target does not fall inside the text")
        # Overlapping targets are judged one at a time (spaCy entities may not overlap).
        out: list[Context] = []
        for sp in spans:
            doc.ents = [sp]
            for name in ("negation", "hypothetical", "historical"):
                doc = nlp.get_pipe(name)(doc)
            ent = doc.ents[0]
            out.append(Context(ent._.negex, ent._.hypothetical, ent._.historical))
        return tuple(out)
