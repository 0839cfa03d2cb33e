"""Held-out evaluation maths: per-label precision/recall/F1, micro and macro averages, threshold calibration.

Label sets are 0/1 matrices of shape (texts, labels); scores are float matrices of the same shape.
"""

from collections.abc import Sequence

import numpy as np


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; 0 where undefined."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def scores_report(truth: np.ndarray, predicted: np.ndarray, labels: list[str]) -> dict:
    """Per-label P/R/F1/support, micro and macro (over labels with support) averages, and exact-set accuracy."""
    truth, predicted = truth.astype(bool), predicted.astype(bool)
    tp = (truth & predicted).sum(axis=0)
    fp = (~truth & predicted).sum(axis=0)
    fn = (truth & ~predicted).sum(axis=0)
    per_label = {}
    for i, label in enumerate(labels):
        if truth[:, i].any() or predicted[:, i].any():
            p, r, f = _prf(tp[i], fp[i], fn[i])
            per_label[label] = {"precision": p, "recall": r, "f1": f, "support": int(truth[:, i].sum())}
    supported = [v for v in per_label.values() if v["support"]]
    micro = dict(zip(("precision", "recall", "f1"), _prf(tp.sum(), fp.sum(), fn.sum())))
    macro = {k: float(np.mean([v[k] for v in supported])) if supported else 0.0 for k in ("precision", "recall", "f1")}
    return {
        "n_texts": int(truth.shape[0]),
        "micro": micro,
        "macro": macro,
        "exact_match": float((truth == predicted).all(axis=1).mean()) if truth.shape[0] else 0.0,
        "per_label_accuracy": float((truth == predicted).mean()) if truth.size else 0.0,
        "per_label": per_label,
    }


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The threshold maximising F1 of `scores >= t` against boolean `truth`: midway between neighbouring scores."""
    values = np.unique(scores)
    candidates = np.concatenate([[values[0] - 1e-6], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-6]])
    best, best_f1 = float(candidates[-1]), -1.0
    for t in candidates:
        pred = scores >= t
        f1 = _prf(float((pred & truth).sum()), float((pred & ~truth).sum()), float((~pred & truth).sum()))[2]
        # Ties go to the higher threshold: fewer, surer suggestions for people to review.
        if f1 >= best_f1:
            best, best_f1 = float(t), f1
    return best


def calibrate_thresholds(scores: np.ndarray, truth: np.ndarray, min_positives: int = 3) -> np.ndarray:
    """Per-label F1-optimal thresholds; labels with fewer than `min_positives` get one shared threshold."""
    truth = truth.astype(bool)
    shared = best_threshold(scores.ravel(), truth.ravel())
    return np.array(
        [best_threshold(scores[:, i], truth[:, i]) if truth[:, i].sum() >= min_positives else shared
         for i in range(truth.shape[1])],
        dtype=np.float32,
    )


def calibrate_confidence(scores: np.ndarray, truth: np.ndarray, thresholds: np.ndarray) -> dict:
    """Platt scaling pooled over labels: (slope, offset) such that sigmoid(slope x (score - threshold) + offset)
    estimates the chance that a label is right, fitted on scores of texts the model did not learn from.

    Scores of different methods are on different scales (probabilities, centred cosines, blends of both); this
    puts every model's confidences on one 0-1 scale, so the review list can sort and filter them together."""
    from sklearn.linear_model import LogisticRegression

    truth = truth.astype(bool).ravel()
    if truth.all() or not truth.any():
        return background_confidence(scores, thresholds)
    margins = (scores - thresholds).reshape(-1, 1)
    scale = float(margins.std()) or 1.0  # fitted on a unit scale: C means the same whatever the scores' scale
    model = LogisticRegression(C=100.0).fit(margins / scale, truth)
    return {"slope": float(model.coef_[0, 0] / scale), "offset": float(model.intercept_[0]), "calibrated": True}


def background_confidence(scores: np.ndarray, thresholds: np.ndarray) -> dict:
    """Without labels: 0.5 at the threshold, and one standard deviation of the unlabelled texts' distances to
    it counts as a logit of 1. Not a probability: a 0-1 scale on which the labels' thresholds line up."""
    return {"slope": float(1.0 / max((scores - thresholds).std(), 1e-6)), "offset": 0.0, "calibrated": False}


def confidence(scores: np.ndarray, thresholds: np.ndarray, params: dict | None) -> np.ndarray:
    """Confidences in 0-1 for a score matrix (see `calibrate_confidence`); models stored before confidences
    were calibrated give their scores clipped to 0-1."""
    if not params:
        return np.clip(scores, 0.0, 1.0)
    return 1.0 / (1.0 + np.exp(-(params["slope"] * (scores - thresholds) + params["offset"])))


def decide(scores: np.ndarray, thresholds: np.ndarray, single_label: bool, min_labels: int,
           margin: float | None = None, synonyms: Sequence[Sequence[int]] = ()) -> np.ndarray:
    """The predicted 0/1 label matrix: argmax when single-label, else thresholds (and, given a `margin`, only
    labels scoring within it of the text's best), topping up to `min_labels`. Of each group of `synonyms` (label
    columns naming one subject, such as a UHRI theme's legacy and current names) a text keeps only its
    best-scoring predicted label."""
    if single_label:
        predicted = np.zeros(scores.shape, bool)
        predicted[np.arange(scores.shape[0]), scores.argmax(axis=1)] = True
        return predicted
    predicted = scores >= thresholds
    if margin is not None:
        predicted &= scores >= scores.max(axis=1, keepdims=True) - margin
    if min_labels:
        # Compare each score with its own threshold so top-ups favour labels nearest to passing.
        nearest = np.argsort(-(scores - thresholds), axis=1)[:, :min_labels]
        short = predicted.sum(axis=1) < min_labels
        for row in np.flatnonzero(short):
            predicted[row, nearest[row]] = True
    for group in synonyms:
        columns = np.asarray(group)
        several = np.flatnonzero(predicted[:, columns].sum(axis=1) > 1)
        rows = np.ix_(several, columns)
        best = columns[np.argmax(np.where(predicted[rows], scores[rows], -np.inf), axis=1)]
        predicted[rows] = False
        predicted[several, best] = True
    return predicted


def folds(n: int, k: int, seed: int = 0) -> list[np.ndarray]:
    """`k` disjoint test-index arrays covering range(n), shuffled with a fixed seed."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(part) for part in np.array_split(order, k)]
