"""Evaluation maths checked against hand-computed values."""

import numpy as np
import pytest

from rightstrack.tagging.evaluation import (background_confidence, best_threshold, calibrate_confidence,
                                            calibrate_thresholds, confidence, decide, folds, near_top_margin,
                                            scores_report)
from rightstrack.tagging.training import background_decision


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


def test_calibration_never_sets_a_threshold_that_no_held_out_positive_passes():
    rng = np.random.default_rng(3)
    truth = rng.random((200, 6)) < 0.3
    scores = (0.4 * truth + 0.6 * rng.random((200, 6))).astype(np.float32)  # positives tend to score higher
    truth[:, 4] = False
    truth[[5, 9], 4] = True  # a rare label whose two positives score low, under the shared threshold
    scores[[5, 9], 4] = [0.05, 0.02]
    truth[:, 5] = False  # no positive at all: the shared threshold
    thresholds = calibrate_thresholds(scores, truth)
    shared = best_threshold(scores.ravel(), truth.ravel())
    assert shared > 0.05
    for label in range(5):
        assert (scores[truth[:, label], label] >= thresholds[label]).any(), label
    assert thresholds[4] == pytest.approx(0.05) and thresholds[5] == pytest.approx(shared)


def test_decide_tops_up_to_min_labels_and_argmaxes_single_label():
    scores = np.array([[0.2, 0.6, 0.1], [0.9, 0.8, 0.1]])
    thresholds = np.array([0.5, 0.7, 0.5])
    assert decide(scores, thresholds, False, 0).tolist() == [[False, False, False], [True, True, False]]
    # Row 0: label 1 is nearest to its threshold (-0.1), so it is the top-up.
    assert decide(scores, thresholds, False, 1)[0].tolist() == [False, True, False]
    assert decide(scores, thresholds, True, 1).tolist() == [[False, True, False], [True, False, False]]


def test_top_up_by_score_takes_the_most_probable_label_not_the_one_with_the_lowest_threshold():
    scores = np.array([[0.01, 0.45, 0.30]])
    thresholds = np.array([0.02, 0.60, 0.50])
    assert decide(scores, thresholds, False, 1)[0].tolist() == [True, False, False]  # nearest: -0.01
    assert decide(scores, thresholds, False, 1, top_up_by_score=True)[0].tolist() == [False, True, False]


def test_folds_partition_the_rows_deterministically():
    parts = folds(10, 3)
    assert sorted(np.concatenate(parts).tolist()) == list(range(10))
    assert [p.tolist() for p in parts] == [p.tolist() for p in folds(10, 3)]


def test_a_margin_keeps_only_the_labels_near_each_texts_best():
    scores = np.array([[0.50, 0.48, 0.30, 0.45],
                       [0.20, 0.10, 0.05, 0.12]])
    thresholds = np.full(4, 0.25)
    assert decide(scores, thresholds, False, 0, margin=0.03).tolist() == [[True, True, False, False],
                                                                          [False, False, False, False]]
    # Topping up to one label still gives the second text its best label.
    assert decide(scores, thresholds, False, 1, margin=0.03)[1].tolist() == [True, False, False, False]


def test_of_synonymous_labels_a_text_keeps_only_its_best_scoring_one():
    scores = np.array([[0.90, 0.80, 0.70, 0.10],
                       [0.20, 0.95, 0.60, 0.00],
                       [0.90, 0.10, 0.10, 0.80]])
    thresholds = np.full(4, 0.5)
    assert decide(scores, thresholds, False, 0).tolist() == [[True, True, True, False], [False, True, True, False],
                                                             [True, False, False, True]]
    # Labels 0 and 1 name one subject (say a theme's legacy and current names); 2 and 3 are other subjects.
    assert decide(scores, thresholds, False, 0, synonyms=[[0, 1]]).tolist() == [
        [True, False, True, False], [False, True, True, False], [True, False, False, True]]


