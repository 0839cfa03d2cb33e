"""Stored vectors record the embedder's version: a new embedder makes `reindex` re-embed every text."""

from rightstrack.search.indexing import embed_recommendations
from rightstrack.search.models import RecommendationEmbedding
from rightstrack.tagging import api


def test_vectors_of_another_embedder_version_are_re_embedded(corpus, monkeypatch):
    assert embed_recommendations() == len(corpus)
    assert embed_recommendations() == 0
    before = set(RecommendationEmbedding.objects.values_list("text_hash", flat=True))
    monkeypatch.setattr(api, "embedder_version", lambda: "e5-static-0000000000")
    assert embed_recommendations() == len(corpus)
    assert not before & set(RecommendationEmbedding.objects.values_list("text_hash", flat=True))
