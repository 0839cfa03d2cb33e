"""Fixtures for search tests: records with known texts, indexed through the normal save path."""

import pytest

from tests.search.fixtures import recommendation_corpus


@pytest.fixture
def corpus(db):
    """Eight recommendations in two cycles, English and Russian, one unpublished; returns {key: rec}."""
    return recommendation_corpus()
