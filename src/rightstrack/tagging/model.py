"""A trained tagger: embedder + method + per-label thresholds, implementing the Tagger port."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from . import store
from .embedders import get_embedder
from .evaluation import confidence, decide
from .methods import METHODS
from .ports import Suggestion
from .taxonomies import model_inputs


@dataclass
class TrainedModel:
    """Everything needed to tag texts of one taxonomy; `meta` holds version, thresholds and evaluation."""

    meta: dict
    method: object
    thresholds: np.ndarray = field(repr=False)

    @property
    def taxonomy(self) -> str:
        """The taxonomy's name."""
        return self.meta["taxonomy"]

    @property
    def version(self) -> str:
        """The stored version ("taxonomy/method@embedder/hash"), or ".../unsaved"."""
        # A model gets its content-hash version when saved; until then it says so.
        return self.meta.get("version", f"{self.taxonomy}/unsaved")

    @property
    def labels(self) -> list[str]:
        """Labels in score-column order."""
        return self.meta["labels"]

    def score(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Score matrix (texts x labels); pass `embeddings` to reuse vectors already computed."""
        texts = list(texts)
        if embeddings is None:
            inputs = model_inputs(self.meta.get("opening_words", 0), texts)
            embeddings = get_embedder(self.meta["embedder"]).embed(inputs)
        return self.method.scores(embeddings, texts)

    def decide(self, scores: np.ndarray) -> np.ndarray:
        """The predicted 0/1 label matrix for a score matrix, by this model's thresholds and decision rule."""
        synonyms = [[self.labels.index(label) for label in group] for group in self.meta.get("synonyms", [])]
        return decide(scores, self.thresholds, self.meta["single_label"], self.meta["min_labels"],
                      self.meta.get("margin"), synonyms, self.meta.get("near_top"), self.meta.get("max_labels"),
                      self.meta.get("top_up_by_score", False))

    def predict(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> list[list[Suggestion]]:
        """Suggestions per text, best first; `above_threshold` marks the predicted label set."""
        scores = self.score(texts, embeddings)
        chosen = self.decide(scores)
        sure = confidence(scores, self.thresholds, self.meta.get("confidence"))
        order = np.argsort(-scores, axis=1, kind="stable")
        # Python lists of each text's values, best first, rounded once: far cheaper than per-value NumPy calls.
        ranked = [np.take_along_axis(m, order, axis=1).tolist() for m in (scores, chosen, sure)]
        version, labels = self.version, self.labels
        return [[Suggestion(labels[i], round(score, 4), version, above, round(sure, 4))
                 for i, score, above, sure in zip(*row)]
                for row in zip(order.tolist(), *ranked)]

    def save(self, directory: Path) -> str:
        """Store this model under `directory` and return its version."""
        arrays, params = self.method.state()
        meta = {**self.meta, "method": self.method.name, "method_params": params,
                "thresholds": dict(zip(self.labels, map(float, self.thresholds)))}
        self.meta["version"] = store.save(Path(directory), meta, arrays)
        # A model gets its content-hash version when saved; until then it says so.
        return self.meta.get("version", f"{self.taxonomy}/unsaved")

    @classmethod
    def load(cls, directory: Path) -> "TrainedModel":
        """Read a stored model."""
        meta, arrays = store.load(Path(directory))
        method = METHODS[meta["method"]].load(arrays, meta["method_params"])
        thresholds = np.array([meta["thresholds"][label] for label in meta["labels"]], np.float32)
        return cls(meta, method, thresholds)
