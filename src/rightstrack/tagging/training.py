"""Fitting, calibrating, comparing and evaluating taggers; no Django here.

`train` compares cheap and heavy methods by nested cross-validation (outer folds for the held-out
scores, inner folds to calibrate thresholds), keeps the best and refits it on everything.
"""

from typing import Callable, Sequence

import numpy as np

from .embedders import HashingEmbedder, get_embedder
from .evaluation import (background_confidence, calibrate_confidence, calibrate_thresholds, decide, folds,
                         near_top_margin,
                         scores_report)
from .methods import Blend, Lexical, Linear, LinearPlusZeroShot, RulesThenLinear, Shipped, ZeroShot, centred_max
from .model import TrainedModel
from .shipped import SHIPPED, shipped_directory
from .ports import Progress
from .taxonomies import Taxonomy, get_taxonomy, model_inputs

_NO_ROWS = np.zeros((0, 0), np.float32)
MIN_EXAMPLES = 10
# Zero-shot labels should fire on about this many texts each, on average, of an in-domain background corpus.
LABELS_PER_TEXT = 2.0
# Held-out micro-F1 by which the hashing baseline must beat the multilingual embedder to be kept.
BASELINE_MARGIN = 0.02
# Blend weights: centred zero-shot cosines are about ten times smaller than probabilities.
ZERO_SHOT_WEIGHT = 10.0
LEXICAL_WEIGHT = 1.0
# How a model was evaluated, as its meta says it (in English; the web pages translate these: search/templatetags).
TRAINED_PROTOCOL = "nested {k}-fold cross-validation on {n} labelled texts"
DESCRIPTIONS_PROTOCOL = "5-fold cross-validation over label descriptions, each tagged using only the other descriptions"
NO_EVALUATION_PROTOCOL = "none: zero-shot from label descriptions, no labelled data"


def _quiet(message: str) -> None:
    """Default progress sink."""


def label_matrix(taxonomy: Taxonomy, label_sets: Sequence[Sequence[str]]) -> np.ndarray:
    """0/1 matrix of label sets; raises ValueError naming any label the taxonomy does not have."""
    index = {label: i for i, label in enumerate(taxonomy.labels)}
    unknown = sorted({label for labels in label_sets for label in labels} - index.keys())
    if unknown:
        raise ValueError(f"labels not in taxonomy {taxonomy.name!r}: {', '.join(unknown[:5])}")
    y = np.zeros((len(label_sets), len(index)), bool)
    for row, labels in enumerate(label_sets):
        y[row, [index[label] for label in labels]] = True
    return y


def description_texts(taxonomy: Taxonomy) -> tuple[list[str], np.ndarray]:
    """Every label description, and the label index each one belongs to."""
    texts, owner = [], []
    for i, label in enumerate(taxonomy.labels):
        texts += taxonomy.descriptions[label]
        owner += [i] * len(taxonomy.descriptions[label])
    return texts, np.array(owner, np.int32)


