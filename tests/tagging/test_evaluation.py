"""Evaluation maths checked against hand-computed values."""

import numpy as np
import pytest

from rightstrack.tagging.evaluation import best_threshold, calibrate_thresholds, decide, folds, scores_report


def test_it_computes_per_label_micro_and_macro_scores_by_hand():
    truth = np.array([[1, 0], [1, 1], [0, 1], [0, 0]])
    predicted = np.array([[1, 1], [0, 1], [0, 0], [0, 0]])
    report = scores_report(truth, predicted, ["a", "b"])
    # a: tp 1, fp 0, fn 1 -> P 1, R 0.5, F1 2/3.  b: tp 1, fp 1, fn 1 -> P R F1 0.5.
    assert report["per_label"]["a"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert report["per_label"]["b"]["f1"] == pytest.approx(0.5)
    # micro: tp 2, fp 1, fn 2 -> P 2/3, R 1/2, F1 4/7.
    assert report["micro"] == pytest.approx({"precision": 2 / 3, "recall": 0.5, "f1": 4 / 7})
    assert report["macro"]["f1"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert report["exact_match"] == pytest.approx(0.25)  # only the all-empty last row matches
    assert report["per_label_accuracy"] == pytest.approx(5 / 8)


def test_macro_average_ignores_labels_without_support():
    report = scores_report(np.array([[1, 0]]), np.array([[1, 1]]), ["a", "b"])
    assert report["per_label"]["b"]["support"] == 0
    assert report["macro"]["f1"] == pytest.approx(1.0)


def test_best_threshold_picks_the_f1_optimal_midpoint():
    scores = np.array([0.9, 0.8, 0.6, 0.3])
    truth = np.array([True, True, False, True])
    # Cut at 0.7 gives F1 0.8; at 0.2 (all positive) F1 6/7 is higher.
    assert best_threshold(scores, truth) == pytest.approx(0.3 - 1e-6)
    assert best_threshold(np.array([0.9, 0.8, 0.2]), np.array([True, True, False])) == pytest.approx(0.5)


def test_rare_labels_get_the_shared_threshold():
    scores = np.array([[0.9, 0.7], [0.8, 0.1], [0.2, 0.2], [0.1, 0.3]])
    truth = np.array([[1, 1], [1, 0], [0, 0], [0, 0]], bool)
    thresholds = calibrate_thresholds(scores, truth, min_positives=2)
    assert thresholds[0] == pytest.approx(0.5)
    assert thresholds[1] == pytest.approx(best_threshold(scores.ravel(), truth.ravel()))


def test_decide_tops_up_to_min_labels_and_argmaxes_single_label():
    scores = np.array([[0.2, 0.6, 0.1], [0.9, 0.8, 0.1]])
    thresholds = np.array([0.5, 0.7, 0.5])
    assert decide(scores, thresholds, False, 0).tolist() == [[False, False, False], [True, True, False]]
    # Row 0: label 1 is nearest to its threshold (-0.1), so it is the top-up.
    assert decide(scores, thresholds, False, 1)[0].tolist() == [False, True, False]
    assert decide(scores, thresholds, True, 1).tolist() == [[False, True, False], [True, False, False]]


def test_folds_partition_the_rows_deterministically():
    parts = folds(10, 3)
    assert sorted(np.concatenate(parts).tolist()) == list(range(10))
    assert [p.tolist() for p in parts] == [p.tolist() for p in folds(10, 3)]
