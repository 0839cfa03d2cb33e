"""The real multilingual embedder: Russian and English versions of a sentence land near each other."""

import numpy as np

from rightstrack.tagging import embed


def test_embed_matches_translations_across_english_and_russian(monkeypatch):
    monkeypatch.delenv("RIGHTSTRACK_TAGGING_EMBEDDER")
    english = embed(["Abolish the death penalty.", "Improve access to clean drinking water in rural areas."])
    russian = embed(["Отменить смертную казнь.", "Улучшить доступ к чистой питьевой воде в сельской местности."])
    assert english.shape == (2, 384) and english.dtype == np.float32
    assert np.allclose(np.linalg.norm(english, axis=1), 1.0, atol=1e-4)
    assert (english @ russian.T).argmax(axis=1).tolist() == [0, 1]