def describe(taxonomy: Taxonomy, embedder) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings of every label description, and the label index each one belongs to."""
    texts, owner = description_texts(taxonomy)
    return embedder.embed(texts), owner


def _candidates(taxonomy: Taxonomy, embedder_name: str | None) -> dict[str, Callable[[], object]]:
    """Method factories to compare, keyed "method@embedder": the heavy embedder beside the hashing baseline."""
    described: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    n = len(taxonomy.labels)

    def build(kind: str, name: str):
        if name not in described:  # descriptions are embedded once, not once per fold
            described[name] = describe(taxonomy, get_embedder(name))
        protos, owner = described[name]
        if kind == "zero-shot":
            return ZeroShot(protos, owner, n)
        if kind == "linear+zero-shot":
            return LinearPlusZeroShot(Linear(protos, owner, n, False, c=16.0), ZeroShot(protos, owner, n))
        if kind == "linear+zero-shot+lexical":
            parts = {"linear": Linear(protos, owner, n, False, c=16.0), "zero-shot": ZeroShot(protos, owner, n),
                     "lexical": Lexical(description_texts(taxonomy)[0], owner, n)}
            return Blend(parts, {"linear": 1.0, "zero-shot": ZERO_SHOT_WEIGHT, "lexical": LEXICAL_WEIGHT})
        linear = Linear(protos, owner, n, taxonomy.single_label)
        return RulesThenLinear(linear, list(taxonomy.labels)) if kind == "rules+linear" else linear

    kinds = ["linear", "zero-shot"]
    kinds += ["rules+linear"] if taxonomy.name == "action-category" else []
    kinds += [] if taxonomy.single_label else ["linear+zero-shot", "linear+zero-shot+lexical"]
    names = dict.fromkeys([get_embedder(embedder_name).name, HashingEmbedder.name])
    out = {f"{kind}@{name}": (lambda kind=kind, name=name: build(kind, name)) for name in names for kind in kinds}
    if taxonomy.name in SHIPPED:
        # Learning from accepted tags starts from the shipped default: as it is (thresholds calibrated again) and
        # blended with a linear model on the accepted tags.
        shipped = TrainedModel.load(shipped_directory(taxonomy.name)).method
        name = get_embedder(embedder_name).name
        out["shipped@none"] = lambda: Shipped(shipped)
        out[f"shipped+linear@{name}"] = lambda: Blend(
            {"shipped": Shipped(shipped), "linear": Linear(np.zeros((0, get_embedder(name).dim), np.float32),
                                                           np.zeros(0, np.int32), n, taxonomy.single_label)},
            {"shipped": 0.5, "linear": 0.5})
    return out


def _oof_scores(factory, x, y, texts, k) -> np.ndarray:
    """Out-of-fold scores: each row scored by a method fitted without it."""
    out = np.zeros(y.shape, np.float32)
    for test in folds(len(texts), k):
        train = np.setdiff1d(np.arange(len(texts)), test)
        method = factory().fit(x[train], y[train], [texts[i] for i in train])
        out[test] = method.scores(x[test], [texts[i] for i in test])
    return out


def _held_out(factory, x, y, texts, taxonomy, k) -> dict:
    """Nested CV: thresholds calibrated inside each outer training split, scored on the outer test split."""
    predicted = np.zeros(y.shape, bool)
    for test in folds(len(texts), k, seed=1):
        train = np.setdiff1d(np.arange(len(texts)), test)
        sub_texts = [texts[i] for i in train]
        thresholds = calibrate_thresholds(_oof_scores(factory, x[train], y[train], sub_texts, k), y[train])
        method = factory().fit(x[train], y[train], sub_texts)
        scores = method.scores(x[test], [texts[i] for i in test])
        predicted[test] = decide(scores, thresholds, taxonomy.single_label, taxonomy.min_labels)
    return scores_report(y, predicted, list(taxonomy.labels))


def train(taxonomy_name: str, texts: Sequence[str], label_sets: Sequence[Sequence[str]], *,
          embedder_name: str | None = None, k: int = 5, progress: Progress = _quiet) -> TrainedModel:
    """Compare methods by held-out F1, keep the best, calibrate its thresholds and refit it on all data."""
    taxonomy = get_taxonomy(taxonomy_name)
    texts, y = list(texts), label_matrix(taxonomy, label_sets)
    if len(texts) < MIN_EXAMPLES:
        raise ValueError(f"need at least {MIN_EXAMPLES} labelled texts, got {len(texts)}")
    k = min(k, len(texts) // 2)
    comparison, embedded = {}, {}
    candidates = _candidates(taxonomy, embedder_name)
    for key, factory in candidates.items():
        name = key.split("@", 1)[1]
        if name not in embedded:
            progress(f"embedding {len(texts)} texts with {name}")
            embedded[name] = get_embedder(name).embed(model_inputs(taxonomy.opening_words, texts))
        progress(f"cross-validating {key}")
        comparison[key] = _held_out(factory, embedded[name], y, texts, taxonomy, k)
    best = max(comparison, key=lambda key: (comparison[key]["micro"]["f1"], comparison[key]["macro"]["f1"]))
    multilingual = [key for key in comparison if not key.endswith("@" + HashingEmbedder.name)]
    heavy = max(multilingual, key=lambda key: comparison[key]["micro"]["f1"], default=best)
    # The hashing baseline only knows the training data's words and languages: keep it only if clearly better.
    if comparison[best]["micro"]["f1"] - comparison[heavy]["micro"]["f1"] <= BASELINE_MARGIN:
        best = heavy
    progress(f"best: {best} (held-out micro-F1 {comparison[best]['micro']['f1']:.3f}); refitting on all data")
    factory, name = candidates[best], best.split("@", 1)[1]
    x = embedded[name]
    held_out = _oof_scores(factory, x, y, texts, k)
    thresholds = calibrate_thresholds(held_out, y)
    method = factory().fit(x, y, texts)
    meta = _meta(taxonomy, name, TRAINED_PROTOCOL.format(k=k, n=len(texts)),
                 comparison[best], {key: _summary(report) for key, report in comparison.items()})
    meta["confidence"] = calibrate_confidence(held_out, y, thresholds)
    return TrainedModel(meta, method, thresholds)


def zero_shot(taxonomy_name: str | Taxonomy, background: Sequence[str], *, embedder_name: str | None = None,
              progress: Progress = _quiet) -> TrainedModel:
    """A description-only model, its thresholds calibrated without labelled texts (for a taxonomy by name, or a
    `Taxonomy` given as it is, such as one with other descriptions to compare).

    Where labels have several descriptions (SDG goal + targets), thresholds are calibrated on each
    description tagged by the others, and evaluated on held-out folds of them. Otherwise one threshold for all
    labels and a margin to each text's best score are calibrated on the in-domain `background` texts
    (`background_decision`; no evaluation).
    """
    taxonomy = get_taxonomy(taxonomy_name) if isinstance(taxonomy_name, str) else taxonomy_name
    embedder = get_embedder(embedder_name)
    progress(f"embedding {sum(map(len, taxonomy.descriptions.values()))} label descriptions with {embedder.name}")
    protos, owner = describe(taxonomy, embedder)
    n = len(taxonomy.labels)
    method = ZeroShot(protos, owner, n)
    if any(len(d) > 1 for d in taxonomy.descriptions.values()):
        texts = description_texts(taxonomy)[0]
        sims = protos @ protos.T
        np.fill_diagonal(sims, -np.inf)  # a description may not vote for itself
        scores = ZERO_SHOT_WEIGHT * centred_max(sims, owner, n)
        # The lexical part of each description's score comes from a model fitted on the other folds.
        for test in folds(len(owner), 5, seed=2):
            rest = np.setdiff1d(np.arange(len(owner)), test)
            lexical = Lexical([texts[i] for i in rest], owner[rest], n).fit(_NO_ROWS, np.zeros((0, n)), [])
            scores[test] += LEXICAL_WEIGHT * lexical.scores(_NO_ROWS, [texts[i] for i in test])
        truth = np.zeros(scores.shape, bool)
        truth[np.arange(len(owner)), owner] = True
        thresholds = calibrate_thresholds(scores, truth)
        predicted = np.zeros(scores.shape, bool)
        for test in folds(len(owner), 5):
            train_rows = np.setdiff1d(np.arange(len(owner)), test)
            predicted[test] = decide(scores[test], calibrate_thresholds(scores[train_rows], truth[train_rows]),
                                     taxonomy.single_label, taxonomy.min_labels)
        evaluation = scores_report(truth, predicted, list(taxonomy.labels))
        decision = {"confidence": calibrate_confidence(scores, truth, thresholds)}
        protocol = DESCRIPTIONS_PROTOCOL
        method = Blend({"zero-shot": method, "lexical": Lexical(texts, owner, n).fit(_NO_ROWS, np.zeros((0, n)), [])},
                       {"zero-shot": ZERO_SHOT_WEIGHT, "lexical": LEXICAL_WEIGHT})
        if taxonomy.max_labels:
            # Descriptions each name one label, so their thresholds teach "one label per text". Texts touch
            # several goals: a goal is also present when it scores within `near_top` of the text's best, the
            # margin set so that unlabelled in-domain texts (not the ones scored) get LABELS_PER_TEXT on average.
            progress(f"calibrating the near-top margin on {len(background)} background texts")
            background_scores = method.scores(embedder.embed(list(background)), list(background))
            decision.update(near_top=near_top_margin(background_scores, LABELS_PER_TEXT, taxonomy.max_labels),
                            max_labels=taxonomy.max_labels)
    else:
        progress(f"calibrating thresholds on {len(background)} background texts")
        scores = method.scores(embedder.embed(list(background)), list(background))
        threshold, margin = background_decision(scores)
        thresholds = np.full(n, threshold, np.float32)
        evaluation, protocol = None, NO_EVALUATION_PROTOCOL
        decision = {"margin": margin, "confidence": background_confidence(scores, thresholds)}
    return TrainedModel({**_meta(taxonomy, embedder.name, protocol, evaluation, {}), **decision}, method, thresholds)


def background_decision(scores: np.ndarray, per_text: float = LABELS_PER_TEXT) -> tuple[float, float]:
    """(threshold, margin) for zero-shot scores of unlabelled in-domain texts (texts x labels): a label is
    predicted when its score reaches the threshold and lies within the margin of the text's best score. Each
    is set so that, on these texts, it alone would give `per_text` labels per text on average.

    One threshold for all labels, not one per label: a per-label threshold firing on the same share of texts
    for every label assumes every label is equally common, so the labels a corpus is most about got the
    highest thresholds. On Kazakhstan's cycle-1 UPR recommendations, with UPR Info's issues as a stand-in
    taxonomy, the per-label thresholds gave a micro-F1 of 0.498 and this rule 0.614 (benchmarks/zero_shot_rule.py).
    """
    share = min(1.0, per_text / scores.shape[1])
    gaps = scores.max(axis=1, keepdims=True) - scores
    return float(np.quantile(scores, 1 - share)), float(np.quantile(gaps, share))


def evaluate(model: TrainedModel, texts: Sequence[str], label_sets: Sequence[Sequence[str]]) -> dict:
    """Score a model against labelled texts."""
    taxonomy = get_taxonomy(model.taxonomy)
    y = label_matrix(taxonomy, label_sets)
    return scores_report(y, model.decide(model.score(list(texts))), model.labels)


def _summary(report: dict) -> dict:
    """The headline figures of a report, without per-label detail."""
    return {"micro_f1": report["micro"]["f1"], "macro_f1": report["macro"]["f1"],
            "per_label_accuracy": report["per_label_accuracy"]}


def _meta(taxonomy: Taxonomy, embedder_name: str, protocol: str, evaluation: dict | None, comparison: dict) -> dict:
    """Model metadata common to trained and zero-shot models."""
    return {"taxonomy": taxonomy.name, "labels": list(taxonomy.labels), "embedder": embedder_name,
            "single_label": taxonomy.single_label, "min_labels": taxonomy.min_labels,
            "opening_words": taxonomy.opening_words, "synonyms": [list(group) for group in taxonomy.synonyms],
            "evaluation_protocol": protocol, "evaluation": evaluation, "method_comparison": comparison}
