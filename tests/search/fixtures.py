"""Small deterministic search fixtures: a near-duplicate pair across cycles with hand-made vectors."""

from datetime import date

import numpy as np

from rightstrack.recommendations.models import Recommendation, SourceDocument
from rightstrack.search.models import DIMENSIONS, ClusterSuggestion, RecommendationEmbedding


def unit(*hot: int, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """A unit vector along the given axes (plus optional seeded noise): similarities are known exactly."""
    vector = np.zeros(DIMENSIONS, np.float32)
    vector[list(hot)] = 1.0
    if noise:
        vector += np.random.default_rng(seed).normal(0, noise, DIMENSIONS).astype(np.float32)
    return vector / np.linalg.norm(vector)


def duplicate_pair(world) -> Recommendation:
    """The world's recommendation (cycle 2) made again in cycle 1, with the same vector; returns the cycle-1 one."""
    cycle1 = SourceDocument.objects.create(symbol="A/HRC/14/10", mechanism=world.document.mechanism, cycle=1,
                                           date=date(2010, 3, 23))
    earlier = Recommendation.objects.create(source_document=cycle1, paragraph="95.1", is_published=True,
                                            text="To ratify the Optional Protocol to the Convention against Torture")
    RecommendationEmbedding.objects.create(recommendation=world.recommendation, vector=unit(0), text_hash="x")
    RecommendationEmbedding.objects.create(recommendation=earlier, vector=unit(0), text_hash="y")
    return earlier


def cluster_suggestion(world) -> ClusterSuggestion:
    """A pending suggestion to cluster the duplicate pair."""
    earlier = duplicate_pair(world)
    suggestion = ClusterSuggestion.objects.create(key=f"{world.recommendation.pk},{earlier.pk}", similarity=1.0)
    suggestion.recommendations.set([world.recommendation, earlier])
    return suggestion
