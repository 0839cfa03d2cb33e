"""Held-out evaluation maths: per-label precision/recall/F1, micro and macro averages, threshold calibration.

Label sets are 0/1 matrices of shape (texts, labels); scores are float matrices of the same shape.
"""

from collections.abc import Sequence

import numpy as np


def scores_report(truth: np.ndarray, predicted: np.ndarray, labels: list[str]) -> dict:
    """Per-label P/R/F1/support, micro and macro (over labels with support) averages, and exact-set accuracy,
    by scikit-learn's `precision_recall_fscore_support`."""
    from sklearn.metrics import precision_recall_fscore_support

    truth, predicted = truth.astype(bool), predicted.astype(bool)
    if not truth.shape[0]:
        zero = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
        return {"n_texts": 0, "micro": zero, "macro": zero, "exact_match": 0.0, "per_label_accuracy": 0.0,
                "per_label": {}}
    p, r, f, support = precision_recall_fscore_support(truth, predicted, average=None, zero_division=0)
    per_label = {label: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(support[i])}
                 for i, label in enumerate(labels) if truth[:, i].any() or predicted[:, i].any()}
    micro_prf = precision_recall_fscore_support(truth, predicted, average="micro", zero_division=0)[:3]
    micro = dict(zip(("precision", "recall", "f1"), map(float, micro_prf)))
    supported = support > 0
    macro = {k: float(v[supported].mean()) if supported.any() else 0.0 for k, v in zip(("precision", "recall", "f1"),
                                                                                        (p, r, f))}
    return {
        "n_texts": int(truth.shape[0]),
        "micro": micro,
        "macro": macro,
        "exact_match": float((truth == predicted).all(axis=1).mean()),
        "per_label_accuracy": float((truth == predicted).mean()),
        "per_label": per_label,
    }


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The threshold maximising F1 of `scores >= t` against boolean `truth` (scikit-learn's precision-recall
    curve), placed midway between the chosen score and the next lower one."""
    from sklearn.metrics import precision_recall_curve

    values = np.unique(scores)
    if not truth.any():
        return float(values[-1] + 1e-6)
    precision, recall, cuts = precision_recall_curve(truth, scores, drop_intermediate=False)
    precision, recall = precision[:-1], recall[:-1]
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros_like(precision),
                   where=precision + recall > 0)
    # Ties go to the higher threshold: fewer, surer suggestions for people to review.
    chosen = cuts[len(f1) - 1 - int(np.argmax(f1[::-1]))]
    below = values[values < chosen]
    return float((below[-1] + chosen) / 2 if len(below) else chosen - 1e-6)


def calibrate_thresholds(scores: np.ndarray, truth: np.ndarray, min_positives: int = 3) -> np.ndarray:
    """Per-label F1-optimal thresholds; labels with fewer than `min_positives` get one shared threshold, lowered
    where needed so that the label's best-scoring calibration positive passes it (a threshold that none of a
    label's held-out positives reach would never suggest the label)."""
    truth = truth.astype(bool)
    shared = best_threshold(scores.ravel(), truth.ravel())
    out = []
    for i in range(truth.shape[1]):
        positives = scores[truth[:, i], i]
        if len(positives) >= min_positives:
            out.append(best_threshold(scores[:, i], truth[:, i]))
        else:
            out.append(min(shared, float(positives.max())) if len(positives) else shared)
    return np.array(out, dtype=np.float32)


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
           margin: float | None = None, synonyms: Sequence[Sequence[int]] = (),
           near_top: float | None = None, max_labels: int | None = None,
           top_up_by_score: bool = False) -> np.ndarray:
    """The predicted 0/1 label matrix: argmax when single-label, else thresholds (and, given a `margin`, only
    labels scoring within it of the text's best), topping up to `min_labels` with the labels nearest to passing
    their thresholds, or with the best-scoring ones if `top_up_by_score` (for probabilities: nearness in
    probability favours the labels with the lowest thresholds, which are rarely right). Of each group of `synonyms` (label
    columns naming one subject, such as a UHRI theme's legacy and current names) a text keeps only its
    best-scoring predicted label. With `near_top`, a label is also predicted when it scores within `near_top` of the
    text's best label; `max_labels` keeps at most that many, the best-scoring."""
    if single_label:
        predicted = np.zeros(scores.shape, bool)
        predicted[np.arange(scores.shape[0]), scores.argmax(axis=1)] = True
        return predicted
    predicted = scores >= thresholds
    if margin is not None:
        predicted &= scores >= scores.max(axis=1, keepdims=True) - margin
    if near_top is not None:  # presence per label: also every label scoring within `near_top` of the text's best
        predicted |= scores >= scores.max(axis=1, keepdims=True) - near_top
    if max_labels:
        keep = np.zeros(scores.shape, bool)
        np.put_along_axis(keep, np.argsort(-scores, axis=1, kind="stable")[:, :max_labels], True, axis=1)
        predicted &= keep
    if min_labels:
        nearest = np.argsort(-(scores if top_up_by_score else scores - thresholds), axis=1)[:, :min_labels]
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


def near_top_margin(scores: np.ndarray, per_text: float, max_labels: int) -> float:
    """The `near_top` margin with which unlabelled texts' scores (texts x labels) get `per_text` labels on average,
    the best label included and at most `max_labels` (see `decide`)."""
    ordered = -np.sort(-scores, axis=1)[:, :max_labels]
    gaps = np.sort((ordered[:, :1] - ordered[:, 1:]).ravel())
    extra = int(round((per_text - 1) * scores.shape[0]))  # labels beyond each text's best
    if extra <= 0:
        return 0.0
    return float(gaps[min(extra, len(gaps)) - 1])


def folds(n: int, k: int, seed: int = 0) -> list[np.ndarray]:
    """`k` disjoint test-index arrays covering range(n), shuffled with a fixed seed (scikit-learn's KFold)."""
    from sklearn.model_selection import KFold

    return [np.sort(test) for _, test in KFold(k, shuffle=True, random_state=seed).split(np.zeros((n, 1)))]
