"""TF-IDF of hashed word and character n-grams with a linear model: the trained UPR Info taggers.

Features (no vocabulary to store: words and n-grams are hashed):
- word unigrams and bigrams, and character 3-5-grams within words, each block sublinear TF-IDF, L2-normalised;
- for the action category, an "opening" block: the first one, two and three words (after a leading "To"/"That"),
  since UPR Info's action category is set by the opening verbs ("Continue and strengthen" -> 4).

Only feature columns seen in at least `MIN_DF` training texts are kept; coefficients are stored as int8 with one
scale per label, so a model over 37,000 recommendations takes a few MB (docs/tagging.md, "Package size").
"""

import re
from itertools import islice

import numpy as np

from . import hashing

HASH_BITS = 19
MIN_DF = 2
ALPHA = 2e-6
EPOCHS = 15
_OPENING = re.compile(r"^\s*(?:to|that)\s+", re.IGNORECASE)
_WORDS = re.compile(r"\w+", re.UNICODE)


def opening_tokens(text: str) -> list[str]:
    """"o1:continue", "o2:continue and", "o3:continue and strengthen" for the text's first words."""
    words = _WORDS.findall(_OPENING.sub("", text.lower()))
    return [f"o{n}:{' '.join(islice(words, n))}" for n in (1, 2, 3) if len(words) >= n]


def _counts(texts: list[str], opening: bool) -> list[hashing.Counts]:
    """Hashed counts of each feature block (`hashing`, as scikit-learn's `HashingVectorizer` would count)."""
    blocks = [hashing.word_counts(texts, HASH_BITS), hashing.char_counts(texts, HASH_BITS)]
    if opening:
        blocks.append(hashing.token_counts([opening_tokens(text) for text in texts], HASH_BITS))
    return blocks


