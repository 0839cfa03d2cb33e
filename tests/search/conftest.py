"""Fixtures for search tests: records with known texts, indexed through the normal save path."""

from datetime import date

import pytest

from rightstrack.recommendations.models import Country, Mechanism, Recommendation, SourceDocument

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


@pytest.fixture
def corpus(db):
    """Eight recommendations in two cycles, English and Russian, one unpublished; returns {key: rec}."""
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


@pytest.fixture(scope="session")
def sdg_model(tmp_path_factory):
    """A small SDG tagger (hashing embedder, so no model download) trained once; returns its directory."""
    from rightstrack.tagging.training import train

    texts, labels = [], []
    for i in range(10):
        texts += [f"Ratify the convention against torture, step {i}", f"Abolish the death penalty, case {i}",
                  f"Protect children in schools, plan {i}"]
        labels += [["16"], ["16", "3"], ["4"]]
    directory = tmp_path_factory.mktemp("sdg-model")
    train("sdg", texts, labels, embedder_name="hashing-2048", k=3).save(directory)
    return directory
