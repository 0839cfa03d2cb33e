"""Small deterministic search fixtures: a corpus of known texts, and a near-duplicate pair across cycles with
hand-made vectors."""

from datetime import date

import numpy as np

from rightstrack.recommendations.models import Country, Mechanism, Recommendation, SourceDocument
from rightstrack.search.models import DIMENSIONS, ClusterSuggestion, RecommendationEmbedding

TEXTS = {
    "op_cat": ("en", 2, True, "Ratify the Optional Protocol to the Convention against Torture"),
    "torture_inquiry": ("en", 2, True, "Investigate all allegations of torture and ill-treatment in detention"),
    "tortured": ("en", 1, True, "Ensure that persons who were tortured receive redress"),
    "death_penalty": ("en", 1, True, "Abolish the death penalty and commute all death sentences"),
    "penalty_death": ("en", 1, True, "Death is never a proportionate penalty for drug offences"),
    "ru_torture": ("ru", 2, True, "Расследовать все случаи пыток в местах лишения свободы"),
    "ru_children": ("ru", 1, True, "Защищать права детей-инвалидов"),
    "hidden_torture": ("en", 2, False, "Unpublished torture recommendation about prisons"),
}


def recommendation_corpus() -> dict[str, Recommendation]:
    """Eight recommendations in two cycles, English and Russian, one unpublished (`TEXTS`); returns {key: rec}.
    The `corpus` fixture of the search and tag-review tests."""
    upr, _ = Mechanism.objects.get_or_create(code="UPR", defaults={"name": "Universal Periodic Review", "kind": "upr"})
    docs = {cycle: SourceDocument.objects.get_or_create(symbol=symbol, defaults={
        "mechanism": upr, "cycle": cycle, "date": day})[0]
        for cycle, symbol, day in ((1, "A/HRC/14/10", date(2010, 3, 23)), (2, "A/HRC/28/10", date(2014, 12, 10)))}
    norway = Country.objects.create(name="Norway")
    recs = {}
    for i, (key, (language, cycle, published, text)) in enumerate(TEXTS.items()):
        recs[key] = Recommendation.objects.create(source_document=docs[cycle], paragraph=f"{cycle}.{i}", text=text,
                                                  language=language, is_published=published)
    recs["op_cat"].recommending_states.add(norway)
    return recs


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
