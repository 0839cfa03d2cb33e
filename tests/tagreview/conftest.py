"""Fixtures for tag-review tests: the search tests' corpus of known texts, and a small SDG tagger."""

import pytest

from rightstrack.tagging.training import train
from tests.search.fixtures import recommendation_corpus


@pytest.fixture
def corpus(db):
    """Eight recommendations in two cycles, English and Russian, one unpublished; returns {key: rec}."""
    return recommendation_corpus()


def sdg_tagger(directory):
    """Train a small SDG tagger (hashing embedder, so no model download) into `directory`; returns it."""
    texts, labels = [], []
    for i in range(10):
        texts += [f"Ratify the convention against torture, step {i}", f"Abolish the death penalty, case {i}",
                  f"Protect children in schools, plan {i}"]
        labels += [["16"], ["16", "3"], ["4"]]
    train("sdg", texts, labels, embedder_name="hashing-2048", k=3).save(directory)
    return directory


@pytest.fixture(scope="session")
def sdg_model(tmp_path_factory):
    """A small SDG tagger trained once; returns its directory."""
    return sdg_tagger(tmp_path_factory.mktemp("sdg-model"))