def test_background_decision_does_not_hold_back_the_labels_a_corpus_is_most_about():
    """In this background, label 0 is the best label of half the texts (a commission's corpus is mostly
    about a few subjects); labels 1-9 are each the best of a few. A threshold per label that fires on the same
    share of texts would set label 0's above most of its own texts; one threshold for all, with a margin
    to each text's best, predicts it where it is the text's clear best, and each part alone gives two
    labels per text on average."""
    rng = np.random.default_rng(0)
    background = rng.normal(0.0, 0.01, (200, 10))
    background[:100, 0] += 0.08
    background[np.arange(100, 200), rng.integers(1, 10, 100)] += 0.08
    threshold, margin = background_decision(background, per_text=2.0)
    assert (background >= threshold).sum(axis=1).mean() == pytest.approx(2.0, abs=0.01)
    gaps = background.max(axis=1, keepdims=True) - background
    assert (gaps <= margin).sum(axis=1).mean() == pytest.approx(2.0, abs=0.01)
    predicted = decide(background, np.full(10, threshold), False, 0, margin)
    best = background.argmax(axis=1)
    assert predicted[np.arange(200), best].mean() > 0.9
    assert predicted[:100, 0].mean() > 0.9
    per_label_share = np.quantile(background, 1 - 2.0 / 10, axis=0)
    assert (background[:100, 0] >= per_label_share[0]).mean() < 0.5  # what the rule it replaced did


def test_confidence_calibration_recovers_a_known_chance_of_being_right():
    rng = np.random.default_rng(1)
    scores = rng.normal(0.0, 0.05, (4000, 5))  # a score scale of its own, like centred cosines
    thresholds = np.array([0.0, 0.01, -0.02, 0.03, 0.0])
    chance = 1 / (1 + np.exp(-(60.0 * (scores - thresholds) - 1.0)))
    truth = rng.random(scores.shape) < chance
    params = calibrate_confidence(scores, truth, thresholds)
    assert params["calibrated"] and params["slope"] == pytest.approx(60.0, rel=0.1)
    assert params["offset"] == pytest.approx(-1.0, abs=0.15)
    assert np.abs(confidence(scores, thresholds, params) - chance).max() < 0.05


def test_without_labels_confidence_is_one_half_at_the_threshold_and_stays_within_0_and_1():
    scores = np.array([[0.02, 0.05, 0.30], [-0.4, 0.04, 0.01]])
    thresholds = np.array([0.02, 0.04, 0.01])
    params = background_confidence(scores, thresholds)
    sure = confidence(scores, thresholds, params)
    assert not params["calibrated"] and sure[0, 0] == pytest.approx(0.5) and sure[1, 1] == pytest.approx(0.5)
    assert ((sure > 0) & (sure < 1)).all() and sure[0, 2] > sure[0, 1] > sure[0, 0] > sure[1, 0]
    # A model stored before confidences were calibrated: its scores, clipped to 0-1.
    assert confidence(np.array([[1.9, 0.4, -0.1]]), np.zeros(3), None).tolist() == [[1.0, 0.4, 0.0]]


def test_near_top_gives_several_labels_capped_at_max_labels():
    scores = np.array([[0.90, 0.85, 0.84, 0.83, 0.10], [0.90, 0.20, 0.10, 0.05, 0.00]])
    thresholds = np.full(5, 2.0)  # no label passes its own threshold: presence comes from the near-top rule
    chosen = decide(scores, thresholds, False, 1, near_top=0.1, max_labels=3)
    assert chosen.tolist() == [[True, True, True, False, False], [True, False, False, False, False]]


def test_near_top_margin_matches_the_wanted_labels_per_text():
    rng = np.random.default_rng(0)
    scores = rng.random((400, 17))
    margin = near_top_margin(scores, per_text=2.0, max_labels=3)
    per_text = decide(scores, np.full(17, 9.0), False, 1, near_top=margin, max_labels=3).sum(axis=1)
    assert per_text.mean() == pytest.approx(2.0, abs=0.01)
    assert set(per_text) <= {1, 2, 3}