class TextFeatures:
    """Hashed n-gram TF-IDF blocks over the columns seen in training."""

    def __init__(self, opening: bool, columns: list[np.ndarray] | None = None, idf: list[np.ndarray] | None = None):
        self.opening, self.columns, self.idf = opening, columns or [], idf or []
        self._positions = None

    def fit(self, texts: list[str]) -> "TextFeatures":
        """Keep the columns seen in `MIN_DF` texts and their smoothed IDF (as scikit-learn's TfidfTransformer)."""
        self.columns, self.idf, self._positions = [], [], None
        for _, columns, _ in _counts(texts, self.opening):
            df = np.bincount(columns, minlength=2 ** HASH_BITS)
            kept = np.flatnonzero(df >= MIN_DF).astype(np.int32)
            self.columns.append(kept)
            self.idf.append((np.log((1 + len(texts)) / (1 + df[kept])) + 1).astype(np.float32))
        return self

    @property
    def dim(self) -> int:
        """Number of feature columns."""
        return sum(len(c) for c in self.columns)

    def positions(self) -> list[np.ndarray]:
        """Per block, the position among the kept columns of each hashed column (-1 where it was not kept)."""
        if self._positions is None:
            self._positions = []
            for kept in self.columns:
                position = np.full(2 ** HASH_BITS, -1, np.int32)
                position[kept] = np.arange(len(kept), dtype=np.int32)
                self._positions.append(position)
        return self._positions

    def entries(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, feature indices, values) of the TF-IDF matrix, sorted by row within each block: sublinear TF
        times IDF, each block L2-normalised per row, blocks side by side."""
        out, offset = [], 0
        for (rows, columns, counts), position, idf in zip(_counts(texts, self.opening), self.positions(), self.idf):
            index = position[columns]
            seen = index >= 0
            rows, index = rows[seen], index[seen]
            values = (1 + np.log(counts[seen])).astype(np.float32) * idf[index]
            norms = np.sqrt(np.bincount(rows, values * values, minlength=len(texts))).astype(np.float32)
            out.append((rows, index + offset, values / norms[rows]))
            offset += len(idf)
        return tuple(np.concatenate(parts) for parts in zip(*out))

    def transform(self, texts: list[str]):
        """The TF-IDF matrix (`entries`) as a SciPy CSR matrix, for training."""
        import scipy.sparse as sp

        rows, index, values = self.entries(texts)
        return sp.csr_matrix((values, (rows, index)), shape=(len(texts), self.dim), dtype=np.float32)

    def state(self) -> dict:
        """Arrays to store."""
        out = {}
        for i, (kept, idf) in enumerate(zip(self.columns, self.idf)):
            out[f"columns{i}"], out[f"idf{i}"] = kept, idf.astype(np.float16)
        return out

    @classmethod
    def load(cls, arrays: dict, opening: bool) -> "TextFeatures":
        """Rebuild from stored arrays."""
        n = 3 if opening else 2
        return cls(opening, [arrays[f"columns{i}"] for i in range(n)],
                   [arrays[f"idf{i}"].astype(np.float32) for i in range(n)])


def quantise(coef: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 coefficients and one float scale per row: coef ~= q * scale[:, None]."""
    scale = np.maximum(np.abs(coef).max(axis=1), 1e-12) / 127.0
    return np.round(coef / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def fit_logistic(matrix, y: np.ndarray, single_label: bool, alpha: float = ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """(coef, intercept) of logistic regression by stochastic gradient descent (scikit-learn's SGDClassifier, log
    loss, L2 penalty `alpha`, fixed seed, so the same rows give the same weights): one-vs-rest per label, or one
    multinomial-like one-vs-rest set when `single_label` (scores are then normalised by softmax). SGD fits the
    54 issues on 37,000 texts in seconds where liblinear took minutes on the shared 2-core machine."""
    from sklearn.linear_model import SGDClassifier

    y = np.asarray(y).astype(bool)
    n_labels = y.shape[1]
    coef = np.zeros((n_labels, matrix.shape[1]), np.float32)
    intercept = np.full(n_labels, -10.0, np.float32)
    for i in range(n_labels):
        if 0 < y[:, i].sum() < len(y):
            model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=EPOCHS, tol=None, random_state=0)
            model.fit(matrix, y[:, i])
            coef[i], intercept[i] = model.coef_[0], model.intercept_[0]
    return coef, intercept


class TfidfLinear:
    """Logistic regression on `TextFeatures` (`fit_logistic`); softmax over labels when single-label.

    The embeddings passed to `fit`/`scores` are ignored: it reads the texts. Probabilities out."""

    name = "tfidf-linear"

    def __init__(self, n_labels: int, single_label: bool, alpha: float = ALPHA):
        self.n_labels, self.single_label, self.alpha = n_labels, single_label, alpha
        self.features = TextFeatures(opening=single_label)
        self.coef = np.zeros((n_labels, 0), np.float32)
        self.intercept = np.full(n_labels, -10.0, np.float32)
        self._weights = (None, None)  # (coef, coef transposed: one row per feature) for `logits`

    def fit(self, x, y: np.ndarray, texts: list[str]) -> "TfidfLinear":
        """Fit the features and the regression (deterministic: fixed seeds)."""
        matrix = self.features.fit(list(texts)).transform(list(texts))
        self.coef, self.intercept = fit_logistic(matrix, y, self.single_label, self.alpha)
        return self

    def scores(self, x, texts: list[str]) -> np.ndarray:
        """Probabilities: softmax when single-label, else independent sigmoids."""
        logits = self.logits(list(texts))
        if self.single_label:
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
        return (1 / (1 + np.exp(-logits))).astype(np.float32)

    def logits(self, texts: list[str]) -> np.ndarray:
        """Linear scores (texts x labels) from the TF-IDF entries, in NumPy (no sparse-matrix library to load)."""
        rows, index, values = self.features.entries(texts)
        order = np.argsort(rows, kind="stable")
        rows, index, values = rows[order], index[order], values[order]
        if self._weights[0] is not self.coef:
            self._weights = (self.coef, np.ascontiguousarray(self.coef.T))
        weights = self._weights[1]
        logits = np.tile(self.intercept, (len(texts), 1))
        # One small product per text: about ten times faster than one gather of every entry's weights.
        bounds = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1], True]) if len(rows) else []
        for start, end in zip(bounds[:-1], bounds[1:]):
            logits[rows[start]] += values[start:end] @ weights[index[start:end]]
        return logits

    def state(self) -> tuple[dict, dict]:
        """(arrays, params) to store: int8 coefficients with per-label scales."""
        q, scale = quantise(self.coef)
        arrays = {"coef_q": q, "coef_scale": scale, "intercept": self.intercept, **self.features.state()}
        return arrays, {"n_labels": self.n_labels, "single_label": self.single_label, "alpha": self.alpha,
                        "hash_bits": HASH_BITS}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "TfidfLinear":
        """Rebuild from stored state."""
        if params.get("hash_bits") != HASH_BITS:
            raise ValueError(f"model hashes into 2^{params.get('hash_bits')} columns, this code into 2^{HASH_BITS}")
        method = cls(params["n_labels"], params["single_label"], params["alpha"])
        method.features = TextFeatures.load(arrays, params["single_label"])
        method.coef = arrays["coef_q"].astype(np.float32) * arrays["coef_scale"][:, None]
        method.intercept = arrays["intercept"].astype(np.float32)
        return method
