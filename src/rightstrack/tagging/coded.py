"""Training the default `upr-issues` and `action-category` models on UPR Info's coded recommendations.

The file (`upr_info_sessions_1_19.csv`, 37,304 rows; see docs/tagging.md) is read, never shipped: the package
carries the trained weights (`rightstrack/tagging/defaults/`). Thresholds are calibrated as the models are used,
forward in time: a model fitted on all but the last `CALIBRATION_SESSIONS` sessions scores those sessions, the
per-label F1-optimal thresholds are taken there, and the model is then refitted on every row.
"""

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .evaluation import calibrate_confidence, calibrate_thresholds, decide, scores_report
from .model import TrainedModel
from .ports import Progress
from .sparse import TfidfLinear
from .taxonomies import ISSUE_ALIASES, get_taxonomy

CALIBRATION_SESSIONS = 2
COLUMNS = ("session", "action_category", "issues", "text")
PROTOCOL = ("fitted on UPR Info's coding of sessions {first}-{cut}, thresholds calibrated on sessions {cal}, "
            "refitted on all {n} rows of sessions {first}-{last}")


@dataclass(frozen=True)
class CodedRecommendation:
    """One row of UPR Info's coding."""

    session: int
    text: str
    issues: tuple[str, ...]
    action_category: str


def read_coded(path: str | Path) -> list[CodedRecommendation]:
    """Rows of the UPR Info CSV; raises ValueError naming the first bad line or a missing column."""
    issues = set(get_taxonomy("upr-issues").labels)
    categories = set(get_taxonomy("action-category").labels)
    out = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            labels = tuple(ISSUE_ALIASES.get(i, i) for i in row["issues"].split("; ") if i)
            unknown = [label for label in labels if label not in issues]
            if unknown or row["action_category"] not in categories or not row["session"].isdigit():
                raise ValueError(f"{path}, line {line}: unknown issue, action category or session "
                                 f"({', '.join(unknown) or row['action_category'] or row['session']!r})")
            out.append(CodedRecommendation(int(row["session"]), row["text"], labels, row["action_category"]))
    return out


def targets(taxonomy_name: str, rows: list[CodedRecommendation]) -> np.ndarray:
    """The 0/1 label matrix of `rows` for `upr-issues` or `action-category`."""
    labels = get_taxonomy(taxonomy_name).labels
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), bool)
    for i, row in enumerate(rows):
        chosen = row.issues if taxonomy_name == "upr-issues" else (row.action_category,)
        y[i, [index[label] for label in chosen]] = True
    return y


def session_split(sessions: np.ndarray, n_calibration: int = CALIBRATION_SESSIONS) -> tuple[np.ndarray, np.ndarray]:
    """(fit rows, calibration rows): the calibration rows are those of the last `n_calibration` sessions."""
    cut = np.unique(sessions)[-n_calibration]
    return np.flatnonzero(sessions < cut), np.flatnonzero(sessions >= cut)


def decide_for(taxonomy_name: str, scores: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """The taxonomy's decision rule (argmax, or thresholds topped up to its minimum number of labels with the
    most probable ones: nearness to the threshold chose "HIV - Aids", whose threshold is lowest, for most texts
    that passed none, and was right for 3% of them on sessions 16-19)."""
    taxonomy = get_taxonomy(taxonomy_name)
    return decide(scores, thresholds, taxonomy.single_label, taxonomy.min_labels, top_up_by_score=True)


def fit_calibrated(factory: Callable[[], object], x, y: np.ndarray, texts: list[str], sessions: np.ndarray,
                   progress: Progress = lambda message: None,
                   refit: bool = True) -> tuple[object, np.ndarray, np.ndarray]:
    """(method refitted on every row, its per-label thresholds, the calibration rows' scores). `x` are the rows'
    embeddings (or a zero-width matrix for text-only methods). Without `refit`, the method is the one fitted
    without the calibration rows (half the cost)."""
    fit_rows, calibration_rows = session_split(sessions)
    progress(f"fitting on {len(fit_rows)} rows, calibrating on {len(calibration_rows)}")
    method = factory().fit(x[fit_rows], y[fit_rows], [texts[i] for i in fit_rows])
    calibration = method.scores(x[calibration_rows], [texts[i] for i in calibration_rows])
    thresholds = calibrate_thresholds(calibration, y[calibration_rows])
    if not refit:
        return method, thresholds, calibration
    progress(f"refitting on all {len(texts)} rows")
    return factory().fit(x, y, texts), thresholds, calibration


def train_default(taxonomy_name: str, rows: list[CodedRecommendation],
                  progress: Progress = lambda message: None) -> TrainedModel:
    """The default model of `upr-issues` or `action-category`: `TfidfLinear` on every row, thresholds calibrated
    on the last sessions (see the module docstring). Deterministic: the same rows give the same weights."""
    taxonomy = get_taxonomy(taxonomy_name)
    if taxonomy_name not in ("upr-issues", "action-category"):
        raise ValueError(f"UPR Info's coding has no {taxonomy_name!r} labels")
    texts, y = [r.text for r in rows], targets(taxonomy_name, rows)
    sessions = np.array([r.session for r in rows])
    x = np.zeros((len(rows), 0), np.float32)

    def factory():
        return TfidfLinear(len(taxonomy.labels), taxonomy.single_label)

    method, thresholds, calibration = fit_calibrated(factory, x, y, texts, sessions, progress)
    fit_rows, calibration_rows = session_split(sessions)
    held_out = scores_report(y[calibration_rows], decide_for(taxonomy_name, calibration, thresholds),
                             list(taxonomy.labels))
    first, last = int(sessions.min()), int(sessions.max())
    cal = sorted(set(sessions[calibration_rows].tolist()))
    protocol = PROTOCOL.format(first=first, cut=cal[0] - 1, cal=f"{cal[0]}-{cal[-1]}", n=len(rows), last=last)
    meta = {"taxonomy": taxonomy.name, "labels": list(taxonomy.labels), "embedder": "none",
            "single_label": taxonomy.single_label, "min_labels": taxonomy.min_labels, "top_up_by_score": True,
            "opening_words": 0,
            "synonyms": [], "evaluation_protocol": protocol, "evaluation": held_out, "method_comparison": {},
            "trained_on": len(rows),
            "confidence": calibrate_confidence(calibration, y[calibration_rows], thresholds)}
    return TrainedModel(meta, method, thresholds)
