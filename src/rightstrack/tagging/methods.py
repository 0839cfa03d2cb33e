"""Tagging methods over embeddings: zero-shot from label descriptions, a light linear model, verb rules.

Each method maps (embeddings, texts) to a score matrix (texts x labels) and saves itself as arrays + params.
"""

import re
from itertools import pairwise

import numpy as np

from .rules import rule_category
from .sparse import TfidfLinear

_WORD = re.compile(r"\w+", re.UNICODE)


def centred_max(sims: np.ndarray, owner: np.ndarray, n_labels: int) -> np.ndarray:
    """Per label, the max of `sims` over the label's prototype columns, centred on each row's mean."""
    out = np.full((sims.shape[0], n_labels), -1.0, np.float32)
    np.maximum.at(out.T, owner, sims.T)
    return out - out.mean(axis=1, keepdims=True)


class ZeroShot:
    """Score of a label = highest cosine between the text and any of the label's description texts."""

    name = "zero-shot"

    def __init__(self, prototypes: np.ndarray, owner: np.ndarray, n_labels: int):
        self.prototypes, self.owner, self.n_labels = prototypes.astype(np.float32), owner.astype(np.int32), n_labels

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "ZeroShot":
        """Nothing to learn: the label descriptions are the model."""
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """Max cosine per label, minus the text's mean over labels.

        E5 cosines are compressed (about 0.7-0.9) and share a per-text offset; centring removes it.
        """
        return centred_max(x @ self.prototypes.T, self.owner, self.n_labels)

    def state(self) -> tuple[dict, dict]:
        """(arrays, params) to store."""
        return {"prototypes": self.prototypes.astype(np.float16), "owner": self.owner}, {"n_labels": self.n_labels}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "ZeroShot":
        """Rebuild from stored state."""
        return cls(arrays["prototypes"], arrays["owner"], params["n_labels"])


class Linear:
    """Logistic regression on embeddings (one-vs-rest, or multinomial when single-label).

    Label descriptions are added as extra positive examples so labels unseen in training still score.
    """

    name = "linear"

    def __init__(self, prototypes: np.ndarray, owner: np.ndarray, n_labels: int, single_label: bool, c: float = 4.0):
        self.prototypes, self.owner, self.n_labels = prototypes, owner, n_labels
        self.single_label, self.c = single_label, c
        self.coef = np.zeros((n_labels, prototypes.shape[1]), np.float32)
        self.intercept = np.full(n_labels, -10.0, np.float32)

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "Linear":
        """Fit on the examples plus the label descriptions."""
        from sklearn.linear_model import LogisticRegression

        proto_y = np.zeros((len(self.owner), self.n_labels), bool)
        proto_y[np.arange(len(self.owner)), self.owner] = True
        xs, ys = np.vstack([x, self.prototypes]), np.vstack([y.astype(bool), proto_y])
        if self.single_label:
            model = LogisticRegression(C=self.c, max_iter=2000).fit(xs, ys.argmax(axis=1))
            self.coef[model.classes_], self.intercept[model.classes_] = model.coef_, model.intercept_
            if len(model.classes_) == 2:  # sklearn stores one row for two classes
                self.coef[model.classes_] = np.vstack([-model.coef_, model.coef_]) / 2
                self.intercept[model.classes_] = np.array([-1, 1]) * model.intercept_ / 2
            return self
        for i in range(self.n_labels):
            if 0 < ys[:, i].sum() < len(ys):
                model = LogisticRegression(C=self.c, class_weight="balanced", solver="liblinear").fit(xs, ys[:, i])
                self.coef[i], self.intercept[i] = model.coef_[0], model.intercept_[0]
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """Probabilities: softmax when single-label, else independent sigmoids."""
        logits = x @ self.coef.T + self.intercept
        if self.single_label:
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
        return (1 / (1 + np.exp(-logits))).astype(np.float32)

    def state(self) -> tuple[dict, dict]:
        """(arrays, params) to store; the description embeddings are not needed after fitting."""
        return {"coef": self.coef, "intercept": self.intercept}, {
            "n_labels": self.n_labels, "single_label": self.single_label, "c": self.c}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "Linear":
        """Rebuild from stored state."""
        method = cls(np.zeros((0, arrays["coef"].shape[1]), np.float32), np.zeros(0, np.int32),
                     params["n_labels"], params["single_label"], params["c"])
        method.coef, method.intercept = arrays["coef"].astype(np.float32), arrays["intercept"].astype(np.float32)
        return method


