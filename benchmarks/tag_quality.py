"""Time-split quality of the UPR Info taggers (issue 19): every candidate beside a plain TF-IDF + LR baseline.

    PYTHONPATH=src HF_HUB_OFFLINE=1 nice -n 5 python benchmarks/tag_quality.py \
        [--data ../shared/data/upr_info/upr_info_sessions_1_19.csv] [--e5-fit 1000] [--e5-test 500]

Train on sessions 1-15, test on 16-19 (as the taggers are used: on later reviews), plus per-session figures.
Candidates, each calibrated the same way (fitted on sessions 1-13, per-label thresholds taken on 14-15;
`tagging.coded.fit_calibrated`). The shipped models are then refitted on every row; here they are not, to halve the
CPU on the shared machine, so the candidates learn from two sessions fewer than the baseline (a conservative
comparison):
- `tfidf`: hashed word 1-2-gram + character 3-5-gram TF-IDF, logistic regression (`sparse.TfidfLinear`);
- `static`: logistic regression (fitted the same way) on the static e5 distillation (`e5-static`);
- `e5`: the same on multilingual-e5-small (`e5-small-int8`). The transformer costs about 20-50 ms a text
  on a shared 2-core machine, so it is fitted on a random `--e5-fit` rows of sessions 1-15 and scored on a random
  `--e5-test` rows of 16-19; the e5 table compares every candidate and the baseline on those same rows;
- combinations: the mean of the components' probabilities, thresholds calibrated on the mean.
The baseline is scikit-learn's `TfidfVectorizer()` + `LogisticRegression()` with default settings (one-vs-rest for
issues), fitted on sessions 1-15, label at probability 0.5 (issues) or argmax (action category).
Issues: micro- and macro-F1 and per-label F1; action category: accuracy and macro-F1. Last line: one JSON object.
"""

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

from rightstrack.tagging.coded import decide_for, fit_calibrated, read_coded, session_split, targets
from rightstrack.tagging.embedders import get_embedder
from rightstrack.tagging.sparse import TfidfLinear, fit_logistic
from rightstrack.tagging.taxonomies import get_taxonomy, model_inputs

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / ".." / "shared" / "data" / "upr_info" / \
    "upr_info_sessions_1_19.csv"
TAXONOMIES = ("upr-issues", "action-category")
LAST_TRAINING_SESSION = 15


class EmbeddingLogistic:
    """Logistic regression on embedding vectors, fitted as `TfidfLinear` is (`sparse.fit_logistic`)."""

    def __init__(self, single_label: bool):
        self.single_label = single_label

    def fit(self, x, y, texts):
        self.coef, self.intercept = fit_logistic(x, y, self.single_label, alpha=1e-5)
        return self

    def scores(self, x, texts):
        logits = x @ self.coef.T + self.intercept
        if self.single_label:
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        return 1 / (1 + np.exp(-logits))


def figures(taxonomy: str, truth: np.ndarray, predicted: np.ndarray) -> dict:
    """Issues: micro/macro-F1; action category: accuracy and macro-F1 (scikit-learn), in percent."""
    from sklearn.metrics import accuracy_score, f1_score

    if taxonomy == "action-category":
        t, p = truth.argmax(axis=1), predicted.argmax(axis=1)
        return {"accuracy": 100 * accuracy_score(t, p), "macro_f1": 100 * f1_score(t, p, average="macro")}
    return {"micro_f1": 100 * f1_score(truth, predicted, average="micro", zero_division=0),
            "macro_f1": 100 * f1_score(truth, predicted, average="macro", zero_division=0)}


