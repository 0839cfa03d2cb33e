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