def stems(text: str, length: int = 6) -> list[str]:
    """Lower-case word stems (words cut to `length` letters) and stem bigrams: "children's rights" and
    "child rights" share "child"-level features without a language-specific stemmer."""
    words = [w[:length] for w in _WORD.findall(text.lower()) if len(w) > 2]
    return words + [a + " " + b for a, b in pairwise(words)]


class Lexical:
    """One-vs-rest logistic regression on TF-IDF of word stems, with label descriptions as extra examples.

    Embeddings blur rare, decisive words ("Paris Principles", "libel"); this part sees them. It knows only
    the training texts' language, so it is meant as one part of a blend, not alone.
    """

    name = "lexical"

    def __init__(self, descriptions: list[str], owner: np.ndarray, n_labels: int, c: float = 10.0):
        self.descriptions, self.owner, self.n_labels, self.c = descriptions, owner, n_labels, c
        self.vocabulary: list[str] = []
        self.idf = np.zeros(0, np.float32)
        self.coef = np.zeros((n_labels, 0), np.float32)
        self.intercept = np.full(n_labels, -10.0, np.float32)

    def _features(self, texts: list[str]):
        """Sublinear TF-IDF rows, L2-normalised, over the fitted vocabulary."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        counts = CountVectorizer(analyzer=stems, vocabulary=self.vocabulary).transform(texts).astype(np.float64)
        counts.data = 1 + np.log(counts.data)
        return normalize(counts.multiply(self.idf).tocsr())

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "Lexical":
        """Fit TF-IDF and one logistic regression per label on the texts plus the descriptions."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        proto_y = np.zeros((len(self.owner), self.n_labels), bool)
        proto_y[np.arange(len(self.owner)), self.owner] = True
        all_texts, ys = list(texts) + list(self.descriptions), np.vstack([y.astype(bool), proto_y])
        vectorizer = TfidfVectorizer(analyzer=stems, sublinear_tf=True).fit(all_texts)
        self.vocabulary = list(vectorizer.get_feature_names_out())
        self.idf = vectorizer.idf_
        features = self._features(all_texts)
        self.coef = np.zeros((self.n_labels, len(self.vocabulary)), np.float32)
        self.intercept = np.full(self.n_labels, -10.0, np.float32)
        for i in range(self.n_labels):
            if 0 < ys[:, i].sum() < len(ys):
                model = LogisticRegression(C=self.c, class_weight="balanced", solver="liblinear")
                model.fit(features, ys[:, i])
                self.coef[i], self.intercept[i] = model.coef_[0], model.intercept_[0]
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """Independent sigmoid probabilities per label."""
        logits = np.asarray(self._features(list(texts)) @ self.coef.T) + self.intercept
        return (1 / (1 + np.exp(-logits))).astype(np.float32)

    def state(self) -> tuple[dict, dict]:
        """(arrays, params) to store: the vocabulary goes into the params, weights as float16."""
        arrays = {"coef": self.coef.astype(np.float16), "intercept": self.intercept, "idf": self.idf.astype(np.float32)}
        return arrays, {"vocabulary": self.vocabulary, "c": self.c, "n_labels": self.n_labels}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "Lexical":
        """Rebuild from stored state."""
        method = cls([], np.zeros(0, np.int32), params["n_labels"], params["c"])
        method.vocabulary, method.idf = params["vocabulary"], arrays["idf"].astype(np.float64)
        method.coef, method.intercept = arrays["coef"].astype(np.float32), arrays["intercept"].astype(np.float32)
        return method


class LinearPlusZeroShot:
    """Multi-label blend: linear probabilities plus `weight` x the centred zero-shot score.

    With few examples per label the description similarity is a useful prior. The constants (C=16,
    weight 10) were chosen by cross-validation on cycle-1 UPR issues, so its figure there is optimistic.
    """

    name = "linear+zero-shot"

    def __init__(self, linear: Linear, zero_shot: ZeroShot, weight: float = 10.0):
        self.linear, self.zero_shot, self.weight = linear, zero_shot, weight

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "LinearPlusZeroShot":
        """Fit the linear part; the zero-shot part needs no fitting."""
        self.linear.fit(x, y, texts)
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """The blended score."""
        return self.linear.scores(x, texts) + self.weight * self.zero_shot.scores(x, texts)

    def state(self) -> tuple[dict, dict]:
        """(arrays, params) of both parts."""
        (linear_arrays, linear_params), (zs_arrays, _) = self.linear.state(), self.zero_shot.state()
        return {**linear_arrays, **zs_arrays}, {**linear_params, "weight": self.weight}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "LinearPlusZeroShot":
        """Rebuild from stored state."""
        return cls(Linear.load(arrays, params), ZeroShot.load(arrays, params), params["weight"])


