"""The default UPR Info taggers: training from the coded CSV, the shipped models, and `tag build-defaults`."""

import csv
import json

import pytest

from rightstrack.tagging.api import default_model, suggest
from rightstrack.tagging.coded import read_coded, session_split, train_default
from rightstrack.tagging.model import TrainedModel

from .test_command import run, write_jsonl

# (issues, action category, text) patterns; every session gets each, in slightly different words.
PATTERNS = [
    ("Death penalty", "5", "Abolish the death penalty and commute all death sentences {n}"),
    ("Death penalty", "2", "Continue to maintain the moratorium on executions and the death penalty {n}"),
    ("Rights of the Child", "4", "Ensure the protection of children from child labour and abuse {n}"),
    ("Women's rights; Rights of the Child", "5", "Adopt a law against violence against women and girls {n}"),
    ("International instruments", "5", "Ratify the Optional Protocol to the Convention against Torture {n}"),
    ("International instruments", "3", "Consider ratifying the Convention on migrant workers {n}"),
    ("Freedom of the press", "4", "Guarantee the freedom of journalists and the media to report {n}"),
]
FIELDS = ["id", "session", "state_under_review", "recommending_state", "response", "action_category", "issues", "text"]


def write_coded(path, sessions=range(1, 7), per_pattern=3, extra=None):
    """A small CSV in the shape of UPR Info's file; returns its path."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for session in sessions:
            for k, (issues, category, text) in enumerate(PATTERNS):
                for n in range(per_pattern):
                    writer.writerow({"id": f"{session}-{k}-{n}", "session": session, "state_under_review": "A",
                                     "recommending_state": "B", "response": "Accepted", "action_category": category,
                                     "issues": issues, "text": text.format(n=f"(session {session}, item {n})")})
        for row in extra or []:
            writer.writerow({**dict.fromkeys(FIELDS, ""), **row})
    return path


def test_the_last_two_sessions_calibrate():
    import numpy as np

    fit, calibration = session_split(np.array([3, 1, 2, 4, 4, 1]))
    assert fit.tolist() == [1, 2, 5]
    assert calibration.tolist() == [0, 3, 4]


def test_training_from_a_slice_learns_the_labels_and_is_deterministic(tmp_path):
    rows = read_coded(write_coded(tmp_path / "coded.csv"))
    issues = train_default("upr-issues", rows)
    again = train_default("upr-issues", rows)
    assert issues.save(tmp_path / "a") == again.save(tmp_path / "b")  # same rows, same weights and thresholds
    assert "sessions 5-6" in issues.meta["evaluation_protocol"]
    predicted = issues.predict(["Abolish the death penalty", "Ratify the Optional Protocol to the Convention"])
    assert [s.label for s in predicted[0] if s.above_threshold] == ["Death penalty"]
    assert [s.label for s in predicted[1] if s.above_threshold] == ["International instruments"]
    action = train_default("action-category", rows)
    chosen = [[s.label for s in p if s.above_threshold] for p in action.predict(
        ["Continue to maintain the moratorium", "Consider ratifying the Convention"])]
    assert chosen == [["2"], ["3"]]


def test_bad_rows_are_refused_with_the_line_number(tmp_path):
    path = write_coded(tmp_path / "coded.csv", extra=[{"session": "7", "action_category": "4",
                                                       "issues": "Not an issue", "text": "x"}])
    with pytest.raises(ValueError, match=r"line 128: .*Not an issue"):
        read_coded(path)
    (tmp_path / "bad.csv").write_text("session,text\n1,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        read_coded(tmp_path / "bad.csv")


def test_shipped_models_load_and_tag_without_an_embedder():
    issues, action = default_model("upr-issues"), default_model("action-category")
    assert issues.version.startswith("upr-issues/tfidf-linear@none/")
    assert issues.meta["trained_on"] == 37304
    assert action.version.startswith("action-category/tfidf-linear@none/")
    [death], [ratify] = suggest("upr-issues", ["Abolish the death penalty"]), suggest("action-category", [
        "Ratify the Convention on the Rights of Persons with Disabilities"])
    assert "Death penalty" in [s.label for s in death if s.above_threshold]
    assert [s.label for s in ratify if s.above_threshold] == ["5"]


@pytest.mark.slow
def test_accepted_tags_training_starts_from_the_shipped_default():
    from rightstrack.tagging.training import train

    texts = ["Abolish the death penalty", "Protect children from abuse", "Ratify the Convention against Torture",
             "Abolish capital punishment", "End child labour", "Accede to the Optional Protocol"] * 2
    labels = [["Death penalty"], ["Rights of the Child"], ["International instruments"]] * 4
    model = train("upr-issues", texts, labels, embedder_name="hashing-2048")
    assert {"shipped@none", "shipped+linear@hashing-2048"} <= set(model.meta["method_comparison"])


@pytest.mark.slow
def test_build_defaults_cli_contract(tmp_path):
    result = run("build-defaults")
    assert result.returncode == 2 and result.stderr.strip().endswith("--input is required: UPR Info's coded "
                                                                     "recommendations (CSV)")
    source = write_coded(tmp_path / "coded.csv")
    result = run("build-defaults", "--input", source, "--taxonomy", "sdg")
    assert result.returncode == 2 and "no --taxonomy" in result.stderr
    result = run("build-defaults", "--input", source, "--output", tmp_path / "models")
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["upr-issues", "action-category"]
    model = TrainedModel.load(tmp_path / "models" / "upr-issues")
    assert model.meta["trained_on"] == len(PATTERNS) * 3 * 6
    texts = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "Abolish the death penalty"}])
    result = run("--taxonomy", "upr-issues", "--input", texts, "--output", tmp_path / "out.jsonl",
                 "--model", tmp_path / "models" / "upr-issues")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["labels"] == ["Death penalty"]
