"""Stored models record the version of the embedder they were trained on, and refuse another one."""

import json

import pytest

from rightstrack.tagging.model import TrainedModel
from rightstrack.tagging.training import zero_shot

from .conftest import FIXTURE_RECORDS


def test_a_model_trained_on_another_embedder_version_is_refused(tmp_path):
    model = zero_shot("sdg", [r["text"] for r in FIXTURE_RECORDS], embedder_name="hashing-2048")
    version = model.save(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text())
    assert meta["embedder_version"] == "hashing-2048" and "@hashing-2048/" in version
    assert TrainedModel.load(tmp_path).version == version
    meta["embedder_version"] = "hashing-2048-older"
    (tmp_path / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="retrain"):
        TrainedModel.load(tmp_path)


def test_a_model_that_decides_differently_gets_another_version_and_keeps_its_margin(tmp_path):
    """A rejected suggestion is not made again by the same version, so the version must change with anything
    that changes which labels are suggested: the weights, and the thresholds, margin and synonyms too."""
    model = zero_shot("themes", [r["text"] for r in FIXTURE_RECORDS], embedder_name="hashing-2048")
    version = model.save(tmp_path / "a")
    loaded = TrainedModel.load(tmp_path / "a")
    assert loaded.meta["margin"] == model.meta["margin"] and loaded.version == version
    loaded.meta["margin"] *= 2
    assert loaded.save(tmp_path / "b") != version
    loaded.meta["margin"] = model.meta["margin"]
    loaded.thresholds = loaded.thresholds + 0.01
    assert loaded.save(tmp_path / "c") != version
    loaded.thresholds = model.thresholds
    assert loaded.save(tmp_path / "d") == version
    loaded.meta["synonyms"] = model.meta["synonyms"][1:]  # one subject's names no longer kept to one suggestion
    assert loaded.save(tmp_path / "e") != version