class RulesThenLinear:
    """Action categories: UPR Info's verb rule where an opening verb is known, the linear model elsewhere."""

    name = "rules+linear"

    def __init__(self, linear: Linear, labels: list[str]):
        self.linear, self.labels = linear, labels

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "RulesThenLinear":
        """Fit the linear part on all examples."""
        self.linear.fit(x, y, texts)
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """Linear probabilities; where a rule fires, its category gets half the mass so it always ranks first."""
        out = self.linear.scores(x, texts)
        for row, text in enumerate(texts):
            category = rule_category(text)
            if category in self.labels:
                out[row] *= 0.5
                out[row, self.labels.index(category)] += 0.5
        return out

    def state(self) -> tuple[dict, dict]:
        """(arrays, params) of the linear part plus the label order the rules map onto."""
        arrays, params = self.linear.state()
        return arrays, {**params, "labels": self.labels}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "RulesThenLinear":
        """Rebuild from stored state."""
        return cls(Linear.load(arrays, params), params["labels"])


class Blend:
    """Weighted sum of several methods' scores, e.g. linear + 10 x zero-shot + lexical.

    Embedding parts carry meaning across wordings and languages; the lexical part carries the rare,
    decisive words. Its name lists its parts ("linear+zero-shot+lexical").
    """

    def __init__(self, parts: dict[str, object], weights: dict[str, float]):
        self.parts, self.weights = parts, weights
        self.name = "+".join(parts)

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "Blend":
        """Fit every part."""
        for part in self.parts.values():
            part.fit(x, y, texts)
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """The weighted sum of the parts' scores."""
        return sum(self.weights[key] * part.scores(x, texts) for key, part in self.parts.items())

    def state(self) -> tuple[dict, dict]:
        """Each part's arrays under "part__name", its params under "parts"."""
        arrays, params = {}, {}
        for key, part in self.parts.items():
            part_arrays, params[key] = part.state()
            arrays.update({f"{key}__{name}": value for name, value in part_arrays.items()})
        return arrays, {"parts": params, "weights": self.weights}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "Blend":
        """Rebuild every part from its stored state."""
        parts = {}
        for key, part_params in params["parts"].items():
            prefix = f"{key}__"
            part_arrays = {name[len(prefix):]: value for name, value in arrays.items() if name.startswith(prefix)}
            parts[key] = METHODS[key].load(part_arrays, part_params)
        return cls(parts, params["weights"])


class Shipped:
    """A shipped default model's method, kept as it is: fitting on an organisation's few accepted tags leaves it
    unchanged (only the thresholds are calibrated again), so learning from accepted tags starts from the default
    trained on 37,000 coded recommendations rather than from nothing. Blended with a linear model on the accepted
    tags, the latter adds what the organisation does differently."""

    name = "shipped"

    def __init__(self, inner):
        self.inner = inner

    def fit(self, x: np.ndarray, y: np.ndarray, texts: list[str]) -> "Shipped":
        """Nothing to learn: the shipped weights stay."""
        return self

    def scores(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        """The shipped model's scores (it reads the texts, not the embeddings)."""
        return self.inner.scores(np.zeros((len(texts), 0), np.float32), texts)

    def state(self) -> tuple[dict, dict]:
        """The inner method's state, and its name."""
        arrays, params = self.inner.state()
        return arrays, {"inner": self.inner.name, "inner_params": params}

    @classmethod
    def load(cls, arrays: dict, params: dict) -> "Shipped":
        """Rebuild from stored state."""
        return cls(METHODS[params["inner"]].load(arrays, params["inner_params"]))


METHODS = {m.name: m for m in (ZeroShot, Linear, Lexical, LinearPlusZeroShot, RulesThenLinear, TfidfLinear, Shipped)}
METHODS.update({name: Blend for name in ("linear+zero-shot+lexical", "zero-shot+lexical", "shipped+linear")})
