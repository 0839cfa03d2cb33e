"""Offline taggers: suggest SDGs, SDG targets, UPR Info issues, action categories, UHRI themes and groups,
and treaty articles for texts, with per-label calibrated thresholds and stored held-out scores.

A plain library (not a Django app; the `rightstrack tag` command lives in `rightstrack.tagreview`), with no Django
imports. Other code calls:

- ``suggest(taxonomy, texts, model_path=None) -> list[list[Suggestion]]``: for each text, every label
  with its score, best first; ``Suggestion.above_threshold`` marks the predicted set, and
  ``Suggestion.model_version`` names the model that produced it.
- ``embed(texts) -> numpy.ndarray``: L2-normalised multilingual-e5-small vectors (n x 384, float32), so
  ``a @ b.T`` is cosine similarity; for the texts semantic search retrieves and duplicate detection compares.
- ``embed_queries(texts) -> numpy.ndarray``: the same for search queries (E5's query side).

See docs/tagging.md for the models, their measured quality and speed, and how to retrain.
"""

from .api import embed, embed_queries, suggest
from .ports import Suggestion

__all__ = ["embed", "embed_queries", "suggest", "Suggestion"]