def baseline(taxonomy: str, train_texts, y_train, test_texts) -> np.ndarray:
    """Plain TF-IDF + logistic regression, scikit-learn defaults."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    vectorizer = TfidfVectorizer()
    x_train, x_test = vectorizer.fit_transform(train_texts), vectorizer.transform(test_texts)
    out = np.zeros((len(test_texts), y_train.shape[1]), bool)
    if taxonomy == "action-category":
        model = LogisticRegression(max_iter=1000).fit(x_train, y_train.argmax(axis=1))
        out[np.arange(len(test_texts)), model.classes_[model.predict_proba(x_test).argmax(axis=1)]] = True
        return out
    return OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(x_train, y_train).predict(x_test).astype(bool)


def component_scores(taxonomy: str, factory, x, y, texts, sessions, test_x, test_texts) -> tuple:
    """(calibration-row scores, test scores) of one component fitted the calibrated way."""
    method, _, calibration = fit_calibrated(factory, x, y, texts, sessions, refit=False)
    return calibration, method.scores(test_x, test_texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--e5-fit", type=int, default=1000)
    parser.add_argument("--e5-test", type=int, default=500)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = read_coded(args.data)
    sessions = np.array([r.session for r in rows])
    train_rows = np.flatnonzero(sessions <= LAST_TRAINING_SESSION)
    test_rows = np.flatnonzero(sessions > LAST_TRAINING_SESSION)
    rng = np.random.default_rng(0)
    e5_train = np.sort(rng.choice(train_rows, min(args.e5_fit, len(train_rows)), replace=False))
    e5_test = np.sort(rng.choice(test_rows, min(args.e5_test, len(test_rows)), replace=False))
    texts = [r.text for r in rows]
    print(f"{len(rows)} coded recommendations: train sessions 1-{LAST_TRAINING_SESSION} ({len(train_rows)} rows), "
          f"test {LAST_TRAINING_SESSION + 1}-{sessions.max()} ({len(test_rows)} rows); calibration slice: sessions "
          f"{sessions[train_rows][session_split(sessions[train_rows])[1]].min()}-{LAST_TRAINING_SESSION}; "
          f"e5 on {len(e5_train)} training and {len(e5_test)} test rows", flush=True)
    result = {"n_train": len(train_rows), "n_test": len(test_rows), "e5_fit": len(e5_train), "e5_test": len(e5_test)}
    timings = {}
    for taxonomy_name in TAXONOMIES:
        taxonomy = get_taxonomy(taxonomy_name)
        n = len(taxonomy.labels)
        y = targets(taxonomy_name, rows)
        inputs = model_inputs(taxonomy.opening_words, texts)
        t0 = time.perf_counter()
        base = baseline(taxonomy_name, [texts[i] for i in train_rows], y[train_rows], [texts[i] for i in test_rows])
        timings[f"{taxonomy_name}/baseline_s"] = time.perf_counter() - t0
        scores = {}  # component -> (rows it was scored on, calibration truth, calibration scores, test scores)

        def run(name, factory, x_train, fit_on, x_test, test_on):
            t = time.perf_counter()
            calibration, test = component_scores(
                taxonomy_name, factory, x_train, y[fit_on], [texts[i] for i in fit_on], sessions[fit_on],
                x_test, [texts[i] for i in test_on])
            cal_rows = fit_on[session_split(sessions[fit_on])[1]]
            scores[name] = (cal_rows, calibration, test_on, test)
            timings[f"{taxonomy_name}/{name}_s"] = time.perf_counter() - t
            print(f"  {taxonomy_name}: {name} fitted in {timings[f'{taxonomy_name}/{name}_s']:.0f} s", flush=True)

        none = np.zeros((len(rows), 0), np.float32)
        run("tfidf", lambda: TfidfLinear(n, taxonomy.single_label), none[train_rows], train_rows,
            none[test_rows], test_rows)
        for name, embedder_name, fit_on, test_on in (("static", "e5-static", train_rows, test_rows),
                                                    ("e5", "e5-small-int8", e5_train, e5_test)):
            embedder = get_embedder(embedder_name)
            t = time.perf_counter()
            both = np.concatenate([fit_on, test_on])
            vectors = embedder.embed([inputs[i] for i in both])
            timings[f"{taxonomy_name}/{name}_embed_texts_per_s"] = len(both) / (time.perf_counter() - t)
            run(name, lambda: EmbeddingLogistic(taxonomy.single_label), vectors[:len(fit_on)], fit_on,
                vectors[len(fit_on):], test_on)
        result[taxonomy_name] = report(taxonomy_name, y, sessions, base, test_rows, e5_test, scores)
    result["timings"] = {k: round(v, 1) for k, v in timings.items()}
    result["seconds"] = round(time.perf_counter() - started)
    print(json.dumps(result))


def restrict(component, rows: np.ndarray, calibration_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A component's (calibration scores, test scores) on the given rows (a subset of those it was scored on)."""
    cal_rows, calibration, test_on, test = component
    return (calibration[np.searchsorted(cal_rows, calibration_rows)], test[np.searchsorted(test_on, rows)])


