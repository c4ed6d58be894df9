"""Policy retrieval: "ask the policy" and related passages for findings.

The passages are those of :mod:`rules.passages` (stable ids, offsets, sections), less the
ones that answer no question (bibliography, reference lists, link-only lines, one-line
fragments: :func:`retrieval.corpus.skip_reason`). They are indexed in a persistent chroma
collection with local all-MiniLM-L6-v2 embeddings (dense) and searched together with BM25
(lexical); the two scores are scaled and averaged (:func:`retrieval.search.fuse_scores`).
:meth:`retrieval.search.PolicySearch.ask` says "nothing relevant" below a similarity floor.

Importing this package, or :mod:`retrieval.related` (the part a review uses), loads no
model and no vector store: :mod:`retrieval.index`, :mod:`retrieval.search` and
:mod:`retrieval.embedding` do that, lazily, and only the ``chartreview policy`` commands
use them. A review reads the related passages that were precomputed when the index was
built (``retrieval/data/related/<pack>.json``).

:mod:`retrieval.warm` loads all of it ahead of the first question (``chartreview
workspace`` does, in the server process, before it serves), so that the first search is
as fast as later ones.
"""