def report(taxonomy_name, y, sessions, base, test_rows, e5_test, scores) -> dict:
    """Print and return the figures of every candidate on the full test rows (without e5) and on the e5 rows."""
    from rightstrack.tagging.evaluation import calibrate_thresholds

    labels = get_taxonomy(taxonomy_name).labels
    out = {}
    for table, rows, names in (("all test rows", test_rows, ("tfidf", "static")),
                               ("e5 test rows", e5_test, ("tfidf", "static", "e5"))):
        calibration_rows = scores["e5"][0] if "e5" in names else scores["tfidf"][0]
        base_rows = base[np.searchsorted(test_rows, rows)]
        base_fig = figures(taxonomy_name, y[rows], base_rows)
        key = "accuracy" if taxonomy_name == "action-category" else "micro_f1"
        print(f"\n{taxonomy_name}, {table} ({len(rows)}): candidate | {key} | macro-F1 | baseline {key} "
              f"{base_fig[key]:.1f}, macro-F1 {base_fig['macro_f1']:.1f}")
        section = {"baseline": base_fig}
        predictions = {}
        for size in range(1, len(names) + 1):
            for combo in combinations(names, size):
                parts = [restrict(scores[name], rows, calibration_rows) for name in combo]
                calibration = np.mean([p[0] for p in parts], axis=0)
                test = np.mean([p[1] for p in parts], axis=0)
                thresholds = calibrate_thresholds(calibration, y[calibration_rows])
                predicted = decide_for(taxonomy_name, test, thresholds)
                name = "+".join(combo)
                predictions[name] = predicted
                fig = figures(taxonomy_name, y[rows], predicted)
                section[name] = {**fig, "vs_baseline": fig[key] - base_fig[key]}
                print(f"  {name:<18} {fig[key]:5.1f} ({fig[key] - base_fig[key]:+.1f})  {fig['macro_f1']:5.1f} "
                      f"({fig['macro_f1'] - base_fig['macro_f1']:+.1f})")
        if table == "all test rows":
            section["per_session"] = per_session(taxonomy_name, y, sessions, rows, base_rows, predictions, key)
            section["per_label_f1"] = per_label(taxonomy_name, y[rows], base_rows, predictions["tfidf"], labels)
        out[table.split()[0]] = section
    return out


def per_session(taxonomy_name, y, sessions, rows, base_rows, predictions, key) -> dict:
    """The headline figure per test session, for the baseline and each candidate."""
    out = {}
    for session in np.unique(sessions[rows]):
        mask = sessions[rows] == session
        out[int(session)] = {"baseline": figures(taxonomy_name, y[rows][mask], base_rows[mask])[key],
                             **{name: figures(taxonomy_name, y[rows][mask], p[mask])[key]
                                for name, p in predictions.items()}}
        shown = ", ".join(f"{k} {v:.1f}" for k, v in out[int(session)].items())
        print(f"  session {session} ({mask.sum()} rows): {shown}")
    return out


def per_label(taxonomy_name, truth, base_rows, tfidf, labels) -> dict:
    """Per-label F1 of the baseline and of `tfidf` (scikit-learn), printed as a table."""
    from sklearn.metrics import f1_score

    base_f1 = f1_score(truth, base_rows, average=None, zero_division=0)
    ours = f1_score(truth, tfidf, average=None, zero_division=0)
    print(f"  per-label F1 (n, baseline -> tfidf):")
    out = {}
    for i, label in enumerate(labels):
        out[label] = {"n": int(truth[:, i].sum()), "baseline": round(100 * base_f1[i], 1),
                      "tfidf": round(100 * ours[i], 1)}
        print(f"    {label[:44]:<44} {out[label]['n']:5d}  {100 * base_f1[i]:5.1f} -> {100 * ours[i]:5.1f}")
    return out


if __name__ == "__main__":
    sys.exit(main())
